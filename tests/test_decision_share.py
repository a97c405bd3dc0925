"""Decision shares (RULES.md, section 5) computed from real partnership files."""

from __future__ import annotations

import datetime as dt

import pytest

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.loader import load_bytes

HEADER = """\
partnership: {name: Riverside, established: 2023-01-01, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Housing Trust}
  - {id: health, name: Health Board}
  - {id: college, name: City College}
  - {id: police, name: Police}
decisions:
"""


def facts_for(decisions: str) -> Facts:
    loaded = load_bytes((HEADER + decisions).encode("utf-8"), "decisions.yaml")
    assert loaded.errors == (), [e.message for e in loaded.errors]
    assert loaded.partnership is not None
    as_of = loaded.partnership.partnership.as_of
    assert as_of == dt.date(2026, 11, 1)
    return Facts(loaded.partnership, as_of)


def test_a_decision_taken_jointly_by_all_five_gives_each_a_fifth() -> None:
    facts = facts_for(
        "  - {date: 2026-05-01, summary: Budget,"
        " made_by: [council, trust, health, college, police]}\n"
    )
    shares, count = facts.decision_shares(24)
    assert count == 1
    assert shares == pytest.approx(
        {"council": 0.2, "trust": 0.2, "health": 0.2, "college": 0.2, "police": 0.2}
    )


def test_a_decision_taken_alone_gives_its_maker_everything() -> None:
    facts = facts_for("  - {date: 2026-05-01, summary: Budget, made_by: [council]}\n")
    assert facts.decision_shares(24) == ({"council": 1.0}, 1)


def test_shares_are_averaged_over_the_decisions_in_the_window() -> None:
    facts = facts_for(
        "  - {date: 2026-05-01, summary: Budget,"
        " made_by: [council, trust, health, college, police]}\n"
        "  - {date: 2026-06-01, summary: Staffing, made_by: [council]}\n"
        "  - {date: 2026-07-01, summary: Venue, made_by: [trust, health]}\n"
        "  - {date: 2026-08-01, summary: Logo, made_by: [council], consulted: [trust]}\n"
    )
    shares, count = facts.decision_shares(24)
    assert count == 4
    # council: (1/5 + 1 + 1) / 4; trust and health: (1/5 + 1/2) / 4; the others 1/5 / 4.
    assert shares == pytest.approx(
        {"council": 0.55, "trust": 0.175, "health": 0.175, "college": 0.05, "police": 0.05}
    )
    assert sum(shares.values()) == pytest.approx(1.0)


def test_consulted_organisations_get_no_share() -> None:
    facts = facts_for(
        "  - {date: 2026-05-01, summary: Budget, made_by: [council], consulted: [trust, health]}\n"
    )
    shares, _ = facts.decision_shares(24)
    assert shares == {"council": 1.0}


def test_window_edges() -> None:
    """The window is the 24 months after 2024-11-01 up to and including 2026-11-01."""
    facts = facts_for(
        "  - {date: 2024-11-01, summary: On the first day (outside), made_by: [police]}\n"
        "  - {date: 2024-11-02, summary: The day after (inside), made_by: [council]}\n"
        "  - {date: 2026-11-01, summary: On the as-of date (inside), made_by: [trust]}\n"
        "  - {date: 2026-11-02, summary: After the as-of date (outside), made_by: [health]}\n"
    )
    assert facts.window_start(24) == dt.date(2024, 11, 1)
    assert facts.decision_shares(24) == ({"council": 0.5, "trust": 0.5}, 2)


def test_each_window_length_counts_its_own_decisions() -> None:
    facts = facts_for(
        "  - {date: 2025-06-01, summary: Budget, made_by: [council]}\n"
        "  - {date: 2026-06-01, summary: Staffing, made_by: [trust]}\n"
    )
    assert facts.decision_shares(24) == ({"council": 0.5, "trust": 0.5}, 2)
    assert facts.decision_shares(12) == ({"trust": 1.0}, 1)


def test_no_decisions_in_the_window_gives_no_shares() -> None:
    facts = facts_for("  - {date: 2020-06-01, summary: Charter, made_by: [council]}\n")
    assert facts.decision_shares(24) == ({}, 0)

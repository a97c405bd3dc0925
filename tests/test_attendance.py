"""Attendance at its meetings, counted once per window (CG701, GP701), against the
definition read member by member (`Facts.its_meetings`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.loader import load_bytes, load_path
from collabgain_cli.rules.active_leadership import Attendance, AttendanceBook

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))

JOINERS = """
partnership: {name: Riverside, established: 2023-01-01, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Housing Trust, joined: 2026-04-01}
  - {id: health, name: Health Board}
  - {id: fund, name: Lottery Fund, roles: [funder, observer]}
people:
  - {id: ann, name: Ann Lee, organisation: health}
governance:
  bodies:
    - {id: finance, name: Finance Group, members: [council, trust]}
meetings:
  - {date: 2026-01-10, body: finance, attended: [council, trust]}
  - {date: 2026-04-01, body: finance, attended: [trust]}
  - {date: 2026-05-01, attended: [council, fund], people: [ann]}
  - {date: 2026-06-01, body: finance, attended: [health]}
  - {date: 2026-07-01}
  - {date: 2026-08-01, body: finance}
"""


def by_definition(facts: Facts, org_id: str, months: int) -> Attendance:
    org = facts.orgs[org_id]
    org_of = {p.id: p.organisation for p in facts.partnership.people}
    attended = recorded = unrecorded = 0
    for meeting in facts.its_meetings(org, months):
        if not (meeting.attended or meeting.people):
            unrecorded += 1
            continue
        recorded += 1
        came = set(meeting.attended) | {org_of.get(p) for p in meeting.people}
        attended += org_id in came
    return Attendance(attended, recorded, unrecorded)


def test_counts_only_its_meetings_since_it_joined() -> None:
    loaded = load_bytes(JOINERS.encode("utf-8"), "joiners.yaml")
    assert loaded.partnership is not None
    facts = Facts(loaded.partnership, dt.date(2026, 11, 1))
    book = AttendanceBook(facts, 12)
    # Trust joined on 2026-04-01: the finance meeting of January is not its meeting.
    assert book.of(facts.orgs["trust"]) == Attendance(1, 3, 2)
    assert book.of(facts.orgs["council"]) == Attendance(2, 4, 2)
    # Health sits on no body: it came to the partnership meeting through Ann; its visit
    # to the finance group is not one of its meetings.
    assert book.of(facts.orgs["health"]) == Attendance(1, 1, 1)
    assert "fund" not in book.attended


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("months", [12, 24])
def test_agrees_with_the_definition_on_the_examples(path: Path, months: int) -> None:
    loaded = load_path(str(path))
    assert loaded.partnership is not None
    as_of = loaded.partnership.partnership.as_of or dt.date(2026, 11, 1)
    facts = Facts(loaded.partnership, as_of)
    book = AttendanceBook(facts, months)
    for org in facts.members:
        assert book.of(org) == by_definition(facts, org.id, months), org.id

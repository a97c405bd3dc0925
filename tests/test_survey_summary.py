"""`collabgain survey summary`: current respondents per principle, beside the records."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .conftest import Result

RunLine = Callable[..., "Result"]
Write = Callable[[str, str | bytes], Path]

# Four current respondents: Annabel's latest assessment and three anonymous ones. Not
# counted: Annabel's earlier one, Bartholomew's (he has left), an anonymous response from an
# observer, one older than 24 months and one after the as-of date.
PARTNERSHIP = """\
partnership:
  name: Test Partnership
  as_of: 2026-11-01
  established: 2020-01-01
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Community Trust}
  - {id: college, name: City College}
  - {id: watcher, name: Watching Body, roles: [observer]}
people:
  - {id: ann, name: Annabel Quist, organisation: council}
  - {id: bob, name: Bartholomew Ruiz, organisation: trust, left: 2026-01-01}
decisions:
  - {date: 2026-01-10, summary: One, made_by: [council]}
  - {date: 2026-02-10, summary: Two, made_by: [council]}
  - {date: 2026-03-10, summary: Three, made_by: [council]}
  - {date: 2026-04-10, summary: Four, made_by: [council]}
  - {date: 2026-05-10, summary: Five, made_by: [council]}
assessments:
  - {by: ann, date: 2026-09-01, scores: {managing-aims: 5, balance-of-power: 4}}
  - {by: ann, date: 2025-01-01, scores: {managing-aims: 1}}
  - {by: bob, date: 2025-12-01, scores: {managing-aims: 1}}
  - anonymous: true
    date: 2026-10-01
    scores: {managing-aims: 4, leadership-structures: 1}
    x-comment: "zebra crossing"
  - anonymous: true
    organisation: council
    date: 2026-10-02
    scores: {managing-aims: 4.5, leadership-structures: 1.5, balance-of-power: 1}
    x-comment: "Apples and pears,\\nand more"
  - {anonymous: true, date: 2026-10-03, scores: {managing-aims: 5, leadership-structures: 2}}
  - {anonymous: true, organisation: watcher, date: 2026-10-03, scores: {managing-aims: 1}}
  - {anonymous: true, date: 2024-01-01, scores: {managing-aims: 1}}
  - {anonymous: true, date: 2026-12-01, scores: {managing-aims: 1}}
"""


@pytest.fixture
def partnership(write: Write) -> Path:
    return write("test.yaml", PARTNERSHIP)


def _json(run_line: RunLine, path: Path, *extra: str) -> dict[str, Any]:
    result = run_line("survey", "summary", str(path), "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _principle(data: dict[str, Any], principle: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in data["principles"] if p["id"] == principle)
    return found


def test_only_current_respondents_count(run_line: RunLine, partnership: Path) -> None:
    data = _json(run_line, partnership)
    assert data["respondents"] == 4
    assert data["anonymous"] == 3
    assert {r["reason"]: r["count"] for r in data["not_counted"]} == {
        "anonymous, from an organisation that is not a member": 1,
        "by someone no longer taking part, or not a member": 1,
        "dated after the as-of date": 1,
        "older than 24 months": 1,
        "replaced by the same respondent's later assessment": 1,
    }
    aims = _principle(data, "managing-aims")
    # Annabel's latest 5 and the anonymous 4, 4.5 and 5: mean 4.625, shown as 4.6.
    assert aims["respondents"] == 4
    assert aims["mean"] == 4.6
    assert (aims["lowest"], aims["highest"]) == (4.0, 5.0)
    assert aims["distribution"] == [0, 0, 0, 1, 3]


def test_fewer_than_three_respondents_show_no_figure(run_line: RunLine, partnership: Path) -> None:
    power = _principle(_json(run_line, partnership), "balance-of-power")
    assert power["respondents"] == 2
    assert power["mean"] is None and power["distribution"] is None and power["lowest"] is None
    text = run_line("survey", "summary", str(partnership)).stdout
    assert "Balance of power: 2 respondents, too few to show (at least 3)" in text
    html = run_line("survey", "summary", str(partnership), "-f", "html").stdout
    section = html[html.index("<h2>Balance of power</h2>") :]
    section = section[: section.index("</section>")]
    assert "<svg" not in section and "mean" not in section


def test_members_and_records_compared(run_line: RunLine, partnership: Path) -> None:
    data = _json(run_line, partnership)
    aims = _principle(data, "managing-aims")
    # No purpose (CG101, an error) while members rate managing aims 4.6: they differ.
    assert "missing purpose" in aims["concerns"]
    assert aims["comparison"] == "members_higher"
    assert aims["agrees"] is False
    lead = _principle(data, "leadership-structures")
    # Five decisions all by the council (CG601, CG602) and a mean of 1.5: they agree.
    assert {"centralised decisions", "unilateral decisions"} <= set(lead["concerns"])
    assert lead["mean"] == 1.5
    assert lead["comparison"] == "both_concern"
    text = run_line("survey", "summary", str(partnership)).stdout
    assert "Members and records: differ: members rate it highly, the records raise" in text
    assert "Members and records: agree: both see a problem" in text


def test_a_wide_spread_is_hidden_disagreement(run_line: RunLine, write: Write) -> None:
    spread = PARTNERSHIP.replace("leadership-structures: 1.5", "leadership-structures: 4.5")
    data = _json(run_line, write("spread.yaml", spread))
    lead = _principle(data, "leadership-structures")
    assert (lead["lowest"], lead["highest"]) == (1.0, 4.5)
    assert lead["divided"] is True
    assert _principle(data, "managing-aims")["divided"] is False


def test_text_draws_a_bar_per_score(run_line: RunLine, partnership: Path) -> None:
    text = run_line("survey", "summary", str(partnership)).stdout
    assert "Managing aims: 4 respondents, mean 4.6, spread 4.0 to 5.0" in text
    bars = re.findall(r"^  (\d) \w[\w ]*?\s+(█*)\s+(\d+)$", text, re.MULTILINE)
    aims = bars[:5]
    assert [(score, count) for score, _, count in aims] == [
        ("1", "0"),
        ("2", "0"),
        ("3", "0"),
        ("4", "1"),
        ("5", "3"),
    ]
    assert len(aims[4][1]) == 3 * len(aims[3][1]) > 0


def test_html_has_an_inline_svg_chart_per_shown_principle(
    run_line: RunLine, partnership: Path
) -> None:
    result = run_line("survey", "summary", str(partnership), "-f", "html")
    assert result.exit_code == 0
    assert result.stdout.count("<svg") == 2  # managing aims and leadership structures
    assert result.stdout.count("<rect") == 10


def test_markdown_is_one_table(run_line: RunLine, partnership: Path) -> None:
    result = run_line("survey", "summary", str(partnership), "-f", "markdown")
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == 8
    assert rows[1].startswith("| Managing aims | 4 | 4.6 | 4.0 to 5.0 | 0 | 0 | 0 | 1 | 3 |")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_no_report_names_a_respondent(run_line: RunLine, partnership: Path, fmt: str) -> None:
    result = run_line("survey", "summary", str(partnership), "-f", fmt, "--comments")
    assert result.exit_code == 0
    for name in ("Annabel", "Quist", "ann", "Bartholomew", "bob", "2026-10-02"):
        assert not re.search(rf"\b{name}\b", result.stdout), name


def test_comments_only_when_asked_and_in_alphabetical_order(
    run_line: RunLine, partnership: Path
) -> None:
    plain = run_line("survey", "summary", str(partnership)).stdout
    assert "zebra" not in plain and "Apples" not in plain
    data = _json(run_line, partnership, "--comments")
    assert data["comments"] == ["Apples and pears,\nand more", "zebra crossing"]
    text = run_line("survey", "summary", str(partnership), "--comments").stdout
    assert text.index("Apples and pears") < text.index("zebra crossing")


def test_comments_are_withheld_for_fewer_than_three(run_line: RunLine, write: Write) -> None:
    few = write(
        "few.yaml",
        PARTNERSHIP.replace("date: 2026-10-01", "date: 2020-10-01").replace(
            "date: 2026-10-03, scores", "date: 2020-10-03, scores"
        ),
    )
    result = run_line("survey", "summary", str(few), "--comments")
    assert "Comments are not shown for fewer than 3 respondents." in result.stdout
    assert "Apples" not in result.stdout


def test_as_of_moves_the_window(run_line: RunLine, write: Write) -> None:
    undated = write("undated.yaml", PARTNERSHIP.replace("  as_of: 2026-11-01\n", ""))
    data = _json(run_line, undated, "--as-of", "2024-06-01")
    assert data["as_of"] == "2024-06-01"
    assert data["respondents"] == 1  # only the anonymous response of 2024-01-01


def test_bad_input(run_line: RunLine, write: Write, partnership: Path) -> None:
    assert run_line("survey", "summary", "missing.yaml").exit_code == 2
    assert run_line("survey", "summary", str(partnership), "--as-of", "soon").exit_code == 2
    invalid = write("invalid.yaml", "partnership: {name: X}\norganisations: [{id: a}]\n")
    result = run_line("survey", "summary", str(invalid))
    assert result.exit_code == 1
    assert f"{invalid}:2:" in result.stderr

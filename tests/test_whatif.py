"""`collabgain check --without ORG` through the real CLI, on the examples and small real files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.loader import load_bytes
from collabgain_cli.model import OrgStatus
from collabgain_cli.whatif import without_organisations

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

Run = Callable[..., Any]
Write = Callable[[str, str | bytes], Path]

# A chain council - trust - school - chamber with allotments on its own: trust and school are
# bridges (CG405), allotments is isolated (CG404). The school leads the careers fair, and Sam
# is its only person.
CHAIN = """\
partnership: {name: Chain Partnership, established: 2024-01-01, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council, roles: [convener]}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
  - {id: chamber, name: Chamber of Commerce}
  - {id: allotments, name: Allotment Society}
  - {id: bank, name: Old Bank, status: former, left: 2025-01-31}
people:
  - {id: ann, name: Ann Lee, organisation: council}
  - {id: sam, name: Sam Hill, organisation: school}
  - {id: tom, name: Tom Hill, organisation: school, left: 2025-06-30}
  - {id: tia, name: Tia Moss, organisation: trust}
activities:
  - {id: walks, name: Health walks, status: active, lead: council, partners: [trust]}
  - {id: careers, name: Careers fair, status: active, lead: school, owner: sam,
     partners: [chamber]}
decisions:
  - {date: 2026-02-10, summary: Venue, made_by: [trust, school]}
meetings:
  - {date: 2026-04-01, attended: [trust, school]}
"""

SELECT = ("--select", "CG404,CG405,CG505")


def what_if_json(run_line: Run, *args: str) -> dict[str, Any]:
    result = run_line("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def keys(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f["code"], f["subject"]) for f in findings]


def test_without_a_bridge_the_network_splits(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    record = what_if_json(run_line, "chain.yaml", *SELECT, "--without", "school")
    what_if = record["files"][0]["what_if"]
    assert what_if["without"] == ["school"]
    assert what_if["network"] == {
        "parts_before": 2,
        "parts_after": 3,
        "split": True,
        "parts": [["council", "trust"], ["chamber"], ["allotments"]],
    }
    assert keys(what_if["findings_appeared"]) == [
        ("CG404", "chamber"),
        ("CG505", "careers"),
    ]
    assert keys(what_if["findings_resolved"]) == [("CG405", "trust"), ("CG405", "school")]
    assert what_if["status_changes"] == [
        {"principle": "managing-change", "before": "green", "after": "red"}
    ]
    assert what_if["status"] == {"before": "green", "after": "red"}
    assert what_if["not_active"] == []


def test_the_report_is_of_the_changed_partnership(run_line: Run, write: Write) -> None:
    """Findings, statuses and the exit code are those of the partnership without them."""
    write("chain.yaml", CHAIN)
    before = run_line("check", "chain.yaml", *SELECT, "--format", "json")
    after = run_line("check", "chain.yaml", *SELECT, "--format", "json", "--without", "school")
    assert before.exit_code == 0
    assert after.exit_code == 1
    file = json.loads(after.stdout)["files"][0]
    messages = [f["message"] for f in file["findings"] if f["code"] == "CG505"]
    assert messages == [
        "'Careers fair' (active) is led by Riverside School, which left on 2026-11-01; "
        "it is owned by Sam Hill, who left on 2026-11-01"
    ]
    record = json.loads(before.stdout)["files"][0]
    assert list(file)[: len(record)] == list(record)
    assert list(file)[len(record) :] == ["what_if"]
    assert list(file["what_if"]) == [
        "without",
        "findings_appeared",
        "findings_resolved",
        "status_changes",
        "network",
        "status",
        "collaboration_level",
        "not_active",
    ]
    # A finding record in what_if is a finding record of check.
    appeared = file["what_if"]["findings_appeared"][0]
    assert appeared in file["findings"]


def test_without_a_member_with_other_ties_nothing_splits(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    what_if = what_if_json(run_line, "chain.yaml", *SELECT, "--without", "allotments")["files"][0][
        "what_if"
    ]
    assert what_if["network"]["parts_before"] == 2
    assert what_if["network"]["parts_after"] == 1
    assert what_if["network"]["split"] is False
    assert keys(what_if["findings_resolved"]) == [("CG404", "allotments")]


def test_repeated_without_removes_each(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    record = what_if_json(
        run_line, "chain.yaml", *SELECT, "--without", "trust", "--without", "chamber"
    )
    what_if = record["files"][0]["what_if"]
    assert what_if["without"] == ["trust", "chamber"]
    assert what_if["network"]["parts"] == [["council"], ["school"], ["allotments"]]
    assert what_if["network"]["split"] is True


def test_a_member_that_already_left_changes_nothing(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    what_if = what_if_json(run_line, "chain.yaml", "--without", "bank")["files"][0]["what_if"]
    assert what_if["not_active"] == ["bank"]
    assert what_if["findings_appeared"] == what_if["findings_resolved"] == []
    assert what_if["status_changes"] == []
    assert what_if["network"]["split"] is False
    text = run_line("check", "chain.yaml", "--without", "bank").stdout
    assert "  bank was not an active member on that date\n" in text


def test_text_shows_the_report_then_what_changes(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    result = run_line("check", "chain.yaml", *SELECT, "--without", "school")
    assert result.exit_code == 1
    report, section = result.stdout.split("What if school left on 2026-11-01\n")
    assert report.startswith("Chain Partnership  chain.yaml\nas of 2026-11-01 · status ✖ red")
    assert "Departed lead CG505\n      Careers fair\n" in report
    assert section == (
        "  status ✔ green → ✖ red · level coordinating → coordinating\n"
        "  network: 2 parts before, 3 after; it splits: council and trust; chamber; allotments\n"
        "  Principles whose status changes\n"
        "    Managing change: ✔ green → ✖ red\n"
        "  Findings that appear (2)\n"
        "    ℹ info    CG404 isolated-member · chamber\n"  # noqa: RUF001
        "        'Chamber of Commerce' shares no live or planned activity, decision or meeting of "
        "a smaller\n"
        "        group with any of the other 3 members in the 24 months to 2026-11-01\n"
        "        chain.yaml:6\n"
        "    ✖ error   CG505 departed-lead · careers\n"
        "        'Careers fair' (active) is led by Riverside School, which left on 2026-11-01; "
        "it is owned by\n"
        "        Sam Hill, who left on 2026-11-01\n"
        "        chain.yaml:16\n"
        "  Findings resolved (2)\n"
        "    ℹ info    CG405 single-bridge · trust\n"  # noqa: RUF001
        "        'Health Trust' is the only link between groups of members: without it the other "
        "4 would\n"
        "        split into 3 parts (City Council; Riverside School and Chamber of Commerce; "
        "Allotment\n"
        "        Society)\n"
        "        chain.yaml:4\n"
        "    ℹ info    CG405 single-bridge · school\n"  # noqa: RUF001
        "        'Riverside School' is the only link between groups of members: without it the "
        "other 4 would\n"
        "        split into 3 parts (City Council and Health Trust; Chamber of Commerce; "
        "Allotment Society)\n"
        "        chain.yaml:5\n"
    )


def test_riverside_without_the_council(run_line: Run) -> None:
    path = str(EXAMPLES / "riverside.yaml")
    what_if = what_if_json(run_line, path, "--without", "council")["files"][0]["what_if"]
    appeared = keys(what_if["findings_appeared"])
    # Without the council, the BID's only tie (planned jobs brokerage) goes, and Riverside
    # Homes is the one link left between the others.
    assert ("CG404", "bid") in appeared
    assert ("CG405", "homes") in appeared
    assert appeared.count(("CG505", "wharf-masterplan")) == 1
    assert ("CG402", "nadia-kowalski") in keys(what_if["findings_resolved"])
    assert what_if["network"]["split"] is True


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_without_nobody_changing_is_the_plain_check(run_line: Run, example: str) -> None:
    """Removing a member changes only what follows from it: the rest of the report stays."""
    path = str(EXAMPLES / example)
    plain = json.loads(run_line("check", path, "--format", "json").stdout)["files"][0]
    record = what_if_json(run_line, path, "--without", load_first_org(path))["files"][0]
    what_if = record["what_if"]
    appeared = {json.dumps(f, sort_keys=True) for f in what_if["findings_appeared"]}
    resolved = {json.dumps(f, sort_keys=True) for f in what_if["findings_resolved"]}
    before = {json.dumps(f, sort_keys=True) for f in plain["findings"]}
    after = {json.dumps(f, sort_keys=True) for f in record["findings"]}
    assert appeared <= after and not appeared & before
    assert resolved <= before
    assert {p["id"]: p["status"] for p in plain["principles"]} == {
        **{p["id"]: p["status"] for p in record["principles"]},
        **{c["principle"]: c["before"] for c in what_if["status_changes"]},
    }


def load_first_org(path: str) -> str:
    loaded = load_bytes(Path(path).read_bytes(), path)
    assert loaded.partnership is not None
    return loaded.partnership.organisations[0].id


def test_organisations_and_their_people_leave_on_the_as_of_date() -> None:
    loaded = load_bytes(CHAIN.encode(), "chain.yaml")
    assert loaded.partnership is not None
    day = dt.date(2026, 11, 1)
    changed = without_organisations(loaded.partnership, ["school", "bank"], day)
    orgs = {o.id: o for o in changed.organisations}
    assert (orgs["school"].status, orgs["school"].left) == (OrgStatus.FORMER, day)
    assert orgs["bank"].left == dt.date(2025, 1, 31)
    assert orgs["council"] == loaded.partnership.organisations[0]
    people = {p.id: p for p in changed.people}
    assert people["sam"].left == day
    assert people["tom"].left == dt.date(2025, 6, 30)
    assert people["ann"].left is None
    assert changed.activities == loaded.partnership.activities
    assert loaded.partnership.organisations[2].status is OrgStatus.ACTIVE


def test_unknown_organisation_is_a_usage_error(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    result = run_line("check", "chain.yaml", "--without", "shcool")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "collabgain: --without: chain.yaml has no organisation 'shcool'; did you mean 'school'?\n"
    )
    result = run_line("check", "chain.yaml", "--without", "zzz")
    assert result.exit_code == 2
    assert "`collabgain map chain.yaml` lists its organisations" in result.stderr


def test_every_file_must_have_the_organisation(run_line: Run, write: Write) -> None:
    write("a/chain.yaml", CHAIN)
    write("a/other.yaml", CHAIN.replace("id: school", "id: academy").replace("school", "academy"))
    result = run_line("check", "a", "--without", "school")
    assert result.exit_code == 2
    assert "a/other.yaml has no organisation 'school'; did you mean 'council'?" not in (
        result.stderr
    )
    assert "a/other.yaml has no organisation 'school'" in result.stderr


def test_several_files_each_get_a_section(run_line: Run, write: Write) -> None:
    write("a/one.yaml", CHAIN)
    write("a/two.yaml", CHAIN.replace("Chain Partnership", "Second Chain"))
    write("a/bad.yaml", "partnership: {name: Bad}\norganisations: []\n")
    record = what_if_json(run_line, "a", "--without", "school", *SELECT)
    assert [("what_if" in f) for f in record["files"]] == [False, True, True]
    text = run_line("check", "a", "--without", "school", *SELECT).stdout
    assert text.count("What if school left on 2026-11-01\na/") == 2


@pytest.mark.parametrize("name", ["sarif", "concise", "github", "junit", "markdown"])
def test_other_formats_are_a_usage_error(run_line: Run, write: Write, name: str) -> None:
    write("chain.yaml", CHAIN)
    result = run_line("check", "chain.yaml", "--format", name, "--without", "school")
    assert result.exit_code == 2
    assert result.stderr == f"collabgain: --without: use --format text or json, not {name}\n"


def test_exit_zero_and_output_file_still_apply(run_line: Run, write: Write, tmp_path: Path) -> None:
    write("chain.yaml", CHAIN)
    result = run_line(
        "check",
        "chain.yaml",
        *SELECT,
        "--without",
        "school",
        "--exit-zero",
        "-f",
        "json",
        "-o",
        "out.json",
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    saved = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert saved["files"][0]["what_if"]["network"]["split"] is True

"""Three realistic partnerships, judged by a partnership manager before the tool was run.

`tests/practitioner/JUDGEMENT.md` is that judgement, written from the files alone. These tests
hold the check to what it got right, so a change that turns a healthy partnership red, flags an
observer or a sub-group member, or misses the chair that never rotates fails here:
- a mature food partnership that works well is green or amber on every principle, never red,
  at the collaborating level, and says what is going well;
- a network of networks that mostly shares information is at the networking level, and its
  informal ways (no decision rule) are information, not a warning;
- a statutory community safety partnership: the observer funder that never attends, members of
  sub-groups judged on their own meetings, the independent resident and the people who have
  left raise nothing about taking part; the council's chair since 2016, across a two-week gap
  between two councillors, is found (and waived by the partnership); police leadership churn,
  the funding cliff and the unmanaged ICB merger are reported.

Where the check and the judgement still differ (the catalogue counts a backbone's in-kind
support in CG202, and attendance under half of a member's meetings is a warning), the tests
pin nothing either way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

CASES = Path(__file__).parent / "practitioner"

Run = Callable[..., Any]


def _checked(run_line: Run, name: str) -> dict[str, Any]:
    result = run_line("check", str(CASES / name), "-f", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    file: dict[str, Any] = json.loads(result.stdout)["files"][0]
    assert file["valid"], file["errors"]
    return file


def _about(file: dict[str, Any], *subjects: str) -> list[tuple[str, str]]:
    return [(f["code"], f["subject"]) for f in file["findings"] if f["subject"] in subjects]


def test_the_mature_food_partnership_is_not_red(run_line: Run) -> None:
    file = _checked(run_line, "mature-food.yaml")
    statuses = {p["id"]: p["status"] for p in file["principles"]}
    assert "red" not in statuses.values(), statuses
    assert file["status"] in ("green", "amber")
    assert file["collaboration_level"] == "collaborating"
    assert {"GP101", "GP201", "GP301", "GP302"} <= {s["code"] for s in file["strengths"]}
    # The county observer takes no part, and is asked for nothing.
    assert _about(file, "county") == []
    # A funder giving about 44% of the cash, and a proposal two months old, are not findings.
    assert not [f for f in file["findings"] if f["code"] in ("CG202", "CG104")]


def test_the_network_of_networks_is_networking_and_informal_by_design(run_line: Run) -> None:
    file = _checked(run_line, "network-of-networks.yaml")
    assert file["collaboration_level"] == "networking"
    # A £3,000 event budget and a cancelled peer-visit scheme do not lift the level, nor does
    # the reason cite them.
    assert "peer" not in file["collaboration_reason"].lower()
    no_rule = [f for f in file["findings"] if f["code"] == "CG603"]
    assert [f["severity"] for f in no_rule] == ["info"]
    assert _about(file, "county") == []


def test_the_statutory_partnership_judges_members_on_their_own_part(run_line: Run) -> None:
    file = _checked(run_line, "statutory-csp.yaml")
    # The observer funder, the independent resident and people who have left raise nothing.
    assert _about(file, "pcc", "e-wainwright", "n-ahmed", "m-ellery", "j-pike") == [
        ("CG507", "pcc")  # its grants end in March with nothing after: money still counts
    ]
    # Sub-group members are judged on their own meetings: only the ICB, at 6 of its 14, is low.
    low = sorted(f["subject"] for f in file["findings"] if f["code"] == "CG701")
    assert low == ["icb"]
    chair = [f for f in file["findings"] if f["code"] == "CG204"]
    assert [(f["subject"], f["waived"]) for f in chair] == [("council", True)]
    assert "since 2016-05-20" in chair[0]["message"]
    codes = {f["code"] for f in file["findings"] if not f["waived"]}
    assert {"CG509", "CG507", "CG503", "CG108", "CG804"} <= codes
    assert file["collaboration_level"] == "cooperating"
    assert file["collaboration_peak"].startswith("collaborating: ")

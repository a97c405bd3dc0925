"""Waivers through the engine and the CLI: marked, explained, never failing, and kept tidy."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli import pipeline
from collabgain_cli.engine import Settings
from collabgain_cli.findings import FileReport, Finding, Report, Severity, Status
from collabgain_cli.loader import load_bytes

# No purpose (CG101, an error) and two organisations without aims (CG102, a warning each).
PARTNERSHIP = """\
partnership:
  name: Riverside
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Community Trust}
"""


def check(waivers: str = "") -> FileReport:
    text = PARTNERSHIP + (f"waivers:\n{waivers}" if waivers else "")
    loaded = load_bytes(text.encode("utf-8"), "riverside.yaml")
    assert loaded.errors == (), [e.message for e in loaded.errors]
    return pipeline.check(loaded, Settings.default()).report


def of(report: FileReport, code: str) -> list[Finding]:
    return [f for f in report.findings if f.code == code]


def test_without_waivers_the_error_fails_the_run() -> None:
    report = check()
    (purpose,) = of(report, "CG101")
    assert not purpose.waived and purpose.waiver_reason is None
    assert Report((report,)).failed


def test_a_waived_finding_is_marked_carries_its_reason_and_does_not_fail_the_run() -> None:
    report = check("  - {rule: CG101, reason: purpose to be agreed at the March board}\n")
    (purpose,) = of(report, "CG101")
    assert purpose.waived
    assert purpose.waiver_reason == "purpose to be agreed at the March board"
    assert purpose.severity is Severity.ERROR
    run = Report((report,))
    assert not run.fails(purpose)
    assert not run.failed
    assert run.summary.waived == 1 and run.summary.error == 0


def test_waived_findings_do_not_count_towards_the_principle_status() -> None:
    unwaived = {p.id: p.status for p in check().principles}
    assert unwaived["managing-aims"] is Status.RED
    report = check(
        "  - {rule: CG101, reason: purpose to be agreed}\n"
        "  - {rule: CG102, reason: members' aims are being collected}\n"
    )
    waived = {p.id: p.status for p in report.principles}
    assert waived["managing-aims"] is Status.GREEN


def test_an_expired_waiver_does_not_apply_and_is_reported() -> None:
    report = check("  - {rule: CG101, reason: purpose to be agreed, until: 2026-10-31}\n")
    (purpose,) = of(report, "CG101")
    assert not purpose.waived
    assert Report((report,)).failed
    (expired,) = of(report, "CG011")
    assert expired.severity is Severity.WARNING
    assert expired.path == "waivers[0].until" and expired.line == 8
    assert "expired on 2026-10-31" in expired.message
    assert not of(report, "CG012"), "an expired waiver is not also reported as unused"


def test_a_waiver_in_force_on_its_last_day_applies() -> None:
    report = check("  - {rule: CG101, reason: purpose to be agreed, until: 2026-11-01}\n")
    assert of(report, "CG101")[0].waived
    assert not of(report, "CG011")


def test_an_unmatched_waiver_is_reported() -> None:
    report = check(
        "  - {rule: CG101, reason: purpose to be agreed}\n"
        "  - {rule: CG102, subject: college, reason: no such member}\n"
    )
    (unused,) = of(report, "CG012")
    assert unused.severity is Severity.INFO
    assert unused.path == "waivers[1]" and unused.line == 9
    assert "about 'college'" in unused.message
    assert not Report((report,)).failed


def test_a_waiver_with_a_subject_waives_only_that_subjects_finding() -> None:
    report = check("  - {rule: CG102, subject: trust, reason: aims to be set by its new board}\n")
    waived = {f.subject: f.waived for f in of(report, "CG102")}
    assert waived == {"council": False, "trust": True}
    assert not of(report, "CG012")


def test_a_waiver_without_a_subject_waives_every_finding_of_its_rule() -> None:
    report = check("  - {rule: CG102, reason: members' aims are being collected}\n")
    findings = of(report, "CG102")
    assert len(findings) == 2 and all(f.waived for f in findings)


@pytest.mark.parametrize("rule", ["CG101", "cg101", "missing-purpose", "Missing-Purpose"])
def test_a_rule_is_named_by_code_or_by_name(rule: str) -> None:
    report = check(f"  - {{rule: {rule}, reason: purpose to be agreed}}\n")
    assert of(report, "CG101")[0].waived
    assert not of(report, "CG010") and not of(report, "CG012")


def test_a_misspelt_rule_waives_nothing_and_is_reported() -> None:
    report = check("  - {rule: missing-purpse, reason: purpose to be agreed}\n")
    assert not of(report, "CG101")[0].waived
    (unknown,) = of(report, "CG010")
    assert unknown.path == "waivers[0].rule" and unknown.line == 8
    assert "'missing-purpse'" in unknown.message


def test_the_first_waiver_in_force_gives_the_reason() -> None:
    report = check(
        "  - {rule: CG101, reason: old reason, until: 2026-01-31}\n"
        "  - {rule: missing-purpose, reason: current reason}\n"
        "  - {rule: CG101, reason: later reason}\n"
    )
    assert of(report, "CG101")[0].waiver_reason == "current reason"


def test_the_cli_passes_a_run_whose_only_error_is_waived(
    run_line: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    failing = write("failing.yaml", PARTNERSHIP)
    waived = write(
        "waived.yaml",
        PARTNERSHIP + "waivers:\n  - {rule: CG101, reason: purpose to be agreed}\n",
    )
    assert run_line("check", str(failing)).exit_code == 1
    result = run_line("check", "--format", "json", str(waived))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    (purpose,) = [f for f in data["files"][0]["findings"] if f["code"] == "CG101"]
    assert purpose["waived"] is True
    assert data["summary"]["waived"] == 1

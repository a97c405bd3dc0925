"""`json` for `check` and `validate`, and what the other JSON formats share: one object whose keys
and their order are documented in the README.
"""

from __future__ import annotations

from typing import Any

from ...findings import FileReport, Finding, PrincipleResult, Report, Strength
from ...safe_text import json_text
from .. import RenderOptions


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as the ordered record every machine format starts from."""
    record: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "principle": finding.principle,
        "severity": finding.severity.label,
        "subject": finding.subject,
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "waived": finding.waived,
    }
    if finding.waived:
        record["waiver_reason"] = finding.waiver_reason
    if finding.subject_name is not None:
        record["subject_name"] = finding.subject_name
    return record


def strength_record(strength: Strength) -> dict[str, Any]:
    """A strength as the JSON format lists it."""
    return {
        "code": strength.code,
        "name": strength.name,
        "principle": strength.principle,
        "subject": strength.subject,
        "message": strength.message,
        "path": strength.path,
        "line": strength.line,
        "column": strength.column,
        "subject_name": strength.subject_name,
    }


def principle_record(principle: PrincipleResult) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": principle.id,
        "status": principle.status.value,
        "rules_run": principle.rules_run,
        "rules_total": principle.rules_total,
        "not_run": [{"code": code, "needs": hint} for code, hint in principle.not_run],
    }
    if principle.members is not None:
        view = principle.members
        # Under three respondents, one member's score could be read off: only the count.
        record["members_mean"] = round(view.mean, 1) if view.shown else None
        record["members_spread"] = round(view.spread, 1) if view.shown else None
        record["respondents"] = view.respondents
    return record


def file_record(file_report: FileReport) -> dict[str, Any]:
    record: dict[str, Any] = {
        "path": file_report.path,
        "valid": file_report.valid,
        "partnership": file_report.partnership,
        "as_of": file_report.as_of_text or None,
        "errors": [finding_record(e) for e in file_report.errors],
    }
    if not file_report.valid:
        return record
    level = file_report.collaboration_level
    record["collaboration_level"] = level.level if level else None
    record["principles"] = [principle_record(p) for p in file_report.principles]
    record["findings"] = [finding_record(f) for f in file_report.findings]
    # Additions to the documented shape go after it, so consumers of the order keep working.
    record["status"] = file_report.status.value
    record["collaboration_reason"] = level.reason if level else None
    record["collaboration_peak"] = level.peak if level else None
    record["strengths"] = [strength_record(s) for s in file_report.strengths]
    return record


def report_record(report: Report) -> dict[str, Any]:
    s = report.summary
    return {
        "tool": {"name": "collabgain", "version": report.tool_version},
        "files": [file_record(f) for f in report.files],
        "summary": {
            "files": s.files,
            "invalid": s.invalid,
            "error": s.error,
            "warning": s.warning,
            "info": s.info,
            "waived": s.waived,
        },
    }


def render(report: Report, options: RenderOptions) -> str:
    return json_text(report_record(report))

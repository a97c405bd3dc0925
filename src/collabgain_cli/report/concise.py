"""`concise`: one line a finding, `file:line:col: CODE [severity] message`."""

from __future__ import annotations

from ..findings import Report
from . import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for file_report in report.files:
        for finding in file_report.all_findings:
            waived = " (waived)" if finding.waived else ""
            lines.append(
                f"{file_report.path}:{finding.line}:{finding.column}: {finding.code} "
                f"[{finding.severity.label}] {finding.message}{waived}"
            )
    if not options.quiet:
        s = report.summary
        lines.append(
            f"{s.files} file{'s' if s.files != 1 else ''} checked, {s.invalid} invalid: "
            f"{s.error} errors, {s.warning} warnings, {s.info} info, {s.waived} waived"
        )
    return "\n".join(lines) + ("\n" if lines else "")

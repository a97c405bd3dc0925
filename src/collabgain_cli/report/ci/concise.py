"""`concise`: one line a finding, `file:line:col: CODE [severity] message`."""

from __future__ import annotations

from ...analysis.dates import plural
from ...findings import Report, Summary
from ...safe_text import terminal_line, terminal_output, visible_controls
from .. import RenderOptions
from ..caret import caret_lines


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for file_report in report.files:
        for finding in file_report.all_findings:
            waived = " (waived)" if finding.waived else ""
            # One finding, one line: a line break in quoted user text is shown escaped.
            message = visible_controls(finding.message)
            path = terminal_line(file_report.path)
            lines.append(
                f"{path}:{finding.line}:{finding.column}: {finding.code} "
                f"[{finding.severity.label}] {message}{waived}"
            )
            # An error in the file is followed by its line, as compilers show it; the lines
            # are indented, so a reader of `file:line:col:` lines passes over them.
            lines.extend(caret_lines(finding, indent="    "))
    if not options.quiet:
        s = report.summary
        lines.append(f"{summary_line(s)}")
    return terminal_output("\n".join(lines) + ("\n" if lines else ""))


def summary_line(s: Summary) -> str:
    """The closing count of a run, e.g. '2 files checked, 0 invalid: 1 error, 3 warnings, ...'."""
    return (
        f"{plural(s.files, 'file')} checked, {s.invalid} invalid: {plural(s.error, 'error')}, "
        f"{plural(s.warning, 'warning')}, {s.info} info, {s.waived} waived"
    )

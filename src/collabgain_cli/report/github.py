"""`github`: GitHub Actions workflow commands, so findings show as annotations on a run.

Each finding is `::error file=F,line=L,col=C,title=CODE name::message` (`::warning`, and
`::notice` for info); a waived finding is a `::notice` whose message ends in `(waived: reason)`,
so it is visible but never looks like a failure. Each file's lines sit in a `::group::PATH` ...
`::endgroup::` block. The path is relative to the current folder with POSIX separators, as
GitHub resolves it against the workspace.

Escaping is exactly that of GitHub's actions/toolkit (`@actions/core` command.ts): in the
message `%` -> `%25`, CR -> `%0D`, LF -> `%0A`; in property values additionally `:` -> `%3A`
and `,` -> `%2C`. No user text can therefore end a command early or start a new one. Other
control characters (escape sequences) are written as visible escapes (`safe_text`).
"""

from __future__ import annotations

from ..findings import Finding, Report, Severity
from ..safe_text import visible_controls
from . import RenderOptions
from .sarif import relative_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    text = visible_controls(text, keep_breaks=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    """One finding as a workflow command."""
    command = "notice" if finding.waived else COMMANDS[finding.severity]
    message = finding.message
    if finding.waived:
        message += f" (waived: {finding.waiver_reason})"
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", path),
            ("line", str(finding.line)),
            ("col", str(finding.column)),
            ("title", f"{finding.code} {finding.name}"),
        )
    )
    return f"::{command} {properties}::{escape_data(message)}"


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for file_report in report.files:
        path = relative_path(file_report.path)
        lines.append(f"::group::{escape_data(path)}")
        lines.extend(annotation(path, finding) for finding in file_report.all_findings)
        lines.append("::endgroup::")
    if not options.quiet:
        s = report.summary
        lines.append(
            f"collabgain: {s.files} file{'s' if s.files != 1 else ''} checked, "
            f"{s.invalid} invalid: {s.error} errors, {s.warning} warnings, {s.info} info, "
            f"{s.waived} waived"
        )
    return "\n".join(lines) + "\n"

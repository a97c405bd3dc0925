"""`github`: GitHub Actions workflow commands, so findings show as annotations on a run.

Each finding is `::error file=F,line=L,col=C,title=CODE name::message` (`::warning`, and
`::notice` for info); a waived finding is a `::notice` whose message ends in `(waived: reason)`,
so it is visible but never looks like a failure. Each file's lines sit in a `::group::PATH` ...
`::endgroup::` block. The path is relative to the current folder with POSIX separators, as
GitHub resolves it against the workspace.

GitHub shows only about ten annotations of each kind per step and drops the rest, so each file
gets at most `MAX_PER_LEVEL` of each command, errors first, then warnings, then notices (each
kind in file order); what is left out is counted in one `::notice` after them, which
says where to read the rest (the log of this step still has nothing else: the SARIF upload,
the Markdown summary and `collabgain check FILE` have every finding).

Escaping is exactly that of GitHub's actions/toolkit (`@actions/core` command.ts): in the
message `%` -> `%25`, CR -> `%0D`, LF -> `%0A`; in property values additionally `:` -> `%3A`
and `,` -> `%2C`. No user text can therefore end a command early or start a new one. Other
control characters (escape sequences) are written as visible escapes (`safe_text`).
"""

from __future__ import annotations

from ...analysis.dates import plural
from ...findings import Finding, Report, Severity
from ...safe_text import visible_controls
from .. import RenderOptions
from .sarif import relative_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
LEVELS = ("error", "warning", "notice")
MAX_PER_LEVEL = 10


def escape_data(text: str) -> str:
    text = visible_controls(text, keep_breaks=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    """One finding as a workflow command."""
    command = command_of(finding)
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


def command_of(finding: Finding) -> str:
    return "notice" if finding.waived else COMMANDS[finding.severity]


def _capped(path: str, findings: tuple[Finding, ...]) -> list[str]:
    """At most MAX_PER_LEVEL annotations of each kind, errors first; a notice for the rest."""
    by_level: dict[str, list[Finding]] = {level: [] for level in LEVELS}
    for finding in findings:
        by_level[command_of(finding)].append(finding)
    left_out = {level: len(found) - MAX_PER_LEVEL for level, found in by_level.items()}
    lines: list[str] = []
    for level in LEVELS:
        lines.extend(annotation(path, finding) for finding in by_level[level][:MAX_PER_LEVEL])
    if any(count > 0 for count in left_out.values()):
        parts = [plural(n, f"more {level}") for level, n in left_out.items() if n > 0]
        counts = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
        message = (
            f"{counts} for this file are not shown as annotations (GitHub shows about "
            f"{MAX_PER_LEVEL} of each kind); every finding is in the run's summary and code "
            f"scanning, or run: collabgain check {path}"
        )
        properties = f"file={escape_property(path)},title=collabgain"
        lines.append(f"::notice {properties}::{escape_data(message)}")
    return lines


def render(report: Report, options: RenderOptions) -> str:
    from .concise import summary_line

    lines = []
    for file_report in report.files:
        path = relative_path(file_report.path)
        lines.append(f"::group::{escape_data(path)}")
        lines.extend(_capped(path, file_report.all_findings))
        lines.append("::endgroup::")
    if not options.quiet:
        lines.append(f"collabgain: {summary_line(report.summary)}")
    return "\n".join(lines) + "\n"

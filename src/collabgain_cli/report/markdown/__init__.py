"""`markdown` for `check` (and what the other Markdown formats share: escaping, tables, an
invalid file's errors): a report for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Per file: a heading with the partnership's name and its status; a line with the path, as-of
date, status and collaboration level, and the reason for the level; a table of principles
(status as a word and a symbol, counts of unwaived findings, rules run of total); what could not
be assessed; then the findings grouped by principle. An invalid file lists its errors. A summary
line ends the report (left out with `--quiet`).

After the header come at most five concerns to act on first and what is going well; a rule's
findings about several subjects are one concern, its subjects named (`concerns`). With
`--quiet`, each file shows only its findings.

With `--summary`, only the overview: one table row per file (partnership, file, status, level,
counts of unwaived findings and waived ones), a few hundred bytes a file, so a run over many
files stays far below the 1 MiB limit of a GitHub step summary.

Everything that comes from the user's file (names, messages, reasons, paths) is escaped by
`safe_text`, so `|`, `<`, `>`, backticks, emphasis and link brackets print as written and cannot
break a table or inject HTML; line breaks become spaces, control characters visible escapes;
`@mentions`, issue references and bare addresses stay plain text. Paths are shown in code spans
fenced longer than any run of backticks they contain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...analysis.dates import plural
from ...findings import FileReport, Finding, Report, Severity, Status, unwaived_counts
from ...safe_text import markdown_code, markdown_text
from ...titles import principle_title
from .. import RenderOptions, members_cell
from ..concerns import (
    SHOWN_MESSAGES,
    Concern,
    act_first,
    by_principle,
    going_well,
    lines_list,
    more_like,
)

STATUS_EMOJI = {
    Status.RED: "🔴",
    Status.AMBER: "🟠",
    Status.GREEN: "🟢",
    Status.NOT_ASSESSED: "⚪",
}
SEVERITY_EMOJI = {
    Severity.ERROR: "❌",
    Severity.WARNING: "⚠️",
    Severity.INFO: "\N{INFORMATION SOURCE}\ufe0f",
}
INVALID = f"{STATUS_EMOJI[Status.RED]} invalid"
WAIVED_EMOJI = "🔕"
GOING_WELL_EMOJI = "✅"

escape = markdown_text
code = markdown_code

_ALIGNMENT = {"<": "---", ">": "---:", "^": ":-:"}


def row(cells: Iterable[object]) -> str:
    """A Markdown table row; the cells as given (escaping the user's text is the caller's)."""
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def table(columns: Sequence[str], align: str, rows: Iterable[Iterable[object]]) -> list[str]:
    """A Markdown table's lines: the header, its separator, then the rows. `align` has a
    character a column: `<` left, `>` right (for figures), `^` centred."""
    return [row(columns), row(_ALIGNMENT[a] for a in align), *(row(cells) for cells in rows)]


def counts_cells(findings: Iterable[Finding]) -> list[int]:
    """The Errors, Warnings and Info cells: the findings not waived, by severity."""
    counted = unwaived_counts(findings)
    return [counted[Severity.ERROR], counted[Severity.WARNING], counted[Severity.INFO]]


def error_items(file_report: FileReport, *, named: bool = True) -> list[str]:
    """An invalid file's errors, a bullet each: symbol, code, the rule's name (unless not
    `named`), message and place."""
    return [
        f"- {SEVERITY_EMOJI[e.severity]} **{e.code}** {f'{escape(e.name)}: ' if named else ''}"
        f"{escape(e.message)} ({code(f'{file_report.path}:{e.line}:{e.column}')})"
        for e in file_report.errors
    ]


def _status(status: Status) -> str:
    return f"{STATUS_EMOJI[status]} {status.value}"


def _principle_table(file_report: FileReport) -> list[str]:
    rated = any(p.members for p in file_report.principles)
    columns = ["Principle", "Status", "Errors", "Warnings", "Info", "Rules run"]
    rows = [
        [
            escape(p.title),
            _status(p.status),
            *counts_cells(f for f in file_report.findings if f.principle == p.id),
            f"{p.rules_run} of {p.rules_total}",
            *([members_cell(p)] if rated else []),
        ]
        for p in file_report.principles
    ]
    if rated:
        return table([*columns, "Members' view"], "<<>>>>>", rows)
    return table(columns, "<<>>>>", rows)


def _subjects(concern: Concern) -> str:
    """' · Name' for one subject, ' · 3 of them: A, B and C' for several, '' for none."""
    return f" · {escape(concern.about())}" if concern.subjects else ""


def _where(file_report: FileReport, concern: Concern) -> str:
    lines = concern.lines
    if len(lines) == 1:
        return code(f"{file_report.path}:{lines[0]}")
    return f"{code(file_report.path)}, {lines_list(lines)}"


def _concern(
    file_report: FileReport, concern: Concern, *, bullet: str = "-", shown: int = SHOWN_MESSAGES
) -> list[str]:
    """A rule's findings once: the subjects named, then the first few messages."""
    if concern.waived:
        marker = f"{WAIVED_EMOJI} {concern.severity.label}, waived"
    else:
        marker = f"{SEVERITY_EMOJI[concern.severity]} {concern.severity.label}"
    head = f"{bullet} {marker} **{escape(concern.title)}** {concern.code}{_subjects(concern)}"
    messages = [text for text, _lines in concern.messages]
    where = _where(file_report, concern)
    if len(messages) == 1:
        lines = [f"{head}: {escape(messages[0])} ({where})"]
    else:
        lines = [f"{head} ({where})"]
        # Nested under the item's own text, however wide its marker ("-" or "12.").
        nest = " " * (len(bullet) + 1)
        lines.extend(f"{nest}- {escape(m)}" for m in messages[:shown])
        more = len(messages) - min(shown, len(messages))
        if more:
            lines.append(f"{nest}- {more_like(more)}")
    if concern.waived:
        lines[0] += " — waived: " + "; ".join(f"*{escape(r)}*" for r in concern.waiver_reasons)
    return lines


def _act_first(file_report: FileReport) -> list[str]:
    first = act_first(file_report)
    lines = ["", "#### Act on these first", ""]
    if not first:
        lines.append("Nothing to act on: no errors or warnings.")
    for number, concern in enumerate(first, start=1):
        lines.extend(_concern(file_report, concern, bullet=f"{number}.", shown=1))
    return lines


def _going_well(file_report: FileReport) -> list[str]:
    items = [
        f"- {GOING_WELL_EMOJI} **{escape(s.title)}** {s.code} · {escape(principle)}: "
        f"{escape(s.message)}"
        for s, principle in going_well(file_report)
    ]
    return ["", "#### Going well", "", *items] if items else []


def _grouped_findings(file_report: FileReport) -> list[str]:
    results = {p.id: p for p in file_report.principles}
    lines: list[str] = []
    for principle, found in by_principle(file_report):
        result = results.get(principle)
        title = principle_title(principle)
        status = f" · {_status(result.status)}" if result else ""
        lines.extend(["", f"#### {escape(title)}{status}", ""])
        for concern in found:
            lines.extend(_concern(file_report, concern))
    return lines


def _valid(file_report: FileReport, options: RenderOptions) -> list[str]:
    if not file_report.principles and file_report.collaboration_level is None:
        # Validated only (`validate`): no rule ran, so there is no status or level to show.
        as_of = f" · as of {escape(file_report.as_of_text)}" if file_report.as_of else ""
        return [
            f"### ✅ {escape(file_report.partnership or '')}",
            "",
            f"{code(file_report.path)}{as_of} · **valid**",
        ]
    status = file_report.status
    level = file_report.collaboration_level
    lines = [f"### {STATUS_EMOJI[status]} {escape(file_report.partnership or '')}", ""]
    if options.quiet:
        lines.append(code(file_report.path))
        lines.extend(_grouped_findings(file_report))
        return lines
    lines.append(
        f"{code(file_report.path)} · as of {escape(file_report.as_of_text)} · "
        f"status **{_status(status)}** · collaboration level "
        f"**{escape(level.level) if level else 'unknown'}**"
    )
    if level:
        lines.extend(["", f"> {escape(level.reason)}"])
    lines.extend(_act_first(file_report))
    lines.extend(_going_well(file_report))
    if file_report.principles:
        lines.append("")
        lines.extend(_principle_table(file_report))
    gaps = [p for p in file_report.principles if p.not_run]
    if gaps:
        lines.extend(["", "Not fully assessed:", ""])
        # The hints are collabgain's own text (with `code` spans), not the user's.
        lines.extend(
            f"- {escape(p.title)}: {p.rules_run} of {plural(p.rules_total, 'rule')} ran; "
            + "; ".join(sorted({part for _code, hint in p.not_run for part in hint.split("; ")}))
            for p in gaps
        )
    lines.extend(_grouped_findings(file_report))
    return lines


def _invalid(file_report: FileReport) -> list[str]:
    return [
        f"### {STATUS_EMOJI[Status.RED]} {code(file_report.path)} is invalid",
        "",
        f"{plural(len(file_report.errors), 'error')}; no health check ran on this file.",
        "",
        *error_items(file_report),
    ]


def _overview(report: Report) -> list[str]:
    rows = []
    for file_report in report.files:
        if file_report.valid:
            status = _status(file_report.status)
            level = file_report.collaboration_level
            level_text = escape(level.level) if level else ""
        else:
            status, level_text = INVALID, ""
        rows.append(
            [
                escape(file_report.partnership or ""),
                code(file_report.path),
                status,
                level_text,
                *counts_cells(file_report.all_findings),
                sum(1 for f in file_report.all_findings if f.waived),
            ]
        )
    columns = ["Partnership", "File", "Status", "Level", "Errors", "Warnings", "Info", "Waived"]
    return table(columns, "<<<<>>>>", rows)


def render(report: Report, options: RenderOptions) -> str:
    if options.summary:
        lines = ["## collabgain summary", "", *_overview(report)]
        if not options.quiet:
            lines.extend(
                ["", f"{_summary_line(report)}. `collabgain check FILE` shows a file's findings."]
            )
        return "\n".join(lines) + "\n"
    lines = ["## collabgain report"]
    for file_report in report.files:
        lines.append("")
        lines.extend(_valid(file_report, options) if file_report.valid else _invalid(file_report))
    if not options.quiet:
        lines.extend(["", _summary_line(report)])
    return "\n".join(lines) + "\n"


def _summary_line(report: Report) -> str:
    s = report.summary
    return (
        f"**{plural(s.files, 'file')}** checked, {s.invalid} invalid: "
        f"{plural(s.error, 'error')}, {plural(s.warning, 'warning')}, "
        f"{s.info} info, {s.waived} waived"
    )

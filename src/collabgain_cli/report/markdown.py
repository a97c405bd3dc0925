"""`markdown`: a report for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Per file: a heading with the partnership's name and its status; a line with the path, as-of
date, status and collaboration level, and the reason for the level; a table of principles
(status as a word and a symbol, counts of unwaived findings, rules run of total); what could not
be assessed; then the findings grouped by principle. An invalid file lists its errors. A summary
line ends the report (left out with `--quiet`).

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

from ..analysis.dates import plural
from ..findings import FileReport, Finding, Report, Severity, Status, Strength
from ..safe_text import markdown_code, markdown_text
from . import RenderOptions, members_cell

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
WAIVED_EMOJI = "🔕"
GOING_WELL_EMOJI = "✅"

escape = markdown_text
code = markdown_code


def _status(status: Status) -> str:
    return f"{STATUS_EMOJI[status]} {status.value}"


def _principle_table(file_report: FileReport) -> list[str]:
    rated = any(p.members for p in file_report.principles)
    lines = [
        "| Principle | Status | Errors | Warnings | Info | Rules run |"
        + (" Members' view |" if rated else ""),
        "| --- | --- | ---: | ---: | ---: | ---: |" + (" ---: |" if rated else ""),
    ]
    for principle in file_report.principles:
        live = [f for f in file_report.findings if f.principle == principle.id and not f.waived]
        error, warning, info = (
            sum(1 for f in live if f.severity is severity)
            for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        lines.append(
            f"| {escape(principle.title)} | {_status(principle.status)} | {error} | {warning} "
            f"| {info} | {principle.rules_run} of {principle.rules_total} |"
            + (f" {members_cell(principle)} |" if rated else "")
        )
    return lines


def _finding(file_report: FileReport, finding: Finding) -> str:
    if finding.waived:
        marker = f"{WAIVED_EMOJI} {finding.severity.label}, waived"
    else:
        marker = f"{SEVERITY_EMOJI[finding.severity]} {finding.severity.label}"
    text = (
        f"- {marker} **{finding.code}** {escape(finding.name)} · "
        f"{escape(_subject(finding))}: "
        f"{escape(finding.message)} ({code(f'{file_report.path}:{finding.line}')})"
    )
    if finding.waived:
        text += f" — waived: *{escape(finding.waiver_reason or '')}*"
    return text


def _subject(finding: Finding) -> str:
    """What a finding is about, by name; 'partnership' for the whole partnership."""
    if finding.subject == "partnership":
        return finding.subject
    return finding.subject_name or finding.subject


def _grouped_findings(file_report: FileReport, options: RenderOptions) -> list[str]:
    titles = {p.id: p.title for p in file_report.principles}
    order = [p.id for p in file_report.principles]
    grouped: dict[str, list[Finding]] = {}
    for finding in file_report.findings:
        grouped.setdefault(finding.principle, []).append(finding)
    going_well: dict[str, list[Strength]] = {}
    if not options.quiet:
        for strength in file_report.strengths:
            going_well.setdefault(strength.principle, []).append(strength)
    shown = {*grouped, *going_well}
    lines: list[str] = []
    for principle in sorted(shown, key=lambda p: order.index(p) if p in order else len(order)):
        title = titles.get(principle, principle.replace("-", " ").capitalize())
        lines.extend(["", f"#### {escape(title)}", ""])
        lines.extend(_finding(file_report, f) for f in grouped.get(principle, ()))
        if principle in going_well:
            if principle in grouped:
                lines.append("")
            lines.append("Going well:")
            lines.append("")
            lines.extend(
                f"- {GOING_WELL_EMOJI} **{s.code}** {escape(s.name)}: {escape(s.message)}"
                for s in going_well[principle]
            )
    return lines


def _valid(file_report: FileReport, options: RenderOptions) -> list[str]:
    if not file_report.principles and file_report.collaboration_level is None:
        # Validated only (`validate`): no rule ran, so there is no status or level to show.
        as_of = f" · as of {escape(file_report.as_of)}" if file_report.as_of else ""
        return [
            f"### ✅ {escape(file_report.partnership or '')}",
            "",
            f"{code(file_report.path)}{as_of} · **valid**",
        ]
    status = file_report.status
    level = file_report.collaboration_level
    lines = [
        f"### {STATUS_EMOJI[status]} {escape(file_report.partnership or '')}",
        "",
        f"{code(file_report.path)} · as of {escape(file_report.as_of or '')} · "
        f"status **{_status(status)}** · collaboration level "
        f"**{escape(level.level) if level else 'unknown'}**",
    ]
    if level:
        lines.extend(["", f"> {escape(level.reason)}"])
    if file_report.principles:
        lines.append("")
        lines.extend(_principle_table(file_report))
    gaps = [p for p in file_report.principles if p.not_run]
    if gaps and not options.quiet:
        lines.extend(["", "Not fully assessed:", ""])
        # The hints are collabgain's own text (with `code` spans), not the user's.
        lines.extend(
            f"- {escape(p.title)}: {p.rules_run} of {plural(p.rules_total, 'rule')} ran; "
            + "; ".join(sorted({part for _code, hint in p.not_run for part in hint.split("; ")}))
            for p in gaps
        )
    lines.extend(_grouped_findings(file_report, options))
    return lines


def _invalid(file_report: FileReport) -> list[str]:
    count = len(file_report.errors)
    lines = [
        f"### {STATUS_EMOJI[Status.RED]} {code(file_report.path)} is invalid",
        "",
        f"{count} error{'s' if count != 1 else ''}; no health check ran on this file.",
        "",
    ]
    lines.extend(
        f"- {SEVERITY_EMOJI[e.severity]} **{e.code}** {escape(e.name)}: {escape(e.message)} "
        f"({code(f'{file_report.path}:{e.line}:{e.column}')})"
        for e in file_report.errors
    )
    return lines


def _overview(report: Report) -> list[str]:
    lines = [
        "| Partnership | File | Status | Level | Errors | Warnings | Info | Waived |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for file_report in report.files:
        live = [f for f in file_report.all_findings if not f.waived]
        error, warning, info = (
            sum(1 for f in live if f.severity is severity)
            for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        waived = sum(1 for f in file_report.all_findings if f.waived)
        if file_report.valid:
            status = _status(file_report.status)
            level = file_report.collaboration_level
            level_text = escape(level.level) if level else ""
        else:
            status, level_text = f"{STATUS_EMOJI[Status.RED]} invalid", ""
        lines.append(
            f"| {escape(file_report.partnership or '')} | {code(file_report.path)} | {status} "
            f"| {level_text} | {error} | {warning} | {info} | {waived} |"
        )
    return lines


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

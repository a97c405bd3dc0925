"""`collabgain report --format markdown`: the board report as Markdown, its map in Mermaid.

The same content as the HTML report, for a wiki, a pull request or any Markdown viewer that
draws Mermaid (GitHub and GitLab do). The user's text is escaped with the Markdown report's
helpers; the map is `collabgain map --format mermaid`'s, whose labels are quoted with Mermaid's
entity codes, so no name can end the block or change the drawing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...analysis.dates import plural
from ...findings import FileReport, Severity, Status, unwaived_counts
from ...titles import principle_title
from ..board import (
    LEVELS,
    STATUS_MEANING,
    BoardFile,
    BoardReport,
    advice,
    coverage,
    data_to_add,
    level_meanings,
    long_date,
    shown_messages,
    shown_path,
    status_counts,
)
from ..concerns import (
    Concern,
    act_first,
    by_principle,
    going_well,
    names_list,
)
from ..graph import mermaid
from ..graph.common import STATUS_MARKS
from . import (
    GOING_WELL_EMOJI,
    INVALID,
    SEVERITY_EMOJI,
    STATUS_EMOJI,
    WAIVED_EMOJI,
    code,
    counts_cells,
    error_items,
    escape,
    table,
)

if TYPE_CHECKING:
    from .. import RenderOptions


def _status(status: Status) -> str:
    return f"{STATUS_EMOJI[status]} {status.value}"


def _map(board_file: BoardFile) -> list[str]:
    network = board_file.network
    if network is None:
        return []
    as_of = long_date(board_file.report.as_of)
    organisations = network.organisations
    active = [n for n in organisations if n.status == "active"]
    lines = [
        "",
        "## Who works with whom",
        "",
        "Each box is an organisation. A line joins two members that, in the 24 months to "
        f"{as_of}, share an activity, a decision, or a meeting of a smaller group than the "
        f"whole partnership, labelled with what they share. "
        f"{plural(len(organisations), 'organisation')} ({len(active)} active), "
        f"{plural(network.tied_pairs, 'tied pair')}.",
        "",
        "```mermaid",
        mermaid.render(network).rstrip("\n"),
        "```",
        "",
    ]
    notes = [f"**Not every tie is drawn**: {network.note}"] if network.note else []
    notes += [
        f"**Bridge**: {escape(n.name)} is the only link between groups of active members; "
        f"without it they would split into {n.parts_without} parts."
        for n in organisations
        if n.bridge
    ]
    isolated = [n for n in organisations if n.isolated]
    if isolated:
        names = ", ".join(escape(n.name) for n in isolated)
        notes.append(f"**Isolated**, sharing nothing with any other active member: {names}.")
    inactive = [n for n in organisations if n.status != "active"]
    if inactive:
        names = ", ".join(f"{escape(n.name)} ({STATUS_MARKS[n.status]})" for n in inactive)
        notes.append(f"**Not active** on {as_of}: {names}.")
    notes.extend(
        f"{escape(group.name)} ties {group.members:,} organisations, too many to draw as "
        "pairs: it is drawn as one round node, with a line to each of them."
        for group in network.groups
    )
    if not network.bridges and not isolated and len(active) >= 2:
        notes.append("No active member is isolated, and no single member holds the rest together.")
    lines.extend(f"- {note}" for note in notes)
    return lines


def _header(board_file: BoardFile) -> list[str]:
    file_report = board_file.report
    info = board_file.partnership.partnership if board_file.partnership else None
    lines = [f"# {escape(file_report.partnership or '')}", "", "Partnership health report", ""]
    if info and info.purpose:
        lines.extend([f"> {escape(info.purpose)}", ""])
    facts = [f"As of **{long_date(file_report.as_of)}**"]
    if info and info.established:
        facts.append(f"established {long_date(info.established)}")
    if info and info.sector:
        facts.append(f"sector {escape(info.sector)}")
    if info and info.last_reviewed:
        facts.append(f"last reviewed {long_date(info.last_reviewed)}")
    facts.append(f"file {code(shown_path(file_report.path))}")
    lines.append(" · ".join(facts))
    return lines


def _glance(file_report: FileReport) -> list[str]:
    found = unwaived_counts(file_report.findings)
    waived = sum(1 for f in file_report.findings if f.waived)
    lines = [
        "",
        f"**Overall status: {_status(file_report.status)}** — "
        f"{status_counts(file_report)}; the partnership takes its worst.",
    ]
    level = file_report.collaboration_level
    if level is not None:
        steps = " → ".join(f"**{name}**" if name == level.level else name for name in LEVELS)
        meaning = level_meanings().get(level.level, "")
        lines.extend(
            [
                "",
                f"**Collaboration level: {escape(level.level)}** ({steps}). "
                f"{escape(meaning)} Why: {escape(level.reason)}.",
            ]
        )
    lines.extend(
        [
            "",
            f"**Findings: {found[Severity.ERROR] + found[Severity.WARNING]} to act on** — "
            f"{plural(found[Severity.ERROR], 'error')} and "
            f"{plural(found[Severity.WARNING], 'warning')}; also {found[Severity.INFO]} for "
            f"information, and {waived} waived (accepted by the partnership).",
        ]
    )
    return lines


def _principles(file_report: FileReport) -> list[str]:
    rows = [
        [
            escape(p.title),
            _status(p.status),
            *counts_cells(f for f in file_report.findings if f.principle == p.id),
            # collabgain's own hint text, with `code` spans meant as such.
            coverage(p),
        ]
        for p in file_report.principles
    ]
    columns = ["Principle", "Status", "Errors", "Warnings", "Info", "Coverage"]
    lines = ["", "## Principles at a glance", "", *table(columns, "<<>>><", rows)]
    lines.extend(["", STATUS_MEANING])
    needed = data_to_add(file_report.principles)
    if needed:
        lines.extend(["", f"**To assess every principle**, {needed} to the file."])
    return lines


def _concern(concern: Concern, *, first: bool = False) -> list[str]:
    """A rule's findings once: what it is about, the facts, and what partners can do."""
    severity = concern.severity
    waived = ", waived" if concern.waived else ""
    emoji = WAIVED_EMOJI if concern.waived else SEVERITY_EMOJI[severity]
    lines = [
        "",
        f"#### {emoji} {severity.label}{waived} · {escape(concern.title)} ({concern.code})",
    ]
    names = concern.subjects
    if len(names) == 1:
        lines.extend(["", f"**{escape(names[0])}**"])
    elif names:
        lines.extend(["", f"**{len(names)} of them**: {escape(names_list(names, limit=6))}"])
    lines.append("")
    for message in shown_messages(concern, first=first):
        text = message.text if message.more else escape(message.text)
        lines.append(f"- {text} ({message.where})")
    if concern.waived:
        reasons = concern.waiver_reasons
        lines.extend(["", *(f"{WAIVED_EMOJI} **Waived**: *{escape(r)}*" for r in reasons)])
    said = advice(concern, first=first)
    if said.why:
        lines.extend(["", f"**Why it matters:** {said.why}"])
    if said.to_do:
        lines.extend(["", f"**What to do:** {said.to_do}"])
    for paragraph in said.in_file:
        lines.extend(["", f"**In the file:** {paragraph}"])
    return lines


def _act_first(file_report: FileReport) -> list[str]:
    first = act_first(file_report)
    lines = ["", "## Act on these first"]
    if not first:
        lines.extend(["", "Nothing to act on: no check found an error or a warning."])
    for concern in first:
        lines.extend(_concern(concern, first=True))
    return lines


def _going_well(file_report: FileReport) -> list[str]:
    items = [
        f"- {GOING_WELL_EMOJI} **{escape(s.title)}** ({escape(principle)}): {escape(s.message)}"
        for s, principle in going_well(file_report)
    ]
    return ["", "## Going well", "", *items] if items else []


def _findings(file_report: FileReport) -> list[str]:
    groups = by_principle(file_report)
    results = {p.id: p for p in file_report.principles}
    lines = ["", "## Findings by principle"]
    if not groups:
        lines.extend(["", "No findings: every check that ran found nothing to report."])
    for principle, found in groups:
        result = results.get(principle)
        title = principle_title(principle)
        status = f" · {_status(result.status)}" if result else ""
        lines.extend(["", f"### {escape(title)}{status}"])
        for concern in found:
            lines.extend(_concern(concern))
    return lines


def _invalid(file_report: FileReport) -> list[str]:
    return [
        f"# {code(shown_path(file_report.path))} is invalid",
        "",
        f"{INVALID}: {plural(len(file_report.errors), 'error')}, so no health check ran on this "
        "file. Correct the errors below and produce the report again.",
        "",
        *error_items(file_report, named=False),
    ]


def _footer(report: BoardReport, file_report: FileReport) -> list[str]:
    made = f"Produced by collabgain {report.tool_version} from {code(shown_path(file_report.path))}"
    if not file_report.valid:
        return ["", f"{made}."]
    return [
        "",
        "---",
        "",
        f"{made}, with {plural(len(report.rules), 'rule')} selected. Every figure comes from "
        "that file, "
        f"as it stood on {long_date(file_report.as_of)}; none is estimated. Run "
        "`collabgain explain CODE` for a rule's full manual.",
    ]


def render(report: BoardReport, options: RenderOptions | None = None) -> str:
    """The whole report as Markdown."""
    lines: list[str] = []
    for index, board_file in enumerate(report.files):
        if index:
            lines.extend(["", "---", ""])
        file_report = board_file.report
        if file_report.valid:
            lines.extend(_header(board_file))
            lines.extend(_glance(file_report))
            lines.extend(_act_first(file_report))
            lines.extend(_going_well(file_report))
            lines.extend(_principles(file_report))
            lines.extend(_map(board_file))
            if not report.brief:
                lines.extend(_findings(file_report))
        else:
            lines.extend(_invalid(file_report))
        lines.extend(_footer(report, file_report))
    return "\n".join(lines) + "\n"

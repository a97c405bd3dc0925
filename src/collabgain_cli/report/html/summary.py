"""The first page of a partnership's part of the HTML report: its status, collaboration level
and findings at a glance, what is going well, and a table of the principles with coverage."""

from __future__ import annotations

from ...analysis.dates import plural
from ...findings import FileReport, PrincipleResult, Severity, unwaived_counts
from ...safe_text import html_text as _e
from .. import members_cell
from ..board import (
    LEVELS,
    STATUS_MEANING,
    coverage,
    data_to_add,
    level_meanings,
    status_counts,
)
from ..concerns import going_well
from .common import inline, principle_summaries, status_badge


def glance_section(file_report: FileReport) -> list[str]:
    level = file_report.collaboration_level
    found = unwaived_counts(file_report.findings)
    waived = sum(1 for f in file_report.findings if f.waived)
    out = [
        '<section class="glance" aria-label="At a glance">',
        '<div class="card">',
        "<h4>Overall status</h4>",
        f'<p class="big">{status_badge(file_report.status)}</p>',
        f"<p>{_e(status_counts(file_report).capitalize())}; the partnership takes its worst.</p>",
        "</div>",
        '<div class="card">',
        "<h4>Collaboration level</h4>",
    ]
    if level is not None:
        out.append('<ol class="continuum">')
        for name in LEVELS:
            here = ' class="here" aria-current="true"' if name == level.level else ""
            mark = "◆ " if name == level.level else ""
            out.append(f"<li{here}>{mark}{_e(name)}</li>")
        out.append("</ol>")
        meaning = level_meanings().get(level.level)
        if meaning:
            out.append(
                f'<p class="level-meaning"><b>{_e(level.level.capitalize())}</b>: '
                f"{_e(meaning[0].lower() + meaning[1:])}</p>"
            )
        out.append(f"<p>Why: {_e(level.reason)}.</p>")
        if level.peak and not level.peak.startswith(level.level):
            out.append(f"<p>Its furthest work: {_e(level.peak)}.</p>")
    out.extend(
        [
            "</div>",
            '<div class="card">',
            "<h4>Findings</h4>",
            f'<p class="big">{found[Severity.ERROR] + found[Severity.WARNING]} '
            "<small>to act on</small></p>",
            f"<p>{plural(found[Severity.ERROR], 'error')} and "
            f"{plural(found[Severity.WARNING], 'warning')}; also {found[Severity.INFO]} for "
            f"information, and {waived} waived (accepted by the partnership).</p>",
            "</div>",
            "</section>",
        ]
    )
    return out


def _principle_row(file_report: FileReport, principle: PrincipleResult, summary: str) -> str:
    own = unwaived_counts(f for f in file_report.findings if f.principle == principle.id)
    cells = []
    for severity, label in ((Severity.ERROR, "Errors"), (Severity.WARNING, "Warnings")):
        value = own[severity]
        cells.append(
            f'<td class="num{" zero" if not value else ""}" data-label="{label}">{value}</td>'
        )
    info = own[Severity.INFO]
    cells.append(f'<td class="num{" zero" if not info else ""}" data-label="Info">{info}</td>')
    described = f'<span class="principle-summary">{_e(summary)}</span>' if summary else ""
    view = members_cell(principle)
    return (
        '<tr><td class="principle">'
        f'<span class="principle-name">{_e(principle.title)}</span>{described}</td>'
        f'<td class="state">{status_badge(principle.status)}</td>{"".join(cells)}'
        f'<td class="num{"" if view else " empty"}" data-label="Members\' view">{_e(view)}</td>'
        f'<td class="coverage" data-label="Coverage">{inline(coverage(principle))}</td></tr>'
    )


def going_well_section(file_report: FileReport, *, brief: bool = False) -> list[str]:
    """What is going well: the strengths, under their principles' titles (in a brief report,
    their names only, in one paragraph)."""
    strengths = going_well(file_report)
    if not strengths:
        return []
    if brief:
        named = " · ".join(
            f'<b>{_e(s.title)}</b> <span class="principle-of">({_e(principle)})</span>'
            for s, principle in strengths
        )
        return [
            '<section class="going-well">',
            '<h2 class="keep-next">Going well</h2>',
            f"<p>{named}</p>",
            "</section>",
        ]
    out = ['<section class="going-well">', '<h2 class="keep-next">Going well</h2>', "<ul>"]
    out.extend(
        f"<li><b>{_e(s.title)}</b> "
        f'<span class="rule-code">{_e(s.code)}</span> '
        f'<span class="principle-of">({_e(principle)})</span>: '
        f"{_e(s.message)}</li>"
        for s, principle in strengths
    )
    out.extend(["</ul>", "</section>"])
    return out


def principles_section(file_report: FileReport) -> list[str]:
    summaries = principle_summaries()
    out = [
        '<section class="principles">',
        '<h2 class="keep-next">Principles at a glance</h2>',
        "<table>",
        "<thead><tr><th>Principle</th><th>Status</th><th class=num>Errors</th>"
        "<th class=num>Warnings</th><th class=num>Info</th><th class=num>Members' view</th>"
        "<th>Coverage</th></tr></thead>",
        "<tbody>",
    ]
    out.extend(
        _principle_row(file_report, p, summaries.get(p.id, "")) for p in file_report.principles
    )
    out.extend(["</tbody>", "</table>", f'<p class="note meaning">{_e(STATUS_MEANING)}</p>'])
    needed = data_to_add(file_report.principles)
    if needed:
        out.append(
            f'<p class="note"><b>To assess every principle</b>, {inline(needed)} to the file.</p>'
        )
    out.append("</section>")
    return out

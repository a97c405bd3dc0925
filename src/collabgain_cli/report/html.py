"""The standalone HTML report of `collabgain report`: one file an analyst can email to partners.

Per partnership: its status and collaboration level with the reason, a table of principles with
coverage, the network map drawn as inline SVG, and the findings grouped by principle, each
rule with why it matters and how to fix it. Invalid files list their errors.

The page makes no request of any kind: styles are inline, fonts are the reader's own, there is
no script, and a Content-Security-Policy forbids loading anything even if something slipped in.
Every piece of the user's text is escaped. Status is shown as a word, a symbol and a colour,
never colour alone. It prints on A4.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re

from ..analysis.dates import plural
from ..findings import FileReport, PrincipleResult, Severity, Status
from ..mapping import MapEdge, MapNode, NetworkMap
from ..maps.common import STATUS_MARKS, details, marks
from ..matching import Matcher
from ..principles import load_catalogue, principle_title
from ..rules import find_rule
from ..safe_text import xml_text
from . import gains_html, layout, members_cell
from .board import (
    LEVELS,
    SEVERITY_SYMBOL,
    STATUS_MEANING,
    STATUS_SYMBOL,
    BoardFile,
    BoardReport,
    advice,
    counts,
    coverage,
    data_to_add,
    doc_paragraphs,
    level_meanings,
    long_date,
    shown_path,
    status_counts,
)
from .concerns import SHOWN_MESSAGES, Concern, act_first, by_principle, lines_list, names_list

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

SECTOR_COLOURS = {
    "public": "#0072B2",
    "private": "#E69F00",
    "voluntary": "#009E73",
    "community": "#CC79A7",
    "academic": "#56B4E9",
    "other": "#F0E442",
}
"""Okabe and Ito's palette, which readers with colour-blindness can tell apart."""
NO_SECTOR = "#FFFFFF"
BRIDGE_INK = "#111111"
ISOLATED_INK = "#C0392B"
TIE_INK = "#7B8494"

MAP_WIDTH = 760
MAX_DRAWN_TIES = 3000
"""More lines than this make a map slow to open and no easier to read."""
HALO = ' stroke="#fcfcfd" stroke-width="3.5" paint-order="stroke"'
"""A pale outline behind map labels, so the lines they cross do not hide them."""
LABEL_CHAR_WIDTH = 6.4
"""Roughly how wide a character of an 11px label is, to keep labels inside the map."""
LABEL_LINE = 13.0
"""The height of a line of a label."""
LABEL_WRAP = 20
"""Names are wrapped at about this many characters a line, whole words kept."""
NAMES_UP_TO = 16
"""Up to this many organisations, each is named beside its circle."""
NUMBERS_UP_TO = 150
"""Up to this many, each is numbered in its circle and named in a key below; beyond, only
bridges and isolated members are named."""
NAMES, NUMBERS, MARKS_ONLY = "names", "numbers", "marks only"
LIGHT_ON_DARK = frozenset({"public", "voluntary"})
"""Sectors whose colour is dark enough to need a white number."""
STATUS_SUFFIX = {"former": " (former)", "uncertain": " (uncertain)", "joining": " (joining)"}
"""Said after a name on the map, so membership is not shown by outline alone."""
"""With more organisations, only bridges and isolated members are labelled on the map."""

CSS = """
:root {
  --ink: #1c2230; --muted: #5a6272; --line: #d6dae1; --paper: #ffffff; --desk: #eef0f3;
  --red: #a4261b; --red-bg: #fbe6e4; --amber: #7d4e00; --amber-bg: #fff1d0;
  --green: #1c6b30; --green-bg: #e2f3e5; --grey: #4c5464; --grey-bg: #eceef2;
  --accent: #1f4e79;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: var(--desk); color: var(--ink); font-size: 15px; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif;
}
main { max-width: 940px; margin: 0 auto; padding: 28px 20px 48px; }
article { background: var(--paper); padding: 40px 48px 32px; border-radius: 4px;
  box-shadow: 0 1px 3px rgba(20, 30, 50, 0.12); margin-bottom: 28px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
h1 { font-size: 30px; margin: 2px 0 8px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px;
  border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 17px; margin: 26px 0 10px; }
h3 .status { margin-left: 8px; vertical-align: 2px; }
h4 { font-size: 15px; margin: 0 0 6px; }
p { margin: 0 0 10px; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono",
  "DejaVu Sans Mono", monospace; font-size: 0.88em; background: var(--grey-bg);
  padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px;
  color: var(--muted); font-weight: 600; margin: 0; }
.purpose { font-size: 16px; color: #333b4a; max-width: 44em; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 14px 0 0; padding: 0;
  font-size: 13px; color: var(--muted); }
.facts div { display: flex; gap: 6px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.glance { display: grid; gap: 14px; margin-top: 24px;
  grid-template-columns: minmax(0, 1fr) minmax(0, 2fr) minmax(0, 1fr); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; }
.card h4 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--muted); margin-bottom: 6px; }
.card .big { font-size: 22px; font-weight: 700; margin: 0 0 4px; }
.card .big small { font-size: 14px; font-weight: 600; color: var(--muted); }
.card p { font-size: 13px; color: var(--muted); margin: 0; }
.card p.level-meaning { color: var(--ink); margin-bottom: 4px; }
.status { display: inline-block; font-weight: 700; border-radius: 999px; padding: 1px 10px;
  white-space: nowrap; font-size: 0.9em; border: 1px solid currentColor; }
.big .status, .invalid .status { font-size: 20px; padding: 2px 14px; }
.status-red { color: var(--red); background: var(--red-bg); }
.status-amber { color: var(--amber); background: var(--amber-bg); }
.status-green { color: var(--green); background: var(--green-bg); }
.status-not-assessed { color: var(--grey); background: var(--grey-bg); }
.continuum { display: flex; flex-wrap: wrap; gap: 3px; margin: 6px 0 8px; padding: 0;
  list-style: none; }
.continuum li { flex: none; font-size: 11px; padding: 1px 5px; border-radius: 3px;
  background: var(--grey-bg); color: var(--muted); }
.continuum li.here { background: var(--accent); color: #fff; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted);
  border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; width: 4.5em;
  white-space: nowrap; }
td.zero { color: #a7adb8; }
.principle-name { font-weight: 600; }
.principle-summary { display: block; font-size: 12.5px; color: var(--muted); font-weight: 400; }
td.coverage { font-size: 13px; }
td.principle { width: 26%; }
section.principles table { table-layout: fixed; }
section.principles th.num, section.principles td.num { width: 9.5%; }
section.principles th.num { letter-spacing: 0; font-size: 11px; white-space: normal;
  overflow-wrap: normal; }
section.principles th.num, section.principles td.num { padding-left: 4px; padding-right: 4px; }
section.principles th:nth-child(2) { width: 15%; }
section.principles th:nth-child(6) { width: 12%; }
section.principles th:nth-child(7) { width: 18.5%; }
.note { font-size: 13px; color: var(--muted); }
figure { margin: 0; }
svg.network-map { width: 100%; height: auto; display: block; border: 1px solid var(--line);
  border-radius: 6px; background: #fcfcfd; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; padding: 0;
  margin: 10px 0 6px; font-size: 12.5px; color: #333b4a; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend svg { flex: none; }
.map-key { columns: 3; column-gap: 24px; font-size: 12px; margin: 4px 0 8px;
  padding-left: 28px; color: #333b4a; }
.map-key li { break-inside: avoid; }
.map-notes { font-size: 14px; margin: 10px 0 0; padding-left: 18px; }
.map-notes li { margin-bottom: 3px; }
.principle-block { margin-top: 8px; }
.rule { border: 1px solid var(--line); border-left: 4px solid var(--grey); border-radius: 4px;
  padding: 12px 16px; margin: 0 0 12px; }
.rule.sev-error { border-left-color: var(--red); }
.rule.sev-warning { border-left-color: #c98a00; }
.rule.sev-info { border-left-color: var(--accent); }
.rule.waived { border-left-color: #a7adb8; }
.rule h4 { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.rule-code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace;
  font-size: 13px; color: var(--muted); font-weight: 600; }
.rule-summary { font-size: 13.5px; color: var(--muted); margin: 0 0 8px; }
.sev { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;
  white-space: nowrap; }
.sev-error .sev, .sev.error { color: var(--red); }
.sev-warning .sev, .sev.warning { color: var(--amber); }
.sev-info .sev, .sev.info { color: var(--accent); }
ul.findings { margin: 0 0 10px; padding-left: 20px; }
ul.findings li { margin-bottom: 4px; }
.subject { font-weight: 600; }
.where { font-size: 12px; color: var(--muted); }
.waiver { display: block; font-size: 13px; color: var(--grey); }
.waiver b { text-transform: uppercase; font-size: 11px; letter-spacing: 0.05em;
  border: 1px solid currentColor; border-radius: 3px; padding: 0 4px; margin-right: 4px; }
li.is-waived .message { color: var(--muted); }
.advice { font-size: 13.5px; background: #f6f7f9; border-radius: 4px; padding: 8px 12px; }
.advice h5 { margin: 0 0 3px; font-size: 12px; text-transform: uppercase;
  letter-spacing: 0.05em; color: var(--muted); }
.advice p { margin: 0 0 6px; }
.errors li { margin-bottom: 6px; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line);
  font-size: 12px; color: var(--muted); }
footer p { margin: 0 0 6px; }
ul.in-brief { margin: 0 0 10px; padding-left: 20px; font-size: 13.5px; }
ul.in-brief li { margin-bottom: 3px; }
ul.in-brief li.sev-info { list-style: none; margin-left: -16px; }
.about { margin: 0 0 4px; font-weight: 600; font-size: 14px; }
ul.findings li.more { list-style: none; color: var(--muted); font-size: 13px; }
.advice p.for-file { color: var(--muted); font-size: 12.5px; }
.act-first .rule { border-width: 1px 1px 1px 5px; }
.going-well ul { padding-left: 20px; }
.going-well li { margin-bottom: 4px; }
.principle-of { color: var(--muted); font-size: 13px; }
.principle-block > .keep > .principle-summary { font-size: 13px; color: var(--muted);
  margin: -4px 0 10px; }
article { overflow-wrap: break-word; }
a { color: var(--accent); }
@page { size: A4; margin: 10mm 11mm; }
@media print {
  body { background: #fff; font-size: 9pt; line-height: 1.3; }
  main { max-width: none; padding: 0; }
  article { box-shadow: none; padding: 0; margin: 0; border-radius: 0; }
  article + article { break-before: page; }
  h1 { font-size: 18pt; margin-bottom: 4px; }
  h2 { font-size: 12.5pt; margin: 10pt 0 5pt; padding-bottom: 3px; }
  h3 { font-size: 11pt; margin: 6pt 0 3pt; }
  h2, h3, h4, .keep-next { break-after: avoid; }
  .keep { break-inside: avoid; }
  .purpose { font-size: 10pt; margin-bottom: 4px; }
  .facts { margin-top: 6px; font-size: 8.5pt; }
  .glance { margin-top: 10px; gap: 8px; }
  .card { padding: 6px 10px; }
  .card .big { font-size: 14pt; }
  .card p { font-size: 8.5pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 6px; }
  th { font-size: 7.5pt; }
  .principle-summary, td.coverage { font-size: 7.5pt; }
  td.principle .principle-summary, .principle-block .principle-summary { display: none; }
  .note, .map-notes { font-size: 8pt; }
  .rule { padding: 4px 10px; margin-bottom: 4px; }
  .rule h4 { font-size: 9.5pt; margin-bottom: 2px; }
  .about { font-size: 9pt; margin-bottom: 2px; }
  ul.findings { margin-bottom: 4px; }
  ul.findings li { margin-bottom: 1px; }
  .advice { font-size: 8pt; padding: 4px 8px; display: block; }
  .advice p { margin: 0 0 2px; }
  .rule, tr, .card, .advice, .legend, .map-notes li, ul.in-brief li { break-inside: avoid; }
  ul.in-brief { font-size: 8.5pt; }
  .brief .note.meaning { display: none; }
  .brief figure svg.network-map { max-height: 88mm; }
  figure svg.network-map { max-height: 95mm; }
  .legend { margin: 4px 0; font-size: 8pt; }
  .map-key { font-size: 7.5pt; }
  .continuum li { font-size: 7pt; padding: 0 5px; }
  footer { margin-top: 8pt; }
}
@media (max-width: 720px) {
  main { padding: 0; }
  article { padding: 20px 14px; border-radius: 0; }
  h1 { font-size: 24px; }
  .glance { grid-template-columns: 1fr; }
  section.principles table { table-layout: auto; }
  section.principles td.num { width: auto; padding: 2px 0; }
  .map-key { columns: 1; }
  table, thead, tbody, tr, td { display: block; width: auto; }
  thead { display: none; }
  tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  td, td.principle, td.coverage { border: 0; padding: 2px 0; width: auto; }
  td.num, td.state { display: inline-block; width: auto; text-align: left; margin-right: 12px; }
  td.num::before, td.coverage::before { content: attr(data-label) ": "; color: var(--muted);
    font-size: 12px; }
  td.num.empty { display: none; }
}
"""


def _e(text: str) -> str:
    """User text made safe for HTML, in content and in quoted attributes; characters HTML
    cannot hold (controls, a lone surrogate from a file name that is not UTF-8) shown as
    visible escapes."""
    return html.escape(xml_text(text), quote=True)


def _inline(text: str) -> str:
    """Plain text with `code` spans (collabgain's own manuals and hints), escaped."""
    parts = text.split("`")
    return "".join(
        f"<code>{_e(part)}</code>" if index % 2 else _e(part) for index, part in enumerate(parts)
    )


def _status(status: Status) -> str:
    css = "status-" + status.value.replace(" ", "-")
    word = status.value.capitalize()
    return f'<span class="status {css}">{STATUS_SYMBOL[status]} {word}</span>'


def _severity(severity: Severity) -> str:
    return f'<span class="sev {severity.label}">{SEVERITY_SYMBOL[severity]} {severity.label}</span>'


def _header(board_file: BoardFile) -> list[str]:
    file_report = board_file.report
    info = board_file.partnership.partnership if board_file.partnership else None
    out = [
        "<header>",
        '<p class="kicker">Partnership health report</p>',
        f"<h1>{_e(file_report.partnership or '')}</h1>",
    ]
    if info and info.purpose:
        out.append(f'<p class="purpose">{_e(" ".join(info.purpose.split()))}</p>')
    facts = [("As of", long_date(file_report.as_of))]
    if info and info.established:
        facts.append(("Established", long_date(info.established.isoformat())))
    if info and info.sector:
        facts.append(("Sector", info.sector))
    if info and info.last_reviewed:
        facts.append(("Last reviewed", long_date(info.last_reviewed.isoformat())))
    facts.append(("File", shown_path(file_report.path)))
    out.append('<dl class="facts">')
    out.extend(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in facts)
    out.extend(["</dl>", "</header>"])
    return out


def _glance(file_report: FileReport) -> list[str]:
    level = file_report.collaboration_level
    found = counts(file_report.findings)
    waived = sum(1 for f in file_report.findings if f.waived)
    out = [
        '<section class="glance" aria-label="At a glance">',
        '<div class="card">',
        "<h4>Overall status</h4>",
        f'<p class="big">{_status(file_report.status)}</p>',
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
    own = counts(f for f in file_report.findings if f.principle == principle.id)
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
        f'<td class="state">{_status(principle.status)}</td>{"".join(cells)}'
        f'<td class="num{"" if view else " empty"}" data-label="Members\' view">{_e(view)}</td>'
        f'<td class="coverage" data-label="Coverage">{_inline(coverage(principle))}</td></tr>'
    )


def _going_well(file_report: FileReport, *, brief: bool = False) -> list[str]:
    """What is going well: the strengths, under their principles' titles (in a brief report,
    their names only, in one paragraph)."""
    if not file_report.strengths:
        return []
    titles = {p.id: p.title for p in file_report.principles}
    if brief:
        named = " · ".join(
            f"<b>{_e(s.title)}</b> "
            f'<span class="principle-of">({_e(titles.get(s.principle, s.principle))})</span>'
            for s in file_report.strengths
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
        f'<span class="principle-of">({_e(titles.get(s.principle, s.principle))})</span>: '
        f"{_e(s.message)}</li>"
        for s in file_report.strengths
    )
    out.extend(["</ul>", "</section>"])
    return out


def _principles(file_report: FileReport) -> list[str]:
    summaries = {g.id: " ".join(g.summary.split()) for g in load_catalogue().groups}
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
            f'<p class="note"><b>To assess every principle</b>, {_inline(needed)} to the file.</p>'
        )
    out.append("</section>")
    return out


def _wrapped(name: str, width: int = LABEL_WRAP) -> tuple[str, ...]:
    """A name in lines of about `width` characters, broken between words, never cut short."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def _naming(count: int) -> str:
    """How organisations are named on a map of `count` of them."""
    if count <= NAMES_UP_TO:
        return NAMES
    return NUMBERS if count <= NUMBERS_UP_TO else MARKS_ONLY


def _radius(ties: int, naming: str) -> float:
    if naming == NUMBERS:
        return 9 + min(4.0, math.sqrt(ties))
    if naming == MARKS_ONLY:
        return 4 + min(3.0, math.sqrt(ties))
    return 8 + min(8.0, 2 * math.sqrt(ties))


def _tie_width(tie: MapEdge) -> float:
    return round(min(8.0, 1.2 + 1.4 * math.log(tie.weight)), 1)


def strongest(ties: list[MapEdge], limit: int) -> list[MapEdge]:
    """Up to `limit` ties, the strongest, in map order."""
    if len(ties) <= limit:
        return ties
    ranked = sorted(range(len(ties)), key=lambda i: (-ties[i].weight, i))
    return [ties[i] for i in sorted(ranked[:limit])]


@dataclasses.dataclass(frozen=True)
class Placed:
    """Where an organisation is drawn, and its name and marks beside it."""

    x: float
    y: float
    radius: float
    text: tuple[str, ...]
    """The name to write beside it, a line each; empty when it is not named on the map."""
    words: tuple[str, ...]
    """BRIDGE and ISOLATED, as they apply."""
    label_x: float = 0.0
    label_y: float = 0.0
    mark_y: float = 0.0


Box = tuple[float, float, float, float]


def _overlap(a: Box, b: Box) -> float:
    """The area two rectangles (left, top, right, bottom) share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _place_labels(placed: dict[str, Placed], height: float) -> dict[str, Placed]:
    """Each name beside its circle where it covers no other name and no circle.

    Greedy, in map order: a label tries below its circle, above, to the right, to the left,
    then the same further out, and takes the first place that overlaps nothing placed so far
    and stays on the map; when every place overlaps, the one that overlaps least.
    """
    circles = {
        node: (p.x - p.radius - 2, p.y - p.radius - 2, p.x + p.radius + 2, p.y + p.radius + 2)
        for node, p in placed.items()
    }
    taken: list[Box] = []
    out: dict[str, Placed] = {}
    for node_id, spot in placed.items():
        if not spot.text and not spot.words:
            out[node_id] = spot
            continue
        widest = max([len(line) for line in spot.text] + [len(" · ".join(spot.words))])
        half = widest * LABEL_CHAR_WIDTH / 2 + 3
        tall = LABEL_LINE * len(spot.text) + (12.0 if spot.words else 0.0)
        gap = spot.radius + 3
        # Its own circle too: a label moved inwards at an edge must not cover it.
        others = list(circles.values())
        best: tuple[float, Box] | None = None
        for reach in (0.0, 14.0, 30.0):
            centre_x = (spot.x, spot.x, spot.x + gap + half + reach, spot.x - gap - half - reach)
            top = (
                spot.y + gap + reach,
                spot.y - gap - tall - reach,
                spot.y - tall / 2,
                spot.y - tall / 2,
            )
            for x, y in zip(centre_x, top, strict=True):
                # Keep the label on the page: moved inwards at an edge, never cut off.
                x = min(max(x, half + 2), MAP_WIDTH - half - 2)
                y = min(max(y, 2.0), height - tall - 2)
                box = (x - half, y, x + half, y + tall)
                cost = sum(_overlap(box, other) for other in (*taken, *others))
                if best is None or cost < best[0]:
                    best = (cost, box)
                if cost == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        box = best[1]
        taken.append(box)
        first = box[1] + 10
        out[node_id] = dataclasses.replace(
            spot,
            label_x=(box[0] + box[2]) / 2,
            label_y=first,
            mark_y=first + LABEL_LINE * len(spot.text) if spot.text else first,
        )
    return out


def _node_svg(node: MapNode, spot: Placed, naming: str, number: int) -> list[str]:
    x, y, radius = spot.x, spot.y, spot.radius
    fill = SECTOR_COLOURS.get(node.sector or "", NO_SECTOR)
    classes = ["org", f"status-{node.status}"]
    stroke, width, dash, opacity = "#39414f", 1.5, "", "1"
    if node.status in ("former", "joining"):
        dash, opacity = ' stroke-dasharray="4 3"', "0.45"
    elif node.status == "uncertain":
        dash = ' stroke-dasharray="1.5 2.5"'
    if node.isolated:
        classes.append("isolated")
        stroke, width = ISOLATED_INK, 3.5
    if node.bridge:
        classes.append("bridge")
        stroke, width = BRIDGE_INK, 4.5
    about = "; ".join([*details(node), *marks(node)]) or "sector not given"
    out = [
        f'<g class="node" data-org="{_e(node.id)}">',
        f"<title>{_e(node.name)} ({_e(node.id)}): {_e(about)}</title>",
        f'<circle class="{" ".join(classes)}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
        f'fill="{fill}" fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    ]
    if naming == NUMBERS:
        ink = "#ffffff" if node.sector in LIGHT_ON_DARK and node.status == "active" else "#1c2230"
        out.append(
            f'<text class="number" x="{x:.1f}" y="{y + 3.2:.1f}" font-size="9" '
            f'font-weight="700" fill="{ink}">{number}</text>'
        )
    if spot.text:
        style = ' font-style="italic" fill="#6b7280"' if node.status != "active" else ""
        lines = "".join(
            f'<tspan x="{spot.label_x:.1f}" dy="{0 if index == 0 else LABEL_LINE:.0f}">'
            f"{_e(line)}</tspan>"
            for index, line in enumerate(spot.text)
        )
        out.append(
            f'<text class="label" x="{spot.label_x:.1f}" y="{spot.label_y:.1f}"{style}{HALO}>'
            f"{lines}</text>"
        )
    if spot.words:
        ink = BRIDGE_INK if node.bridge else ISOLATED_INK
        out.append(
            f'<text class="mark" x="{spot.label_x:.1f}" y="{spot.mark_y:.1f}" fill="{ink}" '
            f'font-weight="700" font-size="10"{HALO}>{" · ".join(spot.words)}</text>'
        )
    out.append("</g>")
    return out


def _named(node: MapNode, naming: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The name and marks written beside an organisation on a map named `naming`."""
    words = tuple(w for w, flag in (("BRIDGE", node.bridge), ("ISOLATED", node.isolated)) if flag)
    if naming == MARKS_ONLY and not node.bridge:
        # Isolated members stand in rows too close for names; the notes below name them.
        return (), ()
    if naming == NAMES or (naming == MARKS_ONLY and words):
        return _wrapped(node.name + STATUS_SUFFIX.get(node.status, "")), words
    return (), words


def _map_svg(network: NetworkMap, title: str) -> list[str]:
    organisations = network.organisations
    naming = _naming(len(organisations))
    ties = network.ties
    drawn = strongest(ties, MAX_DRAWN_TIES)
    degree = {n.id: 0 for n in organisations}
    for tie in ties:
        degree[tie.source] += 1
        degree[tie.target] += 1
    # An organisation whose ties are all too weak to draw still sits among the tied ones.
    connected = [n.id for n in organisations if degree[n.id]]
    alone = [n.id for n in organisations if not degree[n.id]]
    drawing = layout.arrange(connected, [(t.source, t.target) for t in drawn])
    # Room at the sides and top for names of several lines beside the outer circles.
    side, top = (110.0, 56.0) if naming == NAMES else (80.0, 40.0)
    tallest = 560.0 if len(connected) <= 30 else 600.0
    wanted = (MAP_WIDTH - 2 * side) * layout.aspect(drawing) + 2 * top
    main_height = min(max(wanted, 200.0), tallest) if connected else 0.0
    # Room for a name and a mark under each, for a mark only, or for neither.
    spacing = {NAMES: (150.0, 64.0), NUMBERS: (70.0, 52.0), MARKS_ONLY: (36.0, 30.0)}[naming]
    alone_rows = layout.row_count(len(alone), MAP_WIDTH, spacing[0], side)
    alone_top = main_height + (46 if main_height else 40)
    height = main_height + (alone_rows * spacing[1] + 40 if alone else 0)
    positions = layout.fit(drawing, layout.Box(MAP_WIDTH, main_height, side, top))
    positions.update(layout.rows(alone, MAP_WIDTH, alone_top, spacing, side))
    placed = {}
    for node in organisations:
        text, words = _named(node, naming)
        x, y = positions[node.id]
        placed[node.id] = Placed(x, y, _radius(degree[node.id], naming), text, words)
    placed = _place_labels(placed, height)
    names = {n.id: n.name for n in organisations}
    out = [
        f'<svg class="network-map" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {MAP_WIDTH} {height:.0f}" aria-labelledby="map-title">',
        f'<title id="map-title">{_e(title)}</title>',
        '<g font-size="11" text-anchor="middle" stroke-linejoin="round">',
        '<g class="ties" stroke-linecap="round">',
    ]
    for tie in drawn:
        (x1, y1), (x2, y2) = positions[tie.source], positions[tie.target]
        style = "" if tie.current else ' stroke-dasharray="5 4" stroke-opacity="0.5"'
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{TIE_INK}" '
            f'stroke-width="{_tie_width(tie)}"{style}><title>{_e(names[tie.source])} and '
            f"{_e(names[tie.target])}: {_e(tie.summary)}</title></line>"
        )
    out.append("</g>")
    if alone:
        out.append(
            f'<text x="{MAP_WIDTH / 2:.0f}" y="{alone_top - 22:.0f}" fill="#5a6272" '
            f'font-size="12">No tie to any member in the 24 months to the as-of date</text>'
        )
        if main_height:
            out.append(
                f'<line x1="20" x2="{MAP_WIDTH - 20}" y1="{main_height:.0f}" '
                f'y2="{main_height:.0f}" stroke="#d6dae1"/>'
            )
    out.append('<g class="nodes">')
    for number, node in enumerate(organisations, start=1):
        out.extend(_node_svg(node, placed[node.id], naming, number))
    out.extend(["</g>", "</g>", "</svg>"])
    return out


def _swatch(shape: str) -> str:
    return f'<svg width="30" height="20" viewBox="0 0 30 20" aria-hidden="true">{shape}</svg>'


def _dot(fill: str, stroke: str = "#39414f", extra: str = "") -> str:
    return _swatch(f'<circle cx="15" cy="10" r="7" fill="{fill}" stroke="{stroke}"{extra}/>')


def _legend(network: NetworkMap) -> list[str]:
    organisations = network.organisations
    items = [
        (_dot(colour), sector)
        for sector, colour in SECTOR_COLOURS.items()
        if any(n.sector == sector for n in organisations)
    ]
    if any(n.sector is None for n in organisations):
        items.append((_dot(NO_SECTOR), "sector not given"))
    if network.bridges:
        items.append(
            (_dot("#fff", BRIDGE_INK, ' stroke-width="4"'), "bridge: the only link between groups")
        )
    if network.isolated:
        items.append((_dot("#fff", ISOLATED_INK, ' stroke-width="3"'), "isolated member"))
    if any(n.status in ("former", "joining") for n in organisations):
        items.append((_dot("#ccc", extra=' stroke-dasharray="4 3"'), "former member (dashed)"))
    if any(n.status == "uncertain" for n in organisations):
        items.append(
            (_dot("#fff", extra=' stroke-dasharray="1.5 2.5"'), "membership uncertain (dotted)")
        )
    if network.ties:
        lines = (
            f'<line x1="2" y1="6" x2="28" y2="6" stroke="{TIE_INK}" stroke-width="1.2"/>'
            f'<line x1="2" y1="14" x2="28" y2="14" stroke="{TIE_INK}" stroke-width="4"/>'
        )
        items.append((_swatch(lines), "thicker line: more shared records"))
    out = ['<ul class="legend" aria-label="Legend">']
    out.extend(f"<li>{shape}<span>{_e(text)}</span></li>" for shape, text in items)
    out.append("</ul>")
    return out


def _key(organisations: list[MapNode]) -> list[str]:
    """The names behind the numbers on a map too full to name each circle."""
    if _naming(len(organisations)) != NUMBERS:
        return []
    out = ['<ol class="map-key" aria-label="Key to the numbers on the map">']
    for node in organisations:
        said = ", ".join(marks(node))
        out.append(f"<li>{_e(node.name)}{f' <i>({_e(said)})</i>' if said else ''}</li>")
    out.append("</ol>")
    return out


def _map(board_file: BoardFile) -> list[str]:
    network = board_file.network
    if network is None:
        return []
    organisations = network.organisations
    as_of = _e(long_date(board_file.report.as_of))
    active = [n for n in organisations if n.status == "active"]
    pairs = len(network.ties)
    out = [
        '<section class="map">',
        # The heading, its note and the drawing stay together when printed.
        '<div class="keep">',
        "<h2>Who works with whom</h2>",
        f'<p class="note">Each circle is an organisation, coloured by sector and sized by how '
        f"many others it works with. A line joins two members that, in the 24 months to "
        f"{as_of}, share an activity, a decision, or a meeting of a smaller group than the "
        f"whole partnership; the more they share, the thicker the line. "
        f"{plural(len(organisations), 'organisation')} ({len(active)} active), "
        f"{plural(network.tied_pairs, 'tied pair')}.</p>",
        "<figure>",
        *_map_svg(network, f"{network.partnership}: who works with whom"),
        "</figure>",
        "</div>",
        '<div class="map-caption">',
        *_legend(network),
        *_key(organisations),
        "</div>",
        '<ul class="map-notes">',
    ]
    if network.note:
        out.append(f"<li><b>Not every tie is drawn</b>: {_e(network.note)}</li>")
    if pairs > MAX_DRAWN_TIES:
        out.append(f"<li>The {MAX_DRAWN_TIES:,} strongest of {pairs:,} ties are drawn.</li>")
    if _naming(len(organisations)) == MARKS_ONLY:
        out.append("<li>Only bridges are named on the map; isolated members are ringed.</li>")
    out.extend(
        f"<li>{_e(group.name)} ties {group.members:,} organisations, too many to draw as "
        "pairs; its ties are not drawn.</li>"
        for group in network.groups
    )
    for node in organisations:
        if node.bridge:
            out.append(
                f"<li><b>Bridge</b>: {_e(node.name)} is the only link between groups of active "
                f"members; without it they would split into {node.parts_without} parts.</li>"
            )
    isolated = [n for n in organisations if n.isolated]
    if isolated:
        out.append(
            "<li><b>Isolated</b>, sharing nothing with any other active member: "
            f"{', '.join(_e(n.name) for n in isolated)}.</li>"
        )
    inactive = [n for n in organisations if n.status != "active"]
    if inactive:
        listed = ", ".join(f"{_e(n.name)} ({STATUS_MARKS[n.status]})" for n in inactive)
        out.append(f"<li><b>Not active</b> on {as_of}: {listed}.</li>")
    if not network.bridges and not isolated and len(active) >= 2:
        out.append(
            "<li>No active member is isolated, and no single member holds the rest together.</li>"
        )
    out.extend(["</ul>", "</section>"])
    return out


def _subjects(concern: Concern) -> str:
    names = concern.subjects
    if len(names) == 1:
        return f'<p class="about">{_e(names[0])}</p>'
    if names:
        listed = _e(names_list(names, limit=len(names) if len(names) <= 8 else 6))
        return f'<p class="about">{len(names)} of them: {listed}</p>'
    return ""


def _concern(concern: Concern, *, first: bool = False) -> list[str]:
    """A rule's findings once: what it is about, the facts, and what partners can do.

    Information is shown without advice, and what to act on first with its advice only: a
    reader who wants the reasoning finds it with the same concern under its principle.
    """
    severity = concern.severity
    classes = f"rule sev-{severity.label}{' waived' if concern.waived else ''}"
    badge = _severity(severity) + (' <span class="sev">· waived</span>' if concern.waived else "")
    out = [
        f'<div class="{classes}" {_rule_id(concern, first=first)}>',
        f"<h4>{badge}<span>{_e(concern.title)}</span>"
        f'<span class="rule-code">{_e(concern.code)}</span></h4>',
        _subjects(concern),
    ]
    messages = concern.messages
    shown = 1 if first else SHOWN_MESSAGES
    out.append('<ul class="findings">')
    for message, lines in messages[:shown]:
        where = f'<span class="where">{lines_list(lines)}</span>'
        out.append(f'<li><span class="message">{_e(message)}</span> {where}</li>')
    more = len(messages) - min(shown, len(messages))
    if more:
        rest = sorted({line for _text, lines in messages[shown:] for line in lines})
        out.append(
            f'<li class="more">and {more} more like {"it" if more == 1 else "these"} '
            f'<span class="where">{lines_list(rest)}</span></li>'
        )
    out.append("</ul>")
    if concern.waived:
        reasons = dict.fromkeys(f.waiver_reason or "" for f in concern.findings)
        out.extend(f'<p class="waiver"><b>Waived</b>{_e(reason)}</p>' for reason in reasons)
    elif severity >= Severity.WARNING:
        rule = find_rule(concern.code)
        to_do, in_file = advice(rule)
        # The editor's hint waits for the findings below; the first page is for the board.
        in_file = [] if first else in_file
        why = [] if first else doc_paragraphs(rule, "Why it matters")[:1]
        if why or to_do or in_file:
            out.append('<div class="advice">')
            if why:
                out.append(f"<p><b>Why it matters:</b> {_inline(_first_sentence(why[0]))}</p>")
            out.extend(f"<p><b>What to do:</b> {_inline(p)}</p>" for p in to_do[:1])
            out.extend(f'<p class="for-file"><b>In the file:</b> {_inline(p)}</p>' for p in in_file)
            out.append("</div>")
    out.append("</div>")
    return out


def _brief_line(concern: Concern, said: str) -> str:
    """A concern in one line: its title, what it is about, and `said` (its message, or where
    it was shown already), with the partnership's reasons where it is waived."""
    names = concern.subjects
    about = f" ({_e(names_list(names))})" if names else ""
    waived = ' <span class="sev">· waived</span>' if concern.waived else ""
    reasons = ""
    if concern.waived:
        found = dict.fromkeys(f.waiver_reason or "" for f in concern.findings)
        reasons = "".join(f'<span class="waiver"><b>Waived</b>{_e(r)}</span>' for r in found)
    classes = f"sev-{concern.severity.label}{' is-waived' if concern.waived else ''}"
    return (
        f'<li class="{classes}" {_rule_id(concern)}>{SEVERITY_SYMBOL[concern.severity]} '
        f"<b>{_e(concern.title)}</b>{about}{waived}: {said} "
        f'<span class="where">{lines_list(concern.lines)}</span>{reasons}</li>'
    )


def _rule_id(concern: Concern, *, first: bool = False) -> str:
    """The concern's rule, and under its principle an id to link to (unique in the page)."""
    if first:
        return f'data-rule="{_e(concern.code)}"'
    suffix = "-waived" if concern.waived else ""
    return f'id="{_e(concern.code)}{suffix}" data-rule="{_e(concern.code)}"'


def _first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text


def _act_first(file_report: FileReport) -> list[str]:
    first = act_first(file_report)
    out = ['<section class="act-first">']
    if not first:
        out.extend(
            [
                "<h2>Act on these first</h2>",
                "<p>Nothing to act on: no check found an error or a warning.</p>",
                "</section>",
            ]
        )
        return out
    out.append('<div class="keep"><h2>Act on these first</h2>')
    for index, concern in enumerate(first):
        out.extend(_concern(concern, first=True))
        if index == 0:
            out.append("</div>")
    out.append("</section>")
    return out


def _findings(file_report: FileReport) -> list[str]:
    groups = by_principle(file_report)
    shown_first = {c.code for c in act_first(file_report)}
    results = {p.id: p for p in file_report.principles}
    summaries = {g.id: " ".join(g.summary.split()) for g in load_catalogue().groups}
    out = ['<section class="findings">']
    heading = '<h2 class="keep-next">Findings by principle</h2>'
    if not groups:
        out.extend([heading, "<p>No findings: every check that ran found nothing to report.</p>"])
    intro = [
        heading,
        '<p class="note">Each finding names the facts in the file behind it and the line '
        "where they are; one check's findings about several organisations are shown "
        "together. Findings the partnership has accepted are marked waived, with its "
        "reason.</p>",
    ]
    for principle, found in groups:
        result = results.get(principle)
        title = principle_title(principle)
        status = _status(result.status) if result else ""
        summary = summaries.get(principle, "")
        out.extend(
            [
                f'<section class="principle-block" id="principle-{_e(principle)}">',
                # Headings are kept with the first finding below them when printed.
                '<div class="keep">',
                *intro,
                f"<h3>{_e(title)} {status}</h3>",
            ]
        )
        intro = []
        if summary:
            out.append(f'<p class="principle-summary">{_e(summary)}</p>')
        # In full: warnings and errors not already shown first. In a line each: those shown
        # first, then information and what the partnership has waived.
        full = [c for c in found if c.severity >= Severity.WARNING and not c.waived]
        lines = [
            _brief_line(c, "see <i>Act on these first</i>")
            if len(c.findings) == 1
            else _brief_line(c, _e(" ".join(text for text, _lines in c.messages)))
            for c in full
            if c.code in shown_first
        ]
        full = [c for c in full if c.code not in shown_first]
        lines.extend(
            _brief_line(c, _e(" ".join(text for text, _lines in c.messages)))
            for c in found
            if c.severity < Severity.WARNING or c.waived
        )
        if not full:
            out.append("</div>")
        for index, concern in enumerate(full):
            out.extend(_concern(concern))
            if index == 0:
                out.append("</div>")
        if lines:
            out.extend(['<ul class="in-brief">', *lines, "</ul>"])
        out.append("</section>")
    out.append("</section>")
    return out


def _footer(report: BoardReport, file_report: FileReport) -> list[str]:
    made = (
        f"Produced by collabgain {_e(report.tool_version)} from "
        f"<code>{_e(shown_path(file_report.path))}</code>"
    )
    if not file_report.valid:
        return ["<footer>", f"<p>{made}.</p>", "</footer>"]
    return [
        "<footer>",
        f"<p>{made}, with {plural(len(report.rules), 'rule')} selected. Every figure comes "
        "from that "
        f"file, as it stood on {_e(long_date(file_report.as_of))}; none is estimated. "
        "Run <code>collabgain explain CODE</code> for a check's full manual.</p>",
        "</footer>",
    ]


def _overview(report: BoardReport) -> list[str]:
    """With several files, a table of them first, each row linking to its part of the page."""
    out = [
        '<article class="overview">',
        '<p class="kicker">Partnership health report</p>',
        f"<h1>{_e(plural(len(report.files), 'partnership file'))}</h1>",
        "<table>",
        "<thead><tr><th>Partnership</th><th>Status</th><th class=num>Errors</th>"
        "<th class=num>Warnings</th><th>Level</th></tr></thead>",
        "<tbody>",
    ]
    for index, board_file in enumerate(report.files, start=1):
        file_report = board_file.report
        found = counts(file_report.findings + file_report.errors)
        name = file_report.partnership or shown_path(file_report.path)
        level = file_report.collaboration_level
        status = (
            _status(file_report.status)
            if file_report.valid
            else f'<span class="status status-red">{STATUS_SYMBOL[Status.RED]} Invalid</span>'
        )
        out.append(
            f'<tr><td class="principle"><a href="#file-{index}">{_e(name)}</a>'
            f'<span class="principle-summary">{_e(shown_path(file_report.path))}</span></td>'
            f'<td class="state">{status}</td>'
            f'<td class="num" data-label="Errors">{found[Severity.ERROR]}</td>'
            f'<td class="num" data-label="Warnings">{found[Severity.WARNING]}</td>'
            f'<td data-label="Level">{_e(level.level if level else "")}</td></tr>'
        )
    out.extend(["</tbody>", "</table>", "</article>"])
    return out


def _invalid(file_report: FileReport) -> list[str]:
    count = len(file_report.errors)
    out = [
        "<header>",
        '<p class="kicker">Partnership health report</p>',
        f"<h1>{_e(shown_path(file_report.path))}</h1>",
        '<p class="invalid">'
        f'<span class="status status-red">{STATUS_SYMBOL[Status.RED]} Invalid</span></p>',
        f"<p>The file is invalid ({count} {'error' if count == 1 else 'errors'}), so no health "
        "check ran on it. Correct the errors below and produce the report again.</p>",
        "</header>",
        '<ul class="errors">',
    ]
    out.extend(
        f'<li>{_severity(e.severity)} <span class="rule-code">{_e(e.code)}</span> '
        f'{_e(e.message)} <span class="where">line {e.line}, column {e.column}</span></li>'
        for e in file_report.errors
    )
    out.append("</ul>")
    return out


def _article(
    report: BoardReport, board_file: BoardFile, index: int, gains_matcher: Matcher
) -> list[str]:
    file_report = board_file.report
    brief = ' class="brief"' if report.brief else ""
    out = [f'<article id="file-{index}"{brief}>']
    if not file_report.valid:
        out.extend(_invalid(file_report))
    else:
        out.extend(_header(board_file))
        out.extend(_glance(file_report))
        out.extend(_act_first(file_report))
        out.extend(_going_well(file_report, brief=report.brief))
        out.extend(_principles(file_report))
        out.extend(_map(board_file))
        if not report.brief:
            out.extend(gains_html.section(board_file, gains_matcher))
            out.extend(_findings(file_report))
    out.extend(_footer(report, file_report))
    out.append("</article>")
    return out


_BLANK_LINES = re.compile(r"\n{2,}")


def page(title: str, tool_version: str, body: list[str]) -> str:
    """A standalone HTML document of the report's look holding `body` (lines of HTML)."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="collabgain {_e(tool_version)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
    ]
    return _BLANK_LINES.sub("\n", "\n".join(lines)) + "\n"


def render(report: BoardReport, *, gains_matcher: Matcher | None = None) -> str:
    """The whole report as one standalone HTML document; `gains_matcher` is the configured one
    for "Where you could gain" (the shipped synonyms without it)."""
    matcher = gains_matcher or Matcher()
    body = _overview(report) if len(report.files) > 1 else []
    for index, board_file in enumerate(report.files, start=1):
        body.extend(_article(report, board_file, index, matcher))
    return page(report.title, report.tool_version, body)

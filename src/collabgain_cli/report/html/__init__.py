"""The standalone HTML report of `collabgain report`: one file an analyst can email to partners.

Per partnership: its status and collaboration level with the reason, a table of principles with
coverage, the network map drawn as inline SVG, and the findings grouped by principle, each
rule with why it matters and how to fix it. Invalid files list their errors.

The page makes no request of any kind: styles are inline, fonts are the reader's own, there is
no script, and a Content-Security-Policy forbids loading anything even if something slipped in.
Every piece of the user's text is escaped. Status is shown as a word, a symbol and a colour,
never colour alone. It prints on A4.

This module lays out the page and each file's part of it; the parts are in this package:
`summary` (at a glance, going well, the principles), `network` (the map, drawn by
`report.graph.svg`), `findings`, and `common` for what they all write the same way. The style
sheet is `style.css`, put inline in the page.
"""

from __future__ import annotations

import functools
import importlib.resources
import re

from ...analysis.dates import plural
from ...findings import FileReport, Status
from ...safe_text import html_text as _e
from .. import RenderOptions
from ..board import STATUS_SYMBOL, BoardFile, BoardReport, long_date, shown_path
from . import gains as gains_html
from .common import severity_badge
from .findings import act_first_section, findings_section
from .network import map_section
from .summary import glance_section, going_well_section, principles_section

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


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
        facts.append(("Established", long_date(info.established)))
    if info and info.sector:
        facts.append(("Sector", info.sector))
    if info and info.last_reviewed:
        facts.append(("Last reviewed", long_date(info.last_reviewed)))
    facts.append(("File", shown_path(file_report.path)))
    out.append('<dl class="facts">')
    out.extend(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in facts)
    out.extend(["</dl>", "</header>"])
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
        f'<li>{severity_badge(e.severity)} <span class="rule-code">{_e(e.code)}</span> '
        f'{_e(e.message)} <span class="where">line {e.line}, column {e.column}</span></li>'
        for e in file_report.errors
    )
    out.append("</ul>")
    return out


def _article(report: BoardReport, board_file: BoardFile, index: int) -> list[str]:
    file_report = board_file.report
    brief = ' class="brief"' if report.brief else ""
    out = [f'<article id="file-{index}"{brief}>']
    if not file_report.valid:
        out.extend(_invalid(file_report))
    else:
        out.extend(_header(board_file))
        out.extend(glance_section(file_report))
        out.extend(act_first_section(file_report))
        out.extend(going_well_section(file_report, brief=report.brief))
        out.extend(principles_section(file_report))
        out.extend(map_section(board_file))
        if not report.brief:
            out.extend(gains_html.section(board_file))
            out.extend(findings_section(file_report))
    out.extend(_footer(report, file_report))
    out.append("</article>")
    return out


_BLANK_LINES = re.compile(r"\n{2,}")


@functools.cache
def _style() -> str:
    """The page's style sheet, `style.css` beside this module."""
    return importlib.resources.files(__name__).joinpath("style.css").read_text(encoding="utf-8")


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
        f"<style>\n{_style()}</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
    ]
    return _BLANK_LINES.sub("\n", "\n".join(lines)) + "\n"


def render(report: BoardReport, options: RenderOptions | None = None) -> str:
    """The whole report as one standalone HTML document ("Where you could gain" comes worked
    out with each file, `BoardFile.gains`)."""
    # A folder of several files has its overview page (`html/index.py`), not one here.
    body: list[str] = []
    for index, board_file in enumerate(report.files, start=1):
        body.extend(_article(report, board_file, index))
    return page(report.title, report.tool_version, body)

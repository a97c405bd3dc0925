"""The overview page of `collabgain report -o DIR`: a row per file, linking to its own page.

The same look as the report's pages (their styles and locked Content-Security-Policy); the
only links are to the pages beside it in the folder.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...analysis.dates import plural
from ...findings import Status
from ...safe_text import html_text as _e
from ..board import STATUS_SYMBOL, shown_path
from . import page
from .common import status_badge as _status

if TYPE_CHECKING:
    from ...batch import FileSummary


def _row(summary: FileSummary, page_name: str) -> str:
    status = (
        _status(summary.status)
        if summary.valid
        else f'<span class="status status-red">{STATUS_SYMBOL[Status.RED]} Invalid</span>'
    )
    href = urllib.parse.quote(page_name)
    return (
        f'<tr><td class="principle"><a href="{_e(href)}">{_e(summary.name)}</a>'
        f'<span class="principle-summary">{_e(shown_path(summary.path))}</span></td>'
        f'<td class="state">{status}</td>'
        f'<td class="num" data-label="Errors">{summary.errors}</td>'
        f'<td class="num" data-label="Warnings">{summary.warnings}</td>'
        f'<td data-label="Level">{_e(summary.level)}</td></tr>'
    )


def render_index(rows: Sequence[tuple[FileSummary, str]], tool_version: str) -> str:
    """The overview of every file: (its summary, its page's name) in the order reported."""
    title = f"Partnership health report: {plural(len(rows), 'file')}"
    invalid = sum(1 for summary, _page in rows if not summary.valid)
    return page(
        title,
        tool_version,
        [
            '<article class="overview">',
            '<p class="kicker">Partnership health report</p>',
            f"<h1>{_e(plural(len(rows), 'partnership file'))}</h1>",
            "<p>Each partnership has its own page: follow its name."
            + (f" Invalid files: {invalid}; their pages list the errors." if invalid else "")
            + "</p>",
            "<table>",
            "<thead><tr><th>Partnership</th><th>Status</th><th class=num>Errors</th>"
            "<th class=num>Warnings</th><th>Level</th></tr></thead>",
            "<tbody>",
            *(_row(summary, page_name) for summary, page_name in rows),
            "</tbody>",
            "</table>",
            f"<footer><p>Produced by collabgain {_e(tool_version)}.</p></footer>",
            "</article>",
        ],
    )

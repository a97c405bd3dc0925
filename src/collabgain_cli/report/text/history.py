"""`collabgain history` as text: one row a version, oldest first, then a sparkline.

The principles share one column, one status symbol each in report order, so the table fits
80 columns; a legend under the table names them. The commit subject takes the width left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Span, Text

from ...findings import Severity, Status
from ...history import INVALID_MARK, History, Version, sparkline
from ...safe_text import terminal_line, terminal_output
from . import STATUS_STYLE, text_of
from .terminal import Line, Page, wrap

if TYPE_CHECKING:
    from .. import RenderOptions

_COLUMN_GAP = 2
"""Rich's cell padding between two columns of a table without edges."""


def _count(value: int) -> str:
    return str(value) if value else ""


def _statuses(found: History, version: Version) -> Line:
    statuses = {p.id: p.status for p in version.report.principles}
    out = Line("")
    for _number, principle_id, _title in found.principles:
        symbol, style = STATUS_STYLE[statuses.get(principle_id, Status.NOT_ASSESSED)]
        out.append(symbol, style)
    return out


def _row(found: History, version: Version) -> list[Line]:
    report = version.report
    counts = version.counts
    cells = [
        Line(version.commit.date[:10]),
        Line(version.commit.commit[:7]),
        _statuses(found, version) if report.valid else Line(""),
        *(Line(_count(counts[s])) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)),
    ]
    level = report.collaboration_level
    if report.valid:
        cells.append(Line(level.level if level else ""))
    else:
        cells.append(Line(f"{INVALID_MARK} invalid", style="bold red"))
    cells.append(Line(terminal_line(version.commit.subject), style="dim"))
    return cells


_HEADERS = ("Date", "Commit", "Principles", "E", "W", "I", "Level")
_RIGHT = ("E", "W", "I")


def _widths(rows: list[list[Line]], measure: Callable[[str], int]) -> list[int]:
    """Each column's natural width but the subject's: its widest cell or heading."""
    return [
        max(measure(header), *(measure(row[index].text) for row in rows))
        for index, header in enumerate(_HEADERS)
    ]


def _rich(cell: Line) -> Text:
    return Text(cell.text, style=cell.style, spans=[Span(a, b, s) for a, b, s in cell.spans])


def _table(rows: list[list[Line]], widths: list[int], subject: int) -> Table:
    """The rich table: every row, or (with no rows and fixed widths) just the headings."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    fixed = not rows
    for header, natural in zip(_HEADERS, widths, strict=True):
        table.add_column(
            header,
            justify="right" if header in _RIGHT else "left",
            no_wrap=True,
            width=natural if fixed else None,
        )
    # Without a limit, rich would narrow every column alike and lose the one-character ones.
    table.add_column(
        "Subject",
        no_wrap=True,
        overflow="ellipsis",
        max_width=subject,
        width=subject if fixed else None,
    )
    for row in rows:
        table.add_row(*map(_rich, row))
    return table


def _lines(rows: list[list[Line]], widths: list[int], subject: int, *, color: bool) -> str:
    """The rows as the table lays them out, cell by cell, without its layout machinery.

    A table of thousands of versions spends most of its time measuring and padding
    cells whose widths are already known; the same padding, styles and ellipsis, written
    straight as terminal lines (`terminal.Page`), give the same bytes in a fraction of the
    time.
    """
    gap = " " * _COLUMN_GAP
    page = Page(sum(widths) + _COLUMN_GAP * len(widths) + subject, color=color)
    for row in rows:
        line = Line("")
        for index, cell in enumerate(row[:-1]):
            right = _HEADERS[index] in _RIGHT
            piece = wrap(cell, widths[index], no_wrap=True, justify="right" if right else "left")
            line.append_line(piece[0])
            line.append(gap)
        last = wrap(row[-1], subject, overflow="ellipsis", no_wrap=True, justify="left")[0]
        page.row(line.append_line(last))
    return terminal_output(page.text(), colour=color)


def _body(found: History, width: int, *, color: bool) -> tuple[list[RenderableType], str]:
    """The table: as Rich renderables to print, and the lines that follow them."""
    rows = [_row(found, v) for v in found.versions]
    widths = _widths(rows, cell_len)
    used = sum(_widths(rows, len)) + _COLUMN_GAP * len(widths)
    limit = max(8, width - used)
    if width - used < 8 or sum(widths) + _COLUMN_GAP * len(widths) != used:
        # Too narrow for every column (or a cell wider than its characters): rich decides.
        return [_table(rows, widths, limit)], ""
    subject = min(limit, max(cell_len("Subject"), *(cell_len(row[-1].text) for row in rows)))
    return [_table([], widths, subject)], _lines(rows, widths, subject, color=color)


def render(found: History, options: RenderOptions) -> str:
    count = len(found.versions)
    warnings = found.warnings
    most = max((w for w in warnings if w is not None), default=0)
    names = ", ".join(f"{number} {title}" for number, _id, title in found.principles)
    symbols = ", ".join(
        f"{STATUS_STYLE[s][0]} {s.value}"
        for s in (Status.GREEN, Status.AMBER, Status.RED, Status.NOT_ASSESSED)
    )
    table, lines = _body(found, options.width, color=options.color)
    before: list[RenderableType] = [
        Text.assemble(
            (terminal_line(found.path), "bold"),
            f": {count} committed version{'s' if count != 1 else ''}, oldest first",
        ),
        Text(""),
        *table,
    ]
    after: list[RenderableType] = [
        Text(""),
        Text.assemble(
            ("Warnings ", "bold"),
            (sparkline(warnings), "yellow"),
            (f"  oldest → newest; most {most}", "dim"),
            (f"; {INVALID_MARK} invalid version" if None in warnings else "", "dim"),
        ),
        Text(""),
        Text(f"Principles, in order: {names}.", style="dim"),
        Text(f"{symbols}; E/W/I: errors, warnings, info.", style="dim"),
    ]
    color, width = options.color, options.width
    return (
        text_of(before, color=color, width=width) + lines + text_of(after, color=color, width=width)
    )

"""`collabgain history` as text: one row a version, oldest first, then a sparkline.

The principles share one column, one status symbol each in report order, so the table fits
80 columns; a legend under the table names them. The commit subject takes the width left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..findings import Severity, Status
from ..history import INVALID_MARK, History, Version, sparkline
from ..safe_text import terminal_line
from .text import STATUS_STYLE, text_of

if TYPE_CHECKING:
    from . import RenderOptions

_COLUMN_GAP = 2
"""Rich's cell padding between two columns of a table without edges."""


def _count(value: int) -> str:
    return str(value) if value else ""


def _statuses(found: History, version: Version) -> Text:
    statuses = {p.id: p.status for p in version.report.principles}
    out = Text()
    for _number, principle_id, _title in found.principles:
        symbol, style = STATUS_STYLE[statuses.get(principle_id, Status.NOT_ASSESSED)]
        out.append(symbol, style=style)
    return out


def _row(found: History, version: Version) -> list[Text | str]:
    report = version.report
    counts = version.counts
    cells: list[Text | str] = [
        version.commit.date[:10],
        version.commit.commit[:7],
        _statuses(found, version) if report.valid else "",
        *(_count(counts[s]) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)),
    ]
    level = report.collaboration_level
    if report.valid:
        cells.append(level.level if level else "")
    else:
        cells.append(Text(f"{INVALID_MARK} invalid", style="bold red"))
    cells.append(Text(terminal_line(version.commit.subject), style="dim"))
    return cells


def _table(found: History, width: int) -> Table:
    rows = [_row(found, v) for v in found.versions]
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    headers = ("Date", "Commit", "Principles", "E", "W", "I", "Level")
    used = 0
    for index, header in enumerate(headers):
        natural = max(len(header), *(len(str(row[index])) for row in rows))
        used += natural + _COLUMN_GAP
        right = header in ("E", "W", "I")
        table.add_column(header, justify="right" if right else "left", no_wrap=True)
    # Without a limit, rich would narrow every column alike and lose the one-character ones.
    table.add_column("Subject", no_wrap=True, overflow="ellipsis", max_width=max(8, width - used))
    for row in rows:
        table.add_row(*row)
    return table


def render(found: History, options: RenderOptions) -> str:
    count = len(found.versions)
    warnings = found.warnings
    most = max((w for w in warnings if w is not None), default=0)
    names = ", ".join(f"{number} {title}" for number, _id, title in found.principles)
    symbols = ", ".join(
        f"{STATUS_STYLE[s][0]} {s.value}"
        for s in (Status.GREEN, Status.AMBER, Status.RED, Status.NOT_ASSESSED)
    )
    parts: list[RenderableType] = [
        Text.assemble(
            (terminal_line(found.path), "bold"),
            f": {count} committed version{'s' if count != 1 else ''}, oldest first",
        ),
        Text(""),
        _table(found, options.width),
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
    return text_of(parts, color=options.color, width=options.width)

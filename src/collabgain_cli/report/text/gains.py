"""`collabgain gains` as text for a terminal: the page of `gains_words`, wrapped and indented.

Names from the file print as written; quoted texts are in double quotes. Colour, when asked
for, only makes headings bold.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ...gains import Gains
from .. import RenderOptions
from ..gains_words import Block, Page, Quoted, Said, page_of
from . import indented, text_of


def said(parts: Said) -> str:
    """A sentence as plain text, quoted texts in double quotes."""
    return "".join(
        f'"{" ".join(p.text.split())}"' if isinstance(p, Quoted) else p.text for p in parts
    )


def bullet(text: str, indent: int) -> RenderableType:
    """`- text`, its wrapped lines under the text rather than under the dash."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("-", text)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def _block(block: Block, indent: int, *, show_empty: bool) -> list[RenderableType]:
    if not block.items and not show_empty:
        return []
    out: list[RenderableType] = [indented(Text(block.heading, style="bold"), indent=indent)]
    if not block.items:
        out.append(indented("none yet", indent=indent + 2))
    for item in block.items:
        out.append(bullet(said(item.said), indent + 2))
        out.extend(bullet(said(d), indent + 4) for d in item.details)
    if block.note:
        out.append(indented(said(block.note), indent=indent + 2))
    return out


def render_page(page: Page, options: RenderOptions) -> str:
    parts: list[RenderableType] = [
        Text(said(page.title), style="bold"),
        Text(page.subtitle),
        Text(""),
    ]
    for paragraph in page.intro:
        parts.extend([indented(said(paragraph), indent=0), Text("")])
    for section in page.sections:
        indent = 0
        if section.heading:
            parts.append(Text(said(section.heading), style="bold underline"))
            indent = 2
        shown: list[RenderableType] = []
        for block in section.blocks:
            lines = _block(block, indent, show_empty=not section.heading)
            if lines and not section.heading and shown:
                shown.append(Text(""))
            shown.extend(lines)
        if section.heading and not shown:
            shown = [indented("nothing matched yet", indent=indent)]
        parts.extend(shown)
        if section.intro:
            parts.append(indented(said(section.intro), indent=indent))
        parts.append(Text(""))
    parts.append(Text(page.summary, style="bold"))
    return text_of(parts, color=options.color, width=options.width)


def render(gains: Gains, options: RenderOptions) -> str:
    return render_page(page_of(gains), options)

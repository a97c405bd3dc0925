"""Lines for a terminal written directly, as Rich would print them, without its layout machinery.

The check report used to be a tree of Rich renderables (Group, Padding, Table, Rule) printed
through a Console: that imports most of Rich and measures and re-renders every piece, which on
a large file cost more than checking it. The report needs only a few layouts: a line of styled
runs wrapped under an indent, a bullet whose text hangs under itself, a borderless table and a
rule. `Page` writes those as strings. It wraps with Rich's own word wrap and cell widths
(`rich._wrap`, `rich.cells`, both small), and follows Rich's rules for padding, cropping and
where one style run ends and the next begins, so the text is byte for byte what Rich printed,
with colour and without. A style such as "bold red" becomes its SGR escape once.

Text given here must be on one line and hold no tab (user text passes through
`safe_text.terminal_line` first); `Page.cropped` takes the few lines that may hold tabs.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Literal

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size

Span = tuple[int, int, str]
Part = str | tuple[str, str]
Segment = tuple[str, tuple[str, ...]]
"""A run of text and the styles over it, in the order they combine."""

_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4}
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
# What Rich drops from any text it is given (bell, backspace, vertical tab, form feed, CR).
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))
_TRAILING_SPACE = re.compile(r"\s+$")


@cache
def sgr(styles: tuple[str, ...]) -> str:
    """The SGR parameters of styles combined as Rich combines them: attributes added up in
    their fixed order, the last colour winning ("bold underline" + "red" -> "1;4;31")."""
    attributes: set[int] = set()
    colour = ""
    for style in styles:
        for word in style.split():
            if word in _ATTRIBUTES:
                attributes.add(_ATTRIBUTES[word])
            elif word in _COLOURS:
                colour = str(30 + _COLOURS.index(word))
            elif word.startswith("bright_") and word[7:] in _COLOURS:
                colour = str(90 + _COLOURS.index(word[7:]))
            else:
                raise ValueError(f"unknown style word {word!r} in {style!r}")
    return ";".join([*map(str, sorted(attributes)), *([colour] if colour else [])])


@dataclasses.dataclass
class Line:
    """One line of text, a style over all of it, and styled runs (start, end, style)."""

    text: str
    spans: list[Span] = dataclasses.field(default_factory=list)
    style: str = ""

    def append(self, text: str, style: str = "") -> Line:
        text = text.translate(_STRIPPED)
        if text:
            start = len(self.text)
            self.text += text
            if style:
                self.spans.append((start, len(self.text), style))
        return self

    def append_line(self, other: Line) -> Line:
        start = len(self.text)
        self.text += other.text
        if other.style:
            self.spans.append((start, len(self.text), other.style))
        self.spans.extend((start + a, start + b, s) for a, b, s in other.spans)
        return self

    def _set(self, text: str) -> None:
        """New text; runs past its end are cut back to it."""
        end = len(text)
        if end < len(self.text):
            self.spans = [(a, min(b, end), s) for a, b, s in self.spans if a < end]
        self.text = text

    def segments(self) -> Iterable[Segment]:
        """The runs Rich would print: a new one wherever any style starts or ends."""
        text = self.text
        runs = [(0, len(text), self.style), *self.spans] if self.style else self.spans
        if not runs:
            yield text, ()
            return
        bounds = sorted({0, len(text), *(a for a, _b, _s in runs), *(b for _a, b, _s in runs)})
        for start, end in itertools.pairwise(bounds):
            if end > start:
                active = tuple(s for a, b, s in runs if a <= start and b >= end)
                yield text[start:end], active


def line(*parts: Part, style: str = "") -> Line:
    """A line from plain and (text, style) parts, as `rich.text.Text.assemble` builds one."""
    out = Line("", [], style)
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            out.append(*part)
    return out


def wrap(
    text: Line,
    width: int,
    *,
    overflow: Literal["fold", "crop", "ellipsis"] = "fold",
    no_wrap: bool = False,
    justify: Literal["default", "left", "right"] = "default",
) -> list[Line]:
    """The line broken to `width` cells where Rich breaks it (`Text.wrap`); "left" pads each
    piece to the width and "right" pads it on the left, inside the line's own style."""
    if no_wrap:
        pieces = [Line(text.text, list(text.spans), text.style)]
    else:
        # A line that fits has no break (and most lines fit): skip the word-by-word walk.
        fits = cell_len(text.text) <= width
        offsets = [] if fits else divide_line(text.text, width, fold=overflow == "fold")
        ends = [0, *offsets, len(text.text)]
        pieces = []
        for start, end in itertools.pairwise(ends):
            spans = [
                (max(0, a - start), min(b, end) - start, s)
                for a, b, s in text.spans
                if min(b, end) - start > max(0, a - start)
            ]
            piece = Line(text.text[start:end], spans, text.style)
            if len(piece.text) > width:
                trailing = _TRAILING_SPACE.search(piece.text)
                if trailing:
                    cut = min(len(trailing.group()), len(piece.text) - width)
                    piece._set(piece.text[:-cut])
            pieces.append(piece)
    for piece in pieces:
        if justify == "right":
            piece._set(piece.text.rstrip())
        used = cell_len(piece.text)
        if used > width:
            if overflow == "ellipsis":
                piece._set(set_cell_size(piece.text, width - 1) + "…")
            else:
                piece._set(set_cell_size(piece.text, width))
        elif justify == "left" and used < width:
            piece.text += " " * (width - used)
        if justify == "right":
            pad = width - cell_len(piece.text)
            if pad:
                piece.text = " " * pad + piece.text
                piece.spans = [(a + pad, b + pad, s) for a, b, s in piece.spans]
    return pieces


def _words_width(text: str) -> tuple[int, int]:
    """Rich's measure of a one-line text: its longest word and its whole width, in cells."""
    whole = cell_len(text)
    words = text.split()
    return (max(cell_len(w) for w in words) if words else whole), whole


@dataclasses.dataclass(frozen=True)
class Column:
    """A table column: its header, and how its cells wrap and align."""

    header: str
    justify: Literal["left", "right"] = "left"
    no_wrap: bool = False
    overflow: Literal["fold", "crop", "ellipsis"] = "ellipsis"


class Page:
    """Lines for a terminal of `width` cells, with SGR colour or without."""

    def __init__(self, width: int, *, color: bool) -> None:
        self.width = width
        self.color = color
        self._lines: list[str] = []

    def _emit(self, segments: Iterable[Segment]) -> None:
        if self.color:
            out = "".join(
                f"\x1b[{code}m{text}\x1b[0m" if text and styles and (code := sgr(styles)) else text
                for text, styles in segments
            )
        else:
            out = "".join(text for text, _styles in segments)
        self._lines.append(out)

    def blank(self) -> None:
        self._lines.append("")

    def print(self, text: Line) -> None:
        """A line at the left margin, wrapped to the width."""
        for piece in wrap(text, self.width):
            self._emit(piece.segments())

    def indented(self, text: Line, indent: int) -> None:
        """A line whose wrapped lines all start `indent` cells in (nothing when it is empty)."""
        whole = cell_len(text.text)
        if whole < 1:
            return
        room = min(whole, self.width - indent)
        margin = (" " * indent, ())
        for piece in wrap(text, room):
            self._emit([margin, *piece.segments()])

    def bullet(self, text: str, indent: int) -> None:
        """'• ' and text whose wrapped lines stay under the text, not under the bullet; a word
        too long for the room is cut with '…', as a Rich table cell is."""
        pieces = wrap(line(text), self.width - indent - 2, overflow="ellipsis")
        for index, piece in enumerate(pieces):
            lead = "• " if index == 0 else "  "
            self._emit([(" " * indent + lead, ()), *piece.segments()])

    def cropped(self, lines: Sequence[str], style: str, indent: int) -> None:
        """Lines shown as they are (tabs expanded), cut at the right edge, never wrapped."""
        plain = [text.translate(_STRIPPED) for text in lines]
        # Measured as Rich measures text: by Python's line breaks, tabs as they are.
        measured = "\n".join(plain).splitlines()
        room = min(max(map(cell_len, measured), default=0), self.width - indent)
        if room < 1:
            return
        for text in plain:
            piece = wrap(_expand_tabs(text, style), room, overflow="crop", no_wrap=True)[0]
            self._emit([(" " * indent, ()), *piece.segments()])

    def row(self, text: Line) -> None:
        """A line laid out already (a table's row), as it is: never wrapped or cut."""
        self._emit(text.segments())

    def rule(self, style: str) -> None:
        self._emit([("─" * self.width, (style,))])

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[Line]]) -> None:
        """A table without borders, as `rich.table.Table(box=None, pad_edge=False,
        show_edge=False, header_style="bold")` prints it: two spaces between columns."""
        last = len(columns) - 1
        pads = [(0 if i == 0 else 1, 0 if i == last else 1) for i in range(len(columns))]
        cells = [[line(c.header) for c in columns], *rows]
        widths = _column_widths(cells, pads, columns, self.width)
        for number, row in enumerate(cells):
            header = number == 0
            style: tuple[str, ...] = ("bold",) if header else ()
            rendered = [
                _cell(cell, width, pad, column, style)
                for cell, width, pad, column in zip(row, widths, pads, columns, strict=True)
            ]
            height = max(len(lines) for lines in rendered)
            for lines, width in zip(rendered, widths, strict=True):
                blank: list[list[Segment]] = [[(" " * width, style)]] * (height - len(lines))
                lines[:] = blank + lines if header else lines + blank
            for index in range(height):
                self._emit([segment for lines in rendered for segment in lines[index]])

    def text(self) -> str:
        """The lines without trailing spaces (Rich pads lines to a common width), split where
        Python splits lines, as the Rich console's output was."""
        written = "".join(line + "\n" for line in self._lines)
        return "".join(line.rstrip(" ") + "\n" for line in written.splitlines())


def _expand_tabs(text: str, style: str, size: int = 8) -> Line:
    """A line in one style with each tab made spaces to the next stop (`Text.expand_tabs`,
    which leaves each stretch up to a tab a run of its own)."""
    if "\t" not in text:
        return Line(text, [], style)
    out = Line("", [], style)
    parts = text.split("\t")
    for index, part in enumerate(parts):
        if index < len(parts) - 1:
            part += " "
            part += " " * (-cell_len(out.text + part) % size)
        out.append(part, style)
    return out


def _measure(cell: Line, extra: int, room: int) -> tuple[int, int]:
    """A padded cell's (least, most) width in `room` cells (`Measurement.get` on it)."""
    if room - extra < 1:
        least, most = room, room
    else:
        least, most = _words_width(cell.text)
        least, most = min(max(0, least), most), max(0, most)
        if most < 1:
            least = most = 0
        else:
            least, most = min(least, room), min(most, room)
        least, most = min(least + extra, room), min(most + extra, room)
    if most < 1:
        return 0, 0
    return min(least, most), most


def _column_widths(
    cells: Sequence[Sequence[Line]],
    pads: Sequence[tuple[int, int]],
    columns: Sequence[Column],
    room: int,
) -> list[int]:
    """Each column's width, padding included (`Table._calculate_column_widths`)."""

    def widest(index: int, space: int) -> int:
        if space < 1:
            return 0
        most = max(_measure(row[index], sum(pads[index]), space)[1] for row in cells)
        return min(most, space)

    widths = [widest(i, room) or 1 for i in range(len(columns))]
    if sum(widths) > room:
        wrapable = [not column.no_wrap for column in columns]
        widths = _collapse(widths, wrapable, room)
        if sum(widths) > room:
            from rich._ratio import ratio_reduce

            widths = ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [widest(i, width) for i, width in enumerate(widths)]
    return widths


def _collapse(widths: list[int], wrapable: list[bool], room: int) -> list[int]:
    """The widest wrapable columns narrowed in turn until the table fits (`_collapse_widths`)."""
    from rich._ratio import ratio_reduce

    total = sum(widths)
    excess = total - room
    if any(wrapable):
        while total and excess > 0:
            pairs = list(zip(widths, wrapable, strict=True))
            widest = max(w for w, can in pairs if can)
            second = max(w if can and w != widest else 0 for w, can in pairs)
            ratios = [1 if (w == widest and can) else 0 for w, can in pairs]
            if not any(ratios) or not widest - second:
                break
            most = [min(excess, widest - second)] * len(widths)
            widths = ratio_reduce(excess, ratios, most, widths)
            total = sum(widths)
            excess = total - room
    return widths


def _cell(
    cell: Line, width: int, pad: tuple[int, int], column: Column, style: tuple[str, ...]
) -> list[list[Segment]]:
    """A cell's lines at its column's width, its padding and any header style included."""
    left, right = pad
    inner = width - left - right
    out: list[list[Segment]] = []
    if inner < 1:
        return out
    pieces = wrap(
        cell, inner, overflow=column.overflow, no_wrap=column.no_wrap, justify=column.justify
    )
    for piece in pieces:
        segments: list[Segment] = [(" " * left, style)] if left else []
        segments.extend((text, style + styles) for text, styles in piece.segments())
        used = cell_len(piece.text)
        if used < inner:
            segments.append((" " * (inner - used), style))
        if right:
            segments.append((" " * right, style))
        out.append(segments)
    return out

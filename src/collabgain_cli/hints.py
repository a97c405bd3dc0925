"""Errors that teach: what a date field means, a date written another way, a line whose
indentation is off, and the source line an error points at.

The loader words its errors with these; nothing here reads files or knows about formats.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from .analysis.dates import MONTHS

PathKey = tuple[str | int, ...]

# What each date field of the format means, keyed by its path with list indices left out.
_DATE_MEANINGS: dict[tuple[str, ...], str] = {
    ("partnership", "established"): "the date the partnership began",
    ("partnership", "as_of"): "the date this description is true of",
    ("partnership", "last_reviewed"): "the date the partners last reviewed how they work",
    ("organisations", "joined"): "the date the organisation joined",
    ("organisations", "left"): "the date the organisation left",
    ("people", "joined"): "the date the person started taking part",
    ("people", "left"): "the date the person stopped taking part",
    ("aims", "proposed"): "the date the aim was first proposed",
    ("aims", "target_date"): "the date the aim should be met by",
    ("governance", "chairs", "from"): "the date this chair began",
    ("governance", "chairs", "to"): "the date this chair ended",
    ("governance", "bodies", "from"): "the date the body was set up",
    ("governance", "bodies", "to"): "the date the body was wound up",
    ("decisions", "date"): "the date the decision was taken",
    ("funding", "from_date"): "the first day the funding covers",
    ("funding", "to_date"): "the last day the funding covers",
    ("activities", "start"): "the date the activity started",
    ("activities", "end"): "the date the activity ended or will end",
    ("activities", "milestones", "due"): "the date the milestone is due",
    ("activities", "milestones", "done"): "the date the milestone was met",
    ("meetings", "date"): "the date the meeting was held",
    ("changes", "date"): "the date the change happened",
    ("learning", "sharing", "last"): "the date lessons were last shared this way",
    ("learning", "evidence", "date"): "the date the evidence was published or used",
    ("learning", "evaluations", "date"): "the date of the evaluation",
    ("assessments", "date"): "the date of the rating",
    ("waivers", "until"): "the date the waiver ends",
}


def format_path(path: Sequence[str | int]) -> str:
    """`('organisations', 2, 'joined')` -> `organisations[2].joined`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + part)
    return "".join(out)


def date_meaning(path: PathKey) -> str:
    """What the date at `path` is, in words ('the date the milestone was met')."""
    key = tuple(part for part in path if isinstance(part, str))
    return _DATE_MEANINGS.get(key, "a date")


def read_loose_date(value: Any) -> dt.date | None:
    """A date written another common way (31/01/2025, 31 January 2025, 2025/01/31), if it is
    one; day-first, as in the UK, when the order is ambiguous."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().replace(",", " ")
    found = re.fullmatch(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})", text)
    if found:
        year, month, day = (int(g) for g in found.groups())
        return _date(year, month, day)
    found = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return _date(year, month, day) or _date(year, day, month)
    words = text.split()
    if len(words) == 3:
        first, second, third = words
        day_text = re.sub(r"(st|nd|rd|th)$", "", first)
        if day_text.isdigit() and second in MONTHS and third.isdigit():
            return _date(int(third), MONTHS[second], int(day_text))
        day_text = re.sub(r"(st|nd|rd|th)$", "", second)
        if first in MONTHS and day_text.isdigit() and third.isdigit():
            return _date(int(third), MONTHS[first], int(day_text))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_message(path: PathKey, value: Any, shown: str, example: dt.date) -> str:
    """A date field given something else: what the field is, and how to write it."""
    where = f"`{format_path(path)}` is {date_meaning(path)}"
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value):
        return f"{where}, and {shown} is not a calendar date: write a day that exists, YYYY-MM-DD"
    written = read_loose_date(value) or example
    return f"{where}: write it as {written}, not {shown}"


# --------------------------------------------------------------------------- indentation


class _Line:
    __slots__ = ("indent", "number", "text")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text.strip()
        self.indent = len(text) - len(text.lstrip(" "))

    @property
    def item_indent(self) -> int | None:
        """Where a `- key: value` line's key starts, for lines that open a list item."""
        found = re.match(r"-(\s+)\S", self.text)
        return self.indent + 1 + len(found.group(1)) if found else None

    @property
    def label(self) -> str:
        text = re.sub(r"\s+#.*$", "", self.text)
        shown = text if len(text) <= 40 else text[:37] + "..."
        return f"'{shown}' on line {self.number}"

    @property
    def has_value(self) -> bool:
        """`key: value` or `- value`: a line that says all it has to say."""
        found = re.match(r"(?:-\s+)?[^\s#'\"\[{][^:#]*:\s+([^#\s].*)$", self.text)
        return found is not None or bool(re.fullmatch(r"-\s+[^\s:#]+(\s+#.*)?", self.text))

    @property
    def has_plain_value(self) -> bool:
        """`key: some text`: a value that a more-indented next line would continue."""
        found = re.match(r"(?:-\s+)?[^\s#'\"\[{][^:#]*:\s+(\S.*)$", self.text)
        return found is not None and not found.group(1).startswith(("|", ">", "&", "[", "{", "#"))


def _content_lines(text: str, before: int) -> list[_Line]:
    lines = text.split("\n")[: before - 1]
    found = []
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        if raw[: len(raw) - len(raw.lstrip())].count("\t"):
            continue
        found.append(_Line(number, raw))
    return found


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def indentation_message(text: str, line: int, problem: str) -> tuple[str, int, int] | None:
    """A syntax error explained as a line indented wrongly, with the line and column of the
    line's first character, or None when the indentation is not what is wrong."""
    lines = text.split("\n")
    if "expected '<document start>'" in problem:
        return _first_line_indented(text, line)
    if line < 2 or line > len(lines):
        return None
    raw = lines[line - 1]
    if not raw.strip() or "\t" in raw[: len(raw) - len(raw.lstrip())]:
        return None
    here = _Line(line, raw)
    above = _content_lines(text, line)
    if not above:
        return None
    previous = above[-1]
    previous_key = previous.item_indent if previous.item_indent is not None else previous.indent
    deeper_than_key = (
        f"line {line} is indented {_spaces(here.indent)}, more than the key of "
        f"{previous.label} ({previous_key})"
    )
    advice = f"indent it {_spaces(previous_key)} to line up with that key"

    if "mapping values are not allowed" in problem:
        if here.indent > previous_key and previous.has_plain_value:
            message = f"{deeper_than_key}, so YAML reads it as more of that line's value; {advice}"
            return message, line, here.indent + 1
        return None
    if not problem.startswith(("expected <block end>", "did not find expected")):
        return None
    if here.indent > previous_key and previous.has_value:
        return f"{deeper_than_key}, which already has its value; {advice}", line, here.indent + 1

    # The indents a line may line up with: the line above and each line that encloses it.
    ladder: list[tuple[int, str]] = []
    lowest = None
    for candidate in reversed(above):
        if lowest is None or candidate.indent < lowest:
            if candidate.item_indent is not None:
                where = f"line {candidate.number}"
                ladder.append((candidate.item_indent, f"the keys of the list item on {where}"))
                ladder.append((candidate.indent, f"the '-' on {where}"))
            else:
                ladder.append((candidate.indent, candidate.label))
            lowest = candidate.indent
        if lowest == 0:
            break
    dashes = [
        candidate
        for candidate in reversed(above)
        if candidate.item_indent is not None and candidate.indent <= here.indent
    ]
    if "found '?'" in problem and dashes and dashes[0].indent == here.indent:
        # A key under a `- ` line, indented like the '-' rather than like the keys after it.
        item = dashes[0]
        return (
            f"line {line} is indented {_spaces(here.indent)}, like the '-' on line "
            f"{item.number}, so it is not part of that list item; indent it "
            f"{_spaces(item.item_indent or 0)} to line up with the keys after the '-'",
            line,
            here.indent + 1,
        )
    if "found '-'" in problem and here.item_indent is not None:
        earlier = [d for d in dashes if d.indent < here.indent]
        if earlier:
            return (
                f"line {line} starts a list item at {_spaces(here.indent)}, in line with the "
                f"keys above it; indent its '-' {_spaces(earlier[0].indent)}, like the '-' on "
                f"line {earlier[0].number}",
                line,
                here.indent + 1,
            )
    if here.indent in {indent for indent, _ in ladder}:
        return None
    deeper = min(((i, d) for i, d in ladder if i > here.indent), default=None)
    shallower = max(((i, d) for i, d in ladder if i < here.indent), default=None)
    if deeper is None or shallower is None:
        return None
    return (
        f"line {line} is indented {_spaces(here.indent)} and lines up with nothing above it: "
        f"{deeper[1]} {'are' if deeper[1].startswith('the keys') else 'is'} indented "
        f"{deeper[0]}, {shallower[1]} {shallower[0]}; keys of one mapping, and items of one "
        f"list, line up: indent it {_spaces(deeper[0])}, or {shallower[0]}, to go with one "
        "of them",
        line,
        here.indent + 1,
    )


def _first_line_indented(text: str, line: int) -> tuple[str, int, int] | None:
    """The first line of a file indented, and a later top-level line that is not."""
    content = _content_lines(text, line + 1)
    if len(content) < 2 or content[0].indent == 0:
        return None
    first = content[0]
    return (
        f"line {first.number} is indented {_spaces(first.indent)}, but the top-level keys "
        f"below it are not; start it at the beginning of the line",
        first.number,
        first.indent + 1,
    )


# --------------------------------------------------------------------------- source lines

_EXCERPT_WIDTH = 120


def excerpt(line_text: str, column: int) -> tuple[str, int]:
    """The source line to show (cut around the column if long, tabs as spaces) and the
    1-based column of the caret within it."""
    shown = line_text.rstrip("\r\n").replace("\t", " ")
    start = 0
    if len(shown) > _EXCERPT_WIDTH:
        start = max(0, min(column - 1 - _EXCERPT_WIDTH // 2, len(shown) - _EXCERPT_WIDTH))
        shown = shown[start : start + _EXCERPT_WIDTH]
    # Control characters would move the caret (or the terminal); show them as '?'.
    shown = "".join(ch if ch.isprintable() else "?" for ch in shown)
    return shown, max(1, min(column - start, len(shown) + 1))

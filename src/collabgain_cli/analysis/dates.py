"""Calendar arithmetic for time windows ("within N months" counts back from the as-of date)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier, if negative), clamped to the month's end.

    A window that would reach before 1 January of year 1 or after 31 December 9999 stops at
    the calendar's edge: a file dated near either edge is valid, and its windows simply
    cannot reach further.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` (0 if `end` is not after `start`)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


@functools.lru_cache(maxsize=256)
def window_start(as_of: dt.date, months: int) -> dt.date:
    """The first day of the window of `months` months that ends on `as_of`.

    Cached: rules ask for the same few windows once per meeting, decision or activity.
    """
    return add_months(as_of, -months)


def percent(part: float, whole: float) -> str:
    """A share as a whole percentage, e.g. 0.375 -> '38%'."""
    return f"{int(100 * part / whole + 0.5) if whole else 0}%"


def share(value: float) -> str:
    """A threshold share as a percentage, e.g. 0.25 -> '25%'."""
    return f"{int(value * 100 + 0.5)}%"


def plural(count: int, noun: str) -> str:
    """'1 warning', '2 warnings'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def every(count: int, noun: str, plural_noun: str | None = None) -> str:
    """'the one change', 'both changes', 'all 5 changes': every one of a counted group."""
    many = plural_noun or f"{noun}s"
    if count == 1:
        return f"the one {noun}"
    if count == 2:
        return f"both {many}"
    return f"all {count} {many}"


MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
"""Month names and their short forms (as people write them in dates) to month numbers."""

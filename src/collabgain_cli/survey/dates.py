"""The dates of a form's responses, as form tools write them.

ISO (`2026-10-05`, with or without a time), `2026/10/05`, a day-month-year or month-day-year
with `/`, `.` or `-` (two-digit years are 20xx), or `5 Oct 2026`. Whether `03/04/2026` is
3 April or March 4 is read from the column as a whole (`date_order`): a day above 12 shows the
order; when no date shows it, the caller must say.
"""

from __future__ import annotations

import datetime as dt
import re

from ..analysis.dates import MONTHS

_YMD = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[\sT])")
_AMBIGUOUS = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:$|[\s,T])")
_DAY_MONTH_NAME = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MONTH_NAME_DAY = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def shown(value: str) -> str:
    """A cell's value quoted for a message, cut short if long."""
    text = " ".join(value.split())
    return repr(text if len(text) <= 40 else text[:37] + "...")


def date_parts(value: str) -> tuple[str, int, int, int] | None:
    """('ymd', y, m, d), ('ambiguous', a, b, y) or ('named', y, m, d); None if not a date."""
    found = _YMD.match(value)
    if found:
        return ("ymd", int(found[1]), int(found[2]), int(found[3]))
    found = _AMBIGUOUS.match(value)
    if found:
        year = int(found[3])
        return ("ambiguous", int(found[1]), int(found[2]), year + 2000 if year < 100 else year)
    found = _DAY_MONTH_NAME.match(value)
    if found and found[2].casefold() in MONTHS:
        return ("ymd", int(found[3]), MONTHS[found[2].casefold()], int(found[1]))
    found = _MONTH_NAME_DAY.match(value)
    if found and found[1].casefold() in MONTHS:
        return ("ymd", int(found[3]), MONTHS[found[1].casefold()], int(found[2]))
    return None


def date_order(cells: list[tuple[int, str]], given: str | None) -> tuple[str | None, str | None]:
    """('dmy' or 'mdy' or None, a message when the column cannot say and none is given)."""
    if given:
        return given, None
    day_first = month_first = False
    example = None
    for _row, value in cells:
        parts = date_parts(value)
        if parts is None or parts[0] != "ambiguous":
            continue
        _, first, second, _year = parts
        day_first |= first > 12
        month_first |= second > 12
        if first != second and first <= 12 and second <= 12:
            example = value
    if day_first and month_first:
        return None, (
            "the dates mix day-first and month-first forms; give --date-order dmy or mdy "
            "and correct the rows that do not follow it"
        )
    if day_first:
        return "dmy", None
    if month_first:
        return "mdy", None
    if example is not None:
        return None, (
            f"dates like {shown(example)} could be day-first or month-first; give "
            "--date-order dmy (day/month/year) or --date-order mdy (month/day/year)"
        )
    return None, None


def to_date(value: str, order: str | None) -> dt.date | str:
    parts = date_parts(value)
    if parts is None:
        return (
            f"{shown(value)} is not a date; write it as YYYY-MM-DD, e.g. 2026-10-05 "
            "(a time after it is ignored)"
        )
    kind, a, b, c = parts
    if kind == "ambiguous":
        day, month = (a, b) if order == "dmy" else (b, a)
        year = c
    else:
        year, month, day = a, b, c
    try:
        return dt.date(year, month, day)
    except ValueError:
        return f"{shown(value)} is not a real date (year {year}, month {month}, day {day})"

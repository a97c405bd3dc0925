"""A cell's value as a partnership file holds it: text, a list, a date, a boolean or a number.

A value its column cannot hold stays as written, for the file's validation to report.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .book import CellValue
from .sheets import Kind, split_list

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")


def empty(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: CellValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def convert(value: CellValue, kind: Kind) -> Any:
    """A cell's value as the file holds it; a value its column cannot hold stays as written,
    for validation to report."""
    if empty(value):
        return None
    if kind is Kind.TEXT:
        return cell_text(value)
    if kind is Kind.LIST:
        return split_list(value) if isinstance(value, str) else [cell_text(value)]
    text = value.strip() if isinstance(value, str) else value
    if kind is Kind.DATE:
        if isinstance(text, dt.date | bool):
            return text
        if isinstance(text, str) and _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text
        return cell_text(text)
    if kind is Kind.BOOL:
        if isinstance(text, bool):
            return text
        if isinstance(text, str) and text.lower() in ("true", "false"):
            return text.lower() == "true"
        return cell_text(text)
    if isinstance(text, bool):
        return cell_text(text)
    if isinstance(text, int | float):
        number: int | float = text
    elif isinstance(text, str) and _NUMBER.fullmatch(text):
        number = int(text) if _INTEGER.fullmatch(text) else float(text)
    else:
        return cell_text(text)
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number

"""What the loader's parts share: the validity codes, paths into the data, and the error."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..findings import VALIDITY, Finding, Severity
from ..hints import format_path

PathKey = tuple[str | int, ...]

CODES = {
    "CG001": "yaml-syntax",
    "CG002": "schema",
    "CG003": "unknown-reference",
    "CG004": "duplicate-id",
    "CG005": "date-order",
    "CG006": "duplicate-key",
    "CG007": "input-limits",
}


def file_error(code: str, message: str, path: PathKey, line: int, column: int) -> Finding:
    """A validity error (CG001-CG007) in the file, at `line` and `column`."""
    return Finding(
        code=code,
        name=CODES[code],
        principle=VALIDITY,
        severity=Severity.ERROR,
        subject="file",
        message=message,
        path=format_path(path),
        line=line,
        column=column,
    )


def value_at(root: Any, path: PathKey) -> Any:
    """The raw value at `path`, or None where the path leads nowhere."""
    value = root
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def as_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD text as a date; None for anything else, or an impossible date."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None

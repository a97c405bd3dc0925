"""A partnership as a workbook: an `.xlsx` file or a folder of CSV files (WORKBOOK.md).

`import` makes a partnership file from one, `export` the other way, and `init --workbook`
writes an empty one. Nothing here is imported by `check`: openpyxl is loaded only when an
`.xlsx` workbook is read or written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ..findings import Finding
from ..loader import data_with_extensions, load_path
from .book import BookError, OutSheet, is_workbook, read_book, write_book
from .exporting import book_of, empty_book
from .importing import Imported, Problem, import_book

__all__ = [
    "BookError",
    "Exported",
    "Imported",
    "Problem",
    "export_file",
    "import_path",
    "write_empty_book",
]


def import_path(book: Path, output_name: str) -> Imported:
    """The partnership file the workbook (or CSV folder) at `book` makes, or its problems."""
    return import_book(read_book(book), str(book), output_name, csv=not is_workbook(book))


@dataclasses.dataclass(frozen=True)
class Exported:
    """A file's workbook sheets and the `x-` keys left out; or, for an invalid file, its
    errors and no sheets."""

    sheets: list[OutSheet]
    left_out: list[str]
    errors: tuple[Finding, ...] = ()


def export_file(path: str) -> Exported:
    """The sheets of the partnership file at `path`, or its errors if it is invalid."""
    loaded = load_path(path)
    if loaded.partnership is None:
        return Exported([], [], loaded.errors)
    text = Path(path).read_bytes().decode("utf-8-sig")
    data = data_with_extensions(text)
    if data is None:  # cannot happen for a file that has just loaded
        return Exported([], [], loaded.errors)
    sheets, left_out = book_of(data)
    return Exported(sheets, left_out)


def write_empty_book(book: Path, as_of: dt.date, *, overwrite: bool) -> list[Path]:
    """Write the empty workbook `init --workbook` makes."""
    return write_book(book, empty_book(as_of), overwrite=overwrite)


def write_sheets(book: Path, sheets: list[OutSheet], *, overwrite: bool) -> list[Path]:
    return write_book(book, sheets, overwrite=overwrite)

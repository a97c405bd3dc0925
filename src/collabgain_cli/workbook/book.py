"""Reading and writing a workbook: an `.xlsx` file (openpyxl, imported only here, and only when
a workbook is read or written) or a folder of CSV files, one per sheet (the standard library).

A book is read into plain rows of cell values, with nothing interpreted but what the file
format itself says (a spreadsheet date is a date, a number a number); the sheets' meaning is
the importer's business.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..loader import MAX_FILE_BYTES

CellValue = str | int | float | bool | dt.date | None


class BookError(Exception):
    """A workbook that cannot be read or written at all (the message says why)."""


@dataclasses.dataclass(frozen=True)
class RawSheet:
    """A sheet as read: its name, and its rows of cell values (the first row is row 1)."""

    name: str
    rows: tuple[tuple[CellValue, ...], ...]
    file: str
    """Where it was read from: the workbook, or the sheet's CSV file."""


@dataclasses.dataclass(frozen=True)
class Place:
    """Where a value is in a workbook: `book.xlsx:people:7:C` or `book/people.csv:7:3`."""

    file: str
    sheet: str
    csv: bool
    row: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file] if self.csv else [self.file, self.sheet]
        if self.row is not None:
            parts.append(str(self.row))
            if self.column is not None:
                parts.append(str(self.column) if self.csv else column_letter(self.column))
        return ":".join(parts)

    def at(self, row: int | None = None, column: int | None = None) -> Place:
        return dataclasses.replace(self, row=row, column=column)


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def is_workbook(path: Path) -> bool:
    """Whether a book at this path is an `.xlsx` workbook (else a folder of CSV files)."""
    return path.suffix.lower() == ".xlsx"


# --------------------------------------------------------------------------- reading


def read_book(path: Path) -> list[RawSheet]:
    """Every sheet of the book at `path`, in the book's order."""
    if is_workbook(path):
        return _read_xlsx(path)
    if path.is_dir():
        return _read_csv_folder(path)
    if not path.exists():
        raise BookError(f"{path}: no such workbook or folder")
    raise BookError(
        f"{path}: not a workbook; give an .xlsx file or a folder of CSV files (one per sheet)"
    )


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BookError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise BookError(f"{path}: too large ({size:,} bytes; the limit is {limit} MiB)")


def _read_xlsx(path: Path) -> list[RawSheet]:
    if path.is_dir():
        raise BookError(f"{path}: is a folder; name an .xlsx file, or a folder of CSV files")
    if not path.is_file():
        raise BookError(f"{path}: no such workbook")
    _check_size(path)
    with warnings.catch_warnings():
        # openpyxl warns of what it leaves out (styles, data validation); none of it is data
        # the import reads.
        warnings.simplefilter("ignore")
        return _read_sheets(path)


def _read_sheets(path: Path) -> list[RawSheet]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        # Whatever a damaged or hostile file makes openpyxl (or the XML parser under it)
        # raise, the file is not a workbook it can read; say so, with its words.
        raise BookError(
            f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
            "save it from your spreadsheet as an Excel workbook (.xlsx)"
        ) from exc
    try:
        return [
            RawSheet(
                worksheet.title,
                tuple(
                    tuple(_xlsx_value(value) for value in row)
                    for row in worksheet.iter_rows(values_only=True)
                ),
                str(path),
            )
            for worksheet in book.worksheets
        ]
    except Exception as exc:  # as above: a sheet openpyxl cannot read, however it fails
        raise BookError(f"{path}: a sheet cannot be read ({type(exc).__name__}: {exc})") from exc
    finally:
        book.close()


def _xlsx_value(value: Any) -> CellValue:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str | int | float | bool | dt.date) or value is None:
        return value
    # A time of day or a duration: no field of the format holds one; keep it as text.
    return str(value)


def _read_csv_folder(folder: Path) -> list[RawSheet]:
    sheets = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or not path.is_file() or path.name.startswith("."):
            continue
        _check_size(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BookError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            row = data.count(b"\n", 0, exc.start) + 1
            raise BookError(
                f"{path}:{row}: not UTF-8 (byte 0x{data[exc.start]:02X}); save the sheet as "
                "CSV UTF-8"
            ) from exc
        try:
            rows = tuple(
                tuple(cell if cell != "" else None for cell in row)
                for row in csv.reader(io.StringIO(text, newline=""), strict=True)
            )
        except csv.Error as exc:
            raise BookError(f"{path}: not a CSV file the sheet can be read from: {exc}") from exc
        sheets.append(RawSheet(path.stem, rows, str(path)))
    return sheets


# --------------------------------------------------------------------------- writing

_DATE_FORMAT = "yyyy-mm-dd"
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
"""Characters a workbook cannot hold (openpyxl's own list)."""


@dataclasses.dataclass(frozen=True)
class OutSheet:
    """A sheet to write: its name, its header and rows, and the width of its columns."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    widths: tuple[int, ...] = ()


def write_book(path: Path, sheets: Sequence[OutSheet], *, overwrite: bool) -> list[Path]:
    """Write the book: an `.xlsx` file, or one CSV file per sheet in the folder `path`.

    Never replaces a file unless `overwrite`; returns what was written.
    """
    if is_workbook(path):
        if path.exists() and not overwrite:
            raise FileExistsError(str(path))
        _write_xlsx(path, sheets)
        return [path]
    if path.exists() and not path.is_dir():
        raise BookError(f"{path}: is a file; name a folder for CSV files, or an .xlsx workbook")
    targets = [path / f"{sheet.name}.csv" for sheet in sheets]
    if not overwrite:
        existing = [target for target in targets if target.exists()]
        if existing:
            raise FileExistsError(str(existing[0]))
    path.mkdir(parents=True, exist_ok=True)
    for sheet, target in zip(sheets, targets, strict=True):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(sheet.header)
        writer.writerows(tuple(_csv_text(value) for value in row) for row in sheet.rows)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        os.replace(tmp, target)
    return targets


def _csv_text(value: CellValue) -> str:
    from .cells import cell_text

    return "" if value is None else cell_text(value)


def _write_xlsx(path: Path, sheets: Sequence[OutSheet]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = book.create_sheet(sheet.name)
        worksheet.append(list(sheet.header))
        for cell in worksheet[1]:
            cell.font = bold
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(value) for value in row])
        for row in worksheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    # Text is text: never a formula, whatever it starts with.
                    cell.data_type = "s"
                    if "\n" in cell.value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif isinstance(cell.value, dt.date):
                    cell.number_format = _DATE_FORMAT
        for number, width in enumerate(sheet.widths, start=1):
            worksheet.column_dimensions[column_letter(number)].width = width
        worksheet.freeze_panes = "A2"
    tmp = path.with_name(path.name + ".tmp")
    book.save(tmp)
    os.replace(tmp, path)


def _xlsx_cell(value: CellValue) -> CellValue:
    if isinstance(value, str):
        # A control character (written in YAML as an escape) cannot be stored in a workbook.
        return _ILLEGAL.sub("\ufffd", value)
    return value

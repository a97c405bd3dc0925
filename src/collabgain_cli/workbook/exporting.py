"""A partnership file -> the sheets of a workbook; and the empty workbook `init` writes.

The sheets are made from the file's own data, as written (a default the file leaves out
stays out), with its `x-` keys as `x-` columns. A section that is in the file has its sheet
even when empty, and one that is not has none, so importing the workbook gives back the same
partnership. `x-` keys at the top level, or directly under `governance` or `learning`, have no
row to go in and are left out (`export` says so).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .book import CellValue, OutSheet
from .sheets import (
    MAPPINGS,
    PARTNERSHIP_FIELDS,
    PARTNERSHIP_SHEET,
    README_SHEET,
    SHEETS,
    SHEETS_BY_NAME,
    Column,
    Kind,
    Sheet,
    join_list,
)

_MAX_WIDTH = 60


def _cell(value: Any, kind: Kind) -> CellValue:
    """A value of a valid file (plain text, as the loader reads it) as a typed cell."""
    if value is None:
        return None
    if isinstance(value, list):
        return join_list([_plain(item) for item in value])
    if isinstance(value, dict):
        return _plain(value)
    if kind is Kind.DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    if kind in (Kind.NUMBER, Kind.INTEGER) and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind is Kind.TEXT and isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str | bool) else str(value)


def _plain(value: Any) -> str:
    """An item of a list, or an `x-` value that holds more than one value, as text."""
    if isinstance(value, dict | list):
        return yaml.safe_dump(value, default_flow_style=True, width=10**6).strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _widths(header: tuple[str, ...], rows: list[tuple[CellValue, ...]]) -> tuple[int, ...]:
    widths = [len(name) + 2 for name in header]
    for row in rows:
        for index, value in enumerate(row):
            shown = 10 if isinstance(value, dt.date) else len(str(value or ""))
            widths[index] = min(_MAX_WIDTH, max(widths[index], shown + 2))
    return tuple(widths)


def _sheet(name: str, header: tuple[str, ...], rows: list[tuple[CellValue, ...]]) -> OutSheet:
    return OutSheet(name, header, tuple(rows), _widths(header, rows))


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _entries(data: dict[str, Any], sheet: Sheet) -> list[tuple[str | None, dict[str, Any]]] | None:
    """(parent id, entry) for each row of the sheet, or None when the file has no such list."""
    if sheet.parent is None:
        found = _at(data, sheet.section)
        if not isinstance(found, list):
            return None
        return [(None, entry) for entry in found if isinstance(entry, dict)]
    parents = _at(data, SHEETS_BY_NAME[sheet.parent[1]].section)
    rows: list[tuple[str | None, dict[str, Any]]] = []
    present = False
    for parent in parents if isinstance(parents, list) else ():
        if not isinstance(parent, dict) or sheet.section[0] not in parent:
            continue
        present = True
        children = parent[sheet.section[0]]
        if sheet.name == "votes" and isinstance(children, dict):
            rows.extend(
                (parent.get("id"), {"organisation": org, "votes": votes})
                for org, votes in children.items()
            )
        elif isinstance(children, list):
            rows.extend((parent.get("id"), c) for c in children if isinstance(c, dict))
    return rows if present else None


def _sheet_rows(sheet: Sheet, entries: list[tuple[str | None, dict[str, Any]]]) -> OutSheet:
    extensions: list[str] = []
    for _, entry in entries:
        extensions.extend(k for k in entry if k.startswith("x-") and k not in extensions)
    header = tuple(c.name for c in sheet.columns) + tuple(extensions)
    rows = []
    for parent, entry in entries:
        found = entry.get("scores")
        scores: dict[str, Any] = found if isinstance(found, dict) else {}
        row: list[CellValue] = []
        for column in sheet.columns:
            if sheet.parent and column.name == sheet.parent[0]:
                row.append(parent)
            elif sheet.name == "assessments" and column.name in scores:
                row.append(_cell(scores[column.name], column.kind))
            else:
                row.append(_cell(entry.get(column.name), column.kind))
        row.extend(_cell(entry.get(name), Kind.TEXT) for name in extensions)
        rows.append(tuple(row))
    return _sheet(sheet.name, header, rows)


def partnership_rows(data: dict[str, Any]) -> list[tuple[CellValue, ...]]:
    rows: list[tuple[CellValue, ...]] = []
    for field, (path, column) in PARTNERSHIP_FIELDS.items():
        value = _at(data, path)
        if value is not None:
            rows.append((field, _cell(value, column.kind)))
    info = data.get("partnership")
    if isinstance(info, dict):
        rows.extend((k, _cell(v, Kind.TEXT)) for k, v in info.items() if k.startswith("x-"))
    return rows


def book_of(data: dict[str, Any]) -> tuple[list[OutSheet], list[str]]:
    """The sheets of a valid file's data (README first), and the `x-` keys left out."""
    sheets = [readme_sheet()]
    sheets.append(_sheet(PARTNERSHIP_SHEET, ("field", "value"), partnership_rows(data)))
    written: set[str] = set()
    for sheet in SHEETS:
        entries = _entries(data, sheet)
        if entries is None and sheet.name != "organisations":
            continue
        sheets.append(_sheet_rows(sheet, entries or []))
        written.add(sheet.section[0] if sheet.parent is None else sheet.name)
    for mapping in MAPPINGS:
        # A section with nothing in it but its own presence (`learning: {}`) still counts.
        if isinstance(data.get(mapping), dict) and mapping not in written:
            first = next(s for s in SHEETS if s.section[0] == mapping)
            if not (mapping == "governance" and _at(data, ("governance", "decision_rule"))):
                sheets.append(_sheet_rows(first, []))
    order = [README_SHEET, PARTNERSHIP_SHEET, *SHEETS_BY_NAME]
    sheets.sort(key=lambda s: order.index(s.name))
    left_out = [key for key in data if key.startswith("x-")]
    for mapping in MAPPINGS:
        found = data.get(mapping)
        if isinstance(found, dict):
            left_out.extend(f"{mapping}.{key}" for key in found if key.startswith("x-"))
    return sheets, left_out


def empty_book(as_of: dt.date) -> list[OutSheet]:
    """Every sheet with its header, a README first, and the partnership sheet's fields
    listed (the format version and `as_of` filled in) for `init --workbook`."""
    fields: list[tuple[CellValue, ...]] = [
        (field, 1 if field == "version" else as_of if field == "as_of" else None)
        for field in PARTNERSHIP_FIELDS
    ]
    sheets = [readme_sheet(), _sheet(PARTNERSHIP_SHEET, ("field", "value"), fields)]
    sheets.extend(_sheet_rows(sheet, []) for sheet in SHEETS)
    return sheets


def _what(column: Column) -> str:
    kind = {
        Kind.TEXT: "text",
        Kind.DATE: "a date, YYYY-MM-DD",
        Kind.BOOL: "true or false",
        Kind.INTEGER: "a whole number",
        Kind.NUMBER: "a number",
        Kind.LIST: "a list, items separated by ';'",
    }[column.kind]
    described = column.description.lower()
    if described.startswith(("id of", "unique id")):
        kind = "an id (lower-case letters, digits and hyphens)"
    elif described.startswith("ids of"):
        kind = "ids, separated by ';'"
    if column.choices:
        kind = ("a list of: " if column.kind is Kind.LIST else "one of: ") + ", ".join(
            column.choices
        )
    return f"{kind}. {column.description}".strip()


def readme_sheet() -> OutSheet:
    """What goes where: a row for each sheet, then one for each of its columns."""
    rows: list[tuple[CellValue, ...]] = [
        (
            "(every sheet)",
            "",
            "Row 1 holds the column names; each later row is one entry. Leave a cell empty "
            "when you do not know. A list goes in one cell, items separated by ';' (write \\; "
            "for a ';' inside an item). Dates are spreadsheet dates or text YYYY-MM-DD; true "
            "and false are spreadsheet booleans or the words. Ids are lower-case letters, "
            "digits and hyphens (council, food-bank); where a column takes an id, write the "
            "id, not the name. A column whose name starts with x- is yours: kept, not checked. "
            "Delete a sheet you do not use; a chairs, bodies, votes, learning or evaluations "
            "sheet that is there, even empty, says the partnership records that section. "
            "Then: collabgain import BOOK -o partnership.yaml",
        ),
        ("partnership", "", "One row per field: 'field' names it, 'value' holds it."),
    ]
    for field, (_path, column) in PARTNERSHIP_FIELDS.items():
        rows.append(("partnership", field, _what(column)))
    for sheet in SHEETS:
        rows.append((sheet.name, "", f"One row per {sheet.one_row_per}."))
        for column in sheet.columns:
            rows.append((sheet.name, column.name, _what(column)))
    header = ("sheet", "column", "what it holds")
    return OutSheet(README_SHEET, header, tuple(rows), (20, 40, 100))

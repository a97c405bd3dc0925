"""A workbook's sheets -> a partnership file, with every value's cell remembered.

Cells are read as WORKBOOK.md says: a list in one cell, items separated by ';'; a date as a
spreadsheet date or `YYYY-MM-DD`; a boolean as a spreadsheet boolean or `true`/`false` in
any case; an empty cell is an absent value. A value that cannot be what its column holds is
left as written, so the file's own validation reports it, worded as for any file; every
error, the importer's and the validation's, is reported at the cell it came from.

Sheet and column names are matched without regard to case, spaces or hyphens ('Target
date' is `target_date`); a sheet named `README` is left alone, as is an empty sheet of any
other name (a new spreadsheet's `Sheet1`).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from typing import Any

from ..hints import format_path
from ..loader import load_bytes
from . import yamltext
from .book import Place, RawSheet
from .cells import cell_text, convert, empty
from .sheets import (
    KEY_ORDER,
    MAPPINGS,
    PARTNERSHIP_FIELDS,
    PARTNERSHIP_SHEET,
    README_SHEET,
    SHEETS,
    SHEETS_BY_NAME,
    Column,
    Kind,
    Sheet,
    normal_name,
)

PathKey = tuple[str | int, ...]

_TOP_ORDER = (
    "version",
    "partnership",
    "organisations",
    "people",
    "networks",
    "aims",
    "governance",
    "decisions",
    "funding",
    "activities",
    "meetings",
    "changes",
    "commitments",
    "learning",
    "assessments",
    "waivers",
)


@dataclasses.dataclass(frozen=True)
class Problem:
    """Something wrong in the workbook, at a sheet, row or cell."""

    place: Place
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.code} {self.message}"


@dataclasses.dataclass(frozen=True)
class Imported:
    """The partnership file a workbook makes (None when it has problems), and the problems."""

    text: str | None
    problems: tuple[Problem, ...]


@dataclasses.dataclass
class _Row:
    place: Place
    columns: dict[str, int]
    sheet: Sheet


class _Importer:
    def __init__(self, sheets: list[RawSheet], book: str, *, csv: bool) -> None:
        self.book = book
        self.raw = sheets
        self.problems: list[Problem] = []
        self.origins: dict[str, Place] = {}
        self.rows: dict[str, _Row] = {}
        self.data: dict[str, Any] = {}
        self.positions: dict[str, dict[str, int]] = {}
        self.names: dict[str, dict[str, str]] = {}
        self.found: dict[str, RawSheet] = {}
        self.csv = csv
        self.fields: dict[str, Place] = {}
        """The value cell of each row of the partnership sheet, by field."""
        self.across = False
        """Whether the partnership sheet has a column a field rather than a row a field."""

    # ----------------------------------------------------------------- places

    def place(self, sheet: RawSheet | str) -> Place:
        if isinstance(sheet, RawSheet):
            return Place(sheet.file, sheet.name, self.csv)
        name = sheet
        file = f"{self.book.rstrip('/')}/{name}.csv" if self.csv else self.book
        return Place(file, name, self.csv)

    def problem(self, place: Place, message: str, code: str = "CG002") -> None:
        self.problems.append(Problem(place, code, message))

    # ----------------------------------------------------------------- sheets

    def run(self) -> dict[str, Any]:
        known = {PARTNERSHIP_SHEET, README_SHEET.lower(), *SHEETS_BY_NAME}
        for raw in self.raw:
            name = normal_name(raw.name)
            if name == README_SHEET.lower():
                continue
            if name not in known:
                if any(value is not None for row in raw.rows for value in row):
                    close = difflib.get_close_matches(name, sorted(known - {"readme"}), n=1)
                    hint = f"did you mean '{close[0]}'?" if close else "remove it or rename it"
                    self.problem(self.place(raw), f"unknown sheet {raw.name!r}; {hint}")
                continue
            if name in self.found:
                self.problem(
                    self.place(raw), f"a second {name!r} sheet; put all its rows in one sheet"
                )
                continue
            self.found[name] = raw
        if PARTNERSHIP_SHEET in self.found:
            self.read_partnership(self.found[PARTNERSHIP_SHEET])
        for sheet in SHEETS:
            given = self.found.get(sheet.name)
            if given is not None:
                self.read_sheet(sheet, given)
        for mapping in MAPPINGS:
            if any(s.section[0] == mapping and s.name in self.found for s in SHEETS):
                self.data.setdefault(mapping, {})
        for section, order in KEY_ORDER.items():
            # Keys added by other sheets (an organisation's aims) go where the format lists
            # them; `x-` keys stay last.
            rank = {key: n for n, key in enumerate(order)}
            entries = self.data_list(section) if _at(self.data, section) is not None else []
            for index, entry in enumerate(entries):
                keys = sorted(entry, key=lambda key: rank.get(key, len(rank)))
                entries[index] = {key: entry[key] for key in keys}
        top = {key: self.data[key] for key in _TOP_ORDER if key in self.data}
        return {**top, **self.data}

    def header(self, raw: RawSheet, allowed: dict[str, Column]) -> dict[int, str]:
        """Column index -> column name (or `x-` name); unknown and repeated names reported."""
        out: dict[int, str] = {}
        seen: dict[str, int] = {}
        row = raw.rows[0] if raw.rows else ()
        for index, value in enumerate(row, start=1):
            if value is None or str(value).strip() == "":
                continue
            text = cell_text(value)
            name = normal_name(text)
            if name.startswith("x-"):
                column = name
            elif name in allowed:
                column = allowed[name].name
            else:
                known = {key: c.name for key, c in allowed.items()}
                self.problem(
                    self.place(raw).at(1, index),
                    _unknown("column", text, name, known, _OWN_COLUMNS),
                )
                continue
            if column in seen:
                self.problem(
                    self.place(raw).at(1, index),
                    f"column {column!r} appears twice (first in column "
                    f"{_column_name(seen[column], self.csv)}); keep one",
                )
                continue
            seen[column] = index
            out[index] = column
        return out

    def entries(
        self, raw: RawSheet, header: dict[int, str]
    ) -> Iterator[tuple[int, dict[int, Any]]]:
        """(row number, {column index: value}) for each row that holds anything."""
        for number, row in enumerate(raw.rows[1:], start=2):
            cells = {i: v for i, v in enumerate(row, start=1) if not empty(v)}
            if not cells:
                continue
            for index in sorted(set(cells) - set(header)):
                if (
                    raw.rows[0:1]
                    and index <= len(raw.rows[0])
                    and not empty(raw.rows[0][index - 1])
                ):
                    continue  # an unknown column, already reported
                self.problem(
                    self.place(raw).at(number, index),
                    "this cell has no column name above it; name the column in row 1, "
                    "or clear the cell",
                )
            yield number, cells

    def read_partnership(self, raw: RawSheet) -> None:
        named = {
            normal_name(cell_text(v)) for v in (raw.rows[0] if raw.rows else ()) if not empty(v)
        }
        fields = {name for name in named if not name.startswith("x-")}
        if fields and fields <= set(PARTNERSHIP_FIELDS):
            self.read_partnership_across(raw)
            return
        columns = {"field": Column("field", Kind.TEXT, ""), "value": Column("value", Kind.TEXT, "")}
        header = self.header(raw, columns)
        by_name = {name: index for index, name in header.items()}
        if "field" not in by_name or "value" not in by_name:
            self.problem(
                self.place(raw).at(1),
                "the partnership sheet needs two columns, 'field' and 'value', with a row "
                f"for each of: {', '.join(PARTNERSHIP_FIELDS)}",
            )
            return
        seen: dict[str, int] = {}
        for number, cells in self.entries(raw, header):
            field_cell = cells.get(by_name["field"])
            value_place = self.place(raw).at(number, by_name["value"])
            if field_cell is None:
                self.problem(
                    self.place(raw).at(number, by_name["field"]),
                    "a value with no field; write which field it is, e.g. name",
                )
                continue
            field = normal_name(cell_text(field_cell))
            field_place = self.place(raw).at(number, by_name["field"])
            if field in seen:
                self.problem(field_place, f"{field!r} is given twice (first on row {seen[field]})")
                continue
            seen[field] = number
            self.fields[field] = value_place
            if field.startswith("x-"):
                path: PathKey = ("partnership", field)
                column = Column(field, Kind.TEXT, "")
            elif field in PARTNERSHIP_FIELDS:
                where, column = PARTNERSHIP_FIELDS[field]
                path = where
            else:
                known = {name: name for name in PARTNERSHIP_FIELDS}
                self.problem(field_place, _unknown("field", field, field, known))
                continue
            value = cells.get(by_name["value"])
            if value is None:
                continue
            _set(self.data, path, convert(value, column.kind))
            self.origins[format_path(path)] = value_place

    def read_partnership_across(self, raw: RawSheet) -> None:
        """The partnership sheet written the other way: a column a field, one row of values."""
        self.across = True
        allowed = {name: column for name, (_path, column) in PARTNERSHIP_FIELDS.items()}
        header = self.header(raw, allowed)
        rows = list(self.entries(raw, header))
        for number, _cells in rows[1:]:
            self.problem(
                self.place(raw).at(number),
                "the partnership sheet has one row of values under its field names; "
                "remove this row, or write the sheet as 'field' and 'value' columns",
            )
        for number, cells in rows[:1]:
            for index, field in header.items():
                if index not in cells:
                    continue
                if field.startswith("x-"):
                    path: PathKey = ("partnership", field)
                    kind = Kind.TEXT
                else:
                    path, column = PARTNERSHIP_FIELDS[field]
                    kind = column.kind
                place = self.place(raw).at(number, index)
                _set(self.data, path, convert(cells[index], kind))
                self.origins[format_path(path)] = place
                self.fields[field] = place

    def read_sheet(self, sheet: Sheet, raw: RawSheet) -> None:
        allowed = {normal_name(c.name): c for c in sheet.columns}
        header = self.header(raw, allowed)
        columns = {name: index for index, name in header.items()}
        parent_ids = self.positions.get(sheet.parent[1]) if sheet.parent else None
        ids: dict[str, int] = {}
        positions: dict[str, int] = {}
        names: dict[str, str] = {}
        rows: list[tuple[int, dict[int, Any]]] = list(self.entries(raw, header))
        if sheet.parent is None:
            self.data_list(sheet.section)
        for number, cells in rows:
            row_place = self.place(raw).at(number)
            entry: dict[str, Any] = {}
            origins: dict[str, Place] = {}
            for column in sheet.columns:
                index = columns.get(column.name)
                if index is None or index not in cells:
                    continue
                if sheet.parent and column.name == sheet.parent[0]:
                    continue
                value = convert(cells[index], column.kind)
                if value is None:
                    continue
                if sheet.name == "assessments" and column.name not in _ASSESSMENT_FIELDS:
                    entry.setdefault("scores", {})[column.name] = value
                    origins[f"scores.{column.name}"] = row_place.at(number, index)
                    continue
                entry[column.name] = value
                origins[column.name] = row_place.at(number, index)
            for index, name in header.items():
                if name.startswith("x-") and index in cells:
                    entry[name] = convert(cells[index], Kind.TEXT)
            if "id" in entry and isinstance(entry["id"], str):
                if entry["id"] in ids:
                    self.problem(
                        row_place.at(number, columns["id"]),
                        f"id {entry['id']!r} is used twice (first on row {ids[entry['id']]}); "
                        "give each a different id",
                        "CG004",
                    )
                else:
                    ids[entry["id"]] = number
                    positions[entry["id"]] = len(self.data_list(sheet.section))
                label = entry.get("name", entry.get("text"))
                if isinstance(label, str):
                    names.setdefault(" ".join(label.casefold().split()), entry["id"])
            if sheet.parent is None:
                target = self.data_list(sheet.section)
                path: PathKey = (*sheet.section, len(target))
                target.append(entry)
            else:
                found = self.parent_of(sheet, raw, number, cells, columns, parent_ids or {})
                if found is None:
                    continue
                parent_path, parent_entry = found
                if sheet.name == "votes":
                    self.add_vote(raw, number, cells, columns, parent_path, parent_entry, entry)
                    continue
                target = parent_entry.setdefault(sheet.section[0], [])
                path = (*parent_path, sheet.section[0], len(target))
                target.append(entry)
            key = format_path(path)
            self.origins[key] = row_place
            self.rows[key] = _Row(row_place, columns, sheet)
            for name, place in origins.items():
                self.origins[f"{key}.{name}"] = place
                value = entry.get(name)
                if isinstance(value, list):
                    for item in range(len(value)):
                        self.origins[f"{key}.{name}[{item}]"] = place
        if sheet.parent is None:
            self.positions[sheet.name] = positions
            self.names[sheet.name] = names

    def data_list(self, section: tuple[str, ...]) -> list[Any]:
        holder = self.data
        for key in section[:-1]:
            holder = holder.setdefault(key, {})
        found: list[Any] = holder.setdefault(section[-1], [])
        return found

    def parent_of(
        self,
        sheet: Sheet,
        raw: RawSheet,
        number: int,
        cells: dict[int, Any],
        columns: dict[str, int],
        parent_ids: dict[str, int],
    ) -> tuple[PathKey, dict[str, Any]] | None:
        assert sheet.parent is not None
        link, parent_sheet = sheet.parent
        parent = SHEETS_BY_NAME[parent_sheet]
        index = columns.get(link)
        if index is None or index not in cells:
            self.problem(
                self.place(raw).at(number, index),
                f"which {parent.one_row_per} is this row's? write its id in the {link!r} column",
            )
            return None
        wanted = cell_text(cells[index]).strip()
        if wanted not in parent_ids:
            place = self.place(raw).at(number, index)
            named = self.names.get(parent_sheet, {}).get(" ".join(wanted.casefold().split()))
            if named is not None:
                self.problem(
                    place,
                    f"{wanted!r} is the name of {parent.one_row_per} '{named}'; write its id",
                    "CG003",
                )
                return None
            close = difflib.get_close_matches(wanted, sorted(parent_ids), n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"add it to the {parent_sheet} sheet"
                if not parent_ids
                else f"ids in the {parent_sheet} sheet: {', '.join(sorted(parent_ids)[:8])}"
            )
            self.problem(
                place,
                f"no {parent.one_row_per} {wanted!r} in the {parent_sheet} sheet; {hint}",
                "CG003",
            )
            return None
        position = parent_ids[wanted]
        parent_path: PathKey = (*parent.section, position)
        entry: dict[str, Any] = self.data_list(parent.section)[position]
        return parent_path, entry

    def add_vote(
        self,
        raw: RawSheet,
        number: int,
        cells: dict[int, Any],
        columns: dict[str, int],
        body_path: PathKey,
        body: dict[str, Any],
        entry: dict[str, Any],
    ) -> None:
        organisation = entry.get("organisation")
        votes_index = columns.get("votes")
        if not isinstance(organisation, str) or not organisation.strip():
            self.problem(
                self.place(raw).at(number, columns.get("organisation")),
                "whose votes? write the organisation's id in the 'organisation' column",
            )
            return
        if "votes" not in entry:
            self.problem(
                self.place(raw).at(number, votes_index),
                "how many votes? write a whole number in the 'votes' column",
            )
            return
        votes = body.setdefault("votes", {})
        if organisation in votes:
            self.problem(
                self.place(raw).at(number, columns.get("organisation")),
                f"{organisation!r} already has votes in this body; keep one row",
            )
            return
        votes[organisation] = entry["votes"]
        key = f"{format_path(body_path)}.votes.{organisation}"
        self.origins[key] = self.place(raw).at(number, votes_index)
        self.origins[key + "#key"] = self.place(raw).at(number, columns.get("organisation"))

    # ----------------------------------------------------------------- errors

    def locate(self, path: str, code: str, message: str) -> tuple[Place, str]:
        """The cell (or row, or sheet) a validation error at `path` came from, and the
        error's message in the workbook's terms."""
        if code == "CG003" and f"{path}#key" in self.origins:
            return self.origins[f"{path}#key"], message
        missing = re.match(r"missing required key '([^']+)'", message)
        if missing and path in ("partnership", "organisations"):
            return self._missing_section(path)
        if missing and path == "partnership.name":
            if "name" in self.fields:
                return self.fields["name"], "the partnership needs a name; write it here"
            where = self.place(self.found.get(PARTNERSHIP_SHEET) or PARTNERSHIP_SHEET)
            if self.across:
                return where, "the partnership needs a name: add a 'name' column"
            return where, (
                "the partnership needs a name: add a row with 'name' in the field column and "
                "the partnership's name in the value column"
            )
        if path == "organisations" and "needs at least one entry" in message:
            raw = self.found.get("organisations")
            place = self.place(raw or "organisations")
            return place, "no organisations: add a row for each organisation taking part"
        parent = re.sub(r"\.[^.\[]+$", "", path)
        if missing and parent in self.rows:
            row = self.rows[parent]
            key = missing.group(1)
            index = row.columns.get(key)
            what = row.sheet.one_row_per.split(" (")[0]
            if index is None:
                return row.place, f"no {key!r} column; add one: every {what} needs a {key}"
            return row.place.at(row.place.row, index), f"every {what} needs a {key}; fill it in"
        several = re.match(r"unknown [a-z ]+ '([^']*,[^']*)'", message)
        if code == "CG003" and several:
            message = (
                f"{several.group(1)!r} looks like several ids in one; in a cell, separate the "
                "items of a list with ';'"
            )
        return self._place_of(path), message

    def _missing_section(self, section: str) -> tuple[Place, str]:
        if section == "partnership":
            return self.place(PARTNERSHIP_SHEET), (
                "no partnership sheet: add one, with the columns 'field' and 'value' and a row "
                "for the partnership's name"
            )
        return self.place("organisations"), (
            "no organisations sheet: add one, with a row for each organisation taking part"
        )

    def _place_of(self, path: str) -> Place:
        candidate = path
        while candidate:
            if candidate in self.origins:
                return self.origins[candidate]
            candidate = re.sub(r"(\[\d+\]|\.[^.\[]+|^[^.\[]+)$", "", candidate)
        top = re.match(r"[^.\[]+", path)
        if top:
            for sheet in SHEETS:
                if sheet.section[0] == top.group(0):
                    return self.place(self.found.get(sheet.name) or sheet.name)
        return self.place(self.found.get(PARTNERSHIP_SHEET) or PARTNERSHIP_SHEET)


_ASSESSMENT_FIELDS = frozenset({"by", "anonymous", "organisation", "date"})


def _column_name(index: int, csv: bool) -> str:
    from .book import column_letter

    return str(index) if csv else column_letter(index)


def _at(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    found: Any = data
    for key in path:
        found = found.get(key) if isinstance(found, dict) else None
    return found


def _set(data: dict[str, Any], path: PathKey, value: Any) -> None:
    holder = data
    for key in path[:-1]:
        holder = holder.setdefault(str(key), {})
    holder[str(path[-1])] = value


def import_book(sheets: list[RawSheet], book: str, display: str, *, csv: bool) -> Imported:
    """The partnership file the sheets make, validated; or every problem, at its cell.

    `book` is the workbook's name, or the folder's for CSV sheets (`csv`).
    """
    importer = _Importer(sheets, book, csv=csv)
    data = importer.run()
    text = yamltext.partnership_file(data, book, display)
    loaded = load_bytes(text.encode("utf-8"), display)
    problems = list(importer.problems)
    flagged = {str(p.place) for p in problems}
    for error in loaded.errors:
        if error.code == "CG004":
            continue  # duplicate ids are reported by row, above
        place, message = importer.locate(error.path, error.code, error.message)
        if str(place) in flagged:
            continue
        problems.append(Problem(place, error.code, message))
    if problems:
        return Imported(None, tuple(_ordered(problems)))
    return Imported(text, ())


def _ordered(problems: list[Problem]) -> list[Problem]:
    order = {name: n for n, name in enumerate([PARTNERSHIP_SHEET, *SHEETS_BY_NAME])}
    unique = {(str(p.place), p.code, p.message): p for p in problems}
    return sorted(
        unique.values(),
        key=lambda p: (
            order.get(normal_name(p.place.sheet), len(order)),
            p.place.row or 0,
            p.place.column or 0,
        ),
    )


_OWN_COLUMNS = " (or one whose name starts with 'x-', for your own notes)"


def _unknown(what: str, written: str, key: str, known: dict[str, str], more: str = "") -> str:
    """An unknown column or field, as `written`, with the nearest `known` one (matched by its
    normalised `key`) or, with none near, all of them by name."""
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = (
        f"did you mean '{known[close[0]]}'?"
        if close
        else f"{what}s are: {', '.join(known.values())}{more}"
    )
    return f"unknown {what} {written!r}; {hint}"

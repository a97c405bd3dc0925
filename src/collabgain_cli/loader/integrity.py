"""Duplicate ids, references that name nothing and dates out of order, read from the raw data."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..hints import format_path
from .base import PathKey, as_date, file_error, value_at
from .source_map import SourceMap

_SECTIONS_WITH_IDS: dict[str, PathKey] = {
    "organisation": ("organisations",),
    "person": ("people",),
    "network": ("networks",),
    "shared aim": ("aims",),
    "decision body": ("governance", "bodies"),
    "activity": ("activities",),
}

# (path pattern with '*' for every list item, kind of id it must name)
_REFERENCES: tuple[tuple[PathKey, tuple[str, ...]], ...] = (
    (("people", "*", "organisation"), ("organisation",)),
    (("people", "*", "networks", "*"), ("network",)),
    (("aims", "*", "agreed_by", "*"), ("organisation",)),
    (("governance", "chairs", "*", "organisation"), ("organisation",)),
    (("governance", "chairs", "*", "person"), ("person",)),
    (("governance", "bodies", "*", "members", "*"), ("organisation",)),
    (("decisions", "*", "made_by", "*"), ("organisation",)),
    (("decisions", "*", "consulted", "*"), ("organisation",)),
    (("decisions", "*", "body"), ("decision body",)),
    (("decisions", "*", "activities", "*"), ("activity",)),
    (("funding", "*", "from"), ("organisation",)),
    (("activities", "*", "lead"), ("organisation",)),
    (("activities", "*", "owner"), ("person",)),
    (("activities", "*", "partners", "*"), ("organisation",)),
    (("activities", "*", "aims", "*"), ("shared aim",)),
    (("meetings", "*", "body"), ("decision body",)),
    (("meetings", "*", "attended", "*"), ("organisation",)),
    (("meetings", "*", "people", "*"), ("person",)),
    (("changes", "*", "affects", "*"), ("organisation",)),
    (("commitments", "*", "organisation"), ("organisation",)),
    (("learning", "evidence", "*", "applied_to", "*"), ("activity",)),
    (("learning", "evaluations", "*", "of"), ("activity",)),
    (("assessments", "*", "by"), ("person", "organisation")),
    (("assessments", "*", "organisation"), ("organisation",)),
)

# (list path, earlier field, later field)
_DATE_ORDER: tuple[tuple[PathKey, str, str], ...] = (
    (("organisations",), "joined", "left"),
    (("people",), "joined", "left"),
    (("activities",), "start", "end"),
    (("governance", "chairs"), "from", "to"),
    (("governance", "bodies"), "from", "to"),
    (("funding",), "from_date", "to_date"),
)


class _Reached:
    """The values each path pattern reaches (its '*' steps over list items), with their paths.

    Kept by pattern, and each pattern extends its parent's list by one step: the checks read
    the same sections many times (activities for five references and a date order), and each
    is walked once. The last step of a reference pattern is not listed here: its values are
    read in place, and a path is built for one only when it is wrong.
    """

    __slots__ = ("_found",)

    def __init__(self, root: Any) -> None:
        self._found: dict[PathKey, list[tuple[PathKey, Any]]] = {(): [((), root)]}

    def __call__(self, pattern: PathKey) -> list[tuple[PathKey, Any]]:
        found = self._found.get(pattern)
        if found is None:
            step = pattern[-1]
            found = []
            for path, value in self(pattern[:-1]):
                if step == "*":
                    if isinstance(value, list):
                        found.extend(((*path, i), item) for i, item in enumerate(value))
                elif isinstance(value, dict) and step in value:
                    found.append(((*path, step), value[step]))
            self._found[pattern] = found
        return found


class _Names:
    """Each section's entries by folded name, read only when a wrong reference needs them."""

    __slots__ = ("_found", "_root")

    def __init__(self, root: Any) -> None:
        self._root = root
        self._found: dict[str, dict[str, tuple[str, str]]] = {}

    def __getitem__(self, kind: str) -> dict[str, tuple[str, str]]:
        found = self._found.get(kind)
        if found is None:
            found = self._found[kind] = _names_of(value_at(self._root, _SECTIONS_WITH_IDS[kind]))
        return found


def _all_known(values: list[Any], known: set[str]) -> bool:
    """Whether every item is a known id, checked in one pass in C (the common case)."""
    try:
        return known.issuperset(values)
    except TypeError:  # an unhashable item (a mapping or a list): not an id
        return False


def integrity_errors(root: dict[str, Any], source: SourceMap) -> Iterator[Finding]:
    """Duplicate ids, dangling references and dates out of order, read from the raw data.

    Checked on the raw data, defensively, so that they are reported together with any schema
    errors in the same run rather than only once those are fixed.
    """
    reached = _Reached(root)
    names = _Names(root)
    ids: dict[str, set[str]] = {}
    for kind, section in _SECTIONS_WITH_IDS.items():
        seen: dict[str, PathKey] = {}
        for entry_path, entry in reached((*section, "*")):
            value = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(value, str):
                continue
            first_path = seen.get(value)
            if first_path is None:
                seen[value] = entry_path
            else:
                first_line = source.locate((*first_path, "id"))[0]
                path = (*entry_path, "id")
                line, column = source.locate(path)
                yield file_error(
                    "CG004",
                    f"{kind} id '{value}' is used twice (first on line {first_line}); "
                    "give each a different id",
                    path,
                    line,
                    column,
                )
        ids[kind] = set(seen)

    for pattern, kinds in _REFERENCES:
        known = set().union(*(ids[k] for k in kinds))
        last = pattern[-1]
        for path, value in reached(pattern[:-1]):
            if last != "*":
                item = value.get(last) if isinstance(value, dict) else None
                if isinstance(item, str) and item not in known:
                    yield _reference_error(item, kinds, known, (*path, last), source, names)
            elif isinstance(value, list) and not _all_known(value, known):
                for index, item in enumerate(value):
                    if isinstance(item, str) and item not in known:
                        yield _reference_error(item, kinds, known, (*path, index), source, names)
    for path, votes in reached(("governance", "bodies", "*", "votes")):
        if isinstance(votes, dict):
            for key in votes:
                if isinstance(key, str) and key not in ids["organisation"]:
                    finding = _unknown_reference(
                        key, ("organisation",), ids["organisation"], (*path, key), source
                    )
                    line, column = source.locate_key((*path, key))
                    yield dataclasses.replace(finding, line=line, column=column)

    for section, earlier, later in _DATE_ORDER:
        for path, item in reached((*section, "*")):
            if not isinstance(item, dict):
                continue
            first = as_date(item.get(earlier))
            second = as_date(item.get(later)) if first else None
            if first and second and second < first:
                line, column = source.locate((*path, later))
                yield file_error(
                    "CG005",
                    f"{later} ({second}) is before {earlier} ({first}); correct one of the dates",
                    (*path, later),
                    line,
                    column,
                )


def _reference_error(
    value: str,
    kinds: tuple[str, ...],
    known: set[str],
    path: PathKey,
    source: SourceMap,
    names: _Names,
) -> Finding:
    """A reference that names no id: an entry's name where its id belongs, or unknown."""
    named = _named(value, kinds, names)
    if named is None:
        return _unknown_reference(value, kinds, known, path, source, names)
    kind, named_id = named
    line, column = source.locate(path)
    message = f"`{format_path(path)}`: {value!r} is the name of {kind} '{named_id}'; write its id"
    return file_error("CG003", message, path, line, column)


def _names_of(section: Any) -> dict[str, tuple[str, str]]:
    """A section's entries by name (or an aim's text), folded, to their ids and names."""
    found: dict[str, tuple[str, str]] = {}
    for entry in section if isinstance(section, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            name = entry.get("name", entry.get("text"))
            if isinstance(name, str):
                found.setdefault(_fold(name), (entry["id"], name))
    return found


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _named(value: str, kinds: tuple[str, ...], names: _Names) -> tuple[str, str] | None:
    """(kind, id) when `value` is the name of an entry where its id belongs."""
    for kind in kinds:
        found = names[kind].get(_fold(value))
        if found is not None:
            return kind, found[0]
    return None


def _unknown_reference(
    value: str,
    kinds: tuple[str, ...],
    known: set[str],
    path: PathKey,
    source: SourceMap,
    names: _Names | None = None,
) -> Finding:
    what = " or ".join(kinds)
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    by_name = {
        name: ident for kind in kinds if names is not None for name, ident in names[kind].items()
    }
    close_name = difflib.get_close_matches(_fold(value), sorted(by_name), n=1, cutoff=0.6)
    # Text that is not shaped like an id is more likely a name than a misspelt id.
    if close_name and (not close or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value)):
        ident, name = by_name[close_name[0]]
        hint = f"; did you mean '{ident}' ({name})? write its id"
    elif close:
        hint = f"; did you mean '{close[0]}'?"
    elif known:
        shown = sorted(known)
        more = f" (and {len(shown) - 8} more)" if len(shown) > 8 else ""
        hint = f"; known ids: {', '.join(shown[:8])}{more}"
    else:
        hint = f"; add the {kinds[0]} it names"
    line, column = source.locate(path)
    return file_error("CG003", f"unknown {what} '{value}'{hint}", path, line, column)

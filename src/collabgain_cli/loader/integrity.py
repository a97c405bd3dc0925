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


class _Found:
    """A value matched by a path pattern; its path is built only when an error needs it."""

    __slots__ = ("container_path", "step", "value")

    def __init__(self, container_path: PathKey, step: str | int, value: Any) -> None:
        self.container_path = container_path
        self.step = step
        self.value = value

    @property
    def path(self) -> PathKey:
        return (*self.container_path, self.step)


def _walk_pattern(data: Any, pattern: PathKey) -> Iterator[_Found]:
    """Every value matching a pattern whose '*' steps over list items."""
    level: list[tuple[PathKey, Any]] = [((), data)]
    for step in pattern[:-1]:
        following: list[tuple[PathKey, Any]] = []
        for path, value in level:
            if step == "*":
                if isinstance(value, list):
                    following.extend(((*path, i), item) for i, item in enumerate(value))
            elif isinstance(value, dict) and step in value:
                following.append(((*path, step), value[step]))
        level = following
    last = pattern[-1]
    for path, value in level:
        if last == "*":
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield _Found(path, index, item)
        elif isinstance(value, dict) and last in value:
            yield _Found(path, last, value[last])


def integrity_errors(root: dict[str, Any], source: SourceMap) -> Iterator[Finding]:
    """Duplicate ids, dangling references and dates out of order, read from the raw data.

    Checked on the raw data, defensively, so that they are reported together with any schema
    errors in the same run rather than only once those are fixed.
    """
    ids: dict[str, set[str]] = {}
    names: dict[str, dict[str, tuple[str, str]]] = {}
    for kind, section in _SECTIONS_WITH_IDS.items():
        names[kind] = _names_of(value_at(root, section))
        seen: dict[str, PathKey] = {}
        for found in _walk_pattern(root, (*section, "*", "id")):
            value, path = found.value, found.path
            if not isinstance(value, str):
                continue
            if value in seen:
                first_line = source.locate(seen[value])[0]
                line, column = source.locate(path)
                yield file_error(
                    "CG004",
                    f"{kind} id '{value}' is used twice (first on line {first_line}); "
                    "give each a different id",
                    path,
                    line,
                    column,
                )
            else:
                seen[value] = path
        ids[kind] = set(seen)

    for pattern, kinds in _REFERENCES:
        known = set().union(*(ids[k] for k in kinds))
        for found in _walk_pattern(root, pattern):
            value = found.value
            if isinstance(value, str) and value not in known:
                named = _named(value, kinds, names)
                if named is None:
                    yield _unknown_reference(value, kinds, known, found.path, source, names)
                else:
                    kind, named_id = named
                    line, column = source.locate(found.path)
                    message = (
                        f"`{format_path(found.path)}`: {value!r} is the name of {kind} "
                        f"'{named_id}'; write its id"
                    )
                    yield file_error("CG003", message, found.path, line, column)
    for found in _walk_pattern(root, ("governance", "bodies", "*", "votes")):
        path, votes = found.path, found.value
        if isinstance(votes, dict):
            for key in votes:
                if isinstance(key, str) and key not in ids["organisation"]:
                    finding = _unknown_reference(
                        key, ("organisation",), ids["organisation"], (*path, key), source
                    )
                    line, column = source.locate_key((*path, key))
                    yield dataclasses.replace(finding, line=line, column=column)

    for section, earlier, later in _DATE_ORDER:
        for found in _walk_pattern(root, (*section, "*")):
            item = found.value
            if not isinstance(item, dict):
                continue
            first, second = as_date(item.get(earlier)), as_date(item.get(later))
            if first and second and second < first:
                path = found.path
                line, column = source.locate((*path, later))
                yield file_error(
                    "CG005",
                    f"{later} ({second}) is before {earlier} ({first}); correct one of the dates",
                    (*path, later),
                    line,
                    column,
                )


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


def _named(
    value: str, kinds: tuple[str, ...], names: dict[str, dict[str, tuple[str, str]]]
) -> tuple[str, str] | None:
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
    names: dict[str, dict[str, tuple[str, str]]] | None = None,
) -> Finding:
    what = " or ".join(kinds)
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    by_name = {name: ident for kind in kinds for name, ident in (names or {}).get(kind, {}).items()}
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

"""pydantic's validation errors, worded for the person who wrote the file and placed in it."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from ..findings import Finding
from ..hints import date_message, format_path, read_loose_date
from ..model import SLUG_MATCH, Partnership, slug_message, text_message
from .base import PathKey, as_date, file_error, value_at
from .source_map import SourceMap


def relevant_errors(exc: ValidationError) -> list[Any]:
    """pydantic's errors, less one echo: a list whose items failed is also 'too short'."""
    # include_input=False: the input may be huge, and formatting it is the slow part.
    errors = exc.errors(include_input=False, include_url=False)
    # The items' own errors say what to fix; the list's valid part is merely empty.
    inner = {tuple(e["loc"])[:-1] for e in errors if len(e["loc"]) > 1}
    inner |= {loc[:end] for loc in inner for end in range(len(loc))}
    return [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in inner)]


def schema_errors(errors: list[Any], root: dict[str, Any], source: SourceMap) -> Iterator[Finding]:
    # A misspelt required key is reported once, as the unknown key with its suggestion.
    suggested = {
        (*tuple(e["loc"])[:-1], close)
        for e in errors
        if e["type"] == "extra_forbidden"
        and (close := _closest_key(str(e["loc"][-1]), tuple(e["loc"])[:-1]))
    }
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "missing" and loc in suggested:
            continue
        if loc and loc[-1] == "[key]":
            path: PathKey = loc[:-1]
            line, column = source.locate_key(path)
            message = _model_message(error, path[-1]) or _pydantic_message(error)
            yield file_error("CG002", f"key {path[-1]!r}: {message}", path, line, column)
            continue
        path = loc
        if kind == "missing":
            parent = path[:-1]
            line, column = source.locate(parent)
            where = f"in {format_path(parent)}" if parent else "at the top level"
            message = f"missing required key '{path[-1]}' {where}"
        elif kind == "extra_forbidden":
            line, column = source.locate_key(path)
            message = _unknown_key_message(str(path[-1]), path[:-1])
        elif kind == "too_short":
            line, column = source.locate(path)
            message = f"`{format_path(path)}` needs at least one entry, and has none; add one"
        elif kind == "iso_date":
            line, column = source.locate(path)
            value = value_at(root, path)
            message = date_message(path, value, _show(value), _example_date(root, path))
        else:
            line, column = source.locate(path)
            message = _value_message(error, value_at(root, path))
        yield file_error("CG002", message, path, line, column)


def _example_date(root: dict[str, Any], path: PathKey) -> dt.date:
    """A date to show in a message about a date field: another date of the same entry,
    else the partnership's as_of, else today."""
    entry = value_at(root, path[:-1])
    candidates = list(entry.values()) if isinstance(entry, dict) else []
    info = root.get("partnership")
    if isinstance(info, dict):
        candidates.append(info.get("as_of"))
    for candidate in candidates:
        found = as_date(candidate) or read_loose_date(candidate)
        if found is not None:
            return found
    return dt.date.today()


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _pydantic_message(error: Any) -> str:
    message = str(error["msg"])
    return message[0].lower() + message[1:] if message else message


def _model_message(error: Any, value: Any) -> str | None:
    """The model's own words for the errors pydantic-core finds in text and ids (`Text`,
    `Slug`), which it checks natively rather than by calling the model's Python."""
    kind = error["type"]
    if kind == "string_type":
        return text_message(value)
    if kind == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") == SLUG_MATCH:
        return slug_message(value)
    return None


def _value_message(error: Any, value: Any) -> str:
    worded = _model_message(error, value)
    if worded is not None:
        return worded
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = ""
        if isinstance(value, str):
            close = difflib.get_close_matches(value, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{_show(value)} is not allowed; write one of: {', '.join(allowed)}{hint}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{_show(value)} is not a boolean; write true or false"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys and values, got {_show(value)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list (lines starting with '- '), got {_show(value)}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        what = "a whole number" if kind.startswith("int") else "a number"
        return f"{_show(value)} is not {what}; write digits only, e.g. 1200"
    if kind == "finite_number":
        return f"{_show(value)} is not a finite number; write an ordinary number"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        return f"{_show(value)}: {_pydantic_message(error)}"
    if kind in ("string_too_short", "string_pattern_mismatch"):
        return "must not be empty; write some text"
    return _pydantic_message(error)


def _model_fields_at(parent: PathKey) -> list[str]:
    model: Any = Partnership
    for part in parent:
        if isinstance(part, int):
            continue
        field = _field(model, part)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _field(model: Any, key: str) -> Any:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def _inner_model(annotation: Any) -> Any:
    from pydantic import BaseModel

    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        stack.extend(getattr(current, "__args__", ()))
    return None


def _closest_key(key: str, parent: PathKey) -> str | None:
    """The allowed key at `parent` that `key` is most likely a misspelling of."""
    close = difflib.get_close_matches(key, _model_fields_at(parent), n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key_message(key: str, parent: PathKey) -> str:
    allowed = _model_fields_at(parent)
    close = _closest_key(key, parent)
    if close:
        return f"unknown key {key!r}; did you mean '{close}'?"
    where = format_path(parent) or "the top level"
    return (
        f"unknown key {key!r} in {where}; allowed: {', '.join(allowed)} "
        "(or a key starting with 'x-' for your own notes)"
    )

"""Bytes -> YAML events with positions -> plain data + source map -> a validated Partnership.

The loader never constructs arbitrary Python objects and never trusts the input's size.
It walks PyYAML's *event* stream (libyaml's C parser when installed, the pure-Python one
otherwise) with an explicit stack, so there is no recursion to overflow, and it checks the
limits below while it walks, before anything can grow:

- `MAX_FILE_BYTES` (128 MiB): the file's size is checked with `stat` (standard input is read
  up to the limit) before it is read. A 10,000-organisation, 50,000-person file with its
  decisions and meetings is about 80 MiB.
- `MAX_DEPTH` (64): nesting of mappings and lists. The format itself needs 5 levels.
- `MAX_ALIAS_NODES` (1,000,000): the total number of values that aliases (`*name`, and `<<`
  merges of them) stand for, counted as if expanded. A "billion laughs" file is refused after
  a few hundred events, wherever its aliases hide.

Plain scalars follow YAML 1.2's core schema for null and booleans only (`true`/`false`;
`yes`, `no`, `on`, `off` stay text); every other scalar reaches the models as the text the
user wrote, so `0777`, `1:30` and `2024-05-01` are never reinterpreted by the YAML layer.
Keys beginning with `x-` are parsed (their aliases count) and then left out of the data.
"""

from __future__ import annotations

import dataclasses
from typing import Any, BinaryIO

from pydantic import ValidationError

from ..files import STDIN, InputError, expand_paths, write_report
from ..files import TooLarge as _TooLarge
from ..files import write_new as write_new_file
from ..findings import Finding
from ..gcpause import paused
from ..hints import format_path
from ..model import Partnership
from .base import CODES, file_error
from .composer import MAX_ALIAS_NODES, MAX_DEPTH, Composer
from .integrity import integrity_errors
from .parsing import c_loader_available
from .reading import decode, read_bytes, starter_text
from .schema_errors import relevant_errors, schema_errors
from .source_map import SourceMap

__all__ = [
    "CODES",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_ERRORS",
    "MAX_FILE_BYTES",
    "STDIN",
    "InputError",
    "LoadedFile",
    "SourceMap",
    "c_loader_available",
    "data_with_extensions",
    "expand_paths",
    "format_path",
    "load_bytes",
    "load_path",
    "starter_text",
    "too_large",
    "write_new_file",
    "write_report",
]

MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_ERRORS = 100


@dataclasses.dataclass(frozen=True, slots=True)
class LoadedFile:
    """One file after loading: the partnership if valid, else the errors."""

    path: str
    partnership: Partnership | None
    source: SourceMap | None
    errors: tuple[Finding, ...]


def load_path(path: str, *, stdin: BinaryIO | None = None, use_c: bool | None = None) -> LoadedFile:
    """Read and load one file ('-' for standard input); never raises for bad content."""
    display = "<stdin>" if path == STDIN else path
    try:
        data = read_bytes(path, MAX_FILE_BYTES, stdin)
    except _TooLarge as exc:
        return too_large(display, exc.size)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"cannot read the file: {reason}"
        return LoadedFile(display, None, None, (file_error("CG007", message, (), 1, 1),))
    return load_bytes(data, display, use_c=use_c)


def too_large(display: str, size: int) -> LoadedFile:
    """A file over the size limit, refused without being read (CG007)."""
    limit = MAX_FILE_BYTES // (1024 * 1024)
    message = (
        f"file is too large ({size:,} bytes; the limit is {limit} MiB); "
        "split the description or remove what the partnership does not need"
    )
    return LoadedFile(display, None, None, (file_error("CG007", message, (), 1, 1),))


def load_bytes(data: bytes, path: str = "<bytes>", *, use_c: bool | None = None) -> LoadedFile:
    """Load a partnership from bytes; every problem ends up in `errors`."""
    text = decode(data)
    if isinstance(text, Finding):
        return LoadedFile(path, None, None, (text,))
    with paused():
        return _load_text(text, path, use_c)


def _load_text(text: str, path: str, use_c: bool | None) -> LoadedFile:
    if text and not text.endswith("\n"):
        # The two parsers place an error at the very end differently without a last newline.
        text += "\n"
    composer = Composer(text, use_c=c_loader_available() if use_c is None else use_c)
    root = composer.run()
    errors = list(composer.errors)
    if root is None:
        return LoadedFile(path, None, None, tuple(_with_source(_sorted(errors), text)))
    source = composer.source_map(root)
    errors.extend(integrity_errors(root, source))
    partnership: Partnership | None = None
    unformatted = 0
    try:
        partnership = Partnership.model_validate(root)
    except ValidationError as exc:
        relevant = relevant_errors(exc)
        errors.extend(schema_errors(relevant[: MAX_ERRORS * 2], root, source))
        unformatted = max(0, len(relevant) - MAX_ERRORS * 2)
    if errors:
        # A reference that names nothing is one error: the unknown reference, which says
        # which ids exist, not also the schema's complaint that it is not shaped like an id.
        unknown = {e.path for e in errors if e.code == "CG003"}
        errors = [e for e in errors if not (e.code == "CG002" and e.path in unknown)]
        shown = _with_source(_sorted(errors, unformatted), text)
        return LoadedFile(path, None, source, tuple(shown))
    return LoadedFile(path, partnership, source, ())


def _with_source(errors: list[Finding], text: str) -> list[Finding]:
    """Errors with the line of the file each points at, for the formats that show it."""
    lines = text.split("\n")
    return [
        dataclasses.replace(e, source=lines[e.line - 1]) if 0 < e.line <= len(lines) else e
        for e in errors
    ]


def data_with_extensions(text: str) -> dict[str, Any] | None:
    """A valid file's data as plain values, its `x-` keys kept (for export to a workbook)."""
    with paused():
        return Composer(text, use_c=c_loader_available(), keep_extensions=True).run()


def _sorted(errors: list[Finding], unformatted: int = 0) -> list[Finding]:
    """Errors by position, at most MAX_ERRORS of them, then a count of the rest."""
    unique = {(e.line, e.column, e.code, e.message): e for e in errors}
    ordered = sorted(unique.values(), key=lambda e: e.sort_key)
    more = max(0, len(ordered) - MAX_ERRORS) + unformatted
    if more:
        ordered = ordered[:MAX_ERRORS]
        last = ordered[-1]
        ordered.append(
            file_error("CG002", f"{more} more errors not shown; fix these first", (), last.line, 1)
        )
    return ordered

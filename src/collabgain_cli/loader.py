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
import datetime as dt
import difflib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

import yaml
from pydantic import ValidationError

from .files import TooLarge as _TooLarge
from .files import inside, read_limited, read_stream, same_file, write_new
from .findings import VALIDITY, Finding, Severity
from .gcpause import paused
from .hints import date_message, indentation_message, read_loose_date
from .hints import format_path as format_path
from .model import Partnership

MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 1_000_000
MAX_ERRORS = 100

STDIN = "-"

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

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_STANDARD_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_STANDARD_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
# Characters YAML 1.2 does not allow in a stream (c-printable's complement), written as the
# few ranges they are: C0 controls but tab and line ends, DEL, C1 controls but NEL,
# surrogates, U+FFFE and U+FFFF. (The complement of the printable ranges compiles slowly.)
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


def c_loader_available() -> bool:
    """Whether PyYAML was built with libyaml, so the fast C parser can be used."""
    return bool(getattr(yaml, "__with_libyaml__", False))


class SourceMap:
    """Where each value and key of a file's data sits (1-based line and column).

    Marks are kept per container, keyed by the container's identity, so the map holds the
    data it describes (ids stay valid) and finds a path by walking down it.
    """

    __slots__ = ("_keys", "_root", "_root_mark", "_values")

    def __init__(
        self, root: Any, root_mark: Any, values: dict[int, Any], keys: dict[int, dict[str, Any]]
    ) -> None:
        self._root = root
        self._root_mark = root_mark
        self._values = values
        self._keys = keys

    def _walk(self, path: PathKey) -> tuple[Any, Any, int]:
        """(container holding the last step reached, its mark, steps reached)."""
        node, mark = self._root, self._root_mark
        for depth, part in enumerate(path):
            marks = self._values.get(id(node))
            if marks is None:
                return node, mark, depth
            try:
                found = marks[part]
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return node, mark, depth
            mark = found
        return node, mark, len(path)

    @staticmethod
    def _position(mark: Any) -> tuple[int, int]:
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """The position of the value at `path`, or of its nearest recorded ancestor."""
        return self._position(self._walk(path)[1])

    def locate_key(self, path: PathKey) -> tuple[int, int]:
        """The position of the key that ends `path`, falling back to its value."""
        if path:
            parent, _mark, reached = self._walk(path[:-1])
            if reached == len(path) - 1:
                keys = self._keys.get(id(parent), {})
                found = keys.get(path[-1]) if isinstance(path[-1], str) else None
                if found is not None:
                    return self._position(found)
        return self.locate(path)


@dataclasses.dataclass(frozen=True, slots=True)
class LoadedFile:
    """One file after loading: the partnership if valid, else the errors."""

    path: str
    partnership: Partnership | None
    source: SourceMap | None
    errors: tuple[Finding, ...]


class _Stop(Exception):
    """Ends the walk over a file: the error is recorded, nothing more can be read."""


def _error(code: str, message: str, path: PathKey, line: int, column: int) -> Finding:
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


# --------------------------------------------------------------------------- reading


class InputError(Exception):
    """A path that cannot be read at all (missing, a folder with no YAML): a usage error."""


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files, folders (every *.yaml/*.yml below, sorted, hidden folders skipped) and '-'."""
    out: list[str] = []
    for raw in paths:
        if raw == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                # A link in the folder is checked only if it stays in the folder: it might
                # lead to any file on the machine, whose lines errors would quote.
                and inside(path, p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
            )
            out.extend(found)
        elif path.exists():
            out.append(str(path))
        else:
            raise InputError(f"{raw}: no such file or folder")
    return out


def read_bytes(path: str, stdin: BinaryIO | None = None) -> bytes:
    """The file's bytes, refusing (without reading it) a file over the size limit, and
    anything that is not a regular file (a FIFO, a device, a folder)."""
    if path == STDIN:
        return read_stream(stdin if stdin is not None else sys.stdin.buffer, MAX_FILE_BYTES)
    return read_limited(path, MAX_FILE_BYTES)


def write_new_file(path: Path, text: str, *, overwrite: bool) -> None:
    """Write a file the user asked for, never replacing one unless `overwrite`, and never
    through a link."""
    write_new(path, text, overwrite=overwrite)


def write_report(path: Path, text: str, *, protect: Iterable[str]) -> None:
    """Write a report to `path`, refusing to overwrite any of the input files (by another
    name or a hard link too, or the file given on standard input)."""
    target = path.resolve()
    for source in protect:
        if source == STDIN:
            clash = _stdin_is(path)
        else:
            clash = Path(source).resolve() == target or same_file(source, path)
        if clash:
            raise ValueError("is one of the input files; choose another name")
    path.write_text(text, encoding="utf-8")


def _stdin_is(path: Path) -> bool:
    try:
        return same_file(sys.stdin.fileno(), path)
    except (OSError, ValueError, AttributeError):
        return False


def starter_text() -> str:
    """The commented starter description that `collabgain init` writes."""
    from importlib import resources

    return (resources.files("collabgain_cli") / "templates" / "partnership.yaml").read_text(
        encoding="utf-8"
    )


def load_path(path: str, *, stdin: BinaryIO | None = None, use_c: bool | None = None) -> LoadedFile:
    """Read and load one file ('-' for standard input); never raises for bad content."""
    display = "<stdin>" if path == STDIN else path
    try:
        data = read_bytes(path, stdin)
    except _TooLarge as exc:
        return too_large(display, exc.size)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"cannot read the file: {reason}"
        return LoadedFile(display, None, None, (_error("CG007", message, (), 1, 1),))
    return load_bytes(data, display, use_c=use_c)


def too_large(display: str, size: int) -> LoadedFile:
    """A file over the size limit, refused without being read (CG007)."""
    limit = MAX_FILE_BYTES // (1024 * 1024)
    message = (
        f"file is too large ({size:,} bytes; the limit is {limit} MiB); "
        "split the description or remove what the partnership does not need"
    )
    return LoadedFile(display, None, None, (_error("CG007", message, (), 1, 1),))


def load_bytes(data: bytes, path: str = "<bytes>", *, use_c: bool | None = None) -> LoadedFile:
    """Load a partnership from bytes; every problem ends up in `errors`."""
    text_or_error = _decode(data)
    if isinstance(text_or_error, Finding):
        return LoadedFile(path, None, None, (text_or_error,))
    text = text_or_error
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, column = _position_of(text, bad.start())
        message = (
            f"character U+{ord(bad.group()):04X} is not allowed in YAML; "
            "remove it or write it as an escape in a double-quoted string"
        )
        return LoadedFile(path, None, None, (_error("CG001", message, (), line, column),))

    with paused():
        return _load_text(text, path, use_c)


def _load_text(text: str, path: str, use_c: bool | None) -> LoadedFile:
    if text and not text.endswith("\n"):
        # The two parsers place an error at the very end differently without a last newline.
        text += "\n"
    composer = _Composer(text, use_c=c_loader_available() if use_c is None else use_c)
    root = composer.run()
    errors = list(composer.errors)
    if root is None:
        return LoadedFile(path, None, None, tuple(_with_source(_sorted(errors), text)))
    source = composer.source_map(root)
    errors.extend(_integrity_errors(root, source))
    partnership: Partnership | None = None
    unformatted = 0
    try:
        partnership = Partnership.model_validate(root)
    except ValidationError as exc:
        relevant = _relevant_errors(exc)
        errors.extend(_schema_errors(relevant[: MAX_ERRORS * 2], root, source))
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
        return _Composer(text, use_c=c_loader_available(), keep_extensions=True).run()


def _sorted(errors: list[Finding], unformatted: int = 0) -> list[Finding]:
    """Errors by position, at most MAX_ERRORS of them, then a count of the rest."""
    unique = {(e.line, e.column, e.code, e.message): e for e in errors}
    ordered = sorted(unique.values(), key=lambda e: e.sort_key)
    more = max(0, len(ordered) - MAX_ERRORS) + unformatted
    if more:
        ordered = ordered[:MAX_ERRORS]
        last = ordered[-1]
        ordered.append(
            _error("CG002", f"{more} more errors not shown; fix these first", (), last.line, 1)
        )
    return ordered


def _decode(data: bytes) -> str | Finding:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _error("CG007", "the file is UTF-32; save it as UTF-8", (), 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _error("CG007", "the file is UTF-16; save it as UTF-8", (), 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        return _error(
            "CG007",
            f"the file is not UTF-8: byte 0x{data[exc.start]:02X} on line {line} cannot be "
            "decoded; save the file as UTF-8",
            (),
            line,
            column,
        )
    return text[1:] if text.startswith("\ufeff") else text


def _position_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# --------------------------------------------------------------------------- composing


class _Frame:
    """An open mapping or sequence, with the marks of its values (and keys)."""

    __slots__ = ("anchor", "container", "is_map", "key", "key_marks", "marks", "merged", "size")

    def __init__(self, container: Any, anchor: str | None) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.anchor = anchor
        self.key: Any = None
        self.marks: Any = {} if self.is_map else []
        self.key_marks: dict[str, Any] = {}
        self.merged: dict[str, Any] | None = None
        self.size = 1


class _Skip:
    """A mapping key whose value is parsed (aliases counted) but not kept: an `x-` key, a
    duplicate key, or `<<` (whose value is merged rather than stored)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_MERGE = _Skip("<<")
_SURROGATES = re.compile("[\ud800-\udfff]")
_SURROGATE_MESSAGE = (
    "a \\u escape names half of a surrogate pair, which is not a character; "
    "write the character itself, or its \\U escape"
)
_REPARSE_LIMIT = 1024 * 1024
"""Up to this many characters, a syntax error libyaml finds is worded by PyYAML."""


def _position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


# Plain scalars with a meaning of their own in YAML 1.2's core schema; everything else is text.
_PLAIN_VALUES: dict[str, Any] = {
    **dict.fromkeys(_NULLS),
    **dict.fromkeys(_TRUES, True),
    **dict.fromkeys(_FALSES, False),
}


class _PureLoader(yaml.BaseLoader):
    """PyYAML's pure-Python parser, taking tabs between tokens and inside plain text as
    libyaml does (PyYAML's own scanner refuses any tab outside quotes), so both parsers
    accept the same files."""

    def scan_to_next_token(self) -> None:
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        found = False
        while not found:
            # libyaml: a tab separates tokens in flow context, or where no key can start.
            while self.peek() == " " or (
                self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)
            ):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if self.scan_line_break():  # type: ignore[no-untyped-call]
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                found = True

    def scan_plain_spaces(self, indent: int, start_mark: Any) -> list[str] | None:
        length = 0
        while self.peek(length) in " \t":
            length += 1
        if length and self.peek(length) not in "\0\r\n\x85\u2028\u2029":
            # Blanks inside a line are part of the text, tabs included.
            whitespaces = self.prefix(length)
            self.forward(length)
            return [whitespaces]
        result: list[str] | None = super().scan_plain_spaces(indent, start_mark)
        return result


class _Composer:
    """Builds plain data and positions from YAML events, checking every limit on the way.

    Positions are kept per container (`id(container)` -> the marks of its items), not per
    path, so no path is built for a value unless an error needs it.
    """

    def __init__(self, text: str, *, use_c: bool, keep_extensions: bool = False) -> None:
        loader_class = yaml.CBaseLoader if use_c else _PureLoader
        self._loader = loader_class(text)
        self._text = text
        self._use_c = use_c
        self._keep_extensions = keep_extensions
        self.errors: list[Finding] = []
        self.value_marks: dict[int, Any] = {}
        self.key_marks: dict[int, dict[str, Any]] = {}
        self.root_mark: Any = None
        self._stack: list[_Frame] = []
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._expanded = 0

    def source_map(self, root: Any) -> SourceMap:
        return SourceMap(root, self.root_mark, self.value_marks, self.key_marks)

    def run(self) -> dict[str, Any] | None:
        try:
            return self._walk()
        except _Stop:
            return None
        except yaml.MarkedYAMLError as exc:
            self.errors.append(self._syntax_error(exc))
            return None
        except yaml.YAMLError as exc:
            self.errors.append(_error("CG001", f"invalid YAML: {exc}", (), 1, 1))
            return None
        finally:
            self._loader.dispose()

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> Finding:
        problem = exc.problem or "invalid YAML"
        mark = exc.problem_mark or exc.context_mark
        if "maximum nesting depth" in problem and mark is not None:
            # libyaml's own limit (1,000 levels) can trip before ours, while it scans ahead;
            # the pure parser reads no further than needed and stops at our limit.
            found = self._pure_syntax_error(mark) if self._use_c else None
            if found is not None:
                return found
            message = f"nested deeper than {MAX_DEPTH} levels; flatten the structure"
            return _error("CG007", message, (), mark.line + 1, mark.column + 1)
        if problem.startswith("found invalid Unicode character escape") and exc.context_mark:
            return _error("CG001", _SURROGATE_MESSAGE, self._path(), *_position(exc.context_mark))
        if self._use_c and mark is not None:
            reference = self._pure_syntax_error(mark)
            if reference is not None:
                return reference
        line, column = _position(mark) if mark else (1, 1)
        indentation = indentation_message(self._text, line, problem)
        if indentation is not None:
            message, at_line, at_column = indentation
            return _error("CG001", message, (), at_line, at_column)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        return _error("CG001", _syntax_hint(problem), (), line, column)

    def _pure_syntax_error(self, mark: Any) -> Finding | None:
        """The pure-Python parser's account of a syntax error that libyaml found.

        The two parsers word (and sometimes place) errors differently; PyYAML's words are
        the reference, so both loaders report the same thing. Only the text up to just past
        the error is parsed again, and only when that is small enough to be quick.
        """
        end = mark.index
        if end > _REPARSE_LIMIT:
            return None
        cut = self._text.find("\n", end)
        cut = self._text.find("\n", cut + 1) if cut != -1 else -1
        text = self._text if cut == -1 else self._text[: cut + 1]
        again = _Composer(text, use_c=False)
        again.run()
        found = again.errors
        if found and found[0].code in ("CG001", "CG007") and found[0].line <= mark.line + 2:
            return found[0]
        return None

    def _path(self, extra: bool = True) -> PathKey:
        """The path of the value being read (built only for an error message)."""
        path: list[str | int] = []
        frames = self._stack if extra else self._stack[:-1]
        for frame in frames:
            if frame.is_map:
                key = frame.key
                if key is not None:
                    path.append(key if isinstance(key, str) else key.name)
            else:
                path.append(len(frame.container))
        return tuple(path)

    def _fail(self, code: str, message: str, mark: Any, path: PathKey | None = None) -> NoReturn:
        where = self._path() if path is None else path
        self.errors.append(_error(code, message, where, mark.line + 1, mark.column + 1))
        raise _Stop

    def _walk(self) -> dict[str, Any] | None:
        get_event = self._loader.get_event
        stack = self._stack
        anchors = self._anchors
        plain_values = _PLAIN_VALUES
        root: Any = None
        documents = 0
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        mapping_end = yaml.MappingEndEvent
        sequence_end = yaml.SequenceEndEvent
        alias_event = yaml.AliasEvent
        frame: _Frame | None = None

        while True:
            event: Any = get_event()
            cls = type(event)
            if cls is scalar_event:
                mark = event.start_mark
                if frame is not None and frame.is_map and frame.key is None:
                    self._take_key(frame, event)
                    continue
                tag = event.tag
                if tag is None and event.implicit[0]:
                    value = event.value
                    value = plain_values.get(value, value)
                else:
                    value = self._tagged_scalar(event)
                    if event.style == '"' and _SURROGATES.search(value):
                        self._fail("CG001", _SURROGATE_MESSAGE, mark)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                size = 1
            elif cls is mapping_start or cls is sequence_start:
                mark = event.start_mark
                if frame is not None and frame.is_map and frame.key is None:
                    self._fail("CG002", "a key must be plain text, not a mapping or a list", mark)
                if len(stack) >= MAX_DEPTH:
                    self._fail(
                        "CG007",
                        f"nested deeper than {MAX_DEPTH} levels; flatten the structure",
                        mark,
                    )
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _STANDARD_COLLECTION_TAGS:
                    self._fail("CG001", _tag_message(tag), mark)
                if frame is None:
                    self.root_mark = mark
                else:
                    self._place(frame, mark)
                frame = _Frame({} if cls is mapping_start else [], event.anchor)
                stack.append(frame)
                continue
            elif cls is mapping_end or cls is sequence_end:
                done = stack.pop()
                value = done.container
                if done.merged:
                    for key, item in done.merged.items():
                        if key not in value:
                            value[key] = item
                self.value_marks[id(value)] = done.marks
                if done.is_map:
                    self.key_marks[id(value)] = done.key_marks
                size = done.size
                if done.anchor:
                    anchors[done.anchor] = (value, size)
                frame = stack[-1] if stack else None
                if frame is None:
                    root = value
                    continue
                frame.size += size
                if frame.is_map:
                    key = frame.key
                    frame.key = None
                    if key.__class__ is str:
                        frame.container[key] = value
                    elif key is _MERGE:
                        self._merge(frame, value, event.start_mark)
                else:
                    frame.container.append(value)
                continue
            elif cls is alias_event:
                mark = event.start_mark
                if frame is not None and frame.is_map and frame.key is None:
                    self._fail("CG002", "an alias cannot be a key; write the key out", mark)
                value, size = self._alias(event)
            elif event is None or cls is yaml.StreamEndEvent:
                break
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._fail(
                        "CG007",
                        "the file holds more than one YAML document; keep one partnership "
                        "per file and remove the '---' line",
                        event.start_mark,
                        (),
                    )
                continue
            else:
                continue

            # A scalar or an alias: attach it to the open container.
            if frame is None:
                self.root_mark = mark
                root = value
                continue
            frame.size += size
            if frame.is_map:
                key = frame.key
                frame.key = None
                if key.__class__ is str:
                    frame.container[key] = value
                    frame.marks[key] = mark
                elif key is _MERGE:
                    self._merge(frame, value, mark)
            else:
                frame.container.append(value)
                frame.marks.append(mark)

        if documents == 0:
            self.errors.append(
                _error(
                    "CG007",
                    "the file is empty; start with 'partnership:' and 'organisations:' "
                    "(see `collabgain init`)",
                    (),
                    1,
                    1,
                )
            )
            return None
        if not isinstance(root, dict):
            kind = "nothing" if root is None else "a list" if isinstance(root, list) else "text"
            line, column = (
                (self.root_mark.line + 1, self.root_mark.column + 1) if self.root_mark else (1, 1)
            )
            self.errors.append(
                _error(
                    "CG007",
                    f"the top level must be a mapping with 'partnership:' and 'organisations:', "
                    f"not {kind}",
                    (),
                    line,
                    column,
                )
            )
            return None
        return root

    def _place(self, frame: _Frame, mark: Any) -> None:
        """Record where a container that is about to open sits in its parent."""
        if frame.is_map:
            if frame.key.__class__ is str:
                frame.marks[frame.key] = mark
        else:
            frame.marks.append(mark)

    def _take_key(self, frame: _Frame, event: Any) -> None:
        key = event.value
        mark = event.start_mark
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _STANDARD_SCALAR_TAGS:
            self._fail("CG001", _tag_message(tag), mark)
        if event.tag is None and event.implicit[0] and key == "<<":
            frame.key = _MERGE
            return
        if key.startswith("x-") and not self._keep_extensions:
            frame.key = _Skip(key)
            return
        first = frame.key_marks.get(key)
        if first is not None:
            self.errors.append(
                _error(
                    "CG006",
                    f"duplicate key {key!r} (first on line {first.line + 1}); "
                    "keep one and merge their values",
                    (*self._path(), key),
                    mark.line + 1,
                    mark.column + 1,
                )
            )
            frame.key = _Skip(key)
            return
        frame.key_marks[key] = mark
        frame.key = key
        frame.size += 1

    def _merge(self, frame: _Frame, value: Any, mark: Any) -> None:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(s, dict) for s in sources):
            self._fail("CG002", "'<<' merges a mapping or a list of mappings", mark)
        merged = frame.merged if frame.merged is not None else {}
        for source in sources:
            for key, item in source.items():
                # Earlier merge sources win over later ones, as YAML's merge key says.
                if key not in merged:
                    merged[key] = item
                    frame.marks.setdefault(key, mark)
        frame.merged = merged

    def _alias(self, event: Any) -> tuple[Any, int]:
        found = self._anchors.get(event.anchor)
        if found is None:
            self._fail(
                "CG001",
                f"alias '*{event.anchor}' refers to no anchor defined before it "
                f"(define '&{event.anchor}' first)",
                event.start_mark,
            )
        value, size = found
        self._expanded += size
        if self._expanded > MAX_ALIAS_NODES:
            self._fail(
                "CG007",
                f"aliases expand to more than {MAX_ALIAS_NODES:,} values; "
                "write the repeated parts out or use fewer aliases",
                event.start_mark,
            )
        return value, size

    def _tagged_scalar(self, event: Any) -> Any:
        tag = event.tag
        value: str = event.value
        if tag is None or tag == "!":
            # Quoted, or the non-specific tag: always text.
            return value
        if tag not in _STANDARD_SCALAR_TAGS:
            self._fail("CG001", _tag_message(tag), event.start_mark)
        if tag == "tag:yaml.org,2002:str":
            return value
        return _PLAIN_VALUES.get(value, value)


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"tag '{shown}' is not allowed; remove it (only plain YAML values are read)"


_SYNTAX_HINTS = (
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "put a space after each ':' and quote text that holds ': '"),
    ("could not find expected ':'", "each key needs a ':' after it"),
    ("did not find expected key", "check the indentation of this line against the one above"),
)


def _syntax_hint(problem: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return f"{problem}; {hint}"
    return problem


# --------------------------------------------------------------------------- schema errors


def _relevant_errors(exc: ValidationError) -> list[Any]:
    """pydantic's errors, less one echo: a list whose items failed is also 'too short'."""
    # include_input=False: the input may be huge, and formatting it is the slow part.
    errors = exc.errors(include_input=False, include_url=False)
    # The items' own errors say what to fix; the list's valid part is merely empty.
    inner = {tuple(e["loc"])[:-1] for e in errors if len(e["loc"]) > 1}
    inner |= {loc[:end] for loc in inner for end in range(len(loc))}
    return [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in inner)]


def _schema_errors(errors: list[Any], root: dict[str, Any], source: SourceMap) -> Iterator[Finding]:
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
            yield _error(
                "CG002", f"key {path[-1]!r}: {_pydantic_message(error)}", path, line, column
            )
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
            value = _value_at(root, path)
            message = date_message(path, value, _show(value), _example_date(root, path))
        else:
            line, column = source.locate(path)
            message = _value_message(error, _value_at(root, path))
        yield _error("CG002", message, path, line, column)


def _example_date(root: dict[str, Any], path: PathKey) -> dt.date:
    """A date to show in a message about a date field: another date of the same entry,
    else the partnership's as_of, else today."""
    entry = _value_at(root, path[:-1])
    candidates = list(entry.values()) if isinstance(entry, dict) else []
    info = root.get("partnership")
    if isinstance(info, dict):
        candidates.append(info.get("as_of"))
    for candidate in candidates:
        found = _as_date(candidate) or read_loose_date(candidate)
        if found is not None:
            return found
    return dt.date.today()


def _value_at(root: Any, path: PathKey) -> Any:
    value = root
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


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


def _value_message(error: Any, value: Any) -> str:
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


# --------------------------------------------------------------------------- integrity

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


def _integrity_errors(root: dict[str, Any], source: SourceMap) -> Iterator[Finding]:
    """Duplicate ids, dangling references and dates out of order, read from the raw data.

    Checked on the raw data, defensively, so that they are reported together with any schema
    errors in the same run rather than only once those are fixed.
    """
    ids: dict[str, set[str]] = {}
    names: dict[str, dict[str, tuple[str, str]]] = {}
    for kind, section in _SECTIONS_WITH_IDS.items():
        names[kind] = _names_of(_value_at(root, section))
        seen: dict[str, PathKey] = {}
        for found in _walk_pattern(root, (*section, "*", "id")):
            value, path = found.value, found.path
            if not isinstance(value, str):
                continue
            if value in seen:
                first_line = source.locate(seen[value])[0]
                line, column = source.locate(path)
                yield _error(
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
                    yield _error("CG003", message, found.path, line, column)
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
            first, second = _as_date(item.get(earlier)), _as_date(item.get(later))
            if first and second and second < first:
                path = found.path
                line, column = source.locate((*path, later))
                yield _error(
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
    return _error("CG003", f"unknown {what} '{value}'{hint}", path, line, column)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None

"""YAML events -> plain data and the positions of its values, checking every limit on the way.

The walk keeps an explicit stack of open containers, so there is no recursion to overflow.
"""

from __future__ import annotations

from typing import Any, NoReturn

import yaml

from ..findings import Finding
from ..hints import indentation_message
from .base import PathKey, file_error
from .parsing import (
    PLAIN_VALUES,
    STANDARD_COLLECTION_TAGS,
    STANDARD_SCALAR_TAGS,
    SURROGATE_MESSAGE,
    SURROGATES,
    PureLoader,
    syntax_hint,
    tag_message,
)
from .source_map import SourceMap

MAX_DEPTH = 64
MAX_ALIAS_NODES = 1_000_000

REPARSE_LIMIT = 1024 * 1024
"""Up to this many characters, a syntax error libyaml finds is worded by PyYAML."""


class Stop(Exception):
    """Ends the walk over a file: the error is recorded, nothing more can be read."""


class _Frame:
    """An open mapping or sequence, where it starts, and the marks of its values (and keys)."""

    __slots__ = (
        "anchor",
        "container",
        "is_map",
        "key",
        "key_marks",
        "mark",
        "marks",
        "merged",
        "size",
    )

    def __init__(self, container: Any, anchor: str | None, mark: Any) -> None:
        self.container = container
        self.mark = mark
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


def _position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class Composer:
    """Builds plain data and positions from YAML events, checking every limit on the way.

    Positions are kept per container (`id(container)` -> the marks of its items), not per
    path, so no path is built for a value unless an error needs it.
    """

    def __init__(self, text: str, *, use_c: bool, keep_extensions: bool = False) -> None:
        loader_class = yaml.CBaseLoader if use_c else PureLoader
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
        except Stop:
            return None
        except yaml.MarkedYAMLError as exc:
            self.errors.append(self._syntax_error(exc))
            return None
        except yaml.YAMLError as exc:
            self.errors.append(file_error("CG001", f"invalid YAML: {exc}", (), 1, 1))
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
            return file_error("CG007", message, (), mark.line + 1, mark.column + 1)
        if problem.startswith("found invalid Unicode character escape") and exc.context_mark:
            return file_error(
                "CG001", SURROGATE_MESSAGE, self._path(), *_position(exc.context_mark)
            )
        if self._use_c and mark is not None:
            reference = self._pure_syntax_error(mark)
            if reference is not None:
                return reference
        line, column = _position(mark) if mark else (1, 1)
        indentation = indentation_message(self._text, line, problem)
        if indentation is not None:
            message, at_line, at_column = indentation
            return file_error("CG001", message, (), at_line, at_column)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        return file_error("CG001", syntax_hint(problem), (), line, column)

    def _pure_syntax_error(self, mark: Any) -> Finding | None:
        """The pure-Python parser's account of a syntax error that libyaml found.

        The two parsers word (and sometimes place) errors differently; PyYAML's words are
        the reference, so both loaders report the same thing. Only the text up to just past
        the error is parsed again, and only when that is small enough to be quick.
        """
        end = mark.index
        if end > REPARSE_LIMIT:
            return None
        cut = self._text.find("\n", end)
        cut = self._text.find("\n", cut + 1) if cut != -1 else -1
        text = self._text if cut == -1 else self._text[: cut + 1]
        again = Composer(text, use_c=False)
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
        self.errors.append(file_error(code, message, where, mark.line + 1, mark.column + 1))
        raise Stop

    def _walk(self) -> dict[str, Any] | None:
        get_event = self._loader.get_event
        stack = self._stack
        anchors = self._anchors
        plain_values = PLAIN_VALUES
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
                    if event.style == '"' and SURROGATES.search(value):
                        self._fail("CG001", SURROGATE_MESSAGE, mark)
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
                if tag is not None and tag != "!" and tag not in STANDARD_COLLECTION_TAGS:
                    self._fail("CG001", tag_message(tag), mark)
                frame = _Frame({} if cls is mapping_start else [], event.anchor, mark)
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
                mark = done.mark
                frame = stack[-1] if stack else None
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

            # A scalar, an alias or a closed container: attach it where it starts (`mark`) to
            # the open container. A merge's keys point at the event that completed it.
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
                    self._merge(frame, value, event.start_mark)
            else:
                frame.container.append(value)
                frame.marks.append(mark)

        if documents == 0:
            self.errors.append(
                file_error(
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
                file_error(
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

    def _take_key(self, frame: _Frame, event: Any) -> None:
        key = event.value
        mark = event.start_mark
        tag = event.tag
        if tag is not None and tag != "!" and tag not in STANDARD_SCALAR_TAGS:
            self._fail("CG001", tag_message(tag), mark)
        if event.tag is None and event.implicit[0] and key == "<<":
            frame.key = _MERGE
            return
        if key.startswith("x-") and not self._keep_extensions:
            frame.key = _Skip(key)
            return
        first = frame.key_marks.get(key)
        if first is not None:
            self.errors.append(
                file_error(
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
        if tag not in STANDARD_SCALAR_TAGS:
            self._fail("CG001", tag_message(tag), event.start_mark)
        if tag == "tag:yaml.org,2002:str":
            return value
        return PLAIN_VALUES.get(value, value)

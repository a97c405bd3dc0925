"""Add anonymous assessments to a partnership file as text, leaving every other byte as it was.

The file is never re-dumped: the new entries are written as YAML text and inserted at one
place, after the last entry of an existing `assessments` list (in its own style: block, with
its indentation, or flow, inside its brackets), or as a new `assessments:` section after the
last value of the file's top-level mapping. The line ending (LF or CRLF) and a byte-order mark
are kept. The result is then loaded again with the project's loader, and accepted only when it
is valid and equal to the original partnership with exactly the new assessments appended.

A response's free comment is kept under the entry's `x-comment` key (keys starting with `x-`
are the format's room for annotations: the checks ignore them), written as a double-quoted
string so that any text, line breaks included, stays one safe scalar.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import yaml

from ..model import Assessment
from ..yamlquote import quoted
from .responses import Response

UTF8_BOM = b"\xef\xbb\xbf"
COMMENT_KEY = "x-comment"


class InsertError(Exception):
    """The assessments cannot be added to this file; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Insertion:
    """Where the new text goes (a byte offset into the file) and the text itself."""

    offset: int
    text: str

    def apply(self, original: bytes) -> bytes:
        return original[: self.offset] + self.text.encode("utf-8") + original[self.offset :]


@dataclasses.dataclass
class _Layout:
    """What the file's event stream says about where and how to insert."""

    root_flow: bool = False
    root_key_column: int = 0
    root_last_end: int = 0
    sequence_dash_column: int | None = None
    """The column of the `-` of another top-level block list, to indent a new section alike."""
    assessments: str | None = None
    """None (no such key), 'block', 'flow' or 'other' (a scalar, an alias, a mapping)."""
    items: int = 0
    dash_column: int = 0
    inner_column: int | None = None
    last_end: int = 0
    flow_end: int = 0


def _fields(response: Response) -> list[tuple[str, str | list[tuple[str, str]]]]:
    fields: list[tuple[str, str | list[tuple[str, str]]]] = [
        ("anonymous", "true"),
        ("date", response.date.isoformat()),
    ]
    if response.organisation is not None:
        # An id is a slug; only `null`, `true` and `false` would be read as something else.
        org = response.organisation
        fields.append(("organisation", quoted(org) if org in ("null", "true", "false") else org))
    fields.append(("scores", [(p, str(score)) for p, score in response.scores]))
    if response.comment is not None:
        fields.append((COMMENT_KEY, quoted(response.comment)))
    return fields


def block_entry(response: Response, dash: int, inner: int, newline: str) -> str:
    """One assessment as a block-style list item: `- anonymous: true` at column `dash`."""
    nest = " " * (inner + max(2, inner - dash))
    lines: list[str] = []
    for key, value in _fields(response):
        prefix = " " * dash + "- " + " " * max(0, inner - dash - 2) if not lines else " " * inner
        if isinstance(value, list):
            lines.append(f"{prefix}{key}:")
            lines.extend(f"{nest}{k}: {v}" for k, v in value)
        else:
            lines.append(f"{prefix}{key}: {value}")
    return newline.join(lines) + newline


def flow_entry(response: Response) -> str:
    """One assessment as a flow mapping, for a list written in brackets."""
    parts = []
    for key, value in _fields(response):
        if isinstance(value, list):
            value = "{" + ", ".join(f"{k}: {v}" for k, v in value) + "}"
        parts.append(f"{key}: {value}")
    return "{" + ", ".join(parts) + "}"


def _layout(text: str) -> _Layout:
    layout = _Layout()
    flow_stack: list[bool] = []
    key_expected = True
    current_key: str | None = None
    in_assessments = False
    root_seen = False
    events: Iterable[Any] = yaml.parse(text, Loader=yaml.BaseLoader)
    for event in events:
        if isinstance(
            event,
            yaml.StreamStartEvent
            | yaml.StreamEndEvent
            | yaml.DocumentStartEvent
            | yaml.DocumentEndEvent,
        ):
            continue
        depth = len(flow_stack)
        starts = isinstance(event, yaml.CollectionStartEvent)
        ends = isinstance(event, yaml.CollectionEndEvent)
        if depth == 0:
            if not starts or not isinstance(event, yaml.MappingStartEvent) or root_seen:
                break
            root_seen = True
            layout.root_flow = bool(event.flow_style)
            flow_stack.append(layout.root_flow)
            continue
        if ends:
            was_flow = flow_stack.pop()
            if was_flow:
                _content_end(layout, event.end_mark.index, in_assessments)
                if in_assessments and len(flow_stack) == 1:
                    layout.flow_end = event.start_mark.index
            if len(flow_stack) == 1:
                key_expected, in_assessments = True, False
            continue
        if depth == 1 and key_expected:
            if not layout.root_key_column and isinstance(event, yaml.ScalarEvent):
                layout.root_key_column = _column(event)
            current_key = event.value if isinstance(event, yaml.ScalarEvent) else None
            key_expected = False
            _content_end(layout, event.end_mark.index, False)
            if starts:
                flow_stack.append(bool(event.flow_style))
            continue
        if depth == 1:
            in_assessments = current_key == "assessments"
            if in_assessments:
                if isinstance(event, yaml.SequenceStartEvent):
                    layout.assessments = "flow" if event.flow_style else "block"
                    layout.dash_column = _column(event)
                else:
                    layout.assessments = "other"
            elif (
                isinstance(event, yaml.SequenceStartEvent)
                and not event.flow_style
                and layout.sequence_dash_column is None
            ):
                layout.sequence_dash_column = _column(event)
            if starts:
                flow_stack.append(bool(event.flow_style))
            else:
                key_expected, in_assessments = True, False
                _content_end(layout, event.end_mark.index, current_key == "assessments")
            continue
        if in_assessments and depth == 2:
            layout.items += 1
            if (
                layout.items == 1
                and isinstance(event, yaml.MappingStartEvent)
                and not event.flow_style
            ):
                layout.inner_column = _column(event)
        if starts:
            flow_stack.append(bool(event.flow_style))
        else:
            _content_end(layout, event.end_mark.index, in_assessments)
    return layout


def _column(event: Any) -> int:
    column: int = event.start_mark.column
    return column


def _content_end(layout: _Layout, index: int, in_assessments: bool) -> None:
    layout.root_last_end = max(layout.root_last_end, index)
    if in_assessments:
        layout.last_end = max(layout.last_end, index)


def _after_line(text: str, index: int, newline: str) -> tuple[int, str]:
    """The start of the line after the one `index` is on, and what must come first there
    (a line break when the file ends without one)."""
    if index > 0 and text[index - 1] == "\n":
        return index, ""
    end = text.find("\n", index)
    if end == -1:
        return len(text), newline
    return end + 1, ""


def plan(original: bytes, responses: tuple[Response, ...] | list[Response]) -> Insertion:
    """Where and what to insert so that `original` gains `responses` as its last assessments."""
    bom = original.startswith(UTF8_BOM)
    text = original[len(UTF8_BOM) if bom else 0 :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    try:
        layout = _layout(text)
    except yaml.YAMLError as exc:
        raise InsertError(f"the file cannot be read as YAML: {exc}") from None
    if layout.root_flow:
        raise InsertError(
            "the file's top level is written in braces ({...}); write it in block style "
            "(one `key:` per line) so that assessments can be added"
        )
    if layout.assessments == "other":
        raise InsertError(
            "`assessments` is not written as a list of entries (it is an alias or a single "
            "value); write it out as a list so that new entries can be added"
        )
    if layout.assessments == "flow":
        index = layout.flow_end
        separator = ", " if layout.items else ""
        inserted = separator + ", ".join(flow_entry(r) for r in responses)
    elif layout.assessments == "block":
        index, lead = _after_line(text, layout.last_end, newline)
        inner = layout.inner_column if layout.inner_column is not None else layout.dash_column + 2
        inserted = lead + "".join(
            block_entry(r, layout.dash_column, inner, newline) for r in responses
        )
    else:
        index, lead = _after_line(text, layout.root_last_end, newline)
        dash = layout.root_key_column + (
            layout.sequence_dash_column - layout.root_key_column
            if layout.sequence_dash_column is not None
            else 2
        )
        inserted = (
            lead
            + " " * layout.root_key_column
            + "assessments:"
            + newline
            + "".join(block_entry(r, dash, dash + 2, newline) for r in responses)
        )
    offset = (len(UTF8_BOM) if bom else 0) + len(text[:index].encode("utf-8"))
    return Insertion(offset, inserted)


def expected_assessments(responses: tuple[Response, ...] | list[Response]) -> list[Assessment]:
    """The assessments the file must hold after the import, as the model reads them."""
    out = []
    for response in responses:
        data: dict[str, Any] = {
            "anonymous": True,
            "date": response.date,
            "scores": {p: float(s) for p, s in response.scores},
        }
        if response.organisation is not None:
            data["organisation"] = response.organisation
        out.append(Assessment.model_validate(data))
    return out


def add_assessments(
    original: bytes, responses: tuple[Response, ...] | list[Response]
) -> tuple[bytes, Insertion]:
    """The file with `responses` added, proven by loading it; InsertError if it cannot be."""
    from ..loader import load_bytes

    before = load_bytes(original)
    if before.partnership is None:
        raise InsertError("the file is not valid; fix it (collabgain validate) and import again")
    insertion = plan(original, responses)
    result = insertion.apply(original)
    after = load_bytes(result)
    if after.partnership is None:
        first = after.errors[0]
        raise InsertError(
            "adding the responses would make the file invalid "
            f"(line {first.line}, column {first.column}: {first.message}); nothing was written"
        )
    wanted = before.partnership.model_copy(
        update={"assessments": (*before.partnership.assessments, *expected_assessments(responses))}
    )
    if after.partnership != wanted:
        raise InsertError(
            "the responses could not be added without changing what the file says elsewhere "
            "(an unusual layout around `assessments`); nothing was written"
        )
    return result, insertion

"""User text made safe for each kind of output: a terminal line, an XML text node, an HTML or
SVG page, a Markdown inline or table cell, a Mermaid label.

Names, messages, reasons, file names and git commit subjects come from files anyone can write.
Written as they are, a newline starts a line that a CI runner reads as a command
(`::add-mask::`), an escape sequence clears the screen or writes the clipboard, a control
character makes XML unreadable, a `|` splits a Markdown table cell, `@name` notifies someone,
and `%%{init: …}%%` reconfigures a Mermaid diagram. Every renderer passes user text through
the function for its output here, so each defence is written once.

Control characters are shown, not dropped, so a reader can see that something odd was in the
file: a line break as `\\n`, escape as `\\x1b`, a right-to-left override as `\\u202e`.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# C0 and C1 controls, DEL, lone surrogates (a file name that is not UTF-8), and the Unicode
# controls that reorder or hide text (bidirectional overrides and isolates, line and
# paragraph separators), which can make a terminal or a viewer show what is not there.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LAYOUT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# A CI runner (GitHub Actions) reads a log line that starts with `::`, after leading spaces,
# as a workflow command; a wrapped line may start with any word of the text.
_WORKFLOW_COMMAND = re.compile(r"(^|\s)::")

# Markdown that GitHub turns into a notification or a link: @mentions, issue references
# (`#12`, `GH-12`) and bare web addresses.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_ISSUE_REFERENCE = re.compile(r"(#|\bGH-)(?=\d)", re.IGNORECASE)
_BARE_ADDRESS = re.compile(r"\b(https?|ftp|www)(:|\.)(?=\S)", re.IGNORECASE)
_WORD_JOINER = "\u2060"
"""An invisible character that stops GitHub reading a mention, a reference or an address."""

_MARKDOWN_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_BACKTICKS = re.compile("`+")

# `#` first: every other entity writes one. `%` stops `%%` starting a Mermaid directive or
# comment anywhere in the text.
_MERMAID_ENTITIES = (
    ("#", "#35;"),
    ('"', "#quot;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("`", "#96;"),
    ("%", "#37;"),
)


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str, *, keep_breaks: bool = False) -> str:
    """Every control character written as an escape a reader can see (`\\x1b`, `\\n`);
    with `keep_breaks`, line breaks and tabs are kept as they are."""
    return (_CONTROL_BUT_LAYOUT if keep_breaks else _CONTROL).sub(_shown, text)


def one_line(text: str) -> str:
    """Text on one line: runs of whitespace, line breaks included, become one space."""
    return " ".join(text.split())


def terminal_line(text: str) -> str:
    """User text for a terminal or a CI log: one line, no control character, no `::` command."""
    return _WORKFLOW_COMMAND.sub("\\1:\u200b:", visible_controls(one_line(text)))


def terminal_lines(text: str) -> str:
    """User text that may keep its line breaks (a multi-line message): controls shown, and no
    line that a CI runner would take for a command."""
    lines = (
        _WORKFLOW_COMMAND.sub("\\1:\u200b:", _CONTROL_BUT_LAYOUT.sub(_shown, line))
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    return "\n".join(lines)


_ESCAPE_SEQUENCE = re.compile(
    "\x1b\\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_COMMAND_LINE = re.compile(r"^(\s*):(?=:)", re.MULTILINE)


def terminal_output(text: str, *, colour: bool = False) -> str:
    """A whole report for a terminal or a CI log, as a last guard behind `terminal_line`:
    no control character but the line break (and, with colour, the colour codes the report
    writes), and no line that starts like a CI workflow command."""

    def shown(match: re.Match[str]) -> str:
        found = match.group()
        if len(found) > 1:
            return found if colour else "\\x1b" + found[1:]
        return _shown(match)

    return _COMMAND_LINE.sub("\\1:\u200b", _ESCAPE_SEQUENCE.sub(shown, text))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(record: object) -> str:
    """A record as indented JSON, UTF-8 text kept readable, but with every character that a
    terminal would act on (DEL, C1 controls such as CSI, text direction overrides) or that is
    not Unicode (a lone surrogate from a file name that is not UTF-8) written as `\\uXXXX`."""
    pieces: list[str] = []
    _write(record, "", pieces)
    pieces.append("\n")
    text = "".join(pieces)
    if text.isascii() and "\x7f" not in text:  # two scans in C, where the pattern's is slower
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_CONTAINERS = (dict, list, tuple)
_scalar = json.JSONEncoder(ensure_ascii=False).encode


@functools.cache
def _flat_encoder(pad: str) -> Callable[[object], str]:
    """Writes a container of scalars flat, in C, with a line break and `pad` between items."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + pad, ": ")).encode


def _write(value: object, pad: str, pieces: list[str]) -> None:
    """Append `json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, written `pad`
    deep, to `pieces` (joined once at the end: a large report's text is not copied again at
    every level of nesting).

    The standard library writes indented JSON in Python, value by value, and flat JSON in C,
    several times faster: a large file's report holds thousands of findings. So a container
    of scalars (a finding) is written flat, each item on its own line by way of the item
    separator, and only the containers of containers above them item by item. Every line
    break in JSON is between items (one in a string is written `\\n`), so text written at
    the top level is indented deeper by indenting each of its lines.
    """
    if not isinstance(value, _CONTAINERS) or not value:
        pieces.append(_scalar(value))
        return
    inner = pad + "  "
    items = value.values() if isinstance(value, dict) else value
    if not any(isinstance(item, _CONTAINERS) for item in items):
        text = _flat_encoder(inner)(value)
        pieces.append(f"{text[0]}\n{inner}{text[1:-1]}\n{pad}{text[-1]}")
        return
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):  # keys JSON writes as text
            pieces.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + pad))
            return
        pieces.append("{\n" + inner)
        _members(value, inner, pieces)
        pieces.append("\n" + pad + "}")
        return
    pieces.append("[\n" + inner)
    between = ",\n" + inner
    for index, item in enumerate(value):
        if index:
            pieces.append(between)
        _write(item, inner, pieces)
    pieces.append("\n" + pad + "]")


def _members(record: dict[str, object], pad: str, pieces: list[str]) -> None:
    """Append a mapping's members, one a line at `pad`, each run of members whose values are
    scalars written by the flat encoder in one call (a record of a portfolio's people is a
    dozen scalars and one short list: one call in C, not a dozen in Python), the others one
    by one."""
    between = ",\n" + pad
    runs = itertools.groupby(record.items(), key=_holds_container)
    for index, (nested, members) in enumerate(runs):
        if index:
            pieces.append(between)
        if not nested:
            pieces.append(_flat_encoder(pad)(dict(members))[1:-1])
            continue
        for count, (key, item) in enumerate(members):
            if count:
                pieces.append(between)
            pieces.append(_scalar(key) + ": ")
            _write(item, pad, pieces)


def _holds_container(member: tuple[str, object]) -> bool:
    """Whether a member's value is a container with something in it (an empty one is
    written like a scalar)."""
    return bool(member[1]) and isinstance(member[1], _CONTAINERS)


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """User text that XML 1.0 can hold: characters it forbids written as visible escapes.

    The XML library escapes `<`, `&` and quotes; it does not refuse `\\x01` or a lone
    surrogate, and a parser then rejects the whole document.
    """
    return _XML_FORBIDDEN.sub(_shown, text)


def html_text(text: str) -> str:
    """User text for HTML or SVG, in content and in quoted attributes: `&`, `<`, `>` and
    quotes escaped, and characters a page cannot hold (controls, a lone surrogate from a file
    name that is not UTF-8) shown as visible escapes."""
    return html.escape(xml_text(text), quote=True)


def xml_tree(root: ET.Element) -> None:
    """Every text, tail and attribute value under `root` made something XML 1.0 can hold."""
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        if element.tail:
            element.tail = xml_text(element.tail)
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))


def _defuse_links(text: str) -> str:
    text = _MENTION.sub("@" + _WORD_JOINER, text)
    text = _ISSUE_REFERENCE.sub(lambda m: m.group(1) + _WORD_JOINER, text)
    return _BARE_ADDRESS.sub(lambda m: m.group(1) + _WORD_JOINER + m.group(2), text)


def markdown_text(text: str) -> str:
    """User text for inline Markdown, a table cell included: one line, no HTML, no emphasis or
    link syntax, no `|` to split a cell, no live mention, reference or address, no `%%`."""
    text = visible_controls(one_line(text))
    text = "".join(_MARKDOWN_HTML.get(char, char) for char in text)
    # `%%` could open a Mermaid directive where the text is pasted into a diagram.
    text = text.replace("%%", "%" + _WORD_JOINER + "%")
    return _defuse_links(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def markdown_code(text: str) -> str:
    """User text as a code span that its own backticks cannot close and, in a table, whose `|`
    cannot split the cell (GitHub splits cells on a pipe even inside a code span; `\\|` is
    shown as `|` there)."""
    text = visible_controls(one_line(text)).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def mermaid_label(text: str) -> str:
    """User text inside a double-quoted Mermaid label (without the quotes)."""
    # A diagram in a Markdown file sits beside text GitHub reads for mentions and links;
    # defused before the entities, whose `#35;` must stay whole.
    text = _defuse_links(visible_controls(one_line(text)))
    for char, entity in _MERMAID_ENTITIES:
        text = text.replace(char, entity)
    return text

"""The YAML the loader reads: PyYAML's two parsers made to agree, plain values and tags."""

from __future__ import annotations

import re
from typing import Any

import yaml

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
STANDARD_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
STANDARD_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
SURROGATES = re.compile("[\ud800-\udfff]")
SURROGATE_MESSAGE = (
    "a \\u escape names half of a surrogate pair, which is not a character; "
    "write the character itself, or its \\U escape"
)


def c_loader_available() -> bool:
    """Whether PyYAML was built with libyaml, so the fast C parser can be used."""
    return bool(getattr(yaml, "__with_libyaml__", False))


# Plain scalars with a meaning of their own in YAML 1.2's core schema; everything else is text.
PLAIN_VALUES: dict[str, Any] = {
    **dict.fromkeys(_NULLS),
    **dict.fromkeys(_TRUES, True),
    **dict.fromkeys(_FALSES, False),
}


class PureLoader(yaml.BaseLoader):
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


def tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"tag '{shown}' is not allowed; remove it (only plain YAML values are read)"


_SYNTAX_HINTS = (
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "put a space after each ':' and quote text that holds ': '"),
    ("could not find expected ':'", "each key needs a ':' after it"),
    ("did not find expected key", "check the indentation of this line against the one above"),
)


def syntax_hint(problem: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return f"{problem}; {hint}"
    return problem

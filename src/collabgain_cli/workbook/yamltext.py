"""Plain data -> YAML text in the shape of the examples, quickly.

PyYAML's own emitter, in pure Python, took most of an import's time on a large workbook, and
libyaml's will not indent a list under its key. The data an import makes has a fixed shape
(mappings, lists, text, numbers, dates, booleans), so it is written here directly: a list of
plain values on one line (`roles: [funder, lead]`), and so an entry's mapping of plain values
(`votes: {council: 2}`); a list of entries one `- ` a line, indented under its key; text plain
where YAML can only read it as that text, else double-quoted with escapes. Every value reads
back, through the loader, as exactly what was written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..starter import check_command
from ..yamlquote import quoted

_SPECIAL_WORDS = frozenset(
    {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "=", ""}
)
_BLOCK_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`<.+\d][^\n\t]*")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_NUMBER_LIKE = re.compile(r"[-+]?(\.\d|\d)")


def scalar(value: Any, *, flow: bool = False) -> str:
    """One value as YAML, plain where that reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (
        _BLOCK_PLAIN.fullmatch(text)
        and text == text.strip()
        and text.lower() not in _SPECIAL_WORDS
        and not _NUMBER_LIKE.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.isprintable()
        and not (flow and _FLOW_UNSAFE.search(text))
    ):
        return text
    return quoted(text)


def _is_plain(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _mapping(data: dict[Any, Any], indent: int, out: list[str], lead: str | None = None) -> None:
    """The entries of a mapping at `indent`; `lead` starts the first line instead (`  - `)."""
    pad = " " * indent
    for number, (key, value) in enumerate(data.items()):
        line = (lead if lead is not None and number == 0 else pad) + scalar(key) + ":"
        if (
            isinstance(value, dict)
            and (indent or not value)
            and all(map(_is_plain, value.values()))
        ):
            # Within an entry, a mapping of plain values (votes, scores) fits on one line.
            pairs = ", ".join(
                f"{scalar(k, flow=True)}: {scalar(v, flow=True)}" for k, v in value.items()
            )
            out.append(f"{line} {{{pairs}}}")
        elif isinstance(value, dict):
            out.append(line)
            _mapping(value, indent + 2, out)
        elif isinstance(value, list) and all(_is_plain(v) for v in value):
            out.append(f"{line} [{', '.join(scalar(v, flow=True) for v in value)}]")
        elif isinstance(value, list):
            out.append(line)
            _items(value, indent + 2, out)
        else:
            out.append(f"{line} {scalar(value)}")


def _items(items: list[Any], indent: int, out: list[str]) -> None:
    lead = " " * indent + "- "
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, lead=lead)
        elif isinstance(item, dict):
            out.append(lead + "{}")
        elif isinstance(item, list):
            out.append(lead + "[" + ", ".join(scalar(v, flow=True) for v in item) + "]")
        else:
            out.append(lead + scalar(item))


def dump(data: dict[str, Any]) -> str:
    """A mapping of the top level, as YAML text."""
    out: list[str] = []
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"


def partnership_file(data: dict[str, Any], source: str, name: str) -> str:
    """The partnership file's text, with first lines saying where it came from and how to
    check it."""
    body = dump(data)
    return (
        f"# A partnership description for collabgain, imported from {source}.\n"
        f"# Check it with:  {check_command(name)}\n{body}"
    )

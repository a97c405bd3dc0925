"""A partnership file's bytes, read within the size limit and decoded to text."""

from __future__ import annotations

import re
import sys
from typing import BinaryIO

from ..files import STDIN, read_limited, read_stream
from ..findings import Finding
from .base import file_error

# Characters YAML 1.2 does not allow in a stream (c-printable's complement), written as the
# few ranges they are: C0 controls but tab and line ends, DEL, C1 controls but NEL,
# surrogates, U+FFFE and U+FFFF. (The complement of the printable ranges compiles slowly.)
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


def read_bytes(path: str, limit: int, stdin: BinaryIO | None = None) -> bytes:
    """The file's bytes, refusing (without reading it) a file over `limit` bytes, and
    anything that is not a regular file (a FIFO, a device, a folder)."""
    if path == STDIN:
        return read_stream(stdin if stdin is not None else sys.stdin.buffer, limit)
    return read_limited(path, limit)


def starter_text() -> str:
    """The commented starter description that `collabgain init` writes."""
    from importlib import resources

    return (resources.files("collabgain_cli") / "templates" / "partnership.yaml").read_text(
        encoding="utf-8"
    )


def decode(data: bytes) -> str | Finding:
    """The file's text, or the error that says why it is not YAML text at all."""
    text = _utf8(data)
    if isinstance(text, Finding):
        return text
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, column = _position_of(text, bad.start())
        message = (
            f"character U+{ord(bad.group()):04X} is not allowed in YAML; "
            "remove it or write it as an escape in a double-quoted string"
        )
        return file_error("CG001", message, (), line, column)
    return text


def _utf8(data: bytes) -> str | Finding:
    """UTF-8 text without its byte-order mark, or why the bytes are not UTF-8."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return file_error("CG007", "the file is UTF-32; save it as UTF-8", (), 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return file_error("CG007", "the file is UTF-16; save it as UTF-8", (), 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        return file_error(
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

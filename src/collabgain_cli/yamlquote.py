"""Text as a YAML double-quoted scalar, for the commands that write YAML text themselves."""

from __future__ import annotations

_SCALAR_PRINTABLE_EXCEPTIONS = {"\x85", "\u2028", "\u2029", "\ufeff"}


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: every character that is not plainly printable,
    and every line break, written as an escape."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF)
            or char in _SCALAR_PRINTABLE_EXCEPTIONS
        ):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)

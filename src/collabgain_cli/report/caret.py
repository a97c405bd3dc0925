"""The source line an error points at, with a caret under its column, as compilers show it."""

from __future__ import annotations

from ..findings import Finding
from ..hints import excerpt


def caret_lines(finding: Finding, indent: str = "") -> list[str]:
    """Two lines, `  12 | text` and `     |    ^ path`, or none when the line is not known."""
    if finding.source is None or not finding.source.strip():
        return []
    shown, column = excerpt(finding.source, finding.column)
    number = str(finding.line)
    gutter = " " * len(number)
    # A key may hold a line break; the path stays on the caret's line.
    path = f" {finding.path}".replace("\r", "\\r").replace("\n", "\\n") if finding.path else ""
    return [
        f"{indent}{number} | {shown}",
        f"{indent}{gutter} | {' ' * (column - 1)}^{path}",
    ]

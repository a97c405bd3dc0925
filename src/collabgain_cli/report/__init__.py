"""Renderers: one module per output format, each turning a view into a string.

Which module renders which (command, format) is said once, in `collabgain_cli.render`; this
package holds the renderers and what they share (`RenderOptions`, `members_cell`).
"""

from __future__ import annotations

import dataclasses

from ..findings import PrincipleResult


@dataclasses.dataclass(frozen=True)
class RenderOptions:
    """How a report is to be rendered (only the text format uses colour and width)."""

    color: bool = False
    width: int = 100
    quiet: bool = False
    summary: bool = False
    """Only the overview (one row per file), for formats that have one (markdown)."""


def members_cell(principle: PrincipleResult) -> str:
    """The members' mean score, the spread of their scores and how many rated the principle:
    '4.3 (3-5, 4 rated)'; only how many, under three respondents."""
    view = principle.members
    if view is None:
        return ""
    if not view.shown:
        return f"{view.respondents} rated"
    return f"{view.mean:.1f} ({view.low:g}-{view.high:g}, {view.respondents} rated)"

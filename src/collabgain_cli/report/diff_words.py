"""How `collabgain diff`'s figures read, the same in its text and its Markdown."""

from __future__ import annotations

from ..analysis.dates import percent


def share_text(value: float | None) -> str:
    """A share as renderers show it: '38%', or '-' when there is none on that side."""
    return percent(value, 1) if value is not None else "-"


def amount_text(amount: float) -> str:
    """A cash total with thousands separators, and pence only when there are any."""
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"


def points_text(points: int) -> str:
    """A change in percentage points, e.g. '+12 pts'; empty for no change."""
    return f"{points:+d} pts" if points else ""

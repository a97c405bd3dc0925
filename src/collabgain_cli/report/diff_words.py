"""How `collabgain diff`'s figures read, the same in its text and its Markdown."""

from __future__ import annotations

from ..analysis.dates import percent, plural
from ..diffing import DECISION_WINDOW_MONTHS, ShareChange, Shares


def share_text(value: float | None) -> str:
    """A share as renderers show it: '38%', or '-' when there is none on that side."""
    return percent(value, 1) if value is not None else "-"


def amount_text(amount: float) -> str:
    """A cash total with thousands separators, and pence only when there are any."""
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"


def points_text(points: int) -> str:
    """A change in percentage points, e.g. '+12 pts'; empty for no change."""
    return f"{points:+d} pts" if points else ""


def share_figures(row: ShareChange) -> tuple[str, str, str]:
    """An organisation's share before, after, and the change: ('38%', '45%', '+7 pts')."""
    return share_text(row.before), share_text(row.after), points_text(row.points)


DECISION_WINDOW = f"the {DECISION_WINDOW_MONTHS} months to each as-of date"
"""Over what the decision shares are counted."""


def decision_totals(shares: Shares) -> str:
    """'12 decisions → 15 decisions'."""
    before, after = int(shares.total_before), int(shares.total_after)
    return f"{plural(before, 'decision')} → {plural(after, 'decision')}"


def amount_totals(shares: Shares) -> str:
    """'12,000 → 15,500.50': the cash funding in one currency, before and after."""
    return f"{amount_text(shares.total_before)} → {amount_text(shares.total_after)}"

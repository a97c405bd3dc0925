"""What rules of several principles work out and word alike: a partnership's age, statuses
counted for a message."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..analysis.dates import months_between

if TYPE_CHECKING:
    from ..analysis.facts import Facts


def age_in_months(facts: Facts) -> int:
    """Whole months from `partnership.established` to the as-of date, for a rule that
    needs ("established",)."""
    established = facts.established
    assert established is not None  # guaranteed by needs=("established",)
    return months_between(established, facts.as_of)


def by_status(statuses: Iterable[str]) -> str:
    """'2 proposed, 1 disputed': how many have each status, in order of first appearance;
    'none recorded' when there are none."""
    counts = Counter(statuses)
    return ", ".join(f"{count} {status}" for status, count in counts.items()) or "none recorded"

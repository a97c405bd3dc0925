"""Sums of money that stay finite, however large the amounts in the file.

Each amount is a finite number, but two of 1e308 add up past the largest float: the total
becomes infinite and every share of it NaN. Shares are therefore worked out on amounts scaled
by the largest one (each then at most 1, their sum at most their count), and a total too large
for a float is held at the largest float.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Mapping, Sequence

LARGEST = sys.float_info.max


def finite_sum(amounts: Iterable[float]) -> float:
    """The sum, held at the largest float rather than becoming infinite."""
    try:
        total = math.fsum(amounts)
    except OverflowError:
        return LARGEST
    return min(total, LARGEST)


def shares(amounts: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """Each key's share of the whole (its amounts over everyone's), exact for any finite amounts."""
    top = max((max(values) for values in amounts.values() if values), default=0.0)
    if top <= 0:
        return {key: 0.0 for key in amounts}
    scaled = {key: math.fsum(a / top for a in values) for key, values in amounts.items()}
    whole = math.fsum(scaled.values())
    return {key: value / whole for key, value in scaled.items()}

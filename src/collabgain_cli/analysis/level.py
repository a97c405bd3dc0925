"""Where a partnership sits on Himmelman's continuum (RULES.md section 9).

Each live activity within the window has a level: networking (interaction, or fewer than two
organisations), coordinating (joint work of two or more), cooperating (also shared resources)
and collaborating (also shared risk in service of an agreed aim). Each pair of members that
work together in live activities is at the highest level of the activities they share; the
partnership's level is the highest level that at least `min_pair_share` of those pairs reach,
so one project does not lift a whole partnership (Frey et al. 2006). Planned and cancelled work
is not work done, and is never cited.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..model import Activity, ActivityType, AimStatus, Funding
from .dates import percent

if TYPE_CHECKING:
    from .facts import Facts

LEVELS = ("networking", "coordinating", "cooperating", "collaborating")
VERBS = {
    "networking": "networks",
    "coordinating": "coordinates",
    "cooperating": "cooperates",
    "collaborating": "collaborates",
}
"""How a sentence says that one activity reaches a level ("its larder network collaborates")."""

_RISK_TYPES = {ActivityType.JOINT_DELIVERY, ActivityType.POOLED_RESOURCES}
DEFAULT_MIN_PAIR_SHARE = 0.33


@dataclasses.dataclass(frozen=True)
class LevelAssessment:
    """The partnership's level, why, its peak activity, and the share of pairs at each level."""

    level: str
    reason: str
    peak: str | None = None
    """'collaborating: Community Larder Network', the highest level of any live activity."""
    pairs: tuple[int, ...] = (0, 0, 0, 0)
    """How many pairs of members are at each level, in LEVELS order."""

    @property
    def pair_count(self) -> int:
        return sum(self.pairs)

    def pair_shares(self) -> str:
        """'2 of 6 pairs collaborate, 1 cooperates, 3 coordinate' style counts per level."""
        parts = [
            f"{count} at {name}"
            for name, count in zip(reversed(LEVELS), reversed(self.pairs), strict=True)
            if count
        ]
        return ", ".join(parts)


def _funding_in_window(facts: Facts, item: Funding, months: int) -> bool:
    start = facts.window_start(months)
    if item.year is not None:
        return start.year <= item.year <= facts.as_of.year
    if item.from_date is not None and item.from_date > facts.as_of:
        return False
    return not (item.to_date is not None and item.to_date < start)


def activity_level(
    facts: Facts, activity: Activity, cash_funders: int, agreed: frozenset[str]
) -> str:
    """One activity's level on the continuum."""
    if not facts.is_joint_kind(activity) or len(facts.orgs_in(activity)) < 2:
        return "networking"
    pooled = activity.type is ActivityType.POOLED_RESOURCES
    if not pooled and not (activity.budget is not None and cash_funders >= 2):
        return "coordinating"
    if (
        activity.type in _RISK_TYPES
        and activity.risk_shared is True
        and agreed & set(activity.aims)
    ):
        return "collaborating"
    return "cooperating"


def pairs_by_level(shared: list[tuple[int, list[str]]], levels: int) -> list[int]:
    """How many pairs of members are at each level: a pair takes the highest level of the
    activities it shares.

    Counted without listing the pairs (an activity of 10,000 partners has 50 million): each
    activity is a bitmask of its members, and for each member and level the masks of its
    activities at that level or above are joined; the number of other members in that join is
    how many pairs at or above the level the member is in. Each pair is so counted twice.
    """
    index: dict[str, int] = {}
    for _level, inside in shared:
        for member in inside:
            index.setdefault(member, len(index))
    size = len(index)
    masks: list[tuple[int, int]] = []
    of_member: list[list[int]] = [[] for _ in range(size)]
    for level, inside in shared:
        bits = bytearray((size + 7) // 8)
        for member in inside:
            position = index[member]
            bits[position >> 3] |= 1 << (position & 7)
            of_member[position].append(len(masks))
        masks.append((level, int.from_bytes(bits, "little")))
    at_or_above = [0] * (levels + 1)
    for found in of_member:
        ordered = sorted((masks[number] for number in found), key=lambda item: -item[0])
        joined, position = 0, 0
        for level in range(levels - 1, -1, -1):
            while position < len(ordered) and ordered[position][0] >= level:
                joined |= ordered[position][1]
                position += 1
            if joined:
                at_or_above[level] += joined.bit_count() - 1
    return [(at_or_above[level] - at_or_above[level + 1]) // 2 for level in range(levels)]


def assess_level(
    facts: Facts, months: int, min_pair_share: float = DEFAULT_MIN_PAIR_SHARE
) -> LevelAssessment:
    """The level the pairs of members reach, with the peak activity beside it."""
    p = facts.partnership
    window = f"in the {months} months to {facts.as_of.isoformat()}"
    live = [a for a in p.activities if facts.is_live(a) and facts.overlaps_window(a, months)]
    if not live:
        return LevelAssessment("networking", f"no live (active or completed) activities {window}")
    cash_funders = len(
        {f.from_ for f in p.funding if not f.in_kind and _funding_in_window(facts, f, months)}
    )
    agreed = frozenset(a.id for a in p.aims if a.status is AimStatus.AGREED)
    rank = {name: number for number, name in enumerate(LEVELS)}
    members = facts.member_ids
    shared: list[tuple[int, list[str]]] = []
    peak: tuple[int, Activity] | None = None
    for activity in live:
        level = rank[activity_level(facts, activity, cash_funders, agreed)]
        if peak is None or level > peak[0]:
            peak = (level, activity)
        inside = sorted(facts.orgs_in(activity) & members)
        if len(inside) >= 2:
            shared.append((level, inside))
    counts = pairs_by_level(shared, len(LEVELS))
    assert peak is not None
    peak_text = f"{LEVELS[peak[0]]}: {peak[1].name}"
    total = sum(counts)
    if not total:
        return LevelAssessment(
            "networking",
            f"{len(live)} live {'activity' if len(live) == 1 else 'activities'} {window}, "
            "none shared by two or more members",
            peak_text,
            tuple(counts),
        )
    chosen = 0
    for number in range(len(LEVELS) - 1, -1, -1):
        if sum(counts[number:]) / total >= min_pair_share:
            chosen = number
            break
    at_or_above = sum(counts[chosen:])
    reason = (
        f"{at_or_above} of {total} pairs of members who work together "
        f"({percent(at_or_above, total)}) do so at {LEVELS[chosen]} or above {window}"
        if chosen
        else f"fewer than {percent(min_pair_share, 1)} of the {total} pairs of members who "
        f"work together {window} do more than share information"
    )
    if peak[0] > chosen:
        reason += f"; its {peak[1].name} {VERBS[LEVELS[peak[0]]]}"
    return LevelAssessment(LEVELS[chosen], reason, peak_text, tuple(counts))

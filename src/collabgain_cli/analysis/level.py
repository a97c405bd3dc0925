"""Where a partnership sits on Himmelman's continuum (RULES.md section 9).

networking -> coordinating -> cooperating -> collaborating, each level requiring the one
before it, judged from the activities that overlap the window (and, for cooperating, cash
funding within it).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..model import ActivityType, AimStatus, Funding

if TYPE_CHECKING:
    from .facts import Facts

LEVELS = ("networking", "coordinating", "cooperating", "collaborating")
_INTERACTION = {
    ActivityType.INFORMATION_SHARING,
    ActivityType.NETWORKING_EVENT,
    ActivityType.CONSULTATION,
}
_RISK_TYPES = {ActivityType.JOINT_DELIVERY, ActivityType.POOLED_RESOURCES}


@dataclasses.dataclass(frozen=True)
class LevelAssessment:
    level: str
    reason: str
    peak: str | None = None


def _funding_in_window(facts: Facts, item: Funding, months: int) -> bool:
    start = facts.window_start(months)
    if item.year is not None:
        return start.year <= item.year <= facts.as_of.year
    if item.from_date is not None and item.from_date > facts.as_of:
        return False
    return not (item.to_date is not None and item.to_date < start)


def assess_level(facts: Facts, months: int) -> LevelAssessment:
    """The highest level whose conditions, and those of every level below, hold."""
    p = facts.partnership
    activities = [a for a in p.activities if facts.overlaps_window(a, months)]
    window = f"in the {months} months to {facts.as_of.isoformat()}"
    joint = [
        a
        for a in activities
        if a.type is not None
        and a.type not in _INTERACTION
        and len({*a.partners, *([a.lead] if a.lead else [])}) >= 2
    ]
    if not joint:
        if not activities:
            reason = f"no activities {window}"
        else:
            reason = (
                f"{len(activities)} {'activity' if len(activities) == 1 else 'activities'} "
                f"{window}, none beyond information-sharing, "
                "networking or consultation involving two or more organisations"
            )
        return LevelAssessment("networking", reason)

    pooled = [a for a in activities if a.type is ActivityType.POOLED_RESOURCES]
    funders = sorted(
        {f.from_ for f in p.funding if not f.in_kind and _funding_in_window(facts, f, months)}
    )
    budgeted = [a for a in activities if a.budget is not None]
    if pooled:
        pooling = f"pooled resources in '{pooled[0].id}'"
    elif len(funders) >= 2 and budgeted:
        pooling = (
            f"cash funding from {len(funders)} organisations and a budget for '{budgeted[0].id}'"
        )
    else:
        return LevelAssessment(
            "coordinating",
            f"joint work such as '{joint[0].id}' {window}, but no pooled resources "
            "(no pooled-resources activity, nor cash from two or more funders "
            "with a budgeted activity)",
        )

    agreed = {a.id for a in p.aims if a.status is AimStatus.AGREED}
    shared_risk = [
        a
        for a in activities
        if a.type in _RISK_TYPES and a.risk_shared is True and agreed.intersection(a.aims)
    ]
    if shared_risk:
        return LevelAssessment(
            "collaborating",
            f"{pooling}, and '{shared_risk[0].id}' shares risk in service of an agreed aim",
        )
    return LevelAssessment(
        "cooperating",
        f"{pooling}, but no joint-delivery or pooled-resources activity shares risk "
        "in service of an agreed shared aim",
    )

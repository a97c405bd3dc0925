"""Principle 3, building trust: start modestly, share risk, and build a record of success."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.dates import add_months, months_between, percent, share
from ..analysis.facts import org_names
from ..findings import Severity
from ..model import ActivityStatus, ActivityType, Scale
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "building-trust"
MIN_ACTIVITIES = 3
"""Fewer activities than this say too little about how the work goes."""


class ModestStartOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    first_months: int = Field(
        12, ge=1, description="Months after `partnership.established` that count as its start."
    )


@rule(
    "CG301",
    "no-modest-start",
    PRINCIPLE,
    Severity.WARNING,
    options=ModestStartOptions,
    needs=("established", "activities"),
)
def no_modest_start(facts: Facts, options: ModestStartOptions) -> Iterator[Hit]:
    """Finds a partnership that began with nothing but major undertakings.

    What it finds:
    Every activity that started (by its `start` date, on or before the as-of date) within
    the first `first_months` months after `partnership.established` has `scale: major`.
    Activities without a `start` date are not counted; the rule stays quiet when no activity
    started in that period.

    Why it matters:
    Trust grows from small successes. A partnership that begins with large, risky projects
    asks partners for trust they have not yet had reason to give, and an early failure can
    set it back for years.

    How to fix:
    Start with modest, achievable joint work that shows quick results, and take on major
    projects once the partners have a record of delivering together. Record each
    activity's `scale`.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Regeneration hub, scale: major, start: 2024-03-01}
    ```
    """
    established = facts.established
    assert established is not None  # guaranteed by needs=("established",)
    ends = add_months(established, options.first_months)
    early = [
        (index, activity)
        for index, activity in enumerate(facts.partnership.activities)
        if activity.start is not None and activity.start < ends and activity.start <= facts.as_of
    ]
    if early and all(activity.scale is Scale.MAJOR for _, activity in early):
        period = f"in the first {options.first_months} months (before {ends.isoformat()})"
        if len(early) == 1:
            message = f"the only activity started {period}, '{early[0][1].id}', is major"
        else:
            ids = org_names(f"'{activity.id}'" for _, activity in early)
            message = f"all {len(early)} activities started {period} are major: {ids}"
        yield Hit("partnership", message, ("activities", early[0][0]))


_RISK_TYPES = (ActivityType.JOINT_DELIVERY, ActivityType.POOLED_RESOURCES)


@rule("CG302", "no-shared-risk", PRINCIPLE, Severity.INFO, needs=("activities",))
def no_shared_risk(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds joint work in which the partners share no risk.

    What it finds:
    There are `joint-delivery` or `pooled-resources` activities, and none of them has
    `risk_shared: true`.

    Why it matters:
    Sharing risks and rewards is what turns joint work into collaboration: partners who
    stand to lose together have reason to trust each other, and to deserve it. Where one
    partner carries all the risk, it keeps the control too.

    How to fix:
    Agree how the risks and rewards of a joint activity are shared (money, staff,
    reputation), write it down, and mark the activity `risk_shared: true`.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Shared advice hub, type: joint-delivery}
    ```
    """
    joint = [
        (index, activity)
        for index, activity in enumerate(facts.partnership.activities)
        if activity.type in _RISK_TYPES
    ]
    if joint and not any(activity.risk_shared is True for _, activity in joint):
        if len(joint) == 1:
            message = (
                f"the only joint-delivery or pooled-resources activity, '{joint[0][1].id}', "
                "does not share risk (risk_shared: true)"
            )
        else:
            ids = org_names(f"'{activity.id}'" for _, activity in joint)
            message = (
                f"none of the {len(joint)} joint-delivery or pooled-resources activities "
                f"shares risk (risk_shared: true): {ids}"
            )
        yield Hit("partnership", message, ("activities", joint[0][0]))


class TrackRecordOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    months: int = Field(
        12, ge=0, description="Months a partnership may run before it has completed an activity."
    )


@rule(
    "CG303",
    "no-track-record",
    PRINCIPLE,
    Severity.WARNING,
    options=TrackRecordOptions,
    needs=("established",),
)
def no_track_record(facts: Facts, options: TrackRecordOptions) -> Iterator[Hit]:
    """Finds a partnership that has been going for a while without completing anything.

    What it finds:
    A partnership established more than `months` months before the as-of date with no
    activity `completed` (including one with no activities at all).

    Why it matters:
    Completed joint work is the evidence partners need to go on trusting each other. With
    nothing finished, doubts about whether the partnership is worth the effort grow.

    How to fix:
    Finish something, even small, and record it as `completed`; if work is done but not
    recorded, update its `status`.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Advice hub, status: active}
    ```
    """
    established = facts.established
    assert established is not None  # guaranteed by needs=("established",)
    age = months_between(established, facts.as_of)
    if age <= options.months:
        return
    if not any(a.status is ActivityStatus.COMPLETED for a in facts.partnership.activities):
        yield Hit(
            "partnership",
            f"established {age} months ago (> {options.months}), yet no activity is completed",
            ("partnership", "established"),
        )


class StalledOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_share: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Largest share of activities that may be stalled or cancelled.",
    )


_STOPPED = (ActivityStatus.STALLED, ActivityStatus.CANCELLED)


@rule(
    "CG304",
    "stalled-work",
    PRINCIPLE,
    Severity.WARNING,
    options=StalledOptions,
    needs=("activities",),
)
def stalled_work(facts: Facts, options: StalledOptions) -> Iterator[Hit]:
    """Finds a partnership where much of the joint work has stalled or been cancelled.

    What it finds:
    Activities with status `stalled` or `cancelled` are more than `max_share` of all
    activities, where there are at least 3 activities.

    Why it matters:
    Each abandoned piece of work costs trust: partners remember the effort they put in for
    nothing, and become wary of committing again.

    How to fix:
    Review why the work stalled, agree with the partners whether to restart, rescope or
    close each activity, and record the lessons learned.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Advice hub, status: stalled}
      - {id: fund, name: Small grants fund, status: cancelled}
      - {id: fair, name: Jobs fair, status: completed}
    ```
    """
    activities = facts.partnership.activities
    if len(activities) < MIN_ACTIVITIES:
        return
    stopped = [(i, a) for i, a in enumerate(activities) if a.status in _STOPPED]
    if len(stopped) / len(activities) > options.max_share:
        ids = org_names(f"'{activity.id}'" for _, activity in stopped)
        yield Hit(
            "partnership",
            f"{len(stopped)} of {len(activities)} activities are stalled or cancelled "
            f"({percent(len(stopped), len(activities))} > {share(options.max_share)}): {ids}",
            ("activities", stopped[0][0]),
        )

"""Principle 3, building trust: start modestly, share risk, and build a record of success."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..analysis.dates import add_months, every, percent, share, window_start
from ..analysis.facts import org_names
from ..findings import Severity
from ..model import Activity, ActivityStatus, ActivityType, Scale
from . import Hit, RuleOptions, rule, strength
from .options import NoOptions, Options, count_option, share_option, window_option
from .shared import age_in_months, by_status

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "building-trust"
MIN_ACTIVITIES = 3
"""Fewer activities than this say too little about how the work goes."""


class ModestStartOptions(Options):
    first_months: int = window_option(
        12, "Months after `partnership.established` that count as its start."
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
    projects once the partners have a record of delivering together.

    For the file:
    Record each activity's `scale`.

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
            message = f"the only activity started {period}, '{early[0][1].name}', is major"
        else:
            names = org_names(f"'{activity.name}'" for _, activity in early)
            message = (
                f"{every(len(early), 'activity', 'activities')} started {period} are major: {names}"
            )
        yield Hit("partnership", message, ("activities", early[0][0]))


_RISK_TYPES = (ActivityType.JOINT_DELIVERY, ActivityType.POOLED_RESOURCES)


def _shares_risk_kind(facts: Facts) -> list[tuple[int, Activity]]:
    """Live joint-delivery and pooled-resources activities: where partners can share risk."""
    return [
        (index, activity)
        for index, activity in enumerate(facts.partnership.activities)
        if activity.type in _RISK_TYPES and facts.is_live(activity)
    ]


@rule("CG302", "no-shared-risk", PRINCIPLE, Severity.INFO, needs=("activities",))
def no_shared_risk(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds joint work in which the partners share no risk.

    What it finds:
    There are live (`active` or `completed`) `joint-delivery` or `pooled-resources`
    activities, and none of them has `risk_shared: true`. Planned and cancelled work is not
    work done, so it neither fires the rule nor quiets it.

    Why it matters:
    Sharing risks and rewards is what turns joint work into collaboration: partners who
    stand to lose together have reason to trust each other, and to deserve it. Where one
    partner carries all the risk, it keeps the control too.

    How to fix:
    Agree how the risks and rewards of a joint activity are shared (money, staff, reputation),
    and write it down.

    For the file:
    Mark the activity `risk_shared: true`.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Shared advice hub, type: joint-delivery, status: active}
    ```
    """
    joint = _shares_risk_kind(facts)
    if joint and not any(activity.risk_shared is True for _, activity in joint):
        if len(joint) == 1:
            message = (
                f"the only live joint-delivery or pooled-resources activity, "
                f"'{joint[0][1].name}', does not share risk (risk_shared: true)"
            )
        else:
            names = org_names(f"'{activity.name}'" for _, activity in joint)
            message = (
                f"none of the {len(joint)} live joint-delivery or pooled-resources activities "
                f"shares risk (risk_shared: true): {names}"
            )
        yield Hit("partnership", message, ("activities", joint[0][0]))


class TrackRecordOptions(Options):
    months: int = count_option(
        12, "Months a partnership may run before it has completed an activity."
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
    Finish something, even small, and celebrate it with the partners.

    For the file:
    Record finished work as `completed`; if work is done but not recorded, update its `status`.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Advice hub, status: active}
    ```
    """
    age = age_in_months(facts)
    if age <= options.months:
        return
    activities = facts.partnership.activities
    if any(a.status is ActivityStatus.COMPLETED for a in activities):
        return
    recorded = by_status(a.status.value for a in activities)
    yield Hit(
        "partnership",
        f"established {age} months ago (the limit is {options.months}), yet no activity is "
        f"completed ({recorded})",
        ("partnership", "established"),
    )


_STOPPED = (ActivityStatus.STALLED, ActivityStatus.CANCELLED)


class StalledOptions(Options):
    max_share: float = share_option(
        0.3, ("Largest share of the activities within the window that may be stalled or cancelled.")
    )
    window_months: int = window_option(
        24, "Months before the as-of date whose activities are counted."
    )


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
    Of the activities within the last `window_months` months (at least 3 of them), those
    with status `stalled` or `cancelled` are more than `max_share`. An activity is within the
    window unless it ended before the window began or starts after the as-of date; one with
    no dates counts. A `stalled` activity that a decision is about (it lists the activity
    under `decisions[].activities`) is paused, not stalled: the partners chose to stop it
    for now, so it counts among the activities but not among the stalled ones.

    Why it matters:
    Each abandoned piece of work costs trust: partners remember the effort they put in for
    nothing, and become wary of committing again. Work the partners agreed to pause is
    another matter: it shows they manage their work together.

    How to fix:
    Review why the work stalled, agree with the partners whether to restart, rescope, pause or
    close each activity, and draw the lessons.

    For the file:
    Record the decision, listing the activity under the decision's `activities`, and the lessons
    learned.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Advice hub, status: stalled}
      - {id: fund, name: Small grants fund, status: cancelled}
      - {id: fair, name: Jobs fair, status: completed}
    ```
    """
    within = [
        (index, activity)
        for index, activity in enumerate(facts.partnership.activities)
        if facts.overlaps_window(activity, options.window_months)
    ]
    if len(within) < MIN_ACTIVITIES:
        return
    decided = {
        activity_id
        for decision in facts.partnership.decisions
        if decision.date <= facts.as_of
        for activity_id in decision.activities
    }
    stopped: list[tuple[int, Activity]] = []
    paused: list[Activity] = []
    for index, activity in within:
        if activity.status is ActivityStatus.STALLED and activity.id in decided:
            paused.append(activity)
        elif activity.status in _STOPPED:
            stopped.append((index, activity))
    if len(stopped) / len(within) <= options.max_share:
        return
    names = org_names(f"'{activity.name}' ({activity.status.value})" for _, activity in stopped)
    message = (
        f"{len(stopped)} of the {len(within)} activities in the {options.window_months} months "
        f"to {facts.as_of.isoformat()} {'is' if len(stopped) == 1 else 'are'} stalled or cancelled "
        f"({percent(len(stopped), len(within))}; the limit is {share(options.max_share)}): "
        f"{names}"
    )
    if paused:
        held = org_names(f"'{activity.name}'" for activity in paused)
        message += f"; {held} paused by a decision, not counted"
    yield Hit("partnership", message, ("activities", stopped[0][0]))


class OverdueStartOptions(Options):
    grace_months: int = count_option(
        3, "Months a planned activity may stay planned after its start date."
    )


@rule(
    "CG305",
    "overdue-start",
    PRINCIPLE,
    Severity.INFO,
    options=OverdueStartOptions,
    needs=("activities",),
)
def overdue_start(facts: Facts, options: OverdueStartOptions) -> Iterator[Hit]:
    """Finds planned work that should have started some time ago.

    What it finds:
    An activity still `planned` whose `start` date is more than `grace_months` months before
    the as-of date. One finding per activity.

    Why it matters:
    Work that keeps being about to start is a promise not kept. Partners notice, and each
    slipped start makes the next commitment less credible; a record that says `planned` for
    work that began, or was given up, misleads everyone who reads it.

    How to fix:
    Start the activity, agree a new start date with the partners, or cancel it and say why.

    For the file:
    Mark it `active`, set its new `start`, or mark it `cancelled`.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Advice hub, status: planned, start: 2026-03-01}
    ```
    """
    cutoff = window_start(facts.as_of, options.grace_months)
    for index, activity in enumerate(facts.partnership.activities):
        start = activity.start
        if activity.status is not ActivityStatus.PLANNED or start is None or start >= cutoff:
            continue
        yield Hit(
            activity.id,
            f"'{activity.name}' was due to start on {start.isoformat()} and is still planned on "
            f"{facts.as_of.isoformat()}, past the {options.grace_months}-month grace period",
            ("activities", index, "start"),
        )


@strength("GP301", "risk-shared", PRINCIPLE, needs=("activities",), contradicted_by=("CG302",))
def risk_shared(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Partners who share the risk of their joint work.

    What it finds:
    A live (`active` or `completed`) `joint-delivery` or `pooled-resources` activity with
    `risk_shared: true`. One strength for the partnership, naming each such activity. Not
    shown beside a CG302 finding.

    Why it matters:
    Partners who stand to lose together have reason to trust each other, and to deserve it:
    shared risk is what turns joint work into collaboration.

    Example:
    ```yaml
    activities:
      - {id: hub, name: Shared advice hub, type: joint-delivery, status: active,
         risk_shared: true}
    ```
    """
    sharing = [(i, a) for i, a in _shares_risk_kind(facts) if a.risk_shared is True]
    if not sharing:
        return
    names = org_names(f"'{activity.name}'" for _, activity in sharing)
    yield Hit(
        "partnership",
        f"partners share the risk of {len(sharing)} live joint "
        f"{'activity' if len(sharing) == 1 else 'activities'}: {names}",
        ("activities", sharing[0][0]),
    )


MIN_TRACK_RECORD = 2
"""Completed activities that make a record of success (RULES.md, GP302)."""
MIN_TRACK_ORGS = 3
"""Organisations an activity needs to count towards the record: joint work, not a pair's."""


@strength("GP302", "track-record", PRINCIPLE, needs=("activities",), contradicted_by=("CG303",))
def track_record(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """A record of joint work completed together.

    What it finds:
    At least two activities `completed` with at least three organisations each (its lead
    and partners together). Not shown beside a CG303 finding.

    Why it matters:
    Trust grows from success: each piece of joint work finished together is evidence that
    the partners can rely on each other, and the ground for taking on more.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
      - {id: college, name: City College}
    activities:
      - {id: fair, name: Jobs fair, status: completed, lead: council, partners: [trust, college]}
      - {id: walks, name: Health walks, status: completed, lead: trust,
         partners: [council, college]}
    ```
    """
    done = [
        (index, activity, len(facts.orgs_in(activity)))
        for index, activity in enumerate(facts.partnership.activities)
        if activity.status is ActivityStatus.COMPLETED
        and len(facts.orgs_in(activity)) >= MIN_TRACK_ORGS
    ]
    if len(done) < MIN_TRACK_RECORD:
        return
    names = org_names(f"'{activity.name}' ({count} organisations)" for _, activity, count in done)
    yield Hit(
        "partnership",
        f"{len(done)} activities of at least {MIN_TRACK_ORGS} organisations are completed: {names}",
        ("activities", done[0][0]),
    )

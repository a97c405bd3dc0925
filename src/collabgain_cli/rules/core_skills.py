"""Core skills: knowing what you offer, sharing lessons, project skills, planning, evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..analysis.dates import every, months_between, plural
from ..findings import Severity
from ..model import Activity, ActivityStatus, ActivityType
from . import Hit, RuleOptions, about_org, rule, strength
from .options import NoOptions, Options, count_option, window_option

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "core-skills"

TRACKED = frozenset({ActivityStatus.PLANNED, ActivityStatus.ACTIVE, ActivityStatus.STALLED})
"""Work that must be tracked (CG803): planned, active, or stalled and so needing a way back."""

EVALUATION_MONTHS = 24
"""GP801: an evaluation this recent shows the partnership still learns from its work."""


def _either(items: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return " or ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else items[0]


@rule("CG801", "no-offer-stated", PRINCIPLE, Severity.INFO)
def no_offer_stated(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a member that records nothing it can offer.

    What it finds:
    A member whose `offers` list is empty. Observers (`roles: [observer]` or
    `[funder, observer]`) are not members and are not asked.

    Why it matters:
    Each partner must know what it can offer and deliver. A partner that cannot say what it
    brings tends to be seen as a passenger, and the partnership cannot plan around resources
    nobody has named.

    How to fix:
    Ask the organisation what it can put in: staff time, rooms, data, contacts, money.

    For the file:
    List it under the organisation's `offers`.

    Example:
    ```yaml
    organisations:
      - id: council
        name: City Council
    ```
    """
    for org in facts.members:
        if not org.offers:
            yield about_org(
                facts,
                org.id,
                f"'{org.name}' records nothing it can offer or deliver (offers is empty)",
            )


class SharingOptions(Options):
    max_months: int = count_option(
        6, "Months since lessons were last shared before it is a finding."
    )


@rule("CG802", "no-lessons-sharing", PRINCIPLE, Severity.WARNING, options=SharingOptions)
def no_lessons_sharing(facts: Facts, options: SharingOptions) -> Iterator[Hit]:
    """Finds a partnership whose lessons do not get back to its members.

    What it finds:
    No `learning.sharing` mechanism; or none that records when it `last` happened; or the
    latest `last` is more than `max_months` whole months before the as-of date.

    Why it matters:
    Knowledge management is a core partnership skill: lessons learnt in one activity or one
    organisation are lost unless there is a regular way of bringing them back to everyone.

    How to fix:
    Agree how lessons are shared (a learning session, a newsletter, a standing agenda item), and
    keep it going.

    For the file:
    Record it under `learning.sharing`, with the date it `last` happened.

    Example:
    ```yaml
    learning:
      sharing:
        - {mechanism: partners' newsletter, last: 2025-12-01}
    ```
    """
    learning = facts.partnership.learning
    sharing = learning.sharing if learning is not None else ()
    if not sharing:
        yield Hit(
            "partnership",
            "no way of sharing lessons with members is recorded (learning.sharing is empty)",
            ("learning", "sharing"),
        )
        return
    dated = [(item.last, index) for index, item in enumerate(sharing) if item.last is not None]
    if not dated:
        which = (
            f"the only way of sharing lessons ({sharing[0].mechanism}) does not"
            if len(sharing) == 1
            else f"none of the {len(sharing)} ways of sharing lessons"
        )
        yield Hit(
            "partnership",
            f"{which} record when it last happened (learning.sharing[].last)",
            ("learning", "sharing"),
        )
        return
    last, index = max(dated)
    age = months_between(last, facts.as_of)
    if age > options.max_months:
        yield Hit(
            "partnership",
            f"lessons were last shared on {last.isoformat()} ({sharing[index].mechanism}), "
            f"{age} months before {facts.as_of.isoformat()} (the limit is "
            f"{options.max_months} months)",
            ("learning", "sharing", index, "last"),
        )


LEAD_ONLY = frozenset(
    {ActivityType.INFORMATION_SHARING, ActivityType.NETWORKING_EVENT, ActivityType.CONSULTATION}
)
"""Kinds of work that need only a lead: a newsletter has no milestones."""


def tracking_needed(activity: Activity) -> tuple[str, ...]:
    """What tracking an activity's kind needs (RULES.md, CG803)."""
    if activity.type in LEAD_ONLY:
        return ("lead",)
    if activity.type is ActivityType.SERVICE:
        return ("lead", "monitoring")
    return ("lead", "milestones", "monitoring")


def _has(activity: Activity, part: str) -> bool:
    if part == "lead":
        return activity.lead is not None
    if part == "milestones":
        return bool(activity.milestones)
    return activity.monitoring is not None and bool(activity.monitoring.strip())


@rule("CG803", "untracked-activity", PRINCIPLE, Severity.WARNING, needs=("activities",))
def untracked_activity(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds planned, active or stalled work that nobody leads or tracks as its kind needs.

    What it finds:
    A `planned`, `active` or `stalled` activity that lacks what tracking its kind needs;
    the message lists what is missing. Every kind needs a `lead`. `joint-delivery`,
    `pooled-resources`, `research`, `capacity-building` and work with no `type` also need
    `milestones` and `monitoring`; a `service` (ongoing, with no planned end) also needs
    `monitoring` but no milestones; `information-sharing`, `networking-event` and
    `consultation` need only a lead.

    Why it matters:
    Project skills are a core partnership skill. Joint work without a lead organisation,
    milestones and a way of tracking progress drifts, and partners find out too late that
    it has stalled. A newsletter or a networking event needs someone to run it, not a
    project plan.

    How to fix:
    Name the lead organisation; for projects, set milestones with due dates; and agree how
    progress is tracked and reported to the partners.

    For the file:
    Record them as the activity's `lead`, `milestones` and `monitoring`.

    Example:
    ```yaml
    activities:
      - {id: youth-hub, name: Youth hub, type: joint-delivery, status: active, lead: council}
    ```
    """
    for index, activity in enumerate(facts.partnership.activities):
        if activity.status not in TRACKED:
            continue
        missing = [part for part in tracking_needed(activity) if not _has(activity, part)]
        if missing:
            kind = activity.type.value.replace("-", " ") if activity.type else "untyped"
            yield Hit(
                activity.id,
                f"'{activity.name}' ({activity.status.value}, {kind}) has no {_either(missing)}",
                ("activities", index),
            )


@rule("CG804", "overdue-milestone", PRINCIPLE, Severity.WARNING, needs=("milestones",))
def overdue_milestone(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a milestone that is past due and not done.

    What it finds:
    A milestone of a `planned` or `active` activity whose `due` date is before the as-of
    date and that has no `done` date. A `stalled` activity's milestones are left to CG304
    (stalled work): the whole activity is the concern, not each date it missed.

    Why it matters:
    Missed milestones are the first sign that joint work is slipping. Left unrecorded, they
    erode partners' trust that commitments will be kept.

    How to fix:
    Check whether the milestone was reached, or agree a new due date with the partners and say
    why it moved.

    For the file:
    Record the date it was done under `done`, or the new `due` date.

    Example:
    ```yaml
    activities:
      - id: youth-hub
        name: Youth hub
        milestones:
          - {name: Premises signed, due: 2026-06-30}
    ```
    """
    for index, activity in enumerate(facts.partnership.activities):
        if activity.status not in (ActivityStatus.PLANNED, ActivityStatus.ACTIVE):
            continue
        for number, milestone in enumerate(activity.milestones):
            if milestone.done is None and milestone.due < facts.as_of:
                late = (facts.as_of - milestone.due).days
                yield Hit(
                    activity.id,
                    f"'{milestone.name}' of '{activity.name}' was due on "
                    f"{milestone.due.isoformat()} and is not done, {plural(late, 'day')} later",
                    ("activities", index, "milestones", number),
                )


@rule("CG805", "commitment-not-in-plan", PRINCIPLE, Severity.WARNING, needs=("commitments",))
def commitment_not_in_plan(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a commitment that is not in the member's own operational plan.

    What it finds:
    A commitment whose `in_operational_plan` is `false`. Where it is absent the finding is
    `info`: whether the commitment is in the plan is not recorded.

    Why it matters:
    Strategic planning is a core partnership skill. What a member promises the partnership
    but leaves out of its own plans gets no budget or staff time, and is the first thing
    dropped when pressure comes.

    How to fix:
    Ask the organisation to write the commitment into its operational plan.

    For the file:
    Record `in_operational_plan: true` with the `plan_reference`.

    Example:
    ```yaml
    commitments:
      - organisation: council
        text: Two officers' time for the youth hub
        in_operational_plan: false
    ```
    """
    for index, commitment in enumerate(facts.partnership.commitments):
        if commitment.in_operational_plan is True:
            continue
        name = facts.name_of(commitment.organisation)
        if commitment.in_operational_plan is None:
            yield Hit(
                commitment.organisation,
                f"'{name}' committed to '{commitment.text}'; whether it is in its operational "
                "plan is not recorded (in_operational_plan)",
                ("commitments", index),
                Severity.INFO,
            )
        else:
            yield Hit(
                commitment.organisation,
                f"'{name}' committed to '{commitment.text}', but it is not in its operational plan",
                ("commitments", index, "in_operational_plan"),
            )


class EvidenceOptions(Options):
    window_months: int = window_option(
        24, "Months back from the as-of date in which evidence must be dated."
    )


@rule("CG806", "no-evidence-base", PRINCIPLE, Severity.INFO, options=EvidenceOptions)
def no_evidence_base(facts: Facts, options: EvidenceOptions) -> Iterator[Hit]:
    """Finds a partnership that draws on no recent evidence from elsewhere.

    What it finds:
    No `learning.evidence` at all, or none dated within the `window_months` months up to the
    as-of date (evidence without a date does not count as recent).

    Why it matters:
    Evidence-based practice is a core partnership skill: research and other partnerships'
    experience save the partners from repeating known mistakes.

    How to fix:
    Gather the research, evaluations and experience from elsewhere that the partners use.

    For the file:
    Record it under `learning.evidence`, with its `date` and the activities it was `applied_to`.

    Example:
    ```yaml
    learning:
      evidence:
        - {source: National evaluation of youth hubs, date: 2022-03-01}
    ```
    """
    learning = facts.partnership.learning
    evidence = learning.evidence if learning is not None else ()
    window = f"the {options.window_months} months to {facts.as_of.isoformat()}"
    if not evidence:
        yield Hit(
            "partnership",
            "no evidence from elsewhere is recorded (learning.evidence is empty)",
            ("learning", "evidence"),
        )
    elif not any(facts.within(item.date, options.window_months) for item in evidence):
        dated = [(item.date, index) for index, item in enumerate(evidence) if item.date]
        path: tuple[str | int, ...] = ("learning", "evidence")
        if dated:
            latest, index = max(dated)
            when = f"{'dated' if len(evidence) == 1 else 'latest'} {latest.isoformat()}"
            path = (*path, index, "date")
        else:
            when = "undated" if len(evidence) == 1 else "none is dated"
        which = (
            "the only evidence source is not"
            if len(evidence) == 1
            else f"none of the {len(evidence)} evidence sources is"
        )
        yield Hit("partnership", f"{which} dated within {window} ({when})", path)


@rule("CG807", "unevaluated-activity", PRINCIPLE, Severity.INFO, needs=("activities",))
def unevaluated_activity(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds completed work from which nothing was learnt.

    What it finds:
    A `completed` activity of a joint kind (not `information-sharing`, `networking-event`
    or `consultation`; work with no `type` counts as joint) with no evaluation
    (`learning.evaluations[].of`) and no `lessons`.

    Why it matters:
    Completed work is the partnership's best source of learning. Without an evaluation or
    captured lessons, the partners cannot show what it achieved or do better next time.

    How to fix:
    Evaluate the activity with the partners, or at least agree what was learned.

    For the file:
    Record it under `learning.evaluations`, or the activity's `lessons`.

    Example:
    ```yaml
    activities:
      - {id: gala, name: Summer gala, status: completed}
    ```
    """
    learning = facts.partnership.learning
    evaluated = {e.of for e in learning.evaluations} if learning is not None else set()
    for index, activity in enumerate(facts.partnership.activities):
        if (
            activity.status is ActivityStatus.COMPLETED
            and facts.is_joint_kind(activity)
            and activity.id not in evaluated
            and not activity.lessons
        ):
            yield Hit(
                activity.id,
                f"'{activity.name}' was completed with no evaluation and no lessons recorded",
                ("activities", index),
            )


@strength("GP801", "learning-loop", PRINCIPLE, needs=("learning",), contradicted_by=("CG802",))
def learning_loop(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Finds a partnership that evaluates its work and shares the lessons.

    What it finds:
    An evaluation (`learning.evaluations`) dated within the 24 months up to the as-of
    date, and a `learning.sharing` mechanism last used within CG802's `max_months` (6).

    Why it matters:
    Knowledge management closes the loop: what one activity taught the partners reaches
    the others before the next one starts.

    Example:
    ```yaml
    activities:
      - {id: gala, name: Summer gala, status: completed, lead: council}
    learning:
      evaluations:
        - {of: gala, date: 2026-03-01, by: City University}
      sharing:
        - {mechanism: partners' newsletter, last: 2026-09-15}
    ```
    """
    learning = facts.partnership.learning
    if learning is None:
        return
    max_months = getattr(options["CG802"], "max_months", 6)
    evaluations = [e for e in learning.evaluations if facts.within(e.date, EVALUATION_MONTHS)]
    used = [
        item
        for item in learning.sharing
        if item.last is not None
        and item.last <= facts.as_of
        and months_between(item.last, facts.as_of) <= max_months
    ]
    if not evaluations or not used:
        return
    evaluation = max(evaluations, key=lambda e: e.date)
    sharing = max(used, key=lambda item: item.last or facts.as_of)
    names = {a.id: a.name for a in facts.partnership.activities}
    last = sharing.last.isoformat() if sharing.last else ""
    yield Hit(
        "partnership",
        f"'{names.get(evaluation.of, evaluation.of)}' was evaluated on "
        f"{evaluation.date.isoformat()}, and lessons were last shared on {last} "
        f"({sharing.mechanism})",
        ("learning",),
    )


@strength(
    "GP802",
    "plans-integrated",
    PRINCIPLE,
    needs=("commitments",),
    contradicted_by=("CG805",),
)
def plans_integrated(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Finds members whose commitments are all written into their own plans.

    What it finds:
    At least one commitment, and every commitment has `in_operational_plan: true`.

    Why it matters:
    Strategic planning joins the partnership to its members: a commitment in a member's
    own operational plan has a budget, staff time and someone who answers for it.

    Example:
    ```yaml
    commitments:
      - organisation: council
        text: Two officers' time for the youth hub
        in_operational_plan: true
        plan_reference: Housing service plan 2026, action 4.2
    ```
    """
    commitments = facts.partnership.commitments
    if not commitments or any(c.in_operational_plan is not True for c in commitments):
        return
    who = sorted({c.organisation for c in commitments}, key=facts.org_index.__getitem__)
    count = every(len(commitments), "commitment")
    yield Hit(
        "partnership",
        f"{count} of {facts.names_of(who)} {'is' if len(commitments) == 1 else 'are'} in "
        "their own operational plans",
        ("commitments",),
    )

"""Core skills: knowing what you offer, sharing lessons, project skills, planning, evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.dates import months_between
from ..findings import Severity
from ..model import ActivityStatus
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "core-skills"


def _either(items: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return " or ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else items[0]


@rule("CG801", "no-offer-stated", PRINCIPLE, Severity.INFO)
def no_offer_stated(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an active organisation that records nothing it can offer.

    What it finds:
    An active organisation whose `offers` list is empty.

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
    for org in facts.active_orgs:
        if not org.offers:
            yield Hit(
                org.id,
                f"active organisation '{org.id}' records nothing it can offer (offers is empty)",
                facts.org_path(org.id),
            )


class SharingOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_months: int = Field(
        6, ge=0, description="Months since lessons were last shared before it is a finding."
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
            f"{age} months before {facts.as_of.isoformat()} (> {options.max_months})",
            ("learning", "sharing", index, "last"),
        )


@rule("CG803", "untracked-activity", PRINCIPLE, Severity.WARNING, needs=("activities",))
def untracked_activity(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds planned or active work that nobody leads or tracks.

    What it finds:
    A `planned` or `active` activity with no `lead`, no `milestones`, or no `monitoring`;
    the message lists what is missing.

    Why it matters:
    Project skills are a core partnership skill. Joint work without a lead organisation,
    milestones and a way of tracking progress drifts, and partners find out too late that
    it has stalled.

    How to fix:
    Name the lead organisation, set milestones with due dates, and agree how progress is tracked
    and reported to the partners.

    For the file:
    Record them as the activity's `lead`, `milestones` and `monitoring`.

    Example:
    ```yaml
    activities:
      - {id: youth-hub, name: Youth hub, status: active, lead: council}
    ```
    """
    for index, activity in enumerate(facts.partnership.activities):
        if activity.status not in (ActivityStatus.PLANNED, ActivityStatus.ACTIVE):
            continue
        missing = []
        if activity.lead is None:
            missing.append("lead")
        if not activity.milestones:
            missing.append("milestones")
        if activity.monitoring is None or not activity.monitoring.strip():
            missing.append("monitoring")
        if missing:
            yield Hit(
                activity.id,
                f"{activity.status.value} activity '{activity.id}' has no {_either(missing)}",
                ("activities", index),
            )


@rule("CG804", "overdue-milestone", PRINCIPLE, Severity.WARNING, needs=("milestones",))
def overdue_milestone(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a milestone that is past due and not done.

    What it finds:
    A milestone whose `due` date is before the as-of date and that has no `done` date.

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
        for number, milestone in enumerate(activity.milestones):
            if milestone.done is None and milestone.due < facts.as_of:
                yield Hit(
                    activity.id,
                    f"milestone '{milestone.name}' of '{activity.id}' was due on "
                    f"{milestone.due.isoformat()} and is not done "
                    f"(as of {facts.as_of.isoformat()})",
                    ("activities", index, "milestones", number),
                )


@rule("CG805", "commitment-not-in-plan", PRINCIPLE, Severity.WARNING, needs=("commitments",))
def commitment_not_in_plan(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a commitment that is not in the member's own operational plan.

    What it finds:
    A commitment whose `in_operational_plan` is not `true` (it is `false` or absent).

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
        if commitment.in_operational_plan is None:
            state = "does not say whether it is"
            path: tuple[str | int, ...] = ("commitments", index)
        else:
            state = "is not"
            path = ("commitments", index, "in_operational_plan")
        yield Hit(
            commitment.organisation,
            f"'{commitment.organisation}''s commitment '{commitment.text}' {state} in its "
            "operational plan",
            path,
        )


class EvidenceOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    window_months: int = Field(
        24, ge=1, description="Months back from the as-of date in which evidence must be dated."
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
    A `completed` activity with no evaluation (`learning.evaluations[].of`) and no `lessons`.

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
            and activity.id not in evaluated
            and not activity.lessons
        ):
            yield Hit(
                activity.id,
                f"completed activity '{activity.id}' has no evaluation and no lessons",
                ("activities", index),
            )

"""Principle 5, managing change: members, people and policies change under a partnership."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.dates import months_between, percent, share
from ..findings import Severity
from ..model import ActivityStatus, Organisation, OrgStatus, Person, Role
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "managing-change"

MIN_TURNOVER_PEOPLE = 4
"""Turnover is judged only over at least this many people: 1 of 2 leaving says little."""

OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)


class TurnoverOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_rate: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Share of the people taking part in the window who may leave within it.",
    )
    window_months: int = Field(
        12, ge=1, description="Months, counted back from the as-of date, over which to count."
    )


@rule(
    "CG501",
    "member-turnover",
    PRINCIPLE,
    Severity.WARNING,
    options=TurnoverOptions,
    needs=("people",),
)
def member_turnover(facts: Facts, options: TurnoverOptions) -> Iterator[Hit]:
    """Finds a partnership whose representatives keep changing.

    What it finds:
    More than `max_rate` of the people who took part in the window (present at its start
    or joining within it) left within it, the window being the `window_months` months up
    to the as-of date. Judged over at least 4 such people.

    Why it matters:
    Partnerships work through individuals, and trust, understanding and agreements made
    between them leave when they do. High turnover of representatives means the
    partnership keeps starting again.

    How to fix:
    Record why people left; brief newcomers on the partnership's history and agreements,
    and ask member organisations to keep their representatives in post longer or to
    name deputies who already know the partnership.

    Example:
    ```yaml
    people:
      - {id: ann, name: Ann Lee, organisation: council, left: 2026-03-31}
      - {id: bob, name: Bob Khan, organisation: council, left: 2026-06-30}
      - {id: cat, name: Cat Diaz, organisation: council}
      - {id: dan, name: Dan Moss, organisation: council, joined: 2026-07-01}
    ```
    """
    start = facts.window_start(options.window_months)
    taking_part: list[Person] = []
    for person in facts.partnership.people:
        # A person with no `joined` date joined when the partnership was established.
        joined = person.joined or facts.established
        if facts.is_current(person, on=start) or facts.within(joined, options.window_months):
            taking_part.append(person)
    if len(taking_part) < MIN_TURNOVER_PEOPLE:
        return
    left = [p for p in taking_part if facts.within(p.left, options.window_months)]
    if len(left) / len(taking_part) > options.max_rate:
        yield Hit(
            "partnership",
            f"{len(left)} of {len(taking_part)} representatives left in the "
            f"{options.window_months} months to {facts.as_of.isoformat()} "
            f"({percent(len(left), len(taking_part))} > {share(options.max_rate)})",
            ("people",),
        )


@rule("CG502", "key-person-dependency", PRINCIPLE, Severity.WARNING, needs=("people",))
def key_person_dependency(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a key organisation that depends on a single person.

    What it finds:
    An active organisation that leads a `planned` or `active` activity, holds the chair
    now, or has the `lead` or `convener` role, and has exactly one current person.

    Why it matters:
    When one person carries an organisation's key part in the partnership, their leaving,
    illness or change of job leaves the work without a leader, and what they knew goes
    with them.

    How to fix:
    Name a second person from the organisation (a deputy) who takes part alongside the
    first and can step in.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council, roles: [lead]}
    people:
      - {id: ann, name: Ann Lee, organisation: council}
    ```
    """
    chairing = {chair.organisation for _, chair in facts.current_chairs}
    for org in facts.active_orgs:
        people = facts.current_people_of(org.id)
        if len(people) != 1:
            continue
        reasons = _key_parts(facts, org, chairing)
        if reasons:
            yield Hit(
                org.id,
                f"'{org.id}' {' and '.join(reasons)}, with one current person ('{people[0].id}')",
                facts.org_path(org.id),
            )


def _key_parts(facts: Facts, org: Organisation, chairing: set[str]) -> list[str]:
    """What makes an organisation key: the open activities it leads, the chair, its roles."""
    parts: list[str] = []
    leads = [
        a.id for a in facts.partnership.activities if a.lead == org.id and a.status in OPEN_STATUSES
    ]
    if leads:
        parts.append("leads " + ", ".join(f"'{a}'" for a in leads))
    if org.id in chairing:
        parts.append("holds the chair")
    roles = [r.value for r in org.roles if r in (Role.LEAD, Role.CONVENER)]
    if roles:
        parts.append(f"has the {' and '.join(roles)} role")
    return parts


class ChangeWindowOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    window_months: int = Field(
        24, ge=1, description="Months, counted back from the as-of date, in which to look."
    )


@rule(
    "CG503",
    "unmanaged-change",
    PRINCIPLE,
    Severity.WARNING,
    options=ChangeWindowOptions,
    needs=("changes",),
)
def unmanaged_change(facts: Facts, options: ChangeWindowOptions) -> Iterator[Hit]:
    """Finds a recent change the partnership has not responded to.

    What it finds:
    A change dated within the `window_months` months up to the as-of date with no
    `response` (or a blank one). The finding is about the organisation the change
    affects when it names exactly one, else about the partnership.

    Why it matters:
    Policy shifts, restructures and staff moves in member organisations change what the
    partnership can do. A change nobody responded to is one the partnership has not
    adapted to: its plans rest on conditions that no longer hold.

    How to fix:
    Discuss the change with the partners and agree how the partnership adapts (new
    representative, revised plan, changed aim).

    For the file:
    Record how it adapted under the change's `response`.

    Example:
    ```yaml
    changes:
      - date: 2026-03-01
        type: restructure
        description: Council merged its regeneration and housing teams
        affects: [council]
    ```
    """
    for index, change in enumerate(facts.partnership.changes):
        if not facts.within(change.date, options.window_months):
            continue
        if change.response is not None and change.response.strip():
            continue
        affected = set(change.affects)
        subject = next(iter(affected)) if len(affected) == 1 else "partnership"
        kind = f" ({change.type.value})" if change.type is not None else ""
        yield Hit(
            subject,
            f"change on {change.date.isoformat()}{kind} has no recorded response "
            f"(window: {options.window_months} months to {facts.as_of.isoformat()})",
            ("changes", index),
        )


class LapsedContactOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_gap_days: int = Field(
        120, ge=0, description="Days before the as-of date within which a meeting must fall."
    )


@rule(
    "CG504",
    "lapsed-contact",
    PRINCIPLE,
    Severity.WARNING,
    options=LapsedContactOptions,
    needs=("meetings",),
)
def lapsed_contact(facts: Facts, options: LapsedContactOptions) -> Iterator[Hit]:
    """Finds a partnership whose members have stopped meeting.

    What it finds:
    Meetings are recorded, and none was held within `max_gap_days` days before the as-of
    date (a meeting exactly `max_gap_days` days before still counts).

    Why it matters:
    Contact keeps the partnership alive through change: without it, new representatives
    are never introduced, changes in member organisations go unnoticed, and trust
    fades.

    How to fix:
    Hold a meeting of the partners, and agree how often they will meet.

    For the file:
    Record each meeting under `meetings`.

    Example:
    ```yaml
    meetings:
      - {date: 2026-01-15, attended: [council]}
    ```
    """
    held = [(m.date, i) for i, m in enumerate(facts.partnership.meetings) if m.date <= facts.as_of]
    as_of = facts.as_of.isoformat()
    if not held:
        count = len(facts.partnership.meetings)
        yield Hit(
            "partnership",
            f"no meeting is recorded on or before {as_of} ({count} recorded after it)",
            ("meetings",),
        )
        return
    last, index = max(held)
    gap = (facts.as_of - last).days
    if gap > options.max_gap_days:
        yield Hit(
            "partnership",
            f"no meeting in the {options.max_gap_days} days to {as_of}: the last was on "
            f"{last.isoformat()}, {gap} days before",
            ("meetings", index),
        )


@rule("CG505", "departed-lead", PRINCIPLE, Severity.ERROR)
def departed_lead(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds open work or a chair whose leader has left the partnership.

    What it finds:
    A `planned` or `active` activity whose `lead` organisation or `owner` has left, or a
    current chair whose organisation or person has left. An organisation has left when
    its `status` is `former` or its `left` date is on or before the as-of date; a person
    when their `left` date is. The finding is about the activity, or about the chair's
    organisation.

    Why it matters:
    Work led by someone who is no longer there has no leader: nobody is accountable for
    it, and partners may not notice until it has failed. A chair who has left leaves the
    partnership without its guiding hand.

    How to fix:
    Agree a new lead, owner or chair with the partners; or pause or stop the work if nobody will
    take it on.

    For the file:
    Record the new lead, owner or chair; or mark the activity `stalled` or `cancelled`.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Health Trust, left: 2026-03-31}
    activities:
      - {id: walks, name: Health walks, status: active, lead: trust, partners: [council]}
    ```
    """
    for index, activity in enumerate(facts.partnership.activities):
        if activity.status not in OPEN_STATUSES:
            continue
        activity_path = ("activities", index)
        label = f"{activity.status.value} activity '{activity.id}'"
        departure = _org_departure(facts, activity.lead)
        if departure:
            yield Hit(
                activity.id,
                f"{label} is led by '{activity.lead}', which {departure}",
                (*activity_path, "lead"),
            )
        left = _person_left(facts, activity.owner)
        if left:
            yield Hit(
                activity.id,
                f"{label} is owned by '{activity.owner}', who left on {left.isoformat()}",
                (*activity_path, "owner"),
            )
    for index, chair in facts.current_chairs:
        chair_path = ("governance", "chairs", index)
        departure = _org_departure(facts, chair.organisation)
        if departure:
            yield Hit(
                chair.organisation,
                f"the current chair is held by '{chair.organisation}', which {departure}",
                (*chair_path, "organisation"),
            )
        left = _person_left(facts, chair.person)
        if left:
            yield Hit(
                chair.organisation,
                f"the current chair for '{chair.organisation}' is '{chair.person}', who left "
                f"on {left.isoformat()}",
                (*chair_path, "person"),
            )


def _org_departure(facts: Facts, org_id: str | None) -> str | None:
    """How an organisation has left ('left on ...', 'is a former member'), or None."""
    if org_id is None:
        return None
    org = facts.orgs[org_id]
    if org.left is not None and org.left <= facts.as_of:
        return f"left on {org.left.isoformat()}"
    if org.status is OrgStatus.FORMER:
        return "is a former member"
    return None


def _person_left(facts: Facts, person_id: str | None) -> dt.date | None:
    """When a person left, if on or before the as-of date.

    A person who has not yet joined has not left: a newcomer may own planned work.
    """
    if person_id is None:
        return None
    person = facts.partnership.people[facts.person_index[person_id]]
    if person.left is not None and person.left <= facts.as_of:
        return person.left
    return None


class StaleReviewOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_months: int = Field(
        12, ge=0, description="Months since the last review after which it is stale."
    )


@rule("CG506", "stale-review", PRINCIPLE, Severity.INFO, options=StaleReviewOptions)
def stale_review(facts: Facts, options: StaleReviewOptions) -> Iterator[Hit]:
    """Finds a partnership that has not reviewed how it works lately.

    What it finds:
    `partnership.last_reviewed` is absent, or more than `max_months` whole months before
    the as-of date.

    Why it matters:
    Partnerships change as members, people and policies change; arrangements that suited
    them once stop fitting. A regular review is how partners notice and adapt.

    How to fix:
    Hold a review with the partners of how the partnership works (membership, aims, governance,
    resources).

    For the file:
    Record its date under `partnership.last_reviewed`.

    Example:
    ```yaml
    partnership:
      name: Example
      as_of: 2026-11-01
      last_reviewed: 2025-06-30
    ```
    """
    reviewed = facts.partnership.partnership.last_reviewed
    if reviewed is None:
        yield Hit(
            "partnership",
            "no review of how the partnership works is recorded (partnership.last_reviewed)",
            ("partnership",),
        )
        return
    age = months_between(reviewed, facts.as_of)
    if age > options.max_months:
        yield Hit(
            "partnership",
            f"the partnership was last reviewed on {reviewed.isoformat()}, {age} months "
            f"before {facts.as_of.isoformat()} (> {options.max_months})",
            ("partnership", "last_reviewed"),
        )

"""Principle 5, managing change: members, people and policies change under a partnership."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.dates import add_months, every, months_between, percent, share
from ..analysis.facts import funding_period, org_names
from ..findings import Severity
from ..model import Activity, ActivityStatus, Funding, OrgStatus, Person, Role
from . import Hit, NoOptions, RuleOptions, rule, strength

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "managing-change"

MIN_TURNOVER_PEOPLE = 4
"""Turnover is judged only over at least this many people: 1 of 2 leaving says little."""

OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)

DEPENDING_STATUSES = frozenset(
    {
        ActivityStatus.PLANNED,
        ActivityStatus.ACTIVE,
        ActivityStatus.COMPLETED,
        ActivityStatus.STALLED,
    }
)
"""Planned, live or stalled work: what can depend on a person or an organisation (CG502, CG508)."""

MAX_NAMES = 6
"""A message lists at most this many names, then says how many more there are."""

MAX_QUOTE = 160
"""A quoted description is cut to this many characters."""


def _names(names: Iterable[str]) -> str:
    """'A, B and C', or 'A, B, ... and 4 more' past `MAX_NAMES`."""
    items = list(names)
    if len(items) > MAX_NAMES:
        return ", ".join(items[: MAX_NAMES - 1]) + f" and {len(items) - MAX_NAMES + 1} more"
    return org_names(items)


def _quoted(names: Iterable[str]) -> str:
    return _names(f"'{name}'" for name in names)


def _takes_part(facts: Facts, person: Person) -> bool:
    """A person who represents no organisation, or one that is not an observer (RULES.md)."""
    org = facts.orgs.get(person.organisation) if person.organisation else None
    return org is None or facts.takes_part(org)


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
    to the as-of date. Judged over at least 4 such people. People who represent an
    observer organisation (`roles: [observer]` or `[funder, observer]`) are not counted:
    they watch the partnership rather than take part. The message names who left.

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
        if not _takes_part(facts, person):
            continue
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
            f"({percent(len(left), len(taking_part))}; the limit is {share(options.max_rate)}): "
            f"{_names(p.name for p in left)}",
            ("people",),
        )


class KeyPersonOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_activities: int = Field(
        2,
        ge=1,
        description=(
            "How many planned, live or stalled activities depending on one person make a finding."
        ),
    )


@rule(
    "CG502",
    "key-person-dependency",
    PRINCIPLE,
    Severity.WARNING,
    options=KeyPersonOptions,
    needs=("people",),
)
def key_person_dependency(facts: Facts, options: KeyPersonOptions) -> Iterator[Hit]:
    """Finds a person on whom too much of the partnership depends.

    What it finds:
    A current person on whom at least `min_activities` planned, live (active or completed)
    or stalled activities depend, or the current chair who is their organisation's only
    current person. An activity depends on a person who is its `owner`, or who is the only
    current person of its `lead` organisation. The chair is the person named in the
    current `governance.chairs` entry, or, where it names nobody, the chairing
    organisation's only current person. The message lists every activity and says why it
    depends on them; the finding is about the person.

    Why it matters:
    When one person carries several pieces of work, or the chair with nobody else from
    their organisation, their leaving, illness or change of job leaves the work without a
    leader, and what they knew goes with them.

    How to fix:
    Share the work out: name other owners, and ask the organisations concerned to name a
    second person (a deputy) who takes part alongside the first and can step in.

    Example:
    ```yaml
    people:
      - {id: ann, name: Ann Lee, organisation: council}
    activities:
      - {id: walks, name: Health walks, status: active, lead: council, owner: ann}
      - {id: fair, name: Careers fair, status: planned, owner: ann}
    ```
    """
    owned: dict[str, list[Activity]] = {}
    through_lead: dict[str, list[Activity]] = {}
    for activity in facts.partnership.activities:
        if activity.status not in DEPENDING_STATUSES:
            continue
        owner = facts.people_by_id.get(activity.owner) if activity.owner else None
        if owner is not None and facts.is_current(owner):
            owned.setdefault(owner.id, []).append(activity)
        if activity.lead:
            people = facts.current_people_of(activity.lead)
            if len(people) == 1 and people[0].id != activity.owner:
                through_lead.setdefault(people[0].id, []).append(activity)
    chairing = _sole_chairs(facts)
    for person in facts.current_people:
        mine = owned.get(person.id, [])
        led = through_lead.get(person.id, [])
        many = len(mine) + len(led) >= options.min_activities
        chair_org = chairing.get(person.id)
        if not many and chair_org is None:
            continue
        parts: list[str] = []
        if many:
            count = len(mine) + len(led)
            depends = [f"{count} planned, live or stalled activities depend on them"]
            if mine:
                depends.append(f"they own {_quoted(a.name for a in mine)}")
            if led:
                org_name = facts.name_of(person.organisation or "")
                depends.append(
                    f"they are the only current person of {org_name}, which leads "
                    f"{_quoted(a.name for a in led)}"
                )
            parts.append(
                ": ".join([depends[0], "; ".join(depends[1:])])
                + f" ({options.min_activities} or more is a finding)"
            )
        if chair_org is not None:
            parts.append(f"they chair the partnership as {chair_org}'s only current person")
        yield Hit(
            person.id,
            f"'{person.name}': " + "; and ".join(parts),
            facts.person_path(person.id),
        )


def _sole_chairs(facts: Facts) -> dict[str, str]:
    """Person id -> chairing organisation's name, for each current chair who is their
    organisation's only current person."""
    out: dict[str, str] = {}
    for _, chair in facts.current_chairs:
        people = facts.current_people_of(chair.organisation)
        if len(people) != 1:
            continue
        if chair.person is None or chair.person == people[0].id:
            out[people[0].id] = facts.name_of(chair.organisation)
    return out


class ChangeWindowOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    window_months: int = Field(
        24, ge=1, description="Months, counted back from the as-of date, in which to look."
    )
    grace_days: int = Field(
        60,
        ge=0,
        description="Days the partnership has to respond to a change before it is a finding.",
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
    """Finds a change the partnership has not responded to.

    What it finds:
    A change dated within the `window_months` months up to the as-of date, more than
    `grace_days` days before it, with no `response` (or a blank one). The message quotes
    the change's description and names the organisations it affects. The finding is about
    the first organisation under `affects`, else about the partnership.

    Why it matters:
    Policy shifts, restructures and staff moves in member organisations change what the
    partnership can do. A change nobody responded to is one the partnership has not
    adapted to: its plans rest on conditions that no longer hold. A change of the last
    few weeks is given time for the partners to meet and respond.

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
        age = (facts.as_of - change.date).days
        if age <= options.grace_days:
            continue
        subject = change.affects[0] if change.affects else "partnership"
        about = [change.date.isoformat()]
        if change.type is not None:
            about.insert(0, change.type.value)
        if change.affects:
            about.append(f"affecting {facts.names_of(change.affects)}")
        yield Hit(
            subject,
            f"'{_cut(change.description)}' ({', '.join(about)}) has no recorded response "
            f"after {age} days; the partnership has {options.grace_days} days to respond",
            ("changes", index),
        )


def _cut(text: str) -> str:
    """A description on one line, cut to `MAX_QUOTE` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_QUOTE else flat[: MAX_QUOTE - 1].rstrip() + "…"


class LapsedContactOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_gap_days: int = Field(
        120, ge=0, description="Days before the as-of date within which a meeting must fall."
    )
    max_body_gap_days: int = Field(
        180,
        ge=0,
        description=(
            "Days before the as-of date within which each decision body that has met must "
            "meet again."
        ),
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
    """Finds a partnership, or a decision body, that has stopped meeting.

    What it finds:
    Meetings are recorded, and none was held within `max_gap_days` days before the as-of
    date (a meeting exactly `max_gap_days` days before still counts). Also, for each
    decision body (`governance.bodies`) that has met on or before the as-of date and has
    not been wound up (no `to`, or a `to` after the as-of date), none of its meetings
    within `max_body_gap_days` days (the finding is about the body).

    Why it matters:
    Contact keeps the partnership alive through change: without it, new representatives
    are never introduced, changes in member organisations go unnoticed, and trust fades.
    A board that has quietly stopped meeting leaves its decisions to nobody.

    How to fix:
    Hold a meeting of the partners (or of the body), and agree how often they will meet.

    For the file:
    Record each meeting under `meetings`, and `to` on a body that has been wound up.

    Example:
    ```yaml
    meetings:
      - {date: 2026-01-15, attended: [council]}
    ```
    """
    meetings = facts.partnership.meetings
    held = [(m.date, i) for i, m in enumerate(meetings) if m.date <= facts.as_of]
    as_of = facts.as_of.isoformat()
    if not held:
        yield Hit(
            "partnership",
            f"no meeting is recorded on or before {as_of} ({len(meetings)} recorded after it)",
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
    governance = facts.partnership.governance
    if governance is None:
        return
    latest: dict[str, dt.date] = {}
    for day, number in held:
        met = meetings[number].body
        if met is not None and (met not in latest or day > latest[met]):
            latest[met] = day
    for number, body in enumerate(governance.bodies):
        if (body.to is not None and body.to <= facts.as_of) or body.id not in latest:
            continue
        body_gap = (facts.as_of - latest[body.id]).days
        if body_gap > options.max_body_gap_days:
            yield Hit(
                body.id,
                f"'{body.name}' last met on {latest[body.id].isoformat()}, {body_gap} days "
                f"before {as_of} (the limit is {options.max_body_gap_days} days)",
                ("governance", "bodies", number),
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
        label = f"'{activity.name}' ({activity.status.value})"
        departure = _org_departure(facts, activity.lead)
        left = _person_left(facts, activity.owner)
        parts = []
        if departure and activity.lead:
            parts.append(f"is led by {facts.name_of(activity.lead)}, which {departure}")
        if left and activity.owner:
            parts.append(
                f"is owned by {facts.person_name(activity.owner)}, who left on {left.isoformat()}"
            )
        if parts:
            yield Hit(
                activity.id,
                f"{label} {'; it '.join(parts)}",
                (*activity_path, "lead" if departure else "owner"),
            )
    for index, chair in facts.current_chairs:
        chair_path = ("governance", "chairs", index)
        departure = _org_departure(facts, chair.organisation)
        left = _person_left(facts, chair.person)
        parts = []
        if departure:
            parts.append(f"is held by {facts.name_of(chair.organisation)}, which {departure}")
        if left and chair.person:
            parts.append(
                f"is held for {facts.name_of(chair.organisation)} by "
                f"{facts.person_name(chair.person)}, who left on {left.isoformat()}"
            )
        if parts:
            yield Hit(
                chair.organisation,
                f"the current chair {'; it '.join(parts)}",
                (*chair_path, "organisation" if departure else "person"),
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
            f"before {facts.as_of.isoformat()} (the limit is {options.max_months} months)",
            ("partnership", "last_reviewed"),
        )


class FundingCliffOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_share: float = Field(
        0.25,
        ge=0,
        le=1,
        description=(
            "Share of the current year's cash (per currency) at which ending funding is a cliff."
        ),
    )
    horizon_months: int = Field(
        6,
        ge=1,
        description="Months either side of the as-of date in which an ending counts.",
    )


CURRENT_YEAR_MONTHS = 12
"""*The current year* of CG507: the 12 months up to the as-of date."""


def _in_current_year(facts: Facts, item: Funding) -> bool:
    """Whether an entry covers some of the 12 months up to the as-of date (undated: yes)."""
    start, end = funding_period(item)
    if start is not None and start > facts.as_of:
        return False
    return end is None or end > facts.window_start(CURRENT_YEAR_MONTHS)


def _continues(earlier: Funding, later: Funding) -> bool:
    """Whether `later` starts after `earlier` starts and runs beyond its end (a renewal)."""
    start, end = funding_period(earlier)
    next_start, next_end = funding_period(later)
    if end is None or next_start is None:
        return False
    if start is not None and next_start <= start:
        return False
    return next_end is None or next_end > end


def _money(amount: float, currency: str) -> str:
    whole = amount == int(amount)
    return f"{amount:,.0f} {currency}" if whole else f"{amount:,.2f} {currency}"


@rule(
    "CG507",
    "funding-cliff",
    PRINCIPLE,
    Severity.WARNING,
    options=FundingCliffOptions,
    needs=("funding",),
)
def funding_cliff(facts: Facts, options: FundingCliffOptions) -> Iterator[Hit]:
    """Finds a large source of cash that is ending with nothing to follow it.

    What it finds:
    A cash funding entry (not `in_kind`) that makes up at least `min_share` of the cash of
    the current year in its currency, whose `to_date` falls within `horizon_months` months
    after the as-of date or fell within `horizon_months` before it, while no cash funding
    from the same organisation starts after it. The current year is the 12 months up to
    the as-of date: an entry is part of it when the dates it covers (`from_date`/`to_date`,
    or the whole of its `year`) overlap them; an entry with neither counts too. Funding
    starts after an entry when it starts later and runs beyond the entry's end (a renewal
    that overlaps the old funding counts). The finding is about the funder, whatever its
    roles: money counts whoever gives it.

    Why it matters:
    Change often arrives as money ending. A partnership that loses a quarter of its cash
    without a plan loses staff, activities and the trust that it can keep its promises;
    seen six months ahead it can be replaced, renegotiated or planned down.

    How to fix:
    Talk to the funder about renewal and record the new funding once agreed; look for
    other funders; or agree with the partners which work stops, and record the decision.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: lottery, name: Lottery Fund, roles: [funder]}
    funding:
      - {from: council, amount: 20000, from_date: 2026-04-01, to_date: 2028-03-31}
      - {from: lottery, amount: 60000, from_date: 2024-04-01, to_date: 2027-01-31}
    ```
    """
    items = list(enumerate(facts.partnership.funding))
    cash = [(i, f) for i, f in items if not f.in_kind and _in_current_year(facts, f)]
    totals: dict[str, float] = {}
    for _, item in cash:
        totals[item.currency] = totals.get(item.currency, 0.0) + item.amount
    before = add_months(facts.as_of, -options.horizon_months)
    after = add_months(facts.as_of, options.horizon_months)
    for index, item in cash:
        end = item.to_date
        if end is None or not before < end <= after:
            continue
        part = item.amount / totals[item.currency]
        if part < options.min_share:
            continue
        if any(
            other is not item
            and other.from_ == item.from_
            and not other.in_kind
            and _continues(item, other)
            for _, other in items
        ):
            continue
        when = f"ends on {end.isoformat()}" if end > facts.as_of else f"ended on {end.isoformat()}"
        yield Hit(
            item.from_,
            f"{_money(item.amount, item.currency)} of cash from {facts.name_of(item.from_)}, "
            f"{percent(item.amount, totals[item.currency])} of the cash in {item.currency} in "
            f"the 12 months to {facts.as_of.isoformat()}, {when} and no later funding from it "
            f"is recorded ({share(options.min_share)} or more ending within "
            f"{options.horizon_months} months is a cliff)",
            ("funding", index, "to_date"),
        )


@rule("CG508", "single-representative", PRINCIPLE, Severity.INFO, needs=("people",))
def single_representative(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a key member that depends on a single person.

    What it finds:
    A member that leads a planned, live (active or completed) or stalled activity, or has
    the `lead` or `convener` role, and has exactly one current person. The message names
    the person and every reason the member is key. A member with no current person is
    left to CG403; observers are not members.

    Why it matters:
    When one person carries an organisation's key part in the partnership, their leaving,
    illness or change of job leaves the organisation's work without a voice, and what
    they knew goes with them.

    How to fix:
    Ask the organisation to name a second person (a deputy) who takes part alongside the
    first and can step in.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council, roles: [lead]}
    people:
      - {id: ann, name: Ann Lee, organisation: council}
    ```
    """
    leads: dict[str, list[str]] = {}
    for activity in facts.partnership.activities:
        if activity.lead and activity.status in DEPENDING_STATUSES:
            leads.setdefault(activity.lead, []).append(activity.name)
    for org in facts.members:
        people = facts.current_people_of(org.id)
        if len(people) != 1:
            continue
        reasons: list[str] = []
        if org.id in leads:
            reasons.append(f"leads {_quoted(leads[org.id])}")
        roles = [r.value for r in org.roles if r in (Role.LEAD, Role.CONVENER)]
        if roles:
            reasons.append(f"has the {' and '.join(roles)} role")
        if reasons:
            yield Hit(
                org.id,
                f"'{org.name}' {' and '.join(reasons)}, with one current person, {people[0].name}",
                facts.org_path(org.id),
            )


class RoleChurnOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_people: int = Field(
        3,
        ge=2,
        description="How many people in one organisation's role within the window make churn.",
    )
    window_months: int = Field(
        48, ge=1, description="Months, counted back from the as-of date, in which to count."
    )


@rule(
    "CG509",
    "role-churn",
    PRINCIPLE,
    Severity.WARNING,
    options=RoleChurnOptions,
    needs=("people",),
)
def role_churn(facts: Facts, options: RoleChurnOptions) -> Iterator[Hit]:
    """Finds a member whose representative in one role keeps changing.

    What it finds:
    At least `min_people` people who held the same `role` for the same member organisation
    at some time within the `window_months` months up to the as-of date (three police
    commanders in four years). Roles are compared ignoring case and spacing; people with
    no `role` are not counted, and people holding the role at the same time count each.
    The finding is about the organisation; the message names the people and when they
    left.

    Why it matters:
    Each new holder of a role starts again: relationships, knowledge of the partnership
    and the commitments their predecessor made must be rebuilt. A partnership that keeps
    losing the person in a key role needs a way to hand over, not only a new name.

    How to fix:
    Agree with the organisation how the role is handed over (a briefing, a deputy who
    stays, a written record of commitments), and record it as a `change` with its
    `response`.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: police, name: City Police}
    people:
      - {id: ann, name: Ann Lee, organisation: police, role: Commander, left: 2024-02-29}
      - id: bob
        name: Bob Khan
        organisation: police
        role: Commander
        joined: 2024-03-01
        left: 2025-08-31
      - {id: cat, name: Cat Diaz, organisation: police, role: commander, joined: 2025-09-01}
    ```
    """
    start = facts.window_start(options.window_months)
    holders: dict[tuple[str, str], list[Person]] = {}
    for person in facts.partnership.people:
        if not person.role or person.organisation not in facts.member_ids:
            continue
        joined = person.joined or facts.established
        if joined is not None and joined > facts.as_of:
            continue
        if person.left is not None and person.left <= start:
            continue
        key = (person.organisation, " ".join(person.role.lower().split()))
        holders.setdefault(key, []).append(person)
    for (org_id, _), people in holders.items():
        if len(people) < options.min_people:
            continue
        described = [
            f"{p.name} (left {p.left.isoformat()})"
            if p.left is not None and p.left <= facts.as_of
            else p.name
            for p in people
        ]
        yield Hit(
            org_id,
            f"{len(people)} people have held the role '{(people[0].role or '').strip()}' for "
            f"{facts.name_of(org_id)} in the {options.window_months} months to "
            f"{facts.as_of.isoformat()} ({options.min_people} or more is churn): "
            f"{_names(described)}",
            facts.org_path(org_id),
        )


@strength(
    "GP501",
    "change-managed",
    PRINCIPLE,
    needs=("changes",),
    contradicted_by=("CG503",),
)
def change_managed(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Finds a partnership that has responded to every change it recorded.

    What it finds:
    At least one change dated within CG503's `window_months` (24) months up to the as-of
    date, and every one of them has a `response`.

    Why it matters:
    Change is constant in partnerships; what matters is that the partners notice it and
    adapt. A record of changes with a response to each shows that they do.

    Example:
    ```yaml
    changes:
      - date: 2026-03-01
        type: restructure
        description: Council merged its regeneration and housing teams
        affects: [council]
        response: The new housing director joined the board
    ```
    """
    months = getattr(options["CG503"], "window_months", 24)
    recent = [c for c in facts.partnership.changes if facts.within(c.date, months)]
    if not recent or any(c.response is None or not c.response.strip() for c in recent):
        return
    what = every(len(recent), "change")
    yield Hit(
        "partnership",
        f"{what} recorded in the {months} months to {facts.as_of.isoformat()} "
        f"{'has' if len(recent) == 1 else 'have'} a response from the partnership",
        ("changes",),
    )

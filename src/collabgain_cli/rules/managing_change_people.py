"""Principle 5, managing change: the people who carry the partnership's work come and go.

Turnover, key people and single representatives, work or a chair left behind by someone who
has gone, and roles whose holder keeps changing. The changes, meetings, reviews and funding
the partnership must keep up with are in `managing_change`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..analysis.dates import percent, share
from ..analysis.facts import org_names
from ..findings import Severity
from ..model import Activity, ActivityStatus, OrgStatus, Person, Role
from . import Hit, PathKey, about_org, about_person, rule
from .managing_change import PRINCIPLE
from .options import NoOptions, Options, count_option, share_option, window_option

if TYPE_CHECKING:
    from ..analysis.facts import Facts


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


class TurnoverOptions(Options):
    max_rate: float = share_option(
        0.25, "Share of the people taking part in the window who may leave within it."
    )
    window_months: int = window_option(
        12, "Months, counted back from the as-of date, over which to count."
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


class KeyPersonOptions(Options):
    min_activities: int = count_option(
        2,
        "How many planned, live or stalled activities depending on one person make a finding.",
        least=1,
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
        yield about_person(facts, person.id, f"'{person.name}': " + "; and ".join(parts))


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
        if activity.status in OPEN_STATUSES:
            yield from _left_behind(
                facts,
                (activity.id, f"'{activity.name}' ({activity.status.value})"),
                ("activities", index),
                (activity.lead, "lead", "is led by {org}"),
                (activity.owner, "owner", "is owned by {person}"),
            )
    for index, chair in facts.current_chairs:
        yield from _left_behind(
            facts,
            (chair.organisation, "the current chair"),
            ("governance", "chairs", index),
            (chair.organisation, "organisation", "is held by {org}"),
            (chair.person, "person", "is held for {org} by {person}"),
        )


def _left_behind(
    facts: Facts,
    about: tuple[str, str],
    path: PathKey,
    org: tuple[str | None, str, str],
    person: tuple[str | None, str, str],
) -> Iterator[Hit]:
    """CG505 on work or a chair: its organisation and person are each (id, key, wording)."""
    org_id, org_key, org_says = org
    person_id, person_key, person_says = person
    departure = _org_departure(facts, org_id)
    left = _person_left(facts, person_id)
    names = {
        "org": facts.name_of(org_id) if org_id else "",
        "person": facts.person_name(person_id) if person_id else "",
    }
    parts = []
    if departure:
        parts.append(f"{org_says.format(**names)}, which {departure}")
    if left:
        parts.append(f"{person_says.format(**names)}, who left on {left.isoformat()}")
    if parts:
        subject, label = about
        yield Hit(
            subject, f"{label} {'; it '.join(parts)}", (*path, org_key if departure else person_key)
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
            yield about_org(
                facts,
                org.id,
                f"'{org.name}' {' and '.join(reasons)}, with one current person, {people[0].name}",
            )


class RoleChurnOptions(Options):
    min_people: int = count_option(
        3, "How many people in one organisation's role within the window make churn.", least=2
    )
    window_months: int = window_option(
        48, "Months, counted back from the as-of date, in which to count."
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
        yield about_org(
            facts,
            org_id,
            f"{len(people)} people have held the role '{(people[0].role or '').strip()}' for "
            f"{facts.name_of(org_id)} in the {options.window_months} months to "
            f"{facts.as_of.isoformat()} ({options.min_people} or more is churn): "
            f"{_names(described)}",
        )

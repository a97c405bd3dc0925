"""Principle 1, managing aims: partners' motivations may be explicit, assumed or hidden."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from ..analysis.dates import months_between, percent, plural, share, window_start
from ..analysis.facts import org_names
from ..findings import Severity
from ..model import ActivityStatus, AimStatus, Role, SharedAim, Stated
from . import Hit, RuleOptions, about_org, rule, strength
from .options import NoOptions, Options, count_option, share_option
from .shared import age_in_months, by_status

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "managing-aims"

_KEY_ROLES = (Role.LEAD, Role.CONVENER)
"""Members whose agreement an agreed aim cannot do without (RULES.md, CG104)."""

_SERVING = frozenset({ActivityStatus.PLANNED, ActivityStatus.ACTIVE, ActivityStatus.COMPLETED})
"""Live or planned work: what can be said to serve an aim."""


def _aim(aim: SharedAim) -> str:
    return f"shared aim '{aim.text}'"


@rule("CG101", "missing-purpose", PRINCIPLE, Severity.ERROR)
def missing_purpose(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a partnership with no stated purpose.

    What it finds:
    `partnership.purpose` is absent or blank.

    Why it matters:
    Collaborative advantage comes from achieving something that no partner could achieve
    alone. Without a written purpose, partners fill the gap with their own aims and the
    partnership drifts between them.

    How to fix:
    Agree the overall purpose at the next meeting, in one or two sentences that no partner could
    achieve alone.

    For the file:
    Write it under `partnership.purpose`.

    Example:
    ```yaml
    partnership:
      name: Riverside Partnership
    ```
    """
    purpose = facts.partnership.partnership.purpose
    if purpose is None or not purpose.strip():
        yield Hit(
            "partnership",
            "the partnership has no stated purpose (partnership.purpose is empty)",
            ("partnership",),
        )


@rule("CG102", "unstated-aims", PRINCIPLE, Severity.WARNING)
def unstated_aims(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a member that records no aims of its own.

    What it finds:
    A member (an active organisation that is not an observer) whose `aims` list is empty.
    Observers and outside funders (`roles: [observer]` or `[funder, observer]`) do not take
    part, so they need no aims of their own.

    Why it matters:
    Every partner has its own reasons for taking part. Unrecorded motivations cannot be
    discussed, and surface later as conflict over priorities.

    How to fix:
    Ask the organisation what it wants from the partnership, and share the answer with the other
    partners.

    For the file:
    Record it under the organisation's `aims`, marking whether it is `explicit`, `assumed` or
    `hidden`.

    Example:
    ```yaml
    organisations:
      - id: council
        name: City Council
    ```
    """
    for org in facts.members:
        if not org.aims:
            yield about_org(facts, org.id, f"'{org.name}' records no aims of its own")


@rule("CG103", "hidden-aims", PRINCIPLE, Severity.WARNING)
def hidden_aims(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a member that keeps an aim hidden, or whose aims are all assumed.

    What it finds:
    A member with at least one aim `stated: hidden`, or whose aims are all `stated:
    assumed`. One finding per member; the message counts its explicit, assumed and hidden
    aims. An explicit aim beside a hidden one does not make the hidden one shared.

    Why it matters:
    Aims that are assumed by others or known only to some partners are a common source of
    mistrust: partners act on guesses about each other's motives. One hidden agenda is
    enough to do that, however many aims are stated openly beside it.

    How to fix:
    Discuss the organisation's aims openly, so that what it wants from the partnership is
    stated, not guessed.

    For the file:
    Mark the aims it shares as `stated: explicit`.

    Example:
    ```yaml
    organisations:
      - id: developer
        name: Quayside Developments
        aims:
          - {text: A lively waterfront, stated: explicit}
          - {text: Planning consent for the quay site, stated: hidden}
    ```
    """
    for org in facts.members:
        if not org.aims:
            continue
        explicit = sum(1 for a in org.aims if a.stated is Stated.EXPLICIT)
        assumed = sum(1 for a in org.aims if a.stated is Stated.ASSUMED)
        hidden = sum(1 for a in org.aims if a.stated is Stated.HIDDEN)
        counts = f"{explicit} explicit, {assumed} assumed, {hidden} hidden"
        if hidden and len(org.aims) == 1:
            message = f"the only aim of '{org.name}' is hidden ({counts})"
        elif hidden:
            message = (
                f"'{org.name}' keeps {hidden} of its {plural(len(org.aims), 'aim')} hidden "
                f"({counts})"
            )
        elif assumed == len(org.aims) == 1:
            message = f"the only aim of '{org.name}' is assumed by partners, not stated ({counts})"
        elif assumed == len(org.aims):
            message = (
                f"'{org.name}' states none of its {len(org.aims)} aims: partners assume them all "
                f"({counts})"
            )
        else:
            continue
        yield Hit(org.id, message, (*facts.org_path(org.id), "aims"))


class AimsNotAgreedOptions(Options):
    min_agreement: float = share_option(
        0.75, "Share of members that must have agreed an aim recorded as agreed."
    )
    grace_months: int = count_option(
        6, ("Months an aim may stay proposed (from `aims[].proposed`) before it is reported.")
    )


@rule(
    "CG104",
    "aims-not-agreed",
    PRINCIPLE,
    Severity.WARNING,
    options=AimsNotAgreedOptions,
    needs=("aims",),
)
def aims_not_agreed(facts: Facts, options: AimsNotAgreedOptions) -> Iterator[Hit]:
    """Finds a shared aim that the partners have not really agreed.

    What it finds:
    A shared aim that is `disputed`; or `agreed` but not by every member with the `lead` or
    `convener` role, or by fewer than `min_agreement` of the members (the message gives
    every condition that holds and names the members that have not agreed); or `proposed`
    since more than `grace_months` months before the as-of date (its `proposed` date). A
    proposed aim with no `proposed` date is reported as `info`: how long it has waited is
    not recorded. A newer proposal is not a dispute and is left alone; so are `achieved`
    and `dropped` aims. Members are active organisations that are not observers: an
    outside funder's agreement is neither needed nor counted.

    Why it matters:
    A shared aim that key partners have not signed up to is not shared: work towards it
    will lack their support, and the dispute will resurface. A proposal left open for
    months is an unresolved disagreement in disguise.

    How to fix:
    Take the aim to the partners, and reword or drop it if agreement cannot be reached.

    For the file:
    Record who agrees in `agreed_by`, and when an aim was proposed under `proposed`.

    Example:
    ```yaml
    aims:
      - id: jobs
        text: 500 local jobs by 2028
        status: disputed
    ```
    """
    members = [o.id for o in facts.members]
    key_members = [o.id for o in facts.members if facts.has_role(o, *_KEY_ROLES)]
    since = window_start(facts.as_of, options.grace_months)
    for index, aim in enumerate(facts.partnership.aims):
        path = ("aims", index)
        if aim.status is AimStatus.DISPUTED:
            yield Hit(aim.id, f"{_aim(aim)} is disputed", path)
        elif aim.status is AimStatus.PROPOSED:
            if aim.proposed is None:
                yield Hit(
                    aim.id,
                    f"{_aim(aim)} is proposed, not agreed, and when it was proposed is not "
                    "recorded (aims[].proposed)",
                    path,
                    Severity.INFO,
                )
            elif aim.proposed < since:
                yield Hit(
                    aim.id,
                    f"{_aim(aim)} has been proposed since {aim.proposed.isoformat()} and is "
                    f"still not agreed, past the {options.grace_months}-month grace period",
                    (*path, "proposed"),
                )
        elif aim.status is AimStatus.AGREED and members:
            message = _not_agreed_widely(facts, aim, members, key_members, options.min_agreement)
            if message:
                yield Hit(aim.id, message, path)


def _not_agreed_widely(
    facts: Facts,
    aim: SharedAim,
    members: list[str],
    key_members: list[str],
    min_agreement: float,
) -> str | None:
    """Every condition under which an agreed aim is not agreed enough, in one sentence."""
    agreed = set(aim.agreed_by)
    missing_key = [o for o in key_members if o not in agreed]
    count = sum(1 for o in members if o in agreed)
    conditions = []
    if missing_key:
        conditions.append(f"not by {facts.names_of(missing_key)} (lead or convener)")
    if round(count / len(members), 9) < min_agreement:
        conditions.append(
            f"by only {count} of {len(members)} members ({percent(count, len(members))}; "
            f"at least {share(min_agreement)} must agree)"
        )
    if not conditions:
        return None
    message = f"{_aim(aim)} is recorded as agreed, but {' and '.join(conditions)}"
    not_agreed = [o for o in members if o not in agreed]
    if not_agreed != missing_key:
        message += f"; not agreed by {facts.names_of(not_agreed)}"
    return message


class GraceOptions(Options):
    grace_months: int = count_option(
        6, "Months a new partnership may take to agree an aim or start work."
    )


@rule(
    "CG105",
    "waiting-for-agreement",
    PRINCIPLE,
    Severity.WARNING,
    options=GraceOptions,
    needs=("established",),
)
def waiting_for_agreement(facts: Facts, options: GraceOptions) -> Iterator[Hit]:
    """Finds a partnership waiting for full agreement before it acts.

    What it finds:
    A partnership older than `grace_months` with no shared aim `agreed` and no live activity
    (`active` or `completed`). An `achieved` aim counts as agreed: it was agreed on the way.

    Why it matters:
    Waiting for every aim to be agreed before doing anything is a classic way for a
    partnership to stall: trust comes from acting together on what is already agreed.

    How to fix:
    Agree one modest aim that everyone can support and start a small joint activity on it.

    Example:
    ```yaml
    partnership: {name: Example, established: 2025-01-01, as_of: 2026-11-01}
    aims:
      - {id: jobs, text: More local jobs, status: proposed}
    ```
    """
    age = age_in_months(facts)
    if age <= options.grace_months:
        return
    aims = facts.partnership.aims
    if any(a.status in (AimStatus.AGREED, AimStatus.ACHIEVED) for a in aims):
        return
    activities = facts.partnership.activities
    if any(facts.is_live(a) for a in activities):
        return
    aims_said = by_status(a.status.value for a in aims)
    work_said = by_status(a.status.value for a in activities)
    yield Hit(
        "partnership",
        f"established {age} months ago (the grace period is {options.grace_months} months), "
        f"yet no shared aim is agreed ({aims_said}) and no activity is active or completed "
        f"({work_said})",
        ("partnership", "established"),
    )


@rule("CG106", "activity-without-aim", PRINCIPLE, Severity.INFO, needs=("aims", "activities"))
def activity_without_aim(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds joint work that serves no shared aim.

    What it finds:
    A live or planned activity (`planned`, `active` or `completed`) of a joint kind whose
    `aims` list is empty, where the partnership has shared aims. Information-sharing,
    networking events and consultation are interaction rather than joint work and need no
    aim; neither does stalled or cancelled work.

    Why it matters:
    Work that is not linked to a shared aim may be serving one partner's agenda, and it
    cannot show what the partnership is achieving.

    How to fix:
    Ask which shared aim the activity serves, or whether the partnership should be doing it.

    For the file:
    List the shared aims it serves under the activity's `aims`.

    Example:
    ```yaml
    aims:
      - {id: jobs, text: More local jobs, status: agreed}
    activities:
      - {id: gala, name: Summer gala, type: joint-delivery}
    ```
    """
    for index, activity in enumerate(facts.partnership.activities):
        if activity.status not in _SERVING or not facts.is_joint_kind(activity):
            continue
        if not activity.aims:
            yield Hit(
                activity.id,
                f"'{activity.name}' ({activity.status.value}) serves no shared aim",
                ("activities", index),
            )


@rule("CG107", "aim-without-activity", PRINCIPLE, Severity.INFO, needs=("aims", "activities"))
def aim_without_activity(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an agreed shared aim that no work serves.

    What it finds:
    A shared aim with status `agreed` that no live or planned activity (`planned`, `active`
    or `completed`) lists under its `aims`. Stalled or cancelled work is named in the
    message but does not serve the aim.

    Why it matters:
    An aim the partners agreed but nobody works towards is a statement, not a plan: the
    agreement costs nothing, and the partners learn that agreeing changes nothing.

    How to fix:
    Plan an activity towards the aim, or agree that the partners no longer pursue it.

    For the file:
    List the aim under the activity's `aims`, or mark the aim `dropped`.

    Example:
    ```yaml
    aims:
      - {id: jobs, text: More local jobs, status: agreed}
    activities:
      - {id: gala, name: Summer gala, status: active}
    ```
    """
    activities = facts.partnership.activities
    for index, aim in enumerate(facts.partnership.aims):
        if aim.status is not AimStatus.AGREED:
            continue
        serving = [a for a in activities if aim.id in a.aims]
        if any(a.status in _SERVING for a in serving):
            continue
        message = f"{_aim(aim)} is agreed, but no planned or live activity serves it"
        if serving:
            stopped = org_names(f"'{a.name}' ({a.status.value})" for a in serving)
            message += f"; it is served only by {stopped}"
        yield Hit(aim.id, message, ("aims", index))


_CLOSED = frozenset({AimStatus.ACHIEVED, AimStatus.DROPPED})


@rule("CG108", "aim-past-target", PRINCIPLE, Severity.WARNING, needs=("aims",))
def aim_past_target(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a shared aim whose target date has passed without it being achieved or dropped.

    What it finds:
    A shared aim whose `target_date` is before the as-of date and whose status is not
    `achieved` or `dropped`.

    Why it matters:
    A missed target that nobody revisits tells partners that the partnership's aims are not
    meant seriously. Saying openly that an aim was achieved, is late, or is given up keeps
    the shared aims honest.

    How to fix:
    Review the aim with the partners: was it achieved, is it still pursued and by when, or has
    it been given up?

    For the file:
    Mark it `achieved`, set a new `target_date`, or mark it `dropped`.

    Example:
    ```yaml
    aims:
      - {id: jobs, text: More local jobs, status: agreed, target_date: 2026-03-31}
    ```
    """
    for index, aim in enumerate(facts.partnership.aims):
        target = aim.target_date
        if target is None or target >= facts.as_of or aim.status in _CLOSED:
            continue
        late = months_between(target, facts.as_of)
        ago = plural(late, "month") if late else plural((facts.as_of - target).days, "day")
        yield Hit(
            aim.id,
            f"{_aim(aim)} was due by {target.isoformat()}, {ago} ago, and is still "
            f"{aim.status.value}, neither achieved nor dropped",
            ("aims", index, "target_date"),
        )


@strength("GP101", "aims-agreed-widely", PRINCIPLE, needs=("aims",), contradicted_by=("CG104",))
def aims_agreed_widely(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Shared aims that most members have agreed.

    What it finds:
    At least one shared aim is `agreed`, and every `agreed` shared aim is agreed by at least
    CG104's `min_agreement` share of the members (75% unless configured). Not shown beside
    a CG104 finding (an aim not really agreed).

    Why it matters:
    Aims that the members have explicitly signed up to are the ground for collaborative
    advantage: partners can hold each other to them, and work towards them has support.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    aims:
      - {id: jobs, text: More local jobs, status: agreed, agreed_by: [council, trust]}
    ```
    """
    limit = cast(AimsNotAgreedOptions, options["CG104"]).min_agreement
    members = facts.member_ids
    agreed = [
        (index, aim)
        for index, aim in enumerate(facts.partnership.aims)
        if aim.status is AimStatus.AGREED
    ]
    if not agreed or not members:
        return
    counts = [len(set(aim.agreed_by) & members) for _, aim in agreed]
    if any(round(count / len(members), 9) < limit for count in counts):
        return
    each = org_names(
        f"'{aim.text}' by {count}" for (_, aim), count in zip(agreed, counts, strict=True)
    )
    yield Hit(
        "partnership",
        f"every agreed shared aim is agreed by at least {share(limit)} of the "
        f"{plural(len(members), 'member')}: {each}",
        ("aims", agreed[0][0]),
    )

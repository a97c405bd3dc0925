"""Principle 1, managing aims: partners' motivations may be explicit, assumed or hidden."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.dates import months_between, percent, plural, share
from ..findings import Severity
from ..model import ActivityStatus, AimStatus, Role, Stated
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "managing-aims"


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
    Write the overall purpose in one or two sentences under `partnership.purpose`, and agree
    it at the next meeting.

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
    """Finds an active organisation that records no aims of its own.

    What it finds:
    An active organisation whose `aims` list is empty.

    Why it matters:
    Every partner has its own reasons for taking part. Unrecorded motivations cannot be
    discussed, and surface later as conflict over priorities.

    How to fix:
    Ask the organisation what it wants from the partnership and record it under its `aims`,
    marking whether it is `explicit`, `assumed` or `hidden`.

    Example:
    ```yaml
    organisations:
      - id: council
        name: City Council
    ```
    """
    for org in facts.active_orgs:
        if not org.aims:
            yield Hit(
                org.id,
                f"active organisation '{org.id}' records no aims of its own",
                facts.org_path(org.id),
            )


@rule("CG103", "hidden-aims", PRINCIPLE, Severity.WARNING)
def hidden_aims(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an active organisation whose aims are all assumed or hidden.

    What it finds:
    An active organisation that records aims, none of them `explicit` (one finding per
    organisation, counting how many are assumed and how many hidden).

    Why it matters:
    Aims that are assumed by others or known only to some partners are a common source of
    mistrust: partners act on guesses about each other's motives.

    How to fix:
    Discuss the organisation's aims openly and mark those it shares as `stated: explicit`.

    Example:
    ```yaml
    organisations:
      - id: developer
        name: Quayside Developments
        aims:
          - {text: Planning consent for the quay site, stated: hidden}
    ```
    """
    for org in facts.active_orgs:
        if org.aims and all(a.stated is not Stated.EXPLICIT for a in org.aims):
            assumed = sum(1 for a in org.aims if a.stated is Stated.ASSUMED)
            hidden = sum(1 for a in org.aims if a.stated is Stated.HIDDEN)
            yield Hit(
                org.id,
                f"'{org.id}' has no explicit aim ({plural(len(org.aims), 'aim')}: "
                f"{assumed} assumed, {hidden} hidden)",
                (*facts.org_path(org.id), "aims"),
            )


class AimsNotAgreedOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_agreement: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Share of active organisations that must have agreed an agreed aim.",
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
    A shared aim that is `proposed` or `disputed`; or `agreed` but not by every active
    organisation with a `lead`, `funder` or `convener` role; or agreed by fewer than
    `min_agreement` of the active organisations.

    Why it matters:
    A shared aim that key partners have not signed up to is not shared: work towards it
    will lack their support, and the dispute will resurface.

    How to fix:
    Take the aim to the partners, record who agrees in `agreed_by`, and reword or drop it if
    agreement cannot be reached.

    Example:
    ```yaml
    aims:
      - id: jobs
        text: 500 local jobs by 2028
        status: disputed
    ```
    """
    active = facts.active_ids
    key_orgs = [
        o.id for o in facts.active_orgs if facts.has_role(o, Role.LEAD, Role.FUNDER, Role.CONVENER)
    ]
    for index, aim in enumerate(facts.partnership.aims):
        path = ("aims", index)
        if aim.status in (AimStatus.PROPOSED, AimStatus.DISPUTED):
            yield Hit(aim.id, f"shared aim '{aim.id}' is {aim.status.value}, not agreed", path)
            continue
        if aim.status is not AimStatus.AGREED:
            continue
        agreed = set(aim.agreed_by) & active
        missing = [o for o in key_orgs if o not in agreed]
        if missing:
            yield Hit(
                aim.id,
                f"shared aim '{aim.id}' is agreed but not by {', '.join(missing)} "
                "(lead, funder or convener)",
                path,
            )
        elif active and len(agreed) / len(active) < options.min_agreement:
            yield Hit(
                aim.id,
                f"shared aim '{aim.id}' is agreed by {len(agreed)} of {len(active)} active "
                f"organisations ({percent(len(agreed), len(active))} < "
                f"{share(options.min_agreement)})",
                path,
            )


class GraceOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    grace_months: int = Field(
        6, ge=0, description="Months a new partnership may take to agree an aim or start work."
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
    A partnership older than `grace_months` with no shared aim `agreed` and no activity
    `active` or `completed`.

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
    established = facts.established
    assert established is not None  # guaranteed by needs=("established",)
    age = months_between(established, facts.as_of)
    if age <= options.grace_months:
        return
    agreed = [a for a in facts.partnership.aims if a.status is AimStatus.AGREED]
    acting = [
        a
        for a in facts.partnership.activities
        if a.status in (ActivityStatus.ACTIVE, ActivityStatus.COMPLETED)
    ]
    if not agreed and not acting:
        yield Hit(
            "partnership",
            f"established {age} months ago (> {options.grace_months}), yet no shared aim is "
            "agreed and no activity is active or completed",
            ("partnership", "established"),
        )


@rule("CG106", "activity-without-aim", PRINCIPLE, Severity.INFO, needs=("aims", "activities"))
def activity_without_aim(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an activity that serves no shared aim.

    What it finds:
    An activity whose `aims` list is empty, where the partnership has shared aims.

    Why it matters:
    Work that is not linked to a shared aim may be serving one partner's agenda, and it
    cannot show what the partnership is achieving.

    How to fix:
    List the shared aims the activity serves under its `aims`, or ask whether the
    partnership should be doing it.

    Example:
    ```yaml
    aims:
      - {id: jobs, text: More local jobs, status: agreed}
    activities:
      - {id: gala, name: Summer gala}
    ```
    """
    for index, activity in enumerate(facts.partnership.activities):
        if not activity.aims:
            yield Hit(
                activity.id,
                f"activity '{activity.id}' is not linked to any shared aim",
                ("activities", index),
            )

"""Principle 7, active leadership: members who take part, and someone who guides the whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.dates import percent, share
from ..findings import Severity
from ..model import ActivityStatus, Meeting, Role
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "active-leadership"

MIN_MEETINGS = 3
"""Fewer meetings in the window say too little about who turns up."""

TAKING_PART = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE, ActivityStatus.COMPLETED)
"""Activity statuses that show a member taking part (not stalled or cancelled work)."""


class LowAttendanceOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_share: float = Field(
        0.5, ge=0, le=1, description="Smallest share of meetings a member should attend."
    )
    window_months: int = Field(
        12, ge=1, description="Months back from the as-of date whose meetings count."
    )


def _attendees(meeting: Meeting, org_of: dict[str, str | None]) -> set[str]:
    """Organisations at a meeting: those listed, and those whose people attended."""
    orgs = set(meeting.attended)
    orgs.update(org for person in meeting.people if (org := org_of.get(person)))
    return orgs


@rule(
    "CG701",
    "low-attendance",
    PRINCIPLE,
    Severity.WARNING,
    options=LowAttendanceOptions,
    needs=("meetings",),
)
def low_attendance(facts: Facts, options: LowAttendanceOptions) -> Iterator[Hit]:
    """Finds a member that seldom comes to the partnership's meetings.

    What it finds:
    An active organisation, a member for the whole window (active at its start and on the
    as-of date), that attended under `min_share` of the meetings dated within
    `window_months` (at least 3 meetings). An organisation attended a meeting when it is
    listed under `attended` or one of its people is listed under `people`; a meeting that
    records neither is not counted, since it says nothing about who came.

    Why it matters:
    Active leadership needs members who take part. A member that stays away cannot shape
    the agenda, and the others carry the work and start to question its commitment.

    How to fix:
    Ask the member why it stays away: the time, the place, the agenda or the person sent
    may not suit. Agree how it will take part, or record that it has become an observer.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    meetings:
      - {date: 2026-06-01, attended: [council]}
      - {date: 2026-07-01, attended: [council]}
      - {date: 2026-08-01, attended: [council, trust]}
      - {date: 2026-09-01, attended: [council]}
    ```
    """
    org_of = {p.id: p.organisation for p in facts.partnership.people}
    meetings = [
        m for m in facts.partnership.meetings if facts.within(m.date, options.window_months)
    ]
    attendance = [_attendees(m, org_of) for m in meetings if m.attended or m.people]
    if len(attendance) < MIN_MEETINGS:
        return
    unrecorded = len(meetings) - len(attendance)
    note = f"; {unrecorded} more record no attendance" if unrecorded else ""
    start = facts.window_start(options.window_months)
    # Counted once over the meetings, not once per organisation (that would be quadratic).
    attended_by = Counter(org_id for orgs in attendance for org_id in orgs)
    for org in facts.active_orgs:
        if not facts.is_active(org, on=start):
            continue
        attended = attended_by[org.id]
        if attended / len(attendance) < options.min_share:
            yield Hit(
                org.id,
                f"'{org.id}' attended {attended} of {len(attendance)} meetings in the "
                f"{options.window_months} months to {facts.as_of.isoformat()} "
                f"({percent(attended, len(attendance))} < {share(options.min_share)}){note}",
                facts.org_path(org.id),
            )


@rule("CG702", "no-guiding-hand", PRINCIPLE, Severity.WARNING)
def no_guiding_hand(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a partnership with nobody guiding it.

    What it finds:
    No chair in office on the as-of date (a `governance.chairs` entry with no `to`, or a `to`
    after the as-of date) and no active organisation with the `convener` role.

    Why it matters:
    Partnerships do not run themselves: someone has to convene meetings, move the agenda on
    and keep members engaged. Without a chair or a convener that work falls to nobody.

    How to fix:
    Appoint a chair, or agree which organisation convenes the partnership.

    For the file:
    Record the chair under `governance.chairs`, or give the convening organisation the
    `convener` role.

    Example:
    ```yaml
    governance:
      chairs:
        - {organisation: council, from: 2024-01-01, to: 2025-12-31}
    ```
    """
    if facts.current_chairs:
        return
    if any(facts.has_role(o, Role.CONVENER) for o in facts.active_orgs):
        return
    governance = facts.partnership.governance
    yield Hit(
        "partnership",
        f"no chair in office on {facts.as_of.isoformat()} and no active convener organisation",
        ("governance", "chairs") if governance is not None else ("organisations",),
    )


class StrengthsUnrecordedOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description=(
            "Smallest share of current people recording strengths, and of active "
            "organisations recording offers."
        ),
    )


@rule(
    "CG703",
    "strengths-unrecorded",
    PRINCIPLE,
    Severity.INFO,
    options=StrengthsUnrecordedOptions,
    needs=("people",),
)
def strengths_unrecorded(facts: Facts, options: StrengthsUnrecordedOptions) -> Iterator[Hit]:
    """Finds a partnership that does not know what its members bring.

    What it finds:
    Under `min_share` of the current people record `strengths`, or under `min_share` of the
    active organisations record `offers`: either gap is enough, since each leaves the
    partnership unable to see what it can draw on. The message gives both counts. When no
    person is current only the organisations are judged.

    Why it matters:
    Active leadership means drawing on what every member brings. Strengths that nobody has
    written down are overlooked, and work falls to the few partners whose capacities are
    known.

    How to fix:
    Ask each person and each organisation what they are good at and can offer.

    For the file:
    Record it under `people[].strengths` and `organisations[].offers`.

    Example:
    ```yaml
    people:
      - {id: ann, name: Ann Lee, organisation: council}
    ```
    """
    people = facts.current_people
    with_strengths = sum(1 for p in people if p.strengths)
    orgs = facts.active_orgs
    with_offers = sum(1 for o in orgs if o.offers)
    few_strengths = bool(people) and with_strengths / len(people) < options.min_share
    few_offers = bool(orgs) and with_offers / len(orgs) < options.min_share
    if not (few_strengths or few_offers):
        return
    strengths = (
        f"{with_strengths} of {len(people)} current people record strengths "
        f"({percent(with_strengths, len(people))})"
        if people
        else "no person is current"
    )
    yield Hit(
        "partnership",
        f"{strengths} and {with_offers} of {len(orgs)} active organisations record offers "
        f"({percent(with_offers, len(orgs))}); the minimum is {share(options.min_share)}",
        ("people",) if few_strengths else ("organisations",),
    )


class PassiveMemberOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    window_months: int = Field(
        24, ge=1, description="Months back from the as-of date in which activities count."
    )


@rule(
    "CG704",
    "passive-member",
    PRINCIPLE,
    Severity.INFO,
    options=PassiveMemberOptions,
    needs=("activities",),
)
def passive_member(facts: Facts, options: PassiveMemberOptions) -> Iterator[Hit]:
    """Finds a member that takes part in none of the partnership's work.

    What it finds:
    An active organisation that is neither `lead` nor among the `partners` of any activity
    that is `planned`, `active` or `completed` and overlaps `window_months` (an activity with
    no dates counts; one that ended before the window, or starts after the as-of date, does
    not).

    Why it matters:
    A member that only attends meetings adds little to what the partnership achieves, and
    leaves the work and its leadership to others.

    How to fix:
    Invite the member into an activity that uses what it offers, or agree that it takes
    part as an observer.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    activities:
      - {id: audit, name: Housing audit, status: active, lead: council}
    ```
    """
    involved: set[str] = set()
    for activity in facts.partnership.activities:
        if activity.status in TAKING_PART and facts.overlaps_window(
            activity, options.window_months
        ):
            involved.update(activity.partners)
            if activity.lead:
                involved.add(activity.lead)
    for org in facts.active_orgs:
        if org.id not in involved:
            yield Hit(
                org.id,
                f"'{org.id}' leads or partners in no planned, active or completed activity in "
                f"the {options.window_months} months to {facts.as_of.isoformat()}",
                facts.org_path(org.id),
            )

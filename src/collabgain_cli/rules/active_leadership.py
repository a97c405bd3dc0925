"""Principle 7, active leadership: members who take part, and someone who guides the whole."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from ..analysis.dates import every, percent, share
from ..analysis.facts import org_names
from ..findings import Severity
from ..model import ActivityStatus, Organisation, Role
from . import Hit, RuleOptions, about_org, rule, strength
from .options import NoOptions, Options, share_option, window_option

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "active-leadership"

MIN_MEETINGS = 3
"""Fewer meetings in the window say too little about who turns up."""

TAKING_PART = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE, ActivityStatus.COMPLETED)
"""Live or planned work: activity statuses that show a member taking part."""


class LowAttendanceOptions(Options):
    min_share: float = share_option(0.5, "Smallest share of its meetings a member should attend.")
    window_months: int = window_option(12, "Months back from the as-of date whose meetings count.")


class Attendance(NamedTuple):
    """A member's attendance at its meetings within a window."""

    attended: int
    recorded: int
    """Its meetings that record who came."""
    unrecorded: int
    """Its meetings that record nobody: they say nothing about who came."""


class AttendanceBook:
    """Every member's attendance at its meetings (RULES.md) within a window, counted once.

    Its meetings are those held while it was a member, of a body it sits on or of no body.
    A member on the as-of date was a member on every earlier day since it joined (its
    status and roles are not dated), so "while it was a member" is "on or after it joined".
    Counting goes by body and by date rather than member by meeting, so a partnership of a
    thousand members and ten thousand meetings is counted in one pass over the meetings.
    """

    def __init__(self, facts: Facts, months: int) -> None:
        self.facts = facts
        recorded: dict[str | None, list[dt.date]] = {}
        unrecorded: dict[str | None, list[dt.date]] = {}
        self.attended: Counter[str] = Counter()
        org_of = {p.id: p.organisation for p in facts.partnership.people}
        # Each member's joining date, looked up once rather than for every attendance.
        joined_of = {o.id: facts.org_joined(o) for o in facts.members}
        for _, meeting in facts.meetings_within(months):
            if not (meeting.attended or meeting.people):
                unrecorded.setdefault(meeting.body, []).append(meeting.date)
                continue
            recorded.setdefault(meeting.body, []).append(meeting.date)
            came = set(meeting.attended)
            came.update(org for person in meeting.people if (org := org_of.get(person)))
            sitting = None if meeting.body is None else facts.body_members.get(meeting.body, ())
            for org_id in came:
                # Its meeting: a member that had joined by then, and of a body it sits on or none.
                if org_id not in joined_of:
                    continue
                joined = joined_of[org_id]
                if joined is not None and meeting.date < joined:
                    continue
                if sitting is None or org_id in sitting:
                    self.attended[org_id] += 1
        self.recorded = {body: sorted(days) for body, days in recorded.items()}
        self.unrecorded = {body: sorted(days) for body, days in unrecorded.items()}
        self.bodies_of: dict[str, list[str]] = {}
        for body, members in facts.body_members.items():
            for org_id in members:
                self.bodies_of.setdefault(org_id, []).append(body)

    def of(self, org: Organisation) -> Attendance:
        """A member's attendance (`org` must be a member on the as-of date)."""
        joined = self.facts.org_joined(org)
        keys: list[str | None] = [None, *self.bodies_of.get(org.id, [])]

        def count(days_by_body: dict[str | None, list[dt.date]]) -> int:
            total = 0
            for key in keys:
                days = days_by_body.get(key, [])
                total += len(days) - (bisect_left(days, joined) if joined else 0)
            return total

        return Attendance(self.attended[org.id], count(self.recorded), count(self.unrecorded))


def _quote(name: str) -> str:
    return f"'{name}'"


def _whole_window_members(facts: Facts, months: int) -> list[Organisation]:
    """Members on the as-of date that were members at the window's start too."""
    start = facts.window_start(months)
    return [o for o in facts.members if facts.is_member(o, on=start)]


@rule(
    "CG701",
    "low-attendance",
    PRINCIPLE,
    Severity.WARNING,
    options=LowAttendanceOptions,
    needs=("meetings",),
)
def low_attendance(facts: Facts, options: LowAttendanceOptions) -> Iterator[Hit]:
    """Finds a member that seldom comes to its meetings.

    What it finds:
    A member, a member for the whole window (at its start and on the as-of date), that
    attended under `min_share` of its meetings within `window_months` (at least 3 of them).
    Its meetings are those of a decision body it sits on (`governance.bodies[].members`)
    and those of no body (the whole partnership); meetings of bodies it does not sit on are
    not its meetings. It attended when it is listed under `attended` or one of its people
    under `people`; a meeting that records neither is not counted, since it says nothing
    about who came. Observers are not members.

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
    book = AttendanceBook(facts, options.window_months)
    for org in _whole_window_members(facts, options.window_months):
        found = book.of(org)
        if found.recorded < MIN_MEETINGS:
            continue
        if found.attended / found.recorded < options.min_share:
            attended = "none" if found.attended == 0 else str(found.attended)
            note = (
                f"; {found.unrecorded} more of its meetings record no attendance"
                if found.unrecorded
                else ""
            )
            yield about_org(
                facts,
                org.id,
                f"'{org.name}' attended {attended} of its {found.recorded} meetings in the "
                f"{options.window_months} months to {facts.as_of.isoformat()} "
                f"({percent(found.attended, found.recorded)}; the minimum is "
                f"{share(options.min_share)}){note}",
            )


@rule("CG702", "no-guiding-hand", PRINCIPLE, Severity.WARNING)
def no_guiding_hand(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a partnership with nobody guiding it.

    What it finds:
    No chair in office on the as-of date (a `governance.chairs` entry with no `to`, or a `to`
    after the as-of date), and no active organisation with the `convener` role or the
    `backbone` role (one that administers the partnership for its members). The message
    names the last chair, where there was one.

    Why it matters:
    Partnerships do not run themselves: someone has to convene meetings, move the agenda on
    and keep members engaged. Without a chair, a convener or a backbone organisation that
    work falls to nobody.

    How to fix:
    Appoint a chair, or agree which organisation convenes or administers the partnership.

    For the file:
    Record the chair under `governance.chairs`, or give that organisation the `convener` or
    `backbone` role.

    Example:
    ```yaml
    governance:
      chairs:
        - {organisation: council, from: 2024-01-01, to: 2025-12-31}
    ```
    """
    if facts.current_chairs:
        return
    if any(facts.has_role(o, Role.CONVENER, Role.BACKBONE) for o in facts.active_orgs):
        return
    governance = facts.partnership.governance
    ended = [c for c in governance.chairs if c.to is not None] if governance else []
    last = ""
    if ended:
        chair = max(ended, key=lambda c: c.to or c.from_)
        if chair.to is not None and chair.to <= facts.as_of:
            last = f" (the last chair, {facts.name_of(chair.organisation)}, stood down on "
            last += f"{chair.to.isoformat()})"
    yield Hit(
        "partnership",
        f"no chair in office on {facts.as_of.isoformat()} and no active convener or backbone "
        f"organisation{last}",
        ("governance", "chairs") if governance is not None else ("organisations",),
    )


class StrengthsUnrecordedOptions(Options):
    min_share: float = share_option(
        0.5,
        "Smallest share of current people recording strengths, and of members recording offers.",
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
    members record `offers`: either gap is enough, since each leaves the partnership unable
    to see what it can draw on. The message gives the count of each gap found. People
    count when they represent a member or take part in their own right; observers and
    their people are left out. When no such person is current only the members are judged.

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
    members = facts.members
    people = [
        p
        for p in facts.current_people
        if p.organisation is None or p.organisation in facts.member_ids
    ]
    with_strengths = sum(1 for p in people if p.strengths)
    with_offers = sum(1 for o in members if o.offers)
    few_strengths = bool(people) and with_strengths / len(people) < options.min_share
    few_offers = bool(members) and with_offers / len(members) < options.min_share
    gaps = []
    if few_strengths:
        gaps.append(
            f"{with_strengths} of {len(people)} current people record strengths "
            f"({percent(with_strengths, len(people))})"
        )
    if few_offers:
        gaps.append(
            f"{with_offers} of {len(members)} members record offers "
            f"({percent(with_offers, len(members))})"
        )
    if gaps:
        yield Hit(
            "partnership",
            f"{' and '.join(gaps)}; the minimum is {share(options.min_share)}",
            ("people",) if few_strengths else ("organisations",),
        )


class PassiveMemberOptions(Options):
    window_months: int = window_option(
        24, "Months back from the as-of date in which activities count."
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
    """Finds a member that takes part in none of the partnership's joint work.

    What it finds:
    A member that is neither `lead` nor among the `partners` of any activity of a joint
    kind (not `information-sharing`, `networking-event` or `consultation`; work with no
    `type` counts as joint) that is `planned`, `active` or `completed` and overlaps
    `window_months` (an activity with no dates counts; one that ended before the window,
    or starts after the as-of date, does not). The message names the interaction it does
    take part in, if any. Observers are not members.

    Why it matters:
    A member that only attends meetings and reads the newsletter adds little to what the
    partnership achieves, and leaves the work and its leadership to others.

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
    joint: set[str] = set()
    interaction: dict[str, list[str]] = {}
    for activity in facts.partnership.activities:
        if activity.status not in TAKING_PART or not facts.overlaps_window(
            activity, options.window_months
        ):
            continue
        orgs = facts.orgs_in(activity)
        if facts.is_joint_kind(activity):
            joint.update(orgs)
        else:
            for org_id in orgs:
                interaction.setdefault(org_id, []).append(activity.name)
    for org in facts.members:
        if org.id in joint:
            continue
        only = interaction.get(org.id)
        note = (
            f"; it takes part only in {org_names(_quote(n) for n in only)} "
            "(information-sharing, networking or consultation)"
            if only
            else ""
        )
        yield about_org(
            facts,
            org.id,
            f"'{org.name}' leads or partners in no planned, active or completed joint work in "
            f"the {options.window_months} months to {facts.as_of.isoformat()}{note}",
        )


@strength("GP701", "members-turn-up", PRINCIPLE, needs=("meetings",), contradicted_by=("CG701",))
def members_turn_up(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Finds members who come to their meetings.

    What it finds:
    Every member with at least 3 of its meetings within CG701's `window_months` (12)
    months that record attendance attended at least CG701's `min_share` (half) of them,
    and there is at least one such member. Its meetings are those of the bodies it sits
    on and of the whole partnership, as for CG701.

    Why it matters:
    Members who turn up shape the agenda, hear of each other's work and carry the
    decisions back to their organisations: the partnership is led actively by all of them.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    meetings:
      - {date: 2026-06-01, attended: [council, trust]}
      - {date: 2026-07-01, attended: [council]}
      - {date: 2026-08-01, attended: [council, trust]}
    ```
    """
    months = getattr(options["CG701"], "window_months", 12)
    min_share = getattr(options["CG701"], "min_share", 0.5)
    judged: list[tuple[Organisation, Attendance]] = []
    book = AttendanceBook(facts, months)
    for org in facts.members:
        found = book.of(org)
        if found.recorded < MIN_MEETINGS:
            continue
        if found.attended / found.recorded < min_share:
            return
        judged.append((org, found))
    if not judged:
        return
    lowest, found = min(judged, key=lambda item: item[1].attended / item[1].recorded)
    who = (
        every(len(judged), "member")
        if len(judged) == len(facts.members)
        else f"{every(len(judged), 'member')} with {MIN_MEETINGS} or more recorded meetings"
    )
    yield Hit(
        "partnership",
        f"{who} attended at least {share(min_share)} of their meetings "
        f"in the {months} months to {facts.as_of.isoformat()}; the lowest, {lowest.name}, "
        f"attended {found.attended} of {found.recorded}",
        ("meetings",),
    )

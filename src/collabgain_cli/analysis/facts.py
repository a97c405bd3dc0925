"""Facts about one partnership that several rules read, each computed once per file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import (
    Activity,
    ActivityStatus,
    ActivityType,
    Assessment,
    Chair,
    Decision,
    Funding,
    Meeting,
    Organisation,
    OrgStatus,
    Partnership,
    Person,
    PrincipleId,
    Role,
)
from .dates import months_between, window_start

if TYPE_CHECKING:
    from pydantic import BaseModel

if TYPE_CHECKING:
    from .level import LevelAssessment
    from .network import CollaborationNetwork

PathKey = tuple[str | int, ...]

LIVE = frozenset({ActivityStatus.ACTIVE, ActivityStatus.COMPLETED})
"""*Live activity* (RULES.md): work being done or done; planned and cancelled work is not."""

INTERACTION_TYPES = frozenset(
    {ActivityType.INFORMATION_SHARING, ActivityType.NETWORKING_EVENT, ActivityType.CONSULTATION}
)
"""Activity kinds that are interaction rather than joint work (RULES.md, CG106, CG704, level)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Tenure:
    """One organisation's unbroken time in the chair (RULES.md, *chair tenure*).

    Consecutive entries of the same organisation with gaps of at most `max_gap_days` are one
    tenure; `to` is None while it lasts. `entries` are the indexes in `governance.chairs`.
    """

    organisation: str
    start: dt.date
    to: dt.date | None
    entries: tuple[int, ...]

    def months(self, as_of: dt.date) -> int:
        return months_between(self.start, self.to or as_of)


@dataclasses.dataclass(frozen=True, slots=True)
class Response:
    """One current respondent's latest assessment (RULES.md, *current respondent*)."""

    key: str
    """`person:ID`, `organisation:ID`, or `anonymous:N` for the Nth assessment in the file."""
    index: int
    assessment: Assessment


_SECTION_KIND = {
    "organisations": "organisation",
    "people": "person",
    "activities": "activity",
    "aims": "aim",
}
_KIND_ORDER = ("organisation", "person", "activity", "body", "aim")


class Facts:
    """One partnership seen from its as-of date, with indexes and derived facts.

    Everything here is derived from the file; nothing is estimated. Properties are cached,
    so a fact several rules read (decision shares, the network) is computed once.
    """

    def __init__(
        self,
        partnership: Partnership,
        as_of: dt.date,
        options: Mapping[str, BaseModel] | None = None,
    ) -> None:
        self.partnership = partnership
        self.as_of = as_of
        self.options: Mapping[str, BaseModel] = options or {}
        """Every rule's effective options by code, where a fact depends on one (CG901's
        `min_pair_share` sets the collaboration level that other rules read)."""
        self._levels: dict[int, LevelAssessment] = {}
        self._decision_shares: dict[int, tuple[dict[str, float], int]] = {}
        self._networks: dict[int, CollaborationNetwork] = {}
        self._scores: dict[int, dict[PrincipleId, list[tuple[Response, float]]]] = {}

    # ------------------------------------------------------------------ indexes

    @cached_property
    def established(self) -> dt.date | None:
        return self.partnership.partnership.established

    @cached_property
    def org_index(self) -> dict[str, int]:
        """Organisation id -> its position in `organisations` (for finding paths)."""
        return {o.id: i for i, o in enumerate(self.partnership.organisations)}

    @cached_property
    def orgs(self) -> dict[str, Organisation]:
        return {o.id: o for o in self.partnership.organisations}

    @cached_property
    def person_index(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.partnership.people)}

    @cached_property
    def activity_index(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.partnership.activities)}

    @cached_property
    def people_by_org(self) -> dict[str, list[Person]]:
        out: dict[str, list[Person]] = {}
        for person in self.partnership.people:
            if person.organisation:
                out.setdefault(person.organisation, []).append(person)
        return out

    def org_path(self, org_id: str) -> PathKey:
        return ("organisations", self.org_index[org_id])

    def person_path(self, person_id: str) -> PathKey:
        return ("people", self.person_index[person_id])

    def activity_path(self, activity_id: str) -> PathKey:
        return ("activities", self.activity_index[activity_id])

    # ------------------------------------------------------------------ membership

    def org_joined(self, org: Organisation) -> dt.date | None:
        """When an organisation joined: its `joined`, else the partnership's establishment."""
        return org.joined or self.established

    def is_active(self, org: Organisation, on: dt.date | None = None) -> bool:
        """Active on a date: status `active`, joined on or before it, not left by it."""
        day = on or self.as_of
        if org.status is not OrgStatus.ACTIVE:
            return False
        return _taking_part(self.org_joined(org), org.left, day)

    @cached_property
    def active_orgs(self) -> list[Organisation]:
        """Organisations active on the as-of date, in file order."""
        return [o for o in self.partnership.organisations if self.is_active(o)]

    @cached_property
    def active_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.active_orgs)

    def is_current(self, person: Person, on: dt.date | None = None) -> bool:
        """Taking part on a date: joined (or the partnership began) by it and not left by it."""
        return _taking_part(person.joined or self.established, person.left, on or self.as_of)

    @cached_property
    def current_people(self) -> list[Person]:
        return [p for p in self.partnership.people if self.is_current(p)]

    def current_people_of(self, org_id: str) -> list[Person]:
        """An organisation's current people, in file order (a new list each time)."""
        return list(self._current_people_by_org.get(org_id, ()))

    @cached_property
    def _current_people_by_org(self) -> dict[str, list[Person]]:
        # Grouped once: rules ask for the same organisations' people thousands of times.
        out: dict[str, list[Person]] = {}
        for person in self.current_people:
            if person.organisation:
                out.setdefault(person.organisation, []).append(person)
        return out

    @staticmethod
    def has_role(org: Organisation, *roles: Role) -> bool:
        return any(r in org.roles for r in roles)

    @staticmethod
    def takes_part(org: Organisation) -> bool:
        """Whether its roles make it a participant: anything but `observer` (RULES.md)."""
        return Role.OBSERVER not in org.roles

    def is_member(self, org: Organisation, on: dt.date | None = None) -> bool:
        """*Member* (RULES.md): active on the date and not an observer."""
        return self.takes_part(org) and self.is_active(org, on)

    @cached_property
    def members(self) -> list[Organisation]:
        """Members on the as-of date, in file order: active organisations that take part."""
        return [o for o in self.active_orgs if self.takes_part(o)]

    @cached_property
    def member_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.members)

    def name_of(self, org_id: str) -> str:
        """An organisation's name for a sentence (its id if the file has no such organisation)."""
        org = self.orgs.get(org_id)
        return org.name if org is not None else org_id

    def names_of(self, org_ids: Iterable[str]) -> str:
        """Organisations' names as a readable list: 'A, B and C'."""
        return org_names(self.name_of(i) for i in org_ids)

    def subject_name(self, subject: str, path: PathKey) -> str:
        """The name of what a finding is about, for sentences people read.

        Ids are unique only within their section, so the section the finding points into
        decides where the id is looked up first; then organisations, people, activities,
        bodies, shared aims and principles, in that order.
        """
        if subject == "partnership":
            return self.partnership.partnership.name
        names = self._names
        first = _SECTION_KIND.get(str(path[0]) if path else "", "")
        if path[:2] == ("governance", "bodies"):
            first = "body"
        for kind in (first, *_KIND_ORDER):
            found = names.get(kind, {}).get(subject)
            if found is not None:
                return found
        from ..titles import principle_title

        return principle_title(subject)

    @cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        p = self.partnership
        bodies = p.governance.bodies if p.governance is not None else ()
        return {
            "organisation": {o.id: o.name for o in p.organisations},
            "person": {x.id: x.name for x in p.people},
            "activity": {a.id: a.name for a in p.activities},
            "body": {b.id: b.name for b in bodies},
            "aim": {a.id: a.text for a in p.aims},
        }

    @cached_property
    def people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.partnership.people}

    def person_name(self, person_id: str) -> str:
        person = self.people_by_id.get(person_id)
        return person.name if person is not None else person_id

    # ------------------------------------------------------------------ activities

    @staticmethod
    def is_live(activity: Activity) -> bool:
        """*Live activity*: `active` or `completed`."""
        return activity.status in LIVE

    @staticmethod
    def is_joint_kind(activity: Activity) -> bool:
        """A kind of joint work: not information-sharing, a networking event or consultation."""
        return activity.type not in INTERACTION_TYPES

    @staticmethod
    def orgs_in(activity: Activity) -> set[str]:
        """The lead and partners of an activity."""
        found = set(activity.partners)
        if activity.lead:
            found.add(activity.lead)
        return found

    # ------------------------------------------------------------------ meetings

    @cached_property
    def body_members(self) -> dict[str, frozenset[str]]:
        """Body id -> the organisations that sit on it."""
        governance = self.partnership.governance
        if governance is None:
            return {}
        return {b.id: frozenset(b.members) for b in governance.bodies}

    def meetings_within(self, months: int) -> list[tuple[int, Meeting]]:
        """(index in `meetings`, meeting) for each meeting within the window."""
        # `within`, with the window's ends read once rather than for each of many meetings.
        start, end = self.window_start(months), self.as_of
        return [(i, m) for i, m in enumerate(self.partnership.meetings) if start < m.date <= end]

    def its_meetings(self, org: Organisation, months: int) -> list[Meeting]:
        """*Its meetings* (RULES.md): meetings within the window, held while it was a member,
        of a body it sits on or of no body (the whole partnership)."""
        out = []
        for _, meeting in self.meetings_within(months):
            if not self.is_member(org, meeting.date):
                continue
            if meeting.body is None or org.id in self.body_members.get(meeting.body, ()):
                out.append(meeting)
        return out

    # ------------------------------------------------------------------ members' view

    def current_responses(self, months: int) -> list[Response]:
        """*Current respondents*' latest assessments within the window, in file order.

        A named respondent counts when it is a person current on the as-of date or a member
        organisation; of its assessments only the latest within the window counts (of two on
        the same date, the later in the file). Each anonymous assessment within the window is
        a respondent of its own, unless it names an organisation that is not a member.
        """
        latest: dict[str, tuple[int, Assessment]] = {}
        for index, assessment in enumerate(self.partnership.assessments):
            if not self.within(assessment.date, months):
                continue
            if assessment.anonymous or assessment.by is None:
                organisation = assessment.organisation
                if organisation is not None and organisation not in self.member_ids:
                    continue
                latest[f"anonymous:{index}"] = (index, assessment)
                continue
            person = self.people_by_id.get(assessment.by)
            if person is not None:
                if not self.is_current(person):
                    continue
                key = f"person:{person.id}"
            elif assessment.by in self.member_ids:
                key = f"organisation:{assessment.by}"
            else:
                continue
            previous = latest.get(key)
            if previous is None or assessment.date >= previous[1].date:
                latest[key] = (index, assessment)
        ordered = sorted(latest.items(), key=lambda item: item[1][0])
        return [Response(key, index, assessment) for key, (index, assessment) in ordered]

    def principle_scores(self, months: int) -> dict[PrincipleId, list[tuple[Response, float]]]:
        """Each principle's scores from current respondents (one per respondent), worked out
        once per window: three rules and every principle's row read them."""
        if months not in self._scores:
            out: dict[PrincipleId, list[tuple[Response, float]]] = {}
            for response in self.current_responses(months):
                for principle, score in response.assessment.scores.items():
                    out.setdefault(principle, []).append((response, score))
            self._scores[months] = out
        return self._scores[months]

    # ------------------------------------------------------------------ governance

    @cached_property
    def current_chairs(self) -> list[tuple[int, Chair]]:
        """(index in governance.chairs, chair) for each chair in office on the as-of date."""
        governance = self.partnership.governance
        if governance is None:
            return []
        return [
            (i, c)
            for i, c in enumerate(governance.chairs)
            if c.from_ <= self.as_of and (c.to is None or c.to > self.as_of)
        ]

    def chair_tenures(self, max_gap_days: int) -> list[Tenure]:
        """Every organisation's chair tenures, in order of their start (RULES.md).

        Entries of one organisation are joined while the gap from one's `to` to the next's
        `from` is at most `max_gap_days`; overlapping entries of different organisations are
        co-chairs, each counted on its own.
        """
        governance = self.partnership.governance
        if governance is None:
            return []
        by_org: dict[str, list[tuple[int, Chair]]] = {}
        for index, chair in enumerate(governance.chairs):
            by_org.setdefault(chair.organisation, []).append((index, chair))
        tenures: list[Tenure] = []
        gap = dt.timedelta(days=max_gap_days)
        for organisation, entries in by_org.items():
            entries.sort(key=lambda entry: entry[1].from_)
            start: dt.date | None = None
            to: dt.date | None = None
            indexes: list[int] = []
            for index, chair in entries:
                if start is not None and to is not None and chair.from_ - to > gap:
                    tenures.append(Tenure(organisation, start, to, tuple(indexes)))
                    start = None
                if start is None:
                    start, to, indexes = chair.from_, chair.to, [index]
                    continue
                indexes.append(index)
                if to is not None:
                    to = None if chair.to is None else max(to, chair.to)
            if start is not None:
                tenures.append(Tenure(organisation, start, to, tuple(indexes)))
        tenures.sort(key=lambda t: (t.start, t.organisation))
        return tenures

    def current_tenures(self, max_gap_days: int) -> list[Tenure]:
        """Tenures in office on the as-of date (co-chairs give more than one)."""
        return [
            t
            for t in self.chair_tenures(max_gap_days)
            if t.start <= self.as_of and (t.to is None or t.to > self.as_of)
        ]

    # ------------------------------------------------------------------ time

    def window_start(self, months: int) -> dt.date:
        return window_start(self.as_of, months)

    def within(self, day: dt.date | None, months: int) -> bool:
        """Whether a date falls in the `months` months up to and including the as-of date."""
        return day is not None and self.window_start(months) < day <= self.as_of

    def decisions_within(self, months: int) -> list[Decision]:
        """The decisions within the window, in file order (`within`, its ends read once)."""
        start, end = self.window_start(months), self.as_of
        return [d for d in self.partnership.decisions if start < d.date <= end]

    def decision_shares(self, months: int) -> tuple[dict[str, float], int]:
        """Each organisation's decision share over the window, and the number of decisions.

        Each decision gives each of its makers 1/(number of makers); an organisation's share
        is its total divided by the number of decisions (RULES.md).
        """
        if months not in self._decision_shares:
            decisions = self.decisions_within(months)
            totals: dict[str, float] = {}
            for decision in decisions:
                makers = set(decision.made_by)
                for maker in makers:
                    totals[maker] = totals.get(maker, 0.0) + 1 / len(makers)
            count = len(decisions)
            shares = {org: total / count for org, total in totals.items()} if count else {}
            self._decision_shares[months] = (shares, count)
        return self._decision_shares[months]

    def overlaps_window(self, activity: Activity, months: int) -> bool:
        """An activity with no dates counts; one that ended before the window does not,
        and neither does one that starts after the as-of date."""
        if activity.end is not None and activity.end < self.window_start(months):
            return False
        return activity.start is None or activity.start <= self.as_of

    def funding_within(self, months: int) -> list[tuple[int, Funding]]:
        """(index in `funding`, entry) for each entry whose period overlaps the window.

        An entry's period is its `year` (1 January to 31 December), else its `from_date` to
        `to_date` (either end may be open); an entry with no dates counts, like an undated
        activity. A period that starts after the as-of date has not been given yet.
        """
        start = self.window_start(months)
        out = []
        for index, item in enumerate(self.partnership.funding):
            begins, ends = funding_period(item)
            if begins is not None and begins > self.as_of:
                continue
            if ends is not None and ends <= start:
                continue
            out.append((index, item))
        return out

    # ------------------------------------------------------------------ derived structures

    @cached_property
    def network(self) -> CollaborationNetwork:
        """The collaboration network of the rules, over the default 24-month window."""
        return self.network_within(24)

    def network_within(self, months: int) -> CollaborationNetwork:
        """The members' collaboration network over a window (RULES.md), built once per window."""
        from .network import CollaborationNetwork

        if months not in self._networks:
            self._networks[months] = CollaborationNetwork.of_members(self, months)
        return self._networks[months]

    def collaboration_level(self, months: int = 24) -> LevelAssessment:
        """The level on the continuum (RULES.md section 9), computed once per window."""
        from .level import DEFAULT_MIN_PAIR_SHARE, assess_level

        if months not in self._levels:
            share = getattr(self.options.get("CG901"), "min_pair_share", DEFAULT_MIN_PAIR_SHARE)
            self._levels[months] = assess_level(self, months, share)
        return self._levels[months]


def funding_period(item: Funding) -> tuple[dt.date | None, dt.date | None]:
    """The dates a funding entry covers: `from_date`/`to_date` (either end may be open), else
    its whole `year`; (None, None) when it has neither."""
    if item.from_date is not None or item.to_date is not None:
        return item.from_date, item.to_date
    if item.year is not None:
        # A year outside the calendar's range is before or after any as-of date.
        year = min(max(item.year, dt.MINYEAR), dt.MAXYEAR)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None, None


def org_names(ids: Iterable[str]) -> str:
    """A readable list of ids: 'a, b and c'."""
    items = list(ids)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _taking_part(joined: dt.date | None, left: dt.date | None, day: dt.date) -> bool:
    """Joined by `day` (or with no date to say otherwise) and not left by it."""
    return (joined is None or joined <= day) and (left is None or left > day)

"""Facts about one partnership that several rules read, each computed once per file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import (
    Activity,
    Chair,
    Decision,
    Organisation,
    OrgStatus,
    Partnership,
    Person,
    Role,
)
from .dates import window_start

if TYPE_CHECKING:
    from ..findings import Finding
    from .level import LevelAssessment
    from .network import CollaborationNetwork

PathKey = tuple[str | int, ...]


class Facts:
    """One partnership seen from its as-of date, with indexes and derived facts.

    Everything here is derived from the file; nothing is estimated. Properties are cached,
    so a fact several rules read (decision shares, the network) is computed once.
    """

    def __init__(self, partnership: Partnership, as_of: dt.date) -> None:
        self.partnership = partnership
        self.as_of = as_of
        self._decision_shares: dict[int, tuple[dict[str, float], int]] = {}
        self.findings: tuple[Finding, ...] = ()
        """The other rules' findings, waivers applied; set by the engine for the waiver rules."""
        self.rules_run: frozenset[str] = frozenset()
        """Codes of the rules that ran; set by the engine with `findings`."""

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
        joined = self.org_joined(org)
        if joined is not None and joined > day:
            return False
        return org.left is None or org.left > day

    @cached_property
    def active_orgs(self) -> list[Organisation]:
        """Organisations active on the as-of date, in file order."""
        return [o for o in self.partnership.organisations if self.is_active(o)]

    @cached_property
    def active_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.active_orgs)

    def is_current(self, person: Person, on: dt.date | None = None) -> bool:
        """Taking part on a date: joined (or the partnership began) by it and not left by it."""
        day = on or self.as_of
        joined = person.joined or self.established
        if joined is not None and joined > day:
            return False
        return person.left is None or person.left > day

    @cached_property
    def current_people(self) -> list[Person]:
        return [p for p in self.partnership.people if self.is_current(p)]

    def current_people_of(self, org_id: str) -> list[Person]:
        return [p for p in self.people_by_org.get(org_id, []) if self.is_current(p)]

    @staticmethod
    def has_role(org: Organisation, *roles: Role) -> bool:
        return any(r in org.roles for r in roles)

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

    # ------------------------------------------------------------------ time

    def window_start(self, months: int) -> dt.date:
        return window_start(self.as_of, months)

    def within(self, day: dt.date | None, months: int) -> bool:
        """Whether a date falls in the `months` months up to and including the as-of date."""
        return day is not None and self.window_start(months) < day <= self.as_of

    def decisions_within(self, months: int) -> list[Decision]:
        return [d for d in self.partnership.decisions if self.within(d.date, months)]

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

    # ------------------------------------------------------------------ derived structures

    @cached_property
    def network(self) -> CollaborationNetwork:
        from .network import CollaborationNetwork

        return CollaborationNetwork.from_partnership(self.partnership, self.active_ids)

    def collaboration_level(self, months: int = 24) -> LevelAssessment:
        from .level import assess_level

        return assess_level(self, months)


def org_names(ids: Iterable[str]) -> str:
    """A readable list of ids: 'a, b and c'."""
    items = list(ids)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

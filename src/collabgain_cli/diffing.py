"""What changed between two descriptions of one partnership: members, chair, power, health.

Each side is checked on its own (same rules and options) and seen from its own as-of date, so
someone whose `left` date falls between the two dates has left, even if the file did not
change. The comparison:

- organisations that joined or left: present and active on one side only (an organisation
  that is `uncertain` or `former`, or not yet joined, is not active); people likewise, by
  whether they take part on the as-of date;
- the chair: who holds it on each side's as-of date;
- decision shares per organisation over the 24 months to each as-of date (CG601's window);
- cash funding shares per organisation, per currency (in-kind entries left out, as CG202);
- shared aims whose status changed, appeared or went, matched by id;
- findings that appeared and were resolved, matched by code, subject and path (unwaived ones
  only: a finding that is still found but now waived counts as resolved, with its reason);
- each principle's status, and the collaboration level.

Nothing is compared when either side is invalid: the report shows its errors instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from .analysis.amounts import finite_sum, shares
from .analysis.facts import Facts
from .engine import Settings
from .findings import FileReport, Finding, Status, unmatched
from .loader import STDIN, expand_paths, load_bytes, load_path
from .loader import InputError as PathError
from .model import Organisation, OrgStatus, Partnership, Person
from .pipeline import Checked, check

DECISION_WINDOW_MONTHS = 24
"""The window decision shares are measured over: CG601's default."""

Side = Checked
"""One of the two descriptions: its report, and the partnership when it is valid."""


@dataclasses.dataclass(frozen=True, slots=True)
class MemberChange:
    """An organisation or person that joined or left, and the facts that say so."""

    id: str
    name: str
    detail: str
    organisation: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Seat:
    """A chair in office: the organisation, and the person when the file names one."""

    organisation: str
    person: str | None

    @property
    def label(self) -> str:
        return f"{self.organisation} ({self.person})" if self.person else self.organisation


@dataclasses.dataclass(frozen=True, slots=True)
class ShareChange:
    """One organisation's share before and after (None: it had none on that side)."""

    id: str
    before: float | None
    after: float | None

    @property
    def points(self) -> int:
        """The change in whole percentage points, as the rounded shares show it."""
        return _whole_percent(self.after) - _whole_percent(self.before)


@dataclasses.dataclass(frozen=True, slots=True)
class Shares:
    """Shares of something (decisions, or cash in one currency) before and after."""

    unit: str
    total_before: float
    total_after: float
    rows: tuple[ShareChange, ...]

    @property
    def changed(self) -> bool:
        return self.total_before != self.total_after or any(r.points for r in self.rows)


@dataclasses.dataclass(frozen=True, slots=True)
class AimChange:
    """A shared aim whose status changed (None: the aim is not in that side's file)."""

    id: str
    text: str
    before: str | None
    after: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class StatusChange:
    """A principle's status before and after (None: not checked on that side)."""

    id: str
    title: str
    before: Status | None
    after: Status | None

    @property
    def changed(self) -> bool:
        return self.before is not self.after


@dataclasses.dataclass(frozen=True, slots=True)
class FindingChange:
    """A finding that appeared or was resolved; `waived_by` when it is still found, waived."""

    finding: Finding
    waived_by: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class PartnershipDiff:
    """Everything that changed between two descriptions of one partnership."""

    old: FileReport
    new: FileReport
    orgs_joined: tuple[MemberChange, ...] = ()
    orgs_left: tuple[MemberChange, ...] = ()
    people_joined: tuple[MemberChange, ...] = ()
    people_left: tuple[MemberChange, ...] = ()
    chairs_before: tuple[Seat, ...] = ()
    chairs_after: tuple[Seat, ...] = ()
    decisions: Shares | None = None
    funding: tuple[Shares, ...] = ()
    aims: tuple[AimChange, ...] = ()
    appeared: tuple[FindingChange, ...] = ()
    resolved: tuple[FindingChange, ...] = ()
    principles: tuple[StatusChange, ...] = ()

    @property
    def comparable(self) -> bool:
        return self.old.valid and self.new.valid

    @property
    def chair_changed(self) -> bool:
        return self.chairs_before != self.chairs_after

    @property
    def level_before(self) -> str | None:
        level = self.old.collaboration_level
        return level.level if level else None

    @property
    def level_after(self) -> str | None:
        level = self.new.collaboration_level
        return level.level if level else None


def _whole_percent(value: float | None) -> int:
    # Rounded as `percent` rounds, so a change is the difference of the figures shown.
    return int(100 * value + 0.5) if value is not None else 0


class InputError(Exception):
    """A description that cannot be compared at all (a folder, '-' twice): exit code 2."""


def load_side(spec: str, settings: Settings) -> Side:
    """Load and check one description: a file, '-', or `REV:path` (see `gitrev`).

    A committed version without `partnership.as_of` is checked as of its commit date;
    a file without one, as of `settings.as_of` (or today), as `check` does.
    """
    from .gitrev import TooLarge, read_revision
    from .loader import too_large

    try:
        committed = read_revision(spec)
    except TooLarge as exc:
        return check(too_large(spec, exc.size), settings)
    if committed is not None:
        return check(load_bytes(committed.data, spec), settings, day=committed.commit.day)
    if spec != STDIN and Path(spec).is_dir():
        raise InputError(f"{spec}: is a folder; give one partnership file")
    try:
        expand_paths([spec])
    except PathError as exc:
        raise InputError(str(exc)) from None
    return check(load_path(spec), settings)


def _facts(side: Side) -> Facts:
    assert side.partnership is not None and side.as_of is not None  # a valid side
    return Facts(side.partnership, side.as_of)


def compare(old: Side, new: Side) -> PartnershipDiff:
    """The changes from `old` to `new`; only the reports when either is invalid."""
    if old.partnership is None or new.partnership is None:
        return PartnershipDiff(old.report, new.report)
    before, after = _facts(old), _facts(new)
    orgs_joined, orgs_left = _org_changes(before, after)
    people_joined, people_left = _people_changes(before, after)
    appeared, resolved = _finding_changes(old.report, new.report)
    return PartnershipDiff(
        old=old.report,
        new=new.report,
        orgs_joined=orgs_joined,
        orgs_left=orgs_left,
        people_joined=people_joined,
        people_left=people_left,
        chairs_before=_seats(before),
        chairs_after=_seats(after),
        decisions=_decision_shares(before, after),
        funding=tuple(_funding_shares(before, after)),
        aims=tuple(_aim_changes(old.partnership, new.partnership)),
        appeared=appeared,
        resolved=resolved,
        principles=tuple(_status_changes(old.report, new.report)),
    )


# ---------------------------------------------------------------------------- members


def _org_state(facts: Facts, org: Organisation) -> str:
    """Why an organisation is or is not active on the as-of date, in a few words."""
    if org.status is OrgStatus.FORMER:
        return f"former member, left {org.left}" if org.left else "former member"
    if org.status is OrgStatus.UNCERTAIN:
        return "membership uncertain"
    joined = facts.org_joined(org)
    if joined is not None and joined > facts.as_of:
        return f"joining {joined}"
    if org.left is not None and org.left <= facts.as_of:
        return f"left {org.left}"
    return "active"


def _person_state(facts: Facts, person: Person) -> str:
    joined = person.joined or facts.established
    if joined is not None and joined > facts.as_of:
        return f"joining {joined}"
    if person.left is not None and person.left <= facts.as_of:
        return f"left {person.left}"
    return "taking part"


def _org_changes(
    before: Facts, after: Facts
) -> tuple[tuple[MemberChange, ...], tuple[MemberChange, ...]]:
    joined = []
    for org in after.partnership.organisations:
        old = before.orgs.get(org.id)
        if after.is_active(org) and (old is None or not before.is_active(old)):
            if old is None:
                detail = f"added, joined {org.joined}" if org.joined else "added"
            else:
                detail = f"before: {_org_state(before, old)}"
            joined.append(MemberChange(org.id, org.name, detail))
    left = []
    for org in before.partnership.organisations:
        new = after.orgs.get(org.id)
        if before.is_active(org) and (new is None or not after.is_active(new)):
            detail = "removed from the file" if new is None else _org_state(after, new)
            left.append(MemberChange(org.id, (new or org).name, detail))
    return tuple(joined), tuple(left)


def _people_changes(
    before: Facts, after: Facts
) -> tuple[tuple[MemberChange, ...], tuple[MemberChange, ...]]:
    old_people = {p.id: p for p in before.partnership.people}
    new_people = {p.id: p for p in after.partnership.people}
    joined = []
    for person in after.partnership.people:
        old = old_people.get(person.id)
        if after.is_current(person) and (old is None or not before.is_current(old)):
            if old is None:
                detail = f"added, joined {person.joined}" if person.joined else "added"
            else:
                detail = f"before: {_person_state(before, old)}"
            joined.append(MemberChange(person.id, person.name, detail, person.organisation))
    left = []
    for person in before.partnership.people:
        new = new_people.get(person.id)
        if before.is_current(person) and (new is None or not after.is_current(new)):
            detail = "removed from the file" if new is None else _person_state(after, new)
            kept = new or person
            left.append(MemberChange(person.id, kept.name, detail, kept.organisation))
    return tuple(joined), tuple(left)


def _seats(facts: Facts) -> tuple[Seat, ...]:
    return tuple(Seat(chair.organisation, chair.person) for _, chair in facts.current_chairs)


# ---------------------------------------------------------------------------- power


def _rows(before: dict[str, float], after: dict[str, float]) -> tuple[ShareChange, ...]:
    ids = sorted(
        {*before, *after}, key=lambda org: (-after.get(org, 0.0), -before.get(org, 0.0), org)
    )
    return tuple(ShareChange(org, before.get(org), after.get(org)) for org in ids)


def _decision_shares(before: Facts, after: Facts) -> Shares:
    old_shares, old_count = before.decision_shares(DECISION_WINDOW_MONTHS)
    new_shares, new_count = after.decision_shares(DECISION_WINDOW_MONTHS)
    return Shares("decisions", old_count, new_count, _rows(old_shares, new_shares))


def _cash_by_currency(partnership: Partnership) -> dict[str, dict[str, list[float]]]:
    totals: dict[str, dict[str, list[float]]] = {}
    for item in partnership.funding:
        if not item.in_kind:
            totals.setdefault(item.currency, {}).setdefault(item.from_, []).append(item.amount)
    return totals


def _funding_shares(before: Facts, after: Facts) -> Iterator[Shares]:
    old, new = _cash_by_currency(before.partnership), _cash_by_currency(after.partnership)
    for currency in sorted({*old, *new}):
        old_cash, new_cash = old.get(currency, {}), new.get(currency, {})
        # Totals are held at the largest float; shares come from scaled amounts, so neither
        # becomes infinite or NaN however large the amounts.
        old_total = finite_sum(a for amounts in old_cash.values() for a in amounts)
        new_total = finite_sum(a for amounts in new_cash.values() for a in amounts)
        yield Shares(currency, old_total, new_total, _rows(shares(old_cash), shares(new_cash)))


# ---------------------------------------------------------------------------- aims and health


def _aim_changes(old: Partnership, new: Partnership) -> Iterator[AimChange]:
    old_aims = {a.id: a for a in old.aims}
    new_aims = {a.id: a for a in new.aims}
    for aim in new.aims:
        previous = old_aims.get(aim.id)
        if previous is None or previous.status is not aim.status:
            old_status = previous.status.value if previous else None
            yield AimChange(aim.id, aim.text, old_status, aim.status.value)
    for aim in old.aims:
        if aim.id not in new_aims:
            yield AimChange(aim.id, aim.text, aim.status.value, None)


def _finding_changes(
    old: FileReport, new: FileReport
) -> tuple[tuple[FindingChange, ...], tuple[FindingChange, ...]]:
    old_live = [f for f in old.findings if not f.waived]
    new_live = [f for f in new.findings if not f.waived]
    waived_now = {f.identity: f.waiver_reason for f in new.findings if f.waived}
    appeared = tuple(FindingChange(f) for f in unmatched(new_live, old_live))
    resolved = tuple(
        FindingChange(f, waived_now.get(f.identity)) for f in unmatched(old_live, new_live)
    )
    return appeared, resolved


def _status_changes(old: FileReport, new: FileReport) -> Iterator[StatusChange]:
    before = {p.id: p for p in old.principles}
    after = {p.id: p for p in new.principles}
    for principle_id in [*after, *(p for p in before if p not in after)]:
        result = after.get(principle_id) or before[principle_id]
        yield StatusChange(
            principle_id,
            result.title,
            before[principle_id].status if principle_id in before else None,
            after[principle_id].status if principle_id in after else None,
        )

"""Principle 5, managing change: members, people and policies change under a partnership.

Changes the partnership must respond to, contact that lapses, reviews that fall due and
funding that ends. The rules about people leaving are in `managing_change_people`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..analysis.dates import add_months, every, months_between, percent, share
from ..analysis.facts import funding_period
from ..findings import Severity
from ..model import Funding
from . import Hit, RuleOptions, rule, strength
from .options import Options, count_option, share_option, window_option

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "managing-change"


MAX_QUOTE = 160
"""A quoted description is cut to this many characters."""


class ChangeWindowOptions(Options):
    window_months: int = window_option(
        24, "Months, counted back from the as-of date, in which to look."
    )
    grace_days: int = count_option(
        60, "Days the partnership has to respond to a change before it is a finding."
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


class LapsedContactOptions(Options):
    max_gap_days: int = count_option(
        120, "Days before the as-of date within which a meeting must fall."
    )
    max_body_gap_days: int = count_option(
        180,
        (
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


class StaleReviewOptions(Options):
    max_months: int = count_option(12, "Months since the last review after which it is stale.")


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


class FundingCliffOptions(Options):
    min_share: float = share_option(
        0.25, "Share of the current year's cash (per currency) at which ending funding is a cliff."
    )
    horizon_months: int = window_option(
        6, "Months either side of the as-of date in which an ending counts."
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


@strength("GP501", "change-managed", PRINCIPLE, needs=("changes",), contradicted_by=("CG503",))
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

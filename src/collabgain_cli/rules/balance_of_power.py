"""Principle 2, balance of power: who pays, who votes, who chairs, who decides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.amounts import shares
from ..analysis.dates import months_between, percent, share
from ..analysis.facts import org_names
from ..findings import Severity
from ..model import Chair, Role
from . import Hit, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "balance-of-power"
MIN_DECISIONS = 5
"""Fewer decisions than this in the window say too little about who decides."""


def _settled(value: float) -> float:
    # A sum of float shares can land a hair above a limit it equals exactly (0.4 + 0.2 is
    # 0.6000000000000001); "exceeds" must not fire at the limit.
    return round(value, 9)


class FunderDecisionsOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_share: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Largest combined decision share that funders and conveners may hold.",
    )
    window_months: int = Field(
        24, ge=1, description="Months before the as-of date whose decisions are counted."
    )


@rule(
    "CG201",
    "funder-dominates-decisions",
    PRINCIPLE,
    Severity.WARNING,
    options=FunderDecisionsOptions,
    needs=("decisions",),
)
def funder_dominates_decisions(facts: Facts, options: FunderDecisionsOptions) -> Iterator[Hit]:
    """Finds a partnership whose decisions are taken mostly by those who pay or convene.

    What it finds:
    The combined decision share of the organisations with a `funder` or `convener` role
    exceeds `max_share`, over at least 5 decisions in the last `window_months` months. Each
    decision gives each of its `made_by` organisations 1/(number of makers); a share is that
    total divided by the number of decisions. Organisations count by their role, whether or
    not they are still active.

    Why it matters:
    Money and the power to convene are sources of power. When the organisations that hold
    them also take most decisions, the other partners become recipients rather than partners,
    and their commitment fades.

    How to fix:
    Take more decisions jointly (list every organisation that made a decision under
    `made_by`), or give other partners the lead on some decisions.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council, roles: [funder]}
      - {id: trust, name: Housing Trust}
    decisions:
      - {date: 2026-01-10, summary: Set the budget, made_by: [council]}
      - {date: 2026-02-10, summary: Appoint a coordinator, made_by: [council]}
      - {date: 2026-03-10, summary: Choose the sites, made_by: [council]}
      - {date: 2026-04-10, summary: Agree the work plan, made_by: [council, trust]}
      - {date: 2026-05-10, summary: Publish the report, made_by: [trust]}
    ```
    """
    shares, count = facts.decision_shares(options.window_months)
    if count < MIN_DECISIONS:
        return
    powerful = {
        o.id
        for o in facts.partnership.organisations
        if facts.has_role(o, Role.FUNDER, Role.CONVENER)
    }
    holders = sorted(
        ((org, value) for org, value in shares.items() if org in powerful),
        key=lambda item: (-item[1], item[0]),
    )
    combined = _settled(sum(value for _, value in holders))
    if combined > options.max_share:
        each = ", ".join(f"{org} {percent(value, 1)}" for org, value in holders)
        yield Hit(
            "partnership",
            f"funders and conveners ({each}) hold {percent(combined, 1)} of the decision share "
            f"over {count} decisions in the {options.window_months} months to "
            f"{facts.as_of.isoformat()} (> {share(options.max_share)})",
            ("decisions",),
        )


class FundingConcentrationOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_hhi: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Largest Herfindahl-Hirschman index (0 to 1) of cash funding by organisation.",
    )


@rule(
    "CG202",
    "funding-concentration",
    PRINCIPLE,
    Severity.WARNING,
    options=FundingConcentrationOptions,
    needs=("funding",),
)
def funding_concentration(facts: Facts, options: FundingConcentrationOptions) -> Iterator[Hit]:
    """Finds cash funding that comes mostly from one organisation.

    What it finds:
    The Herfindahl-Hirschman index of cash funding (entries without `in_kind: true`), summed
    by organisation, exceeds `max_hhi`. The index is the sum of the squares of each funder's
    share of the total, from 1/(number of funders) when all give the same to 1 when one gives
    everything, so a single cash funder exceeds any limit below 1. Amounts in different
    currencies cannot be compared, so the index is worked out separately for each currency,
    with one finding per currency; its subject is the largest funder in that currency.

    Why it matters:
    The partner that pays holds power over the others, whatever the formal rules say: it
    can threaten to withdraw, and the partnership's work bends towards its priorities.

    How to fix:
    Seek cash contributions from more partners, even small ones, so that the partnership
    does not depend on one purse; record in-kind contributions with `in_kind: true`.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    funding:
      - {from: council, amount: 90000}
      - {from: trust, amount: 10000}
    ```
    """
    totals: dict[str, dict[str, list[float]]] = {}
    first_entry: dict[tuple[str, str], int] = {}
    for index, item in enumerate(facts.partnership.funding):
        if item.in_kind:
            continue
        totals.setdefault(item.currency, {}).setdefault(item.from_, []).append(item.amount)
        first_entry.setdefault((item.currency, item.from_), index)
    for currency, amounts in totals.items():
        # Shares of scaled amounts: a sum of the raw amounts may pass the largest float.
        by_org = shares(amounts)
        hhi = _settled(sum(part**2 for part in by_org.values()))
        if hhi <= options.max_hhi:
            continue
        # max() keeps the first of equal funders, so ties go to the earliest in the file.
        top = max(by_org, key=lambda org: by_org[org])
        limit = f"HHI {hhi:.2f} > {options.max_hhi:.2f}"
        if len(by_org) == 1:
            message = f"all cash funding in {currency} comes from '{top}' ({limit})"
        else:
            message = (
                f"cash funding in {currency} is concentrated ({limit}): '{top}' gives "
                f"{percent(by_org[top], 1)} of it ({len(by_org)} funders)"
            )
        yield Hit(top, message, ("funding", first_entry[(currency, top)]))


class VotingOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_vote_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Share of a body's votes that no single organisation may reach.",
    )


@rule(
    "CG203",
    "voting-imbalance",
    PRINCIPLE,
    Severity.WARNING,
    options=VotingOptions,
    needs=("bodies",),
)
def voting_imbalance(facts: Facts, options: VotingOptions) -> Iterator[Hit]:
    """Finds a decision body in which one organisation holds too many of the votes.

    What it finds:
    A body in `governance.bodies` in which one organisation holds at least `max_vote_share`
    of the votes (one finding per body, about the organisation with the most votes; on a
    tie, the first listed). A member without a `votes` entry has 1 vote; an organisation
    named under `votes` holds those votes whether or not it is listed as a member.

    Why it matters:
    An organisation with half the votes can block any decision, and one with more can take
    them alone: the other partners' voice in that body is a formality.

    How to fix:
    Rebalance the votes, add members to the body, or take its decisions by consensus.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    governance:
      bodies:
        - {id: board, name: Partnership Board, members: [council, trust], votes: {council: 3}}
    ```
    """
    governance = facts.partnership.governance
    assert governance is not None  # guaranteed by needs=("bodies",)
    for index, body in enumerate(governance.bodies):
        votes = {member: 1 for member in body.members}
        votes.update(body.votes)
        total = sum(votes.values())
        if not total:
            continue
        top = max(votes, key=lambda org: votes[org])
        if votes[top] / total >= options.max_vote_share:
            yield Hit(
                top,
                f"'{top}' holds {votes[top]} of {total} votes on '{body.id}' "
                f"({percent(votes[top], total)} >= {share(options.max_vote_share)})",
                ("governance", "bodies", index),
            )


class ChairOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_months: int = Field(
        36, ge=0, description="Months one organisation may hold the chair without a break."
    )


@rule(
    "CG204",
    "chair-never-rotates",
    PRINCIPLE,
    Severity.INFO,
    options=ChairOptions,
    needs=("chairs",),
)
def chair_never_rotates(facts: Facts, options: ChairOptions) -> Iterator[Hit]:
    """Finds an organisation that has held the chair for too long without a break.

    What it finds:
    An organisation in the chair on the as-of date that has held it continuously for more
    than `max_months` months. Entries in `governance.chairs` for the same organisation
    count as one term when each begins no later than the day after the one before ends
    (a new person from the same organisation is no rotation); the current term counts up
    to the as-of date. Past terms that have ended are not reported.

    Why it matters:
    The chair sets agendas and frames discussions. When one organisation keeps it, the
    partnership comes to look like that organisation's project, and others stop leading.

    How to fix:
    Agree a term for the chair and rotate it between organisations, or appoint co-chairs
    from different partners.

    Example:
    ```yaml
    governance:
      chairs:
        - {organisation: council, from: 2022-01-01, to: 2024-01-01}
        - {organisation: council, from: 2024-01-01}
    ```
    """
    governance = facts.partnership.governance
    assert governance is not None  # guaranteed by needs=("chairs",)
    reported: set[str] = set()
    for index, chair in facts.current_chairs:
        org = chair.organisation
        if org in reported:
            continue
        reported.add(org)
        since = _term_start(chair.from_, [c for c in governance.chairs if c.organisation == org])
        months = months_between(since, facts.as_of)
        if months > options.max_months:
            yield Hit(
                org,
                f"'{org}' has held the chair continuously since {since.isoformat()}: "
                f"{months} months to {facts.as_of.isoformat()} (> {options.max_months})",
                ("governance", "chairs", index),
            )


def _term_start(start: dt.date, terms: Sequence[Chair]) -> dt.date:
    """When an unbroken run of one organisation's chair terms, ending in `start`'s, began."""
    extended = True
    while extended:
        extended = False
        for term in terms:
            if (
                term.from_ < start
                and term.to is not None
                and term.to + dt.timedelta(days=1) >= start
            ):
                start, extended = term.from_, True
    return start


class SeatOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_share: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Largest share of active organisations that may have no seat on any body.",
    )


@rule(
    "CG205",
    "members-without-a-seat",
    PRINCIPLE,
    Severity.INFO,
    options=SeatOptions,
    needs=("bodies",),
)
def members_without_a_seat(facts: Facts, options: SeatOptions) -> Iterator[Hit]:
    """Finds a partnership where many active members sit on no decision body.

    What it finds:
    The share of active organisations that are neither a member of any body in
    `governance.bodies` nor hold votes in one exceeds `max_share`.

    Why it matters:
    Partners without a seat where decisions are taken have no formal voice: they are told
    of decisions rather than part of them, and the balance of power tilts to those inside.

    How to fix:
    Give every member a seat on a decision body, or explain in the partnership's agreement
    how those without one are consulted before decisions.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    governance:
      bodies:
        - {id: board, name: Partnership Board, members: [council]}
    ```
    """
    governance = facts.partnership.governance
    assert governance is not None  # guaranteed by needs=("bodies",)
    seated = {org for body in governance.bodies for org in (*body.members, *body.votes)}
    active = facts.active_orgs
    unseated = [o.id for o in active if o.id not in seated]
    if active and len(unseated) / len(active) > options.max_share:
        yield Hit(
            "partnership",
            f"{len(unseated)} of {len(active)} active organisations have no seat on any "
            f"decision body ({percent(len(unseated), len(active))} > "
            f"{share(options.max_share)}): {org_names(unseated)}",
            ("governance", "bodies"),
        )

"""Principle 2, balance of power: who pays, who votes, who chairs, who decides."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from ..analysis.dates import months_between, percent, plural, share
from ..findings import Severity
from ..model import Body, Role
from . import Hit, RuleOptions, rule, strength
from .options import Options, count_option, share_option, window_option

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "balance-of-power"
MIN_DECISIONS = 5
"""Fewer decisions than this in the window say too little about who decides."""


def _settled(value: float) -> float:
    # A sum of float shares can land a hair above a limit it equals exactly (0.4 + 0.2 is
    # 0.6000000000000001); "exceeds" must not fire at the limit.
    return round(value, 9)


class FunderDecisionsOptions(Options):
    max_share: float = share_option(
        0.6, "Largest combined decision share that funders and conveners may hold."
    )
    window_months: int = window_option(
        24, "Months before the as-of date whose decisions are counted."
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
    not they are still active, and observers too: what a funder decides is power whether or
    not it takes part. An organisation with the `backbone` role administers the partnership
    for its members, so it is not counted as a convener (a backbone that is also a funder
    counts as a funder).

    Why it matters:
    Money and the power to convene are sources of power. When the organisations that hold
    them also take most decisions, the other partners become recipients rather than partners,
    and their commitment fades.

    How to fix:
    Take more decisions jointly, or give other partners the lead on some decisions.

    For the file:
    List every organisation that made a decision under its `made_by`.

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
    powerful: set[str] = set()
    backbones: set[str] = set()
    for org in facts.partnership.organisations:
        if facts.has_role(org, Role.FUNDER):
            powerful.add(org.id)
        elif facts.has_role(org, Role.CONVENER):
            (backbones if facts.has_role(org, Role.BACKBONE) else powerful).add(org.id)
    holders = _largest_first((org, value) for org, value in shares.items() if org in powerful)
    combined = _settled(sum(value for _, value in holders))
    if combined <= options.max_share:
        return
    each = ", ".join(f"{facts.name_of(org)} {percent(value, 1)}" for org, value in holders)
    message = (
        f"funders and conveners hold {percent(combined, 1)} of the decision share over {count} "
        f"decisions in the {options.window_months} months to {facts.as_of.isoformat()} "
        f"({each}); the limit is {share(options.max_share)}"
    )
    aside = [org for org in backbones if org in shares]
    if aside:
        message += f"; {facts.names_of(aside)}, the backbone, not counted"
    yield Hit("partnership", message, ("decisions",))


def _largest_first(items: Iterator[tuple[str, float]]) -> list[tuple[str, float]]:
    return sorted(items, key=lambda item: (-item[1], item[0]))


class FundingConcentrationOptions(Options):
    max_share: float = share_option(
        0.5,
        (
            "Largest share of all funding in one currency (cash and in-kind together) "
            "that one organisation may provide."
        ),
    )
    window_months: int = window_option(24, "Months before the as-of date whose funding is counted.")


@rule(
    "CG202",
    "funding-concentration",
    PRINCIPLE,
    Severity.WARNING,
    options=FundingConcentrationOptions,
    needs=("funding",),
)
def funding_concentration(facts: Facts, options: FundingConcentrationOptions) -> Iterator[Hit]:
    """Finds funding that comes mostly from one organisation.

    What it finds:
    One organisation provides more than `max_share` of all the funding within the last
    `window_months` months: cash and in-kind support together, summed by organisation. The
    message gives its share of the whole, of the cash and of the in-kind support. Amounts in
    different currencies cannot be compared, so each currency is judged on its own. An entry
    counts when its `year`, or its `from_date` to `to_date`, overlaps the window; an entry
    with no dates counts. Observers and outside funders count: money is power whoever gives it.

    Why it matters:
    The partner that pays holds power over the others, whatever the formal rules say: it
    can threaten to withdraw, and the partnership's work bends towards its priorities. A
    network that runs on its members' time and premises is not in one purse's power because
    one of them also pays a small float in cash, so in-kind support counts too.

    How to fix:
    Seek contributions from more partners, even small ones, so that the partnership does not
    depend on one purse.

    For the file:
    Record what partners give in staff time, rooms and services as funding with `in_kind: true`.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    funding:
      - {from: council, amount: 90000}
      - {from: trust, amount: 10000, in_kind: true}
    ```
    """
    # Decimal sums exactly, so that amounts near the float limit neither overflow nor round.
    cash: dict[str, dict[str, Decimal]] = {}
    in_kind: dict[str, dict[str, Decimal]] = {}
    first_entry: dict[tuple[str, str], int] = {}
    for index, item in facts.funding_within(options.window_months):
        kind = in_kind if item.in_kind else cash
        by_org = kind.setdefault(item.currency, {})
        by_org[item.from_] = by_org.get(item.from_, _ZERO) + Decimal(item.amount)
        first_entry.setdefault((item.currency, item.from_), index)
    currencies = dict.fromkeys(currency for currency, _ in first_entry)
    limit = Decimal(str(options.max_share))
    for currency in currencies:
        cash_by = cash.get(currency, {})
        kind_by = in_kind.get(currency, {})
        totals = {
            org: cash_by.get(org, _ZERO) + kind_by.get(org, _ZERO) for org in {*cash_by, *kind_by}
        }
        whole = sum(totals.values(), _ZERO)
        for org, total in sorted(totals.items(), key=lambda item: (-item[1], item[0])):
            if total / whole <= limit:
                break
            yield Hit(
                org,
                f"'{facts.name_of(org)}' gives {_percent(total, whole)} of the funding in "
                f"{currency} in the {options.window_months} months to {facts.as_of.isoformat()} "
                f"({_money(total)} of {_money(whole)}{_parts(cash_by, kind_by, org)}; the limit "
                f"is {share(options.max_share)}",
                ("funding", first_entry[(currency, org)]),
            )


_ZERO = Decimal(0)


def _percent(part: Decimal, whole: Decimal) -> str:
    return percent(float(part / whole), 1) if whole else "0%"


def _money(amount: Decimal) -> str:
    # Past a thousand trillion, digits stop being readable.
    return f"{amount:,.0f}" if amount < _READABLE else f"{amount:.3g}"


_READABLE = Decimal(10) ** 15


def _parts(cash_by: dict[str, Decimal], kind_by: dict[str, Decimal], org: str) -> str:
    """How an organisation's part splits: its share of the cash and of the in-kind support."""
    cash, in_kind = sum(cash_by.values(), _ZERO), sum(kind_by.values(), _ZERO)
    if not in_kind:
        return ", all in cash)"
    if not cash:
        return ", all in kind)"
    return (
        f"): {_percent(cash_by.get(org, _ZERO), cash)} of the cash and "
        f"{_percent(kind_by.get(org, _ZERO), in_kind)} of the in-kind support"
    )


class VotingOptions(Options):
    max_vote_share: float = share_option(
        0.5, "Share of a body's votes that no single organisation may reach."
    )


def _sits(facts: Facts, body: Body) -> bool:
    """Whether a body exists on the as-of date: begun (`from`) and not wound up (`to`)."""
    begun = body.from_ is None or body.from_ <= facts.as_of
    return begun and (body.to is None or body.to > facts.as_of)


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
    named under `votes` holds those votes whether or not it is listed as a member, and an
    observer's votes count like anyone's. A body that has not begun (`from`) or has been
    wound up (`to`) by the as-of date is left out.

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
        if not _sits(facts, body):
            continue
        votes = {member: 1 for member in body.members}
        votes.update(body.votes)
        total = sum(votes.values())
        if not total:
            continue
        top = max(votes, key=lambda org: votes[org])
        if votes[top] / total >= options.max_vote_share:
            yield Hit(
                top,
                f"'{facts.name_of(top)}' holds {votes[top]} of the {total} votes on "
                f"'{body.name}' ({percent(votes[top], total)}); no organisation should hold "
                f"{share(options.max_vote_share)} or more",
                ("governance", "bodies", index),
            )


class ChairOptions(Options):
    max_months: int = count_option(36, "Months one organisation may hold the chair in one tenure.")
    max_gap_days: int = count_option(
        90,
        (
            "Longest gap, in days, between two of one organisation's terms in the "
            "chair that still makes them one tenure."
        ),
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
    An organisation whose current chair tenure is longer than `max_months` months, counted
    up to the as-of date. A tenure is the consecutive `governance.chairs` entries of one
    organisation with gaps of at most `max_gap_days` days between one's `to` and the next's
    `from`: a short interregnum, or a new person from the same organisation, is no
    rotation. Overlapping entries of different organisations are co-chairs, and each
    organisation's tenure is judged on its own. Tenures that have ended are not reported.

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
        - {organisation: council, from: 2022-01-01, to: 2023-12-31}
        - {organisation: council, from: 2024-02-01}
    ```
    """
    for tenure in facts.current_tenures(options.max_gap_days):
        months = months_between(tenure.start, facts.as_of)
        if months <= options.max_months:
            continue
        over = _terms(facts, tenure.entries)
        yield Hit(
            tenure.organisation,
            f"'{facts.name_of(tenure.organisation)}' has held the chair since "
            f"{tenure.start.isoformat()}{over}: {months} months to {facts.as_of.isoformat()}; "
            f"the limit is {options.max_months} months",
            ("governance", "chairs", tenure.entries[-1]),
        )


def _terms(facts: Facts, entries: tuple[int, ...]) -> str:
    """', in 2 terms with breaks of at most 45 days' for a tenure of more than one entry."""
    if len(entries) < 2:
        return ""
    governance = facts.partnership.governance
    assert governance is not None  # a tenure comes from governance.chairs
    chairs = sorted((governance.chairs[i] for i in entries), key=lambda chair: chair.from_)
    longest = 0
    for before, after in itertools.pairwise(chairs):
        if before.to is not None:
            longest = max(longest, (after.from_ - before.to).days)
    if longest <= 1:
        return f", in {len(entries)} back-to-back terms"
    return f", in {len(entries)} terms with breaks of at most {plural(longest, 'day')}"


class SeatOptions(Options):
    max_share: float = share_option(
        0.25, "Largest share of members that may have no seat on any decision body."
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
    """Finds a partnership where many members sit on no decision body.

    What it finds:
    The share of members that are neither a member of any decision body in
    `governance.bodies` nor hold votes in one exceeds `max_share`. Members are active
    organisations that are not observers: an observer needs no seat. A body that has not
    begun (`from`) or has been wound up (`to`) by the as-of date gives nobody a seat; with
    no such body the rule stays quiet.

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
    bodies = [body for body in governance.bodies if _sits(facts, body)]
    members = facts.members
    if not bodies or not members:
        return
    seated = {org for body in bodies for org in (*body.members, *body.votes)}
    unseated = [o.id for o in members if o.id not in seated]
    if len(unseated) / len(members) > options.max_share:
        yield Hit(
            "partnership",
            f"{len(unseated)} of {len(members)} members have no seat on any decision body "
            f"({percent(len(unseated), len(members))}; the limit is {share(options.max_share)}): "
            f"{facts.names_of(unseated)}",
            ("governance", "bodies"),
        )


@strength("GP201", "chair-rotates", PRINCIPLE, needs=("chairs",), contradicted_by=("CG204",))
def chair_rotates(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """The chair passes between organisations.

    What it finds:
    The chair has passed between at least two organisations, and no chair tenure, past or
    current, is longer than CG204's `max_months` (36 unless configured); tenures are counted
    as CG204 counts them, with its `max_gap_days`. Not shown beside a CG204 finding.

    Why it matters:
    A chair that rotates keeps the partnership from becoming one organisation's project:
    each partner in turn sets the agenda, and leadership is shared in practice, not only on
    paper.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    governance:
      chairs:
        - {organisation: council, from: 2022-01-01, to: 2024-01-01}
        - {organisation: trust, from: 2024-01-01}
    ```
    """
    limits = cast(ChairOptions, options["CG204"])
    tenures = [t for t in facts.chair_tenures(limits.max_gap_days) if t.start <= facts.as_of]
    organisations = list(dict.fromkeys(t.organisation for t in tenures))
    if len(organisations) < 2:
        return
    longest = max(months_between(t.start, min(t.to or facts.as_of, facts.as_of)) for t in tenures)
    if longest > limits.max_months:
        return
    yield Hit(
        "partnership",
        f"the chair has passed between {len(organisations)} organisations since "
        f"{tenures[0].start.isoformat()} ({facts.names_of(organisations)}); no tenure over "
        f"{limits.max_months} months (the longest: {plural(longest, 'month')})",
        ("governance", "chairs"),
    )


@strength(
    "GP202",
    "decisions-shared",
    PRINCIPLE,
    needs=("decisions",),
    contradicted_by=("CG201", "CG601", "CG602"),
)
def decisions_shared(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Decisions taken by many hands.

    What it finds:
    At least 5 decisions within CG601's `window_months` (24 unless configured), and no
    organisation's decision share is over half of CG601's `max_share` (so 25% unless
    configured). Each decision gives each of its `made_by` organisations 1/(number of
    makers). Not shown beside a finding of CG201 (funders and conveners decide), CG601
    (centralised decisions) or CG602 (unilateral decisions).

    Why it matters:
    When no partner takes more than a small part of the decisions, power is shared in what
    the partnership does, not only in its rules: every partner can see its hand in them.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
      - {id: college, name: City College}
      - {id: shop, name: Corner Shop}
    decisions:
      - {date: 2026-01-10, summary: Set the budget, made_by: [council, trust, college, shop]}
      - {date: 2026-02-10, summary: Appoint a coordinator, made_by: [council, trust]}
      - {date: 2026-03-10, summary: Choose the sites, made_by: [college, shop]}
      - {date: 2026-04-10, summary: Agree the work plan, made_by: [trust, college]}
      - {date: 2026-05-10, summary: Publish the report, made_by: [council, shop]}
    ```
    """
    centralised: dict[str, Any] = options["CG601"].model_dump()
    limit = float(centralised["max_share"]) / 2
    window = int(centralised["window_months"])
    shares, count = facts.decision_shares(window)
    if count < MIN_DECISIONS or not shares:
        return
    largest = max(shares.values())
    if _settled(largest) > limit:
        return
    top = sorted(org for org, value in shares.items() if _settled(value) == _settled(largest))
    yield Hit(
        "partnership",
        f"{count} decisions in the {window} months to {facts.as_of.isoformat()}, and no "
        f"organisation's decision share is over {share(limit)} (the largest, "
        f"{percent(largest, 1)}, is held by {facts.names_of(top)})",
        ("decisions",),
    )

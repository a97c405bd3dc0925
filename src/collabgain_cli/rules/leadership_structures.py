"""Principle 6, leadership structures: who takes decisions and who leads the work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.dates import percent, share
from ..findings import Severity
from ..model import ActivityStatus, DecisionRule
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "leadership-structures"

MIN_DECISIONS = 5
"""Fewer decisions in the window say too little about who takes them."""

MIN_ORGANISATIONS = 4
"""With fewer active organisations every network looks like a star."""

ROUNDING = 1e-9
"""Decision shares are sums of fractions such as 1/3: a share equal to the limit must not
exceed it through floating-point rounding."""


class CentralisedDecisionsOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_share: float = Field(
        0.5, ge=0, le=1, description="Largest decision share one organisation may hold."
    )
    window_months: int = Field(
        24, ge=1, description="Months back from the as-of date whose decisions count."
    )


@rule(
    "CG601",
    "centralised-decisions",
    PRINCIPLE,
    Severity.WARNING,
    options=CentralisedDecisionsOptions,
    needs=("decisions",),
)
def centralised_decisions(facts: Facts, options: CentralisedDecisionsOptions) -> Iterator[Hit]:
    """Finds one organisation taking most of the partnership's decisions.

    What it finds:
    An organisation whose decision share exceeds `max_share`, over the decisions dated within
    `window_months` (at least 5 of them). Each decision gives each of its `made_by`
    organisations 1/(number of makers); the share is the total divided by the number of
    decisions. The message gives every maker's share, highest first.

    Why it matters:
    Leadership happens through the structures and processes of a partnership as much as
    through its people. When one member takes most decisions, the others become an audience:
    their knowledge goes unused and their commitment fades.

    How to fix:
    Take decisions jointly in a body where all members sit, or share out the areas in which each
    member decides.

    For the file:
    Record every maker of a decision in its `made_by`.

    Example:
    ```yaml
    decisions:
      - {date: 2026-01-10, summary: Budget, made_by: [council]}
      - {date: 2026-02-10, summary: Staffing, made_by: [council]}
      - {date: 2026-03-10, summary: Venue, made_by: [council]}
      - {date: 2026-04-10, summary: Logo, made_by: [council]}
      - {date: 2026-05-10, summary: Website, made_by: [council]}
    ```
    """
    shares, count = facts.decision_shares(options.window_months)
    if count < MIN_DECISIONS:
        return
    ranked = sorted(shares.items(), key=lambda item: (-item[1], item[0]))
    breakdown = ", ".join(f"{org} {share(value)}" for org, value in ranked)
    for org, value in ranked:
        if value > options.max_share + ROUNDING:
            yield Hit(
                org,
                f"'{org}' holds a decision share of {share(value)} over {count} decisions in "
                f"the {options.window_months} months to {facts.as_of.isoformat()} "
                f"(> {share(options.max_share)}): {breakdown}",
                ("decisions",),
            )


class UnilateralDecisionsOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Largest share of decisions one organisation may take without consulting.",
    )
    window_months: int = Field(
        24, ge=1, description="Months back from the as-of date whose decisions count."
    )


@rule(
    "CG602",
    "unilateral-decisions",
    PRINCIPLE,
    Severity.WARNING,
    options=UnilateralDecisionsOptions,
    needs=("decisions",),
)
def unilateral_decisions(facts: Facts, options: UnilateralDecisionsOptions) -> Iterator[Hit]:
    """Finds a partnership where most decisions are taken by one organisation alone.

    What it finds:
    Decisions made by a single organisation with no other organisation consulted, when they
    exceed `max_share` of the decisions dated within `window_months` (at least 5 decisions).
    A decision that lists only its maker under `consulted` counts as unilateral.

    Why it matters:
    Decisions that partners learn about afterwards tell them their views do not count. Even
    where one member must decide, consulting the others keeps them committed.

    How to fix:
    Consult the partners before deciding, or take the decision together.

    For the file:
    Record those consulted under `consulted`, and every maker in `made_by`.

    Example:
    ```yaml
    decisions:
      - {date: 2026-01-10, summary: Budget, made_by: [council]}
      - {date: 2026-02-10, summary: Staffing, made_by: [council]}
      - {date: 2026-03-10, summary: Venue, made_by: [council]}
      - {date: 2026-04-10, summary: Logo, made_by: [council]}
      - {date: 2026-05-10, summary: Website, made_by: [council]}
    ```
    """
    decisions = facts.decisions_within(options.window_months)
    if len(decisions) < MIN_DECISIONS:
        return
    makers: Counter[str] = Counter()
    for decision in decisions:
        made_by = set(decision.made_by)
        if len(made_by) == 1 and not set(decision.consulted) - made_by:
            makers[next(iter(made_by))] += 1
    unilateral = sum(makers.values())
    if unilateral / len(decisions) > options.max_share:
        by_whom = ", ".join(
            f"{org} {n}" for org, n in sorted(makers.items(), key=lambda i: (-i[1], i[0]))
        )
        yield Hit(
            "partnership",
            f"{unilateral} of {len(decisions)} decisions in the {options.window_months} months "
            f"to {facts.as_of.isoformat()} were taken by one organisation with nobody "
            f"consulted ({percent(unilateral, len(decisions))} > {share(options.max_share)}): "
            f"{by_whom}",
            ("decisions",),
        )


@rule("CG603", "no-decision-rule", PRINCIPLE, Severity.WARNING)
def no_decision_rule(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a partnership with no written rule for taking decisions.

    What it finds:
    `governance.decision_rule` is absent (or there is no `governance` at all).

    Why it matters:
    Partners who have not agreed how decisions are taken argue about the process as well as
    the substance. The Audit Commission found governance problems in 60% of partnerships
    without a written agreement, against 22% of those with one.

    How to fix:
    Agree how the partnership decides (by consensus, by majority, by the chair, or by a lead
    organisation) and write it into the partnership agreement.

    For the file:
    Record it under `governance.decision_rule` (`consensus`, `majority`, `chair` or
    `lead-organisation`).

    Example:
    ```yaml
    governance:
      chairs:
        - {organisation: council, from: 2024-01-01}
    ```
    """
    governance = facts.partnership.governance
    if governance is None:
        yield Hit(
            "partnership",
            "no written decision rule (there is no governance section)",
            ("governance",),
        )
    elif governance.decision_rule is None:
        yield Hit(
            "partnership",
            "no written decision rule (governance.decision_rule is absent)",
            ("governance",),
        )


class LowOwnershipOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_share: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Smallest share of active organisations that should lead work or chair.",
    )
    window_months: int = Field(
        24, ge=1, description="Months back from the as-of date in which past leading counts."
    )


@rule(
    "CG604",
    "low-ownership",
    PRINCIPLE,
    Severity.INFO,
    options=LowOwnershipOptions,
    needs=("leadership-records",),
)
def low_ownership(facts: Facts, options: LowOwnershipOptions) -> Iterator[Hit]:
    """Finds a partnership led by too few of its members.

    What it finds:
    Fewer than `min_share` of the active organisations lead an activity or chair, now or
    within `window_months`. An organisation counts when it is the `lead` of a `planned` or
    `active` activity, or of any activity that overlaps the window, or when it held the
    chair at some time in the window. The rule needs `activities` or `governance.chairs`:
    without either there is nothing to judge ownership by.

    Why it matters:
    Partners who never lead anything come to see the partnership as someone else's. Spreading
    the lead of activities and the chair builds ownership and leadership across the members.

    How to fix:
    Ask members who have not led to take the lead of an activity, or rotate the chair.

    For the file:
    Record it under `activities[].lead` or `governance.chairs`.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
      - {id: health, name: Health Board}
      - {id: college, name: City College}
      - {id: police, name: Police}
    activities:
      - {id: audit, name: Housing audit, status: active, lead: council}
    ```
    """
    governance = facts.partnership.governance
    chairs = governance.chairs if governance is not None else ()
    active = facts.active_orgs
    if not active:
        return
    start = facts.window_start(options.window_months)
    leaders = {
        a.lead
        for a in facts.partnership.activities
        if a.lead
        and (
            a.status in (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)
            or facts.overlaps_window(a, options.window_months)
        )
    }
    leaders |= {
        c.organisation for c in chairs if c.from_ <= facts.as_of and (c.to is None or c.to > start)
    }
    owners = [o.id for o in active if o.id in leaders]
    if len(owners) / len(active) < options.min_share:
        who = ", ".join(owners) if owners else "none"
        yield Hit(
            "partnership",
            f"{len(owners)} of {len(active)} active organisations lead an activity or chair, "
            f"now or in the {options.window_months} months to {facts.as_of.isoformat()} "
            f"({percent(len(owners), len(active))} < {share(options.min_share)}): {who}",
            ("organisations",),
        )


class HubAndSpokeOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_centralisation: float = Field(
        0.7,
        ge=0,
        le=1,
        description="Largest Freeman degree centralisation of the collaboration network.",
    )


@rule(
    "CG605",
    "hub-and-spoke",
    PRINCIPLE,
    Severity.INFO,
    options=HubAndSpokeOptions,
    needs=("ties",),
)
def hub_and_spoke(facts: Facts, options: HubAndSpokeOptions) -> Iterator[Hit]:
    """Finds a partnership that works as a hub and its spokes.

    What it finds:
    A collaboration network whose Freeman degree centralisation exceeds `max_centralisation`
    (at least 4 active organisations), while `governance.decision_rule` is not
    `lead-organisation`. Two organisations are tied when they share an activity, a decision
    body, a decision or a meeting; centralisation is 1 for a star, where one organisation is
    tied to all the others and they only to it, and 0 when every organisation has as many
    ties as the others.

    Why it matters:
    A partnership that says it decides together but whose work all runs through one member
    is led by that member in practice. The others depend on the hub to hear of each other,
    and the partnership cannot survive the hub's withdrawal.

    How to fix:
    Put members in touch directly: joint activities, shared meetings and decision bodies that
    bring the spokes together. If one organisation does lead, say so.

    For the file:
    A lead organisation is recorded as `decision_rule: lead-organisation`.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
      - {id: health, name: Health Board}
      - {id: college, name: City College}
    meetings:
      - {date: 2026-06-01, attended: [council, trust]}
      - {date: 2026-07-01, attended: [council, health]}
      - {date: 2026-08-01, attended: [council, college]}
    ```
    """
    governance = facts.partnership.governance
    decision_rule = governance.decision_rule if governance is not None else None
    if decision_rule is DecisionRule.LEAD_ORGANISATION:
        return
    network = facts.network
    if len(network.nodes) < MIN_ORGANISATIONS:
        return
    centralisation = network.degree_centralisation()
    if centralisation <= options.max_centralisation:
        return
    neighbours = network.neighbours
    # Ties go to the organisation listed first, so the hub named is stable.
    hub = max(network.nodes, key=lambda node: len(neighbours[node]))
    rule_text = (
        f"the decision rule is {decision_rule.value}"
        if decision_rule is not None
        else "no decision rule is recorded"
    )
    yield Hit(
        "partnership",
        f"degree centralisation of the collaboration network is {centralisation:.2f} "
        f"(> {options.max_centralisation:.2f}) around '{hub}', tied to "
        f"{len(neighbours[hub])} of the other {len(network.nodes) - 1} active organisations, "
        f"while {rule_text}",
        facts.org_path(hub),
    )

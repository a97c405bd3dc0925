"""Principle 6, leadership structures: who takes decisions and who leads the work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..analysis.dates import percent, share
from ..analysis.facts import org_names
from ..findings import Severity
from ..model import ActivityStatus, DecisionRule, Role
from . import Hit, RuleOptions, rule, strength
from .options import NoOptions, Options, count_option, share_option, window_option

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "leadership-structures"

MIN_DECISIONS = 5
"""Fewer decisions in the window say too little about who takes them."""

MIN_ORGANISATIONS = 4
"""With fewer members every network looks like a star."""

NETWORKING = "networking"
"""The level (RULES.md section 9) at which a missing decision rule is for information."""

LEADING_NOW = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)
"""Work a member leads now, whatever its dates."""

ROUNDING = 1e-9
"""Decision shares are sums of fractions such as 1/3: a share equal to the limit must not
exceed it through floating-point rounding."""


class CentralisedDecisionsOptions(Options):
    max_share: float = share_option(0.5, "Largest decision share one organisation may hold.")
    window_months: int = window_option(24, "Months back from the as-of date whose decisions count.")


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
    decisions. A decision taken jointly by all five members gives each 0.2; one taken alone
    gives its maker 1. Every maker counts, observers and funders too: this is about power.
    The message gives every maker's share, highest first.

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
    breakdown = ", ".join(f"{facts.name_of(org)} {share(value)}" for org, value in ranked)
    for org, value in ranked:
        if value > options.max_share + ROUNDING:
            yield Hit(
                org,
                f"'{facts.name_of(org)}' took {share(value)} of the {count} decisions in "
                f"the {options.window_months} months to {facts.as_of.isoformat()} (a joint "
                f"decision counts in part for each maker); the limit is "
                f"{share(options.max_share)}; each maker's share: {breakdown}",
                ("decisions",),
            )


class UnilateralDecisionsOptions(Options):
    max_share: float = share_option(
        0.5, "Largest share of decisions one organisation may take without consulting."
    )
    window_months: int = window_option(24, "Months back from the as-of date whose decisions count.")


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
            f"{facts.name_of(org)} {n}"
            for org, n in sorted(makers.items(), key=lambda i: (-i[1], i[0]))
        )
        yield Hit(
            "partnership",
            f"{unilateral} of {len(decisions)} decisions in the {options.window_months} months "
            f"to {facts.as_of.isoformat()} were taken by one organisation with nobody "
            f"consulted ({percent(unilateral, len(decisions))}; the limit is "
            f"{share(options.max_share)}): {by_whom}",
            ("decisions",),
        )


@rule("CG603", "no-decision-rule", PRINCIPLE, Severity.WARNING)
def no_decision_rule(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a partnership with no written rule for taking decisions.

    What it finds:
    `governance.decision_rule` is absent (or there is no `governance` at all). Where the
    partnership's level is `networking` (its members interact: they share information,
    meet and consult, but do not pool money or deliver together), the finding is `info`
    rather than a warning.

    Why it matters:
    Partners who have not agreed how decisions are taken argue about the process as well as
    the substance. The Audit Commission found governance problems in 60% of public bodies'
    partnerships without a written agreement, against 22% of those with one. An informal
    network of interaction needs less formality than a body that pools money and delivers
    together, so there it is a point to consider, not a warning.

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
    if governance is not None and governance.decision_rule is not None:
        return
    where = (
        "there is no governance section"
        if governance is None
        else "governance.decision_rule is absent"
    )
    if facts.collaboration_level().level == NETWORKING:
        yield Hit(
            "partnership",
            f"no written decision rule ({where}); the partnership works at the networking "
            "level, where a written rule matters less than for pooled money or joint delivery",
            ("governance",),
            Severity.INFO,
        )
        return
    yield Hit("partnership", f"no written decision rule ({where})", ("governance",))


class LowOwnershipOptions(Options):
    min_share: float = share_option(
        0.25, "Smallest share of members that should lead work or chair."
    )
    window_months: int = window_option(
        24, "Months back from the as-of date in which past leading counts."
    )


def _work_leaders(facts: Facts, months: int) -> set[str]:
    """Organisations that lead a planned or active activity, or led a completed one that
    overlaps the window (live or planned work; stalled and cancelled work is not led)."""
    return {
        a.lead
        for a in facts.partnership.activities
        if a.lead
        and (
            a.status in LEADING_NOW
            or (a.status is ActivityStatus.COMPLETED and facts.overlaps_window(a, months))
        )
    }


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
    Fewer than `min_share` of the members lead an activity or chair, now or within
    `window_months`. A member counts when it is the `lead` of a `planned` or `active`
    activity, or of a `completed` one that overlaps the window, or when it held the chair
    at some time in the window. Stalled and cancelled work does not count, and observers
    are not members. The rule needs `activities` or `governance.chairs`: without either
    there is nothing to judge ownership by.

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
    members = facts.members
    if not members:
        return
    start = facts.window_start(options.window_months)
    leaders = _work_leaders(facts, options.window_months)
    leaders |= {
        c.organisation for c in chairs if c.from_ <= facts.as_of and (c.to is None or c.to > start)
    }
    owners = [o.name for o in members if o.id in leaders]
    if len(owners) / len(members) < options.min_share:
        who = f": {org_names(owners)}" if owners else ""
        yield Hit(
            "partnership",
            f"{len(owners)} of {len(members)} members lead work or chair, now or in the "
            f"{options.window_months} months to {facts.as_of.isoformat()} "
            f"({percent(len(owners), len(members))}; the minimum is "
            f"{share(options.min_share)}){who}",
            ("organisations",),
        )


class HubAndSpokeOptions(Options):
    max_centralisation: float = share_option(
        0.7,
        (
            "Largest centralisation of the collaboration network: 1 for a star, 0 when "
            "every member has as many ties as the others."
        ),
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
    A collaboration network whose degree centralisation (Freeman) exceeds
    `max_centralisation` (at least 4 members), while `governance.decision_rule` is not
    `lead-organisation`. The network is the one RULES.md defines: members are tied when,
    within 24 months, they share a live or planned activity, a decision, or a meeting of a
    body that does not include every member. Centralisation is 1 for a star, where one
    member is tied to all the others and they only to it, and 0 when every member has as
    many ties as the others. The message names the hub and counts its ties.

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
    activities:
      - {id: audit, name: Housing audit, status: active, lead: council, partners: [trust]}
      - {id: clinic, name: Clinic, status: active, lead: council, partners: [health]}
      - {id: course, name: Course, status: planned, lead: council, partners: [college]}
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
    if centralisation <= options.max_centralisation + ROUNDING:
        return
    degrees = network.degrees()
    # Ties go to the member listed first, so the hub named is stable.
    hub = max(network.nodes, key=degrees.__getitem__)
    others = [n for n in network.nodes if n != hub]
    spokes = sum(degrees[n] for n in others) / len(others)
    rule_text = (
        f"the decision rule is {decision_rule.value}"
        if decision_rule is not None
        else "no decision rule is recorded"
    )
    yield Hit(
        "partnership",
        f"'{facts.name_of(hub)}' is tied to {degrees[hub]} of the other "
        f"{len(others)} members, who have {spokes:.1f} ties each on average: the network's "
        f"centralisation is {centralisation:.2f} (1 is a star; the limit is "
        f"{options.max_centralisation:.2f}), while {rule_text}",
        facts.org_path(hub),
    )


class GovernanceModeOptions(Options):
    max_shared_members: int = count_option(
        12, "Most members that can govern themselves together without a backbone.", least=2
    )


SHARED_RULES = (DecisionRule.CONSENSUS, DecisionRule.MAJORITY)


@rule(
    "CG606",
    "governance-mode-fit",
    PRINCIPLE,
    Severity.INFO,
    options=GovernanceModeOptions,
    needs=("governance",),
)
def governance_mode_fit(facts: Facts, options: GovernanceModeOptions) -> Iterator[Hit]:
    """Finds shared governance stretched over too many members.

    What it finds:
    Shared governance among more than `max_shared_members` members: the decision rule is
    `consensus` or `majority`, and no active organisation has the `backbone` role (one that
    administers the partnership for its members). A `lead-organisation` or `chair` rule,
    or a backbone organisation, is another mode of governance and is not a finding.

    Why it matters:
    Provan and Kenis (2008) found that the way a network is governed must fit its size.
    Shared governance, where every member takes part in every decision, works for a small
    group; past about a dozen members it becomes slow and draining, and decisions drift to
    whoever has the time. Larger partnerships do better with a lead organisation or a
    backbone that administers the partnership on the members' behalf.

    How to fix:
    Agree with the members a backbone organisation (give it the `backbone` role), or a
    lead organisation, or a smaller board that decides for the whole partnership.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
      - {id: health, name: Health Board}
      - {id: college, name: City College}
      - {id: police, name: Police}
      - {id: fire, name: Fire Service}
      - {id: school, name: Riverside School}
      - {id: library, name: City Library}
      - {id: museum, name: City Museum}
      - {id: club, name: Rowing Club}
      - {id: forum, name: Tenants Forum}
      - {id: church, name: St Mary's Church}
      - {id: mosque, name: Central Mosque}
    governance:
      decision_rule: consensus
    ```
    """
    governance = facts.partnership.governance
    if governance is None or governance.decision_rule not in SHARED_RULES:
        return
    if any(facts.has_role(o, Role.BACKBONE) for o in facts.active_orgs):
        return
    count = len(facts.members)
    if count <= options.max_shared_members:
        return
    yield Hit(
        "partnership",
        f"{count} members share governance by {governance.decision_rule.value} with no "
        f"backbone organisation to administer it; shared governance suits at most "
        f"{options.max_shared_members} members",
        ("governance", "decision_rule"),
    )


@strength("GP601", "written-decision-rule", PRINCIPLE, contradicted_by=("CG603", "CG604"))
def written_decision_rule(facts: Facts, options: RuleOptions) -> Iterator[Hit]:
    """Finds a written decision rule and leadership spread across the members.

    What it finds:
    A `governance.decision_rule` is recorded, and at least half the members lead a
    planned or active activity, or led a completed one within CG604's `window_months`
    (24) months.

    Why it matters:
    A written rule settles how decisions are taken before there is a dispute about one;
    work led by many members shows the partnership belongs to all of them.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Housing Trust}
    governance:
      decision_rule: consensus
    activities:
      - {id: audit, name: Housing audit, status: active, lead: council, partners: [trust]}
    ```
    """
    governance = facts.partnership.governance
    members = facts.members
    if governance is None or governance.decision_rule is None or not members:
        return
    months = getattr(options["CG604"], "window_months", 24)
    leaders = _work_leaders(facts, months)
    leading = [o.name for o in members if o.id in leaders]
    if 2 * len(leading) < len(members):
        return
    yield Hit(
        "partnership",
        f"the decision rule ({governance.decision_rule.value}) is written down, and "
        f"{len(leading)} of {len(members)} members lead or have led work in the {months} "
        f"months to {facts.as_of.isoformat()}: {org_names(leading)}",
        ("governance", "decision_rule"),
    )

"""Principle 4, partnership complexity: who is a member, who represents whom, how they tie."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..analysis.facts import org_names
from ..findings import Severity
from ..model import OrgStatus
from . import Hit, about_org, about_person, rule
from .options import NoOptions, Options, count_option, window_option

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "partnership-complexity"

MIN_ORGS_FOR_BRIDGE = 4
"""A cut vertex matters only in a partnership of at least this many members."""
NAMED_PARTS_LIMIT = 200
"""Up to this many members, CG405 names the parts a bridge holds together."""


@rule("CG401", "unclear-membership", PRINCIPLE, Severity.WARNING)
def unclear_membership(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an organisation or a person whose membership is unclear.

    What it finds:
    An organisation whose `status` is `uncertain` (and that has not left), or a current
    person with no `organisation` who is not marked `independent: true`. One finding for
    each. A resident or an expert by experience who takes part in their own right is not
    unclear: record them with `independent: true`.

    Why it matters:
    Partners are often unsure who the members are, and whom each individual represents.
    Ambiguity about membership makes it hard to agree aims, share power or know who is
    bound by a decision.

    How to fix:
    Ask the organisation whether it is a member, and ask each person whom they take part on
    behalf of.

    For the file:
    Set the organisation's `status` to `active` or `former`; record each person's
    `organisation`, or `independent: true` for someone who represents no organisation.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: chamber, name: Chamber of Commerce, status: uncertain}
    ```
    """
    for index, org in enumerate(facts.partnership.organisations):
        # `left` makes an organisation former whatever its status says (FORMAT.md).
        departed = org.left is not None and org.left <= facts.as_of
        if org.status is OrgStatus.UNCERTAIN and not departed:
            yield Hit(
                org.id,
                f"it is unclear whether '{org.name}' is a member (status: uncertain); "
                "record it as active or former",
                ("organisations", index, "status"),
            )
    for person in facts.current_people:
        if person.organisation is None and not person.independent:
            yield about_person(
                facts,
                person.id,
                f"'{person.name}' takes part but represents no organisation: record their "
                "organisation, or independent: true if they take part in their own right",
            )


class NetworkOverloadOptions(Options):
    max_networks: int = count_option(
        4, "Other networks a current person may sit on before it is overload."
    )


@rule(
    "CG402",
    "network-overload",
    PRINCIPLE,
    Severity.INFO,
    options=NetworkOverloadOptions,
    needs=("people",),
)
def network_overload(facts: Facts, options: NetworkOverloadOptions) -> Iterator[Hit]:
    """Finds a person who sits on too many other networks.

    What it finds:
    A current person whose `networks` list names more than `max_networks` other
    partnerships and networks. People who represent an organisation that is not a member
    (an observer, or one that has left) are left out; independent people are judged.

    Why it matters:
    People who sit on many partnerships at once have little time for each, and carry
    competing agendas between them; the partnership gets their attention last.

    How to fix:
    Share the representation among more people in the organisation, or agree with the
    person which networks they can step back from.

    Example:
    ```yaml
    networks:
      - {id: housing, name: Housing Forum}
      - {id: health, name: Health Board}
      - {id: skills, name: Skills Partnership}
      - {id: safety, name: Community Safety Group}
      - {id: transport, name: Transport Forum}
    people:
      - id: ann
        name: Ann Lee
        organisation: council
        networks: [housing, health, skills, safety, transport]
    ```
    """
    network_names = {n.id: n.name for n in facts.partnership.networks}
    for person in facts.current_people:
        if person.organisation is not None and person.organisation not in facts.member_ids:
            continue
        networks = list(dict.fromkeys(person.networks))
        if len(networks) > options.max_networks:
            named = org_names(network_names.get(n, n) for n in networks)
            yield Hit(
                person.id,
                f"'{person.name}' sits on {len(networks)} other networks ({named}); the "
                f"limit is {options.max_networks}",
                (*facts.person_path(person.id), "networks"),
            )


@rule("CG403", "no-named-representative", PRINCIPLE, Severity.WARNING, needs=("people",))
def no_named_representative(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a member that nobody currently represents.

    What it finds:
    A member (an active organisation that is not an observer) with no current person in
    `people` (judged only when people are recorded at all). An observer watches without
    taking part, so it needs no representative.

    Why it matters:
    Organisations collaborate through individuals. A member with no named representative
    cannot be asked, consulted or held to a commitment, and often drifts away unnoticed.

    How to fix:
    Ask the organisation who represents it, or whether it has left.

    For the file:
    Add that person to `people`, or record that the organisation has left.

    Example:
    ```yaml
    people:
      - {id: ann, name: Ann Lee, organisation: council, left: 2026-01-31}
    ```
    """
    for org in facts.members:
        if not facts.current_people_of(org.id):
            recorded = len(facts.people_by_org.get(org.id, []))
            detail = f"{recorded} recorded, none current" if recorded else "none recorded"
            yield about_org(facts, org.id, f"'{org.name}' has no current representative ({detail})")


class WindowOptions(Options):
    window_months: int = window_option(
        24, ("Months before the as-of date whose activities, decisions and meetings tie members.")
    )


@rule(
    "CG404",
    "isolated-member",
    PRINCIPLE,
    Severity.INFO,
    options=WindowOptions,
    needs=("working-ties",),
)
def isolated_member(facts: Facts, options: WindowOptions) -> Iterator[Hit]:
    """Finds a member tied to no other member in the collaboration network.

    What it finds:
    A member that, within the last `window_months` months, shares no live or planned
    activity (as lead or partner), no decision (`made_by` or `consulted`) and no meeting of
    a body that does not include every member with any other member. A decision or meeting
    that includes every member, a meeting of no body (the whole partnership) and a seat on
    a body tie nobody: they say nothing about who works with whom. Judged where there are at
    least two members and the file records some activities, decisions or meetings: with
    none of them, every member would look isolated for lack of data.
    Observers and former members are not in the network.

    Why it matters:
    A member that works with nobody else in the partnership gains nothing from it and
    adds nothing to it; it is a member in name only, and likely to leave.

    How to fix:
    Involve the organisation in an activity, a working group or a decision with other
    members, or ask whether it still wants to be a member.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Health Trust}
      - {id: chamber, name: Chamber of Commerce}
    activities:
      - {id: walks, name: Health walks, lead: council, partners: [trust]}
    ```
    """
    members = len(facts.members)
    if members < 2:
        return
    network = facts.network_within(options.window_months)
    for org_id in network.isolated():
        yield about_org(
            facts,
            org_id,
            f"'{facts.name_of(org_id)}' shares no live or planned activity, decision or meeting of "
            f"a smaller group with "
            f"any of the other {members - 1} members in the {options.window_months} months to "
            f"{facts.as_of.isoformat()}",
        )


@rule("CG405", "single-bridge", PRINCIPLE, Severity.INFO, options=WindowOptions)
def single_bridge(facts: Facts, options: WindowOptions) -> Iterator[Hit]:
    """Finds a member that alone holds the partnership together.

    What it finds:
    A member that is a cut vertex of the collaboration network over the last
    `window_months` months: without it, the other members would fall into more separate
    parts, with no shared live or planned activity, decision or meeting of a smaller group
    between the parts. Judged with at least 4 members. The network is the one CG404 reads:
    decisions and meetings that include every member tie nobody.

    Why it matters:
    When the ties between groups of members all run through one organisation, the
    partnership depends on it: if it leaves, or its representative moves on, the
    partnership splits into groups that do not work together.

    How to fix:
    Build direct ties between the groups: a joint activity, a working group or joint
    decisions that do not depend on the bridging organisation.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Health Trust}
      - {id: school, name: Riverside School}
      - {id: chamber, name: Chamber of Commerce}
    activities:
      - {id: walks, name: Health walks, lead: council, partners: [trust]}
      - {id: careers, name: Careers fair, lead: council, partners: [school, chamber]}
    ```
    """
    members = len(facts.members)
    if members < MIN_ORGS_FOR_BRIDGE:
        return
    network = facts.network_within(options.window_months)
    order = {o.id: i for i, o in enumerate(facts.members)}
    for org_id, count in network.parts_without().items():
        # Naming the parts means joining the network again without each bridge, which grows
        # with the square of a long chain: name them only in a partnership people can read.
        described = ""
        if members <= NAMED_PARTS_LIMIT:
            parts = sorted(
                (sorted(part, key=order.__getitem__) for part in network.components([org_id])),
                key=lambda part: order[part[0]],
            )
            described = " (" + "; ".join(facts.names_of(part) for part in parts) + ")"
        yield about_org(
            facts,
            org_id,
            f"'{facts.name_of(org_id)}' is the only link between groups of members: without it "
            f"the other {members - 1} would split into {count} parts{described}",
        )

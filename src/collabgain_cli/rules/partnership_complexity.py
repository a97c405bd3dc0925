"""Principle 4, partnership complexity: who is a member, who represents whom, how they tie."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..findings import Severity
from ..model import OrgStatus
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "partnership-complexity"

MIN_ORGS_FOR_BRIDGE = 4
"""A cut vertex matters only in a partnership of at least this many active organisations."""


@rule("CG401", "unclear-membership", PRINCIPLE, Severity.WARNING)
def unclear_membership(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an organisation or a person whose membership is unclear.

    What it finds:
    An organisation whose `status` is `uncertain` (and that has not left), or a current
    person with no `organisation`. One finding for each.

    Why it matters:
    Partners are often unsure who the members are, and whom each individual represents.
    Ambiguity about membership makes it hard to agree aims, share power or know who is
    bound by a decision.

    How to fix:
    Ask the organisation whether it is a member and set its `status` to `active` or
    `former`; record the `organisation` each person takes part on behalf of.

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
                f"it is unclear whether '{org.id}' is a member (status: uncertain)",
                ("organisations", index, "status"),
            )
    for person in facts.current_people:
        if person.organisation is None:
            yield Hit(
                person.id,
                f"current person '{person.id}' has no organisation: whom they represent is unclear",
                facts.person_path(person.id),
            )


class NetworkOverloadOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_networks: int = Field(
        4, ge=0, description="Other networks a current person may sit on before it is overload."
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
    partnerships and networks.

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
    for person in facts.current_people:
        count = len(set(person.networks))
        if count > options.max_networks:
            yield Hit(
                person.id,
                f"'{person.id}' sits on {count} other networks (> {options.max_networks})",
                (*facts.person_path(person.id), "networks"),
            )


@rule("CG403", "no-named-representative", PRINCIPLE, Severity.WARNING, needs=("people",))
def no_named_representative(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an active organisation that nobody currently represents.

    What it finds:
    An active organisation with no current person in `people` (judged only when people
    are recorded at all).

    Why it matters:
    Organisations collaborate through individuals. A member with no named representative
    cannot be asked, consulted or held to a commitment, and often drifts away unnoticed.

    How to fix:
    Ask the organisation who represents it and add that person to `people`, or record that
    it has left.

    Example:
    ```yaml
    people:
      - {id: ann, name: Ann Lee, organisation: council, left: 2026-01-31}
    ```
    """
    for org in facts.active_orgs:
        if not facts.current_people_of(org.id):
            recorded = len(facts.people_by_org.get(org.id, []))
            detail = f"{recorded} recorded, none current" if recorded else "none recorded"
            yield Hit(
                org.id,
                f"active organisation '{org.id}' has no current representative ({detail})",
                facts.org_path(org.id),
            )


@rule("CG404", "isolated-member", PRINCIPLE, Severity.INFO, needs=("ties",))
def isolated_member(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an active organisation tied to no other in the collaboration network.

    What it finds:
    An active organisation that shares no activity (as lead or partner), decision body,
    decision (`made_by` or `consulted`) or meeting with any other active organisation.
    It is judged only where there are at least two active organisations and the file
    records some activities, decision bodies, decisions or meetings: with none of them,
    every member would look isolated for lack of data.

    Why it matters:
    A member that works with nobody else in the partnership gains nothing from it and
    adds nothing to it; it is a member in name only, and likely to leave.

    How to fix:
    Involve the organisation in an activity, a decision body or the meetings, or ask
    whether it still wants to be a member.

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
    if len(facts.active_orgs) < 2:
        return
    others = len(facts.active_orgs) - 1
    for org_id in facts.network.isolated():
        yield Hit(
            org_id,
            f"active organisation '{org_id}' shares no activity, decision body, decision "
            f"or meeting with any of the other {others} active organisations",
            facts.org_path(org_id),
        )


@rule("CG405", "single-bridge", PRINCIPLE, Severity.INFO)
def single_bridge(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds an active organisation that alone holds the partnership together.

    What it finds:
    An active organisation that is a cut vertex of the collaboration network: without it,
    the other active organisations would fall into more separate parts, with no shared
    activity, decision body, decision or meeting between the parts. Judged with at least
    4 active organisations.

    Why it matters:
    When the ties between groups of members all run through one organisation, the
    partnership depends on it: if it leaves, or its representative moves on, the
    partnership splits into groups that do not work together.

    How to fix:
    Build direct ties between the groups: a joint activity, a shared decision body or
    joint meetings that do not depend on the bridging organisation.

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
    active = len(facts.active_orgs)
    if active < MIN_ORGS_FOR_BRIDGE:
        return
    for org_id, parts in facts.network.parts_without().items():
        yield Hit(
            org_id,
            f"'{org_id}' is the only link between groups of members: without it the other "
            f"{active - 1} active organisations would split into {parts} parts",
            facts.org_path(org_id),
        )

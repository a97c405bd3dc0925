"""The network map: the collaboration network as nodes and edges with what a picture needs.

The ties are the network the checks read (RULES.md, `CollaborationNetwork.of_members`): members
tied by the live or planned activities, decisions and meetings of smaller groups they share
within 24 months; a body or meeting that includes every member ties nobody. A tie's weight is
the number of those records. Bridges and isolated members are those of the same network, so the
map marks the same organisations as CG404 and CG405. Organisations that are not members
(observers, former members, those not yet joined) are shown without ties, marked as such,
unless the map is of current members only.

When the ties are too many to read (more than `TIES_PER_MEMBER` per member on average), the
map keeps the strongest ties that still connect every member (a maximum spanning forest, which
holds each organisation's strongest tie), then the strongest of the rest up to that average, says
so (`NetworkMap.note`), and counts each organisation's ties not drawn (`MapNode.ties_not_drawn`,
"and N more" in the text map).

A group of more than `LARGE_GROUP` members (an activity, decision or meeting they all share)
is not drawn as every pair inside it: 2,000 members would make two million lines. It is drawn as
one group node, with a line from each member, and the map says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .analysis.facts import Facts
from .analysis.network import TIE_KINDS, CollaborationNetwork, Group, TieTable
from .model import Organisation, OrgStatus, Partnership

if TYPE_CHECKING:
    from .findings import Finding

ORGANISATION, PERSON, NETWORK, GROUP = "organisation", "person", "network", "group"
TIE, REPRESENTS, SITS_ON, MEMBER_OF = "tie", "represents", "sits-on", "member-of"
TIES_PER_MEMBER = 3
"""Above this many ties per member on average, a map is too dense to read and is thinned."""
WINDOW_MONTHS = 24
"""The window of the network the checks read (CG404 and CG405's default)."""
LARGE_GROUP = 50
"""Groups of more members than this are drawn as one group node, not as every pair."""

KIND_PLURALS = {
    "activity": "activities",
    "body": "bodies",
    "decision": "decisions",
    "meeting": "meetings",
}
"""Tie kinds (as `analysis.network` names them) and the plural used in counts and keys."""


@dataclasses.dataclass(frozen=True)
class MapNode:
    """An organisation, a person, another network or a group too large to draw as pairs.

    `id` is unique in the map: an organisation's own id, `person:ID`, `network:ID` (ids in
    the file are unique only within their kind, and never contain a colon) or `group:N`.
    """

    id: str
    kind: str
    name: str
    status: str
    """Organisations: active, uncertain, former or joining (not yet joined on the as-of date);
    people: current or former; networks: empty."""
    sector: str | None = None
    roles: tuple[str, ...] = ()
    role: str | None = None
    """A person's job or partnership role, or a network's kind."""
    organisation: str | None = None
    """The id of the organisation a person represents."""
    networks: int = 0
    """How many other networks a person sits on."""
    bridge: bool = False
    """An active organisation whose departure splits the active members into more parts."""
    parts_without: int = 0
    """For a bridge: how many parts the active members fall into without it."""
    isolated: bool = False
    """An active organisation tied to no other active organisation."""
    members: int = 0
    """For a group: how many organisations on the map it ties together."""
    ties_not_drawn: int = 0
    """For an organisation on a thinned map: how many of its ties are not drawn."""

    @property
    def current(self) -> bool:
        """Whether it takes part on the as-of date (organisations: active or uncertain)."""
        return self.status in ("active", "uncertain", "current", "")


@dataclasses.dataclass(frozen=True)
class MapEdge:
    """A tie between organisations, a person representing one, a person on a network, or an
    organisation in a group too large to draw as pairs."""

    source: str
    target: str
    kind: str
    counts: tuple[tuple[str, int], ...] = ()
    """For a tie: (kind, records) for each kind of record that ties the two, in TIE_KINDS order."""
    current: bool = True
    """False when either end is no longer taking part (former, or not yet joined)."""

    @property
    def weight(self) -> int:
        """For a tie, how many records tie the two; 1 for other edges."""
        return sum(count for _kind, count in self.counts) if self.counts else 1

    @property
    def summary(self) -> str:
        """The kinds of record, counted: '2 activities, 5 meetings'."""
        return ", ".join(count_of(kind, count) for kind, count in self.counts)


@dataclasses.dataclass(frozen=True)
class NetworkMap:
    """The map of one partnership on its as-of date."""

    path: str
    partnership: str
    as_of: dt.date
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    parts: tuple[tuple[str, ...], ...]
    """The connected parts of the active organisations, largest first."""
    current_only: bool = False
    people: bool = False
    tied_pairs: int = 0
    """How many pairs of members are tied; more than the ties drawn when the map is thinned."""
    members: int = 0
    """How many members the network has."""
    labels: bool = False
    """Whether formats that can label a tie with what it shares do so (DOT: `--labels`)."""

    @property
    def thinned(self) -> bool:
        return self.tied_pairs > len(self.ties)

    @property
    def note(self) -> str | None:
        """What a reader must know to read the map right: why some ties are not drawn."""
        if not self.thinned:
            return None
        return (
            f"{self.tied_pairs} pairs of the {self.members} members work together, too many "
            f"lines to read (more than {TIES_PER_MEMBER} per member on average): the map draws "
            f"the {len(self.ties)} strongest ties that keep every member connected, a thicker "
            "line for more shared activities, decisions and meetings."
        )

    @property
    def organisations(self) -> list[MapNode]:
        return [n for n in self.nodes if n.kind == ORGANISATION]

    @property
    def bridges(self) -> list[str]:
        return [n.id for n in self.nodes if n.bridge]

    @property
    def isolated(self) -> list[str]:
        return [n.id for n in self.nodes if n.isolated]

    @property
    def ties(self) -> list[MapEdge]:
        return [e for e in self.edges if e.kind == TIE]

    @property
    def groups(self) -> list[MapNode]:
        """Groups too large to draw as pairs, each drawn as one node."""
        return [n for n in self.nodes if n.kind == GROUP]


def count_of(kind: str, count: int) -> str:
    """'1 activity', '3 bodies'."""
    return f"{count} {kind if count == 1 else KIND_PLURALS[kind]}"


def group_node_id(number: int) -> str:
    return f"group:{number}"


def person_node_id(person_id: str) -> str:
    return f"person:{person_id}"


def network_node_id(network_id: str) -> str:
    return f"network:{network_id}"


def org_status(facts: Facts, org: Organisation) -> str:
    """Where an organisation stands on the as-of date."""
    if org.status is OrgStatus.FORMER or (org.left is not None and org.left <= facts.as_of):
        return "former"
    joined = facts.org_joined(org)
    if joined is not None and joined > facts.as_of:
        return "joining"
    if org.status is OrgStatus.UNCERTAIN:
        return "uncertain"
    return "active"


def build_map(
    path: str,
    partnership: Partnership,
    as_of: dt.date,
    *,
    current_only: bool = False,
    people: bool = False,
) -> NetworkMap:
    """The map of a partnership: organisations and their ties, optionally people and networks.

    With `current_only`, organisations and people no longer (or not yet) taking part are left
    out, with their ties; otherwise they are kept and marked.

    Its cost grows with the records, not with the pairs inside them: groups of more than
    `LARGE_GROUP` are one node each, and the tied pairs of the smaller ones are counted in one
    table of integers (`TieTable`); only the ties drawn become objects.
    """
    facts = Facts(partnership, as_of)
    active = facts.network_within(WINDOW_MONTHS)
    bridges = active.parts_without()
    isolated = set(active.isolated())
    # Largest first; parts of equal size keep the file's order.
    parts = sorted((tuple(part) for part in active.components()), key=len, reverse=True)
    statuses = [(org, org_status(facts, org)) for org in partnership.organisations]
    if current_only:
        statuses = [(org, s) for org, s in statuses if s not in ("former", "joining")]
    small = tuple(g for g in active.groups if len(g.members) <= LARGE_GROUP)
    table = CollaborationNetwork(active.nodes, small).tie_table(org.id for org, _ in statuses)
    drawn = readable_ties(table, len(active.nodes))
    not_drawn = _ties_not_drawn(table, drawn)
    nodes: list[MapNode] = [
        MapNode(
            id=org.id,
            kind=ORGANISATION,
            name=org.name,
            status=status,
            sector=org.sector.value if org.sector else None,
            roles=tuple(r.value for r in org.roles),
            bridge=org.id in bridges,
            parts_without=bridges.get(org.id, 0),
            isolated=org.id in isolated,
            ties_not_drawn=not_drawn.get(org.id, 0),
        )
        for org, status in statuses
    ]
    shown = {n.id: n for n in nodes}
    edges: list[MapEdge] = []
    for key in drawn:
        source, target = table.ends(key)
        current = shown[source].current and shown[target].current
        edges.append(MapEdge(source, target, TIE, table.counts(key), current))
    large = [g for g in active.groups if len(g.members) > LARGE_GROUP]
    if large:
        _add_groups(partnership, large, nodes, edges, shown)
    if people:
        _add_people(partnership, facts, nodes, edges, shown, current_only=current_only)
    return NetworkMap(
        path=path,
        partnership=partnership.partnership.name,
        as_of=as_of,
        nodes=tuple(nodes),
        edges=tuple(edges),
        parts=tuple(parts),
        current_only=current_only,
        people=people,
        tied_pairs=len(table),
        members=len(active.nodes),
    )


def _ties_not_drawn(table: TieTable, drawn: list[int]) -> dict[str, int]:
    """How many of each organisation's ties a thinned map leaves out."""
    if len(drawn) == len(table):
        return {}
    kept = set(drawn)
    width = len(table.nodes)
    counts = [0] * width
    for key in table.packed:
        if key not in kept:
            first, second = divmod(key, width)
            counts[first] += 1
            counts[second] += 1
    return {node: count for node, count in zip(table.nodes, counts, strict=True) if count}


def _record_names(
    partnership: Partnership, shown: dict[str, MapNode]
) -> dict[frozenset[str], list[str]]:
    """The names of the records behind each set of organisations on the map, in file order."""
    records: list[tuple[str, set[str]]] = []
    for activity in partnership.activities:
        members = set(activity.partners) | ({activity.lead} if activity.lead else set())
        records.append((activity.name, members))
    bodies = partnership.governance.bodies if partnership.governance is not None else ()
    body_names = {body.id: body.name for body in bodies}
    records.extend((body.name, set(body.members)) for body in bodies)
    for decision in partnership.decisions:
        members = {*decision.made_by, *decision.consulted}
        records.append((f"decision of {decision.date.isoformat()}: {decision.summary}", members))
    for meeting in partnership.meetings:
        of = f" of {body_names[meeting.body]}" if meeting.body in body_names else ""
        records.append((f"meeting{of} on {meeting.date.isoformat()}", set(meeting.attended)))
    out: dict[frozenset[str], list[str]] = {}
    for name, members in records:
        out.setdefault(frozenset(members & shown.keys()), []).append(name)
    return out


def _add_groups(
    partnership: Partnership,
    groups: list[Group],
    nodes: list[MapNode],
    edges: list[MapEdge],
    shown: dict[str, MapNode],
) -> None:
    """One node for each group too large to draw as pairs, with a line from each member."""
    names = _record_names(partnership, shown)
    order = {node_id: index for index, node_id in enumerate(shown)}
    for number, group in enumerate(groups, start=1):
        found = names.get(group.members, [])
        name = found[0] if found else "shared records"
        if len(found) > 1:
            name += f" and {len(found) - 1} more"
        node = MapNode(
            id=group_node_id(number),
            kind=GROUP,
            name=name,
            status="",
            role=", ".join(
                count_of(kind, group.kinds[kind]) for kind in TIE_KINDS if group.kinds[kind]
            ),
            members=len(group.members),
        )
        nodes.append(node)
        edges.extend(
            MapEdge(member, node.id, MEMBER_OF, current=shown[member].current)
            for member in sorted(group.members, key=order.__getitem__)
        )


def readable_ties(table: TieTable, members: int) -> list[int]:
    """The keys of the ties to draw, in node order: all of them, or when there are more than
    `TIES_PER_MEMBER` per member on average, the strongest that keep every member connected
    (Kruskal's maximum spanning forest), then the strongest of the rest up to that average.
    Ties of equal weight are taken in the file's order, so the same file draws the same map.
    The forest gives every tied organisation its strongest tie."""
    keys = table.in_order()
    limit = TIES_PER_MEMBER * members // 2
    if len(keys) <= limit:
        return keys
    ranked = table.by_weight()
    width = len(table.nodes)
    parent = list(range(width))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    keep: set[int] = set()
    for key in ranked:
        first, second = divmod(key, width)
        a, b = root(first), root(second)
        if a != b:
            parent[a] = b
            keep.add(key)
    for key in ranked:
        if len(keep) >= limit:
            break
        keep.add(key)
    return [key for key in keys if key in keep]


def _add_people(
    partnership: Partnership,
    facts: Facts,
    nodes: list[MapNode],
    edges: list[MapEdge],
    shown: dict[str, MapNode],
    *,
    current_only: bool,
) -> None:
    """People (tied to the organisation they represent) and the other networks they sit on."""
    sits_on: list[MapEdge] = []
    used: set[str] = set()
    for person in partnership.people:
        current = facts.is_current(person)
        if current_only and not current:
            continue
        # Someone who represents an organisation left off the map goes with it.
        if person.organisation is not None and person.organisation not in shown:
            continue
        node = MapNode(
            id=person_node_id(person.id),
            kind=PERSON,
            name=person.name,
            status="current" if current else "former",
            role=person.role,
            organisation=person.organisation,
            networks=len(set(person.networks)),
        )
        nodes.append(node)
        if person.organisation is not None:
            edges.append(
                MapEdge(
                    node.id,
                    person.organisation,
                    REPRESENTS,
                    current=current and shown[person.organisation].current,
                )
            )
        for network_id in dict.fromkeys(person.networks):
            used.add(network_id)
            sits_on.append(MapEdge(node.id, network_node_id(network_id), SITS_ON, current=current))
    for network in partnership.networks:
        if network.id in used:
            nodes.append(
                MapNode(
                    id=network_node_id(network.id),
                    kind=NETWORK,
                    name=network.name,
                    status="",
                    role=network.kind,
                )
            )
    edges.extend(sits_on)


def map_file(
    path: str,
    *,
    as_of: dt.date | None,
    current_only: bool,
    people: bool,
    transform: Callable[[Partnership], Partnership] | None = None,
    redact: Callable[[Partnership | None, str], str] | None = None,
) -> tuple[NetworkMap | None, tuple[Finding, ...]]:
    """The map of one file, or None and the file's errors when it is not valid.

    The as-of date is the file's `partnership.as_of`, else `as_of`, else today. `transform`
    (e.g. pseudonyms) is applied to the partnership before the map is built, and `redact`
    to the path and to an invalid file's error messages, which it cannot reach.
    """
    from .loader import load_path
    from .pipeline import Reading, prepare

    ready = prepare(load_path(path), Reading(as_of, transform, redact))
    if ready.partnership is None or ready.as_of is None:
        return None, ready.errors
    network_map = build_map(
        ready.path, ready.partnership, ready.as_of, current_only=current_only, people=people
    )
    return network_map, ()

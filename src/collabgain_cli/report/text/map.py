"""`text`: the map in a terminal: organisations with their ties (by name), bridges and isolated
marked, and why some ties are not drawn when there are too many to read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...analysis.dates import plural
from ...mapping import (
    LARGE_GROUP,
    MEMBER_OF,
    NETWORK,
    PERSON,
    SITS_ON,
    TIE,
    MapEdge,
    MapNode,
    NetworkMap,
)
from ...safe_text import terminal_output
from ..concerns import names_list
from ..graph.common import STATUS_MARKS, details, marks, one_line, title

if TYPE_CHECKING:
    from .. import RenderOptions


def _head(node: MapNode) -> str:
    # A network's map id carries its kind; the file's own id reads better here.
    line = f"{node.id.removeprefix('network:')}  {one_line(node.name)}"
    about = details(node)
    if about:
        line += f" ({'; '.join(about)})"
    found = marks(node)
    if found:
        line += f" [{'; '.join(found)}]"
    return line


def _tie(other: MapNode, edge: MapEdge) -> str:
    line = f"─ {one_line(other.name)}: {plural(edge.weight, 'record')} ({edge.summary})"
    if other.status in STATUS_MARKS:
        line += f" [{STATUS_MARKS[other.status]}]"
    return line


def _person(node: MapNode) -> str:
    line = one_line(node.name)
    if node.role:
        line += f" ({one_line(node.role)})"
    found = marks(node)
    if found:
        line += f" [{'; '.join(found)}]"
    return line


def _summary(network_map: NetworkMap) -> list[str]:
    orgs = network_map.organisations
    names = {o.id: one_line(o.name) for o in orgs}

    def org_names(ids: Iterable[str]) -> str:
        return names_list([names.get(i, i) for i in ids], limit=len(names))

    counts: dict[str, int] = {}
    for org in orgs:
        counts[org.status] = counts.get(org.status, 0) + 1
    by_status = ", ".join(f"{n} {status}" for status, n in counts.items())
    lines = [
        f"{plural(len(orgs), 'organisation')} ({by_status}); {plural(len(network_map.ties), 'tie')}"
    ]
    groups = network_map.groups
    if groups:
        lines.append(
            f"{plural(len(groups), 'group')} of more than {LARGE_GROUP} organisations "
            "too large to list as pairs: "
            + "; ".join(f"{one_line(g.name)} ({g.members:,} organisations)" for g in groups)
        )
    if network_map.note:
        lines.append(network_map.note)
    parts = network_map.parts
    if len(parts) == 1:
        lines.append("The active members form 1 part.")
    elif parts:
        listed = "; ".join(org_names(part) for part in parts)
        lines.append(f"The active members form {len(parts)} parts: {listed}.")
    bridges = network_map.bridges
    lines.append(
        "Bridges (without one, the active members fall into more parts): "
        + (org_names(bridges) if bridges else "none")
    )
    isolated = network_map.isolated
    lines.append(
        "Isolated (tied to no other active member): "
        + (org_names(isolated) if isolated else "none")
    )
    return lines


def render(network_map: NetworkMap, options: RenderOptions | None = None) -> str:
    nodes = {n.id: n for n in network_map.nodes}
    ties: dict[str, list[tuple[MapNode, MapEdge]]] = {}
    people: dict[str | None, list[MapNode]] = {}
    members: dict[str, list[MapNode]] = {}
    within: dict[str, list[MapNode]] = {}
    for edge in network_map.edges:
        if edge.kind == TIE:
            ties.setdefault(edge.source, []).append((nodes[edge.target], edge))
            ties.setdefault(edge.target, []).append((nodes[edge.source], edge))
        elif edge.kind == SITS_ON:
            members.setdefault(edge.target, []).append(nodes[edge.source])
        elif edge.kind == MEMBER_OF:
            within.setdefault(edge.source, []).append(nodes[edge.target])
    for node in network_map.nodes:
        if node.kind == PERSON:
            people.setdefault(node.organisation, []).append(node)

    lines = [title(network_map), one_line(network_map.path), *_summary(network_map)]
    lines += ["", "Organisations"]
    for org in network_map.organisations:
        lines.append(f"  {_head(org)}")
        own = ties.get(org.id, [])
        lines.extend(f"    {_tie(other, edge)}" for other, edge in own)
        if org.ties_not_drawn:
            # A thinned map draws each organisation's strongest ties; the rest are counted.
            lines.append(f"    ─ and {plural(org.ties_not_drawn, 'more tie')}, not drawn")
        groups = within.get(org.id, [])
        lines.extend(
            f"    ─ with the {group.members - 1:,} others in {one_line(group.name)} ({group.role})"
            for group in groups
        )
        if not own and not groups:
            lines.append("    no ties")
        lines.extend(f"    person: {_person(person)}" for person in people.get(org.id, []))
    unattached = people.get(None, [])
    if unattached:
        lines += ["", "People with no organisation"]
        lines.extend(f"  {_person(person)}" for person in unattached)
    networks = [n for n in network_map.nodes if n.kind == NETWORK]
    if networks:
        lines += ["", "Other networks people sit on"]
        for network in networks:
            on = ", ".join(one_line(p.name) for p in members.get(network.id, []))
            lines.append(f"  {_head(network)}: {on}")
    return terminal_output("\n".join(lines) + "\n")

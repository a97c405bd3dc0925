"""`json`: the map as nodes and edges with their attributes, keys in a documented order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...mapping import GROUP, KIND_PLURALS, ORGANISATION, PERSON, MapEdge, MapNode, NetworkMap
from ...safe_text import json_text

if TYPE_CHECKING:
    from .. import RenderOptions


def node_record(node: MapNode, *, thinned: bool = False) -> dict[str, Any]:
    """A node's keys; on a thinned map, an organisation's also say how many of its ties are not
    drawn (`ties_not_drawn`)."""
    record: dict[str, Any] = {
        "id": node.id,
        "kind": node.kind,
        "name": node.name,
        "status": node.status,
    }
    if node.kind == ORGANISATION:
        record.update(
            sector=node.sector,
            roles=list(node.roles),
            bridge=node.bridge,
            parts_without=node.parts_without if node.bridge else None,
            isolated=node.isolated,
        )
        if thinned:
            record["ties_not_drawn"] = node.ties_not_drawn
    elif node.kind == PERSON:
        record.update(role=node.role, organisation=node.organisation, networks=node.networks)
    elif node.kind == GROUP:
        record.update(records=node.role, members=node.members)
    else:
        record["type"] = node.role
    return record


def edge_record(edge: MapEdge) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": edge.source,
        "target": edge.target,
        "kind": edge.kind,
        "weight": edge.weight,
        "current": edge.current,
    }
    if edge.counts:
        counts = dict(edge.counts)
        record["ties"] = {plural: counts.get(kind, 0) for kind, plural in KIND_PLURALS.items()}
    return record


def map_record(network_map: NetworkMap) -> dict[str, Any]:
    orgs = network_map.organisations
    thinned = network_map.thinned
    return {
        "path": network_map.path,
        "partnership": network_map.partnership,
        "as_of": network_map.as_of.isoformat(),
        "current_only": network_map.current_only,
        "people": network_map.people,
        "summary": {
            "organisations": len(orgs),
            "active": sum(1 for o in orgs if o.status == "active"),
            "ties": len(network_map.ties),
            "parts": len(network_map.parts),
            "bridges": network_map.bridges,
            "isolated": network_map.isolated,
            "groups": len(network_map.groups),
            "tied_pairs": network_map.tied_pairs,
            "note": network_map.note,
        },
        "parts": [list(part) for part in network_map.parts],
        "nodes": [node_record(n, thinned=thinned) for n in network_map.nodes],
        "edges": [edge_record(e) for e in network_map.edges],
    }


def render(network_map: NetworkMap, options: RenderOptions | None = None) -> str:
    return json_text(map_record(network_map))

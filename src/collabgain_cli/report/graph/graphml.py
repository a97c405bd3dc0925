"""`graphml`: GraphML for Gephi, yEd, Cytoscape and networkx.

Written with the standard library's ElementTree (networkx is not needed to run collabgain).
Every attribute is declared as a typed `key`; `label` is the name tools show on a node.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ...mapping import GROUP, KIND_PLURALS, ORGANISATION, PERSON, MapEdge, MapNode, NetworkMap
from ...safe_text import xml_text, xml_tree
from .common import details, marks, one_line

if TYPE_CHECKING:
    from .. import RenderOptions

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# (key id, applies to, attribute name, GraphML type)
KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("d0", "graph", "partnership", "string"),
    ("d1", "graph", "as_of", "string"),
    ("d2", "node", "label", "string"),
    ("d3", "node", "kind", "string"),
    ("d4", "node", "name", "string"),
    ("d5", "node", "status", "string"),
    ("d6", "node", "sector", "string"),
    ("d7", "node", "roles", "string"),
    ("d8", "node", "bridge", "boolean"),
    ("d9", "node", "isolated", "boolean"),
    ("d10", "node", "parts_without", "int"),
    ("d11", "node", "role", "string"),
    ("d12", "node", "organisation", "string"),
    ("d13", "node", "networks", "int"),
    ("d14", "node", "details", "string"),
    ("d15", "edge", "kind", "string"),
    ("d16", "edge", "weight", "int"),
    ("d17", "edge", "current", "boolean"),
    ("d18", "edge", "label", "string"),
    *(
        (f"d{19 + index}", "edge", plural, "int")
        for index, plural in enumerate(KIND_PLURALS.values())
    ),
    ("d23", "node", "members", "int"),
)
_KEY_IDS = {(scope, name): key for key, scope, name, _type in KEYS}

Value = str | int | bool


def _data(parent: ET.Element, scope: str, name: str, value: Value) -> None:
    element = ET.SubElement(parent, "data", key=_KEY_IDS[scope, name])
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, int):
        element.text = str(value)
    else:
        element.text = xml_text(one_line(value))


def _node_values(node: MapNode) -> list[tuple[str, Value]]:
    values: list[tuple[str, Value]] = [
        ("label", node.name),
        ("kind", node.kind),
        ("name", node.name),
        ("status", node.status),
        ("details", "; ".join([*details(node), *marks(node)])),
    ]
    if node.kind == ORGANISATION:
        values += [
            ("sector", node.sector or ""),
            ("roles", " ".join(node.roles)),
            ("bridge", node.bridge),
            ("isolated", node.isolated),
            ("parts_without", node.parts_without),
        ]
    elif node.kind == PERSON:
        values += [
            ("role", node.role or ""),
            ("organisation", node.organisation or ""),
            ("networks", node.networks),
        ]
    elif node.kind == GROUP:
        values += [("role", node.role or ""), ("members", node.members)]
    else:
        values.append(("role", node.role or ""))
    return values


def _edge_values(edge: MapEdge) -> list[tuple[str, Value]]:
    values: list[tuple[str, Value]] = [
        ("kind", edge.kind),
        ("weight", edge.weight),
        ("current", edge.current),
    ]
    if edge.counts:
        counts = dict(edge.counts)
        values.append(("label", edge.summary))
        values += [(plural, counts.get(kind, 0)) for kind, plural in KIND_PLURALS.items()]
    return values


def render(network_map: NetworkMap, options: RenderOptions | None = None) -> str:
    # Tags are written without a namespace and the namespaces declared as plain attributes,
    # so ElementTree does not invent prefixes (ns0:) that some tools reject.
    root = ET.Element(
        "graphml",
        {"xmlns": NAMESPACE, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{NAMESPACE} {SCHEMA}"},
    )
    for key, scope, name, kind in KEYS:
        ET.SubElement(root, "key", {"id": key, "for": scope, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="G", edgedefault="undirected")
    _data(graph, "graph", "partnership", network_map.partnership)
    _data(graph, "graph", "as_of", network_map.as_of.isoformat())
    for node in network_map.nodes:
        element = ET.SubElement(graph, "node", id=node.id)
        for name, value in _node_values(node):
            _data(element, "node", name, value)
    for index, edge in enumerate(network_map.edges):
        element = ET.SubElement(
            graph, "edge", id=f"e{index}", source=edge.source, target=edge.target
        )
        for name, value in _edge_values(edge):
            _data(element, "edge", name, value)
    xml_tree(root)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

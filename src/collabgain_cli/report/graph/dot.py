"""`dot`: an undirected Graphviz graph; `dot -Tsvg` draws it.

Every id and value is a double-quoted string. Besides the drawing attributes, nodes and edges
carry the map's data as attributes of their own (`kind`, `sector`, `roles`, `status`,
`bridge`, `isolated`, `fullname`; an edge's `kind`, `weight` and count of each kind of tie), which
Graphviz keeps and other tools read. Ties carry no label unless asked (`--labels`): on a map of
any size, a label on every line covers the names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...mapping import (
    GROUP,
    KIND_PLURALS,
    NETWORK,
    ORGANISATION,
    PERSON,
    MapEdge,
    MapNode,
    NetworkMap,
)
from .common import label_lines, one_line, title

if TYPE_CHECKING:
    from .. import RenderOptions

SHAPES = {ORGANISATION: "box", PERSON: "ellipse", NETWORK: "hexagon", GROUP: "doublecircle"}


def quote(text: str) -> str:
    """Text as a DOT double-quoted string; a backslash stays a backslash in labels too."""
    return '"' + one_line(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attributes(pairs: list[tuple[str, str | int]]) -> str:
    return ", ".join(
        f"{key}={value if isinstance(value, int) else quote(value)}" for key, value in pairs
    )


def _label(parts: list[str]) -> str:
    # `\n` in a DOT label is a line break; each part is escaped on its own first.
    return '"' + "\\n".join(quote(part)[1:-1] for part in parts) + '"'


def _node(node: MapNode) -> str:
    pairs: list[tuple[str, str | int]] = [
        ("shape", SHAPES[node.kind]),
        ("kind", node.kind),
        ("fullname", node.name),
    ]
    style = ["rounded"] if node.kind == ORGANISATION else []
    if node.kind == ORGANISATION:
        pairs += [
            ("sector", node.sector or ""),
            ("roles", " ".join(node.roles)),
            ("status", node.status),
            ("bridge", "true" if node.bridge else "false"),
            ("isolated", "true" if node.isolated else "false"),
        ]
    elif node.kind == PERSON:
        pairs += [("status", node.status), ("networks", node.networks)]
    elif node.kind == GROUP:
        pairs += [("members", node.members)]
    if node.bridge:
        pairs += [("penwidth", 3), ("color", "#b91c1c")]
    if node.isolated:
        style.append("filled")
        pairs.append(("fillcolor", "#f3f4f6"))
    if not node.current:
        style.append("dashed")
        pairs += [("color", "#9ca3af"), ("fontcolor", "#6b7280")]
    elif node.status == "uncertain":
        style.append("dotted")
    if style:
        pairs.append(("style", ",".join(style)))
    label = _label(label_lines(node))
    return f"  {quote(node.id)} [label={label}, {_attributes(pairs)}];"


def _edge(edge: MapEdge, *, labels: bool) -> str:
    pairs: list[tuple[str, str | int]] = [("kind", edge.kind), ("weight", edge.weight)]
    if edge.counts:
        counts = dict(edge.counts)
        pairs += [(KIND_PLURALS[kind], counts.get(kind, 0)) for kind in KIND_PLURALS]
        pairs.append(("penwidth", min(1 + edge.weight // 2, 6)))
        if labels:
            pairs.append(("label", edge.summary))
    if not edge.current:
        pairs += [("style", "dashed"), ("color", "#9ca3af")]
    return f"  {quote(edge.source)} -- {quote(edge.target)} [{_attributes(pairs)}];"


def render(network_map: NetworkMap, options: RenderOptions | None = None) -> str:
    # A thinned map says so under its title, so that a missing tie is not read as no tie.
    caption = _label([title(network_map), *([network_map.note] if network_map.note else [])])
    lines = [
        f"graph {quote(network_map.partnership)} {{",
        f'  graph [label={caption}, labelloc="t", layout="neato", '
        'overlap="false", splines="true"];',
        '  node [fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize="10"];',
    ]
    lines.extend(_node(node) for node in network_map.nodes)
    lines.extend(_edge(edge, labels=network_map.labels) for edge in network_map.edges)
    lines.append("}")
    return "\n".join(lines) + "\n"

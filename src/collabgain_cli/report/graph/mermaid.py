"""`mermaid`: a Mermaid flowchart, which GitHub, GitLab and most Markdown tools draw.

Ids are letters, digits and underscores, each starting with a capital so that no id is a
Mermaid keyword (`end`) or reads as an edge ending (`o`, `x`); labels are always quoted, with
characters Mermaid would interpret written as its entity codes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...mapping import GROUP, NETWORK, ORGANISATION, PERSON, NetworkMap
from ...safe_text import mermaid_label
from .common import label_lines, title

if TYPE_CHECKING:
    from .. import RenderOptions

PREFIXES = {ORGANISATION: "Org_", PERSON: "Person_", NETWORK: "Net_", GROUP: "Group_"}
SHAPES = {
    ORGANISATION: ('["', '"]'),
    PERSON: ('("', '")'),
    NETWORK: ('{{"', '"}}'),
    GROUP: ('(("', '"))'),
}
CLASSES = {
    "bridge": "stroke:#b91c1c,stroke-width:4px",
    "isolated": "fill:#f3f4f6,stroke:#6b7280,stroke-dasharray:2 2",
    "former": "fill:#ffffff,stroke:#9ca3af,color:#6b7280,stroke-dasharray:6 4",
    "uncertain": "stroke:#b45309,stroke-dasharray:3 3",
}
"""Class name -> style; a node's class also says in its label why it has it."""


def quote(text: str) -> str:
    """Text as a Mermaid double-quoted label."""
    return f'"{mermaid_label(text)}"'


def mermaid_ids(node_ids: list[tuple[str, str]]) -> dict[str, str]:
    """(map id, kind) -> a unique Mermaid id of [A-Za-z0-9_], stable for the same map."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for node_id, kind in node_ids:
        plain = node_id.split(":", 1)[-1]
        base = PREFIXES[kind] + re.sub(r"[^A-Za-z0-9_]", "_", plain)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}_{number}"
        taken.add(candidate)
        out[node_id] = candidate
    return out


def _class_of(status: str, bridge: bool, isolated: bool) -> str | None:
    if bridge:
        return "bridge"
    if isolated:
        return "isolated"
    if status in ("former", "joining"):
        return "former"
    if status == "uncertain":
        return "uncertain"
    return None


def render(network_map: NetworkMap, options: RenderOptions | None = None) -> str:
    ids = mermaid_ids([(n.id, n.kind) for n in network_map.nodes])
    lines = ["flowchart LR", f"  %% {mermaid_label(title(network_map))}"]
    if network_map.note:
        lines.append(f"  %% {mermaid_label(network_map.note)}")
    classes: dict[str, list[str]] = {}
    for node in network_map.nodes:
        label = "<br/>".join(quote(part)[1:-1] for part in label_lines(node))
        opening, closing = SHAPES[node.kind]
        lines.append(f"  {ids[node.id]}{opening}{label}{closing}")
        found = _class_of(node.status, node.bridge, node.isolated)
        if found:
            classes.setdefault(found, []).append(ids[node.id])
    for edge in network_map.edges:
        link = "---" if edge.current else "-.-"
        text = f"|{quote(edge.summary)}|" if edge.counts else ""
        lines.append(f"  {ids[edge.source]} {link}{text} {ids[edge.target]}")
    for name, members in classes.items():
        lines.append(f"  classDef {name} {CLASSES[name]}")
        lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"

"""What every map format says about a node, in the same words."""

from __future__ import annotations

from ...analysis.dates import plural
from ...mapping import GROUP, ORGANISATION, PERSON, MapNode, NetworkMap
from ...safe_text import terminal_line


def title(network_map: NetworkMap) -> str:
    """The map's one-line title, the same in every format."""
    return f"{one_line(network_map.partnership)}: network map as of {network_map.as_of.isoformat()}"


def one_line(text: str) -> str:
    """A name or role written over several lines in the file, on one line, with no control
    character (see `safe_text`)."""
    return terminal_line(text)


STATUS_MARKS = {
    "former": "former member",
    "uncertain": "membership uncertain",
    "joining": "not yet joined",
}


def details(node: MapNode) -> list[str]:
    """What a node is: an organisation's sector and roles, a person's role, a network's kind."""
    if node.kind == ORGANISATION:
        return [part for part in (node.sector, ", ".join(node.roles)) if part]
    return [one_line(node.role)] if node.role else []


def marks(node: MapNode) -> list[str]:
    """What the map marks about a node, in words (never by colour or shape alone)."""
    out: list[str] = []
    if node.bridge:
        out.append(f"bridge: {node.parts_without} parts without it")
    if node.isolated:
        out.append("isolated")
    if node.kind == ORGANISATION and node.status in STATUS_MARKS:
        out.append(STATUS_MARKS[node.status])
    if node.kind == GROUP:
        out.append(f"{node.members:,} organisations, too many to draw as pairs")
    if node.kind == PERSON:
        if node.networks:
            out.append(f"on {plural(node.networks, 'other network')}")
        if node.status == "former":
            out.append("left")
    return out


def label_lines(node: MapNode) -> list[str]:
    """A drawn node's label, a line each: its name, what it is, then what the map marks."""
    about = " · ".join(details(node))
    return [node.name, *([about] if about else []), *marks(node)]

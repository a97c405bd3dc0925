"""`svg`: the network map drawn as an SVG picture, the one the HTML report shows.

Organisations only: a circle each, coloured by sector and sized by how many others it works
with, and a line for each tie, the thicker the more the two share. Up to `NAMES_UP_TO`
organisations each is named beside its circle, up to `NUMBERS_UP_TO` numbered in it (the page
around the picture keys the numbers), and beyond only bridges are named. Membership, bridges and
isolation are said in words as well as by outline. The drawing is deterministic (see `layout`),
so the same file draws the same bytes, and every piece of the file's text is escaped.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

from ...mapping import MapEdge, MapNode, NetworkMap
from ...safe_text import html_text as _e
from . import layout
from .common import details, marks
from .common import title as common_title

if TYPE_CHECKING:
    from .. import RenderOptions

SECTOR_COLOURS = {
    "public": "#0072B2",
    "private": "#E69F00",
    "voluntary": "#009E73",
    "community": "#CC79A7",
    "academic": "#56B4E9",
    "other": "#F0E442",
}
"""Okabe and Ito's palette, which readers with colour-blindness can tell apart."""
NO_SECTOR = "#FFFFFF"
BRIDGE_INK = "#111111"
ISOLATED_INK = "#C0392B"
TIE_INK = "#7B8494"

MAP_WIDTH = 760
MAX_DRAWN_TIES = 3000
"""More lines than this make a map slow to open and no easier to read."""
HALO = ' stroke="#fcfcfd" stroke-width="3.5" paint-order="stroke"'
"""A pale outline behind map labels, so the lines they cross do not hide them."""
LABEL_CHAR_WIDTH = 6.4
"""Roughly how wide a character of an 11px label is, to keep labels inside the map."""
LABEL_LINE = 13.0
"""The height of a line of a label."""
LABEL_WRAP = 20
"""Names are wrapped at about this many characters a line, whole words kept."""
NAMES_UP_TO = 16
"""Up to this many organisations, each is named beside its circle."""
NUMBERS_UP_TO = 150
"""Up to this many, each is numbered in its circle and named in a key below; beyond, only
bridges and isolated members are named."""
NAMES, NUMBERS, MARKS_ONLY = "names", "numbers", "marks only"
LIGHT_ON_DARK = frozenset({"public", "voluntary"})
"""Sectors whose colour is dark enough to need a white number."""
STATUS_SUFFIX = {"former": " (former)", "uncertain": " (uncertain)", "joining": " (joining)"}
"""Said after a name on the map, so membership is not shown by outline alone."""


def _wrapped(name: str, width: int = LABEL_WRAP) -> tuple[str, ...]:
    """A name in lines of about `width` characters, broken between words, never cut short."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def naming_for(count: int) -> str:
    """How organisations are named on a map of `count` of them."""
    if count <= NAMES_UP_TO:
        return NAMES
    return NUMBERS if count <= NUMBERS_UP_TO else MARKS_ONLY


def _radius(ties: int, naming: str) -> float:
    if naming == NUMBERS:
        return 9 + min(4.0, math.sqrt(ties))
    if naming == MARKS_ONLY:
        return 4 + min(3.0, math.sqrt(ties))
    return 8 + min(8.0, 2 * math.sqrt(ties))


def _tie_width(tie: MapEdge) -> float:
    return round(min(8.0, 1.2 + 1.4 * math.log(tie.weight)), 1)


def strongest(ties: list[MapEdge], limit: int) -> list[MapEdge]:
    """Up to `limit` ties, the strongest, in map order."""
    if len(ties) <= limit:
        return ties
    ranked = sorted(range(len(ties)), key=lambda i: (-ties[i].weight, i))
    return [ties[i] for i in sorted(ranked[:limit])]


@dataclasses.dataclass(frozen=True)
class Placed:
    """Where an organisation is drawn, and what is written beside it: `text`, its name a line
    each (empty when it is not named on the map), and `words`, BRIDGE and ISOLATED as they
    apply."""

    x: float
    y: float
    radius: float
    text: tuple[str, ...]
    words: tuple[str, ...]


Box = tuple[float, float, float, float]


def _overlap(a: Box, b: Box) -> float:
    """The area two rectangles (left, top, right, bottom) share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _place_labels(placed: dict[str, Placed], height: float) -> dict[str, layout.Point]:
    """Where each name and mark is written (the middle of its first line) beside its circle,
    covering no other name and no circle.

    Greedy, in map order: a label tries below its circle, above, to the right, to the left,
    then the same further out, and takes the first place that overlaps nothing placed so far
    and stays on the map; when every place overlaps, the one that overlaps least.
    """
    circles = {
        node: (p.x - p.radius - 2, p.y - p.radius - 2, p.x + p.radius + 2, p.y + p.radius + 2)
        for node, p in placed.items()
    }
    taken: list[Box] = []
    out: dict[str, layout.Point] = {}
    for node_id, spot in placed.items():
        if not spot.text and not spot.words:
            continue
        widest = max([len(line) for line in spot.text] + [len(" · ".join(spot.words))])
        half = widest * LABEL_CHAR_WIDTH / 2 + 3
        tall = LABEL_LINE * len(spot.text) + (12.0 if spot.words else 0.0)
        gap = spot.radius + 3
        # Its own circle too: a label moved inwards at an edge must not cover it.
        others = list(circles.values())
        best: tuple[float, Box] | None = None
        for reach in (0.0, 14.0, 30.0):
            centre_x = (spot.x, spot.x, spot.x + gap + half + reach, spot.x - gap - half - reach)
            top = (
                spot.y + gap + reach,
                spot.y - gap - tall - reach,
                spot.y - tall / 2,
                spot.y - tall / 2,
            )
            for x, y in zip(centre_x, top, strict=True):
                # Keep the label on the page: moved inwards at an edge, never cut off.
                x = min(max(x, half + 2), MAP_WIDTH - half - 2)
                y = min(max(y, 2.0), height - tall - 2)
                box = (x - half, y, x + half, y + tall)
                cost = sum(_overlap(box, other) for other in (*taken, *others))
                if best is None or cost < best[0]:
                    best = (cost, box)
                if cost == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        box = best[1]
        taken.append(box)
        out[node_id] = ((box[0] + box[2]) / 2, box[1] + 10)
    return out


def _node_svg(
    node: MapNode, spot: Placed, label: layout.Point | None, naming: str, number: int
) -> list[str]:
    x, y, radius = spot.x, spot.y, spot.radius
    fill = SECTOR_COLOURS.get(node.sector or "", NO_SECTOR)
    classes = ["org", f"status-{node.status}"]
    stroke, width, dash, opacity = "#39414f", 1.5, "", "1"
    if node.status in ("former", "joining"):
        dash, opacity = ' stroke-dasharray="4 3"', "0.45"
    elif node.status == "uncertain":
        dash = ' stroke-dasharray="1.5 2.5"'
    if node.isolated:
        classes.append("isolated")
        stroke, width = ISOLATED_INK, 3.5
    if node.bridge:
        classes.append("bridge")
        stroke, width = BRIDGE_INK, 4.5
    about = "; ".join([*details(node), *marks(node)]) or "sector not given"
    out = [
        f'<g class="node" data-org="{_e(node.id)}">',
        f"<title>{_e(node.name)} ({_e(node.id)}): {_e(about)}</title>",
        f'<circle class="{" ".join(classes)}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
        f'fill="{fill}" fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    ]
    if naming == NUMBERS:
        ink = "#ffffff" if node.sector in LIGHT_ON_DARK and node.status == "active" else "#1c2230"
        out.append(
            f'<text class="number" x="{x:.1f}" y="{y + 3.2:.1f}" font-size="9" '
            f'font-weight="700" fill="{ink}">{number}</text>'
        )
    if label is not None:
        out.extend(_label_svg(node, spot, label))
    out.append("</g>")
    return out


def _label_svg(node: MapNode, spot: Placed, label: layout.Point) -> list[str]:
    """The name beside a circle, a line each, and under it its marks in words."""
    x, y = label
    out = []
    if spot.text:
        style = ' font-style="italic" fill="#6b7280"' if node.status != "active" else ""
        lines = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if index == 0 else LABEL_LINE:.0f}">{_e(line)}</tspan>'
            for index, line in enumerate(spot.text)
        )
        out.append(f'<text class="label" x="{x:.1f}" y="{y:.1f}"{style}{HALO}>{lines}</text>')
    if spot.words:
        ink = BRIDGE_INK if node.bridge else ISOLATED_INK
        mark_y = y + LABEL_LINE * len(spot.text)
        out.append(
            f'<text class="mark" x="{x:.1f}" y="{mark_y:.1f}" fill="{ink}" '
            f'font-weight="700" font-size="10"{HALO}>{" · ".join(spot.words)}</text>'
        )
    return out


def _named(node: MapNode, naming: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The name and marks written beside an organisation on a map named `naming`."""
    words = tuple(w for w, flag in (("BRIDGE", node.bridge), ("ISOLATED", node.isolated)) if flag)
    if naming == MARKS_ONLY and not node.bridge:
        # Isolated members stand in rows too close for names; the notes below name them.
        return (), ()
    if naming == NAMES or (naming == MARKS_ONLY and words):
        return _wrapped(node.name + STATUS_SUFFIX.get(node.status, "")), words
    return (), words


def _svg(network: NetworkMap, title: str) -> list[str]:
    organisations = network.organisations
    naming = naming_for(len(organisations))
    ties = network.ties
    drawn = strongest(ties, MAX_DRAWN_TIES)
    degree = {n.id: 0 for n in organisations}
    for tie in ties:
        degree[tie.source] += 1
        degree[tie.target] += 1
    # An organisation whose ties are all too weak to draw still sits among the tied ones.
    connected = [n.id for n in organisations if degree[n.id]]
    alone = [n.id for n in organisations if not degree[n.id]]
    drawing = layout.arrange(connected, [(t.source, t.target) for t in drawn])
    # Room at the sides and top for names of several lines beside the outer circles.
    side, top = (110.0, 56.0) if naming == NAMES else (80.0, 40.0)
    tallest = 560.0 if len(connected) <= 30 else 600.0
    wanted = (MAP_WIDTH - 2 * side) * layout.aspect(drawing) + 2 * top
    main_height = min(max(wanted, 200.0), tallest) if connected else 0.0
    # Room for a name and a mark under each, for a mark only, or for neither.
    spacing = {NAMES: (150.0, 64.0), NUMBERS: (70.0, 52.0), MARKS_ONLY: (36.0, 30.0)}[naming]
    alone_rows = layout.row_count(len(alone), MAP_WIDTH, spacing[0], side)
    alone_top = main_height + (46 if main_height else 40)
    height = main_height + (alone_rows * spacing[1] + 40 if alone else 0)
    positions = layout.fit(drawing, layout.Box(MAP_WIDTH, main_height, side, top))
    positions.update(layout.rows(alone, MAP_WIDTH, alone_top, spacing, side))
    placed = {}
    for node in organisations:
        text, words = _named(node, naming)
        x, y = positions[node.id]
        placed[node.id] = Placed(x, y, _radius(degree[node.id], naming), text, words)
    labels = _place_labels(placed, height)
    names = {n.id: n.name for n in organisations}
    out = [
        f'<svg class="network-map" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {MAP_WIDTH} {height:.0f}" aria-labelledby="map-title">',
        f'<title id="map-title">{_e(title)}</title>',
        '<g font-size="11" text-anchor="middle" stroke-linejoin="round">',
        '<g class="ties" stroke-linecap="round">',
    ]
    for tie in drawn:
        (x1, y1), (x2, y2) = positions[tie.source], positions[tie.target]
        style = "" if tie.current else ' stroke-dasharray="5 4" stroke-opacity="0.5"'
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{TIE_INK}" '
            f'stroke-width="{_tie_width(tie)}"{style}><title>{_e(names[tie.source])} and '
            f"{_e(names[tie.target])}: {_e(tie.summary)}</title></line>"
        )
    out.append("</g>")
    if alone:
        out.append(
            f'<text x="{MAP_WIDTH / 2:.0f}" y="{alone_top - 22:.0f}" fill="#5a6272" '
            f'font-size="12">No tie to any member in the 24 months to the as-of date</text>'
        )
        if main_height:
            out.append(
                f'<line x1="20" x2="{MAP_WIDTH - 20}" y1="{main_height:.0f}" '
                f'y2="{main_height:.0f}" stroke="#d6dae1"/>'
            )
    out.append('<g class="nodes">')
    for number, node in enumerate(organisations, start=1):
        out.extend(_node_svg(node, placed[node.id], labels.get(node.id), naming, number))
    out.extend(["</g>", "</g>", "</svg>"])
    return out


def render(
    network_map: NetworkMap, options: RenderOptions | None = None, *, title: str | None = None
) -> str:
    """The map as one `<svg>` element, with the signature of every renderer (it takes no
    options); `title` is what a screen reader announces (the map's title in every format
    without it)."""
    return "\n".join(_svg(network_map, title or common_title(network_map))) + "\n"

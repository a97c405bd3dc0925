"""Positions for a network drawing: deterministic, so the same file draws the same map.

Connected organisations are placed by stress majorization: organisations few ties apart sit
close, those many ties apart sit far, so groups and the members between them show. It starts
from a circle in the order given and has no randomness, so a report is byte-for-byte the same
each run. Each step costs a pass over every pair, so beyond `STRESS_MAX_NODES` organisations
stay on the circle. Organisations with no tie at all are set apart in rows along the bottom,
where a reader can see them as left out.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

STRESS_MAX_NODES = 150
"""Above this many connected organisations, the circle is kept (each step is O(n^2))."""

STEP_BUDGET = 2_000_000
"""Pair visits the layout may spend in all, so large maps cost about as much as small."""

Point = tuple[float, float]


@dataclasses.dataclass(frozen=True)
class Box:
    """The drawing area, and the margin kept clear of node centres for labels."""

    width: float
    height: float
    margin_x: float
    margin_y: float


def circle(ids: Sequence[str], box: Box) -> dict[str, Point]:
    """Ids spaced evenly on an ellipse filling the box, the first at the top (a pair side by
    side)."""
    cx, cy = box.width / 2, box.height / 2
    rx, ry = cx - box.margin_x, cy - box.margin_y
    count = len(ids)
    if count == 1:
        return {ids[0]: (cx, cy)}
    first = math.pi if count == 2 else -math.pi / 2
    out: dict[str, Point] = {}
    for index, node in enumerate(ids):
        angle = first + 2 * math.pi * index / count
        out[node] = (cx + rx * math.cos(angle), cy + ry * math.sin(angle))
    return out


def stress_layout(
    ids: Sequence[str], ties: Sequence[tuple[str, str]], box: Box
) -> dict[str, Point]:
    """Positions of `ids` in the box, tied pairs close; `ties` are (a, b), both ends in `ids`.

    Stress majorization (Gansner, Koren and North): each organisation is moved, in turn, to
    where its distances on the page best match its distances in the network (the fewest ties
    between them), nearer pairs counting more. Separate groups sit a step further apart than
    the widest group.
    """
    count = len(ids)
    if count <= 2 or count > STRESS_MAX_NODES:
        return circle(ids, box)
    index = {node: i for i, node in enumerate(ids)}
    near: list[list[int]] = [[] for _ in ids]
    for a, b in ties:
        near[index[a]].append(index[b])
        near[index[b]].append(index[a])
    hops = [_hops(near, source) for source in range(count)]
    widest = max((h for row in hops for h in row if h is not None), default=1)
    apart = widest + 1.0
    want = [[float(h) if h is not None else apart for h in row] for row in hops]
    start = circle(ids, Box(apart * 2, apart * 2, 0, 0))
    xs = [start[n][0] for n in ids]
    ys = [start[n][1] for n in ids]
    steps = max(30, min(300, STEP_BUDGET // (count * count)))
    for _step in range(steps):
        for i in range(count):
            total_x = total_y = total_w = 0.0
            for j in range(count):
                if i == j:
                    continue
                target = want[i][j]
                weight = 1.0 / (target * target)
                ox, oy = xs[i] - xs[j], ys[i] - ys[j]
                distance = math.hypot(ox, oy)
                if distance < 1e-9:
                    # Two on one spot: separate them along a fixed direction.
                    ox, oy, distance = 1e-3 * (1 + (i - j) % 7), 1e-3, 1e-3
                total_x += weight * (xs[j] + target * ox / distance)
                total_y += weight * (ys[j] + target * oy / distance)
                total_w += weight
            xs[i], ys[i] = total_x / total_w, total_y / total_w
    return _fit(ids, xs, ys, box)


def _hops(near: list[list[int]], source: int) -> list[int | None]:
    """Fewest ties from `source` to each node (None when unreachable)."""
    found: list[int | None] = [None] * len(near)
    found[source] = 0
    frontier = [source]
    while frontier:
        following = []
        for node in frontier:
            for other in near[node]:
                if found[other] is None:
                    found[other] = (found[node] or 0) + 1
                    following.append(other)
        frontier = following
    return found


def _fit(ids: Sequence[str], xs: list[float], ys: list[float], box: Box) -> dict[str, Point]:
    """Scale and centre the positions to fill the box inside its margins."""
    low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
    span_x = (high_x - low_x) or 1.0
    span_y = (high_y - low_y) or 1.0
    room_x = box.width - 2 * box.margin_x
    room_y = box.height - 2 * box.margin_y
    out: dict[str, Point] = {}
    for node, x, y in zip(ids, xs, ys, strict=True):
        out[node] = (
            box.margin_x + (x - low_x) / span_x * room_x if high_x > low_x else box.width / 2,
            box.margin_y + (y - low_y) / span_y * room_y if high_y > low_y else box.height / 2,
        )
    return out


def rows(
    ids: Sequence[str], width: float, top: float, spacing: float, margin: float
) -> dict[str, Point]:
    """Ids in rows left to right from `top`, `spacing` apart, centred across the width."""
    per_row = max(1, int((width - 2 * margin) // spacing) + 1)
    out: dict[str, Point] = {}
    for index, node in enumerate(ids):
        row, column = divmod(index, per_row)
        in_row = min(per_row, len(ids) - row * per_row)
        left = (width - (in_row - 1) * spacing) / 2
        out[node] = (left + column * spacing, top + row * spacing * 0.7)
    return out


def row_count(count: int, width: float, spacing: float, margin: float) -> int:
    """How many rows `rows` uses for `count` ids."""
    per_row = max(1, int((width - 2 * margin) // spacing) + 1)
    return -(-count // per_row)

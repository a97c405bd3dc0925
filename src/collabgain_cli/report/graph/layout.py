"""Positions for a network drawing: deterministic, so the same file draws the same map.

Connected organisations are placed by stress majorization: organisations few ties apart sit
close, those many ties apart sit far, so groups and the members between them show. It starts
from classical scaling, found by power iteration from a fixed vector, and has no randomness,
so a report is byte-for-byte the same each run. Each step costs a pass over every pair, so
beyond `STRESS_MAX_NODES` organisations are set on a circle. Positions come out in units of
one tie; `fit` scales them evenly onto the page, so the drawing keeps its shape.
Organisations with no tie at all are set apart in rows (`rows`), where a reader sees them as
left out.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from operator import mul, sub

STRESS_MAX_NODES = 150
"""Above this many connected organisations, they are set on a circle (each step is O(n^2))."""

STEP_BUDGET = 2_000_000
"""Pair visits the layout may spend in all, so large maps cost about as much as small."""

CONVERGED = 1e-5
CHECK_EVERY = 10
"""The layout stops when `CHECK_EVERY` steps lower the stress by less than `CONVERGED` of it.
Past that, steps mostly turn the drawing slowly about its middle (the stress does not change
with a rotation). (Graphviz's neato stops when a single step gains less than 1e-4.)"""

AXIS_SETTLED = 1e-12
"""Power iteration stops finding an axis of the first drawing once a step moves no
coordinate by this much: further steps would not change the map."""

Point = tuple[float, float]


@dataclasses.dataclass(frozen=True)
class Box:
    """The drawing area, and the margin kept clear of node centres for labels."""

    width: float
    height: float
    margin_x: float
    margin_y: float


def circle(ids: Sequence[str]) -> dict[str, Point]:
    """Ids spaced evenly on a circle, the first at the top (a pair side by side)."""
    count = len(ids)
    if count == 1:
        return {ids[0]: (0.0, 0.0)}
    first = math.pi if count == 2 else -math.pi / 2
    out: dict[str, Point] = {}
    for index, node in enumerate(ids):
        angle = first + 2 * math.pi * index / count
        out[node] = (math.cos(angle), math.sin(angle))
    return out


def arrange(ids: Sequence[str], ties: Sequence[tuple[str, str]]) -> dict[str, Point]:
    """Positions of `ids`, tied pairs close; `ties` are (a, b), both ends in `ids`.

    Stress majorization (Gansner, Koren and North): each organisation is moved, in turn, to
    where its distances on the page best match its distances in the network (the fewest ties
    between them), nearer pairs counting more. Separate groups sit a step further apart than
    the widest group.
    """
    count = len(ids)
    if count <= 2 or count > STRESS_MAX_NODES:
        return circle(ids)
    index = {node: i for i, node in enumerate(ids)}
    near: list[list[int]] = [[] for _ in ids]
    for a, b in ties:
        near[index[a]].append(index[b])
        near[index[b]].append(index[a])
    hops = [_hops(near, source) for source in range(count)]
    widest = max((h for row in hops for h in row if h is not None), default=1)
    apart = widest + 1.0
    want = [[float(h) if h is not None else apart for h in row] for row in hops]
    steps = max(30, min(300, STEP_BUDGET // (count * count)))
    xs, ys = _classical_scaling(want, steps)
    # Each pair's weight is the same at every step: worked out once. The stress each step
    # sees (every pair counted from both ends, as the step finds it) says when to stop.
    weights = [[1.0 / (t * t) if t else 0.0 for t in row] for row in want]
    others = [[j for j in range(count) if j != i] for i in range(count)]
    hypot = math.hypot
    stress_before = _stress(xs, ys, want, weights)
    for step in range(1, steps + 1):
        for i in range(count):
            total_x = total_y = total_w = 0.0
            x_i, y_i, want_i, weight_i = xs[i], ys[i], want[i], weights[i]
            for j in others[i]:
                target = want_i[j]
                weight = weight_i[j]
                x_j, y_j = xs[j], ys[j]
                ox, oy = x_i - x_j, y_i - y_j
                distance = hypot(ox, oy)
                if distance < 1e-9:
                    # Two on one spot: separate them along a fixed direction.
                    ox, oy, distance = 1e-3 * (1 + (i - j) % 7), 1e-3, 1e-3
                total_x += weight * (x_j + target * ox / distance)
                total_y += weight * (y_j + target * oy / distance)
                total_w += weight
            xs[i], ys[i] = total_x / total_w, total_y / total_w
        if step % CHECK_EVERY == 0:
            stress = _stress(xs, ys, want, weights)
            if stress_before - stress <= CONVERGED * stress_before:
                break
            stress_before = stress
    return {node: (x, y) for node, x, y in zip(ids, xs, ys, strict=True)}


def _stress(
    xs: list[float], ys: list[float], want: list[list[float]], weights: list[list[float]]
) -> float:
    """How far the drawing's distances are from the wanted ones, nearer pairs counting more."""
    total = 0.0
    hypot = math.hypot
    for i in range(len(xs)):
        x_i, y_i, want_i, weight_i = xs[i], ys[i], want[i], weights[i]
        for j in range(i + 1, len(xs)):
            gap = hypot(x_i - xs[j], y_i - ys[j]) - want_i[j]
            total += weight_i[j] * gap * gap
    return total


def _classical_scaling(want: list[list[float]], steps: int) -> tuple[list[float], list[float]]:
    """A first drawing whose distances come close to `want` (Torgerson's classical scaling).

    Starting here rather than from a circle keeps the layout from folding: a chain of members
    is drawn as a line, not a U. The two main axes are found by power iteration from a fixed
    vector, so the drawing is the same each run.
    """
    count = len(want)
    squared = [[d * d for d in row] for row in want]
    row_mean = [sum(row) / count for row in squared]
    grand = sum(row_mean) / count
    centred = [
        [-0.5 * (squared[i][j] - row_mean[i] - row_mean[j] + grand) for j in range(count)]
        for i in range(count)
    ]
    # Shifted by a bound on every eigenvalue's size (Gershgorin), so that power iteration
    # finds the largest positive eigenvalues, not negative ones of greater size.
    shift = max(sum(abs(x) for x in row) for row in centred)
    found: list[list[float]] = []
    coordinates: list[list[float]] = []
    for _axis in range(2):
        # Without a shift the iteration settles several times sooner when the largest
        # eigenvalue left is positive, as it is for most networks; when it is negative the
        # vector flips sign at every step and never settles, and the shifted one is used.
        vector, value, settled = _power_iteration(centred, found, 0.0, steps)
        if not settled:
            vector, value, _settled = _power_iteration(centred, found, shift, steps)
            value -= shift
        found.append(vector)
        # Scaled by the spread along the axis, so a flat network is drawn flat.
        spread = math.sqrt(max(value, 0.0))
        coordinates.append([v * spread for v in vector])
    return coordinates[0], coordinates[1]


def _power_iteration(
    matrix: list[list[float]], found: list[list[float]], shift: float, steps: int
) -> tuple[list[float], float, bool]:
    """The main axis of `matrix + shift`, away from the axes `found`, from a fixed vector: the
    axis, its eigenvalue (shift included) and whether it settled within `steps` steps."""
    vector = [math.sin(i + 1.0) for i in range(len(matrix))]
    value = 0.0
    for _step in range(steps):
        product = [sum(map(mul, row, vector)) + shift * vector[i] for i, row in enumerate(matrix)]
        for axis in found:
            # Keep the search away from the axis already found.
            along = sum(map(mul, axis, product))
            product = [p - along * a for a, p in zip(axis, product, strict=True)]
        value = math.sqrt(sum(map(mul, product, product)))
        if value == 0:
            return vector, value, True
        previous, vector = vector, [p / value for p in product]
        if max(map(abs, map(sub, vector, previous))) < AXIS_SETTLED:
            return vector, value, True
    return vector, value, False


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


def aspect(points: dict[str, Point]) -> float:
    """Height over width of the drawing (1 when it has no width)."""
    xs = [x for x, _y in points.values()]
    ys = [y for _x, y in points.values()]
    if not xs or max(xs) - min(xs) < 1e-9:
        return 1.0
    return (max(ys) - min(ys)) / (max(xs) - min(xs))


def fit(points: dict[str, Point], box: Box) -> dict[str, Point]:
    """The points scaled evenly to fill the box inside its margins, and centred in it."""
    if not points:
        return {}
    xs = [x for x, _y in points.values()]
    ys = [y for _x, y in points.values()]
    spans = (
        (box.width - 2 * box.margin_x, max(xs) - min(xs)),
        (box.height - 2 * box.margin_y, max(ys) - min(ys)),
    )
    scale = min((room / span for room, span in spans if span > 1e-9), default=0.0)
    middle_x, middle_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (box.width / 2 + (x - middle_x) * scale, box.height / 2 + (y - middle_y) * scale)
        for node, (x, y) in points.items()
    }


def rows(
    ids: Sequence[str], width: float, top: float, spacing: Point, margin: float
) -> dict[str, Point]:
    """Ids in rows left to right from `top`, (across, down) `spacing` apart, centred."""
    across, down = spacing
    per_row = max(1, int((width - 2 * margin) // across) + 1)
    out: dict[str, Point] = {}
    for index, node in enumerate(ids):
        row, column = divmod(index, per_row)
        in_row = min(per_row, len(ids) - row * per_row)
        left = (width - (in_row - 1) * across) / 2
        out[node] = (left + column * across, top + row * down)
    return out


def row_count(count: int, width: float, across: float, margin: float) -> int:
    """How many rows `rows` uses for `count` ids."""
    per_row = max(1, int((width - 2 * margin) // across) + 1)
    return -(-count // per_row)

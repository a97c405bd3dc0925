"""The map's layout stops once more steps would not improve it, and is as good as running every
step: its stress (how far the drawing's distances are from the network's) is within a
thousandth of the full run's, on the examples' networks and on random ones."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from collabgain_cli.report.graph import layout


def _network(count: int, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    """A connected random network: a random tree plus as many random ties again."""
    chosen = random.Random(seed)
    ids = [f"org-{i}" for i in range(count)]
    ties = {(ids[i], ids[chosen.randrange(i)]) for i in range(1, count)}
    for _ in range(count):
        a, b = chosen.sample(ids, 2)
        if (b, a) not in ties:
            ties.add((a, b))
    return ids, sorted(ties)


def _stress(ids: list[str], ties: list[tuple[str, str]], points: dict[str, layout.Point]) -> float:
    index = {node: i for i, node in enumerate(ids)}
    near: list[list[int]] = [[] for _ in ids]
    for a, b in ties:
        near[index[a]].append(index[b])
        near[index[b]].append(index[a])
    hops = [layout._hops(near, source) for source in range(len(ids))]
    total = 0.0
    for i, a in enumerate(ids):
        for j in range(i + 1, len(ids)):
            want = hops[i][j]
            assert want is not None  # the networks here are connected
            (xa, ya), (xb, yb) = points[a], points[ids[j]]
            total += (math.hypot(xa - xb, ya - yb) - want) ** 2 / want**2
    return total


@pytest.mark.parametrize(("count", "seed"), [(5, 1), (12, 2), (18, 3), (30, 4), (60, 5)])
def test_stopping_early_draws_as_well_as_every_step(
    count: int, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids, ties = _network(count, seed)
    early = layout.arrange(ids, ties)
    monkeypatch.setattr(layout, "CONVERGED", -math.inf)  # never converged: every step runs
    full = layout.arrange(ids, ties)
    assert early != full  # it did stop early
    assert _stress(ids, ties, early) <= _stress(ids, ties, full) * 1.001


def test_a_chain_is_drawn_as_a_line() -> None:
    """Members in a chain, each tied to the next, stand in a line, each a tie from the next."""
    ids = [f"org-{i}" for i in range(6)]
    points = layout.arrange(ids, list(itertools.pairwise(ids)))
    for a, b in itertools.pairwise(ids):
        (xa, ya), (xb, yb) = points[a], points[b]
        assert math.hypot(xa - xb, ya - yb) == pytest.approx(1.0, abs=0.05)
    (x0, y0), (x5, y5) = points[ids[0]], points[ids[-1]]
    assert math.hypot(x0 - x5, y0 - y5) == pytest.approx(5.0, abs=0.1)


def test_the_same_network_is_drawn_the_same_way() -> None:
    ids, ties = _network(25, 6)
    assert layout.arrange(ids, ties) == layout.arrange(list(ids), list(ties))


@pytest.mark.parametrize(("count", "seed"), [(5, 1), (12, 2), (18, 3), (30, 4), (60, 5), (100, 6)])
def test_the_first_drawing_stops_once_its_axes_settle(
    count: int, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first drawing's axes are found without a shift, stopping once a step moves no
    coordinate by 1e-12. The map that leads to is the one the shifted iteration leads to
    after every step, to within 1e-4 of a tie: under a hundredth of a pixel on the page."""
    ids, ties = _network(count, seed)
    settled = layout.arrange(ids, ties)
    # Never settled: the unshifted iteration gives up, and the shifted one runs every step.
    monkeypatch.setattr(layout, "AXIS_SETTLED", -1.0)
    full = layout.arrange(ids, ties)
    moved = max(math.dist(settled[node], full[node]) for node in ids)
    assert moved < 1e-4


def _star(count: int) -> tuple[list[str], list[tuple[str, str]]]:
    ids = [f"org-{i}" for i in range(count)]
    return ids, [(ids[0], other) for other in ids[1:]]


def _cycle(count: int) -> tuple[list[str], list[tuple[str, str]]]:
    ids = [f"org-{i}" for i in range(count)]
    return ids, [(ids[i], ids[(i + 1) % count]) for i in range(count)]


@pytest.mark.parametrize(
    "network",
    [_star(5), _star(10), _star(30), _cycle(6), _cycle(12), _cycle(20)],
    ids=["star-5", "star-10", "star-30", "cycle-6", "cycle-12", "cycle-20"],
)
def test_symmetric_networks_draw_as_well_as_with_the_shift_alone(
    network: tuple[list[str], list[tuple[str, str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stars and rings have axes of equal weight, where the unshifted iteration may settle on
    another of them or not settle and give way to the shifted one: either way the map is as
    good as the shifted iteration's alone."""
    ids, ties = network
    drawn = layout.arrange(ids, ties)
    shifted_only = layout._power_iteration

    def never_unshifted(
        matrix: list[list[float]], found: list[list[float]], shift: float, steps: int
    ) -> tuple[list[float], float, bool]:
        if shift == 0:
            return [], 0.0, False
        return shifted_only(matrix, found, shift, steps)

    monkeypatch.setattr(layout, "_power_iteration", never_unshifted)
    alone = layout.arrange(ids, ties)
    assert _stress(ids, ties, drawn) <= _stress(ids, ties, alone) * 1.001

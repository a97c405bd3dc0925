"""The cut-vertex algorithm agrees with networkx's on random graphs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from collabgain_cli.analysis.network import articulation_points


@st.composite
def graphs(draw: st.DrawFn) -> nx.Graph:
    size = draw(st.integers(min_value=0, max_value=25))
    edges = draw(
        st.lists(
            st.tuples(st.integers(0, max(size - 1, 0)), st.integers(0, max(size - 1, 0))),
            max_size=60,
        )
    )
    graph = nx.Graph()
    graph.add_nodes_from(range(size))
    graph.add_edges_from((a, b) for a, b in edges if a != b and size)
    return graph


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_matches_networkx(graph: nx.Graph) -> None:
    adjacency = [list(graph.neighbors(n)) for n in sorted(graph.nodes)]
    assert articulation_points(adjacency) == set(nx.articulation_points(graph))


def test_path_and_star() -> None:
    path = [[1], [0, 2], [1, 3], [2]]
    assert articulation_points(path) == {1, 2}
    star = [[1, 2, 3], [0], [0], [0]]
    assert articulation_points(star) == {0}
    cycle = [[1, 3], [0, 2], [1, 3], [2, 0]]
    assert articulation_points(cycle) == set()

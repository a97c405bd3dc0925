"""The collaboration network: organisations tied by shared work, bodies, decisions, meetings.

Two organisations are tied when they share an activity (lead or partner), a decision body,
a decision (`made_by` or `consulted`) or a meeting (RULES.md). Every such record is a *group*
of organisations; the network is kept as the groups themselves (a bipartite graph of
organisations and groups) rather than as every pair inside every group, so a meeting of 200
organisations costs 200 links, not 19,900. Connectivity, and so cut vertices, are the same in
both views once groups of fewer than two organisations are dropped.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..model import Partnership

if TYPE_CHECKING:
    from .facts import Facts

TIE_KINDS = ("activity", "body", "decision", "meeting")

_WORKING = frozenset({"planned", "active", "completed"})
"""Activity statuses that tie their organisations: live or planned work."""


@dataclasses.dataclass(frozen=True)
class Group:
    """A set of organisations tied by records of some kinds, with how many of each."""

    members: frozenset[str]
    kinds: Counter[str]


def iter_groups(partnership: Partnership) -> Iterator[tuple[str, frozenset[str]]]:
    """(kind, organisations) for every record that ties organisations together."""
    for activity in partnership.activities:
        members = set(activity.partners)
        if activity.lead:
            members.add(activity.lead)
        yield "activity", frozenset(members)
    if partnership.governance is not None:
        for body in partnership.governance.bodies:
            yield "body", frozenset(body.members)
    for decision in partnership.decisions:
        yield "decision", frozenset((*decision.made_by, *decision.consulted))
    for meeting in partnership.meetings:
        yield "meeting", frozenset(meeting.attended)


@dataclasses.dataclass(frozen=True)
class Tie:
    """Two organisations and the records that tie them, counted by kind."""

    source: str
    target: str
    kinds: Counter[str]

    @property
    def weight(self) -> int:
        """How many records tie the two."""
        return sum(self.kinds.values())


_COUNT_BITS = 32
"""Bits for each kind's count in a packed tie: no file within the size limit holds 2**32 records."""
_MASK = (1 << _COUNT_BITS) - 1
_TOTAL_SHIFT = _COUNT_BITS * len(TIE_KINDS)


def pack_kinds(kinds: Counter[str]) -> int:
    """Records counted by kind as one integer that adds up as the counts do: a field of
    `_COUNT_BITS` for each kind in TIE_KINDS order, and above them their total (the weight)."""
    packed = sum(kinds[kind] << (_COUNT_BITS * i) for i, kind in enumerate(TIE_KINDS))
    return packed | (sum(kinds[kind] for kind in TIE_KINDS) << _TOTAL_SHIFT)


@dataclasses.dataclass(frozen=True)
class TieTable:
    """Every tied pair of a network once, without an object for each.

    A pair is the key `first * len(nodes) + second`, positions in `nodes` with the first the
    earlier, so sorting the keys puts the pairs in node order; its value is the records that tie
    the two, packed (`pack_kinds`). A pair costs two integers in a dict, where a `Tie` costs a
    Counter: the map of 1,000 organisations has some 75,000 pairs and draws only 1,500.
    """

    nodes: tuple[str, ...]
    packed: dict[int, int]

    def __len__(self) -> int:
        return len(self.packed)

    def in_order(self) -> list[int]:
        """Every pair's key, in node order."""
        return sorted(self.packed)

    def by_weight(self) -> list[int]:
        """Every pair's key, heaviest first; pairs of equal weight in node order."""
        buckets: dict[int, list[int]] = {}
        for key in self.in_order():
            buckets.setdefault(self.packed[key] >> _TOTAL_SHIFT, []).append(key)
        return [key for weight in sorted(buckets, reverse=True) for key in buckets[weight]]

    def ends(self, key: int) -> tuple[str, str]:
        first, second = divmod(key, len(self.nodes))
        return self.nodes[first], self.nodes[second]

    def counts(self, key: int) -> tuple[tuple[str, int], ...]:
        """(kind, records) for each kind of record that ties the pair, in TIE_KINDS order."""
        packed = self.packed[key]
        found = ((kind, packed >> (_COUNT_BITS * i) & _MASK) for i, kind in enumerate(TIE_KINDS))
        return tuple((kind, count) for kind, count in found if count)

    def tie(self, key: int) -> Tie:
        source, target = self.ends(key)
        return Tie(source, target, Counter(dict(self.counts(key))))


@dataclasses.dataclass
class CollaborationNetwork:
    """The network over a set of organisations (the active ones, for the rules)."""

    nodes: tuple[str, ...]
    groups: tuple[Group, ...]

    @classmethod
    def from_partnership(
        cls, partnership: Partnership, include: Iterable[str] | None = None
    ) -> CollaborationNetwork:
        nodes = tuple(o.id for o in partnership.organisations)
        if include is not None:
            keep = set(include)
            nodes = tuple(n for n in nodes if n in keep)
        node_set = set(nodes)
        merged: dict[frozenset[str], Counter[str]] = {}
        for kind, members in iter_groups(partnership):
            inside = members & node_set
            if len(inside) >= 2:
                merged.setdefault(frozenset(inside), Counter())[kind] += 1
        return cls(nodes, tuple(Group(m, k) for m, k in merged.items()))

    @classmethod
    def of_members(cls, facts: Facts, months: int) -> CollaborationNetwork:
        """The network the rules read (RULES.md): members tied by records within the window.

        Two members are tied when, within the window, they share a live or planned activity
        (lead or partner; planned work however far ahead it starts), a decision (`made_by` or
        `consulted`), or a meeting of a body that does not include every member. A decision or
        meeting that includes every member ties everyone to everyone and says nothing about who
        works with whom, so it makes no tie; neither does a meeting of no body (the whole
        partnership) or sitting on a body.
        """
        nodes = tuple(o.id for o in facts.members)
        everyone = frozenset(nodes)
        partnership = facts.partnership
        merged: dict[frozenset[str], Counter[str]] = {}

        def add(kind: str, members: Iterable[str], whole_says_nothing: bool) -> None:
            inside = frozenset(members) & everyone
            if len(inside) < 2 or (whole_says_nothing and inside == everyone):
                return
            merged.setdefault(inside, Counter())[kind] += 1

        start = facts.window_start(months)
        for activity in partnership.activities:
            if activity.status not in _WORKING:
                continue
            # Planned work ties its partners however far ahead it starts: planning together is
            # working together. Live work counts when it overlaps the window.
            planned = activity.status == "planned"
            if (planned and (activity.end is None or activity.end >= start)) or (
                not planned and facts.overlaps_window(activity, months)
            ):
                add("activity", facts.orgs_in(activity), False)
        for decision in facts.decisions_within(months):
            add("decision", (*decision.made_by, *decision.consulted), True)
        for _, meeting in facts.meetings_within(months):
            body = facts.body_members.get(meeting.body) if meeting.body else None
            if body is not None and not everyone <= body:
                add("meeting", meeting.attended, True)
        return cls(nodes, tuple(Group(m, k) for m, k in merged.items()))

    @property
    def neighbours(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {n: set() for n in self.nodes}
        for group in self.groups:
            for member in group.members:
                out[member].update(group.members)
        for node, found in out.items():
            found.discard(node)
        return out

    def degrees(self) -> dict[str, int]:
        """How many other organisations each one is tied to, without building every pair.

        Organisations in the same groups have the same neighbours, so each distinct set of
        groups is joined once: a body of 10,000 costs 10,000 steps, not 50 million.
        """
        memberships: dict[str, list[int]] = {n: [] for n in self.nodes}
        for number, group in enumerate(self.groups):
            for member in group.members:
                memberships[member].append(number)
        reach: dict[tuple[int, ...], int] = {}
        out: dict[str, int] = {}
        for node, numbers in memberships.items():
            key = tuple(numbers)
            if key not in reach:
                if not key:
                    reach[key] = 1
                elif len(key) == 1:
                    reach[key] = len(self.groups[key[0]].members)
                else:
                    reach[key] = len(frozenset().union(*(self.groups[n].members for n in key)))
            out[node] = reach[key] - 1
        return out

    def tie_table(self, include: Iterable[str] | None = None) -> TieTable:
        """Every tied pair (of organisations in `include`, when given) with its records.

        A group of k organisations makes k(k-1)/2 pairs, so this grows with the square of the
        largest group's size, unlike the rest of the class: the network map passes it only groups
        small enough to draw as pairs (`mapping.LARGE_GROUP`); the rules never need it.
        """
        keep = None if include is None else set(include)
        position = {n: i for i, n in enumerate(self.nodes) if keep is None or n in keep}
        width = len(self.nodes)
        packed: dict[int, int] = {}
        get = packed.get
        for group in self.groups:
            members = sorted(position[m] for m in group.members if m in position)
            if len(members) < 2:
                continue
            counts = pack_kinds(group.kinds)
            for first, second in itertools.combinations(members, 2):
                key = first * width + second
                packed[key] = get(key, 0) + counts
        return TieTable(self.nodes, packed)

    def ties(self) -> list[Tie]:
        """Every tied pair once, in node order, with how many records of each kind tie it."""
        table = self.tie_table()
        return [table.tie(key) for key in table.in_order()]

    def isolated(self) -> list[str]:
        """Organisations tied to no other, in node order."""
        tied: set[str] = set()
        for group in self.groups:
            tied.update(group.members)
        return [n for n in self.nodes if n not in tied]

    def cut_vertices(self) -> list[str]:
        """Organisations whose departure splits the others into more parts, in node order."""
        return list(self.parts_without())

    def parts_without(self) -> dict[str, int]:
        """For each cut vertex, in node order, how many parts the others fall into without it.

        Found in the one depth-first search that finds the cut vertices, rather than by
        joining the network again without each of them, which grows with the square of a
        chain's length.
        """
        # Vertices are numbered: organisations 0..n-1, then one per group.
        index = {node: number for number, node in enumerate(self.nodes)}
        adjacency: list[list[int]] = [[] for _ in self.nodes]
        for group in self.groups:
            vertex = len(adjacency)
            members = [index[m] for m in group.members]
            adjacency.append(members)
            for member in members:
                adjacency[member].append(vertex)
        pieces = articulation_pieces(adjacency)
        if not pieces:
            return {}
        # Every group has two or more organisations, so every piece holds one: the other
        # parts stay, and the cut vertex's own part becomes its pieces.
        others = len(self.components()) - 1
        return {
            node: others + pieces[number]
            for number, node in enumerate(self.nodes)
            if number in pieces
        }

    def components(self, without: Iterable[str] = ()) -> list[list[str]]:
        """The connected parts of the network (optionally with some organisations removed)."""
        removed = set(without)
        # Each organisation's part as one shared set, the smaller of two parts joined into the
        # larger: a dict lookup per group member, where a union-find paid two calls.
        part = {n: {n} for n in self.nodes if n not in removed}
        for group in self.groups:
            joined: set[str] | None = None
            for member in group.members:
                found = part.get(member)
                if found is None or found is joined:
                    continue
                if joined is None:
                    joined = found
                    continue
                if len(found) > len(joined):
                    joined, found = found, joined
                joined |= found
                for other in found:
                    part[other] = joined
        parts: dict[int, list[str]] = {}
        for node, found in part.items():
            parts.setdefault(id(found), []).append(node)
        return list(parts.values())

    def degree_centralisation(self) -> float:
        """Freeman's degree centralisation: 1 for a star, 0 when every degree is equal."""
        n = len(self.nodes)
        if n < 3:
            return 0.0
        degrees = list(self.degrees().values())
        top = max(degrees)
        return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def articulation_points(adjacency: Sequence[Sequence[int]]) -> set[int]:
    """The cut vertices of a simple undirected graph (Hopcroft and Tarjan), without recursion."""
    return set(articulation_pieces(adjacency))


def articulation_pieces(adjacency: Sequence[Sequence[int]]) -> dict[int, int]:
    """Each cut vertex of a simple undirected graph, with how many pieces its connected part
    falls into without it (Hopcroft and Tarjan), without recursion.

    Vertices are 0..n-1 and `adjacency[v]` lists v's neighbours. Written out rather than
    taken from networkx so that a check does not pay networkx's import time (about 0.1 s,
    most of a typical check); tests compare it with networkx.
    """
    count = len(adjacency)
    order = [-1] * count
    low = [0] * count
    # Children whose subtree nothing but the vertex joins to the rest of the search tree.
    separated = [0] * count
    found: dict[int, int] = {}
    visited = 0
    for root in range(count):
        if order[root] != -1:
            continue
        order[root] = low[root] = visited
        visited += 1
        root_children = 0
        stack: list[tuple[int, int, Iterator[int]]] = [(root, -1, iter(adjacency[root]))]
        while stack:
            node, parent, neighbours = stack[-1]
            for following in neighbours:
                if following == parent:
                    continue
                seen = order[following]
                if seen != -1:
                    if seen < low[node]:
                        low[node] = seen
                else:
                    order[following] = low[following] = visited
                    visited += 1
                    stack.append((following, node, iter(adjacency[following])))
                    break
            else:
                stack.pop()
                if parent == -1:
                    continue
                if low[node] < low[parent]:
                    low[parent] = low[node]
                if parent == root:
                    root_children += 1
                elif low[node] >= order[parent]:
                    separated[parent] += 1
                    # The separated children, and the rest of the tree above the vertex.
                    found[parent] = separated[parent] + 1
        if root_children > 1:
            found[root] = root_children
    return found

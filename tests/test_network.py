"""The collaboration network, built from real partnership files by the real loader."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.analysis.network import CollaborationNetwork
from collabgain_cli.loader import load_bytes
from collabgain_cli.model import Partnership

AS_OF = dt.date(2026, 11, 1)

HEADER = """\
partnership:
  name: Riverside
  as_of: 2026-11-01
"""


def load(text: str) -> Partnership:
    loaded = load_bytes((HEADER + text).encode("utf-8"), "network.yaml")
    assert loaded.errors == (), [f"{e.line}:{e.column} {e.message}" for e in loaded.errors]
    assert loaded.partnership is not None
    return loaded.partnership


def active_network(text: str) -> CollaborationNetwork:
    """The network the rules see: active organisations only."""
    return Facts(load(text), AS_OF).network


def parts(network: CollaborationNetwork, without: tuple[str, ...] = ()) -> list[list[str]]:
    return sorted(sorted(part) for part in network.components(without=without))


CHAIN = """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
  - {id: chamber, name: Chamber of Commerce}
decisions:
  - {date: 2026-01-10, summary: Joint bid, made_by: [council], consulted: [trust]}
  - {date: 2026-02-10, summary: Venue, made_by: [trust, school]}
  - {date: 2026-03-10, summary: Rota, made_by: [school], consulted: [chamber]}
"""

STAR = """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
  - {id: chamber, name: Chamber of Commerce}
activities:
  - {id: walks, name: Health walks, lead: council, partners: [trust]}
  - {id: careers, name: Careers fair, lead: council, partners: [school]}
  - {id: market, name: Street market, lead: chamber, partners: [council]}
"""

ROUND_TABLE = """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
  - {id: chamber, name: Chamber of Commerce}
  - {id: college, name: City College}
meetings:
  - {date: 2026-06-01, attended: [council, trust, school, chamber, college]}
"""


def test_chain_has_its_middle_links_as_cut_vertices() -> None:
    network = active_network(CHAIN)
    assert network.cut_vertices() == ["trust", "school"]
    assert network.isolated() == []
    assert parts(network) == [["chamber", "council", "school", "trust"]]
    assert parts(network, ("trust",)) == [["chamber", "school"], ["council"]]
    assert parts(network, ("council",)) == [["chamber", "school", "trust"]]


def test_chain_degree_centralisation() -> None:
    # Degrees 1, 2, 2, 1: sum of (2 - d) is 2, over (n-1)(n-2) = 6.
    assert active_network(CHAIN).degree_centralisation() == pytest.approx(1 / 3)


def test_star_has_its_hub_as_the_only_cut_vertex() -> None:
    network = active_network(STAR)
    assert network.cut_vertices() == ["council"]
    assert parts(network, ("council",)) == [["chamber"], ["school"], ["trust"]]
    assert network.degree_centralisation() == pytest.approx(1.0)


def test_meeting_of_everyone_ties_nobody() -> None:
    """A whole-partnership meeting says nothing about who works with whom (RULES.md)."""
    network = active_network(ROUND_TABLE)
    assert network.groups == ()
    assert network.isolated() == ["council", "trust", "school", "chamber", "college"]


def test_a_sub_group_meeting_ties_those_who_attend_it() -> None:
    network = active_network(
        """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
governance:
  bodies:
    - {id: youth, name: Youth Group, members: [council, school]}
    - {id: board, name: Board, members: [council, trust, school]}
meetings:
  - {date: 2026-07-01, body: youth, attended: [council, school]}
  - {date: 2026-08-01, body: board, attended: [council, trust, school]}
  - {date: 2025-08-01, body: youth, attended: [council, school]}
  - {date: 2024-08-01, body: youth, attended: [school, trust]}
"""
    )
    kinds = {tuple(sorted(g.members)): g.kinds for g in network.groups}
    # The board includes every member; the 2024 meeting is outside the 24-month window.
    assert kinds == {("council", "school"): Counter({"meeting": 2})}
    assert network.isolated() == ["trust"]


def test_two_overlapping_groups_have_no_cut_vertex() -> None:
    network = active_network(
        """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
  - {id: chamber, name: Chamber of Commerce}
activities:
  - {id: walks, name: Health walks, lead: council, partners: [trust, school]}
  - {id: careers, name: Careers fair, lead: council, partners: [trust, chamber]}
"""
    )
    # Without council, trust still ties school and chamber together (and vice versa).
    assert network.cut_vertices() == []
    assert parts(network, ("council",)) == [["chamber", "school", "trust"]]


def test_large_group_joined_to_a_pair_cuts_at_the_shared_member() -> None:
    network = active_network(
        """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
  - {id: chamber, name: Chamber of Commerce}
governance:
  bodies:
    - {id: board, name: Board, members: [council, trust, school]}
    - {id: venue, name: Venue Group, members: [school, chamber]}
meetings:
  - {date: 2026-05-01, body: board, attended: [council, trust, school]}
  - {date: 2026-06-01, body: venue, attended: [school, chamber]}
"""
    )
    assert network.cut_vertices() == ["school"]
    assert parts(network, ("school",)) == [["chamber"], ["council", "trust"]]


def test_former_members_are_left_out_so_ties_through_them_do_not_count() -> None:
    text = """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: forum, name: Old Forum, status: former}
  - {id: school, name: Riverside School, left: 2026-06-30}
  - {id: chamber, name: Chamber of Commerce}
activities:
  - {id: walks, name: Health walks, lead: council, partners: [trust]}
  - {id: hub, name: Advice hub, lead: forum, partners: [chamber]}
meetings:
  - {date: 2026-01-15, attended: [chamber, school]}
"""
    network = active_network(text)
    assert network.nodes == ("council", "trust", "chamber")
    assert network.isolated() == ["chamber"]
    assert parts(network) == [["chamber"], ["council", "trust"]]
    # Built over every organisation, the former members tie chamber in.
    everyone = CollaborationNetwork.from_partnership(load(text))
    assert everyone.isolated() == []
    assert everyone.neighbours["chamber"] == {"forum", "school"}


def test_every_kind_of_record_ties_and_identical_groups_merge() -> None:
    """Activities, decisions and sub-group meetings tie; sitting on a body alone does not."""
    network = active_network(
        """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
  - {id: chamber, name: Chamber of Commerce}
  - {id: college, name: City College}
governance:
  bodies:
    - {id: board, name: Board, members: [council, trust]}
    - {id: panel, name: Panel, members: [school, college]}
decisions:
  - {date: 2026-02-01, summary: Joint bid, made_by: [trust], consulted: [school]}
meetings:
  - {date: 2026-03-01, body: board, attended: [council, trust]}
  - {date: 2026-04-01, body: board, attended: [trust, council]}
activities:
  - {id: walks, name: Health walks, lead: school, partners: [chamber]}
  - {id: solo, name: Solo study, lead: college}
"""
    )
    kinds = {tuple(sorted(g.members)): g.kinds for g in network.groups}
    assert kinds == {
        ("council", "trust"): Counter({"meeting": 2}),
        ("school", "trust"): Counter({"decision": 1}),
        ("chamber", "school"): Counter({"activity": 1}),
    }
    # An activity with only its lead ties nobody.
    assert network.isolated() == ["college"]
    assert network.neighbours["trust"] == {"council", "school"}


def test_centralisation_is_zero_below_three_organisations() -> None:
    network = active_network(
        """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
activities:
  - {id: walks, name: Health walks, lead: council, partners: [trust]}
"""
    )
    assert network.degree_centralisation() == 0.0
    assert network.cut_vertices() == []


def test_no_records_leaves_everyone_isolated() -> None:
    network = active_network(
        """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
"""
    )
    assert network.groups == ()
    assert network.isolated() == ["council", "trust", "school"]
    assert network.cut_vertices() == []
    assert parts(network) == [["council"], ["school"], ["trust"]]
    assert network.degree_centralisation() == 0.0


def test_parts_without_each_cut_vertex_match_removing_it() -> None:
    text = """\
organisations:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
  - {id: d, name: D}
  - {id: e, name: E}
  - {id: f, name: F}
  - {id: g, name: G}
  - {id: h, name: H}
activities:
  - {id: ab, name: AB, lead: a, partners: [b]}
  - {id: bcd, name: BCD, lead: b, partners: [c, d]}
  - {id: de, name: DE, lead: d, partners: [e]}
  - {id: df, name: DF, lead: d, partners: [f]}
  - {id: ef, name: EF, lead: e, partners: [f]}
  - {id: gh, name: GH, lead: g, partners: [h]}
"""
    network = active_network(text)
    expected = {
        node: len(network.components(without=[node]))
        for node in network.nodes
        if len(network.components(without=[node])) > len(network.components())
    }
    assert network.parts_without() == expected == {"b": 3, "d": 3}


def test_planned_work_ties_its_partners_however_far_ahead_it_starts() -> None:
    network = active_network(
        """\
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Health Trust}
  - {id: school, name: Riverside School}
activities:
  - {id: bid, name: Jobs brokerage, status: planned, start: 2027-06-01, lead: council,
     partners: [trust]}
  - {id: old, name: Old plan, status: planned, end: 2023-12-31, lead: council, partners: [school]}
  - {id: gone, name: Dropped idea, status: cancelled, lead: trust, partners: [school]}
"""
    )
    kinds = {tuple(sorted(g.members)): g.kinds for g in network.groups}
    # A plan that ended before the window, and cancelled work, tie nobody.
    assert kinds == {("council", "trust"): Counter({"activity": 1})}

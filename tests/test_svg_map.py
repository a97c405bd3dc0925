"""The SVG network map (`report.graph.svg`): the picture the HTML report shows, as a format of its
own.

Each map is read back by the standard library's XML parser, so a name that could break the
markup fails here; and the report's page is checked to hold exactly what the format draws.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.mapping import NetworkMap, map_file
from collabgain_cli.report.graph import common, svg

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 1)
SVG = "{http://www.w3.org/2000/svg}"

Run = Callable[..., Any]
Write = Callable[[str, str | bytes], Path]

# A council joins a trust to a school (a bridge); the club shares nothing (isolated); the bank
# has left. Every name is markup, an entity or a character XML cannot hold.
HOSTILE = """\
partnership: {name: "Ampersand & <Partners>", as_of: 2026-11-01}
organisations:
  - {id: council, name: "City <Council> & \\"Friends\\"", sector: public}
  - {id: trust, name: "Trust's <img src=x>", sector: voluntary}
  - {id: school, name: "School \\x01 of ]]> things", sector: public}
  - {id: club, name: "Club &amp; Co", sector: community}
  - {id: bank, name: "Old Bank", sector: private, status: former, left: 2025-01-31}
people:
  - {id: ann, name: "Ann <Lee>", organisation: council}
activities:
  - {id: a1, name: Joint work, lead: council, partners: [trust]}
  - {id: a2, name: More work, lead: council, partners: [school]}
  - {id: a3, name: Old work, lead: bank, partners: [council], status: completed,
     start: 2024-01-01, end: 2024-06-30}
"""


def _map(path: str, *, people: bool = False) -> NetworkMap:
    network, errors = map_file(path, as_of=AS_OF, current_only=False, people=people)
    assert network is not None, errors
    return network


def _nodes(root: ET.Element) -> dict[str, ET.Element]:
    return {g.attrib["data-org"]: g for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: Path(p).name)
def test_each_example_draws_one_circle_per_organisation(path: str) -> None:
    network = _map(path)
    drawn = svg.render(network)
    assert drawn.startswith('<svg class="network-map" xmlns="http://www.w3.org/2000/svg"')
    assert drawn.endswith("</svg>\n")
    root = ET.fromstring(drawn)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == common.title(network)
    nodes = _nodes(root)
    assert list(nodes) == [n.id for n in network.organisations]
    assert all(len(g.findall(f"{SVG}circle")) == 1 for g in nodes.values())
    ties = root.findall(f"{SVG}g/{SVG}g[@class='ties']/{SVG}line")
    assert len(ties) == len(network.ties)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: Path(p).name)
def test_the_report_shows_the_map_the_format_draws(run_line: Run, path: str) -> None:
    result = run_line("report", path, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.stderr
    network = _map(path)
    drawn = svg.render(network, title=f"{network.partnership}: who works with whom")
    assert f"<figure>\n{drawn}</figure>" in result.stdout


def test_hostile_names_are_escaped_and_only_organisations_are_drawn(write: Write) -> None:
    network = _map(str(write("hostile.yaml", HOSTILE)), people=True)
    drawn = svg.render(network)
    root = ET.fromstring(drawn)  # well-formed: no name became markup
    assert "<Council>" not in drawn and "<img" not in drawn
    nodes = _nodes(root)
    assert set(nodes) == {"council", "trust", "school", "club", "bank"}  # not Ann
    # A name is wrapped, a `tspan` a line.
    labels = {
        key: " ".join(t.text or "" for t in g.iter(f"{SVG}tspan")) for key, g in nodes.items()
    }
    assert labels["council"] == 'City <Council> & "Friends"'
    assert labels["club"] == "Club &amp; Co"
    assert "\\x01" in labels["school"]
    assert labels["bank"] == "Old Bank (former)"
    marks = {
        key: text.text
        for key, g in nodes.items()
        for text in g.findall(f"{SVG}text[@class='mark']")
    }
    assert marks == {"council": "BRIDGE", "club": "ISOLATED"}

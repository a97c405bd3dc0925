"""`collabgain map` through the real CLI: every format, on the examples and small real files.

Each drawn format is read back by something other than the code that wrote it: DOT by
Graphviz's own `dot` where it is installed (and pydot where that is), and always by a small
DOT parser here; GraphML by networkx's reader; Mermaid by a line-by-line check of the
flowchart grammar it uses. Every format must hold every node and edge of the JSON map.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.analysis.network import CollaborationNetwork, iter_groups
from collabgain_cli.loader import load_bytes
from collabgain_cli.render import formats

MAP_FORMATS = formats("map")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

Run = Callable[..., Any]
Write = Callable[[str, str | bytes], Path]

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))

# A chain council - trust - school - chamber: trust and school are bridges; allotments has no
# tie; the bank left (its tie to the council is drawn as a former one); the college has not
# joined yet. Ann sits on two other networks; Bob has left; Dee represents no organisation.
CHAIN = """\
partnership: {name: Chain Partnership, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council, sector: public, roles: [funder, convener]}
  - {id: trust, name: Health Trust, sector: public}
  - {id: school, name: Riverside School, sector: public}
  - {id: chamber, name: Chamber of Commerce, sector: private}
  - {id: allotments, name: Allotment Society, sector: community}
  - {id: bank, name: Old Bank, sector: private, status: former, left: 2025-01-31}
  - {id: college, name: City College, sector: academic, joined: 2027-01-01}
people:
  - {id: ann, name: Ann Lee, organisation: council, role: Director,
     networks: [health-board, growth-board]}
  - {id: bob, name: Bob Roy, organisation: trust, left: 2026-03-31}
  - {id: cat, name: Cat Ng, organisation: bank, left: 2025-01-31}
  - {id: dee, name: Dee Fox, networks: [health-board]}
networks:
  - {id: health-board, name: Health Board, kind: statutory board}
  - {id: growth-board, name: Growth Board}
  - {id: unused, name: Nobody Sits Here}
activities:
  - {id: walks, name: Health walks, lead: council, partners: [trust]}
  - {id: fund, name: Small grants, lead: council, partners: [bank]}
  - {id: careers, name: Careers fair, lead: college, partners: [school]}
decisions:
  - {date: 2026-02-10, summary: Venue, made_by: [trust, school]}
  - {date: 2026-03-10, summary: Rota, made_by: [school], consulted: [chamber]}
meetings:
  - {date: 2026-04-01, attended: [trust, school]}
"""

# Names and ids Mermaid, DOT and XML would each misread if written as they are.
TRICKY = """\
partnership: {name: "Tricky \\"Quotes\\" # <Partnership> & \\\\ co", as_of: 2026-11-01}
organisations:
  - {id: end, name: "The \\"End\\" Group #1; <b>bold</b> `code` \\\\ & more"}
  - {id: o-x, name: "O -- X ---|pipe| Ltd"}
  - {id: graph, name: "%% graph; classDef x fill:red"}
  - {id: subgraph, name: "subgraph end"}
activities:
  - {id: a, name: A, lead: end, partners: [o-x, graph]}
meetings:
  - {date: 2026-01-01, attended: [graph, subgraph]}
"""


def map_json(run_line: Run, path: str, *options: str) -> dict[str, Any]:
    result = run_line("map", path, "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def edge_set(record: dict[str, Any]) -> Counter[tuple[str, str, str]]:
    return Counter((e["source"], e["target"], e["kind"]) for e in record["edges"])


def names(record: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: n["name"] for n in record["nodes"]}


# --------------------------------------------------------------------------- the model


def test_ties_count_every_record_shared_by_each_pair() -> None:
    loaded = load_bytes(CHAIN.encode(), "chain.yaml")
    assert loaded.partnership is not None
    network = CollaborationNetwork.from_partnership(loaded.partnership)
    expected: dict[tuple[str, str], Counter[str]] = {}
    order = [o.id for o in loaded.partnership.organisations]
    for kind, members in iter_groups(loaded.partnership):
        ordered = sorted(members, key=order.index)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                expected.setdefault((a, b), Counter())[kind] += 1
    got = {(t.source, t.target): t.kinds for t in network.ties()}
    assert got == expected
    assert {(t.source, t.target): t.weight for t in network.ties()}[("trust", "school")] == 2


def test_json_marks_bridges_isolated_and_status(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    record = map_json(run_line, "chain.yaml")
    assert record["partnership"] == "Chain Partnership"
    assert record["as_of"] == "2026-11-01"
    assert record["summary"] == {
        "organisations": 7,
        "active": 5,
        "ties": 3,
        "parts": 2,
        "bridges": ["trust", "school"],
        "isolated": ["allotments"],
        "groups": 0,
        "tied_pairs": 3,
        "note": None,
    }
    assert record["parts"] == [["council", "trust", "school", "chamber"], ["allotments"]]
    nodes = {n["id"]: n for n in record["nodes"]}
    assert nodes["council"] == {
        "id": "council",
        "kind": "organisation",
        "name": "City Council",
        "status": "active",
        "sector": "public",
        "roles": ["funder", "convener"],
        "bridge": False,
        "parts_without": None,
        "isolated": False,
    }
    # Without the trust: council | school, chamber | allotments.
    assert nodes["trust"]["parts_without"] == 3
    assert nodes["bank"]["status"] == "former"
    assert nodes["college"]["status"] == "joining"
    ties = {(e["source"], e["target"]): e for e in record["edges"]}
    assert ties["trust", "school"] == {
        "source": "trust",
        "target": "school",
        "kind": "tie",
        "weight": 1,
        "current": True,
        "ties": {"activities": 0, "bodies": 0, "decisions": 1, "meetings": 0},
    }
    # The network is the members' (RULES.md): a meeting of the whole partnership ties nobody,
    # and a former member or one not yet joined has no tie.
    assert ("council", "bank") not in ties
    assert ("school", "college") not in ties


def test_map_marks_what_the_checks_find(run_line: Run, write: Write) -> None:
    """Bridges and isolated members are CG405's and CG404's subjects: one definition."""
    write("chain.yaml", CHAIN)
    record = map_json(run_line, "chain.yaml")
    check = run_line("check", "chain.yaml", "--format", "json", "--select", "CG404,CG405")
    findings = json.loads(check.stdout)["files"][0]["findings"]
    assert [f["subject"] for f in findings if f["code"] == "CG405"] == record["summary"]["bridges"]
    assert [f["subject"] for f in findings if f["code"] == "CG404"] == record["summary"]["isolated"]


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_examples_bridges_match_the_network_the_rules_see(run_line: Run, example: str) -> None:
    record = map_json(run_line, str(EXAMPLES / example))
    loaded = load_bytes((EXAMPLES / example).read_bytes(), example)
    assert loaded.partnership is not None and loaded.partnership.partnership.as_of is not None
    network = Facts(loaded.partnership, loaded.partnership.partnership.as_of).network
    assert record["summary"]["bridges"] == network.cut_vertices()
    assert record["summary"]["isolated"] == network.isolated()
    assert record["summary"]["parts"] == len(network.components())
    organisations = [o.id for o in loaded.partnership.organisations]
    assert [n["id"] for n in record["nodes"]] == organisations


def test_current_only_leaves_out_former_and_joining_members(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    record = map_json(run_line, "chain.yaml", "--current-only", "--people")
    ids = [n["id"] for n in record["nodes"]]
    assert "bank" not in ids and "college" not in ids
    assert "person:bob" not in ids and "person:cat" not in ids
    assert all(e["current"] for e in record["edges"])
    assert not any({"bank", "college"} & {e["source"], e["target"]} for e in record["edges"])
    # What the checks see does not change with what is drawn.
    assert record["summary"]["bridges"] == ["trust", "school"]


def test_people_and_their_other_networks(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    record = map_json(run_line, "chain.yaml", "--people")
    nodes = {n["id"]: n for n in record["nodes"]}
    assert nodes["person:ann"] == {
        "id": "person:ann",
        "kind": "person",
        "name": "Ann Lee",
        "status": "current",
        "role": "Director",
        "organisation": "council",
        "networks": 2,
    }
    assert nodes["person:bob"]["status"] == "former"
    assert nodes["person:dee"]["organisation"] is None
    assert nodes["network:health-board"] == {
        "id": "network:health-board",
        "kind": "network",
        "name": "Health Board",
        "status": "",
        "type": "statutory board",
    }
    assert "network:unused" not in nodes
    edges = edge_set(record)
    assert edges[("person:ann", "council", "represents")] == 1
    assert edges[("person:ann", "network:health-board", "sits-on")] == 1
    assert edges[("person:dee", "network:health-board", "sits-on")] == 1
    assert not any(source == "person:dee" and kind == "represents" for source, _, kind in edges)


def test_text_lists_organisations_with_ties_and_marks(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    result = run_line("map", "chain.yaml", "--people")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Chain Partnership: network map as of 2026-11-01",
        "chain.yaml",
        "7 organisations (5 active, 1 former, 1 joining); 3 ties",
        "The active members form 2 parts: City Council, Health Trust, Riverside School and "
        "Chamber of Commerce; Allotment Society.",
        "Bridges (without one, the active members fall into more parts): Health Trust and "
        "Riverside School",
        "Isolated (tied to no other active member): Allotment Society",
    ]
    text = result.stdout
    assert "  trust  Health Trust (public; member) [bridge: 3 parts without it]\n" in text
    assert "    ─ Riverside School: 1 record (1 decision)\n" in text
    assert "─ Old Bank" not in text
    assert "  allotments  Allotment Society (community; member) [isolated]\n    no ties\n" in text
    assert "  bank  Old Bank (private; member) [former member]\n" in text
    assert "    person: Ann Lee (Director) [on 2 other networks]\n" in text
    assert "    person: Bob Roy [left]\n" in text
    assert "People with no organisation\n  Dee Fox [on 1 other network]\n" in text
    assert "  health-board  Health Board (statutory board): Ann Lee, Dee Fox\n" in text


# --------------------------------------------------------------------------- Mermaid

MERMAID_ID = r"[A-Z][A-Za-z0-9_]*"
MERMAID_LABEL = r'"(?P<label>[^"]*)"'
MERMAID_LINES = {
    "header": re.compile(r"flowchart LR"),
    "comment": re.compile(r"  %% [^{].*"),
    "node": re.compile(
        rf"  (?P<id>{MERMAID_ID})(?P<open>\[|\(|\{{\{{){MERMAID_LABEL}(?P<close>\]|\)|\}}\}})"
    ),
    "edge": re.compile(
        rf"  (?P<a>{MERMAID_ID}) (?P<link>---|-\.-)(?:\|{MERMAID_LABEL}\|)? (?P<b>{MERMAID_ID})"
    ),
    "classDef": re.compile(r"  classDef (?P<name>[a-z]+) [a-z-]+:[#\w .]+(?:,[a-z-]+:[#\w .]+)*"),
    "class": re.compile(rf"  class (?P<ids>{MERMAID_ID}(?:,{MERMAID_ID})*) (?P<name>[a-z]+)"),
}
BRACKETS = {"[": "]", "(": ")", "{{": "}}"}
ENTITY = re.compile(r"#(quot|lt|gt|amp|\d+);")
MERMAID_RESERVED = {"end", "graph", "flowchart", "subgraph", "class", "classDef", "style"}


def decode_mermaid(label: str) -> str:
    named = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    return ENTITY.sub(
        lambda m: named[m.group(1)] if m.group(1) in named else chr(int(m.group(1))), label
    )


def parse_mermaid(text: str) -> tuple[dict[str, list[str]], list[tuple[str, str, str, str]]]:
    """Check every line against the grammar; return node labels (as lines) and edges."""
    nodes: dict[str, list[str]] = {}
    edges: list[tuple[str, str, str, str]] = []
    defined_classes: set[str] = set()
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert text.endswith("\n")
    for line in lines[1:]:
        kind, match = next(
            ((k, m) for k, p in MERMAID_LINES.items() if (m := p.fullmatch(line))), ("", None)
        )
        assert match is not None, f"not a flowchart line: {line!r}"
        if kind == "node":
            assert BRACKETS[match["open"]] == match["close"], line
            assert match["id"] not in nodes, f"node defined twice: {line!r}"
            assert match["id"] not in MERMAID_RESERVED
            label = match["label"]
            # Raw markup would be read by Mermaid: only its own line breaks and entities.
            assert not re.search(r"[<>`]", label.replace("<br/>", "")), label
            assert "#" not in ENTITY.sub("", label), label
            nodes[match["id"]] = [decode_mermaid(part) for part in label.split("<br/>")]
        elif kind == "edge":
            assert match["a"] in nodes and match["b"] in nodes, f"edge before nodes: {line!r}"
            label = match["label"] or ""
            assert "#" not in ENTITY.sub("", label)
            edges.append((match["a"], match["b"], match["link"], decode_mermaid(label)))
        elif kind == "classDef":
            defined_classes.add(match["name"])
        elif kind == "class":
            assert match["name"] in defined_classes, line
            assert all(i in nodes for i in match["ids"].split(",")), line
    return nodes, edges


def classes_of(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = MERMAID_LINES["class"].fullmatch(line)
        if match:
            for node in match["ids"].split(","):
                out.setdefault(node, set()).add(match["name"])
    return out


def check_mermaid_holds_the_map(text: str, record: dict[str, Any]) -> dict[str, str]:
    """Every node (by name) and every edge of the JSON map is in the diagram, and no more."""
    nodes, edges = parse_mermaid(text)
    by_name = {n["name"]: n["id"] for n in record["nodes"]}
    assert len(by_name) == len(record["nodes"]), "test files use unique names"
    # A word joiner keeps `#1` or `@name` from being read as a link by GitHub; not a letter.
    ids = {
        mermaid: by_name[" ".join(label[0].replace("\u2060", "").split())]
        for mermaid, label in nodes.items()
    }
    assert sorted(ids.values()) == sorted(n["id"] for n in record["nodes"])
    drawn = Counter((ids[a], ids[b]) for a, b, _link, _label in edges)
    assert drawn == Counter((e["source"], e["target"]) for e in record["edges"])
    return {node: mermaid for mermaid, node in ids.items()}


@pytest.mark.parametrize("options", [(), ("--people",), ("--current-only",)])
@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_mermaid_of_examples_follows_the_grammar(
    run_line: Run, example: str, options: tuple[str, ...]
) -> None:
    path = str(EXAMPLES / example)
    result = run_line("map", path, "--format", "mermaid", *options)
    assert result.exit_code == 0, result.stderr
    check_mermaid_holds_the_map(result.stdout, map_json(run_line, path, *options))


def test_mermaid_marks_bridges_isolated_and_former(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    text = run_line("map", "chain.yaml", "-f", "mermaid", "--people").stdout
    record = map_json(run_line, "chain.yaml", "--people")
    ids = check_mermaid_holds_the_map(text, record)
    classes = classes_of(text)
    assert classes[ids["trust"]] == {"bridge"}
    assert classes[ids["school"]] == {"bridge"}
    assert classes[ids["allotments"]] == {"isolated"}
    assert classes[ids["bank"]] == {"former"}
    assert classes[ids["person:bob"]] == {"former"}
    assert ids["council"] not in classes
    nodes, edges = parse_mermaid(text)
    assert nodes[ids["trust"]] == ["Health Trust", "public · member", "bridge: 3 parts without it"]
    assert nodes[ids["allotments"]][-1] == "isolated"
    links = {(a, b): (link, label) for a, b, link, label in edges}
    assert links[ids["trust"], ids["school"]] == ("---", "1 decision")
    assert (ids["council"], ids["bank"]) not in links
    assert links[ids["person:ann"], ids["network:health-board"]] == ("---", "")


def test_mermaid_escapes_ids_and_labels(run_line: Run, write: Write) -> None:
    write("tricky.yaml", TRICKY)
    text = run_line("map", "tricky.yaml", "-f", "mermaid").stdout
    ids = check_mermaid_holds_the_map(text, map_json(run_line, "tricky.yaml"))
    assert ids["end"] == "Org_end" and ids["o-x"] == "Org_o_x"
    nodes, _edges = parse_mermaid(text)
    assert nodes["Org_end"][0] == 'The "End" Group #\u20601; <b>bold</b> `code` \\ & more'
    assert "#quot;End#quot; Group #35;\u20601; #lt;b#gt;" in text


def test_mermaid_ids_stay_unique_when_sanitising_collides() -> None:
    from collabgain_cli.report.graph.mermaid import mermaid_ids

    ids = mermaid_ids([("a-b", "organisation"), ("a_b", "organisation"), ("person:a-b", "person")])
    assert ids == {"a-b": "Org_a_b", "a_b": "Org_a_b_2", "person:a-b": "Person_a_b"}


# --------------------------------------------------------------------------- DOT

DOT_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:\\.|[^"\\])*")|(?P<edgeop>--|->)|(?P<punct>[{}\[\]=;,])'
    r"|(?P<id>-?(?:\.\d+|\d+(?:\.\d*)?)|[A-Za-z_][A-Za-z0-9_]*))"
)


def _dot_tokens(text: str) -> list[str]:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = DOT_TOKEN.match(text, position)
        assert match is not None, f"not DOT at {text[position : position + 40]!r}"
        tokens.append(match.group(match.lastgroup or ""))
        position = match.end()
    return tokens


def _unquote(token: str) -> str:
    """A quoted DOT string's text: `\\"` is a quote and, as Graphviz reads it, `\\\\` a backslash;
    other escapes (`\\n` in a label) are the label's own."""
    if token.startswith('"'):
        return re.sub(r'\\(["\\])', r"\1", token[1:-1])
    return token


def parse_dot(text: str) -> dict[str, Any]:
    """A small parser for the DOT grammar's statements (without subgraphs)."""
    tokens = _dot_tokens(text)
    position = 0

    def take(expected: str | None = None) -> str:
        nonlocal position
        token = tokens[position]
        assert expected is None or token == expected, f"expected {expected}, got {token}"
        position += 1
        return token

    def attributes() -> dict[str, str]:
        found: dict[str, str] = {}
        while tokens[position] == "[":
            take("[")
            while tokens[position] != "]":
                key = _unquote(take())
                take("=")
                found[key] = _unquote(take())
                if tokens[position] in (",", ";"):
                    take()
            take("]")
        return found

    take("graph")
    name = _unquote(take()) if tokens[position] != "{" else ""
    take("{")
    graph: dict[str, Any] = {"name": name, "attributes": {}, "nodes": {}, "edges": []}
    while tokens[position] != "}":
        first = take()
        if first in ("graph", "node", "edge"):
            graph["attributes"].setdefault(first, {}).update(attributes())
        elif tokens[position] == "=":
            take("=")
            graph["attributes"].setdefault("graph", {})[first] = _unquote(take())
        elif tokens[position] == "--":
            ends = [_unquote(first)]
            while tokens[position] == "--":
                take("--")
                ends.append(_unquote(take()))
            found = attributes()
            graph["edges"].extend((a, b, found) for a, b in itertools.pairwise(ends))
        else:
            graph["nodes"][_unquote(first)] = attributes()
        if tokens[position] == ";":
            take(";")
    take("}")
    assert position == len(tokens), "text after the graph"
    return graph


def check_dot_holds_the_map(text: str, record: dict[str, Any]) -> dict[str, Any]:
    graph = parse_dot(text)
    assert list(graph["nodes"]) == [n["id"] for n in record["nodes"]]
    assert [(a, b) for a, b, _ in graph["edges"]] == [
        (e["source"], e["target"]) for e in record["edges"]
    ]
    for node in record["nodes"]:
        assert graph["nodes"][node["id"]]["fullname"] == node["name"]
        assert graph["nodes"][node["id"]]["kind"] == node["kind"]
    for (_a, _b, found), edge in zip(graph["edges"], record["edges"], strict=True):
        assert int(found["weight"]) == edge["weight"]
        assert found["kind"] == edge["kind"]
        for kind, count in edge.get("ties", {}).items():
            assert int(found[kind]) == count
    return graph


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_dot_of_examples_parses_with_every_node_and_edge(run_line: Run, example: str) -> None:
    path = str(EXAMPLES / example)
    result = run_line("map", path, "--format", "dot", "--people")
    assert result.exit_code == 0, result.stderr
    check_dot_holds_the_map(result.stdout, map_json(run_line, path, "--people"))


def test_dot_marks_and_escapes(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN)
    graph = check_dot_holds_the_map(
        run_line("map", "chain.yaml", "-f", "dot").stdout, map_json(run_line, "chain.yaml")
    )
    nodes = graph["nodes"]
    assert nodes["trust"]["bridge"] == "true" and nodes["trust"]["penwidth"] == "3"
    assert nodes["allotments"]["isolated"] == "true"
    assert "dashed" in nodes["bank"]["style"]
    assert nodes["trust"]["label"] == "Health Trust\\npublic · member\\nbridge: 3 parts without it"
    write("tricky.yaml", TRICKY)
    tricky = check_dot_holds_the_map(
        run_line("map", "tricky.yaml", "-f", "dot").stdout, map_json(run_line, "tricky.yaml")
    )
    assert tricky["name"] == 'Tricky "Quotes" # <Partnership> & \\ co'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("file", ["chain", "tricky", *EXAMPLE_FILES])
def test_graphviz_reads_the_dot(run_line: Run, write: Write, file: str) -> None:
    if file in ("chain", "tricky"):
        path = str(write(f"{file}.yaml", CHAIN if file == "chain" else TRICKY))
    else:
        path = str(EXAMPLES / file)
    text = run_line("map", path, "-f", "dot", "--people").stdout
    done = subprocess.run(
        ["dot", "-Tjson"], input=text, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    drawn = json.loads(done.stdout)
    record = map_json(run_line, path, "--people")
    assert [o["name"] for o in drawn.get("objects", [])] == [n["id"] for n in record["nodes"]]
    assert len(drawn.get("edges", [])) == len(record["edges"])


def test_pydot_reads_the_dot(run_line: Run, write: Write) -> None:
    pytest.importorskip("pydot")
    write("chain.yaml", CHAIN)
    path = write("chain.dot", run_line("map", "chain.yaml", "-f", "dot", "--people").stdout)
    graph = nx.nx_pydot.read_dot(path)
    record = map_json(run_line, "chain.yaml", "--people")
    assert {n.strip('"') for n in graph.nodes} == {n["id"] for n in record["nodes"]}
    assert graph.number_of_edges() == len(record["edges"])


# --------------------------------------------------------------------------- GraphML


@pytest.mark.parametrize("file", ["chain", "tricky", *EXAMPLE_FILES])
def test_networkx_reads_the_graphml(run_line: Run, write: Write, file: str) -> None:
    if file in ("chain", "tricky"):
        path = str(write(f"{file}.yaml", CHAIN if file == "chain" else TRICKY))
    else:
        path = str(EXAMPLES / file)
    result = run_line("map", path, "-f", "graphml", "--people")
    assert result.exit_code == 0, result.stderr
    graph = nx.read_graphml(write("map.graphml", result.stdout))
    record = map_json(run_line, path, "--people")
    assert not graph.is_directed()
    assert list(graph.nodes) == [n["id"] for n in record["nodes"]]
    assert sorted(tuple(sorted(e)) for e in graph.edges) == sorted(
        tuple(sorted((e["source"], e["target"]))) for e in record["edges"]
    )
    assert graph.graph["partnership"] == record["partnership"]
    for node in record["nodes"]:
        found = graph.nodes[node["id"]]
        assert found["label"] == node["name"]
        assert found["kind"] == node["kind"]
        if node["kind"] == "organisation":
            assert found["bridge"] is node["bridge"]
            assert found["isolated"] is node["isolated"]
            assert found["status"] == node["status"]
    for edge in record["edges"]:
        found = graph.edges[edge["source"], edge["target"]]
        assert found["weight"] == edge["weight"]
        assert found["current"] is edge["current"]
        for kind, count in edge.get("ties", {}).items():
            assert found[kind] == count


# --------------------------------------------------------------------------- the command


def test_every_format_writes_to_output(run_line: Run, write: Write, tmp_path: Path) -> None:
    write("chain.yaml", CHAIN)
    for name in MAP_FORMATS:
        result = run_line("map", "chain.yaml", "-f", name, "-o", f"map.{name}")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert (tmp_path / f"map.{name}").read_text(encoding="utf-8") == run_line(
            "map", "chain.yaml", "-f", name
        ).stdout


def test_output_is_the_same_each_run(run_line: Run) -> None:
    path = str(EXAMPLES / "riverside.yaml")
    for name in MAP_FORMATS:
        first = run_line("map", path, "-f", name, "--people").stdout
        assert first == run_line("map", path, "-f", name, "--people").stdout


def test_map_reads_standard_input(run_line: Run) -> None:
    result = run_line("map", "-", "-f", "json", input=CHAIN)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["path"] == "<stdin>"


def test_as_of_applies_when_the_file_has_none(run_line: Run, write: Write) -> None:
    write("chain.yaml", CHAIN.replace(", as_of: 2026-11-01", ""))
    record = map_json(run_line, "chain.yaml", "--as-of", "2027-02-01")
    assert record["as_of"] == "2027-02-01"
    assert {n["id"]: n["status"] for n in record["nodes"]}["college"] == "active"


def test_invalid_file_exits_1_with_its_errors(run_line: Run, write: Write) -> None:
    write("bad.yaml", "partnership: {name: Bad}\norganisations:\n  - {id: Bad Id, name: X}\n")
    result = run_line("map", "bad.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(r"bad\.yaml:3:\d+: CG002 ", result.stderr), result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("map", "missing.yaml"), "missing.yaml: no such file or folder"),
        (("map", "."), "map draws one partnership at a time; . holds 2 files"),
        (("map", "chain.yaml", "-f", "svg"), "'svg' is not one of"),
        (("map", "chain.yaml", "--as-of", "soon"), "--as-of: 'soon' is not a date"),
    ],
)
def test_usage_errors_exit_2(
    run_line: Run, write: Write, args: tuple[str, ...], message: str
) -> None:
    write("chain.yaml", CHAIN)
    write("other.yaml", CHAIN)
    result = run_line(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_readme_examples_are_the_real_output(
    run_line: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each `$ collabgain ...` block of the README's network map section is what it prints.

    A line `…` stands for lines left out: those before it start the output, those after end
    it. A block with only the command is followed by its output in a `mermaid` block.
    """
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Network map\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(console|mermaid)\n(.*?)```", section, re.S)
    assert [kind for kind, _ in blocks] == ["console", "console", "mermaid", "console"]
    monkeypatch.chdir(ROOT)
    for index, (kind, body) in enumerate(blocks):
        if kind != "console":
            continue
        command, *shown = body.splitlines()
        assert command.startswith("$ collabgain ")
        output = run_line(*command.split()[2:]).stdout
        if not shown:
            assert blocks[index + 1][1] == output
            parse_mermaid(output)
            continue
        head = shown[: shown.index("…")]
        tail = shown[shown.index("…") + 1 :]
        lines = output.splitlines()
        assert lines[: len(head)] == head
        assert lines[len(lines) - len(tail) :] == tail

"""`collabgain report` through the real CLI: the standalone HTML page and its Markdown twin.

The HTML is read back with the standard library's parser into a small tree, so the tests see
what a browser would: the elements, their attributes and their text with entities decoded.
They check that the page can make no request (no script, no external address anywhere, a
Content-Security-Policy that forbids loading), that the user's text cannot become markup, and
that the report holds what a board needs: every finding, principle, coverage, level and map.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
RIVERSIDE = str(ROOT / "examples" / "riverside.yaml")

Run = Callable[..., Any]
Write = Callable[[str, str | bytes], Path]

# Names full of markup, quotes and ampersands. The council alone joins the trust to the
# school and chamber (a bridge); the club is tied only to a former member (isolated); the
# club's isolation is waived with a reason that is itself markup.
HOSTILE = """\
version: 1
partnership:
  name: "Smith & Sons <script>alert('x')</script> \\"Partnership\\""
  purpose: "Test <b>bold</b> & 'quotes' `ticks` | pipes"
  established: 2024-01-01
  as_of: 2026-11-01
organisations:
  - {id: council, name: "City <Council> & \\"Friends\\"", sector: public, roles: [funder, convener]}
  - {id: trust, name: "Health Trust's <img src=x onerror=alert(1)>", sector: voluntary}
  - {id: school, name: "Riverside School ]] --> end", sector: academic}
  - {id: chamber, name: "Chamber #1; [link](http://evil.example) ```", sector: private}
  - {id: club, name: Lonely Club, sector: community}
  - {id: old-firm, name: Old Firm, status: former, left: 2025-01-01}
activities:
  - {id: walks, name: Health walks, lead: council, partners: [trust]}
  - {id: careers, name: Careers fair, lead: council, partners: [school, chamber]}
  - {id: past, name: Past work, lead: old-firm, partners: [club]}
waivers:
  - {rule: CG404, subject: club, reason: "Club <joins> next year & \\"says\\" so"}
"""
HOSTILE_NAME = "Smith & Sons <script>alert('x')</script> \"Partnership\""

VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track")
)
"""Elements that have no end tag in HTML."""
REQUESTING_TAGS = frozenset(
    (
        *("script", "link", "iframe", "frame", "object", "embed", "img", "image", "audio"),
        *("video", "source", "track", "form", "base", "use", "foreignobject"),
    )
)
"""Elements that fetch something or run something (`use` and `image` in SVG too)."""


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = dataclasses.field(default_factory=list)
    parts: list[str | Node] = dataclasses.field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.parts)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes)]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls!r}>"
        return found[0]


class TreeBuilder(HTMLParser):
    """A strict tree: every end tag must close the element open at that point."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def _add(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)
        return node

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._add(tag, attrs)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].parts.append(data)


def ruled(node: Node) -> list[Node]:
    """The elements inside `node` that show a rule's findings (they carry `data-rule`)."""
    return [n for n in node.iter() if "data-rule" in n.attrs]


def parse(page: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder


def report(run_line: Run, *args: str) -> tuple[str, Node]:
    result = run_line("report", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout, parse(result.stdout).root


def check_json(run_line: Run, *args: str) -> dict[str, Any]:
    result = run_line("check", "--format", "json", "--exit-zero", *args)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def hostile(write: Write) -> str:
    return str(write("hostile.yaml", HOSTILE))


# ---------------------------------------------------------------- a page that asks for nothing


def test_page_is_one_well_formed_document_with_a_locked_policy(run_line: Run) -> None:
    page, root = report(run_line, RIVERSIDE)
    assert page.startswith("<!DOCTYPE html>")
    html_element = root.find("html")
    assert html_element.attrs["lang"] == "en"
    policy = [
        m.attrs["content"]
        for m in root.find_all("meta")
        if m.attrs.get("http-equiv", "").lower() == "content-security-policy"
    ]
    assert len(policy) == 1
    directives = {d.split()[0]: d.split()[1:] for d in policy[0].split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert directives["style-src"] == ["'unsafe-inline'"]
    assert directives["img-src"] == ["data:"]
    assert root.find("meta").attrs == {"charset": "utf-8"}


@pytest.mark.parametrize("which", ["riverside", "hostile"])
def test_nothing_on_the_page_can_make_a_request(run_line: Run, hostile: str, which: str) -> None:
    _page, root = report(run_line, RIVERSIDE if which == "riverside" else hostile)
    tags = {n.tag for n in root.iter()}
    assert not tags & REQUESTING_TAGS
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), f"event handler {name} on <{node.tag}>"
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
                pytest.fail(f"<{node.tag} {name}={value!r}> could fetch something")
            if name == "xmlns":
                assert value == "http://www.w3.org/2000/svg"  # a namespace, never fetched
            else:
                assert "url(" not in value.lower()
                assert "://" not in value
    styles = root.find_all("style")
    assert len(styles) == 1
    css = styles[0].text
    assert "@import" not in css
    assert "url(" not in css
    assert "@font-face" not in css
    assert "://" not in css


def test_the_same_file_gives_the_same_bytes(run_line: Run) -> None:
    first, _ = report(run_line, RIVERSIDE)
    second, _ = report(run_line, RIVERSIDE)
    assert first == second


# ---------------------------------------------------------------- the user's text stays text


def test_user_text_is_escaped_everywhere(run_line: Run, hostile: str) -> None:
    page, root = report(run_line, hostile)
    assert "<script>" not in page
    assert "<img" not in page
    assert "<Council>" not in page
    assert "<joins>" not in page
    assert not root.find_all("script")
    assert not root.find_all("img")
    assert root.find("title").text == f"{HOSTILE_NAME}: partnership health report"
    assert root.find("h1").text == HOSTILE_NAME
    assert root.find("p", "purpose").text == "Test <b>bold</b> & 'quotes' `ticks` | pipes"
    svg = root.find("svg", "network-map")
    titles = [t.text for t in svg.find_all("title")]
    assert any(t.startswith('City <Council> & "Friends" (council)') for t in titles)
    assert any(t.startswith("Health Trust's <img src=x onerror=alert(1)> (trust)") for t in titles)
    waiver = root.find("span", "waiver")
    assert waiver.text == 'WaivedClub <joins> next year & "says" so'


# ---------------------------------------------------------------- what the board reads


def test_every_finding_principle_and_coverage_is_in_the_report(run_line: Run) -> None:
    _page, root = report(run_line, RIVERSIDE)
    data = check_json(run_line, RIVERSIDE)["files"][0]
    text = root.find("main").text
    blocks: dict[str, list[Node]] = {}
    for node in ruled(root.find("main")):
        blocks.setdefault(node.attrs["data-rule"], []).append(node)
    for finding in data["findings"]:
        # One rule's findings are one concern: each finding is there by its message or, past
        # the first few, by its subject's name, and by its line.
        said = " ".join(" ".join(b.text.split()) for b in blocks[finding["code"]])
        assert finding["message"] in said or finding["subject_name"] in said
        assert re.search(rf"(?<!\d){finding['line']}(?!\d)", said)
    assert set(blocks) == {f["code"] for f in data["findings"]}
    rows = root.find("section", "principles").find("tbody").find_all("tr")
    assert len(rows) == len(data["principles"])
    for row, principle in zip(rows, data["principles"], strict=True):
        cells = row.find_all("td")
        status = cells[1].find("span", "status")
        assert status.text.lower().endswith(principle["status"])
        assert status.text[0] in "✖▲✔○"
        assert f"status-{principle['status'].replace(' ', '-')}" in status.classes
        ran = f"{principle['rules_run']} of {principle['rules_total']} rule"
        assert cells[-1].text.startswith(ran)
    assert data["collaboration_reason"] in text
    assert root.find("li", "here").text == f"◆ {data['collaboration_level']}"


def test_each_rule_with_findings_says_why_it_matters_and_how_to_fix(run_line: Run) -> None:
    from collabgain_cli.rules import find_rule

    _page, root = report(run_line, RIVERSIDE)
    blocks = root.find("section", "findings").find_all("div", "rule")
    assert blocks
    for block in blocks:
        rule = find_rule(block.attrs["data-rule"])
        assert rule is not None
        advice = block.find("div", "advice").text
        for section, label in (("Why it matters", "Why it matters"), ("How to fix", "What to do")):
            assert label in advice
            # The first sentence at least: a board reads the reason, the manual has the rest.
            first = " ".join(rule.doc[section].replace("`", "").split()).split(". ")[0]
            assert first in " ".join(advice.split())


def test_findings_are_grouped_under_their_principles(run_line: Run) -> None:
    _page, root = report(run_line, RIVERSIDE)
    data = check_json(run_line, RIVERSIDE)["files"][0]
    for section in root.find_all("section", "principle-block"):
        principle = section.attrs["id"].removeprefix("principle-")
        codes = {b.attrs["data-rule"] for b in ruled(section)}
        assert codes == {f["code"] for f in data["findings"] if f["principle"] == principle}


def test_waived_findings_are_marked_with_their_reason(run_line: Run) -> None:
    _page, root = report(run_line, RIVERSIDE)
    waived = root.find_all("li", "is-waived")
    reasons = sorted(r.text for w in waived for r in w.find_all("span", "waiver"))
    assert reasons == [
        "WaivedA full review is booked for the January 2027 away day",
        "WaivedThe trust's board decides in December whether it stays in the partnership",
    ]


def test_coverage_names_the_data_to_add(run_line: Run, hostile: str) -> None:
    _page, root = report(run_line, hostile)
    rows = {
        r.find("span", "principle-name").text: r.find("td", "coverage")
        for r in root.find("section", "principles").find_all("tr")[1:]
    }
    balance = rows["Balance of power"]
    assert balance.text.startswith("0 of 5 rules ran; add decisions (the decisions log)")
    assert [c.text for c in balance.find_all("code")] == [
        "decisions",
        "funding",
        "governance.bodies",
        "governance.chairs",
    ]
    assert rows["Building trust"].text == "5 of 5 rules ran"


# ---------------------------------------------------------------- the network map


def test_map_has_one_circle_per_organisation(run_line: Run) -> None:
    _page, root = report(run_line, RIVERSIDE)
    svg = root.find("svg", "network-map")
    circles = svg.find_all("circle")
    assert len(circles) == 8
    assert all("org" in c.classes for c in circles)
    orgs = [g.attrs["data-org"] for g in svg.find_all("g", "node")]
    assert orgs == [
        "council",
        "quayside",
        "homes",
        "residents",
        "bid",
        "heritage",
        "chamber",
        "college",
    ]
    for circle in circles:
        x, y = float(circle.attrs["cx"]), float(circle.attrs["cy"])
        width, height = map(float, svg.attrs["viewbox"].split()[2:])
        assert 0 < x < width and 0 < y < height


def test_map_marks_bridges_isolated_and_former_members_in_words(
    run_line: Run, hostile: str
) -> None:
    _page, root = report(run_line, hostile)
    svg = root.find("svg", "network-map")
    nodes = {g.attrs["data-org"]: g for g in svg.find_all("g", "node")}
    assert len(svg.find_all("circle")) == 6
    council = nodes["council"].find("circle")
    assert "bridge" in council.classes and float(council.attrs["stroke-width"]) >= 4
    assert nodes["council"].find("text", "mark").text == "BRIDGE"
    club = nodes["club"].find("circle")
    assert "isolated" in club.classes
    assert nodes["club"].find("text", "mark").text == "ISOLATED"
    former = nodes["old-firm"].find("circle")
    assert "status-former" in former.classes and "stroke-dasharray" in former.attrs
    assert nodes["old-firm"].find("text", "label").text == "Old Firm (former)"
    assert [n for n, g in nodes.items() if "bridge" in g.find("circle").classes] == ["council"]
    lines = svg.find("g", "ties").find_all("line")
    # The members' network (RULES.md): the former member's old work ties nobody.
    assert len(lines) == 4
    assert not [ln for ln in lines if "Old Firm" in ln.find("title").text]
    notes = root.find("ul", "map-notes").text
    assert "without it they would split into 3 parts" in notes
    assert "sharing nothing with any other active member: Lonely Club" in notes
    legend = root.find("ul", "legend").text
    for word in ("public", "bridge", "isolated member", "former member"):
        assert word in legend


def test_a_partnership_without_ties_sets_every_member_apart(run_line: Run, write: Write) -> None:
    path = write(
        "apart.yaml",
        "partnership: {name: Apart, as_of: 2026-11-01}\n"
        "organisations:\n"
        "  - {id: a, name: A}\n"
        "  - {id: b, name: B}\n"
        "  - {id: c, name: C}\n",
    )
    _page, root = report(run_line, str(path))
    svg = root.find("svg", "network-map")
    assert len(svg.find_all("circle")) == 3
    assert not svg.find("g", "ties").find_all("line")
    assert "No tie to any member in the 24 months to the as-of date" in svg.text


def test_a_crowded_map_numbers_its_circles_and_names_them_in_a_key(
    run_line: Run, write: Write
) -> None:
    organisations = "".join(
        f"  - {{id: org-{i}, name: 'Member & Partner {i}'}}\n" for i in range(1, 21)
    )
    chain = "".join(
        f"  - {{id: act-{i}, name: Act {i}, lead: org-{i}, partners: [org-{i + 1}]}}\n"
        for i in range(1, 19)
    )
    path = write(
        "crowded.yaml",
        "partnership: {name: Crowded, as_of: 2026-11-01}\n"
        f"organisations:\n{organisations}activities:\n{chain}",
    )
    _page, root = report(run_line, str(path))
    svg = root.find("svg", "network-map")
    nodes = svg.find_all("g", "node")
    assert [g.find("text", "number").text for g in nodes] == [str(i) for i in range(1, 21)]
    # Names are in the key, not on the map; in a chain every inner member is a bridge.
    assert not svg.find_all("text", "label")
    marked = {
        g.attrs["data-org"]: g.find("text", "mark").text
        for g in nodes
        if "BRIDGE" in g.text or "ISOLATED" in g.text
    }
    assert marked == {**{f"org-{i}": "BRIDGE" for i in range(2, 19)}, "org-20": "ISOLATED"}
    key = root.find("ol", "map-key").find_all("li")
    assert [li.text.split(" (")[0] for li in key] == [f"Member & Partner {i}" for i in range(1, 21)]
    assert key[1].text == "Member & Partner 2 (bridge: 3 parts without it)"
    assert key[19].text == "Member & Partner 20 (isolated)"


# ---------------------------------------------------------------- the command


def test_output_file_is_written_and_inputs_are_protected(
    run_line: Run, hostile: str, tmp_path: Path
) -> None:
    result = run_line("report", hostile, "-o", "board.html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = (tmp_path / "board.html").read_text(encoding="utf-8")
    parse(written)
    before = Path(hostile).read_text(encoding="utf-8")
    refused = run_line("report", hostile, "-o", hostile)
    assert refused.exit_code == 2
    assert "is one of the input files" in refused.stderr
    assert Path(hostile).read_text(encoding="utf-8") == before


def test_select_ignore_and_config_choose_the_rules_as_in_check(run_line: Run, write: Write) -> None:
    _page, root = report(run_line, RIVERSIDE, "--select", "CG1", "--ignore", "CG104")
    codes = {b.attrs["data-rule"] for b in ruled(root.find("section", "findings"))}
    checked = check_json(run_line, RIVERSIDE, "--select", "CG1", "--ignore", "CG104")
    assert codes == {f["code"] for f in checked["files"][0]["findings"]}
    assert codes and all(c.startswith("CG1") and c != "CG104" for c in codes)
    assert [r.find("span", "principle-name").text for r in root.find_all("tr")[1:]] == [
        "Managing aims"
    ]
    assert "with 7 rules selected" in root.find("footer").text
    config = write("collabgain.toml", 'ignore = ["CG5"]\n')
    _page, root = report(run_line, RIVERSIDE, "--config", str(config))
    codes = {b.attrs["data-rule"] for b in ruled(root)}
    assert codes and not any(c.startswith("CG5") for c in codes)
    bad = run_line("report", RIVERSIDE, "--select", "CG999")
    assert bad.exit_code == 2
    assert "unknown rule 'CG999'" in bad.stderr


def test_as_of_applies_when_the_file_has_none(run_line: Run, write: Write) -> None:
    path = write(
        "undated.yaml",
        "partnership: {name: Undated, established: 2024-01-01}\n"
        "organisations: [{id: council, name: City Council}]\n",
    )
    _page, root = report(run_line, str(path), "--as-of", "2026-03-05")
    facts = {
        dt.text: dd.text
        for dt, dd in zip(
            root.find("dl", "facts").find_all("dt"),
            root.find("dl", "facts").find_all("dd"),
            strict=True,
        )
    }
    assert facts["As of"] == "5 March 2026"
    assert run_line("report", str(path), "--as-of", "5/3/2026").exit_code == 2


def test_an_invalid_file_is_reported_with_its_errors_and_exit_1(
    run_line: Run, write: Write
) -> None:
    path = write("broken.yaml", "partnership: {name: Broken}\norganisations: []\n")
    result = run_line("report", str(path), RIVERSIDE, "-o", "site")
    assert result.exit_code == 1
    site = path.parent / "site"
    index = parse((site / "index.html").read_text(encoding="utf-8")).root
    [overview] = index.find_all("article")
    # Several files: an overview of them, each row linking to the file's own page.
    assert "overview" in overview.classes
    links = [a.attrs["href"] for a in overview.find_all("a")]
    assert links == ["broken.html", "riverside.html"]
    assert index.find("title").text == "Partnership health report: 2 files"
    broken = (site / "broken.html").read_text(encoding="utf-8")
    [article] = parse(broken).root.find_all("article")
    # An absolute path is shown by its file name: the analyst's folders stay private.
    assert article.find("h1").text.startswith("broken.yaml")
    assert str(path.parent) not in broken
    assert str(path.parent) not in (site / "index.html").read_text(encoding="utf-8")
    assert article.find("p", "invalid").text == "✖ Invalid"
    assert "CG002" in article.find("ul", "errors").text
    assert not article.find_all("svg", "network-map")
    riverside = parse((site / "riverside.html").read_text(encoding="utf-8")).root
    assert riverside.find("h1").text == "Riverside Regeneration Partnership"


def test_an_invalid_file_in_markdown_lists_its_errors(run_line: Run, write: Write) -> None:
    path = write("broken.yaml", "partnership: {name: Broken}\norganisations: []\n")
    result = run_line("report", str(path), "--format", "markdown")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # An absolute path is shown by its file name.
    assert lines[0] == "# `broken.yaml` is invalid"
    assert lines[2].startswith("🔴 invalid: 1 error, so no health check ran on this file.")
    assert lines[4].startswith("- ❌ **CG002** ")
    assert "```mermaid" not in result.stdout


def test_unknown_format_is_a_usage_error(run_line: Run) -> None:
    result = run_line("report", RIVERSIDE, "--format", "pdf")
    assert result.exit_code == 2


# ---------------------------------------------------------------- Markdown


def test_markdown_has_the_table_the_map_and_every_finding(run_line: Run) -> None:
    result = run_line("report", RIVERSIDE, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    data = check_json(run_line, RIVERSIDE)["files"][0]
    assert text.startswith("# Riverside Regeneration Partnership\n")
    assert "| Principle | Status | Errors | Warnings | Info | Coverage |" in text
    ran = re.compile(r"^\| .* \| \d+ of \d+ rules? ran")
    rows = [line for line in text.splitlines() if ran.match(line)]
    assert len(rows) == len(data["principles"])
    for finding in data["findings"]:
        assert f"({finding['code']})" in text
    # Each warning or error is explained once under its principle (not among those first).
    pressing = {f["code"] for f in data["findings"] if f["severity"] != "info" and not f["waived"]}
    assert text.count("**Why it matters:**") == len(pressing)
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", text, flags=re.S | re.M)
    assert len(blocks) == 1
    flowchart = blocks[0].splitlines()
    assert flowchart[0] == "flowchart LR"
    assert len([ln for ln in flowchart if re.match(r"  Org_\w+\[", ln)]) == 8
    assert "*The trust's board decides in December whether it stays in the partnership*" in text
    assert data["collaboration_reason"] in text


def test_markdown_escapes_user_text_and_keeps_the_mermaid_block_closed(
    run_line: Run, hostile: str
) -> None:
    result = run_line("report", hostile, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    outside = re.sub(r"^```mermaid\n.*?^```$", "", text, flags=re.S | re.M)
    assert "<" not in outside.replace("<br/>", "")
    assert "# Smith &amp; Sons &lt;script&gt;alert('x')&lt;/script&gt; \"Partnership\"" in text
    assert 'Club &lt;joins&gt; next year &amp; "says" so' in text
    fences = [ln for ln in text.splitlines() if ln.startswith("```")]
    assert fences == ["```mermaid", "```"]
    block = re.findall(r"^```mermaid\n(.*?)^```$", text, flags=re.S | re.M)[0]
    labels = re.findall(r'\["(.*?)"\]', block)
    assert len(labels) == 6
    assert all('"' not in label and "<script" not in label for label in labels)
    assert "class Org_council bridge" in block
    assert "class Org_club isolated" in block
    assert '**Bridge**: City &lt;Council&gt; &amp; "Friends" is the only link' in text


def test_readme_example_is_the_real_output(run_line: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## A report to share\n", 1)[1].split("\n## ", 1)[0]
    example = re.findall(r"^```markdown\n(.*?)^```$", section, flags=re.S | re.M)
    assert len(example) == 1
    monkeypatch.chdir(ROOT)
    result = run_line("report", "examples/riverside.yaml", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(example[0])

"""Reports a board can read: what to act on first, one concern per rule, the reader's width."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

Run = Callable[..., Any]
EXAMPLE_FILES = ("greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml")


@pytest.fixture
def examples(tmp_path: Path, dense_partnership: str) -> tuple[str, ...]:
    for name in EXAMPLE_FILES:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    (tmp_path / "eastbank.yaml").write_text(dense_partnership, encoding="utf-8")
    return (*EXAMPLE_FILES, "eastbank.yaml")


def _longest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize("command", [("check",), ("rules",), ("principles",), ("explain", "CG104")])
def test_text_fits_columns_when_piped(
    run_line: Run, examples: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, command: tuple[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    args = (*command, *examples) if command == ("check",) else command
    out = run_line(*args).stdout
    assert _longest(out) <= 80
    # Laid out for 80 columns, not cut from a wider layout.
    assert _longest(out) > 60


def test_text_written_to_a_file_follows_columns_else_80(
    run_line: Run, examples: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    run_line("check", *examples, "-o", "wide.txt")
    monkeypatch.delenv("COLUMNS")
    run_line("check", *examples, "-o", "default.txt")
    wide = (tmp_path / "wide.txt").read_text(encoding="utf-8")
    default = (tmp_path / "default.txt").read_text(encoding="utf-8")
    assert 100 < _longest(wide) <= 120
    assert _longest(default) <= 80


def test_rules_table_never_splits_a_name(run_line: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run_line("rules").stdout
    assert "interaction-not-collaboration" in out
    assert "leadership-structures" in out
    assert "min_agreement=0.75" in out


def _section(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith(" ")), len(lines))
    return lines[start:end]


def test_the_first_finding_after_the_header_is_the_most_severe(
    run_line: Run, examples: tuple[str, ...]
) -> None:
    out = run_line("check", "riverside.yaml").stdout
    first = _section(out, "Act on these first")
    heads = [line for line in first if line.lstrip()[:2] in {f"{n}." for n in range(1, 9)}]
    assert 1 <= len(heads) <= 5
    # Riverside's one error comes first, then warnings; never information.
    assert "✖ error Departed lead" in heads[0]
    assert all("warning" in head for head in heads[1:])
    assert not any(" info " in head for head in heads)
    # It opens the report: nothing but the header comes before it.
    assert out.index("Act on these first") < out.index("Principle ")
    assert out.index("Act on these first") < out.index("Managing aims")


def test_act_first_takes_red_principles_warnings_before_amber(
    run_line: Run, examples: tuple[str, ...]
) -> None:
    import json

    data = json.loads(run_line("check", "-f", "json", "riverside.yaml").stdout)["files"][0]
    status = {p["id"]: p["status"] for p in data["principles"]}
    names = {
        f["name"].replace("-", " ").capitalize(): status[f["principle"]]
        for f in data["findings"]
        if f["severity"] == "warning"
    }
    out = run_line("check", "riverside.yaml").stdout
    ranks = []
    for line in _section(out, "Act on these first"):
        head = line.strip()
        if head[:2].rstrip(".").isdigit() and "warning" in head:
            title = head.split("warning ", 1)[1].rsplit(" CG", 1)[0]
            ranks.append(0 if names[title] == "red" else 1)
    assert ranks and ranks == sorted(ranks)


def test_going_well_comes_after_act_first_and_before_the_principles(
    run_line: Run, examples: tuple[str, ...]
) -> None:
    out = run_line("check", "greenway-food.yaml").stdout
    assert out.index("Act on these first") < out.index("Going well") < out.index("Principle ")
    assert "Risk shared GP301" in out


def test_one_rules_findings_about_many_subjects_are_shown_once(
    run_line: Run, examples: tuple[str, ...]
) -> None:
    out = run_line("check", "northshire-networks.yaml").stdout
    assert out.count("No offer stated CG801") == 1
    assert "5 of them: Northshire Racial Equality Network, Northshire Faith Forum," in out
    assert "and 2 more like these" in out
    markdown = run_line("check", "-f", "markdown", "northshire-networks.yaml").stdout
    assert markdown.count("**No offer stated** CG801") == 1
    assert "5 of them: Northshire Racial Equality Network" in markdown
    # The machine formats keep one record a subject.
    concise = run_line("check", "-f", "concise", "northshire-networks.yaml").stdout
    assert concise.count("CG801") == 5


def test_within_a_principle_findings_go_by_severity_then_place(
    run_line: Run, examples: tuple[str, ...]
) -> None:
    out = run_line("check", "riverside.yaml").stdout
    core = out[out.index("Core skills  ") :]
    assert core.index("Untracked activity") < core.index("No offer stated")


def test_quiet_prints_only_findings(run_line: Run, examples: tuple[str, ...]) -> None:
    for name in ("text", "markdown"):
        out = run_line("check", "-q", "-f", name, "riverside.yaml").stdout
        assert "Departed lead" in out
        for absent in ("Act on these first", "Going well", "Rules run", "0 invalid"):
            assert absent not in out, (name, absent)


def test_markdown_opens_with_what_to_act_on(run_line: Run, examples: tuple[str, ...]) -> None:
    out = run_line("check", "-f", "markdown", "riverside.yaml").stdout
    lines = out.splitlines()
    first = lines.index("#### Act on these first")
    assert lines[first + 2].startswith("1. ❌ error **Departed lead** CG505")
    assert first < lines.index(
        "| Principle | Status | Errors | Warnings | Info | Rules run | Members' view |"
    )


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_the_brief_report_keeps_what_a_board_reads_first(
    run_line: Run, examples: tuple[str, ...], form: str
) -> None:
    full = run_line("report", "-f", form, "greenway-food.yaml").stdout
    brief = run_line("report", "--brief", "-f", form, "greenway-food.yaml").stdout
    for kept in (
        "Act on these first",
        "Going well",
        "Principles at a glance",
        "Who works with whom",
    ):
        assert kept in brief and kept in full
    assert "Findings by principle" in full
    assert "Findings by principle" not in brief
    order = [brief.index(k) for k in ("Act on these first", "Going well", "Principles at a")]
    assert order == sorted(order)


def test_a_dense_map_draws_fewer_lines_than_pairs_and_says_why(
    run_line: Run, examples: tuple[str, ...]
) -> None:
    import json

    members = 14
    pairs = members * (members - 1) // 2
    record = json.loads(run_line("map", "-f", "json", "eastbank.yaml").stdout)
    tied, drawn = record["summary"]["tied_pairs"], record["summary"]["ties"]
    assert drawn < tied <= pairs
    # At most three ties per member on average, and still one connected part.
    assert drawn <= 3 * members // 2
    assert record["summary"]["parts"] == 1
    ends = {e["source"] for e in record["edges"]} | {e["target"] for e in record["edges"]}
    assert len(ends) == members
    assert "too many lines to read" in record["summary"]["note"]
    # The strongest ties are drawn: every tie of the most shared work is there.
    strongest = max(e["weight"] for e in record["edges"])
    assert strongest == 5
    assert sum(e["weight"] == strongest for e in record["edges"]) == members
    for name in ("text", "mermaid", "dot", "graphml"):
        out = run_line("map", "-f", name, "eastbank.yaml").stdout
        assert "too many lines to read" in out or name == "graphml", name
    html = run_line("report", "eastbank.yaml").stdout
    svg = html[html.index('<svg class="network-map"') : html.index("</svg>")]
    assert svg.count("<line ") == drawn
    assert "Not every tie is drawn" in html
    markdown = run_line("report", "-f", "markdown", "eastbank.yaml").stdout
    assert markdown.count(" ---|") == drawn
    assert "Not every tie is drawn" in markdown


def test_a_map_of_few_ties_draws_them_all(run_line: Run, examples: tuple[str, ...]) -> None:
    import json

    record = json.loads(run_line("map", "-f", "json", "riverside.yaml").stdout)
    assert record["summary"]["ties"] == record["summary"]["tied_pairs"]
    assert record["summary"]["note"] is None


def test_dot_labels_ties_only_when_asked(run_line: Run, examples: tuple[str, ...]) -> None:
    plain = run_line("map", "-f", "dot", "riverside.yaml").stdout
    labelled = run_line("map", "-f", "dot", "--labels", "riverside.yaml").stdout
    edges = [line for line in plain.splitlines() if " -- " in line]
    assert edges and not any("label=" in line for line in edges)
    assert all("label=" in line for line in labelled.splitlines() if " -- " in line)


def test_the_map_names_organisations_in_full(run_line: Run, examples: tuple[str, ...]) -> None:
    html = run_line("report", "eastbank.yaml").stdout
    svg = html[html.index('<svg class="network-map"') : html.index("</svg>")]
    assert "…" not in svg
    # Wrapped between words, a line a tspan: each name is on the map whole.
    import re

    labels = [
        " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
        for text in re.findall(r'<text class="label"[^>]*>(.*?)</text>', svg)
    ]
    expected = [
        f"Eastbank Residents&#x27; and Tenants&#x27; Association Number {n}" for n in range(1, 15)
    ]
    assert sorted(labels) == sorted(expected)


def _ids(path: Path) -> set[str]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = set()
    for key in ("organisations", "people", "activities", "aims", "networks"):
        found.update(item["id"] for item in data.get(key) or [])
    found.update(body["id"] for body in (data.get("governance") or {}).get("bodies") or [])
    return found


@pytest.mark.parametrize("name", [*EXAMPLE_FILES, "eastbank.yaml"])
def test_no_human_format_quotes_a_bare_id(
    run_line: Run, examples: tuple[str, ...], tmp_path: Path, name: str
) -> None:
    import html

    ids = _ids(tmp_path / name)
    outputs = {
        "text": run_line("check", name).stdout,
        "markdown": run_line("check", "-f", "markdown", name).stdout,
        "html report": html.unescape(run_line("report", name).stdout),
        "markdown report": run_line("report", "-f", "markdown", name).stdout,
    }
    for form, out in outputs.items():
        quoted = {i for i in ids if f"'{i}'" in out}
        assert quoted == set(), (form, quoted)


def test_the_machine_formats_keep_messages_as_written(
    run_line: Run, examples: tuple[str, ...], write: Callable[..., Path]
) -> None:
    """An id a message quotes (a waiver's subject) is shown by name to people only."""
    write(
        "w.yaml",
        "partnership: {name: W, purpose: Good food, as_of: 2026-11-01}\n"
        "organisations:\n  - {id: council, name: City Council, aims: [{text: Fed families}]}\n"
        "waivers:\n  - {rule: CG102, subject: council, reason: drafting}\n",
    )
    concise = run_line("check", "-f", "concise", "w.yaml").stdout
    text = run_line("check", "w.yaml").stdout
    assert "waiver of CG102 about 'council' matches no finding" in concise
    assert "'council'" not in text
    assert "waiver of CG102 about 'City Council' matches no finding" in " ".join(text.split())

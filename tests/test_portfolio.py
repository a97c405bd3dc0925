"""`collabgain portfolio`: many partnership files seen together, through the real CLI.

The portfolio written below has three valid partnerships and one invalid file:
- Ann Lee is current in all three (spelt `Ann Lee`, `ANN  LEE`, `ann lee`) and lists
  networks: Health Board and Skills Partnership in alpha; Health Board (again) and Transport
  Forum in beta; Alpha Housing Partnership (a partnership of the portfolio) in gamma. Her
  tables: Alpha, Health Board, Skills Partnership, Beta, Transport Forum, Gamma = 6.
- Bob Stone is current in alpha and beta (`Dr Bob Stone`): 2 tables.
- Carol King left alpha and is current in beta only: shared, but 1 table, and never PG402.
- City Council (`city  council`) and Riverside Trust (`The Riverside Trust Ltd.`) are in
  alpha and beta; Riverside College only in gamma.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.analysis.keys import organisation_key, person_key
from collabgain_cli.engine import Settings
from collabgain_cli.loader import expand_paths
from collabgain_cli.portfolio import inspect_files

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

RunLine = Callable[..., Any]
Write = Callable[[str, str | bytes], Path]

ALPHA = """\
partnership:
  name: Alpha Housing Partnership
  established: 2024-01-01
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: The Riverside Trust Ltd.}
people:
  - {id: ann, name: Ann Lee, organisation: council, networks: [health, skills]}
  - {id: bob, name: Bob Stone, organisation: trust}
  - {id: carol, name: Carol King, organisation: council, left: 2025-01-01}
networks:
  - {id: health, name: Health Board}
  - {id: skills, name: Skills Partnership}
"""

BETA = """\
partnership:
  name: Beta Health Partnership
  established: 2024-01-01
  as_of: 2026-11-01
organisations:
  - {id: city-council, name: city  council}
  - {id: trust, name: Riverside Trust}
people:
  - id: ann-lee
    name: ANN  LEE
    organisation: city-council
    networks: [health-board, transport]
  - {id: bob, name: Dr Bob Stone, organisation: trust}
  - {id: carol, name: Carol King, organisation: city-council}
networks:
  - {id: health-board, name: the health board}
  - {id: transport, name: Transport Forum}
"""

GAMMA = """\
partnership:
  name: Gamma Skills | Jobs Partnership
  established: 2024-01-01
  as_of: 2026-11-01
organisations:
  - {id: college, name: Riverside College}
people:
  - {id: ann, name: ann lee, organisation: college, networks: [alpha]}
networks:
  - {id: alpha, name: Alpha Housing Partnership}
"""

BROKEN = """\
partnership:
  name: Broken Partnership
organisations:
  - {id: council, name: City Council, budjet: 3}
"""

ANN_TABLES = [
    "Alpha Housing Partnership",
    "Health Board",
    "Skills Partnership",
    "Beta Health Partnership",
    "Transport Forum",
    "Gamma Skills | Jobs Partnership",
]


@pytest.fixture
def portfolio_dir(write: Write) -> Path:
    write("portfolio/alpha.yaml", ALPHA)
    write("portfolio/beta.yaml", BETA)
    write("portfolio/more/gamma.yml", GAMMA)
    return write("portfolio/broken.yaml", BROKEN).parent


@pytest.fixture
def valid_dir(write: Write) -> Path:
    write("valid/alpha.yaml", ALPHA)
    write("valid/beta.yaml", BETA)
    return write("valid/gamma.yaml", GAMMA).parent


def _json(run_line: RunLine, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_line("portfolio", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def _person(data: dict[str, Any], key: str) -> dict[str, Any]:
    found = [p for p in data["people"] if p["key"] == key]
    assert len(found) == 1, [p["key"] for p in data["people"]]
    return found[0]


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("City Council", "city council"),
        ("  city\tCOUNCIL ", "city council"),
        ("The Riverside Trust Ltd.", "riverside trust"),
        ("Quayside Developments Limited", "quayside developments"),
        ("Growers CIC", "growers"),
        ("St. John's Church", "st johns church"),
        ("Arts & Culture Network", "arts and culture network"),
        ("Bread-and-Roses Co-operative", "bread and roses co operative"),
        ("Theatre Company", "theatre company"),
        ("The", "the"),
        ("Ltd", "ltd"),
    ],
)
def test_organisation_key(name: str, key: str) -> None:
    assert organisation_key(name) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ann Lee", "ann lee"),
        ("ANN  LEE", "ann lee"),
        ("Dr Helen Marsh", "helen marsh"),
        ("Cllr. Jane Wood", "jane wood"),
        ("Revd John Marsh", "john marsh"),
        ("Margaret O'Neill", "margaret oneill"),
        ("Margaret O\u2019Neill", "margaret oneill"),
        ("Siân Morgan", "sian morgan"),
        ("Dr", "dr"),
    ],
)
def test_person_key(name: str, key: str) -> None:
    assert person_key(name) == key


# ------------------------------------------------------------------ inventory and matching


def test_inventory_lists_every_file_with_its_check_results(
    run_line: RunLine, portfolio_dir: Path
) -> None:
    code, data = _json(run_line, str(portfolio_dir))
    assert code == 1  # the invalid file fails the run
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert list(files) == ["alpha.yaml", "beta.yaml", "broken.yaml", "gamma.yml"]
    assert files["alpha.yaml"]["partnership"] == "Alpha Housing Partnership"
    assert files["alpha.yaml"]["as_of"] == "2026-11-01"
    assert files["alpha.yaml"]["status"] in ("red", "amber", "green", "not assessed")
    assert files["alpha.yaml"]["collaboration_level"] == "networking"
    assert files["broken.yaml"]["valid"] is False
    assert [e["code"] for e in files["broken.yaml"]["errors"]] == ["CG002"]
    assert files["broken.yaml"]["counts"] == {"error": 1, "warning": 0, "info": 0, "waived": 0}
    assert data["summary"] == {
        "files": 4,
        "invalid": 1,
        "people": 3,
        "organisations": 2,
        "error": 0,
        "warning": 1,
        "info": 0,
    }


def test_file_entries_are_the_check_records_with_counts(run_line: RunLine, valid_dir: Path) -> None:
    _code, data = _json(run_line, str(valid_dir))
    checked = json.loads(run_line("check", str(valid_dir), "--format", "json").stdout)
    for entry, record in zip(data["files"], checked["files"], strict=True):
        counts = entry.pop("counts")
        assert entry == record
        live = [f for f in record["findings"] if not f["waived"]]
        assert counts == {
            "error": sum(f["severity"] == "error" for f in live),
            "warning": sum(f["severity"] == "warning" for f in live),
            "info": sum(f["severity"] == "info" for f in live),
            "waived": len(record["findings"]) - len(live),
        }


def test_people_match_across_case_spacing_and_titles(
    run_line: RunLine, portfolio_dir: Path
) -> None:
    _code, data = _json(run_line, str(portfolio_dir))
    assert [p["key"] for p in data["people"]] == ["ann lee", "bob stone", "carol king"]
    ann = _person(data, "ann lee")
    assert ann["name"] == "Ann Lee"  # the first spelling, from the first file
    assert ann["partnerships"] == 3
    assert ann["tables"] == 6
    assert ann["table_names"] == ANN_TABLES
    assert [(Path(a["path"]).name, a["name"], a["line"]) for a in ann["appearances"]] == [
        ("alpha.yaml", "Ann Lee", 9),
        ("beta.yaml", "ANN  LEE", 9),
        ("gamma.yml", "ann lee", 8),
    ]
    assert [a["organisation"] for a in ann["appearances"]] == [
        "City Council",
        "city  council",
        "Riverside College",
    ]
    bob = _person(data, "bob stone")
    assert (bob["partnerships"], bob["tables"]) == (2, 2)
    carol = _person(data, "carol king")
    assert [a["current"] for a in carol["appearances"]] == [False, True]
    assert carol["table_names"] == ["Beta Health Partnership"]


def test_organisations_match_by_normalised_name(run_line: RunLine, portfolio_dir: Path) -> None:
    _code, data = _json(run_line, str(portfolio_dir))
    shared = {o["key"]: o for o in data["organisations"]}
    assert list(shared) == ["city council", "riverside trust"]
    trust = shared["riverside trust"]
    assert [(a["id"], a["name"], a["line"]) for a in trust["appearances"]] == [
        ("trust", "The Riverside Trust Ltd.", 7),
        ("trust", "Riverside Trust", 7),
    ]
    assert shared["city council"]["partnerships"] == 2
    assert all(a["active"] for a in trust["appearances"])


def test_nothing_shared_between_unrelated_files(run_line: RunLine, write: Write) -> None:
    write("apart/one.yaml", ALPHA)
    write("apart/two.yaml", GAMMA.replace("ann lee", "Dee Ray"))
    result = run_line("portfolio", "apart")
    assert result.exit_code == 0
    assert "no person appears in more than one partnership" in result.stdout
    assert "no organisation appears in more than one partnership" in result.stdout


# ------------------------------------------------------------------ PG402


def test_pg402_fires_beyond_the_limit_with_every_place(
    run_line: RunLine, portfolio_dir: Path
) -> None:
    _code, data = _json(run_line, str(portfolio_dir))
    assert data["max_networks"] == 4
    [finding] = data["findings"]
    assert finding["code"] == "PG402"
    assert finding["name"] == "portfolio-network-overload"
    assert finding["severity"] == "warning"
    assert finding["subject"] == "ann lee"
    assert finding["message"] == (
        "'Ann Lee' sits at 6 tables across 3 partnership files (> 4): " + "; ".join(ANN_TABLES)
    )
    assert [(Path(p["path"]).name, p["line"], p["pointer"]) for p in finding["places"]] == [
        ("alpha.yaml", 9, "people[0]"),
        ("beta.yaml", 9, "people[0]"),
        ("gamma.yml", 8, "people[0]"),
    ]


@pytest.mark.parametrize(("limit", "fires"), [("6", False), ("5", True)])
def test_pg402_does_not_fire_at_the_limit(
    run_line: RunLine, portfolio_dir: Path, limit: str, fires: bool
) -> None:
    _code, data = _json(run_line, str(portfolio_dir), "--max-networks", limit)
    assert [f["subject"] for f in data["findings"]] == (["ann lee"] if fires else [])


def test_pg402_needs_a_person_current_in_two_files(run_line: RunLine, portfolio_dir: Path) -> None:
    # At a limit of 0 every shared person is beyond it; Carol is current in one file only,
    # so that file (and CG402) shows all there is to know about her.
    _code, data = _json(run_line, str(portfolio_dir), "--max-networks", "0")
    assert [f["subject"] for f in data["findings"]] == ["ann lee", "bob stone"]
    assert data["findings"][1]["message"] == (
        "'Bob Stone' sits at 2 tables across 2 partnership files (> 0): "
        "Alpha Housing Partnership; Beta Health Partnership"
    )


def test_a_person_who_has_left_sits_at_no_table_there(run_line: RunLine, write: Write) -> None:
    write("left/alpha.yaml", ALPHA.replace("networks: [health, skills]", "left: 2026-01-01"))
    write("left/beta.yaml", BETA)
    _code, data = _json(run_line, "left", "--max-networks", "2")
    ann = _person(data, "ann lee")
    assert ann["table_names"] == ["Beta Health Partnership", "the health board", "Transport Forum"]
    assert data["findings"] == []  # current in beta only


# ------------------------------------------------------------------ formats


def test_text_report(run_line: RunLine, portfolio_dir: Path) -> None:
    result = run_line("portfolio", "portfolio")
    assert result.exit_code == 1
    out = result.stdout
    # Names print as written, but with their whitespace collapsed.
    for name in ("Alpha Housing Partnership", "Beta Health Partnership", "Ann Lee", "ANN LEE"):
        assert name in out
    assert "Ann Lee  3 partnerships · 6 tables" in out
    assert "ANN LEE, city council, in Beta Health Partnership  portfolio/beta.yaml:9" in out
    assert "Carol King, City Council, in Alpha Housing Partnership (not current)  " in out
    assert "The Riverside Trust Ltd.  2 partnerships" in out
    assert "Riverside Trust (trust) in Beta Health Partnership  portfolio/beta.yaml:7" in out
    assert "▲ warning PG402 portfolio-network-overload · ann lee" in out
    assert "✖ invalid" in out
    assert "CG002 schema" in out and "unknown key 'budjet'" in out
    assert out.rstrip().endswith(
        "4 files, 1 invalid; 3 people and 2 organisations in several partnerships; "
        "1 portfolio finding"
    )
    assert "\x1b[" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_markdown_report(run_line: RunLine, portfolio_dir: Path) -> None:
    result = run_line("portfolio", str(portfolio_dir), "--format", "markdown")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "## collabgain portfolio"
    # Rows of a table have the same number of unescaped pipes as its header.
    unescaped = re.compile(r"(?<!\\)\|")
    inventory = [line for line in lines if line.startswith("| ") and "`" in line][:4]
    assert all(len(unescaped.findall(row)) == 10 for row in inventory)
    gamma = next(row for row in lines if "gamma.yml`" in row and "Gamma" in row)
    assert gamma.startswith("| Gamma Skills \\| Jobs Partnership | ")
    broken = next(row for row in lines if "broken.yaml`" in row and row.startswith("|"))
    assert "🔴 invalid" in broken and broken.endswith("| 1 | 0 | 0 | 0 |")
    ann = next(row for row in lines if row.startswith("| Ann Lee |"))
    assert ann.startswith("| Ann Lee | 3 | 6 | ")
    assert "ANN LEE, city council, Beta Health Partnership" in ann
    carol = next(row for row in lines if row.startswith("| Carol King |"))
    assert "Alpha Housing Partnership (not current)" in carol
    assert any(row.startswith("| City Council | 2 | ") for row in lines)
    assert any("**PG402** portfolio-network-overload · ann lee" in row for row in lines)
    assert "### Invalid files" in lines
    assert lines[-1] == (
        "**4 files, 1 invalid; 3 people and 2 organisations in several partnerships; "
        "1 portfolio finding**"
    )


def test_json_key_order(run_line: RunLine, portfolio_dir: Path) -> None:
    _code, data = _json(run_line, str(portfolio_dir))
    assert list(data) == [
        "tool",
        "max_networks",
        "files",
        "people",
        "organisations",
        "findings",
        "summary",
    ]
    assert list(data["people"][0]) == [
        "key",
        "name",
        "partnerships",
        "tables",
        "table_names",
        "appearances",
    ]
    assert list(data["files"][0])[-1] == "counts"


def test_output_file(run_line: RunLine, valid_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "portfolio.md"
    result = run_line("portfolio", str(valid_dir), "-f", "markdown", "-o", str(target))
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("## collabgain portfolio\n")


# ------------------------------------------------------------------ exit codes and options


def test_warnings_do_not_fail_by_default(run_line: RunLine, valid_dir: Path) -> None:
    # Each file has an error finding (CG101, no purpose): failing on those is check's job;
    # the portfolio fails on invalid files and on its own findings.
    code, data = _json(run_line, str(valid_dir))
    assert code == 0
    assert [f["counts"]["error"] for f in data["files"]] == [1, 1, 1]
    assert [f["severity"] for f in data["findings"]] == ["warning"]
    assert run_line("portfolio", str(valid_dir), "--fail-on", "warning").exit_code == 1


def test_fail_on_never_passes_invalid_files(run_line: RunLine, portfolio_dir: Path) -> None:
    assert run_line("portfolio", str(portfolio_dir), "--fail-on", "never").exit_code == 0


def test_fail_on_from_the_configuration_file(
    run_line: RunLine, valid_dir: Path, write: Write
) -> None:
    write("collabgain.toml", 'fail-on = "warning"\n')
    assert run_line("portfolio", str(valid_dir)).exit_code == 1
    assert run_line("portfolio", str(valid_dir), "--fail-on", "error").exit_code == 0


def test_select_chooses_the_rules_each_file_is_checked_with(
    run_line: RunLine, valid_dir: Path
) -> None:
    _code, data = _json(run_line, str(valid_dir), "--select", "CG1")
    codes = {f["code"] for entry in data["files"] for f in entry["findings"]}
    assert codes == {"CG101", "CG102", "CG105"}
    _code, data = _json(run_line, str(valid_dir), "--ignore", "CG1")
    codes = {f["code"] for entry in data["files"] for f in entry["findings"]}
    assert codes and not any(code.startswith("CG1") for code in codes)


def test_as_of_decides_who_is_current(run_line: RunLine, write: Write) -> None:
    undated = BETA.replace("  as_of: 2026-11-01\n", "").replace(
        "{id: bob, name: Dr Bob Stone, organisation: trust}",
        "{id: bob, name: Dr Bob Stone, organisation: trust, joined: 2026-06-01}",
    )
    write("dated/alpha.yaml", ALPHA)
    write("dated/beta.yaml", undated)
    _code, early = _json(run_line, "dated", "--as-of", "2026-01-01", "--max-networks", "1")
    _code, late = _json(run_line, "dated", "--as-of", "2026-12-01", "--max-networks", "1")
    assert [f["as_of"] for f in early["files"]] == ["2026-11-01", "2026-01-01"]
    assert [a["current"] for a in _person(early, "bob stone")["appearances"]] == [True, False]
    assert [a["current"] for a in _person(late, "bob stone")["appearances"]] == [True, True]
    assert "bob stone" not in [f["subject"] for f in early["findings"]]
    assert "bob stone" in [f["subject"] for f in late["findings"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Missing argument"),
        (("nowhere",), "nowhere: no such file or folder"),
        (("valid", "--as-of", "soon"), "--as-of: 'soon' is not a date"),
        (("valid", "--select", "CG999x"), "unknown rule 'CG999x'"),
        (("valid", "--max-networks", "-1"), "--max-networks"),
        (("valid", "--format", "sarif"), "sarif"),
    ],
)
def test_usage_errors(
    run_line: RunLine, valid_dir: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_line("portfolio", *args)
    assert result.exit_code == 2
    assert message in result.stderr


# ------------------------------------------------------------------ the shipped examples


def test_the_valid_examples_as_a_portfolio(run_line: RunLine, tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    folder.mkdir()
    names = ["greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml"]
    for name in names:
        shutil.copy(EXAMPLES / name, folder / name)
    code, data = _json(run_line, "examples")
    assert code == 0
    assert [
        (Path(f["path"]).name, f["partnership"], f["collaboration_level"]) for f in data["files"]
    ] == [
        ("greenway-food.yaml", "Greenway Food Partnership", "collaborating"),
        ("northshire-networks.yaml", "Northshire Networks Forum", "networking"),
        ("riverside.yaml", "Riverside Regeneration Partnership", "cooperating"),
    ]
    assert [f["status"] for f in data["files"]] == ["green", "amber", "red"]
    # Three separate places: nobody and no organisation is in two of them.
    assert (data["people"], data["organisations"], data["findings"]) == ([], [], [])


def test_the_examples_folder_skips_what_is_not_a_partnership_and_lists_invalid_files(
    run_line: RunLine,
) -> None:
    code, data = _json(run_line, str(EXAMPLES))
    assert code == 1
    paths = [Path(f["path"]).relative_to(EXAMPLES).as_posix() for f in data["files"]]
    assert "ci/github-workflow.yml" not in paths
    invalid = sorted(
        Path(f["path"]).relative_to(EXAMPLES).as_posix() for f in data["files"] if not f["valid"]
    )
    assert invalid == sorted(f"invalid/{p.name}" for p in (EXAMPLES / "invalid").glob("*.yaml"))
    assert data["summary"]["files"] - data["summary"]["invalid"] == 3


# ------------------------------------------------------------------ the README


README_FILES = {
    "housing.yaml": """\
partnership: {name: Eastside Housing Partnership, as_of: 2026-11-01}
organisations:
  - {id: council, name: Eastside Council}
  - {id: homes, name: Eastside Homes Ltd}
people:
  - {id: ann, name: Ann Lee, organisation: council, networks: [health, skills]}
  - {id: raj, name: Raj Patel, organisation: homes}
networks:
  - {id: health, name: Health and Wellbeing Board}
  - {id: skills, name: Skills Board}
""",
    "food.yaml": """\
partnership: {name: Eastside Food Partnership, as_of: 2026-11-01}
organisations:
  - {id: council, name: Eastside council}
people:
  - {id: ann-lee, name: Cllr Ann Lee, organisation: council, networks: [transport]}
networks:
  - {id: transport, name: Transport Forum}
""",
    "draft.yaml": "partnership: {name: Eastside Youth Partnership}\norganisations: []\n",
}


def test_readme_example_is_the_real_output(run_line: RunLine, write: Write) -> None:
    for name, text in README_FILES.items():
        write(f"partnerships/{name}", text)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Portfolio\n", 1)[1]
    block = section.split("```text\n", 1)[1].split("```", 1)[0]
    command, shown = block.split("\n", 1)
    assert command == "$ collabgain portfolio partnerships"
    result = run_line("portfolio", "partnerships")
    assert result.exit_code == 1
    assert result.stdout == shown


# ------------------------------------------------------------------ parallel


def test_parallel_inspection_equals_serial(tmp_path: Path) -> None:
    for n, text in enumerate([ALPHA, BETA, GAMMA, BROKEN] * 3):
        (tmp_path / f"p{n:02d}.yaml").write_text(text, encoding="utf-8")
    files = expand_paths([str(tmp_path)])
    settings = Settings.default()
    serial = inspect_files(files, settings, jobs=1)
    parallel = inspect_files(files, settings, jobs=2)
    assert parallel == serial
    assert [r.report.path for r in parallel] == files
    assert sum(len(r.people) for r in parallel) == 3 * 7

"""The command line, run like a user would in a folder outside the repository.

Covers --version, `validate` over files, folders, standard input and several paths, the
exit codes, the concise line format, `init`, `principles`, `rules` and `explain`, and the
installed console script. No output may ever hold a Python traceback.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli import __version__
from collabgain_cli.rules import DOC_SECTIONS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

GUIDING_PRINCIPLES = (
    "managing-aims",
    "balance-of-power",
    "building-trust",
    "partnership-complexity",
    "managing-change",
    "leadership-structures",
    "active-leadership",
)
CONCISE_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>CG\d{3}) "
    r"\[(?P<severity>error|warning|info)\] (?P<message>\S.*)$"
)

VALID = """\
partnership:
  name: Riverside Partnership
  purpose: Homes and jobs on the riverside that no partner could deliver alone.
organisations:
  - id: council
    name: City Council
"""
INVALID = """\
partnership:
  name: Riverside Partnership
organisations:
  - id: council
    name: City Council
    sectr: public
"""


@pytest.fixture
def cli(run_line: Callable[..., Any]) -> Callable[..., Any]:
    """`run_line` that also checks no output holds a traceback."""

    def run(*args: str, input: str | bytes | None = None) -> Any:
        result = run_line(*args, input=input)
        assert "Traceback" not in result.stdout + result.stderr
        return result

    return run


def concise_lines(stdout: str) -> list[re.Match[str]]:
    """The finding lines of a concise report (the summary line is left out)."""
    matches = [CONCISE_LINE.match(line) for line in stdout.splitlines()]
    return [m for m in matches if m is not None]


def test_version(cli: Callable[..., Any]) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"collabgain {__version__}\n"


def test_no_arguments_shows_help_and_is_not_a_success(cli: Callable[..., Any]) -> None:
    result = cli()
    assert result.exit_code == 2
    assert "Usage" in result.stdout + result.stderr


@pytest.mark.parametrize("command", ["check", "validate", "init", "schema", "rules", "explain"])
def test_every_command_has_help(cli: Callable[..., Any], command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert f"collabgain {command}" in result.stdout


# --------------------------------------------------------------------------- validate


def test_validate_a_valid_file(cli: Callable[..., Any], write: Callable[..., Path]) -> None:
    write("riverside.yaml", VALID)
    result = cli("validate", "riverside.yaml")
    assert result.exit_code == 0
    assert concise_lines(result.stdout) == []
    assert "1 file checked, 0 invalid" in result.stdout


def test_validate_an_invalid_file_prints_concise_lines(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("riverside.yaml", INVALID)
    result = cli("validate", "riverside.yaml")
    assert result.exit_code == 1
    [line] = concise_lines(result.stdout)
    assert line.group("file", "line", "column", "code", "severity") == (
        "riverside.yaml",
        "6",
        "5",
        "CG002",
        "error",
    )
    assert line.group("message") == "unknown key 'sectr'; did you mean 'sector'?"
    assert result.stdout.splitlines()[-1].startswith("1 file checked, 1 invalid")


def test_validate_quiet_prints_only_findings(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("riverside.yaml", INVALID)
    result = cli("validate", "--quiet", "riverside.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "riverside.yaml:6:5: CG002 [error] unknown key 'sectr'; did you mean 'sector'?",
        "    6 |     sectr: public",
        "      |     ^ organisations[0].sectr",
    ]


def test_validate_a_folder_sorted_with_hidden_folders_skipped(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("plans/b.yaml", INVALID)
    write("plans/a.yml", INVALID)
    write("plans/sub/c.yaml", INVALID)
    write("plans/.archive/old.yaml", INVALID)
    write("plans/notes.txt", INVALID)
    write("plans/valid.yaml", VALID)
    result = cli("validate", "--format", "json", "plans")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [
        "plans/a.yml",
        "plans/b.yaml",
        "plans/sub/c.yaml",
        "plans/valid.yaml",
    ]
    assert [f["valid"] for f in report["files"]] == [False, False, False, True]


def test_validate_standard_input(cli: Callable[..., Any]) -> None:
    result = cli("validate", "-", input=INVALID)
    assert result.exit_code == 1
    [line] = concise_lines(result.stdout)
    assert line.group("file", "line", "column", "code") == ("<stdin>", "6", "5", "CG002")


def test_validate_valid_standard_input(cli: Callable[..., Any]) -> None:
    result = cli("validate", "-", input=VALID.encode("utf-8"))
    assert result.exit_code == 0


def test_standard_input_only_once(cli: Callable[..., Any]) -> None:
    result = cli("validate", "-", "-", input=VALID)
    assert result.exit_code == 2
    assert "only once" in result.stderr


def test_validate_several_paths_in_the_order_given(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("z.yaml", INVALID)
    write("a.yaml", INVALID.replace("sectr", "sectorr"))
    write("good.yaml", VALID)
    result = cli("validate", "z.yaml", "good.yaml", "a.yaml")
    assert result.exit_code == 1
    assert [m.group("file") for m in concise_lines(result.stdout)] == ["z.yaml", "a.yaml"]
    assert "3 files checked, 2 invalid" in result.stdout


def test_every_error_of_a_file_is_reported_in_line_order(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write(
        "riverside.yaml",
        """\
partnership:
  name: Riverside Partnership
  name: Again
organisations:
  - id: council
    name: City Council
    left: 2020-01-01
    joined: 2021-01-01
  - id: council
    name: Council Again
people:
  - {id: sam, name: Sam, organisation: counsil}
activities:
  - {id: pantry, name: Pantry, risk_shared: yes}
""",
    )
    result = cli("validate", "riverside.yaml")
    assert result.exit_code == 1
    found = [(int(m.group("line")), m.group("code")) for m in concise_lines(result.stdout)]
    assert found == [
        (3, "CG006"),
        (7, "CG005"),
        (9, "CG004"),
        (12, "CG003"),
        (14, "CG002"),
    ]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\xff\xfe\x00\x01garbage", id="binary"),
        pytest.param(b"- a\n- b\n", id="list"),
        pytest.param(b"partnership: [\n", id="broken"),
        pytest.param(b"a: &a [*a]\n", id="self-alias"),
        pytest.param(b"[" * 10_000, id="deep"),
        pytest.param("name: Caf\xe9\n".encode("latin-1"), id="latin-1"),
        pytest.param(b"x: !!python/object/apply:os.system ['true']\n", id="python-tag"),
    ],
)
def test_malformed_input_is_exit_1_with_a_clean_message(
    cli: Callable[..., Any], write: Callable[..., Path], content: bytes
) -> None:
    write("bad.yaml", content)
    result = cli("validate", "bad.yaml")
    assert result.exit_code == 1
    lines = concise_lines(result.stdout)
    assert lines
    assert all(m.group("file") == "bad.yaml" for m in lines)
    assert all(re.fullmatch(r"CG00[1-7]", m.group("code")) for m in lines)


def test_missing_path_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("validate", "nowhere.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nowhere.yaml: no such file or folder" in result.stderr


def test_folder_without_yaml_is_a_usage_error(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("docs/readme.txt", "nothing here")
    result = cli("validate", "docs")
    assert result.exit_code == 2
    assert "no partnership files found in docs" in result.stderr


def test_bad_option_is_a_usage_error(cli: Callable[..., Any], write: Callable[..., Path]) -> None:
    write("riverside.yaml", VALID)
    result = cli("validate", "--bogus", "riverside.yaml")
    assert result.exit_code == 2
    assert "--bogus" in result.stderr


def test_bad_format_is_a_usage_error(cli: Callable[..., Any], write: Callable[..., Path]) -> None:
    write("riverside.yaml", VALID)
    result = cli("validate", "--format", "yaml", "riverside.yaml")
    assert result.exit_code == 2
    assert "yaml" in result.stderr


def test_check_without_a_path_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("check")
    assert result.exit_code == 2
    assert "PATH" in result.stderr


def test_check_runs_rules_and_fails_on_an_error(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("riverside.yaml", VALID.replace("  purpose: Homes", "  x-purpose: Homes"))
    result = cli("check", "--format", "concise", "--select", "CG101", "riverside.yaml")
    assert result.exit_code == 1
    [line] = concise_lines(result.stdout)
    assert line.group("code", "severity", "line", "column") == ("CG101", "error", "2", "3")


# --------------------------------------------------------------------------- init


def test_init_writes_a_starter_file_that_validates(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("init")
    assert result.exit_code == 0
    written = tmp_path / "partnership.yaml"
    assert written.is_file()
    assert "wrote partnership.yaml" in result.stderr
    validated = cli("validate", "partnership.yaml")
    assert validated.exit_code == 0, validated.stdout


def test_init_at_a_given_path(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("init", "riverside.yaml")
    assert result.exit_code == 0
    assert (tmp_path / "riverside.yaml").is_file()
    assert not (tmp_path / "partnership.yaml").exists()


def test_init_never_overwrites_without_force(cli: Callable[..., Any], tmp_path: Path) -> None:
    existing = tmp_path / "partnership.yaml"
    existing.write_text("partnership: {name: Mine}\n", encoding="utf-8")
    result = cli("init")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert existing.read_text(encoding="utf-8") == "partnership: {name: Mine}\n"


def test_init_force_overwrites(cli: Callable[..., Any], tmp_path: Path) -> None:
    existing = tmp_path / "partnership.yaml"
    existing.write_text("partnership: {name: Mine}\n", encoding="utf-8")
    result = cli("init", "--force")
    assert result.exit_code == 0
    assert "Example Partnership" in existing.read_text(encoding="utf-8")
    assert cli("validate", "partnership.yaml").exit_code == 0


def test_init_into_a_missing_folder_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("init", "no/such/folder/partnership.yaml")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


# --------------------------------------------------------------------------- catalogue


def test_principles_lists_the_seven_guiding_principles(cli: Callable[..., Any]) -> None:
    result = cli("principles")
    assert result.exit_code == 0
    headings = re.findall(r"^(\d+)\. (.+) \(([a-z-]+)\)$", result.stdout, re.MULTILINE)
    assert [(number, pid) for number, _, pid in headings[:7]] == [
        (str(n), pid) for n, pid in enumerate(GUIDING_PRINCIPLES, start=1)
    ]
    assert "core-skills" in [pid for _, _, pid in headings]
    assert "Rules: CG101 missing-purpose" in result.stdout


def test_principles_of_one_principle(cli: Callable[..., Any]) -> None:
    result = cli("principles", "managing-aims")
    assert result.exit_code == 0
    assert result.stdout.startswith("1. Managing aims (managing-aims)")
    assert "balance-of-power" not in result.stdout


def test_unknown_principle_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("principles", "managing-aim")
    assert result.exit_code == 2
    assert "unknown principle 'managing-aim'" in result.stderr


def test_rules_lists_cg101(cli: Callable[..., Any]) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    [at] = [i for i, line in enumerate(lines) if line.startswith("CG101")]
    assert lines[at].split()[:3] == ["CG101", "missing-purpose", "error"]
    # The principle stands under the name, so the table fits 80 columns.
    assert lines[at + 1].split() == ["managing-aims"]


def test_rules_as_json(cli: Callable[..., Any]) -> None:
    result = cli("rules", "--format", "json")
    assert result.exit_code == 0
    rules = {r["code"]: r for r in json.loads(result.stdout)}
    assert rules["CG101"]["name"] == "missing-purpose"
    assert rules["CG104"]["options"] == {"min_agreement": 0.75, "grace_months": 6}


@pytest.mark.parametrize("rule", ["CG101", "cg101", "missing-purpose"])
def test_explain_shows_every_section(cli: Callable[..., Any], rule: str) -> None:
    result = cli("explain", rule)
    assert result.exit_code == 0
    assert result.stdout.startswith("CG101 missing-purpose")
    lines = [line.strip() for line in result.stdout.splitlines()]
    positions = [lines.index(f"{section}:") for section in DOC_SECTIONS]
    assert positions == sorted(positions)
    assert "partnership.purpose" in result.stdout


def test_explain_unknown_rule_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("explain", "missing-purpos")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown code 'missing-purpos'; did you mean 'missing-purpose'?" in result.stderr


def test_explain_unknown_code_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("explain", "CG000")
    assert result.exit_code == 2
    assert "unknown code 'CG000'" in result.stderr


# --------------------------------------------------------------------------- installed script


def _installed(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "collabgain"
    return subprocess.run(
        [str(script), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": str(tmp_path)},
    )


def test_installed_console_script_finds_its_principles(tmp_path: Path) -> None:
    result = _installed(tmp_path, "principles")
    assert result.returncode == 0, result.stderr
    for pid in GUIDING_PRINCIPLES:
        assert f"({pid})" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_installed_console_script_validates_a_file(tmp_path: Path) -> None:
    (tmp_path / "riverside.yaml").write_text(INVALID, encoding="utf-8")
    result = _installed(tmp_path, "validate", "riverside.yaml")
    assert result.returncode == 1
    assert result.stdout.startswith("riverside.yaml:6:5: CG002 [error] unknown key 'sectr'")
    assert "Traceback" not in result.stdout + result.stderr


def test_the_cli_and_the_loader_agree_on_standard_input() -> None:
    """The command line keeps its own copy of '-' so --version need not import the loader."""
    from collabgain_cli import cli, loader

    assert cli.STDIN == loader.STDIN == "-"


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-f", "concise", "riverside.yaml"),
        ("report", "-f", "markdown", "riverside.yaml"),
        ("map", "-f", "mermaid", "riverside.yaml"),
        ("survey", "questions", "-f", "markdown"),
    ],
    ids=["check", "report", "map", "survey"],
)
def test_output_dash_is_standard_output(
    run_line: Callable[..., Any], tmp_path: Path, args: tuple[str, ...]
) -> None:
    """`-o -` writes where no -o would, as '-' reads standard input: never a file named '-'."""
    shutil.copy(EXAMPLES / "riverside.yaml", tmp_path / "riverside.yaml")
    plain = run_line(*args)
    dashed = run_line(*args, "-o", "-")
    assert dashed.exit_code == plain.exit_code
    assert dashed.stdout == plain.stdout != ""
    assert not (tmp_path / "-").exists()

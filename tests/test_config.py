"""Configuration: collabgain.toml or [tool.collabgain], found upward, and the command line over it.

Uses the managing-aims rules CG101-CG106 on a small file where CG101 (no purpose, an error)
and CG102 (an organisation with no aims, a warning) fire.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

NO_PURPOSE = """\
partnership:
  name: Riverside Partnership
  established: 2025-01-01
  as_of: 2025-03-01
organisations:
  - id: council
    name: City Council
"""


@pytest.fixture
def cli(run_line: Callable[..., Any]) -> Callable[..., Any]:
    """`run_line` that also checks no output holds a traceback."""

    def run(*args: str) -> Any:
        result = run_line(*args)
        assert "Traceback" not in result.stdout + result.stderr
        return result

    return run


@pytest.fixture
def riverside(write: Callable[..., Path]) -> Path:
    return write("riverside.yaml", NO_PURPOSE)


def show_config(cli: Callable[..., Any], *args: str) -> dict[str, Any]:
    result = cli("check", "--show-config", *args)
    assert result.exit_code == 0, result.stderr
    config = json.loads(result.stdout)
    assert isinstance(config, dict)
    return config


def findings(cli: Callable[..., Any], *args: str) -> list[tuple[str, str]]:
    """(code, severity) of each finding of `check` on riverside.yaml, in report order."""
    result = cli("check", "--format", "json", "--fail-on", "never", *args, "riverside.yaml")
    assert result.exit_code == 0, result.stderr
    [file_report] = json.loads(result.stdout)["files"]
    return [(f["code"], f["severity"]) for f in file_report["findings"]]


def codes(cli: Callable[..., Any], *args: str) -> set[str]:
    return {code for code, _ in findings(cli, *args)}


# --------------------------------------------------------------------------- finding the file


def test_no_configuration_file(cli: Callable[..., Any]) -> None:
    assert show_config(cli) == {
        "source": None,
        "select": [],
        "ignore": [],
        "fail-on": "error",
        "format": "text",
        "red-rules": 3,
        "rules": {},
        "exclude": ["node_modules", "venv", "site-packages", "__pypackages__"],
        "extend-exclude": [],
    }


def test_collabgain_toml_is_found_upward(
    cli: Callable[..., Any], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write("collabgain.toml", 'select = ["CG101"]\n')
    deeper = config.parent / "plans" / "2026"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    shown = show_config(cli)
    assert Path(shown["source"]).resolve() == config.resolve()
    assert shown["select"] == ["CG101"]


def test_pyproject_with_a_tool_table_is_used(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.collabgain]\nfail-on = "warning"\n')
    shown = show_config(cli)
    assert Path(shown["source"]).name == "pyproject.toml"
    assert shown["fail-on"] == "warning"


def test_pyproject_without_a_tool_table_is_passed_over(
    cli: Callable[..., Any], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write("collabgain.toml", 'ignore = ["CG106"]\n')
    project = write("app/pyproject.toml", '[project]\nname = "app"\n')
    monkeypatch.chdir(project.parent)
    shown = show_config(cli)
    assert Path(shown["source"]).resolve() == config.resolve()
    assert shown["ignore"] == ["CG106"]


def test_nearest_file_wins(
    cli: Callable[..., Any], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("collabgain.toml", 'select = ["CG101"]\n')
    nearer = write("app/pyproject.toml", '[tool.collabgain]\nselect = ["CG102"]\n')
    monkeypatch.chdir(nearer.parent)
    assert show_config(cli)["select"] == ["CG102"]


def test_config_option_names_the_file(cli: Callable[..., Any], write: Callable[..., Path]) -> None:
    write("collabgain.toml", 'select = ["CG101"]\n')
    other = write("ci/strict.toml", 'fail-on = "info"\n')
    shown = show_config(cli, "--config", str(other))
    assert shown["source"] == str(other)
    assert shown["fail-on"] == "info"
    assert shown["select"] == []


def test_config_option_with_a_missing_file(cli: Callable[..., Any]) -> None:
    result = cli("check", "--config", "missing.toml", "--show-config")
    assert result.exit_code == 2
    assert "missing.toml" in result.stderr


def test_show_config_prints_the_resolved_configuration(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write(
        "collabgain.toml",
        'select = ["CG1"]\nignore = ["CG106"]\nfail-on = "warning"\nformat = "concise"\n\n'
        '[rules.CG104]\nmin_agreement = 0.5\n\n[rules.missing-purpose]\nseverity = "info"\n',
    )
    shown = show_config(cli, "--ignore", "CG105")
    assert list(shown) == [
        "source",
        "select",
        "ignore",
        "fail-on",
        "format",
        "red-rules",
        "rules",
        "exclude",
        "extend-exclude",
    ]
    assert shown["select"] == ["CG1"]
    assert shown["ignore"] == ["CG106", "CG105"]
    assert shown["fail-on"] == "warning"
    assert shown["format"] == "concise"
    assert shown["rules"] == {"CG101": {"severity": "info"}, "CG104": {"min_agreement": 0.5}}


# --------------------------------------------------------------------------- command line wins


def test_command_line_wins_over_the_file(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("collabgain.toml", 'select = ["CG102"]\nfail-on = "info"\nformat = "json"\n')
    shown = show_config(cli, "--select", "CG101", "--fail-on", "error", "--format", "concise")
    assert shown["select"] == ["CG101"]
    assert shown["fail-on"] == "error"
    assert shown["format"] == "concise"


def test_format_from_the_file_is_used(
    cli: Callable[..., Any], write: Callable[..., Path], riverside: Path
) -> None:
    write("collabgain.toml", 'format = "concise"\nselect = ["CG101"]\n')
    result = cli("check", "riverside.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith("riverside.yaml:2:3: CG101 [error] ")


def test_fail_on_from_the_file_and_from_the_command_line(
    cli: Callable[..., Any], write: Callable[..., Path], riverside: Path
) -> None:
    write("collabgain.toml", 'fail-on = "warning"\nselect = ["CG102"]\n')
    assert cli("check", "riverside.yaml").exit_code == 1
    assert cli("check", "--fail-on", "error", "riverside.yaml").exit_code == 0
    assert cli("check", "--exit-zero", "riverside.yaml").exit_code == 0


# --------------------------------------------------------------------------- severity and options


def test_severity_override_changes_a_finding_and_the_exit_code(
    cli: Callable[..., Any], write: Callable[..., Path], riverside: Path
) -> None:
    before = cli("check", "--format", "concise", "--select", "CG101", "riverside.yaml")
    assert before.exit_code == 1
    assert " CG101 [error] " in before.stdout
    write("collabgain.toml", '[rules.CG101]\nseverity = "warning"\n')
    after = cli("check", "--format", "concise", "--select", "CG101", "riverside.yaml")
    assert after.exit_code == 0
    assert " CG101 [warning] " in after.stdout


def test_severity_override_by_rule_name_in_pyproject(
    cli: Callable[..., Any], write: Callable[..., Path], riverside: Path
) -> None:
    write("pyproject.toml", '[tool.collabgain.rules.missing-purpose]\nseverity = "info"\n')
    assert ("CG101", "info") in findings(cli, "--select", "CG1")


def test_rule_option_changes_what_fires(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write(
        "riverside.yaml",
        NO_PURPOSE
        + "  - id: trust\n    name: Health Trust\n  - id: school\n    name: School\n"
        + "aims:\n  - {id: jobs, text: Jobs, status: agreed, agreed_by: [council, trust]}\n",
    )
    assert "CG104" in codes(cli, "--select", "CG104")
    write("collabgain.toml", "[rules.CG104]\nmin_agreement = 0.5\n")
    assert "CG104" not in codes(cli, "--select", "CG104")


# --------------------------------------------------------------------------- select and ignore


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        pytest.param("--select", "CG101", {"CG101"}, id="select-code"),
        pytest.param("--select", "missing-purpose", {"CG101"}, id="select-name"),
        pytest.param("--select", "CG1", {"CG101", "CG102"}, id="select-prefix"),
        pytest.param("--select", "cg10", {"CG101", "CG102"}, id="select-lower-case-prefix"),
        pytest.param("--select", "CG101,unstated-aims", {"CG101", "CG102"}, id="select-list"),
        pytest.param("--ignore", "CG101", {"CG102"}, id="ignore-code"),
        pytest.param("--ignore", "missing-purpose", {"CG102"}, id="ignore-name"),
        pytest.param("--ignore", "CG1", set(), id="ignore-prefix"),
    ],
)
def test_select_and_ignore_on_the_command_line(
    cli: Callable[..., Any], riverside: Path, option: str, value: str, expected: set[str]
) -> None:
    # Only the managing-aims rules run, so rules of other principles do not interfere.
    scope = ("--select", "CG1") if option == "--ignore" else ()
    assert codes(cli, *scope, option, value) == expected


def test_select_repeated_on_the_command_line(cli: Callable[..., Any], riverside: Path) -> None:
    assert codes(cli, "--select", "CG101", "--select", "CG102") == {"CG101", "CG102"}


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        pytest.param('select = ["missing-purpose"]', {"CG101"}, id="select-name"),
        pytest.param('select = ["CG1"]\nignore = ["CG101"]', {"CG102"}, id="ignore-code"),
        pytest.param('select = ["CG1"]\nignore = ["unstated-aims"]', {"CG101"}, id="ignore-name"),
        pytest.param('select = "CG101, CG102"', {"CG101", "CG102"}, id="comma-string"),
    ],
)
def test_select_and_ignore_in_the_file(
    cli: Callable[..., Any],
    write: Callable[..., Path],
    riverside: Path,
    table: str,
    expected: set[str],
) -> None:
    write("collabgain.toml", table + "\n")
    assert codes(cli) == expected


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("table", "named"),
    [
        pytest.param('selct = ["CG101"]', "'selct'", id="unknown-key"),
        pytest.param('select = ["CG999"]', "'CG999'", id="unknown-rule-in-select"),
        pytest.param('ignore = ["missing-purpos"]', "'missing-purpos'", id="unknown-rule-name"),
        pytest.param("[rules.CG999]\nseverity = 'info'", "CG999", id="unknown-rule-table"),
        pytest.param("[rules.CG104]\nmin_agreemnt = 0.5", "'min_agreemnt'", id="unknown-option"),
        pytest.param("[rules.CG101]\nthreshold = 1", "'threshold'", id="option-of-no-options"),
        pytest.param("[rules.CG104]\nmin_agreement = 'most'", "min_agreement", id="wrong-type"),
        pytest.param("[rules.CG104]\nmin_agreement = 1.5", "min_agreement", id="out-of-range"),
        pytest.param("[rules.CG105]\ngrace_months = 2.5", "grace_months", id="fraction-for-int"),
        pytest.param("[rules.CG105]\ngrace_months = true", "grace_months", id="bool-for-int"),
        pytest.param("[rules.CG104]\nmin_agreement = '0.5'", "min_agreement", id="text-for-float"),
        pytest.param("[rules.CG101]\nseverity = 'fatal'", "'fatal'", id="bad-severity"),
        pytest.param("[rules.CG101]\nseverity = 3", "severity", id="severity-not-text"),
        pytest.param("[rules]\nCG101 = 'warning'", "CG101", id="rule-not-a-table"),
        pytest.param('fail-on = "sometimes"', "fail-on", id="bad-fail-on"),
        pytest.param('format = "yaml"', "format", id="bad-format"),
        pytest.param("select = 3", "select", id="select-not-a-list"),
        pytest.param("select = [", "not valid TOML", id="broken-toml"),
        pytest.param("red-rules = 0", "'red-rules' must be a whole number from 1 to 20", id="red0"),
        pytest.param("red-rules = 2.5", "red-rules", id="red-rules-fraction"),
        pytest.param("red-rules = true", "red-rules", id="red-rules-bool"),
        pytest.param("[rules.CG202]\nmax_hhi = 0.5", "max_share", id="removed-max-hhi"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_it(
    cli: Callable[..., Any], write: Callable[..., Path], riverside: Path, table: str, named: str
) -> None:
    write("collabgain.toml", table + "\n")
    result = cli("check", "riverside.yaml")
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert "collabgain.toml" in result.stderr
    assert named in result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        pytest.param(("--select", "CG999"), "'CG999'", id="unknown-select"),
        pytest.param(("--ignore", "no-such-rule"), "'no-such-rule'", id="unknown-ignore"),
        pytest.param(("--fail-on", "sometimes"), "sometimes", id="bad-fail-on"),
        pytest.param(("--as-of", "next week"), "--as-of", id="bad-as-of"),
    ],
)
def test_bad_command_line_is_a_usage_error_naming_it(
    cli: Callable[..., Any], riverside: Path, args: tuple[str, ...], named: str
) -> None:
    result = cli("check", *args, "riverside.yaml")
    assert result.exit_code == 2
    assert named in result.stderr


def test_unknown_rule_suggests_the_nearest(
    cli: Callable[..., Any], write: Callable[..., Path], riverside: Path
) -> None:
    write("collabgain.toml", 'select = ["missing-purpos"]\n')
    result = cli("check", "riverside.yaml")
    assert "did you mean 'missing-purpose'?" in result.stderr


RED_BY_CONCERN = """\
partnership:
  name: Riverside
  purpose: Homes for all
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Community Trust, aims: [{text: Our own, stated: hidden}]}
aims:
  - {id: homes, text: Homes, status: disputed}
"""


def test_red_rules_sets_how_many_different_rules_make_a_principle_red(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    """Managing aims has warnings from CG102, CG103 and CG104: red at 3, amber at 4."""
    write("partnership.yaml", RED_BY_CONCERN)

    def aims_status() -> str:
        result = cli("check", "-f", "json", "--exit-zero", "partnership.yaml")
        [file_report] = json.loads(result.stdout)["files"]
        warned = {
            f["code"]
            for f in file_report["findings"]
            if f["principle"] == "managing-aims" and f["severity"] == "warning"
        }
        assert warned == {"CG102", "CG103", "CG104"}
        [aims] = [p for p in file_report["principles"] if p["id"] == "managing-aims"]
        return str(aims["status"])

    assert aims_status() == "red"
    write("collabgain.toml", "red-rules = 4\n")
    assert aims_status() == "amber"

"""At a terminal: shell completion, explain for every code, help text, --statistics, plurals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.codes import CODES
from collabgain_cli.loader import CODES as VALIDITY_CODES
from collabgain_cli.portfolio import OVERLOAD_CODE
from collabgain_cli.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def collabgain(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Any:
    """The installed program as a shell runs it (completion needs its real name)."""
    return subprocess.run(
        [sys.executable, "-m", "collabgain_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=cwd,
        timeout=60,
        check=False,
    )


def complete(words: str, cwd: Path | None = None) -> list[str]:
    """What bash completion offers for the last word of `words` (as the installed script asks)."""
    parts = words.split(" ")
    result = collabgain(
        env={
            "_COLLABGAIN_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        },
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


# --------------------------------------------------------------------------- completion


def test_show_completion_prints_a_bash_script() -> None:
    # Typer names the shell from the process tree, which depends on how the tests are run;
    # with detection off (Typer's own switch for this), the shell is the one named.
    result = collabgain(
        "--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert result.returncode == 0, result.stderr
    assert "complete -o default -F _collabgain_completion collabgain" in result.stdout
    assert "_COLLABGAIN_COMPLETE=complete_bash" in result.stdout


def test_install_completion_is_an_option() -> None:
    assert "--install-completion" in collabgain("--help").stdout


def test_completing_explain_offers_the_managing_change_rules() -> None:
    managing_change = [r.code for r in all_rules().values() if r.principle == "managing-change"]
    assert complete("collabgain explain CG5") == managing_change


def test_completing_explain_offers_codes_that_are_not_rules() -> None:
    assert complete("collabgain explain CG00") == [f"CG00{n}" for n in range(1, 8)]
    assert complete("collabgain explain PG") == ["PG402"]


def test_completing_select_offers_codes_and_names_after_a_comma() -> None:
    assert complete("collabgain check --select CG1,CG50") == [f"CG1,CG50{n}" for n in range(1, 10)]
    assert "member-turnover" in complete("collabgain check --ignore member-")


def test_completing_format_offers_the_formats() -> None:
    assert complete("collabgain check --format ") == [
        "text",
        "concise",
        "json",
        "sarif",
        "github",
        "junit",
        "markdown",
    ]


def test_completing_a_path_offers_folders_and_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "partnerships").mkdir()
    (tmp_path / "partner.yaml").write_text("", encoding="utf-8")
    (tmp_path / "partner.txt").write_text("", encoding="utf-8")
    assert complete("collabgain check part", cwd=tmp_path) == ["partner.yaml", "partnerships/"]


# --------------------------------------------------------------------------- explain


def every_code() -> list[str]:
    return [*all_rules(), *(c.code for c in CODES)]


def test_explain_knows_every_code_a_report_can_print() -> None:
    assert set(VALIDITY_CODES) | {OVERLOAD_CODE} <= {c.code for c in CODES}


@pytest.mark.parametrize("code", every_code())
def test_explain_every_code(run_line: Callable[..., Any], code: str) -> None:
    result = run_line("explain", code)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{code} ")
    for section in ("What it finds:", "Why it matters:", "How to fix:", "Example:"):
        assert section in lines


def test_explain_a_validity_code_by_name(run_line: Callable[..., Any]) -> None:
    result = run_line("explain", "unknown-reference")
    assert result.stdout.startswith("CG003 unknown-reference\n")


def test_explain_a_prefix_names_the_codes_it_begins(run_line: Callable[..., Any]) -> None:
    result = run_line("explain", "CG5")
    assert result.exit_code == 2
    assert result.stderr == (
        "collabgain: unknown code 'CG5'; name one of the codes it begins: "
        "CG501, CG502, CG503, CG504, CG505, CG506, CG507, CG508, CG509\n"
    )


# --------------------------------------------------------------------------- validate, help


def test_validate_text_says_valid(run_line: Callable[..., Any]) -> None:
    result = run_line("validate", "-f", "text", str(EXAMPLES / "riverside.yaml"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "as of 2026-11-01 · ✔ valid"
    assert "not assessed" not in result.stdout and "level ?" not in result.stdout


def test_validate_markdown_says_valid(run_line: Callable[..., Any]) -> None:
    result = run_line("validate", "-f", "markdown", str(EXAMPLES / "riverside.yaml"))
    assert "· as of 2026-11-01 · **valid**" in result.stdout
    assert "not assessed" not in result.stdout


def test_help_shows_plain_metavars(run_line: Callable[..., Any]) -> None:
    out = " ".join(run_line("check", "--help").stdout.split())
    for shown in (
        "--as-of DATE",
        "--select CODES",
        "--ignore CODES",
        "-f, --format FORMAT",
        "--config FILE",
        "--fail-on SEVERITY",
        "[PATH]...",
    ):
        assert shown in out
    assert "<" not in out and "(error)" not in out


# --------------------------------------------------------------------------- statistics


def test_statistics_counts_findings_per_rule(run_line: Callable[..., Any]) -> None:
    path = str(EXAMPLES / "northshire-networks.yaml")
    result = run_line("check", path, "--statistics", "--fail-on", "never")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "10  CG704  passive-member                 info"
    assert " 0  CG402  network-overload               info  (+3 waived)" in lines
    assert lines[-1] == "22 findings from 10 codes"
    records = json.loads(
        run_line("check", path, "--statistics", "-f", "json", "--fail-on", "never").stdout
    )
    assert records[0] == {
        "code": "CG704",
        "name": "passive-member",
        "severity": "info",
        "count": 10,
        "waived": 0,
    }
    # The same counts as the findings of the json report.
    report = json.loads(run_line("check", path, "-f", "json", "--fail-on", "never").stdout)
    live = [f["code"] for f in report["files"][0]["findings"] if not f["waived"]]
    assert {r["code"]: r["count"] for r in records} == {c: live.count(c) for c in set(live)} | {
        r["code"]: 0 for r in records if r["code"] not in live
    }


def test_statistics_keeps_the_exit_code(run_line: Callable[..., Any]) -> None:
    result = run_line("check", str(EXAMPLES / "riverside.yaml"), "--statistics")
    assert result.exit_code == 1
    assert "1  CG505  departed-lead" in result.stdout


def test_statistics_is_for_text_and_json(run_line: Callable[..., Any]) -> None:
    result = run_line("check", str(EXAMPLES / "riverside.yaml"), "--statistics", "-f", "sarif")
    assert (result.exit_code, result.stderr) == (
        2,
        "collabgain: --statistics: use --format text or json, not sarif\n",
    )


# --------------------------------------------------------------------------- plurals


def test_github_summary_has_correct_plurals(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("bad.yaml", "partnership: {name: A}\norganisations:\n  - {id: x, nme: X}\n")
    out = run_line("check", "bad.yaml", "--format", "github").stdout
    assert out.splitlines()[-1] == (
        "collabgain: 1 file checked, 1 invalid: 1 error, 0 warnings, 0 info, 0 waived"
    )

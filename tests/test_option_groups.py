"""Options shared by several commands are declared once (cli/groups.py): every command that
takes a group accepts, documents and checks its options the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .conftest import Result

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RIVERSIDE = str(EXAMPLES / "riverside.yaml")

# The commands that take each group, with the arguments that make a run of them.
PSEUDONYMS = {
    "check": [RIVERSIDE],
    "portfolio": [str(EXAMPLES)],
    "map": [RIVERSIDE],
    "report": [RIVERSIDE],
    "gains": [RIVERSIDE],
    "diff": [RIVERSIDE, RIVERSIDE],
}
SELECTION = {
    "check": [RIVERSIDE],
    "portfolio": [str(EXAMPLES)],
    "report": [RIVERSIDE, "-f", "markdown"],
    "diff": [RIVERSIDE, RIVERSIDE, "-f", "json"],
}


@pytest.mark.parametrize("command", sorted(PSEUDONYMS))
def test_a_key_file_without_pseudonymise_is_a_usage_error(
    command: str, run_line: Callable[..., Result], tmp_path: Path
) -> None:
    key = tmp_path / "pseudonym.key"
    key.write_text("a key of some length, kept out of the repository\n")
    result = run_line(command, *PSEUDONYMS[command], "--pseudonym-key-file", str(key))
    assert result.exit_code == 2
    assert "--pseudonym-key-file is used only with --pseudonymise" in result.stderr


@pytest.mark.parametrize("command", sorted(PSEUDONYMS))
def test_pseudonym_options_are_in_help(command: str, run_line: Callable[..., Result]) -> None:
    result = run_line(command, "--help")
    assert result.exit_code == 0
    assert "--pseudonymise" in result.stdout
    assert "--pseudonym-key-file" in result.stdout


@pytest.mark.parametrize("command", sorted(SELECTION))
def test_select_reaches_the_checks(command: str, run_line: Callable[..., Result]) -> None:
    """--select CG000 (no such rule) is refused by every command that takes it, naming it."""
    result = run_line(command, *SELECTION[command], "--select", "CG000")
    assert result.exit_code == 2, result.stdout
    assert "CG000" in result.stderr


@pytest.mark.parametrize("command", sorted(SELECTION))
def test_a_missing_config_file_is_a_usage_error(
    command: str, run_line: Callable[..., Result], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.toml"
    result = run_line(command, *SELECTION[command], "--config", str(missing))
    assert result.exit_code == 2
    assert "nowhere.toml" in result.stderr


def test_history_takes_the_selection_without_as_of(run_line: Callable[..., Result]) -> None:
    """history checks each version as of its commit date: it has --select, not --as-of."""
    result = run_line("history", "--help")
    assert "--select" in result.stdout
    assert "--config" in result.stdout
    assert "--as-of" not in result.stdout

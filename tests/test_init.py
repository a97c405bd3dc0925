"""`collabgain init`: a starter file true of today (or --as-of), the real name in the advice
it prints, and standard output with '-'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Run = Callable[..., Any]


def test_the_starter_is_true_of_today(run_line: Run, tmp_path: Path) -> None:
    assert run_line("init").exit_code == 0
    data = yaml.safe_load((tmp_path / "partnership.yaml").read_text(encoding="utf-8"))
    assert data["partnership"]["as_of"] == dt.date.today()


def test_as_of_sets_the_date_and_the_file_still_checks(run_line: Run, tmp_path: Path) -> None:
    assert run_line("init", "--as-of", "2027-03-01").exit_code == 0
    text = (tmp_path / "partnership.yaml").read_text(encoding="utf-8")
    assert "  as_of: 2027-03-01 " in text
    assert run_line("validate", "partnership.yaml").exit_code == 0


def test_a_bad_as_of_is_a_usage_error(run_line: Run, tmp_path: Path) -> None:
    result = run_line("init", "--as-of", "1 March 2027")
    assert result.exit_code == 2
    assert "--as-of" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert not (tmp_path / "partnership.yaml").exists()


def test_the_advice_names_the_file_written(run_line: Run, tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    result = run_line("init", "plans/our partnership.yaml")
    assert result.exit_code == 0
    assert "then run: collabgain check 'plans/our partnership.yaml'" in result.stderr
    text = (tmp_path / "plans" / "our partnership.yaml").read_text(encoding="utf-8")
    assert "# Check it with:  collabgain check 'plans/our partnership.yaml'" in text
    assert "collabgain check partnership.yaml" not in text


def test_dash_writes_to_standard_output(run_line: Run, tmp_path: Path) -> None:
    result = run_line("init", "-", "--as-of", "2027-03-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("# A partnership description for collabgain")
    assert "  as_of: 2027-03-01 " in result.stdout
    assert list(tmp_path.iterdir()) == []
    checked = run_line("validate", "-", input=result.stdout)
    assert checked.exit_code == 0, checked.stdout


def test_the_starter_shows_the_fields_added_in_1_1(run_line: Run) -> None:
    data = yaml.safe_load(run_line("init", "-").stdout)
    council = data["organisations"][0]
    assert council["needs"]
    assert any(person.get("independent") is True for person in data["people"])
    [pantry] = data["activities"]
    assert any("done" in milestone for milestone in pantry["milestones"])

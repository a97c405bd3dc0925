"""The survey's reports through the real CLI, against golden files in tests/golden/.

After an intended change to the wording or layout, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/test_survey_golden.py -p no:cacheprovider
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_survey_summary import PARTNERSHIP

if TYPE_CHECKING:
    from .conftest import Result

RunLine = Callable[..., "Result"]
GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "survey_questions.txt": ("survey", "questions"),
    "survey_questions.md": ("survey", "questions", "-f", "markdown"),
    "survey_questions.csv": ("survey", "questions", "-f", "csv"),
    "survey_questions.html": ("survey", "questions", "-f", "html"),
    "survey_summary.txt": ("survey", "summary", "test.yaml", "--comments"),
    "survey_summary.md": ("survey", "summary", "test.yaml", "-f", "markdown"),
    "survey_summary.html": ("survey", "summary", "test.yaml", "-f", "html"),
    "survey_summary.json": ("survey", "summary", "test.yaml", "-f", "json"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_survey_output_matches_its_golden_file(
    run_line: RunLine, write: Callable[[str, str], Path], name: str
) -> None:
    write("test.yaml", PARTNERSHIP)
    result = run_line(*CASES[name])
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(result.stdout.encode("utf-8"))
    assert result.stdout == golden.read_bytes().decode("utf-8")

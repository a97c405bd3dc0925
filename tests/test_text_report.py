"""The text report through the real CLI: a golden file, the 80-column layout, and colour.

The golden file `tests/golden/text_report.txt` is the report at 100 columns with colour off.
After an intended change to the layout, regenerate it and review the diff:

    UPDATE_GOLDEN=1 /work/.venv/bin/python -m pytest tests/test_text_report.py -p no:cacheprovider
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_formats import BROKEN, RIVERSIDE, SELECT, TRICKY, TRICKY_NAME

GOLDEN = Path(__file__).parent / "golden" / "text_report.txt"
FILES = ("riverside.yaml", "broken.yaml", "tricky.yaml")

Run = Callable[..., Any]


@pytest.fixture
def files(write: Callable[[str, str], Path]) -> tuple[str, ...]:
    write("riverside.yaml", RIVERSIDE)
    write("broken.yaml", BROKEN)
    write("tricky.yaml", TRICKY)
    return FILES


def test_text_report_matches_the_golden_file(run_line: Run, files: tuple[str, ...]) -> None:
    result = run_line("check", *files, *SELECT, "--color", "never")
    assert result.exit_code == 1
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_text_report_prints_markup_in_user_text_as_written(
    run_line: Run, files: tuple[str, ...]
) -> None:
    out = run_line("check", "tricky.yaml", *SELECT, "--color", "always").stdout
    assert TRICKY_NAME in out


def test_text_report_fits_80_columns(
    run_line: Run, files: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run_line("check", *files, *SELECT).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    # The report is really laid out for 80 columns, not cut from a wider one.
    assert any(len(line) > 70 for line in lines)
    assert out != GOLDEN.read_text(encoding="utf-8")


def _has_ansi(text: str) -> bool:
    return "\x1b[" in text


def test_color_always_and_never(run_line: Run, files: tuple[str, ...]) -> None:
    always = run_line("check", *files, *SELECT, "--color", "always").stdout
    never = run_line("check", *files, *SELECT, "--color", "never").stdout
    assert _has_ansi(always)
    assert not _has_ansi(never)


def test_no_color_and_force_color_govern_auto(
    run_line: Run, files: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    # run_line sets NO_COLOR, and its output is not a terminal.
    assert not _has_ansi(run_line("check", *files, *SELECT).stdout)
    monkeypatch.delenv("NO_COLOR")
    assert not _has_ansi(run_line("check", *files, *SELECT).stdout)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert _has_ansi(run_line("check", *files, *SELECT).stdout)
    assert not _has_ansi(run_line("check", *files, *SELECT, "--color", "never").stdout)


@pytest.mark.parametrize("name", ["concise", "json", "sarif", "github", "junit", "markdown"])
def test_color_always_never_reaches_machine_formats(
    run_line: Run, files: tuple[str, ...], name: str
) -> None:
    out = run_line("check", *files, *SELECT, "--format", name, "--color", "always").stdout
    assert not _has_ansi(out)

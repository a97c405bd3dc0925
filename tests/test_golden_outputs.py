"""Every (command, format) pair's output on the examples, pinned byte for byte.

These golden files let the code be reorganised with proof that no output changed. Each is the
command run through the real CLI, in a folder holding copies of the examples (so paths are
short and the same on every machine), at 100 columns with colour off. After an intended change
to an output, regenerate the files and review the diff before committing it:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden_outputs.py -p no:cacheprovider
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = Path(__file__).parent / "golden" / "outputs"
EXAMPLE_NAMES = ("greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml")

CHECK_FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "markdown")
ROWS: dict[tuple[str, str], tuple[str, ...]] = {
    **{("check", f): ("check", "-f", f, *EXAMPLE_NAMES) for f in CHECK_FORMATS},
    ("validate", "concise"): ("validate", "-f", "concise", *EXAMPLE_NAMES),
    **{
        ("check --statistics", f): ("check", "--statistics", "-f", f, *EXAMPLE_NAMES)
        for f in ("text", "json")
    },
    **{
        ("check --without", f): ("check", "-f", f, "--without", "council", "riverside.yaml")
        for f in ("text", "json")
    },
    **{
        ("map", f): ("map", "-f", f, "riverside.yaml")
        for f in ("text", "mermaid", "dot", "graphml", "json")
    },
    **{
        ("diff", f): ("diff", "-f", f, "before.yaml", "riverside.yaml")
        for f in ("text", "json", "markdown")
    },
    **{("portfolio", f): ("portfolio", "-f", f, ".") for f in ("text", "json", "markdown")},
    **{
        ("portfolio --gains", f): ("portfolio", "--gains", "-f", f, ".")
        for f in ("text", "json", "markdown")
    },
    **{("report", f): ("report", "-f", f, "greenway-food.yaml") for f in ("html", "markdown")},
    **{
        ("history", f): ("history", "-f", f, "riverside.yaml") for f in ("text", "json", "markdown")
    },
    **{
        ("gains", f): ("gains", "-f", f, "greenway-food.yaml") for f in ("text", "markdown", "json")
    },
}
"""A run of the real CLI for each row of the render table (`collabgain_cli.render.TABLE`)."""

PINNED_ELSEWHERE = {
    "validate": "the same renderers as check; one pinned here, the rest by the check rows",
    "survey summary": "tests/test_survey_golden.py",
    "survey questions": "tests/test_survey_golden.py",
}
"""Commands of the render table whose rows are pinned by another test, and where."""


def _golden_name(command: str, name: str) -> str:
    return f"{command.replace(' --', '-')}-{name}"


CASES = [(_golden_name(*row), args) for row, args in ROWS.items()] + [
    ("rules-text", ("rules",)),
    ("rules-json", ("rules", "-f", "json")),
    ("principles-text", ("principles",)),
    ("explain-CG501", ("explain", "CG501")),
]


def test_every_row_of_the_render_table_is_pinned() -> None:
    """A new format or command gets a golden file here, or says which test pins it."""
    from collabgain_cli.render import TABLE

    unpinned = [row for row in TABLE if row not in ROWS and row[0] not in PINNED_ELSEWHERE]
    assert unpinned == []
    assert set(ROWS) <= set(TABLE)


@pytest.fixture
def examples(tmp_path: Path, run_line: Callable[..., Any]) -> Path:
    """Copies of the examples, an earlier riverside for diff, and a git history for history."""
    for name in EXAMPLE_NAMES:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    before = (EXAMPLES / "riverside.yaml").read_text(encoding="utf-8")
    (tmp_path / "before.yaml").write_text(
        before.replace("as_of: 2026-11-01", "as_of: 2026-05-01"), encoding="utf-8"
    )
    if shutil.which("git"):
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Analyst",
            "GIT_AUTHOR_EMAIL": "analyst@example.org",
            "GIT_COMMITTER_NAME": "Analyst",
            "GIT_COMMITTER_EMAIL": "analyst@example.org",
            "GIT_AUTHOR_DATE": "2026-05-01T09:00:00+00:00",
            "GIT_COMMITTER_DATE": "2026-05-01T09:00:00+00:00",
        }

        def git(*args: str) -> None:
            subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

        git("init", "-q", "-b", "main")
        (tmp_path / "riverside.yaml").write_text(
            before.replace("as_of: 2026-11-01", "as_of: 2026-05-01"), encoding="utf-8"
        )
        git("add", "riverside.yaml")
        git("commit", "-q", "-m", "Riverside as of May")
        shutil.copy(EXAMPLES / "riverside.yaml", tmp_path / "riverside.yaml")
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = "2026-11-01T09:00:00+00:00"
        git("commit", "-q", "-am", "Riverside as of November")
    return tmp_path


@pytest.mark.parametrize(("name", "args"), CASES, ids=[name for name, _ in CASES])
def test_output_matches_its_golden_file(
    examples: Path, run_line: Callable[..., Any], name: str, args: tuple[str, ...]
) -> None:
    if name.startswith("history") and not shutil.which("git"):
        pytest.skip("git is not installed")
    result = run_line(*args, "--color", "never") if _takes_color(args) else run_line(*args)
    assert result.exit_code in (0, 1), result.stderr
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert result.stdout == golden.read_text(encoding="utf-8")


def _takes_color(args: tuple[str, ...]) -> bool:
    return args[0] in ("check", "diff", "history") and "-f" in args and "text" in args

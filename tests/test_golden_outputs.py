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

from collabgain_cli.maps import MAP_FORMATS
from collabgain_cli.report import FORMATS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = Path(__file__).parent / "golden" / "outputs"
EXAMPLE_NAMES = ("greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml")

CHECK = [(f"check-{name}", ("check", "-f", name, *EXAMPLE_NAMES)) for name in FORMATS]
CASES: list[tuple[str, tuple[str, ...]]] = [
    *CHECK,
    *(
        (f"map-{name}", ("map", "-f", name, "riverside.yaml"))
        for name in MAP_FORMATS
        if name != "html"
    ),
    *(
        (f"diff-{name}", ("diff", "-f", name, "before.yaml", "riverside.yaml"))
        for name in ("text", "json", "markdown")
    ),
    *(
        (f"portfolio-{name}", ("portfolio", "-f", name, "."))
        for name in ("text", "json", "markdown")
    ),
    *(
        (f"report-{name}", ("report", "-f", name, "greenway-food.yaml"))
        for name in ("html", "markdown")
    ),
    *(
        (f"history-{name}", ("history", "-f", name, "riverside.yaml"))
        for name in ("text", "json", "markdown")
    ),
    *(
        (f"check-without-{name}", ("check", "-f", name, "--without", "council", "riverside.yaml"))
        for name in ("text", "json")
    ),
    ("rules-text", ("rules",)),
    ("rules-json", ("rules", "-f", "json")),
    ("principles-text", ("principles",)),
    ("explain-CG501", ("explain", "CG501")),
    ("validate-concise", ("validate", "-f", "concise", *EXAMPLE_NAMES)),
]


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

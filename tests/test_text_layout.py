"""The text report's layout at several widths, with colour and without, pinned byte for byte.

`tests/golden/outputs/check-text.txt` pins the report at 100 columns without colour. These
golden files pin what it does not: narrow and wide terminals, the colour codes, and names a
terminal shows two cells wide or that hold one word longer than a line (a bullet cuts it with
'…', other text folds it). They were written by the Rich console the report used to print
through, so any change to the way lines are written shows here. After an intended change to
the layout, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/test_text_layout.py -p no:cacheprovider
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_formats import BROKEN, TRICKY

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = Path(__file__).parent / "golden" / "layout"
EXAMPLE_NAMES = ("greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml")

# Riverside with names that are wide (CJK, an emoji) or one long word.
RENAMED = {
    "name: Riverside Borough Council": "name: リバーサイド区議会 Riverside Borough Council",
    "name: Riverside Homes": "name: Riverside Homes 🏠",
    "name: Old Wharf Residents' Association": (
        "name: Old-Wharf-Residents'-Association-of-the-Riverside-Quarter-and-its-Streets"
    ),
    "name: Wharf Delivery Group": "name: Wharf-Delivery-Group-for-the-Riverside-Quarter",
}

CASES = [("40", "always"), ("40", "never"), ("80", "always"), ("120", "always")]


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, ...]:
    for name in EXAMPLE_NAMES:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    text = (EXAMPLES / "riverside.yaml").read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "wide-names.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "tricky.yaml").write_text(TRICKY, encoding="utf-8")
    return (*EXAMPLE_NAMES, "wide-names.yaml", "broken.yaml", "tricky.yaml")


@pytest.mark.parametrize(("columns", "color"), CASES, ids=[f"{c}-{m}" for c, m in CASES])
def test_text_layout_matches_its_golden_file(
    run_line: Callable[..., Any],
    files: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    columns: str,
    color: str,
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = run_line("check", *files, "--color", color)
    assert result.exit_code == 1, result.stderr
    golden = GOLDEN / f"check-{columns}-{color}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    lines = result.stdout.splitlines()
    if color == "never":
        assert all(len(line) <= int(columns) for line in lines if line.isascii())
        assert not any(line.endswith(" ") for line in lines)
    else:
        assert "\x1b[1;4;31m" in result.stdout  # a red principle's heading: its status in red


def test_a_word_longer_than_a_bullet_is_cut_and_other_text_folds(
    run_line: Callable[..., Any], files: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    lines = run_line("check", "wide-names.yaml", "--color", "never").stdout.splitlines()
    # A bullet is a table cell in Rich: a word too long for it is cut with '…'.
    assert "      • 'Wharf-Delivery-Group-for-the-R…" in lines
    # Elsewhere a long word is folded onto the next line, whole.
    assert "      Old-Wharf-Residents'-Association-o" in lines
    assert "      f-the-Riverside-Quarter-and-its-St" in lines

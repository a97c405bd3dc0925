"""Many files: parallel checking gives exactly the serial result, in the order given."""

from __future__ import annotations

from pathlib import Path

from collabgain_cli.engine import Settings
from collabgain_cli.loader import expand_paths
from collabgain_cli.runner import PARALLEL_MIN_FILES, run_files, workers_for

VALID = """\
partnership:
  name: Partnership {n}
  as_of: 2026-11-01
organisations:
  - id: council
    name: City Council
"""
INVALID = "partnership: {name: Broken}\norganisations:\n  - id: Council\n    name: x\n"


def test_parallel_equals_serial(tmp_path: Path) -> None:
    for n in range(PARALLEL_MIN_FILES + 4):
        text = INVALID if n % 5 == 0 else VALID.format(n=n)
        (tmp_path / f"p{n:03d}.yaml").write_text(text, encoding="utf-8")
    files = expand_paths([str(tmp_path)])
    settings = Settings.default()
    serial = run_files(files, settings, validate_only=False, jobs=1)
    parallel = run_files(files, settings, validate_only=False, jobs=2)
    assert parallel == serial
    assert [r.path for r in parallel] == files
    assert sum(not r.valid for r in parallel) == len(range(0, PARALLEL_MIN_FILES + 4, 5))


def test_few_files_stay_in_process() -> None:
    assert workers_for(1) == 1
    assert workers_for(PARALLEL_MIN_FILES - 1) == 1

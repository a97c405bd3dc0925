"""Load and check many files; one invalid file never stops the others."""

from __future__ import annotations

from collections.abc import Sequence

from .engine import Settings, check_loaded
from .findings import FileReport
from .loader import load_path


def run_files(files: Sequence[str], settings: Settings, *, validate_only: bool) -> list[FileReport]:
    """A report per file, in the order given."""
    reports = []
    for path in files:
        loaded = load_path(path)
        if validate_only:
            reports.append(FileReport(path=loaded.path, errors=loaded.errors))
        else:
            reports.append(check_loaded(loaded, settings))
    return reports

"""One pipeline from a source to a report: load, transform, resolve the as-of date, check.

Every command that reads a partnership goes through here, so each sees the same thing:

1. **load**: a path or '-' (`load_path`), or bytes read elsewhere under a display name
   (`load_bytes`: a git revision, a version in a file's history);
2. **prepare**: the settings' transform (e.g. pseudonyms) applied to a valid partnership, the
   path and an invalid file's messages redacted, and the as-of date resolved, as a date: the
   file's own `partnership.as_of`, else the source's date (a commit's), else the run's
   `--as-of`, else today;
3. **check**: the selected rules run over the partnership as prepared (`engine`).

`map` and `gains`, which draw or count a partnership without judging it, stop after step 2.
The report keeps the partnership as checked beside it, for the commands that also draw or
compare it: they must show the one the rules saw, not the file's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .findings import FileReport, Finding
from .gcpause import paused
from .loader import LoadedFile, SourceMap, load_path
from .model import Partnership

if TYPE_CHECKING:
    from .engine import Settings


@dataclasses.dataclass(frozen=True)
class Reading:
    """How a run reads a file, for the commands that draw or count it without the rules
    (`map`, `gains`); a check's `engine.Settings` carries the same three fields."""

    as_of: dt.date | None = None
    transform: Callable[[Partnership], Partnership] | None = None
    redact: Callable[[Partnership | None, str], str] | None = None


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A loaded file made ready to check: what a run shows of it, and as of when."""

    path: str
    """The path as reports show it (redacted under pseudonyms)."""
    partnership: Partnership | None
    """As checked: the settings' transform applied. None when the file is not valid."""
    source: SourceMap | None
    errors: tuple[Finding, ...]
    as_of: dt.date | None
    """The date the file is read as of; None only when it is not valid."""

    @property
    def valid(self) -> bool:
        return self.partnership is not None and self.source is not None


@dataclasses.dataclass(frozen=True)
class Checked:
    """A file's report, with the partnership as the rules saw it (None if invalid)."""

    report: FileReport
    partnership: Partnership | None
    source: SourceMap | None = None
    as_of: dt.date | None = None


def prepare(
    loaded: LoadedFile,
    settings: Settings | Reading,
    *,
    day: dt.date | None = None,
    today: dt.date | None = None,
) -> Prepared:
    """Step 2: transform, redact and date one loaded file.

    `day` is the source's own date (a commit's), used before the run's `--as-of` when the
    file names none; `today` stands in for the clock (tests, `what-if`).
    """
    redact = settings.redact
    if loaded.partnership is None or loaded.source is None:
        errors = loaded.errors
        if redact is not None:
            # The file's own lines are not quoted under a caret: they hold the real names.
            errors = tuple(
                dataclasses.replace(e, message=redact(None, e.message), source=None) for e in errors
            )
        return Prepared(loaded.path, None, None, errors, None)
    path = loaded.path if redact is None else redact(loaded.partnership, loaded.path)
    partnership = (
        loaded.partnership if settings.transform is None else settings.transform(loaded.partnership)
    )
    as_of = partnership.partnership.as_of or day or settings.as_of or today or dt.date.today()
    return Prepared(path, partnership, loaded.source, (), as_of)


def check(
    loaded: LoadedFile,
    settings: Settings,
    *,
    day: dt.date | None = None,
    today: dt.date | None = None,
) -> Checked:
    """Steps 2 and 3: the report for one loaded file, and the partnership as checked."""
    with paused():
        ready = prepare(loaded, settings, day=day, today=today)
        return check_prepared(ready, settings)


def check_prepared(ready: Prepared, settings: Settings) -> Checked:
    """Step 3 alone, for a caller that changes the prepared partnership first (`what-if`)."""
    if ready.partnership is None or ready.source is None or ready.as_of is None:
        return Checked(FileReport(path=ready.path, errors=ready.errors), None)
    from .engine import check_partnership  # the rules: imported only by what runs them

    report = check_partnership(ready.path, ready.partnership, ready.source, settings, ready.as_of)
    return Checked(report, ready.partnership, ready.source, ready.as_of)


def check_path(path: str, settings: Settings, *, today: dt.date | None = None) -> Checked:
    """The whole pipeline for a path or '-' (standard input)."""
    return check(load_path(path), settings, today=today)


def validated(loaded: LoadedFile) -> FileReport:
    """Step 1 alone, as `validate` reports it: the file's errors, or its name and date."""
    info = loaded.partnership.partnership if loaded.partnership else None
    return FileReport(
        path=loaded.path,
        errors=loaded.errors,
        partnership=info.name if info else None,
        as_of=info.as_of if info else None,
    )

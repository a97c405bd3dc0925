"""A partnership file's health over time: every committed version, loaded and checked.

The versions are the commits that changed the file (`git log --follow`, so renames are
followed; a commit that deletes the file has no version), listed oldest first so the table
and the sparkline read in the same direction. Each version is checked with the same rules and
options, as of its own `partnership.as_of`, or, when it has none, as of its commit date: what
was true when it was committed. A version that does not validate is shown as invalid, with
its errors counted, never skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from .engine import Settings
from .findings import FileReport, Severity
from .gitrev import Blobs, Commit, GitError, TooLarge, history, repository
from .loader import load_bytes, too_large
from .pipeline import check

SPARK = "▁▂▃▄▅▆▇█"
INVALID_MARK = "✖"
"""Stands in the sparkline for a version that does not validate."""


@dataclasses.dataclass(frozen=True, slots=True)
class Version:
    """One committed version of the file and its report."""

    commit: Commit
    report: FileReport

    @property
    def counts(self) -> dict[Severity, int]:
        """Unwaived findings by severity; an invalid version's errors count as errors."""
        out = {severity: 0 for severity in Severity}
        for finding in self.report.all_findings:
            if not finding.waived:
                out[finding.severity] += 1
        return out

    @property
    def waived(self) -> int:
        return sum(1 for f in self.report.findings if f.waived)


@dataclasses.dataclass(frozen=True, slots=True)
class History:
    """The file's versions, oldest first, and the principles each was checked against."""

    path: str
    versions: tuple[Version, ...]
    principles: tuple[tuple[int, str, str], ...]
    """(number, id, title) of each principle with a status, in report order."""

    @property
    def warnings(self) -> list[int | None]:
        """Unwaived warnings per version, oldest first (None for an invalid version)."""
        return [v.counts[Severity.WARNING] if v.report.valid else None for v in self.versions]


def sparkline(values: Sequence[int | None]) -> str:
    """One bar per value, scaled to the largest; `INVALID_MARK` where there is no value."""
    top = max((v for v in values if v is not None), default=0)
    return "".join(
        INVALID_MARK
        if value is None
        else SPARK[round(value / top * (len(SPARK) - 1)) if top else 0]
        for value in values
    )


def _principle_columns(
    versions: Sequence[Version],
) -> tuple[tuple[int, str, str], ...]:
    from .principles import load_catalogue

    numbers = {group.id: group.number for group in load_catalogue().groups}
    seen: dict[str, str] = {}
    for version in versions:
        for principle in version.report.principles:
            seen.setdefault(principle.id, principle.title)
    return tuple(
        (numbers.get(pid, index + 1), pid, title) for index, (pid, title) in enumerate(seen.items())
    )


def file_history(
    path: str,
    settings: Settings,
    *,
    since: dt.date | None = None,
    max_count: int | None = None,
    started: Callable[[int], None] | None = None,
    checked: Callable[[], None] | None = None,
) -> History:
    """Every committed version of `path` (the newest `max_count` of them), oldest first.

    `started` is told how many versions there are to check, and `checked` is called after
    each one, so a long history can show its progress.
    """
    repo = repository(path, command="`collabgain history`")
    commits = history(repo, since=since)
    if max_count is not None:
        commits = commits[:max_count]
    if not commits:
        when = f" since {since.isoformat()}" if since else ""
        raise GitError(
            f"{path}: no committed versions{when} in {repo.root}; "
            "commit the file (`git add` and `git commit`) to start its history"
        )
    if started is not None:
        started(len(commits))
    versions = []
    with Blobs(repo.root, reversed(commits)) as blobs:
        checker = _Checked(settings)
        for commit in reversed(commits):
            versions.append(Version(commit, checker.report(blobs, commit, path)))
            if checked is not None:
                checked()
    return History(path, tuple(versions), _principle_columns(versions))


class _Checked:
    """Each version's report, checking again only what could come out differently.

    A version is checked as of its own `as_of`, else its commit date, and nothing else about
    the commit reaches the rules; so a version whose content (blob id) was checked before,
    as of the same date, gets the same report under its own name. A merge that takes the
    branch's file as it is, a rename and a revert all repeat content.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # (blob id, the commit day, or None when the day does not matter) -> report
        self._reports: dict[tuple[str, dt.date | None], FileReport] = {}

    def report(self, blobs: Blobs, commit: Commit, path: str) -> FileReport:
        display = f"{commit.commit[:7]}:{commit.path}"
        # A redacted path depends on the partnership; no reuse then (`history` sets none).
        reuse = bool(commit.blob) and self.settings.redact is None
        if reuse:
            for key in ((commit.blob, None), (commit.blob, commit.day)):
                if key in self._reports:
                    return dataclasses.replace(self._reports[key], path=display)
        try:
            loaded = load_bytes(blobs.read(commit, path), display)
        except TooLarge as exc:
            loaded = too_large(display, exc.size)
        report = check(loaded, self.settings, day=commit.day).report
        if reuse:
            # The day matters only to a valid version without a date of its own.
            own_date = loaded.partnership is None or loaded.partnership.partnership.as_of
            self._reports[(commit.blob, None if own_date else commit.day)] = report
        return report

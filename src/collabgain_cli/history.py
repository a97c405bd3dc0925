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
from collections.abc import Callable, Iterator, Sequence

from .engine import Settings
from .findings import FileReport, Severity, unwaived_counts
from .gitrev import Blobs, Commit, GitError, TooLarge, history, repository
from .loader import load_bytes, too_large
from .pipeline import check
from .runner import worker_pool, workers_for

SPARK = "▁▂▃▄▅▆▇█"
INVALID_MARK = "✖"
"""Stands in the sparkline for a version that does not validate."""


@dataclasses.dataclass(frozen=True, slots=True)
class Counted:
    """What the history keeps of one version's report: all but its findings, counted.

    A report's findings are most of its size; a history of thousands of versions shows only
    how many there were, so each version's are counted where it is checked (in a worker) and
    not sent back or kept.
    """

    report: FileReport
    """The report without its findings, strengths and names (its errors are kept)."""
    counts: dict[Severity, int]
    """Unwaived findings by severity; an invalid version's errors count as errors."""
    waived: int

    @classmethod
    def of(cls, report: FileReport) -> Counted:
        counts = unwaived_counts(report.all_findings)
        waived = sum(1 for f in report.findings if f.waived)
        return cls(dataclasses.replace(report, findings=(), strengths=(), names=()), counts, waived)


@dataclasses.dataclass(frozen=True, slots=True)
class Version:
    """One committed version of the file and its report."""

    commit: Commit
    counted: Counted

    @property
    def report(self) -> FileReport:
        """The version's report, without its findings (`counts` says how many)."""
        return self.counted.report

    @property
    def counts(self) -> dict[Severity, int]:
        """Unwaived findings by severity; an invalid version's errors count as errors."""
        return self.counted.counts

    @property
    def waived(self) -> int:
        return self.counted.waived


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
    oldest_first = list(reversed(commits))
    workers = workers_for(len(oldest_first)) if settings.redact is None else 1
    # The workers start before git does: a forked child must not hold git's input open.
    with worker_pool(workers, _check_version, settings) as each:
        checker = _Checked(settings, each)
        with Blobs(repo.root, oldest_first) as blobs:
            versions = []
            batches = [oldest_first[i : i + BATCH] for i in range(0, len(oldest_first), BATCH)]
            # The next batch goes to the workers before this one's reports are gathered, so
            # they never wait while git is read and reports are put in order.
            pending = checker.submit(blobs, batches[0], path)
            for number in range(len(batches)):
                ahead = batches[number + 1] if number + 1 < len(batches) else None
                following = checker.submit(blobs, ahead, path) if ahead else None
                for commit, report in zip(batches[number], checker.gather(pending), strict=True):
                    versions.append(Version(commit, report))
                    if checked is not None:
                        checked()
                if following is not None:
                    pending = following
    return History(path, tuple(versions), _principle_columns(versions))


BATCH = 256
"""Versions read from git and checked together: enough to keep the workers busy, few enough
that their bytes are never all held at once."""

Item = tuple[bytes | int, str, dt.date]
"""A version to check: its bytes (or its size, when over the limit), its name and its day."""


def _check_version(item: Item, settings: Settings) -> tuple[Counted, bool]:
    """One version's report, and whether it has a date of its own (in a worker process)."""
    data, display, day = item
    loaded = too_large(display, data) if isinstance(data, int) else load_bytes(data, display)
    report = check(loaded, settings, day=day).report
    own_date = loaded.partnership is None or loaded.partnership.partnership.as_of is not None
    return Counted.of(report), own_date


def _item(blobs: Blobs, commit: Commit, path: str) -> Item:
    display = f"{commit.commit[:7]}:{commit.path}"
    try:
        return blobs.read(commit, path), display, commit.day
    except TooLarge as exc:
        return exc.size, display, commit.day


@dataclasses.dataclass(frozen=True)
class _Batch:
    """A batch of versions whose new content is with the workers."""

    batch: Sequence[Commit]
    found: list[Counted | None]
    """Each version's report where already known; filled in as the batch is gathered."""
    data: dict[int, bytes | int]
    seen: dict[str, int]
    """Blob id -> the index in the batch where that content is first read."""
    todo: list[int]
    results: Iterator[tuple[Counted, bool]]


class _Checked:
    """Each version's report, checking again only what could come out differently.

    A version is checked as of its own `as_of`, else its commit date, and nothing else about
    the commit reaches the rules; so a version whose content (blob id) was checked before,
    as of the same date, gets the same report under its own name. A merge that takes the
    branch's file as it is, a rename and a revert all repeat content.
    """

    def __init__(
        self,
        settings: Settings,
        each: Callable[[Sequence[Item]], Iterator[tuple[Counted, bool]]],
    ) -> None:
        self.settings = settings
        self.each = each
        # (blob id, the commit day, or None when the day does not matter) -> report
        self._reports: dict[tuple[str, dt.date | None], Counted] = {}

    def _known(self, commit: Commit) -> Counted | None:
        # A redacted path depends on the partnership; no reuse then (`history` sets none).
        if not commit.blob or self.settings.redact is not None:
            return None
        for key in ((commit.blob, None), (commit.blob, commit.day)):
            if key in self._reports:
                display = f"{commit.commit[:7]}:{commit.path}"
                known = self._reports[key]
                return dataclasses.replace(
                    known, report=dataclasses.replace(known.report, path=display)
                )
        return None

    def submit(self, blobs: Blobs, batch: Sequence[Commit], path: str) -> _Batch:
        """Send the batch's new content to the workers; content checked before (or earlier in
        this batch) is not sent again. A batch submitted before the one ahead of it is
        gathered does not know that one's content, and may check a repeat of it again."""
        found: list[Counted | None] = [self._known(commit) for commit in batch]
        data: dict[int, bytes | int] = {}
        seen: dict[str, int] = {}
        for index, commit in enumerate(batch):
            if found[index] is None and not (commit.blob and commit.blob in seen):
                data[index] = _item(blobs, commit, path)[0]
                seen[commit.blob] = index
        todo = list(data)
        return _Batch(batch, found, data, seen, todo, self.each(self._items(batch, todo, data)))

    def gather(self, pending: _Batch) -> list[Counted]:
        """The reports of a submitted batch, in order: a repeat of content first seen in the
        batch is known now, unless its day matters (no date of its own) and differs; those are
        checked as of their own day."""
        batch, found, data, seen = pending.batch, pending.found, pending.data, pending.seen
        self._keep(batch, pending.todo, pending.results, found)
        again: dict[tuple[str, dt.date], int] = {}
        for index, commit in enumerate(batch):
            if found[index] is None and self._known(commit) is None:
                again.setdefault((commit.blob, commit.day), index)
        repeats = {index: data[seen[batch[index].blob]] for index in again.values()}
        todo = list(repeats)
        self._keep(batch, todo, self.each(self._items(batch, todo, repeats)), found)
        out = []
        for index, commit in enumerate(batch):
            report = found[index] or self._known(commit)
            assert report is not None, "every version is checked or repeats one checked"
            out.append(report)
        return out

    @staticmethod
    def _items(
        batch: Sequence[Commit], todo: list[int], data: dict[int, bytes | int]
    ) -> list[Item]:
        return [
            (data[index], f"{batch[index].commit[:7]}:{batch[index].path}", batch[index].day)
            for index in todo
        ]

    def _keep(
        self,
        batch: Sequence[Commit],
        todo: list[int],
        results: Iterator[tuple[Counted, bool]],
        found: list[Counted | None],
    ) -> None:
        """Take the reports of the versions `todo` of the batch, and remember each."""
        for index, (report, own_date) in zip(todo, results, strict=True):
            found[index] = report
            commit = batch[index]
            if commit.blob and self.settings.redact is None:
                self._reports[(commit.blob, None if own_date else commit.day)] = report

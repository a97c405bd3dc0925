"""Load and check many files; one invalid file never stops the others.

With many files and more than one core, files are checked in worker processes; the reports
come back in the order the files were given, so the result is the same as a serial run.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .findings import FileReport
from .loader import STDIN, load_path
from .pipeline import check, validated

if TYPE_CHECKING:
    # The engine (and the rules) are imported only when a check runs: `validate` runs none.
    from .engine import Settings

PARALLEL_MIN_FILES = 16
"""Below this many files, starting workers costs more than it saves."""

T = TypeVar("T")

_worker_task: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


def check_one(path: str, settings: Settings | None, *, validate_only: bool) -> FileReport:
    """The report for one file (`settings` may be None when `validate_only`)."""
    loaded = load_path(path)
    if validate_only:
        # Validation runs no rule: the report names the partnership, but has no principles.
        return validated(loaded)
    assert settings is not None, "a check needs its settings"
    return check(loaded, settings).report


def _init_worker(work: Callable[..., Any], arguments: tuple[Any, ...]) -> None:
    global _worker_task
    _worker_task = (work, arguments)


def _work_in_worker(path: str) -> Any:
    assert _worker_task is not None  # set by _init_worker in every worker
    work, arguments = _worker_task
    return work(path, *arguments)


def workers_for(count: int) -> int:
    """How many worker processes to use for `count` files (1 means: in this process)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if count < PARALLEL_MIN_FILES or not cores or cores < 2:
        return 1
    return min(cores, count // (PARALLEL_MIN_FILES // 2))


def map_files(
    files: Sequence[str],
    work: Callable[..., T],
    *arguments: Any,
    jobs: int | None = None,
) -> Iterator[T]:
    """`work(path, *arguments)` for every file, in the order given.

    In worker processes when there are many files (never for standard input, which only
    this process can read); `work` must be a module-level function.
    """
    workers = jobs if jobs is not None else workers_for(len(files))
    if STDIN in files:
        workers = 1
    with worker_pool(workers, work, *arguments) as each:
        yield from each(files)


@contextlib.contextmanager
def worker_pool(
    workers: int, work: Callable[..., T], *arguments: Any
) -> Iterator[Callable[[Sequence[Any]], Iterator[T]]]:
    """A function that gives `work(item, *arguments)` for each of a list of items, in order,
    from `workers` processes (in this one for 1). The processes start at once, before the
    caller opens anything a forked child must not hold (a pipe to git, say), and serve every
    list given until the block ends; `work` must be a module-level function."""
    if workers <= 1:
        yield lambda items: (work(item, *arguments) for item in items)
        return
    # Imported here: a run over a few files never pays for the process machinery.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start with the rules and models already imported.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(work, arguments),
    ) as pool:
        pool.submit(os.getpid).result()  # every worker is started by the first task

        def each(items: Sequence[Any]) -> Iterator[T]:
            chunk = max(1, len(items) // (workers * 8))
            return pool.map(_work_in_worker, items, chunksize=chunk)

        yield each


def iter_reports(
    files: Sequence[str],
    settings: Settings | None,
    *,
    validate_only: bool,
    jobs: int | None = None,
) -> Iterator[FileReport]:
    """A report per file, in the order given, checked in parallel when there are many."""
    return map_files(files, _check, settings, validate_only, jobs=jobs)


def _check(path: str, settings: Settings | None, validate_only: bool) -> FileReport:
    return check_one(path, settings, validate_only=validate_only)


def run_files(
    files: Sequence[str],
    settings: Settings | None,
    *,
    validate_only: bool,
    jobs: int | None = None,
    on_report: Callable[[FileReport], None] | None = None,
) -> list[FileReport]:
    """Every file's report, in the order given."""
    reports = []
    for report in iter_reports(files, settings, validate_only=validate_only, jobs=jobs):
        reports.append(report)
        if on_report is not None:
            on_report(report)
    return reports

"""`report` and `portfolio` over many files: one file at a time, in the worker pool `check` uses.

Each file is loaded and checked once, in a worker process when there are many
(`runner.map_files`), and every view the command builds of it is made there from that one
check. A worker sends back only what the command keeps of a file: for `report`, a small
summary (the overview's row) and the file's page as text; for `portfolio`, its report and the
names it shares. The partnership itself never leaves the worker, and the command writes each
page as it arrives, so memory stays that of a few files however many there are.

`report` of several files as HTML writes a folder (`-o DIR`): `DIR/index.html`, an overview
with a row per file linking to its page, and one page per file, the very page `report` gives
for that file alone. Page names come from the file names (see `page_name`); every page is
written to a new file in DIR that then takes the name, so a link or a hard link that DIR
holds is replaced, never written through, and nothing outside DIR is ever written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .engine import Settings
from .files import STDIN
from .findings import FileReport, Severity, Status, unwaived_counts
from .matching import Matcher
from .pipeline import check_path
from .report.board import BoardFile, BoardReport, shown_path
from .runner import map_files

INDEX = "index.html"
"""The overview page of a folder written by `report -o DIR`."""
PAGE_NAME_LIMIT = 80
"""Characters of a page's name before `.html` (and any `-2` that keeps it unique)."""
_RESERVED = frozenset(
    {"index", "con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
"""Names no page takes: the overview's, and those Windows will not create."""
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class OutputProblem(Exception):
    """Where the pages were to go cannot take them (a usage error, with the reason)."""


@dataclasses.dataclass(frozen=True, slots=True)
class FileSummary:
    """What the overview of several files shows of one file."""

    path: str
    """The file's path as its report gives it (pseudonymised with the report)."""
    partnership: str | None
    valid: bool
    status: Status
    level: str
    """The collaboration level's name, or '' when none was found."""
    errors: int
    """Unwaived errors, the file's own (invalid) or its findings'."""
    warnings: int

    @classmethod
    def of(cls, report: FileReport) -> FileSummary:
        found = unwaived_counts(report.findings + report.errors)
        level = report.collaboration_level
        return cls(
            path=report.path,
            partnership=report.partnership,
            valid=report.valid,
            status=report.status if report.valid else Status.RED,
            level=level.level if level else "",
            errors=found[Severity.ERROR],
            warnings=found[Severity.WARNING],
        )

    @property
    def name(self) -> str:
        """The name the overview shows: the partnership's, else the file's."""
        return self.partnership or shown_path(self.path)


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """One file's part of a report, as a worker sends it back."""

    summary: FileSummary
    text: str


@dataclasses.dataclass(frozen=True)
class PageJob:
    """What every worker needs to make a file's page."""

    settings: Settings
    form: str
    """'html' or 'markdown'."""
    tool_version: str
    brief: bool = False
    matcher: Matcher | None = None
    """The configured matcher for "Where you could gain" (HTML only)."""


def render_page(path: str, job: PageJob) -> Page:
    """Load and check one file, and render the report `report` gives for that file alone."""
    from .render import render

    checked = check_path(path, job.settings)
    gains = None
    if job.form == "html" and not job.brief and checked.partnership and checked.as_of:
        # "Where you could gain" is worked out here, with the configured matcher (the shipped
        # synonyms without one), so that the renderer only lays it out.
        from .gains import build_gains

        matcher = job.matcher or Matcher()
        gains = build_gains(checked.report.path, checked.partnership, checked.as_of, matcher)
    board_file = BoardFile(checked.report, checked.partnership, gains)
    codes = tuple(s.rule.code for s in job.settings.rules)
    board = BoardReport((board_file,), job.tool_version, codes, brief=job.brief)
    return Page(FileSummary.of(board_file.report), render("report", job.form, board))


def pages(files: Sequence[str], job: PageJob, *, jobs: int | None = None) -> Iterator[Page]:
    """Every file's page, in the order given, made in worker processes when there are many."""
    return map_files(files, render_page, job, jobs=jobs)


def write_markdown(found: Iterable[Page], out: TextIO) -> list[FileSummary]:
    """The Markdown report of every file, written as each arrives: the pages one after the
    other with a rule between them (exactly the one document of all the files)."""
    summaries: list[FileSummary] = []
    for page in found:
        if summaries:
            out.write("\n---\n\n")
        out.write(page.text)
        summaries.append(page.summary)
    return summaries


def write_document(
    found: Iterable[Page], output: Path | None, inputs: Sequence[str]
) -> list[FileSummary]:
    """The Markdown report of every file to standard output or `output` (never an input)."""
    import sys

    from .files import write_report

    try:
        if output is None:
            summaries = write_markdown(found, sys.stdout)
            sys.stdout.flush()
            return summaries
        write_report(output, "", protect=inputs)
        with output.open("a", encoding="utf-8") as out:
            return write_markdown(found, out)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        if output is None:
            raise OutputProblem(f"cannot write to standard output: {reason}") from exc
        raise OutputProblem(f"--output {output}: {reason}") from exc


def page_name(path: str, taken: set[str]) -> str:
    """A safe, unique page name (`NAME.html`) for a file, added to `taken` (casefolded).

    The file's name without its extension, in ASCII letters, digits, `-` and `_` (accents
    dropped, anything else a `-`); when another file took it, the file's path as the report
    shows it, folders joined by `-`; then `-2`, `-3` ... Never `index`.
    """
    shown = shown_path(path)
    stem = re.sub(r"\.ya?ml$", "", shown.rsplit("/", 1)[-1], flags=re.IGNORECASE)
    whole = re.sub(r"\.ya?ml$", "", shown, flags=re.IGNORECASE)
    candidates = [_slug(stem), _slug(whole)]
    for base in candidates:
        if base.casefold() not in taken and base.casefold() not in _RESERVED:
            taken.add(base.casefold())
            return f"{base}.html"
    base = candidates[-1]
    number = 2
    while f"{base}-{number}".casefold() in taken:
        number += 1
    name = f"{base}-{number}"
    taken.add(name.casefold())
    return f"{name}.html"


def _slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _UNSAFE.sub("-", ascii_text).strip("-_")[:PAGE_NAME_LIMIT].strip("-_")
    return slug or "file"


def _inputs_in(folder: Path, inputs: Iterable[str]) -> set[str]:
    """Casefolded names of the input files that sit in `folder`: no page may replace one."""
    names = set()
    for source in inputs:
        if source == STDIN:
            continue
        with contextlib.suppress(OSError):
            if os.path.samefile(Path(source).resolve().parent, folder):
                names.add(Path(source).name.casefold())
    return names


def prepare_folder(folder: Path) -> Path:
    """The folder the pages go to, made if it does not exist."""
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(
            f"--output {folder}: is a file; several files make a folder of pages "
            "(index.html and a page per file): name a folder, e.g. -o report/"
        )
    if not folder.exists() and folder.suffix.lower() in (".html", ".htm"):
        raise OutputProblem(
            f"--output {folder}: several files make a folder of pages (index.html and a page "
            f"per file), not one page: name a folder, e.g. -o {folder.with_suffix('')}/"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputProblem(f"--output {folder}: {exc.strerror or exc}") from exc
    return folder


def write_page(folder: Path, name: str, text: str) -> None:
    """Write `folder/name` as a new file that then takes the name (see the module)."""
    handle, temporary = tempfile.mkstemp(prefix=".collabgain-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_folder(
    found: Iterable[Page], folder: Path, inputs: Sequence[str], tool_version: str
) -> list[FileSummary]:
    """Each file's page into `folder` as it arrives, then `index.html` linking to them all."""
    from .report.html.index import render_index

    inputs_here = _inputs_in(folder, inputs)
    if INDEX in inputs_here:
        raise OutputProblem(
            f"--output {folder}: its {INDEX} is one of the input files; choose another folder"
        )
    taken = {name.removesuffix(".html") for name in inputs_here if name.endswith(".html")}
    rows: list[tuple[FileSummary, str]] = []
    try:
        for page in found:
            name = page_name(page.summary.path, taken)
            write_page(folder, name, page.text)
            rows.append((page.summary, name))
        write_page(folder, INDEX, render_index(rows, tool_version))
    except OSError as exc:
        raise OutputProblem(f"--output {folder}: {exc.strerror or exc}") from exc
    return [summary for summary, _name in rows]

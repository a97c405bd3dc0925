"""The report a partnership board reads (`collabgain report`), shared by its HTML and Markdown.

A check's `Report` holds findings only; this report also draws each partnership's network
(the map of `collabgain map`), so it keeps each file's `Partnership` beside its `FileReport`.
Each file is loaded and checked once, and its page made from that check (`collabgain_cli.batch`).
The helpers here decide what the report says (coverage, a concern's messages and advice,
wording); the renderers decide only how it looks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..analysis.dates import plural
from ..findings import FileReport, PrincipleResult, Severity, Status
from ..model import Partnership
from ..principles import load_catalogue
from ..rules import FOR_THE_FILE, Rule, find_rule
from .concerns import SHOWN_MESSAGES, Concern, lines_list, more_like

if TYPE_CHECKING:
    from ..gains import Gains
    from ..mapping import NetworkMap

STATUS_SYMBOL = {
    Status.RED: "✖",
    Status.AMBER: "▲",
    Status.GREEN: "✔",
    Status.NOT_ASSESSED: "○",
}
SEVERITY_SYMBOL = {
    Severity.ERROR: "✖",
    Severity.WARNING: "▲",
    Severity.INFO: "ℹ",  # noqa: RUF001 (the information sign is meant)
}
STATUS_MEANING = (
    "A principle is red with an error, with warnings from three or more different checks, or "
    "when members rate it under 3 out of 5 while one of its checks warns; amber with any "
    "warning, or when members rate it under 3; green with only information or nothing; and not "
    "assessed when none of its checks had the data to run. Many findings from one check are one "
    "concern. The partnership's status is its worst principle's. Waived findings count towards "
    "none of them."
)
LEVELS = ("networking", "coordinating", "cooperating", "collaborating")
"""Himmelman's continuum, in order (as principles.yaml lists the collaboration levels)."""

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclasses.dataclass(frozen=True)
class BoardFile:
    """One checked file: its report and, when it is valid, the partnership it describes."""

    report: FileReport
    partnership: Partnership | None
    gains: Gains | None = None
    """Where the members could gain, worked out before rendering for the formats that show it
    (the full HTML report); None when not asked for, or for an invalid file."""

    @property
    def network(self) -> NetworkMap | None:
        """The organisations' map, as `collabgain map` draws it (None for an invalid file)."""
        from ..mapping import build_map

        if self.partnership is None or self.report.as_of is None:
            return None
        return build_map(self.report.path, self.partnership, self.report.as_of)


@dataclasses.dataclass(frozen=True)
class BoardReport:
    """Everything `collabgain report` shows, for one or more files."""

    files: tuple[BoardFile, ...]
    tool_version: str
    rules: tuple[str, ...]
    """Codes of the selected rules."""
    brief: bool = False
    """The brief form (`report --brief`): header, act first, going well, statuses and map."""

    @property
    def title(self) -> str:
        """The document's title: the partnership's name when there is one file."""
        names = [f.report.partnership for f in self.files if f.report.partnership]
        if len(self.files) == 1 and names:
            return f"{names[0]}: partnership health report"
        return f"Partnership health report: {plural(len(self.files), 'file')}"


def shown_path(path: str) -> str:
    """A file's path as a shared document shows it: as given when relative, by file name when
    absolute (an analyst's folders are no business of the partners the report is sent to)."""
    if path.startswith("/") or (len(path) > 2 and path[1] == ":" and path[2] in "\\/"):
        return path.replace("\\", "/").rsplit("/", 1)[-1]
    return path


def level_meanings() -> dict[str, str]:
    """Each collaboration level's one-line meaning, from principles.yaml."""
    group = load_catalogue().get("collaboration-level")
    return {level.id: " ".join(level.summary.split()) for level in group.levels} if group else {}


def long_date(day: dt.date | None) -> str:
    """2026-11-01 as '1 November 2026' (the same in every locale)."""
    if day is None:
        return ""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def coverage(principle: PrincipleResult) -> str:
    """E.g. '5 of 6 rules ran; add `decisions` (the decisions log)'; hints are collabgain's."""
    ran = f"{principle.rules_run} of {plural(principle.rules_total, 'rule')} ran"
    needed = data_to_add([principle])
    return f"{ran}; {needed}" if needed else ran


def data_to_add(principles: Iterable[PrincipleResult]) -> str:
    """What to add to the file for every rule to run, e.g. 'add `people`, `meetings`'."""
    parts = sorted(
        {part for p in principles for _code, hint in p.not_run for part in hint.split("; ")}
    )
    additions = [part.removeprefix("add ") for part in parts]
    return "add " + ", ".join(additions) if additions else ""


def status_counts(file_report: FileReport) -> str:
    """E.g. '4 red, 3 amber, 1 green of 8 principles'."""
    tally = {s: 0 for s in Status}
    for principle in file_report.principles:
        tally[principle.status] += 1
    worst_first = sorted(Status, key=lambda s: -s.rank)
    parts = [f"{tally[s]} {s.value}" for s in worst_first if tally[s]]
    return f"{', '.join(parts)} of {plural(len(file_report.principles), 'principle')}"


@dataclasses.dataclass(frozen=True)
class Shown:
    """A message a board report shows of a concern, and where: ('…', 'lines 4 and 9')."""

    text: str
    where: str
    more: bool = False
    """The closing 'and 3 more like these', in collabgain's words rather than the file's."""


def shown_messages(concern: Concern, *, first: bool = False) -> list[Shown]:
    """The messages shown in full (one among the concerns to act on first, a few under its
    principle), then how many more there are and where."""
    messages, more, rest = concern.split_messages(1 if first else SHOWN_MESSAGES)
    shown = [Shown(text, lines_list(lines)) for text, lines in messages]
    if more:
        shown.append(Shown(more_like(more), lines_list(rest), more=True))
    return shown


@dataclasses.dataclass(frozen=True)
class Advice:
    """What a board report tells partners about a concern, from its rule's manual."""

    why: str = ""
    """The first paragraph of "Why it matters"."""
    to_do: str = ""
    """The first paragraph of "How to fix"."""
    in_file: tuple[str, ...] = ()
    """What to write in the file (the manual's "For the file")."""


def advice(concern: Concern, *, first: bool = False) -> Advice:
    """The advice on an unwaived error or warning (none on information or on what the
    partnership waived). Among the concerns to act on first, what to do only: the first page is
    for the board, and why it matters and the editor's hint wait for the findings below."""
    if concern.waived or concern.severity < Severity.WARNING:
        return Advice()
    rule = find_rule(concern.code)
    to_do = "".join(doc_paragraphs(rule, "How to fix")[:1])
    if first:
        return Advice(to_do=to_do)
    why = "".join(doc_paragraphs(rule, "Why it matters")[:1])
    return Advice(why, to_do, tuple(doc_paragraphs(rule, FOR_THE_FILE)))


def doc_paragraphs(rule: Rule | None, section: str) -> list[str]:
    """A section of a rule's manual as paragraphs of plain text (with `code` spans)."""
    if rule is None:
        return []
    body = rule.doc.get(section, "")
    return [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]

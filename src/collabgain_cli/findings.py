"""Immutable records of what a run found: severities, findings, per-file and whole-run reports."""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .records import pickled_by_fields


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so that `max()` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


class Status(enum.Enum):
    """A principle's status, as RULES.md defines it."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_ASSESSED = "not assessed"

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]


_STATUS_RANK = {Status.NOT_ASSESSED: 0, Status.GREEN: 1, Status.AMBER: 2, Status.RED: 3}

MIN_RESPONDENTS_SHOWN = 3
"""Members' scores are shown, and count towards a status, only from this many respondents."""

VALIDITY = "validity"
"""The principle under which a file's validity errors (CG001-CG007) are reported."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule (or the loader) found, with where it points in the file."""

    code: str
    name: str
    principle: str
    severity: Severity
    subject: str
    message: str
    path: str
    line: int
    column: int
    waived: bool = False
    waiver_reason: str | None = None
    subject_name: str | None = None
    """The subject's name in the file (an organisation's `name`, a principle's title), for
    sentences people read; None where the subject has no name (the loader's errors)."""
    source: str | None = None
    """The line of the file an error points at, for the formats that show it under a caret."""

    @property
    def sort_key(self) -> tuple[int, int, str, str, str]:
        return (self.line, self.column, self.code, self.subject, self.message)

    @property
    def identity(self) -> tuple[str, str, str]:
        """What makes two reports' findings the same one: code, subject and path (not the
        line, which moves as a file is edited, nor the wording, which carries figures)."""
        return (self.code, self.subject, self.path)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Strength:
    """Something going well: a fact in the file that the principle's guidance calls good practice.

    Strengths never change a status or an exit code (RULES.md, "Good practice").
    """

    code: str
    name: str
    principle: str
    subject: str
    message: str
    path: str
    line: int
    column: int
    subject_name: str | None = None

    @property
    def title(self) -> str:
        """The strength's name as a heading people read: 'Chair rotates'."""
        return self.name.replace("-", " ").capitalize()

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.code, self.subject)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class MembersView:
    """Current respondents' scores for one principle: mean, spread and how many rated it."""

    mean: float
    low: float
    high: float
    respondents: int

    @property
    def spread(self) -> float:
        return self.high - self.low

    @property
    def shown(self) -> bool:
        """Whether a report may show the mean and spread: from at least 3 respondents, so that
        no one's score can be read off (ratings are given on a promise of anonymity)."""
        return self.respondents >= MIN_RESPONDENTS_SHOWN


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PrincipleResult:
    """A principle's status and coverage in one file."""

    id: str
    title: str
    """The principle's title, from principles.yaml (e.g. 'Managing aims')."""
    status: Status
    rules_run: int
    rules_total: int
    not_run: tuple[tuple[str, str], ...] = ()
    """(rule code, what data would let it run) for each selected rule that did not run."""
    members: MembersView | None = None
    """Current respondents' view of the principle, where assessments rate it."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CollaborationLevel:
    """Where the partnership sits on Himmelman's continuum, and the facts that put it there."""

    level: str
    reason: str
    peak: str | None = None
    """The highest level of any live activity, with that activity's name."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileReport:
    """Everything known about one checked file."""

    path: str
    errors: tuple[Finding, ...] = ()
    partnership: str | None = None
    as_of: dt.date | None = None
    collaboration_level: CollaborationLevel | None = None
    principles: tuple[PrincipleResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    strengths: tuple[Strength, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    """(id, name) of what the file names, so that the formats people read can show a name
    where a message quotes an id; the machine formats do not use it."""

    @property
    def as_of_text(self) -> str:
        """The as-of date as the formats write it (YYYY-MM-DD), or '' when unknown."""
        return self.as_of.isoformat() if self.as_of is not None else ""

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def status(self) -> Status:
        """The partnership's status: its worst principle's."""
        if not self.valid:
            return Status.RED
        assessed = [p.status for p in self.principles]
        return max(assessed, key=lambda s: s.rank, default=Status.NOT_ASSESSED)

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        return self.errors + self.findings


def unmatched(findings: Iterable[Finding], others: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings with no counterpart (the same `identity`) left among `others`, each of
    `others` matching one finding at most, so a finding raised twice where it was once
    raised shows once."""
    left = Counter(f.identity for f in others)
    out = []
    for finding in findings:
        if left[finding.identity]:
            left[finding.identity] -= 1
        else:
            out.append(finding)
    return tuple(out)


def unwaived_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Findings by severity, the waived ones left out (an invalid file's errors count)."""
    out = dict.fromkeys(Severity, 0)
    for finding in findings:
        if not finding.waived:
            out[finding.severity] += 1
    return out


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a whole run."""

    files: int
    invalid: int
    error: int
    warning: int
    info: int
    waived: int


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one run over one or more files, in a stable order."""

    files: tuple[FileReport, ...]
    fail_on: Severity | None = Severity.ERROR
    tool_version: str = ""
    rules: tuple[str, ...] = field(default=())
    """Codes of the rules that were selected for this run (for per-rule formats like JUnit)."""

    @property
    def summary(self) -> Summary:
        every = [f for file_report in self.files for f in file_report.all_findings]
        counts = unwaived_counts(every)
        waived = sum(1 for f in every if f.waived)
        return Summary(
            files=len(self.files),
            invalid=sum(1 for f in self.files if not f.valid),
            error=counts[Severity.ERROR],
            warning=counts[Severity.WARNING],
            info=counts[Severity.INFO],
            waived=waived,
        )

    def fails(self, finding: Finding) -> bool:
        """Whether this finding makes the run fail under `fail_on`."""
        return self.fail_on is not None and not finding.waived and finding.severity >= self.fail_on

    @property
    def failed(self) -> bool:
        """Whether the run fails: an invalid file or a failing finding (never with fail_on None)."""
        if self.fail_on is None:
            return False
        return any(not f.valid or any(self.fails(x) for x in f.findings) for f in self.files)

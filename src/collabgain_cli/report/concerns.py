"""Findings as a reader meets them: one concern per rule, and the few to act on first.

Shared by the formats people read (text, Markdown, the HTML and Markdown board reports). A
rule's findings about several subjects are one concern, shown once with the subjects named
(CLI.md); its waived findings are a concern of their own, so what the partnership accepted is
never mixed with what it has to do. Within a principle, concerns come most severe first, then
in the order of the file. The machine formats keep one record per finding and never use this.

A message that still quotes an id the file gives a name to ('county-ph') is shown with the
name ('Greenshire County Council Public Health'): the names are the file's (`FileReport.names`)
and the findings' subjects'. The machine formats keep the message as written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence

from ..findings import FileReport, Finding, Severity, Status, Strength

ACT_FIRST = 5
"""At most this many concerns open a report, as the ones to act on first."""
NAMED_SUBJECTS = 3
"""A concern names this many subjects, then says how many more."""
SHOWN_MESSAGES = 3
"""A concern shows this many of its findings' messages in full, then says how many more."""


_QUOTED_ID = re.compile(r"'([A-Za-z0-9][A-Za-z0-9_.-]*)'")


def readable(message: str, names: Mapping[str, str]) -> str:
    """A message with each quoted id the file names replaced by that name, still quoted."""
    return _QUOTED_ID.sub(lambda m: f"'{names[m[1]]}'" if m[1] in names else m[0], message)


def subject_names(findings: Iterable[Finding]) -> dict[str, str]:
    """Id -> name for every subject the findings name."""
    return {
        f.subject: f.subject_name
        for f in findings
        if f.subject_name and f.subject != "partnership" and f.subject_name != f.subject
    }


@dataclasses.dataclass(frozen=True)
class Concern:
    """One rule's findings in one file, all waived or none."""

    code: str
    name: str
    principle: str
    findings: tuple[Finding, ...]
    names: Mapping[str, str] = dataclasses.field(default_factory=dict, compare=False)
    """Id -> name, for messages that quote an id."""

    @property
    def messages(self) -> list[tuple[str, list[int]]]:
        """Each different message, readable, with the lines of the findings that say it."""
        out: dict[str, set[int]] = {}
        for finding in self.findings:
            text = " ".join(readable(finding.message, self.names).split())
            out.setdefault(text, set()).add(finding.line)
        return [(text, sorted(lines)) for text, lines in out.items()]

    @property
    def severity(self) -> Severity:
        return max(f.severity for f in self.findings)

    @property
    def waived(self) -> bool:
        return all(f.waived for f in self.findings)

    @property
    def line(self) -> int:
        return min(f.line for f in self.findings)

    @property
    def title(self) -> str:
        """The rule's name in plain words: 'member-turnover' -> 'Member turnover'."""
        return self.name.replace("-", " ").capitalize()

    @property
    def subjects(self) -> list[str]:
        """The names of what the concern is about, each once, in file order (never ids
        where the file gives a name); empty when it is about the whole partnership."""
        names = [f.subject_name or f.subject for f in self.findings if f.subject != "partnership"]
        return list(dict.fromkeys(names))

    def split_messages(self, shown: int) -> tuple[list[tuple[str, list[int]]], int, list[int]]:
        """The first `shown` messages with their lines; then how many more there are, and the
        lines those are on."""
        messages = self.messages
        rest = messages[shown:]
        return messages[:shown], len(rest), sorted({n for _text, lines in rest for n in lines})

    @property
    def waiver_reasons(self) -> list[str]:
        """The partnership's reasons for waiving it, each once."""
        return list(dict.fromkeys(f.waiver_reason or "" for f in self.findings))

    def about(self, limit: int = NAMED_SUBJECTS) -> str:
        """What the concern is about, in words: 'Name' for one subject, '3 of them: A, B and
        C' for several (up to `limit` of them named), '' for the whole partnership."""
        names = self.subjects
        if len(names) > 1:
            return f"{len(names)} of them: {names_list(names, limit)}"
        return "".join(names)

    @property
    def lines(self) -> list[int]:
        return sorted({f.line for f in self.findings})


def names_list(names: Sequence[str], limit: int = NAMED_SUBJECTS) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, C and 4 more'."""
    if len(names) > limit + 1:
        return f"{', '.join(names[:limit])} and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def more_like(count: int) -> str:
    """'and 1 more like it', 'and 3 more like these': after the messages shown."""
    return f"and {count} more like {'it' if count == 1 else 'these'}"


def lines_list(lines: Sequence[int]) -> str:
    """'line 12' or 'lines 12, 40 and 41'."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    return "lines " + names_list([str(n) for n in lines], limit=len(lines))


def concerns(findings: Iterable[Finding], names: Mapping[str, str] | None = None) -> list[Concern]:
    """Findings as concerns: by rule and waiver, most severe first, then by place in the file."""
    found_all = sorted(findings, key=lambda f: f.sort_key)
    known = subject_names(found_all) | dict(names or {})
    grouped: dict[tuple[str, bool], list[Finding]] = {}
    for finding in found_all:
        grouped.setdefault((finding.code, finding.waived), []).append(finding)
    out = [
        Concern(code, found[0].name, found[0].principle, tuple(found), known)
        for (code, _waived), found in grouped.items()
    ]
    out.sort(key=lambda c: (c.waived, -c.severity, c.line, c.code))
    return out


def by_principle(
    file_report: FileReport, names: Mapping[str, str] | None = None
) -> list[tuple[str, list[Concern]]]:
    """(principle id, its concerns) in the report's order of principles."""
    known = subject_names(file_report.findings) | dict(file_report.names) | dict(names or {})
    order = [p.id for p in file_report.principles]
    grouped: dict[str, list[Finding]] = {}
    for finding in file_report.findings:
        grouped.setdefault(finding.principle, []).append(finding)
    ranked = sorted(grouped, key=lambda p: (order.index(p) if p in order else len(order), p))
    return [(principle, concerns(grouped[principle], known)) for principle in ranked]


def act_first(
    file_report: FileReport, limit: int = ACT_FIRST, names: Mapping[str, str] | None = None
) -> list[Concern]:
    """The concerns that matter most: errors, then warnings of red principles, then of amber
    ones (each concern once, in that order, then by place in the file); never information or
    what the partnership has waived."""
    status = {p.id: p.status for p in file_report.principles}
    rank = {Status.RED: 0, Status.AMBER: 1}

    def urgency(concern: Concern) -> tuple[int, int, int]:
        if concern.severity is Severity.ERROR:
            return (0, 0, concern.line)
        return (1, rank.get(status.get(concern.principle, Status.AMBER), 2), concern.line)

    known = dict(file_report.names) | dict(names or {})
    live = [c for c in concerns(file_report.findings, known) if not c.waived]
    pressing = [c for c in live if c.severity >= Severity.WARNING]
    return sorted(pressing, key=urgency)[:limit]


def going_well(file_report: FileReport) -> list[tuple[Strength, str]]:
    """What is going well: each strength with the title of its principle."""
    titles = {p.id: p.title for p in file_report.principles}
    return [(s, titles.get(s.principle, s.principle)) for s in file_report.strengths]

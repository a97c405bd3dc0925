"""`collabgain diff --format markdown`: what changed, for a pull-request comment.

Everything from the user's files is escaped as in the `markdown` report, so names, messages
and paths print as written and cannot break a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...diffing import (
    FindingChange,
    MemberChange,
    PartnershipDiff,
    Shares,
)
from ...findings import FileReport, Status
from .. import diff_words as words
from . import INVALID, SEVERITY_EMOJI, STATUS_EMOJI, WAIVED_EMOJI, code, error_items, escape, table

if TYPE_CHECKING:
    from .. import RenderOptions

JOINED, LEFT = "\N{HEAVY PLUS SIGN}", "\N{HEAVY MINUS SIGN}"


def _status(status: Status | None) -> str:
    return f"{STATUS_EMOJI[status]} {status.value}" if status is not None else "-"


def _sides(diff: PartnershipDiff) -> list[str]:
    lines = [
        "| | Description | As of | Status | Collaboration level |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, report in (("Before", diff.old), ("After", diff.new)):
        if report.valid:
            level = report.collaboration_level
            lines.append(
                f"| {label} | {code(report.path)} | {escape(report.as_of_text)} "
                f"| {_status(report.status)} | {escape(level.level) if level else '-'} |"
            )
        else:
            lines.append(f"| {label} | {code(report.path)} | | {INVALID} | |")
    return lines


def _errors(report: FileReport) -> list[str]:
    return [
        "",
        f"### {STATUS_EMOJI[Status.RED]} {code(report.path)} is invalid",
        "",
        *error_items(report),
    ]


def _member(mark: str, verb: str, change: MemberChange) -> str:
    who = f"**{escape(change.id)}** {escape(change.name)}"
    if change.organisation:
        who += f", {escape(change.organisation)}"
    return f"- {mark} {who} {verb} ({escape(change.detail)})"


def _members(
    title: str, joined: tuple[MemberChange, ...], left: tuple[MemberChange, ...]
) -> list[str]:
    lines = ["", f"### {title}", ""]
    lines.extend(_member(JOINED, "joined", c) for c in joined)
    lines.extend(_member(LEFT, "left", c) for c in left)
    if not joined and not left:
        lines.append("None joined or left.")
    return lines


def _chair(diff: PartnershipDiff) -> list[str]:
    before = ", ".join(escape(s.label) for s in diff.chairs_before) or "no chair"
    after = ", ".join(escape(s.label) for s in diff.chairs_after) or "no chair"
    text = f"{before} → **{after}**" if diff.chair_changed else f"Unchanged: {after}."
    return ["", "### Chair", "", text]


def _table(shares: Shares) -> list[str]:
    rows = [[escape(r.id), *words.share_figures(r)] for r in shares.rows]
    return ["", *table(["Organisation", "Before", "After", "Change"], "<>>>", rows)]


def _decisions(diff: PartnershipDiff) -> list[str]:
    shares = diff.decisions
    assert shares is not None  # set whenever both sides are valid
    lines = [
        "",
        "### Decision shares",
        "",
        f"Over {words.DECISION_WINDOW}: {words.decision_totals(shares)}"
        + ("." if shares.changed else "; no change."),
    ]
    if shares.rows:
        lines.extend(_table(shares))
    return lines


def _funding(diff: PartnershipDiff) -> list[str]:
    lines = ["", "### Cash funding shares"]
    for shares in diff.funding:
        lines.extend(
            [
                "",
                f"{escape(shares.unit)}: {words.amount_totals(shares)}"
                + ("" if shares.changed else "; no change."),
            ]
        )
        lines.extend(_table(shares))
    if not diff.funding:
        lines.extend(["", "No cash funding recorded."])
    return lines


def _aims(diff: PartnershipDiff) -> list[str]:
    lines = ["", "### Aims", ""]
    if not diff.aims:
        return [*lines, "No aim changed status."]
    rows = [
        [
            f"**{escape(a.id)}** {escape(a.text)}",
            escape(a.before or "not in the file"),
            escape(a.after or "removed"),
        ]
        for a in diff.aims
    ]
    return [*lines, *table(["Aim", "Before", "After"], "<<<", rows)]


def _finding(change: FindingChange, report: FileReport) -> str:
    finding = change.finding
    text = (
        f"- {SEVERITY_EMOJI[finding.severity]} {finding.severity.label} **{finding.code}** "
        f"{escape(finding.name)} · {escape(finding.subject)}: {escape(finding.message)} "
        f"({code(f'{report.path}:{finding.line}')})"
    )
    if change.waived_by is not None:
        text += f" — {WAIVED_EMOJI} still found, now waived: *{escape(change.waived_by)}*"
    return text


def _findings(diff: PartnershipDiff) -> list[str]:
    lines = ["", "### Findings", ""]
    if not diff.appeared and not diff.resolved:
        return [*lines, "No finding appeared or was resolved."]
    for title, changes, report in (
        ("appeared", diff.appeared, diff.new),
        ("resolved", diff.resolved, diff.old),
    ):
        if changes:
            lines.extend([f"**{len(changes)} {title}**", ""])
            lines.extend(_finding(c, report) for c in changes)
            lines.append("")
    return lines[:-1]


def _principles(diff: PartnershipDiff) -> list[str]:
    rows = [
        [
            escape(change.title),
            _status(change.before),
            f"**{_status(change.after)}**" if change.changed else _status(change.after),
        ]
        for change in diff.principles
    ]
    return ["", "### Principles", "", *table(["Principle", "Before", "After"], "<<<", rows)]


def _level(diff: PartnershipDiff) -> list[str]:
    before, after = escape(diff.level_before or "-"), escape(diff.level_after or "-")
    text = f"{before} → **{after}**" if before != after else f"{after} (no change)"
    return ["", "### Collaboration level", "", text]


def render(diff: PartnershipDiff, options: RenderOptions) -> str:
    name = diff.new.partnership or diff.old.partnership
    lines = [f"## collabgain diff: {escape(name)}" if name else "## collabgain diff", ""]
    if diff.comparable and diff.old.partnership != diff.new.partnership:
        lines.extend(
            [
                f"Renamed: {escape(diff.old.partnership or '')} → "
                f"{escape(diff.new.partnership or '')}",
                "",
            ]
        )
    lines.extend(_sides(diff))
    if not diff.comparable:
        for report in (diff.old, diff.new):
            if not report.valid:
                lines.extend(_errors(report))
        lines.extend(["", "Nothing compared: fix the invalid description first."])
        return "\n".join(lines) + "\n"
    lines.extend(_members("Organisations", diff.orgs_joined, diff.orgs_left))
    lines.extend(_members("People", diff.people_joined, diff.people_left))
    lines.extend(_chair(diff))
    lines.extend(_decisions(diff))
    lines.extend(_funding(diff))
    lines.extend(_aims(diff))
    lines.extend(_findings(diff))
    lines.extend(_principles(diff))
    lines.extend(_level(diff))
    return "\n".join(lines) + "\n"

"""`collabgain diff` as text: what changed, section by section, for a terminal.

Every section is shown, with "no change" when nothing changed, so the shape is the same for
every pair of files. Statuses are a word and a symbol, never colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ...diffing import (
    FindingChange,
    MemberChange,
    PartnershipDiff,
    Shares,
)
from ...findings import FileReport, Status
from ...safe_text import terminal_line
from .. import diff_words as words
from . import SEVERITY_STYLE, indented, status_text, text_of

if TYPE_CHECKING:
    from .. import RenderOptions

ADDED, REMOVED = ("+", "green"), ("-", "red")


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _none(what: str = "no change") -> Text:
    return Text(f"  {what}", style="dim")


def _status(status: Status | None) -> Text:
    return status_text(status) if status is not None else Text("-", style="dim")


def _sides(diff: PartnershipDiff) -> Table:
    table = Table.grid(padding=(0, 2))
    for _ in range(3):
        table.add_column()
    for label, report in (("old", diff.old), ("new", diff.new)):
        if report.valid:
            level = report.collaboration_level
            state = Text.assemble(
                f"as of {report.as_of} · ",
                status_text(report.status),
                " · level ",
                (level.level if level else "?", "bold"),
            )
        else:
            state = Text("✖ invalid", style="bold red")
        table.add_row(
            Text(label, style="bold"), Text(terminal_line(report.path), overflow="fold"), state
        )
    return table


def _errors(report: FileReport) -> Group:
    parts: list[RenderableType] = [
        Text.assemble((terminal_line(report.path), "bold"), "  ", ("✖ invalid", "bold red"))
    ]
    for error in report.errors:
        parts.append(
            Text.assemble(
                "  ",
                ("✖ ", "red"),
                (error.code, "bold"),
                f" {error.name}  ",
                (f"{terminal_line(report.path)}:{error.line}:{error.column}", "dim"),
            )
        )
        parts.append(indented(error.message, indent=6))
    return Group(*parts)


def _members(
    title: str, joined: tuple[MemberChange, ...], left: tuple[MemberChange, ...]
) -> list[RenderableType]:
    parts: list[RenderableType] = [_heading(title)]
    for (symbol, style), verb, changes in ((ADDED, "joined", joined), (REMOVED, "left", left)):
        for change in changes:
            line = Text.assemble(
                "  ",
                (f"{symbol} {verb:<7}", style),
                (terminal_line(change.id), "bold"),
                f" {terminal_line(change.name)}",
            )
            if change.organisation:
                line.append(f", {terminal_line(change.organisation)}")
            line.append(f" ({terminal_line(change.detail)})", style="dim")
            parts.append(line)
    if not joined and not left:
        parts.append(_none("none joined or left"))
    return parts


def _chair(diff: PartnershipDiff) -> list[RenderableType]:
    before = ", ".join(terminal_line(s.label) for s in diff.chairs_before) or "no chair"
    after = ", ".join(terminal_line(s.label) for s in diff.chairs_after) or "no chair"
    if diff.chair_changed:
        return [_heading("Chair"), Text(f"  {before} → {after}")]
    return [_heading("Chair"), _none(f"unchanged: {after}")]


def _shares_table(shares: Shares) -> Padding:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Organisation", overflow="fold")
    table.add_column("Before", justify="right")
    table.add_column("After", justify="right")
    table.add_column("Change", justify="right")
    for row in shares.rows:
        table.add_row(terminal_line(row.id), *words.share_figures(row))
    return Padding(table, (0, 0, 0, 2))


def _decisions(diff: PartnershipDiff) -> list[RenderableType]:
    shares = diff.decisions
    assert shares is not None  # set whenever both sides are valid
    parts: list[RenderableType] = [
        _heading("Decision shares"),
        Text(
            f"  over {words.DECISION_WINDOW}: {words.decision_totals(shares)}",
            style="dim",
        ),
    ]
    if shares.rows:
        parts.append(_shares_table(shares))
    if not shares.changed:
        parts.append(_none())
    return parts


def _funding(diff: PartnershipDiff) -> list[RenderableType]:
    parts: list[RenderableType] = [_heading("Cash funding shares")]
    for shares in diff.funding:
        parts.append(
            Text(
                f"  {terminal_line(shares.unit)}: {words.amount_totals(shares)}"
                + ("" if shares.changed else " (no change)"),
                style="dim",
            )
        )
        parts.append(_shares_table(shares))
    if not diff.funding:
        parts.append(_none("no cash funding recorded"))
    return parts


def _aims(diff: PartnershipDiff) -> list[RenderableType]:
    parts: list[RenderableType] = [_heading("Aims")]
    for aim in diff.aims:
        parts.append(
            Text.assemble(
                "  ",
                (terminal_line(aim.id), "bold"),
                f" {aim.before or 'not in the file'} → {aim.after or 'removed'}",
            )
        )
        parts.append(indented(aim.text, "dim", indent=4))
    if not diff.aims:
        parts.append(_none("no aim changed status"))
    return parts


def _finding(change: FindingChange, mark: tuple[str, str], report: FileReport) -> Group:
    finding = change.finding
    symbol, style = SEVERITY_STYLE[finding.severity]
    head = Text.assemble(
        "  ", (f"{mark[0]} ", mark[1]), (f"{symbol} {finding.severity.label:<7}", style)
    )
    head.append(f" {finding.code} ", style="bold")
    head.append(finding.name)
    if finding.subject != "partnership":
        head.append(f" · {terminal_line(finding.subject)}", style="italic")
    body = [
        indented(finding.message, indent=6),
        indented(f"{report.path}:{finding.line}", "dim", indent=6),
    ]
    if change.waived_by is not None:
        body.append(indented(f"still found, now waived: {change.waived_by}", "magenta", indent=6))
    return Group(head, *body)


def _findings(diff: PartnershipDiff) -> list[RenderableType]:
    parts: list[RenderableType] = [
        _heading(f"Findings: {len(diff.appeared)} appeared, {len(diff.resolved)} resolved")
    ]
    parts.extend(_finding(c, ADDED, diff.new) for c in diff.appeared)
    parts.extend(_finding(c, REMOVED, diff.old) for c in diff.resolved)
    if not diff.appeared and not diff.resolved:
        parts.append(_none())
    return parts


def _principles(diff: PartnershipDiff) -> list[RenderableType]:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Principle", overflow="fold")
    table.add_column("Before", no_wrap=True)
    table.add_column("After", no_wrap=True)
    table.add_column("", no_wrap=True)
    for change in diff.principles:
        table.add_row(
            change.title,
            _status(change.before),
            _status(change.after),
            Text("changed", style="bold") if change.changed else "",
        )
    return [_heading("Principles"), Padding(table, (0, 0, 0, 2))]


def _level(diff: PartnershipDiff) -> list[RenderableType]:
    before, after = diff.level_before or "?", diff.level_after or "?"
    if before == after:
        return [Text.assemble(("Collaboration level", "bold underline"), f": {after} (no change)")]
    return [
        Text.assemble(
            ("Collaboration level", "bold underline"), ": ", before, " → ", (after, "bold")
        )
    ]


def render(diff: PartnershipDiff, options: RenderOptions) -> str:
    name = terminal_line(diff.new.partnership or diff.old.partnership or "")
    parts: list[RenderableType] = [
        Text(f"{name}: what changed" if name else "What changed", style="bold")
    ]
    if diff.comparable and diff.old.partnership != diff.new.partnership:
        parts.append(
            Text(
                f"renamed: {terminal_line(diff.old.partnership or '')} → "
                f"{terminal_line(diff.new.partnership or '')}",
                style="dim",
            )
        )
    parts.append(_sides(diff))
    if not diff.comparable:
        for report in (diff.old, diff.new):
            if not report.valid:
                parts.extend([Text(""), _errors(report)])
        parts.extend(
            [Text(""), Text("Nothing compared: fix the invalid description first.", style="dim")]
        )
        return text_of(parts, color=options.color, width=options.width)
    sections = (
        _members("Organisations", diff.orgs_joined, diff.orgs_left),
        _members("People", diff.people_joined, diff.people_left),
        _chair(diff),
        _decisions(diff),
        _funding(diff),
        _aims(diff),
        _findings(diff),
        _principles(diff),
        _level(diff),
    )
    for section in sections:
        parts.extend([Text(""), Group(*section)])
    return text_of(parts, color=options.color, width=options.width)

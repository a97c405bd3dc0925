"""`text`: the report people read in a terminal, rendered with Rich.

Status is always shown as a word and a symbol, never by colour alone; the layout fits 80
columns and uses more width when there is more.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..analysis.dates import plural
from ..findings import FileReport, Finding, Report, Severity, Status, Strength
from ..safe_text import terminal_line, terminal_output
from . import RenderOptions, members_cell
from .caret import caret_lines

STATUS_STYLE = {
    Status.RED: ("✖", "bold red"),
    Status.AMBER: ("▲", "bold yellow"),
    Status.GREEN: ("✔", "bold green"),
    Status.NOT_ASSESSED: ("○", "dim"),
}
SEVERITY_STYLE = {
    Severity.ERROR: ("✖", "red"),
    Severity.WARNING: ("▲", "yellow"),
    Severity.INFO: ("ℹ", "cyan"),  # noqa: RUF001 (the information sign is meant)
}


def status_text(status: Status) -> Text:
    symbol, style = STATUS_STYLE[status]
    return Text(f"{symbol} {status.value}", style=style)


def _invalid(file_report: FileReport) -> Group:
    parts: list[Text | Padding] = [
        Text.assemble((terminal_line(file_report.path), "bold"), "  ", ("✖ invalid", "bold red")),
    ]
    for error in file_report.errors:
        parts.append(
            Text.assemble(
                "  ",
                ("✖ ", "red"),
                (error.code, "bold"),
                f" {error.name}  ",
                (f"{terminal_line(file_report.path)}:{error.line}:{error.column}", "dim"),
            )
        )
        parts.append(indented(error.message))
        shown = caret_lines(error)
        if shown:
            parts.append(
                Padding(
                    Text("\n".join(shown), style="dim", no_wrap=True, overflow="crop"),
                    (0, 0, 0, 6),
                    expand=False,
                )
            )
    return Group(*parts)


def indented(text: str | Text, style: str = "", indent: int = 6) -> Padding:
    """Text whose wrapped lines stay under its first line (plain text is put on one line)."""
    body = Text(_one_line(text), style=style) if isinstance(text, str) else text
    return Padding(body, (0, 0, 0, indent), expand=False)


def _principle_table(file_report: FileReport) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Principle", overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Err", justify="right")
    table.add_column("Warn", justify="right")
    table.add_column("Info", justify="right")
    table.add_column("Rules run", justify="right", no_wrap=True)
    rated = any(p.members for p in file_report.principles)
    if rated:
        table.add_column("Members", justify="right", no_wrap=True)
    for principle in file_report.principles:
        live = [f for f in file_report.findings if f.principle == principle.id and not f.waived]
        counts = [sum(1 for f in live if f.severity is s) for s in Severity.__members__.values()]
        info, warning, error = counts
        row: list[RenderableType] = [
            principle.title,
            status_text(principle.status),
            str(error or ""),
            str(warning or ""),
            str(info or ""),
            f"{principle.rules_run} of {principle.rules_total}",
        ]
        if rated:
            row.append(members_cell(principle))
        table.add_row(*row)
    return table


def _one_line(text: str) -> str:
    """User text (a waiver's reason written as a YAML block) on one line, safe for a terminal."""
    return terminal_line(text)


def _finding(file_report: FileReport, finding: Finding) -> Group:
    symbol, style = SEVERITY_STYLE[finding.severity]
    head = Text("  ")
    head.append(f"{symbol} {finding.severity.label:<7}", style="dim" if finding.waived else style)
    head.append(f" {finding.code} ", style="bold")
    head.append(finding.name)
    if finding.subject != "partnership":
        head.append(f" · {terminal_line(finding.subject_name or finding.subject)}", style="italic")
    # Padding keeps wrapped lines of a long message under its first line.
    body = [
        indented(finding.message),
        indented(f"{file_report.path}:{finding.line}", "dim"),
    ]
    if finding.waived:
        body.append(indented(f"waived: {finding.waiver_reason or ''}", "magenta"))
    return Group(head, *body)


def _valid(file_report: FileReport, options: RenderOptions) -> Group:
    parts: list[Text | Table | Group | Padding] = []
    status = file_report.status
    header = Text.assemble(
        (terminal_line(file_report.partnership or ""), "bold"),
        "  ",
        (terminal_line(file_report.path), "dim"),
    )
    parts.append(header)
    if not file_report.principles and file_report.collaboration_level is None:
        # Validated only (`validate`): no rule ran, so there is no status or level to show.
        as_of = f"as of {file_report.as_of} · " if file_report.as_of else ""
        parts.append(Text.assemble(as_of, ("✔ valid", "green")))
        return Group(*parts)
    level = file_report.collaboration_level
    line = Text.assemble(
        f"as of {file_report.as_of} · status ",
        status_text(status),
        " · level ",
        (level.level if level else "?", "bold"),
    )
    parts.append(line)
    if level:
        parts.append(indented(level.reason, "dim", indent=2))
    parts.append(Text(""))
    parts.append(_principle_table(file_report))
    gaps = [
        f"{p.title}: {p.rules_run} of {plural(p.rules_total, 'rule')} ran; "
        + "; ".join(sorted({hint for _code, hint in p.not_run}))
        for p in file_report.principles
        if p.not_run
    ]
    if gaps and not options.quiet:
        parts.append(Text(""))
        parts.append(Text("Not fully assessed:", style="bold"))
        parts.extend(indented(gap, "dim", indent=2) for gap in gaps)
    titles = {p.id: p.title for p in file_report.principles}
    order = [p.id for p in file_report.principles]
    grouped: dict[str, list[Finding]] = {}
    for finding in file_report.findings:
        grouped.setdefault(finding.principle, []).append(finding)
    going_well: dict[str, list[Strength]] = {}
    if not options.quiet:
        for strength in file_report.strengths:
            going_well.setdefault(strength.principle, []).append(strength)
    shown = {*grouped, *going_well}
    for principle in sorted(shown, key=lambda p: order.index(p) if p in order else len(order)):
        parts.append(Text(""))
        parts.append(
            Text(
                titles.get(principle, principle.replace("-", " ").capitalize()),
                style="bold underline",
            )
        )
        parts.extend(_finding(file_report, f) for f in grouped.get(principle, ()))
        if principle in going_well:
            parts.append(Text("  Going well", style="bold green"))
            parts.extend(_strength(s) for s in going_well[principle])
    return Group(*parts)


def _strength(strength: Strength) -> Group:
    head = Text("  ")
    head.append("✔ ", style="green")
    head.append(f"{strength.code} ", style="bold")
    head.append(strength.name)
    return Group(head, indented(strength.message))


def text_of(parts: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """Renderables printed one after another at a width, without trailing spaces.

    The one console setup every terminal format shares: colour only when asked for, no
    markup (a `[error]` in user text prints as written), no emoji or highlighting.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    for part in parts:
        console.print(part)
    # Rich pads wrapped lines to a common width; trailing spaces only get in the way.
    text = "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    return terminal_output(text, colour=color)


def render(report: Report, options: RenderOptions) -> str:
    parts: list[RenderableType] = []
    for index, file_report in enumerate(report.files):
        if index:
            parts.extend([Text(""), Rule(style="dim")])
        parts.append(_valid(file_report, options) if file_report.valid else _invalid(file_report))
    if not options.quiet:
        s = report.summary
        parts.append(Text(""))
        parts.append(
            Text.assemble(
                (plural(s.files, "file"), "bold"),
                f", {s.invalid} invalid: ",
                (plural(s.error, "error"), "red" if s.error else ""),
                ", ",
                (plural(s.warning, "warning"), "yellow" if s.warning else ""),
                f", {s.info} info, {s.waived} waived",
            )
        )
        if any(f.findings for f in report.files):
            parts.append(
                Text(
                    "Run `collabgain explain CODE` for what a rule means and how to fix it.",
                    style="dim",
                )
            )
    return text_of(parts, color=options.color, width=options.width)

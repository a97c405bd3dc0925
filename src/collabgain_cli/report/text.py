"""`text`: the report people read in a terminal, rendered with Rich.

Status is always shown as a word and a symbol, never by colour alone; the layout fits 80
columns and uses more width when there is more.
"""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..analysis.dates import plural
from ..findings import FileReport, Finding, Report, Severity, Status
from . import RenderOptions

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
        Text.assemble((file_report.path, "bold"), "  ", ("✖ invalid", "bold red")),
    ]
    for error in file_report.errors:
        parts.append(
            Text.assemble(
                "  ",
                ("✖ ", "red"),
                (error.code, "bold"),
                f" {error.name}  ",
                (f"{file_report.path}:{error.line}:{error.column}", "dim"),
            )
        )
        parts.append(_indented(error.message))
    return Group(*parts)


def _indented(text: str, style: str = "", indent: int = 6) -> Padding:
    """Text whose wrapped lines stay under its first line."""
    return Padding(Text(_one_line(text), style=style), (0, 0, 0, indent), expand=False)


def _principle_table(file_report: FileReport) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Principle", overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Err", justify="right")
    table.add_column("Warn", justify="right")
    table.add_column("Info", justify="right")
    table.add_column("Rules run", justify="right", no_wrap=True)
    for principle in file_report.principles:
        live = [f for f in file_report.findings if f.principle == principle.id and not f.waived]
        counts = [sum(1 for f in live if f.severity is s) for s in Severity.__members__.values()]
        info, warning, error = counts
        table.add_row(
            principle.title,
            status_text(principle.status),
            str(error or ""),
            str(warning or ""),
            str(info or ""),
            f"{principle.rules_run} of {principle.rules_total}",
        )
    return table


def _one_line(text: str) -> str:
    """User text (a waiver's reason written as a YAML block) on one line."""
    return " ".join(text.split())


def _finding(file_report: FileReport, finding: Finding) -> Group:
    symbol, style = SEVERITY_STYLE[finding.severity]
    head = Text("  ")
    head.append(f"{symbol} {finding.severity.label:<7}", style="dim" if finding.waived else style)
    head.append(f" {finding.code} ", style="bold")
    head.append(finding.name)
    if finding.subject != "partnership":
        head.append(f" · {finding.subject}", style="italic")
    # Padding keeps wrapped lines of a long message under its first line.
    body = [
        _indented(finding.message),
        _indented(f"{file_report.path}:{finding.line}", "dim"),
    ]
    if finding.waived:
        body.append(_indented(f"waived: {finding.waiver_reason or ''}", "magenta"))
    return Group(head, *body)


def _valid(file_report: FileReport, options: RenderOptions) -> Group:
    parts: list[Text | Table | Group | Padding] = []
    status = file_report.status
    header = Text.assemble((file_report.partnership or "", "bold"), "  ", (file_report.path, "dim"))
    parts.append(header)
    level = file_report.collaboration_level
    line = Text.assemble(
        f"as of {file_report.as_of} · status ",
        status_text(status),
        " · level ",
        (level.level if level else "?", "bold"),
    )
    parts.append(line)
    if level:
        parts.append(_indented(level.reason, "dim", indent=2))
    parts.append(Text(""))
    parts.append(_principle_table(file_report))
    gaps = [
        f"{p.title}: {p.rules_run} of {p.rules_total} rules ran; "
        + "; ".join(sorted({hint for _code, hint in p.not_run}))
        for p in file_report.principles
        if p.not_run
    ]
    if gaps and not options.quiet:
        parts.append(Text(""))
        parts.append(Text("Not fully assessed:", style="bold"))
        parts.extend(_indented(gap, "dim", indent=2) for gap in gaps)
    titles = {p.id: p.title for p in file_report.principles}
    order = [p.id for p in file_report.principles]
    grouped: dict[str, list[Finding]] = {}
    for finding in file_report.findings:
        grouped.setdefault(finding.principle, []).append(finding)
    for principle in sorted(grouped, key=lambda p: order.index(p) if p in order else len(order)):
        parts.append(Text(""))
        parts.append(
            Text(
                titles.get(principle, principle.replace("-", " ").capitalize()),
                style="bold underline",
            )
        )
        parts.extend(_finding(file_report, f) for f in grouped[principle])
    return Group(*parts)


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    for index, file_report in enumerate(report.files):
        if index:
            console.print()
            console.rule(style="dim")
        if file_report.valid:
            console.print(_valid(file_report, options))
        else:
            console.print(_invalid(file_report))
    if not options.quiet:
        s = report.summary
        console.print()
        console.print(
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
            console.print(
                Text(
                    "Run `collabgain explain CODE` for what a rule means and how to fix it.",
                    style="dim",
                )
            )
    # Rich pads wrapped lines to a common width; trailing spaces only get in the way.
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())

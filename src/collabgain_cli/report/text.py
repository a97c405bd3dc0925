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
from ..findings import FileReport, Report, Severity, Status
from ..principles import principle_title
from ..safe_text import terminal_line, terminal_output
from . import RenderOptions, members_cell
from .caret import caret_lines
from .concerns import Concern, act_first, by_principle, lines_list, names_list

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


def _concern_head(concern: Concern, number: int | None = None) -> Text:
    symbol, style = SEVERITY_STYLE[concern.severity]
    head = Text("  " if number is None else f"  {number}. ")
    head.append(f"{symbol} {concern.severity.label} ", style="dim" if concern.waived else style)
    head.append(concern.title, style="bold")
    head.append(f" {concern.code}", style="dim")
    return head


def bulleted(text: str, indent: int = 6) -> Padding:
    """A bullet whose wrapped lines stay under its text, not under the bullet."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("• ", text)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def _where(file_report: FileReport, concern: Concern) -> str:
    lines = concern.lines
    if len(lines) == 1:
        return f"{terminal_line(file_report.path)}:{lines[0]}"
    return f"{terminal_line(file_report.path)}, {lines_list(lines)}"


def _concern(
    file_report: FileReport, concern: Concern, *, number: int | None = None, shown: int = 3
) -> Group:
    """A rule's findings once: its subjects named, then the first few of its messages."""
    parts: list[Text | Padding] = [_concern_head(concern, number)]
    subjects = concern.subjects
    if len(subjects) > 1:
        parts.append(indented(f"{len(subjects)} of them: {names_list(subjects)}", "italic"))
    elif subjects:
        parts.append(indented(subjects[0], "italic"))
    messages = [text for text, _lines in concern.messages]
    if len(messages) == 1:
        parts.append(indented(messages[0]))
    else:
        parts.extend(bulleted(m) for m in messages[:shown])
        more = len(messages) - min(shown, len(messages))
        if more:
            parts.append(indented(f"and {more} more like {'it' if more == 1 else 'these'}", "dim"))
    parts.append(indented(_where(file_report, concern), "dim"))
    if concern.waived:
        reasons = dict.fromkeys(_one_line(f.waiver_reason or "") for f in concern.findings)
        parts.extend(indented(f"waived: {reason}", "magenta") for reason in reasons)
    return Group(*parts)


def _act_first(file_report: FileReport) -> list[RenderableType]:
    """The few concerns that matter most, before anything else."""
    first = act_first(file_report)
    parts: list[RenderableType] = [Text(""), Text("Act on these first", style="bold underline")]
    if not first:
        parts.append(indented("Nothing to act on: no errors or warnings.", indent=2))
    parts.extend(_concern(file_report, c, number=n, shown=1) for n, c in enumerate(first, start=1))
    return parts


def _going_well(file_report: FileReport) -> list[RenderableType]:
    if not file_report.strengths:
        return []
    titles = {p.id: p.title for p in file_report.principles}
    parts: list[RenderableType] = [Text(""), Text("Going well", style="bold underline")]
    for strength in file_report.strengths:
        head = Text("  ")
        head.append("✔ ", style="green")
        head.append(strength.title, style="bold")
        head.append(f" {strength.code}", style="dim")
        head.append(f" · {titles.get(strength.principle, strength.principle)}", style="italic")
        parts.extend([head, indented(strength.message)])
    return parts


def _valid(file_report: FileReport, options: RenderOptions) -> Group:
    parts: list[RenderableType] = []
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
    if not options.quiet:
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
        parts.extend(_act_first(file_report))
        parts.extend(_going_well(file_report))
        parts.append(Text(""))
        parts.append(_principle_table(file_report))
        gaps = [
            f"{p.title}: {p.rules_run} of {plural(p.rules_total, 'rule')} ran; "
            + "; ".join(sorted({hint for _code, hint in p.not_run}))
            for p in file_report.principles
            if p.not_run
        ]
        if gaps:
            parts.append(Text(""))
            parts.append(Text("Not fully assessed:", style="bold"))
            parts.extend(indented(gap, "dim", indent=2) for gap in gaps)
    results = {p.id: p for p in file_report.principles}
    for principle, found in by_principle(file_report):
        result = results.get(principle)
        title = Text(
            principle_title(principle),
            style="bold underline",
        )
        if result is not None:
            title.append("  ")
            title.append_text(status_text(result.status))
        parts.extend([Text(""), title])
        parts.extend(_concern(file_report, c) for c in found)
    return Group(*parts)


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

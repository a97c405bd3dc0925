"""`text` for `check`: the report people read in a terminal; and the helpers the other terminal
formats share.

Status is always shown as a word and a symbol, never by colour alone; the layout fits 80
columns and uses more width when there is more.

The report is written line by line with `terminal.Page` (the layouts it needs, as Rich would
print them), not through Rich's console: that costs more than the check on a large file. The
helpers other terminal reports build on (`status_text`, `indented`, `bulleted`, `text_of`)
still return and print Rich renderables, and import Rich only when called.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...analysis.dates import plural
from ...findings import FileReport, Report, Severity, Status
from ...safe_text import terminal_line, terminal_output
from ...titles import principle_title
from .. import RenderOptions, members_cell
from ..caret import caret_lines
from ..concerns import Concern, act_first, by_principle, going_well, lines_list, names_list
from .terminal import Column, Line, Page, line

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.padding import Padding
    from rich.text import Text

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
    from rich.text import Text

    symbol, style = STATUS_STYLE[status]
    return Text(f"{symbol} {status.value}", style=style)


def indented(text: str | Text, style: str = "", indent: int = 6) -> Padding:
    """Text whose wrapped lines stay under its first line (plain text is put on one line)."""
    from rich.padding import Padding
    from rich.text import Text

    body = Text(_one_line(text), style=style) if isinstance(text, str) else text
    return Padding(body, (0, 0, 0, indent), expand=False)


def bulleted(text: str, indent: int = 6) -> Padding:
    """A bullet whose wrapped lines stay under its text, not under the bullet."""
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("• ", text)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def text_of(parts: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """Renderables printed one after another at a width, without trailing spaces.

    The one console setup every terminal format shares: colour only when asked for, no
    markup (a `[error]` in user text prints as written), no emoji or highlighting.
    """
    import io

    from rich.console import Console

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


def _one_line(text: str) -> str:
    """User text (a waiver's reason written as a YAML block) on one line, safe for a terminal."""
    return terminal_line(text)


def _status(status: Status) -> Line:
    symbol, style = STATUS_STYLE[status]
    return line(f"{symbol} {status.value}", style=style)


def _indent(page: Page, text: str, style: str = "", indent: int = 6) -> None:
    """As `indented`: user text on one line, its wrapped lines under its first."""
    page.indented(line(_one_line(text), style=style), indent)


def _invalid(page: Page, file_report: FileReport) -> None:
    path = terminal_line(file_report.path)
    page.print(line((path, "bold"), "  ", ("✖ invalid", "bold red")))
    for error in file_report.errors:
        where = f"{path}:{error.line}:{error.column}"
        page.print(
            line("  ", ("✖ ", "red"), (error.code, "bold"), f" {error.name}  ", (where, "dim"))
        )
        _indent(page, error.message)
        shown = caret_lines(error)
        if shown:
            page.cropped(shown, "dim", 6)


def _principle_table(page: Page, file_report: FileReport) -> None:
    columns = [
        Column("Principle", overflow="fold"),
        Column("Status", no_wrap=True),
        Column("Err", justify="right"),
        Column("Warn", justify="right"),
        Column("Info", justify="right"),
        Column("Rules run", justify="right", no_wrap=True),
    ]
    rated = any(p.members for p in file_report.principles)
    if rated:
        columns.append(Column("Members", justify="right", no_wrap=True))
    # One pass over the findings, not one per principle: a large file has thousands.
    counts: dict[tuple[str, Severity], int] = {}
    for finding in file_report.findings:
        if not finding.waived:
            key = (finding.principle, finding.severity)
            counts[key] = counts.get(key, 0) + 1
    rows: list[list[Line]] = []
    for principle in file_report.principles:
        error, warning, info = (
            counts.get((principle.id, s), 0)
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        row = [
            line(principle.title),
            _status(principle.status),
            line(str(error or "")),
            line(str(warning or "")),
            line(str(info or "")),
            line(f"{principle.rules_run} of {principle.rules_total}"),
        ]
        if rated:
            row.append(line(members_cell(principle)))
        rows.append(row)
    page.table(columns, rows)


def _where(file_report: FileReport, concern: Concern) -> str:
    lines = concern.lines
    if len(lines) == 1:
        return f"{terminal_line(file_report.path)}:{lines[0]}"
    return f"{terminal_line(file_report.path)}, {lines_list(lines)}"


def _concern(
    page: Page,
    file_report: FileReport,
    concern: Concern,
    *,
    number: int | None = None,
    shown: int = 3,
) -> None:
    """A rule's findings once: its subjects named, then the first few of its messages."""
    symbol, style = SEVERITY_STYLE[concern.severity]
    page.print(
        line(
            "  " if number is None else f"  {number}. ",
            (f"{symbol} {concern.severity.label} ", "dim" if concern.waived else style),
            (concern.title, "bold"),
            (f" {concern.code}", "dim"),
        )
    )
    subjects = concern.subjects
    if len(subjects) > 1:
        _indent(page, f"{len(subjects)} of them: {names_list(subjects)}", "italic")
    elif subjects:
        _indent(page, subjects[0], "italic")
    messages = [text for text, _lines in concern.messages]
    if len(messages) == 1:
        _indent(page, messages[0])
    else:
        for message in messages[:shown]:
            page.bullet(message, 6)
        more = len(messages) - min(shown, len(messages))
        if more:
            _indent(page, f"and {more} more like {'it' if more == 1 else 'these'}", "dim")
    _indent(page, _where(file_report, concern), "dim")
    if concern.waived:
        reasons = dict.fromkeys(_one_line(f.waiver_reason or "") for f in concern.findings)
        for reason in reasons:
            _indent(page, f"waived: {reason}", "magenta")


def _act_first(page: Page, file_report: FileReport) -> None:
    """The few concerns that matter most, before anything else."""
    first = act_first(file_report)
    page.blank()
    page.print(line("Act on these first", style="bold underline"))
    if not first:
        _indent(page, "Nothing to act on: no errors or warnings.", indent=2)
    for number, concern in enumerate(first, start=1):
        _concern(page, file_report, concern, number=number, shown=1)


def _going_well(page: Page, file_report: FileReport) -> None:
    strengths = going_well(file_report)
    if not strengths:
        return
    page.blank()
    page.print(line("Going well", style="bold underline"))
    for strength, principle in strengths:
        page.print(
            line(
                "  ",
                ("✔ ", "green"),
                (strength.title, "bold"),
                (f" {strength.code}", "dim"),
                (f" · {principle}", "italic"),
            )
        )
        _indent(page, strength.message)


def _valid(page: Page, file_report: FileReport, options: RenderOptions) -> None:
    page.print(
        line(
            (terminal_line(file_report.partnership or ""), "bold"),
            "  ",
            (terminal_line(file_report.path), "dim"),
        )
    )
    if not file_report.principles and file_report.collaboration_level is None:
        # Validated only (`validate`): no rule ran, so there is no status or level to show.
        as_of = f"as of {file_report.as_of} · " if file_report.as_of else ""
        page.print(line(as_of, ("✔ valid", "green")))
        return
    if not options.quiet:
        level = file_report.collaboration_level
        status = line(f"as of {file_report.as_of} · status ")
        status.append_line(_status(file_report.status))
        status.append(" · level ")
        status.append(level.level if level else "?", "bold")
        page.print(status)
        if level:
            _indent(page, level.reason, "dim", indent=2)
        _act_first(page, file_report)
        _going_well(page, file_report)
        page.blank()
        _principle_table(page, file_report)
        gaps = [
            f"{p.title}: {p.rules_run} of {plural(p.rules_total, 'rule')} ran; "
            + "; ".join(sorted({hint for _code, hint in p.not_run}))
            for p in file_report.principles
            if p.not_run
        ]
        if gaps:
            page.blank()
            page.print(line("Not fully assessed:", style="bold"))
            for gap in gaps:
                _indent(page, gap, "dim", indent=2)
    results = {p.id: p for p in file_report.principles}
    for principle, found in by_principle(file_report):
        result = results.get(principle)
        title = line(principle_title(principle), style="bold underline")
        if result is not None:
            title.append("  ")
            title.append_line(_status(result.status))
        page.blank()
        page.print(title)
        for concern in found:
            _concern(page, file_report, concern)


def render(report: Report, options: RenderOptions) -> str:
    page = Page(options.width, color=options.color)
    for index, file_report in enumerate(report.files):
        if index:
            page.blank()
            page.rule("dim")
        if file_report.valid:
            _valid(page, file_report, options)
        else:
            _invalid(page, file_report)
    if not options.quiet:
        s = report.summary
        page.blank()
        page.print(
            line(
                (plural(s.files, "file"), "bold"),
                f", {s.invalid} invalid: ",
                (plural(s.error, "error"), "red" if s.error else ""),
                ", ",
                (plural(s.warning, "warning"), "yellow" if s.warning else ""),
                f", {s.info} info, {s.waived} waived",
            )
        )
        if any(f.findings for f in report.files):
            page.print(
                line(
                    "Run `collabgain explain CODE` for what a rule means and how to fix it.",
                    style="dim",
                )
            )
    return terminal_output(page.text(), colour=options.color)

"""Portfolio `text`: the inventory table, shared people and organisations, findings, errors.

Rendered with Rich like the `text` report: statuses as a word and a symbol, colour optional.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ...analysis.dates import plural
from ...findings import Status
from ...portfolio import (
    OrganisationEntry,
    PersonEntry,
    Portfolio,
    SharedOrganisation,
    SharedPerson,
    counts,
)
from ...safe_text import terminal_line
from .. import RenderOptions
from ..portfolio_words import summary_line
from . import SEVERITY_STYLE, STATUS_STYLE, indented, status_text, text_of


def _appearance(text: str, where: str) -> Padding:
    """One place a person or organisation appears, with the file and line dimmed after it."""
    line = Text.assemble(terminal_line(text), "  ", (terminal_line(where), "dim"))
    return Padding(line, (0, 0, 0, 4), expand=False)


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _inventory(portfolio: Portfolio) -> Table:
    table = Table(
        box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1, 0, 0)
    )
    # The file goes under the partnership's name: side by side, both would wrap at 80 columns.
    table.add_column("Partnership / file", overflow="fold", min_width=20)
    table.add_column("As of", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    for label in ("Err", "Warn", "Info", "Waived"):
        table.add_column(label, justify="right")
    for file_report in portfolio.files:
        c = counts(file_report)
        figures = [str(n or "") for n in (c.error, c.warning, c.info, c.waived)]
        if file_report.valid:
            level = file_report.collaboration_level
            table.add_row(
                Text.assemble(
                    (terminal_line(file_report.partnership or ""), "bold"),
                    "\n",
                    (terminal_line(file_report.path), "dim"),
                ),
                file_report.as_of_text,
                status_text(file_report.status),
                level.level if level else "",
                *figures,
            )
        else:
            symbol, style = STATUS_STYLE[Status.RED]
            table.add_row(
                Text(terminal_line(file_report.path), style="dim"),
                "",
                Text(f"{symbol} invalid", style=style),
                "",
                *figures,
            )
    return table


def _where(entry: PersonEntry | OrganisationEntry) -> str:
    return f"{entry.path}:{entry.line}"


def _as_person(entry: PersonEntry) -> str:
    state = "" if entry.current else " (not current)"
    return f"{entry.name}, {entry.organisation or 'no organisation'}, in {entry.partnership}{state}"


def _as_organisation(entry: OrganisationEntry) -> str:
    state = "" if entry.active else " (not active)"
    return f"{entry.name} ({entry.id}) in {entry.partnership}{state}"


Shared = tuple[str, str, list[tuple[str, str]]]
"""A person or organisation in several partnerships: its name, what it is counted in, and each
place it appears (what it appears as, and the file and line)."""


def _shared(what: str, shared: list[Shared]) -> list[RenderableType]:
    """People or organisations in several partnerships: each name in bold with its counts, then
    each place it appears, with the file and line."""
    if not shared:
        return [indented(f"no {what} appears in more than one partnership", "dim", 2)]
    parts: list[RenderableType] = []
    for name, counted, appearances in shared:
        parts.append(Text.assemble("  ", (terminal_line(name), "bold"), f"  {counted}"))
        parts.extend(_appearance(text, where) for text, where in appearances)
    return parts


def _person(person: SharedPerson) -> Shared:
    counted = f"{person.partnerships} partnerships · {plural(len(person.tables), 'table')}"
    return person.name, counted, [(_as_person(e), _where(e)) for e in person.entries]


def _organisation(organisation: SharedOrganisation) -> Shared:
    appearances = [(_as_organisation(e), _where(e)) for e in organisation.entries]
    return organisation.name, f"{organisation.partnerships} partnerships", appearances


def _findings(portfolio: Portfolio) -> list[RenderableType]:
    if not portfolio.findings:
        return [
            indented(
                "no person current in several partnerships sits at more than "
                f"{plural(portfolio.max_networks, 'table')}",
                "dim",
                2,
            )
        ]
    parts: list[RenderableType] = []
    for finding in portfolio.findings:
        symbol, style = SEVERITY_STYLE[finding.severity]
        head = Text("  ")
        head.append(f"{symbol} {finding.severity.label:<7}", style=style)
        head.append(f" {finding.code} ", style="bold")
        head.append(finding.name)
        head.append(f" · {terminal_line(finding.subject)}", style="italic")
        parts.append(
            Group(
                head,
                indented(finding.message, indent=6),
                indented(", ".join(_where(e) for e in finding.places), "dim", 6),
            )
        )
    return parts


def _invalid(portfolio: Portfolio) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for file_report in portfolio.invalid_files:
        parts.append(Text.assemble("  ", (terminal_line(file_report.path), "bold")))
        for error in file_report.errors:
            symbol, style = SEVERITY_STYLE[error.severity]
            parts.append(
                Text.assemble(
                    "    ",
                    (f"{symbol} ", style),
                    (error.code, "bold"),
                    f" {error.name}  ",
                    (f"{terminal_line(file_report.path)}:{error.line}:{error.column}", "dim"),
                )
            )
            parts.append(indented(error.message, indent=6))
    return parts


def render(portfolio: Portfolio, options: RenderOptions) -> str:
    sections: list[tuple[str, list[RenderableType]]] = [
        ("People in several partnerships", _shared("person", [*map(_person, portfolio.people)])),
        (
            "Organisations in several partnerships",
            _shared("organisation", [*map(_organisation, portfolio.organisations)]),
        ),
        ("Portfolio findings", _findings(portfolio)),
    ]
    if portfolio.invalid_files:
        sections.append(("Invalid files", _invalid(portfolio)))
    parts: list[RenderableType] = [_heading("Partnerships"), _inventory(portfolio)]
    for title, section in sections:
        parts.extend([Text(""), _heading(title), *section])
    parts.extend([Text(""), Text(summary_line(portfolio), style="bold")])
    return text_of(parts, color=options.color, width=options.width)

"""Portfolio `markdown`: the inventory, shared people and organisations, findings, invalid files.

Text from the users' files is escaped with the `markdown` report's helpers, so it cannot break
a table or inject HTML.
"""

from __future__ import annotations

from ...analysis.dates import plural
from ...portfolio import OrganisationEntry, PersonEntry, Portfolio, counts
from .. import RenderOptions
from ..portfolio_words import summary_line
from . import INVALID, SEVERITY_EMOJI, STATUS_EMOJI, code, escape, table


def _where(entry: PersonEntry | OrganisationEntry) -> str:
    return code(f"{entry.path}:{entry.line}")


def _inventory(portfolio: Portfolio) -> list[str]:
    rows = []
    for file_report in portfolio.files:
        c = counts(file_report)
        if file_report.valid:
            status = file_report.status
            level = file_report.collaboration_level
            name = escape(file_report.partnership or "")
            as_of = escape(file_report.as_of_text)
            state = f"{STATUS_EMOJI[status]} {status.value}"
            level_text = escape(level.level) if level else ""
        else:
            name, as_of, level_text = "", "", ""
            state = INVALID
        cells = [name, code(file_report.path), as_of, state, level_text]
        rows.append([*cells, c.error, c.warning, c.info, c.waived])
    columns = ["Partnership", "File", "As of", "Status", "Level"]
    return table([*columns, "Errors", "Warnings", "Info", "Waived"], "<<<<<>>>>", rows)


def _as_person(entry: PersonEntry) -> str:
    state = "" if entry.current else " (not current)"
    return (
        f"{escape(entry.name)}, {escape(entry.organisation or 'no organisation')}, "
        f"{escape(entry.partnership)}{state} {_where(entry)}"
    )


def _as_organisation(entry: OrganisationEntry) -> str:
    state = "" if entry.active else " (not active)"
    return f"{escape(entry.name)}, {escape(entry.partnership)}{state} {_where(entry)}"


def _people(portfolio: Portfolio) -> list[str]:
    if not portfolio.people:
        return ["No person appears in more than one partnership."]
    rows = [
        [escape(p.name), p.partnerships, len(p.tables), "; ".join(map(_as_person, p.entries))]
        for p in portfolio.people
    ]
    return table(["Person", "Partnerships", "Tables", "Appears as"], "<>><", rows)


def _organisations(portfolio: Portfolio) -> list[str]:
    if not portfolio.organisations:
        return ["No organisation appears in more than one partnership."]
    rows = [
        [escape(o.name), o.partnerships, "; ".join(map(_as_organisation, o.entries))]
        for o in portfolio.organisations
    ]
    return table(["Organisation", "Partnerships", "Appears as"], "<><", rows)


def _findings(portfolio: Portfolio) -> list[str]:
    if not portfolio.findings:
        return [
            "No person current in several partnerships sits at more than "
            f"{plural(portfolio.max_networks, 'table')}."
        ]
    return [
        f"- {SEVERITY_EMOJI[f.severity]} {f.severity.label} **{f.code}** {escape(f.name)} · "
        f"{escape(f.subject)}: {escape(f.message)} (" + ", ".join(_where(e) for e in f.places) + ")"
        for f in portfolio.findings
    ]


def _invalid(portfolio: Portfolio) -> list[str]:
    lines: list[str] = []
    for file_report in portfolio.invalid_files:
        lines.extend(
            f"- {code(file_report.path)}: **{e.code}** {escape(e.name)}: {escape(e.message)} "
            f"({code(f'{file_report.path}:{e.line}:{e.column}')})"
            for e in file_report.errors
        )
    return lines


def render(portfolio: Portfolio, options: RenderOptions) -> str:
    lines = ["## collabgain portfolio", "", *_inventory(portfolio)]
    lines.extend(["", "### People in several partnerships", "", *_people(portfolio)])
    lines.extend(["", "### Organisations in several partnerships", "", *_organisations(portfolio)])
    lines.extend(["", "### Portfolio findings", "", *_findings(portfolio)])
    if portfolio.invalid_files:
        lines.extend(["", "### Invalid files", "", *_invalid(portfolio)])
    lines.extend(["", f"**{summary_line(portfolio)}**"])
    return "\n".join(lines) + "\n"

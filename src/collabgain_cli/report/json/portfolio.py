"""Portfolio `json`: one object whose keys and their order are documented in the README."""

from __future__ import annotations

from typing import Any

from ...portfolio import (
    OrganisationEntry,
    PersonEntry,
    Portfolio,
    PortfolioFinding,
    SharedOrganisation,
    SharedPerson,
    counts,
)
from ...safe_text import json_text
from .. import RenderOptions
from . import file_record


def _place(entry: PersonEntry | OrganisationEntry) -> dict[str, Any]:
    return {
        "path": entry.path,
        "partnership": entry.partnership,
        "id": entry.id,
        "name": entry.name,
        "pointer": entry.pointer,
        "line": entry.line,
        "column": entry.column,
    }


def _person(person: SharedPerson) -> dict[str, Any]:
    return {
        "key": person.key,
        "name": person.name,
        "partnerships": person.partnerships,
        "tables": len(person.tables),
        "table_names": list(person.tables),
        "appearances": [
            {
                **_place(e),
                "organisation": e.organisation,
                "current": e.current,
                "networks": list(e.networks),
            }
            for e in person.entries
        ],
    }


def _organisation(organisation: SharedOrganisation) -> dict[str, Any]:
    return {
        "key": organisation.key,
        "name": organisation.name,
        "partnerships": organisation.partnerships,
        "appearances": [{**_place(e), "active": e.active} for e in organisation.entries],
    }


def _finding(finding: PortfolioFinding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "subject": finding.subject,
        "message": finding.message,
        "places": [
            {"path": e.path, "pointer": e.pointer, "line": e.line, "column": e.column}
            for e in finding.places
        ],
    }


def portfolio_record(portfolio: Portfolio) -> dict[str, Any]:
    files = []
    for file_report in portfolio.files:
        c = counts(file_report)
        # Each entry is `check`'s file record, with the inventory's counts after it.
        files.append(
            {
                **file_record(file_report),
                "counts": {
                    "error": c.error,
                    "warning": c.warning,
                    "info": c.info,
                    "waived": c.waived,
                },
            }
        )
    by_severity = {
        label: sum(1 for f in portfolio.findings if f.severity.label == label)
        for label in ("error", "warning", "info")
    }
    return {
        "tool": {"name": "collabgain", "version": portfolio.tool_version},
        "max_networks": portfolio.max_networks,
        "files": files,
        "people": [_person(p) for p in portfolio.people],
        "organisations": [_organisation(o) for o in portfolio.organisations],
        "findings": [_finding(f) for f in portfolio.findings],
        "summary": {
            "files": len(portfolio.files),
            "invalid": len(portfolio.invalid_files),
            "people": len(portfolio.people),
            "organisations": len(portfolio.organisations),
            **by_severity,
        },
    }


def render(portfolio: Portfolio, options: RenderOptions) -> str:
    return json_text(portfolio_record(portfolio))

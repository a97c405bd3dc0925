"""`collabgain history --format json`: the versions, oldest first; keys as in the README."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import __version__
from ...findings import Severity
from ...history import History, Version
from ...safe_text import json_text
from . import finding_record

if TYPE_CHECKING:
    from .. import RenderOptions


def version_record(version: Version) -> dict[str, Any]:
    report = version.report
    level = report.collaboration_level
    counts = version.counts
    return {
        "commit": version.commit.commit,
        "date": version.commit.date,
        "subject": version.commit.subject,
        "path": version.commit.path,
        "valid": report.valid,
        "partnership": report.partnership,
        "as_of": report.as_of_text or None,
        "status": report.status.value if report.valid else None,
        "principles": {p.id: p.status.value for p in report.principles},
        "counts": {
            "error": counts[Severity.ERROR],
            "warning": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
            "waived": version.waived,
        },
        "collaboration_level": level.level if level else None,
        "errors": [finding_record(e) for e in report.errors],
    }


def render(found: History, options: RenderOptions) -> str:
    record = {
        "tool": {"name": "collabgain", "version": __version__},
        "path": found.path,
        "versions": [version_record(v) for v in found.versions],
    }
    return json_text(record)

"""`collabgain history --format markdown`: a table of versions, oldest first, and a sparkline.

Commit subjects and paths come from the repository and are escaped as in the `markdown`
report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...findings import Severity, Status
from ...history import INVALID_MARK, History, Version, sparkline
from . import INVALID, STATUS_EMOJI, code, escape, row

if TYPE_CHECKING:
    from .. import RenderOptions


def _row(found: History, version: Version) -> str:
    report = version.report
    statuses = {p.id: p.status for p in report.principles}
    cells = [
        escape(version.commit.date[:10]),
        code(version.commit.commit[:7]),
        escape(version.commit.subject),
    ]
    for _number, principle_id, _title in found.principles:
        status = statuses.get(principle_id)
        cells.append(STATUS_EMOJI[status] if status is not None else "")
    counts = version.counts
    cells.extend(str(counts[s]) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    level = report.collaboration_level
    if report.valid:
        cells.append(escape(level.level) if level else "")
    else:
        cells.append(INVALID)
    return row(cells)


def render(found: History, options: RenderOptions) -> str:
    count = len(found.versions)
    warnings = found.warnings
    spark = sparkline(warnings)
    note = f" ({INVALID_MARK}: invalid version)" if None in warnings else ""
    titles = [escape(title) for _number, _id, title in found.principles]
    legend = " · ".join(
        f"{STATUS_EMOJI[s]} {s.value}"
        for s in (Status.GREEN, Status.AMBER, Status.RED, Status.NOT_ASSESSED)
    )
    lines = [
        f"## collabgain history: {code(found.path)}",
        "",
        f"{count} committed version{'s' if count != 1 else ''}, oldest first. "
        f"Warnings over time: `{spark}`{note}",
        "",
        "| Date | Commit | Subject | "
        + " | ".join(titles)
        + " | Errors | Warnings | Info | Level |",
        "| --- | --- | --- | "
        + " | ".join(":-:" for _ in titles)
        + " | ---: | ---: | ---: | --- |",
    ]
    lines.extend(_row(found, v) for v in found.versions)
    lines.extend(["", legend])
    return "\n".join(lines) + "\n"

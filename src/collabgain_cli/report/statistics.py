"""`check --statistics`: how many findings each rule raised over the run, as ruff has it.

One row per code that fired (validity errors included), most frequent first, then by code:
the count of unwaived findings, the code, the rule's name and its severity; waived findings
are counted apart and never in the first column. `text` lines up the columns; `json` is a list
of objects with `code`, `name`, `severity`, `count` and `waived`.
"""

from __future__ import annotations

import dataclasses
import json

from ..analysis.dates import plural
from ..findings import Report
from . import RenderOptions


@dataclasses.dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    severity: str
    count: int
    waived: int


def counts(report: Report) -> list[RuleCount]:
    """A count per code that fired, most frequent first, then by code."""
    seen: dict[str, tuple[str, str, list[int]]] = {}
    for file_report in report.files:
        for finding in file_report.all_findings:
            _, _, tally = seen.setdefault(
                finding.code, (finding.name, finding.severity.label, [0, 0])
            )
            tally[1 if finding.waived else 0] += 1
    rows = [
        RuleCount(code, name, severity, n, w) for code, (name, severity, [n, w]) in seen.items()
    ]
    return sorted(rows, key=lambda r: (-r.count, -r.waived, r.code))


def render_json(report: Report, options: RenderOptions) -> str:
    """The counts as a JSON list, for `--statistics --format json`."""
    return json.dumps([dataclasses.asdict(r) for r in counts(report)], indent=2) + "\n"


def render_text(report: Report, options: RenderOptions) -> str:
    """The counts as aligned lines, for `--statistics` in any other format."""
    rows = counts(report)
    if not rows:
        return "no findings\n"
    width = max(len(str(r.count)) for r in rows)
    name_width = max(len(r.name) for r in rows)
    lines = []
    for r in rows:
        waived = f"  (+{r.waived} waived)" if r.waived else ""
        lines.append(
            f"{r.count:>{width}}  {r.code}  {r.name:<{name_width}}  {r.severity}{waived}".rstrip()
        )
    total = sum(r.count for r in rows)
    lines.append(f"{plural(total, 'finding')} from {plural(len(rows), 'code')}")
    return "\n".join(lines) + "\n"

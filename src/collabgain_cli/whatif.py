"""What if some organisations left: re-run the checks without them and say what changes.

The organisations named leave on the as-of date (status `former`, `left` that day) and so do
their people; nothing else in the file changes, so an activity they lead or a chair they hold
is now held by a member that has left, which is just what the checks should then report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from .analysis.facts import Facts, org_names
from .engine import Settings
from .findings import FileReport, Finding, Report, Status, unmatched
from .loader import load_path
from .model import OrgStatus, Partnership
from .pipeline import check_prepared, prepare
from .report import RenderOptions
from .safe_text import json_text, terminal_line


class UnknownOrganisation(ValueError):
    """`--without` names an organisation the file does not have: a usage error."""


@dataclasses.dataclass(frozen=True)
class StatusChange:
    principle: str
    title: str
    before: Status
    after: Status


@dataclasses.dataclass(frozen=True)
class WhatIf:
    """What changes in one file's report when some organisations leave."""

    without: tuple[str, ...]
    as_of: dt.date
    appeared: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    status_changes: tuple[StatusChange, ...]
    parts_before: int
    parts_after: int
    split: bool
    parts: tuple[tuple[str, ...], ...]
    """The parts the remaining active organisations fall into, largest first."""
    status_before: Status
    status_after: Status
    level_before: str | None
    level_after: str | None
    not_active: tuple[str, ...] = ()
    """Organisations named that were not active members on the as-of date anyway."""


@dataclasses.dataclass(frozen=True)
class Outcome:
    """One file: the report of the changed partnership, and what changed (None if invalid)."""

    report: FileReport
    what_if: WhatIf | None


def without_organisations(
    partnership: Partnership, org_ids: Iterable[str], as_of: dt.date
) -> Partnership:
    """The partnership as if these organisations and their people had left on `as_of`."""
    leaving = set(org_ids)

    def leaves(left: dt.date | None) -> dt.date:
        # Someone who had already left keeps their own date.
        return left if left is not None and left <= as_of else as_of

    organisations = tuple(
        org.model_copy(update={"status": OrgStatus.FORMER, "left": leaves(org.left)})
        if org.id in leaving
        else org
        for org in partnership.organisations
    )
    people = tuple(
        person.model_copy(update={"left": leaves(person.left)})
        if person.organisation in leaving
        else person
        for person in partnership.people
    )
    return partnership.model_copy(update={"organisations": organisations, "people": people})


def _parts(partnership: Partnership, as_of: dt.date) -> list[tuple[str, ...]]:
    parts = Facts(partnership, as_of).network.components()
    # Largest first; parts of equal size keep the file's order.
    return sorted((tuple(p) for p in parts), key=len, reverse=True)


def compare(
    before: FileReport,
    after: FileReport,
    original: Partnership,
    changed: Partnership,
    without: Sequence[str],
    as_of: dt.date,
) -> WhatIf:
    """What differs between the report before and after the organisations left."""
    statuses = {p.id: p.status for p in before.principles}
    changes = tuple(
        StatusChange(p.id, p.title, statuses[p.id], p.status)
        for p in after.principles
        if p.id in statuses and statuses[p.id] is not p.status
    )
    parts_before = _parts(original, as_of)
    parts_after = _parts(changed, as_of)
    where_after = {org: index for index, part in enumerate(parts_after) for org in part}
    # A split: members that could reach each other before cannot any more.
    split = any(
        len({where_after[org] for org in part if org in where_after}) > 1 for part in parts_before
    )
    active = Facts(original, as_of).active_ids
    return WhatIf(
        without=tuple(without),
        as_of=as_of,
        appeared=unmatched(after.findings, before.findings),
        resolved=unmatched(before.findings, after.findings),
        status_changes=changes,
        parts_before=len(parts_before),
        parts_after=len(parts_after),
        split=split,
        parts=tuple(parts_after),
        status_before=before.status,
        status_after=after.status,
        level_before=before.collaboration_level.level if before.collaboration_level else None,
        level_after=after.collaboration_level.level if after.collaboration_level else None,
        not_active=tuple(org for org in without if org not in active),
    )


def check_unknown(path: str, partnership: Partnership, without: Sequence[str]) -> None:
    """Raise UnknownOrganisation for the first id the file has no organisation for."""
    ids = [o.id for o in partnership.organisations]
    for org in without:
        if org not in ids:
            close = difflib.get_close_matches(org, ids, n=1)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else f"; `collabgain map {path}` lists its organisations"
            )
            raise UnknownOrganisation(f"--without: {path} has no organisation {org!r}{hint}")


def run_what_if(files: Sequence[str], settings: Settings, without: Sequence[str]) -> list[Outcome]:
    """For every file, the report as if `without` had left, and what that changes."""
    names = tuple(dict.fromkeys(without))
    outcomes = []
    for path in files:
        ready = prepare(load_path(path), settings)
        original, as_of = ready.partnership, ready.as_of
        if original is None or as_of is None:
            outcomes.append(Outcome(check_prepared(ready, settings).report, None))
            continue
        check_unknown(ready.path, original, names)
        changed = without_organisations(original, names, as_of)
        before = check_prepared(ready, settings).report
        after = check_prepared(dataclasses.replace(ready, partnership=changed), settings).report
        outcomes.append(Outcome(after, compare(before, after, original, changed, names, as_of)))
    return outcomes


# --------------------------------------------------------------------------- rendering


def what_if_record(what_if: WhatIf) -> dict[str, Any]:
    """The `what_if` object added to a file's JSON record, keys in the documented order."""
    from .report.json import finding_record

    return {
        "without": list(what_if.without),
        "findings_appeared": [finding_record(f) for f in what_if.appeared],
        "findings_resolved": [finding_record(f) for f in what_if.resolved],
        "status_changes": [
            {"principle": c.principle, "before": c.before.value, "after": c.after.value}
            for c in what_if.status_changes
        ],
        "network": {
            "parts_before": what_if.parts_before,
            "parts_after": what_if.parts_after,
            "split": what_if.split,
            "parts": [list(part) for part in what_if.parts],
        },
        "status": {"before": what_if.status_before.value, "after": what_if.status_after.value},
        "collaboration_level": {"before": what_if.level_before, "after": what_if.level_after},
        "not_active": list(what_if.not_active),
    }


@dataclasses.dataclass(frozen=True)
class WhatIfRun:
    """A what-if run: the report of the changed partnerships, and each file's outcome."""

    report: Report
    outcomes: tuple[Outcome, ...]


def render_json(run: WhatIfRun, options: RenderOptions) -> str:

    from .report.json import report_record

    record = report_record(run.report)
    for file_record, outcome in zip(record["files"], run.outcomes, strict=True):
        if outcome.what_if is not None:
            file_record["what_if"] = what_if_record(outcome.what_if)
    return json_text(record)


def heading(what_if: WhatIf) -> str:
    return f"What if {org_names(what_if.without)} left on {what_if.as_of.isoformat()}"


def render_text(run: WhatIfRun, options: RenderOptions) -> str:
    """The normal text report of the changed partnerships, then what changed in each."""
    from rich.console import RenderableType
    from rich.text import Text

    from .render import render
    from .report.text import text_of

    show_paths = len(run.outcomes) > 1
    parts: list[RenderableType] = []
    for outcome in run.outcomes:
        if outcome.what_if is not None:
            parts.append(Text(""))
            parts.extend(_section(outcome.report.path, outcome.what_if, show_path=show_paths))
    return render("check", "text", run.report, options) + text_of(
        parts, color=options.color, width=options.width
    )


def _section(path: str, what_if: WhatIf, *, show_path: bool) -> list[Any]:
    from rich.text import Text

    from .analysis.dates import plural
    from .report.text import SEVERITY_STYLE, indented, status_text

    parts: list[Any] = [Text(heading(what_if), style="bold underline")]
    if show_path:
        parts.append(Text(terminal_line(path), style="dim"))
    if what_if.not_active:
        names = org_names(what_if.not_active)
        verb = "was not an active member" if len(what_if.not_active) == 1 else "were not active"
        parts.append(indented(f"{names} {verb} on that date", indent=2))
    parts.append(
        indented(
            Text.assemble(
                "status ",
                status_text(what_if.status_before),
                " → ",
                status_text(what_if.status_after),
                f" · level {what_if.level_before} → {what_if.level_after}",
            ),
            indent=2,
        )
    )
    network = f"network: {plural(what_if.parts_before, 'part')} before, {what_if.parts_after} after"
    if what_if.split:
        listed = "; ".join(org_names(part) for part in what_if.parts)
        network += f"; it splits: {listed}"
    else:
        network += "; no split"
    parts.append(indented(network, indent=2))
    if what_if.status_changes:
        parts.append(indented(Text("Principles whose status changes", style="bold"), indent=2))
        for change in what_if.status_changes:
            parts.append(
                indented(
                    Text.assemble(
                        f"{change.title}: ",
                        status_text(change.before),
                        " → ",
                        status_text(change.after),
                    ),
                    indent=4,
                )
            )
    for label, findings in (
        ("Findings that appear", what_if.appeared),
        ("Findings resolved", what_if.resolved),
    ):
        if not findings:
            parts.append(indented(f"{label}: none", indent=2))
            continue
        parts.append(indented(Text(f"{label} ({len(findings)})", style="bold"), indent=2))
        for finding in findings:
            symbol, style = SEVERITY_STYLE[finding.severity]
            head = Text.assemble(
                (f"{symbol} {finding.severity.label:<7}", style),
                (f" {finding.code} ", "bold"),
                finding.name,
                (
                    f" · {terminal_line(finding.subject)}"
                    if finding.subject != "partnership"
                    else "",
                    "italic",
                ),
            )
            parts.append(indented(head, indent=4))
            parts.append(indented(finding.message, indent=8))
            parts.append(
                indented(Text(f"{terminal_line(path)}:{finding.line}", style="dim"), indent=8)
            )
    return parts

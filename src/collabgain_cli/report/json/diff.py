"""`collabgain diff --format json`: one object; its keys and their order are in the README."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import __version__
from ...diffing import DECISION_WINDOW_MONTHS, MemberChange, PartnershipDiff, Shares
from ...findings import FileReport, Status
from ...safe_text import json_text
from . import finding_record

if TYPE_CHECKING:
    from .. import RenderOptions


def _side(report: FileReport) -> dict[str, Any]:
    level = report.collaboration_level
    return {
        "path": report.path,
        "valid": report.valid,
        "partnership": report.partnership,
        "as_of": report.as_of_text or None,
        "status": report.status.value if report.valid else None,
        "collaboration_level": level.level if level else None,
        "errors": [finding_record(e) for e in report.errors],
    }


def _member(change: MemberChange) -> dict[str, Any]:
    record: dict[str, Any] = {"id": change.id, "name": change.name}
    if change.organisation is not None:
        record["organisation"] = change.organisation
    record["detail"] = change.detail
    return record


def _share(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _shares(shares: Shares) -> list[dict[str, Any]]:
    return [
        {"id": row.id, "before": _share(row.before), "after": _share(row.after)}
        for row in shares.rows
    ]


def _status(status: Status | None) -> str | None:
    return status.value if status is not None else None


def diff_record(diff: PartnershipDiff) -> dict[str, Any]:
    record: dict[str, Any] = {
        "tool": {"name": "collabgain", "version": __version__},
        "old": _side(diff.old),
        "new": _side(diff.new),
        "comparable": diff.comparable,
    }
    if not diff.comparable or diff.decisions is None:
        return record
    record.update(
        {
            "organisations": {
                "joined": [_member(c) for c in diff.orgs_joined],
                "left": [_member(c) for c in diff.orgs_left],
            },
            "people": {
                "joined": [_member(c) for c in diff.people_joined],
                "left": [_member(c) for c in diff.people_left],
            },
            "chair": {
                "before": [
                    {"organisation": s.organisation, "person": s.person} for s in diff.chairs_before
                ],
                "after": [
                    {"organisation": s.organisation, "person": s.person} for s in diff.chairs_after
                ],
                "changed": diff.chair_changed,
            },
            "decision_shares": {
                "window_months": DECISION_WINDOW_MONTHS,
                "decisions_before": int(diff.decisions.total_before),
                "decisions_after": int(diff.decisions.total_after),
                "organisations": _shares(diff.decisions),
            },
            "funding_shares": [
                {
                    "currency": shares.unit,
                    "total_before": shares.total_before,
                    "total_after": shares.total_after,
                    "organisations": _shares(shares),
                }
                for shares in diff.funding
            ],
            "aims": [
                {"id": a.id, "text": a.text, "before": a.before, "after": a.after}
                for a in diff.aims
            ],
            "findings": {
                "appeared": [finding_record(c.finding) for c in diff.appeared],
                "resolved": [
                    {**finding_record(c.finding), "waived_now": c.waived_by} for c in diff.resolved
                ],
            },
            "principles": [
                {
                    "id": p.id,
                    "before": _status(p.before),
                    "after": _status(p.after),
                    "changed": p.changed,
                }
                for p in diff.principles
            ],
            "collaboration_level": {
                "before": diff.level_before,
                "after": diff.level_after,
                "changed": diff.level_before != diff.level_after,
            },
        }
    )
    return record


def render(diff: PartnershipDiff, options: RenderOptions) -> str:
    return json_text(diff_record(diff))

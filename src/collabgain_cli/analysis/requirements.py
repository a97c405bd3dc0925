"""What data each rule needs to run, declared once: a rule names these in `needs=`.

When a requirement is not met the rule does not run and its principle's coverage says
what to add, e.g. "add `decisions` (the decisions log)".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .facts import Facts


class Requirement(NamedTuple):
    met: Callable[[Facts], bool]
    hint: str


REQUIREMENTS: dict[str, Requirement] = {
    "established": Requirement(
        lambda f: f.partnership.partnership.established is not None,
        "add `partnership.established`",
    ),
    "people": Requirement(lambda f: bool(f.partnership.people), "add `people`"),
    "aims": Requirement(lambda f: bool(f.partnership.aims), "add the shared `aims`"),
    "activities": Requirement(lambda f: bool(f.partnership.activities), "add `activities`"),
    "decisions": Requirement(
        lambda f: bool(f.partnership.decisions), "add `decisions` (the decisions log)"
    ),
    "funding": Requirement(lambda f: bool(f.partnership.funding), "add `funding`"),
    "meetings": Requirement(lambda f: bool(f.partnership.meetings), "add `meetings`"),
    "changes": Requirement(lambda f: bool(f.partnership.changes), "add `changes`"),
    "commitments": Requirement(lambda f: bool(f.partnership.commitments), "add `commitments`"),
    "assessments": Requirement(
        lambda f: bool(f.partnership.assessments), "add members' `assessments`"
    ),
    "governance": Requirement(lambda f: f.partnership.governance is not None, "add `governance`"),
    "bodies": Requirement(
        lambda f: bool(f.partnership.governance and f.partnership.governance.bodies),
        "add `governance.bodies`",
    ),
    "chairs": Requirement(
        lambda f: bool(f.partnership.governance and f.partnership.governance.chairs),
        "add `governance.chairs`",
    ),
    "learning": Requirement(lambda f: f.partnership.learning is not None, "add `learning`"),
    "ties": Requirement(
        lambda f: bool(
            f.partnership.activities
            or f.partnership.decisions
            or f.partnership.meetings
            or (f.partnership.governance and f.partnership.governance.bodies)
        ),
        "add `activities`, `decisions`, `meetings` or `governance.bodies`",
    ),
    "working-ties": Requirement(
        # The members' network (RULES.md) is made of these; a seat on a body ties nobody, so
        # bodies alone would make every member look isolated for lack of data.
        lambda f: bool(
            f.partnership.activities or f.partnership.decisions or f.partnership.meetings
        ),
        "add `activities`, `decisions` or `meetings`",
    ),
    "leadership-records": Requirement(
        lambda f: bool(
            f.partnership.activities
            or (f.partnership.governance and f.partnership.governance.chairs)
        ),
        "add `activities` or `governance.chairs`",
    ),
    "milestones": Requirement(
        lambda f: any(a.milestones for a in f.partnership.activities),
        "add `milestones` to activities",
    ),
}

"""Members' own view: their ratings of the partnership, principle by principle (assessments)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from ..findings import Severity
from ..model import PrincipleId
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "members-view"
MIN_RESPONDENTS = 3
"""Fewest respondents whose mean score CG952 judges (RULES.md)."""
HIGH_RATING = 4
"""A mean score at or above this is a high rating (CG953)."""


class Score(NamedTuple):
    """One respondent's latest score for a principle, and where it is in the file."""

    by: str
    score: int
    path: tuple[str | int, ...]


def latest_scores(facts: Facts) -> dict[PrincipleId, list[Score]]:
    """For each principle rated, each respondent's score from their latest assessment of it.

    A respondent whose latest assessment skips a principle keeps their earlier score for it;
    of two assessments on the same date, the later in the file counts.
    """
    latest: dict[tuple[PrincipleId, str], tuple[dt.date, Score]] = {}
    for index, assessment in enumerate(facts.partnership.assessments):
        for principle, score in assessment.scores.items():
            key = (principle, assessment.by)
            if key not in latest or assessment.date >= latest[key][0]:
                path = ("assessments", index, "scores", principle.value)
                latest[key] = (assessment.date, Score(assessment.by, score, path))
    out: dict[PrincipleId, list[Score]] = {}
    for principle in PrincipleId:
        scores = [s for (p, _), (_, s) in latest.items() if p is principle]
        if scores:
            out[principle] = scores
    return out


def _who(scores: list[Score], value: int) -> str:
    return ", ".join(s.by for s in scores if s.score == value)


def _mean(scores: list[Score]) -> tuple[float, str]:
    """The mean score, and the sum over the count that it comes from (e.g. '8/3')."""
    total = sum(s.score for s in scores)
    return total / len(scores), f"{total}/{len(scores)}"


class GapOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_gap: int = Field(
        3,
        ge=1,
        le=4,
        description="Smallest difference between the highest and lowest score that is a finding.",
    )


@rule(
    "CG951",
    "perception-gap",
    PRINCIPLE,
    Severity.WARNING,
    options=GapOptions,
    needs=("assessments",),
)
def perception_gap(facts: Facts, options: GapOptions) -> Iterator[Hit]:
    """Finds a principle on which members see the partnership very differently.

    What it finds:
    A principle whose latest scores from different respondents span at least `min_gap`
    (highest minus lowest); one finding per principle, pointing at the lowest score.

    Why it matters:
    A wide spread of scores is hidden disagreement: some partners think all is well while
    others are unhappy, and the unhappy ones are often the less powerful partners who do not
    say so in meetings.

    How to fix:
    Discuss the principle openly with the partners who scored it lowest and highest, agree
    what lies behind the difference, and act on it.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Community Trust}
    assessments:
      - {by: council, date: 2026-09-01, scores: {balance-of-power: 5}}
      - {by: trust, date: 2026-09-01, scores: {balance-of-power: 1}}
    ```
    """
    for principle, scores in latest_scores(facts).items():
        low = min(scores, key=lambda s: s.score)
        high = max(s.score for s in scores)
        gap = high - low.score
        if gap >= options.min_gap:
            yield Hit(
                principle.value,
                f"latest scores for '{principle.value}' range from {low.score} "
                f"({_who(scores, low.score)}) to {high} ({_who(scores, high)}), "
                f"a gap of {gap} (>= {options.min_gap})",
                low.path,
            )


class MeanOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_mean: float = Field(
        3.0,
        ge=1,
        le=5,
        description="Mean of the latest scores below which a principle is rated low.",
    )


@rule(
    "CG952",
    "low-rated-principle",
    PRINCIPLE,
    Severity.WARNING,
    options=MeanOptions,
    needs=("assessments",),
)
def low_rated_principle(facts: Facts, options: MeanOptions) -> Iterator[Hit]:
    """Finds a principle that members rate low.

    What it finds:
    A principle whose mean of the latest scores (one per respondent) is below `min_mean`,
    where at least 3 respondents scored it; the finding points at the lowest score.

    Why it matters:
    The partners' own view is evidence the file cannot otherwise hold. On Wilder's bands a
    mean under 3 is a concern: the partners themselves see a weakness to address.

    How to fix:
    Take the principle to the partners, ask those who scored it lowest what would raise
    their score, and agree a change.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Community Trust}
      - {id: college, name: City College}
    assessments:
      - {by: council, date: 2026-09-01, scores: {building-trust: 3}}
      - {by: trust, date: 2026-09-01, scores: {building-trust: 2}}
      - {by: college, date: 2026-09-01, scores: {building-trust: 2}}
    ```
    """
    for principle, scores in latest_scores(facts).items():
        if len(scores) < MIN_RESPONDENTS:
            continue
        mean, fraction = _mean(scores)
        if mean < options.min_mean:
            low = min(scores, key=lambda s: s.score)
            yield Hit(
                principle.value,
                f"members rate '{principle.value}' {mean:.2f} on average over "
                f"{len(scores)} respondents' latest scores ({fraction} < {options.min_mean})",
                low.path,
            )


@rule(
    "CG953",
    "view-contradicts-structure",
    PRINCIPLE,
    Severity.INFO,
    needs=("assessments",),
    late=True,
)
def view_contradicts_structure(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a principle that members rate highly while the checks find problems with it.

    What it finds:
    A principle whose mean of the latest scores is 4 or more while its rules raise warnings
    or errors that are not waived; the finding points at the highest score.

    Why it matters:
    When the partners' view and the evidence in the file disagree, one of them is wrong:
    either the file is out of date, or the partners are not seeing a problem (often because
    those it affects are not the ones answering).

    How to fix:
    Show the partners the findings behind the principle and ask whether they still rate it
    as highly; correct the file if it is out of date.

    Example:
    ```yaml
    partnership: {name: Example, as_of: 2026-11-01}
    assessments:
      - {by: council, date: 2026-09-01, scores: {managing-aims: 5}}
    ```
    """
    for principle, scores in latest_scores(facts).items():
        mean, fraction = _mean(scores)
        if mean < HIGH_RATING:
            continue
        raised = [
            f
            for f in facts.findings
            if f.principle == principle.value and f.severity >= Severity.WARNING and not f.waived
        ]
        if not raised:
            continue
        errors = sum(1 for f in raised if f.severity is Severity.ERROR)
        warnings = len(raised) - errors
        counts = " and ".join(
            f"{n} {word}{'' if n == 1 else 's'}"
            for n, word in ((errors, "error"), (warnings, "warning"))
            if n
        )
        codes = ", ".join(sorted({f.code for f in raised}))
        high = max(scores, key=lambda s: s.score)
        yield Hit(
            principle.value,
            f"members rate '{principle.value}' {mean:.2f} on average ({fraction} >= "
            f"{HIGH_RATING}), yet its rules raise {counts} ({codes})",
            high.path,
        )

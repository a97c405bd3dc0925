"""Members' own view: their ratings of the partnership, principle by principle (assessments)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..analysis.dates import plural
from ..findings import Severity
from ..model import PrincipleId
from ..titles import principle_title
from . import Earlier, Hit, rule
from .options import NoOptions, Options

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "members-view"
MIN_RESPONDENTS = 3
"""Fewest respondents whose mean score CG952 judges (RULES.md)."""
HIGH_RATING = 4
"""A mean score at or above this is a high rating (CG953)."""
MIN_RULES = 2
"""How many different rules of a principle must raise concerns for CG953 (RULES.md)."""


def rated(facts: Facts, months: int) -> dict[PrincipleId, list[float]]:
    """Each rated principle's scores from current respondents (one each), in principle order."""
    scored = facts.principle_scores(months)
    return {p: [score for _, score in scored[p]] for p in PrincipleId if p in scored}


def _judged(facts: Facts, months: int) -> Iterator[tuple[PrincipleId, list[float], str]]:
    """Each principle enough current respondents rated to judge (CG951, CG952), their
    scores, and how a message begins: '3 members rate building trust'."""
    for principle, scores in rated(facts, months).items():
        if len(scores) >= MIN_RESPONDENTS:
            title = principle_title(principle.value).lower()
            yield principle, scores, f"{len(scores)} members rate {title}"


def number(value: float) -> str:
    """A score or mean as people write it: '4', '3.5', '2.7'."""
    return f"{value:.1f}".removesuffix(".0")


def spread(scores: list[float]) -> str:
    """'scores from 1 to 5', without saying who gave which."""
    return f"scores from {number(min(scores))} to {number(max(scores))}"


WINDOW_DESCRIPTION = "Months back from the as-of date within which an assessment counts."


def _assessment_window() -> Any:
    """The window of CG951 and CG952: months back in which an assessment counts."""
    return Field(24, ge=1, le=1200, description=WINDOW_DESCRIPTION)


def _score_option(default: float, most: float, description: str) -> Any:
    """An option on the assessments' scale of scores: from 1 to `most`."""
    return Field(default, ge=1, le=most, description=description)


class GapOptions(Options):
    min_gap: float = _score_option(
        3, 4, "Smallest difference between the highest and lowest score that is a finding."
    )
    window_months: int = _assessment_window()


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
    A principle that at least 3 current respondents rated, whose scores span at least
    `min_gap` (highest minus lowest). Only current respondents count: people still taking
    part and member organisations, each by their latest assessment within `window_months`;
    each anonymous response is a respondent of its own. The message gives the count and the
    spread, never who gave which score.

    Why it matters:
    A wide spread of scores is hidden disagreement: some partners think all is well while
    others are unhappy, and the unhappy ones are often the less powerful partners who do not
    say so in meetings.

    How to fix:
    Discuss the principle openly with the partners, without asking who scored what, agree
    what lies behind the difference, and act on it.

    Example:
    ```yaml
    organisations:
      - {id: council, name: City Council}
      - {id: trust, name: Community Trust}
      - {id: college, name: City College}
    assessments:
      - {by: council, date: 2026-09-01, scores: {balance-of-power: 5}}
      - {by: trust, date: 2026-09-01, scores: {balance-of-power: 1}}
      - {by: college, date: 2026-09-01, scores: {balance-of-power: 3}}
    ```
    """
    for principle, scores, who_rate in _judged(facts, options.window_months):
        gap = max(scores) - min(scores)
        if gap >= options.min_gap:
            yield Hit(
                principle.value,
                f"{who_rate} very differently: {spread(scores)}, a gap of {number(gap)} "
                f"(a gap of {number(options.min_gap)} or more is hidden disagreement)",
                ("assessments",),
            )


class MeanOptions(Options):
    min_mean: float = _score_option(
        3.0, 5, "Mean of the latest scores below which a principle is rated low."
    )
    window_months: int = _assessment_window()


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
    A principle whose mean score from current respondents (one score each: see CG951) is
    below `min_mean`, where at least 3 of them rated it.

    Why it matters:
    The partners' own view is evidence the file cannot otherwise hold. On Wilder's bands a
    mean under 3 is a concern: the partners themselves see a weakness to address. A low
    rating also makes the principle's status amber, or red if its own rules warn too.

    How to fix:
    Take the principle to the partners, ask what would raise their score, and agree a
    change.

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
    for principle, scores, who_rate in _judged(facts, options.window_months):
        mean = sum(scores) / len(scores)
        if mean < options.min_mean:
            yield Hit(
                principle.value,
                f"{who_rate} {number(mean)} out of 5 on average ({spread(scores)}); under "
                f"{number(options.min_mean)} is a concern",
                ("assessments",),
            )


@rule(
    "CG953",
    "view-contradicts-structure",
    PRINCIPLE,
    Severity.INFO,
    needs=("assessments",),
    late=True,
)
def view_contradicts_structure(facts: Facts, options: NoOptions, earlier: Earlier) -> Iterator[Hit]:
    """Finds a principle that members rate highly while the checks find problems with it.

    What it finds:
    A principle that current respondents (see CG951) rate 4 or more on average while at
    least two different rules of that principle raise warnings or errors that are not waived.

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
    window = getattr(facts.options.get("CG951"), "window_months", 24)
    for principle, scores in rated(facts, window).items():
        mean = sum(scores) / len(scores)
        if mean < HIGH_RATING:
            continue
        raised = [
            f
            for f in earlier.findings
            if f.principle == principle.value and f.severity >= Severity.WARNING and not f.waived
        ]
        codes = sorted({f.code for f in raised})
        if len(codes) < MIN_RULES:
            continue
        yield Hit(
            principle.value,
            f"{plural(len(scores), 'member')} rate {principle_title(principle.value).lower()} "
            f"{number(mean)} out of 5 on average, yet {len(codes)} of its checks raise "
            f"concerns ({', '.join(codes)})",
            ("assessments",),
        )

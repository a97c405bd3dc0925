"""What current respondents say about each principle, beside what the records show.

Who counts (RULES.md, "current respondent"), measured back from the as-of date over the
window (`window_months` of CG951, 24 unless configured):
- a named assessment counts when its `by` is a person current on the as-of date or a member
  organisation (active, not an observer), and only that respondent's latest assessment within
  the window counts (of two on one date, the later in the file);
- each anonymous assessment within the window is a respondent of its own, unless it names an
  organisation that is not a member;
- an assessment dated after the as-of date does not count yet.

No figure about a group of fewer than `MIN_GROUP` respondents is shown: such a principle shows
only how many responded. Nothing names a respondent, and the free comments (kept under
`x-comment`) are shown only when asked for, in alphabetical order, never with a date or an
organisation, and not at all for fewer than `MIN_GROUP` respondents.

Members and records are compared principle by principle, as CG951-CG953 do: a spread of at
least `min_gap` (CG951) is hidden disagreement; a mean under `min_mean` (CG952) with no
concern in the records, or a mean of 4 or more while the records raise concerns (CG953), is a
disagreement between members and records; a low mean with concerns, or a high mean with none,
is agreement.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from ..analysis.facts import Facts
from ..findings import FileReport, Severity, Status
from ..model import Assessment, Partnership, Role
from ..principles import load_catalogue

MIN_GROUP = 3
"""Fewest respondents any figure may describe."""
HIGH_MEAN = Decimal(4)
"""A mean at or above this is a high rating (CG953)."""
WINDOW_MONTHS, MIN_GAP, MIN_MEAN = 24, 3, Decimal("3.0")
"""The defaults of CG951's window and gap and CG952's limit, when the rules do not say."""


class Comparison(enum.Enum):
    """How members' view of a principle and the records compare."""

    BOTH_WELL = "agree: both see it going well"
    BOTH_CONCERN = "agree: both see a problem"
    MEMBERS_HIGHER = "differ: members rate it highly, the records raise concerns"
    MEMBERS_LOWER = "differ: members rate it low, the records raise no concern"
    MIDDLING_CONCERN = "partly: members rate it middling, the records raise concerns"
    MIDDLING_WELL = "partly: members rate it middling, the records raise no concern"
    NO_RECORDS = "the records cannot say (not assessed)"
    TOO_FEW = "too few respondents to compare"

    @property
    def agrees(self) -> bool | None:
        if self in (Comparison.BOTH_WELL, Comparison.BOTH_CONCERN):
            return True
        if self in (Comparison.MEMBERS_HIGHER, Comparison.MEMBERS_LOWER):
            return False
        return None


@dataclasses.dataclass(frozen=True)
class PrincipleView:
    """One principle: its respondents' scores, and the records' status and concerns."""

    principle: str
    title: str
    respondents: int
    mean: Decimal | None
    """To one decimal (comparisons use the exact mean); None for under MIN_GROUP respondents."""
    lowest: Decimal | None
    highest: Decimal | None
    distribution: tuple[int, ...] | None
    """How many scores round to 1, 2, 3, 4 and 5 (halves up)."""
    status: str
    concerns: tuple[str, ...]
    """The principle's rules that raise unwaived warnings or errors, in plain words."""
    comparison: Comparison
    divided: bool
    """Scores span at least the CG951 gap."""

    @property
    def shown(self) -> bool:
        return self.mean is not None

    @property
    def spread(self) -> Decimal | None:
        if self.lowest is None or self.highest is None:
            return None
        return self.highest - self.lowest


@dataclasses.dataclass(frozen=True)
class Summary:
    partnership: str
    as_of: dt.date
    window_months: int
    min_gap: Decimal
    respondents: int
    anonymous: int
    left_out: tuple[tuple[str, int], ...]
    """(why, how many) for each kind of assessment that did not count."""
    principles: tuple[PrincipleView, ...]
    comments: tuple[str, ...] | None
    """None when comments were not asked for, or are withheld (too few respondents)."""
    comments_withheld: bool = False


def _is_member(facts: Facts, org_id: str) -> bool:
    org = facts.orgs.get(org_id)
    return org is not None and facts.is_active(org) and Role.OBSERVER not in org.roles


def current_respondents(
    partnership: Partnership, as_of: dt.date, months: int
) -> tuple[list[tuple[int, Assessment]], dict[str, int]]:
    """(index in the file, assessment) for each current respondent, and counts of the rest."""
    facts = Facts(partnership, as_of)
    people = {p.id: p for p in partnership.people}
    left_out: dict[str, int] = {}

    def leave(reason: str) -> None:
        left_out[reason] = left_out.get(reason, 0) + 1

    latest: dict[str, tuple[int, Assessment]] = {}
    anonymous: list[tuple[int, Assessment]] = []
    for index, assessment in enumerate(partnership.assessments):
        if assessment.date > as_of:
            leave("dated after the as-of date")
            continue
        if not facts.within(assessment.date, months):
            leave(f"older than {months} months")
            continue
        if assessment.anonymous:
            if assessment.organisation is not None and not _is_member(
                facts, assessment.organisation
            ):
                leave("anonymous, from an organisation that is not a member")
            else:
                anonymous.append((index, assessment))
            continue
        by = assessment.by or ""
        person = people.get(by)
        current = facts.is_current(person) if person is not None else _is_member(facts, by)
        if not current:
            leave("by someone no longer taking part, or not a member")
            continue
        if by in latest:
            leave("replaced by the same respondent's later assessment")
            if latest[by][1].date > assessment.date:
                continue
        latest[by] = (index, assessment)
    chosen = sorted([*latest.values(), *anonymous], key=lambda pair: pair[0])
    return chosen, left_out


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _plain(rule_name: str) -> str:
    return rule_name.replace("-", " ")


def summarise(
    partnership: Partnership,
    report: FileReport,
    *,
    window_months: int = WINDOW_MONTHS,
    min_gap: Decimal = Decimal(MIN_GAP),
    min_mean: Decimal = MIN_MEAN,
    comments: Sequence[str | None] | None = None,
) -> Summary:
    """The summary of one valid partnership, checked (without its members'-view rules) as
    `report`. `comments`, when given, holds each assessment's comment (or None), in file
    order."""
    as_of = report.as_of or dt.date.today()
    chosen, left_out = current_respondents(partnership, as_of, window_months)
    catalogue = load_catalogue()
    statuses = {p.id: p.status for p in report.principles}
    views = []
    for group in catalogue.groups:
        if group.kind != "guiding-principle":
            continue
        scores = [
            Decimal(str(a.scores[key]))
            for _, a in chosen
            for key in a.scores
            if key.value == group.id
        ]
        concerns = tuple(
            dict.fromkeys(
                _plain(f.name)
                for f in report.findings
                if f.principle == group.id and f.severity >= Severity.WARNING and not f.waived
            )
        )
        status = statuses.get(group.id, Status.NOT_ASSESSED)
        views.append(_view(group.id, group.title, scores, status, concerns, min_gap, min_mean))
    comment_texts: tuple[str, ...] | None = None
    withheld = False
    if comments is not None:
        if len(chosen) >= MIN_GROUP:
            comment_texts = tuple(
                sorted(
                    (c for i, _ in chosen if (c := comments[i]) is not None),
                    key=str.casefold,
                )
            )
        else:
            withheld = True
    return Summary(
        partnership=partnership.partnership.name,
        as_of=as_of,
        window_months=window_months,
        min_gap=min_gap,
        respondents=len(chosen),
        anonymous=sum(1 for _, a in chosen if a.anonymous),
        left_out=tuple(sorted(left_out.items())),
        principles=tuple(views),
        comments=comment_texts,
        comments_withheld=withheld,
    )


def _view(
    principle: str,
    title: str,
    scores: list[Decimal],
    status: Status,
    concerns: tuple[str, ...],
    min_gap: Decimal,
    min_mean: Decimal,
) -> PrincipleView:
    if len(scores) < MIN_GROUP:
        return PrincipleView(
            principle,
            title,
            len(scores),
            None,
            None,
            None,
            None,
            status.value,
            concerns,
            Comparison.TOO_FEW,
            False,
        )
    exact = sum(scores, Decimal(0)) / len(scores)
    mean = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    counts = [0] * 5
    for score in scores:
        counts[_half_up(score) - 1] += 1
    lowest, highest = min(scores), max(scores)
    return PrincipleView(
        principle=principle,
        title=title,
        respondents=len(scores),
        mean=mean,
        lowest=lowest,
        highest=highest,
        distribution=tuple(counts),
        status=status.value,
        concerns=concerns,
        comparison=_compare(exact, status, concerns, min_mean),
        divided=highest - lowest >= min_gap,
    )


def _compare(
    mean: Decimal, status: Status, concerns: Iterable[str], min_mean: Decimal
) -> Comparison:
    if status is Status.NOT_ASSESSED:
        return Comparison.NO_RECORDS
    raised = bool(list(concerns))
    if mean >= HIGH_MEAN:
        return Comparison.MEMBERS_HIGHER if raised else Comparison.BOTH_WELL
    if mean < min_mean:
        return Comparison.BOTH_CONCERN if raised else Comparison.MEMBERS_LOWER
    return Comparison.MIDDLING_CONCERN if raised else Comparison.MIDDLING_WELL


def comments_in(text: str) -> list[str | None]:
    """Each assessment's `x-comment` (or None), in file order, from a file the loader has
    already accepted (so its size, nesting and aliases are within the limits)."""
    import yaml

    data = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds only text
    entries = data.get("assessments") if isinstance(data, dict) else None
    out: list[str | None] = []
    for entry in entries if isinstance(entries, list) else []:
        value = entry.get("x-comment") if isinstance(entry, dict) else None
        out.append(value.strip() or None if isinstance(value, str) else None)
    return out

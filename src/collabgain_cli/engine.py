"""Run the selected rules over a partnership: findings, waivers, statuses and coverage."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from .analysis.facts import Facts
from .analysis.names import names_of
from .analysis.requirements import REQUIREMENTS
from .findings import (
    CollaborationLevel,
    FileReport,
    Finding,
    MembersView,
    PrincipleResult,
    Severity,
    Status,
    Strength,
)
from .loader import SourceMap, format_path
from .model import Partnership
from .rules import (
    PRINCIPLES,
    Earlier,
    Hit,
    Rule,
    RuleOptions,
    StrengthRule,
    all_rules,
    all_strengths,
)
from .titles import principle_title

NOT_A_PRINCIPLE = frozenset({"waivers"})
"""Rule groups that report findings but have no status of their own."""


@dataclasses.dataclass(frozen=True)
class RuleSettings:
    """One selected rule with its effective severity and options."""

    rule: Rule
    severity: Severity
    options: BaseModel


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a run checks: the selected rules (in code order) and the fallback as-of date."""

    rules: tuple[RuleSettings, ...]
    as_of: dt.date | None = None
    transform: Callable[[Partnership], Partnership] | None = None
    """Applied to every valid partnership before the rules or any report see it (e.g.
    pseudonyms); module-level and picklable, since worker processes receive it."""
    red_rules: int = 3
    """How many different rules of a principle with unwaived warnings make it red."""
    redact: Callable[[Partnership | None, str], str] | None = None
    """With a transform, applied to what it cannot reach: the file's path (given the
    partnership as written) and an invalid file's error messages (given None)."""

    @classmethod
    def default(cls, as_of: dt.date | None = None) -> Settings:
        return cls(
            tuple(RuleSettings(r, r.severity, r.defaults()) for r in all_rules().values()),
            as_of,
        )


def check_partnership(
    path: str,
    partnership: Partnership,
    source: SourceMap,
    settings: Settings,
    as_of: dt.date,
) -> FileReport:
    """The health check of one partnership as of a date (resolved by `pipeline.prepare`)."""
    facts = Facts(partnership, as_of, _options_by_code(settings))
    findings: list[Finding] = []
    ran: dict[str, bool] = {}
    not_run: dict[str, list[tuple[str, str]]] = {}
    # Three passes: the rules that read only the file; then the late rules that read those
    # findings (e.g. members' view against the records); then the waiver rules, which judge
    # every other finding. Waivers apply to every finding but the waiver rules' own.
    passes = (
        [s for s in settings.rules if not s.rule.late],
        [s for s in settings.rules if s.rule.late and s.rule.principle != "waivers"],
        [s for s in settings.rules if s.rule.principle == "waivers"],
    )
    for number, chosen in enumerate(passes):
        earlier = Earlier(tuple(findings), frozenset(code for code, did in ran.items() if did))
        found: list[Finding] = []
        for settings_ in chosen:
            _run_rule(settings_, facts, earlier, source, found, ran, not_run)
        findings.extend(found if number == 2 else _apply_waivers(found, partnership, as_of))

    level = facts.collaboration_level()
    views = _members_views(facts)
    return FileReport(
        path=path,
        partnership=partnership.partnership.name,
        as_of=as_of,
        collaboration_level=CollaborationLevel(level.level, level.reason, level.peak),
        principles=_principles(settings, findings, ran, not_run, views),
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        strengths=_strengths(facts, settings, findings, source),
        names=tuple(names_of(partnership).items()),
    )


def _options_by_code(settings: Settings) -> RuleOptions:
    """Every rule's effective options: as selected, else its defaults."""
    out: RuleOptions = {code: rule_.defaults() for code, rule_ in all_rules().items()}
    out.update({s.rule.code: s.options for s in settings.rules})
    return out


def _strengths(
    facts: Facts, settings: Settings, findings: list[Finding], source: SourceMap
) -> tuple[Strength, ...]:
    """What is going well, leaving out any strength that a finding of its rules contradicts."""
    selected = {s.rule.principle for s in settings.rules}
    found_codes = {f.code for f in findings}
    out: list[Strength] = []
    for strength in all_strengths().values():
        if strength.principle not in selected or _contradicted(strength, found_codes):
            continue
        if any(not REQUIREMENTS[n].met(facts) for n in strength.needs):
            continue
        for hit in strength.run(facts, dict(facts.options)):
            out.append(Strength(**_located(strength, hit, facts, source)))
    return tuple(sorted(out, key=lambda s: s.sort_key))


def _contradicted(strength: StrengthRule, found_codes: set[str]) -> bool:
    return any(code in found_codes for code in strength.contradicted_by)


MEMBERS_WINDOW_MONTHS = 24
"""The window of *current respondents* when the members' view is shown beside a status."""


def _members_views(facts: Facts) -> dict[str, MembersView]:
    """Each rated principle's members' view (current respondents only)."""
    out: dict[str, MembersView] = {}
    for principle, scored in facts.principle_scores(MEMBERS_WINDOW_MONTHS).items():
        scores = [score for _, score in scored]
        out[principle.value] = MembersView(
            sum(scores) / len(scores), min(scores), max(scores), len(scores)
        )
    return out


def _run_rule(
    settings_: RuleSettings,
    facts: Facts,
    earlier: Earlier,
    source: SourceMap,
    findings: list[Finding],
    ran: dict[str, bool],
    not_run: dict[str, list[tuple[str, str]]],
) -> None:
    rule = settings_.rule
    missing = [REQUIREMENTS[n].hint for n in rule.needs if not REQUIREMENTS[n].met(facts)]
    if missing:
        ran[rule.code] = False
        not_run.setdefault(rule.principle, []).append((rule.code, "; ".join(missing)))
        return
    ran[rule.code] = True
    for hit in rule.run(facts, settings_.options, earlier):
        severity = settings_.severity
        if hit.severity is not None:
            severity = min(severity, hit.severity)
        findings.append(Finding(severity=severity, **_located(rule, hit, facts, source)))


def _located(
    registered: Rule | StrengthRule, hit: Hit, facts: Facts, source: SourceMap
) -> dict[str, Any]:
    """What a finding and a strength both say of a hit: which rule, about what, and where."""
    line, column = source.locate(hit.path)
    return {
        "code": registered.code,
        "name": registered.name,
        "principle": registered.principle,
        "subject": hit.subject,
        "message": hit.message,
        "path": format_path(hit.path),
        "line": line,
        "column": column,
        "subject_name": facts.subject_name(hit.subject, hit.path),
    }


def _apply_waivers(
    findings: list[Finding], partnership: Partnership, as_of: dt.date
) -> list[Finding]:
    from .rules.waivers import in_force, waiver_for

    waivers = in_force(partnership.waivers, as_of)
    if not waivers:
        return findings
    out = []
    for finding in findings:
        waiver = waiver_for(finding, waivers)
        if waiver is not None:
            finding = dataclasses.replace(finding, waived=True, waiver_reason=waiver.reason)
        out.append(finding)
    return out


CONCERN_MEAN = 3.0
"""A members' mean under this is a concern (Wilder's bands, CG952)."""


def status_of(
    findings: Iterable[Finding], red_rules: int = 3, members: MembersView | None = None
) -> Status:
    """A principle's status by concern, not by count (RULES.md, "Status, score and coverage").

    Red: an unwaived error; unwaived warnings from at least `red_rules` different rules; or
    members rating the principle under 3 (at least 3 respondents) while one of its own rules
    raises a warning. Amber: any unwaived warning, or members rating it under 3. The members'
    view of a principle is raised by the members' view rules (CG95x) under that principle's
    subject, so "its own rules" are the principle's rules, not CG95x.
    """
    live = [f for f in findings if not f.waived]
    if any(f.severity is Severity.ERROR for f in live):
        return Status.RED
    warned = {f.code for f in live if f.severity is Severity.WARNING}
    low_rated = members is not None and members.shown and members.mean < CONCERN_MEAN
    if len(warned) >= red_rules or (low_rated and warned):
        return Status.RED
    if warned or low_rated:
        return Status.AMBER
    return Status.GREEN


def _principles(
    settings: Settings,
    findings: list[Finding],
    ran: dict[str, bool],
    not_run: dict[str, list[tuple[str, str]]],
    views: dict[str, MembersView],
) -> tuple[PrincipleResult, ...]:
    selected: Sequence[RuleSettings] = settings.rules
    results = []
    for principle in PRINCIPLES:
        if principle in NOT_A_PRINCIPLE:
            continue
        codes = [s.rule.code for s in selected if s.rule.principle == principle]
        if not codes:
            continue
        run_count = sum(1 for c in codes if ran.get(c))
        view = views.get(principle)
        status = (
            status_of((f for f in findings if f.principle == principle), settings.red_rules, view)
            if run_count
            else Status.NOT_ASSESSED
        )
        results.append(
            PrincipleResult(
                id=principle,
                status=status,
                rules_run=run_count,
                rules_total=len(codes),
                not_run=tuple(not_run.get(principle, ())),
                members=view,
                title=principle_title(principle),
            )
        )
    return tuple(results)

"""Run the selected rules over a partnership: findings, waivers, statuses and coverage."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from pydantic import BaseModel

from .analysis.facts import Facts
from .analysis.requirements import REQUIREMENTS
from .findings import (
    CollaborationLevel,
    FileReport,
    Finding,
    PrincipleResult,
    Severity,
    Status,
)
from .gcpause import paused
from .loader import LoadedFile, SourceMap, format_path
from .model import Partnership
from .rules import PRINCIPLES, Rule, all_rules

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
    redact: Callable[[Partnership | None, str], str] | None = None
    """With a transform, applied to what it cannot reach: the file's path (given the
    partnership as written) and an invalid file's error messages (given None)."""

    @classmethod
    def default(cls, as_of: dt.date | None = None) -> Settings:
        return cls(
            tuple(RuleSettings(r, r.severity, r.options()) for r in all_rules().values()),
            as_of,
        )


def check_loaded(
    loaded: LoadedFile, settings: Settings, today: dt.date | None = None
) -> FileReport:
    """The report for one loaded file: its errors if invalid, else the health check."""
    return check_and_keep(loaded, settings, today)[0]


def check_and_keep(
    loaded: LoadedFile, settings: Settings, today: dt.date | None = None
) -> tuple[FileReport, Partnership | None]:
    """The report for one loaded file, and the partnership as checked (None if invalid).

    For a caller that also draws or compares the partnership: it must show the one the rules
    saw, with the settings' transform applied, not the file's own.
    """
    redact = settings.redact
    if loaded.partnership is None or loaded.source is None:
        errors = loaded.errors
        if redact is not None:
            errors = tuple(dataclasses.replace(e, message=redact(None, e.message)) for e in errors)
        return FileReport(path=loaded.path, errors=errors), None
    path = loaded.path if redact is None else redact(loaded.partnership, loaded.path)
    with paused():
        partnership = as_checked(loaded.partnership, settings)
        report = check_partnership(path, partnership, loaded.source, settings, today)
    return report, partnership


def as_checked(partnership: Partnership, settings: Settings) -> Partnership:
    """The partnership as a run sees it: with the settings' transform applied, if any."""
    return partnership if settings.transform is None else settings.transform(partnership)


def check_partnership(
    path: str,
    partnership: Partnership,
    source: SourceMap,
    settings: Settings,
    today: dt.date | None = None,
) -> FileReport:
    as_of = partnership.partnership.as_of or settings.as_of or today or dt.date.today()
    facts = Facts(partnership, as_of)
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
        if number:
            facts.findings = tuple(findings)
            facts.rules_run = frozenset(code for code, did_run in ran.items() if did_run)
        found: list[Finding] = []
        for settings_ in chosen:
            _run_rule(settings_, facts, source, found, ran, not_run)
        findings.extend(found if number == 2 else _apply_waivers(found, partnership, as_of))

    level = facts.collaboration_level()
    return FileReport(
        path=path,
        partnership=partnership.partnership.name,
        as_of=as_of.isoformat(),
        collaboration_level=CollaborationLevel(level.level, level.reason),
        principles=_principles(settings.rules, findings, ran, not_run),
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
    )


def _run_rule(
    settings_: RuleSettings,
    facts: Facts,
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
    for hit in rule.run(facts, settings_.options):
        line, column = source.locate(hit.path)
        findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                principle=rule.principle,
                severity=settings_.severity,
                subject=hit.subject,
                message=hit.message,
                path=format_path(hit.path),
                line=line,
                column=column,
            )
        )


def _apply_waivers(
    findings: list[Finding], partnership: Partnership, as_of: dt.date
) -> list[Finding]:
    from .rules.waivers import waiver_for

    out = []
    for finding in findings:
        waiver = waiver_for(finding, partnership.waivers, as_of)
        if waiver is not None:
            finding = dataclasses.replace(finding, waived=True, waiver_reason=waiver.reason)
        out.append(finding)
    return out


def _status(findings: Iterable[Finding]) -> Status:
    live = [f for f in findings if not f.waived]
    warnings = sum(1 for f in live if f.severity is Severity.WARNING)
    if any(f.severity is Severity.ERROR for f in live) or warnings >= 3:
        return Status.RED
    if warnings:
        return Status.AMBER
    return Status.GREEN


def _principles(
    selected: Sequence[RuleSettings],
    findings: list[Finding],
    ran: dict[str, bool],
    not_run: dict[str, list[tuple[str, str]]],
) -> tuple[PrincipleResult, ...]:
    results = []
    for principle in PRINCIPLES:
        if principle in NOT_A_PRINCIPLE:
            continue
        codes = [s.rule.code for s in selected if s.rule.principle == principle]
        if not codes:
            continue
        run_count = sum(1 for c in codes if ran.get(c))
        status = (
            _status(f for f in findings if f.principle == principle)
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
            )
        )
    return tuple(results)

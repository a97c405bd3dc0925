"""Waivers: findings the partnership has accepted, and waivers that need cleaning up.

A waiver (FORMAT.md `waivers[]`) names a rule by code or name and, optionally, the subject
of the finding. While it applies, the finding is shown as waived and never fails a run.
These rules run after every other rule, on their findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..findings import Finding, Severity
from ..model import Waiver
from . import Earlier, Hit, find_rule, rule
from .options import NoOptions

if TYPE_CHECKING:
    from ..analysis.facts import Facts


def _names(waiver: Waiver) -> bool:
    return find_rule(waiver.rule) is not None


def _matches(waiver: Waiver, code: str, finding: Finding) -> bool:
    """Whether a waiver of the rule `code` (the one it names) covers the finding."""
    return code == finding.code and (waiver.subject is None or waiver.subject == finding.subject)


def expired(waiver: Waiver, as_of: dt.date) -> bool:
    return waiver.until is not None and waiver.until < as_of


def in_force(waivers: Iterable[Waiver], as_of: dt.date) -> list[tuple[Waiver, str]]:
    """The waivers in force on the as-of date that name a rule, each with that rule's code
    (looked up once per check, not once per finding)."""
    out = []
    for waiver in waivers:
        named = find_rule(waiver.rule)
        if named is not None and not expired(waiver, as_of):
            out.append((waiver, named.code))
    return out


def waiver_for(finding: Finding, waivers: Iterable[tuple[Waiver, str]]) -> Waiver | None:
    """The first of the waivers in force (`in_force`) that covers this finding, if any."""
    return next((w for w, code in waivers if _matches(w, code, finding)), None)


@rule("CG010", "unknown-waived-rule", "waivers", Severity.WARNING)
def unknown_waived_rule(facts: Facts, options: NoOptions, earlier: Earlier) -> Iterator[Hit]:
    """Finds a waiver that names no rule.

    What it finds:
    A waiver whose `rule` is neither a rule code nor a rule name.

    Why it matters:
    A misspelt waiver waives nothing, so the finding it was meant for still fails the run
    and the reason the partnership gave is lost.

    How to fix:
    Write the rule's code (`CG501`) or name (`member-turnover`); `collabgain rules` lists them.

    Example:
    ```yaml
    waivers:
      - rule: member-turnvoer
        reason: restructure in 2026
    ```
    """
    for index, waiver in enumerate(facts.partnership.waivers):
        if not _names(waiver):
            yield Hit(
                "partnership",
                f"waiver names rule '{waiver.rule}', which does not exist",
                ("waivers", index, "rule"),
            )


@rule("CG011", "expired-waiver", "waivers", Severity.WARNING)
def expired_waiver(facts: Facts, options: NoOptions, earlier: Earlier) -> Iterator[Hit]:
    """Finds a waiver past its `until` date.

    What it finds:
    A waiver whose `until` date is before the as-of date. It no longer applies.

    Why it matters:
    A waiver is a decision to accept a finding for a time; once that time is over, the
    partnership should decide again rather than carry the exception forward unnoticed.

    How to fix:
    Fix what the finding is about, or renew the waiver with a new `until` and a current reason.

    Example:
    ```yaml
    partnership: {name: Example, as_of: 2026-11-01}
    waivers:
      - rule: CG603
        reason: terms of reference being drafted
        until: 2026-06-30
    ```
    """
    for index, waiver in enumerate(facts.partnership.waivers):
        if waiver.until is not None and expired(waiver, facts.as_of):
            yield Hit(
                "partnership",
                f"waiver of {waiver.rule} expired on {waiver.until.isoformat()} "
                f"(as of {facts.as_of.isoformat()}); it no longer applies",
                ("waivers", index, "until"),
            )


@rule("CG012", "unused-waiver", "waivers", Severity.INFO)
def unused_waiver(facts: Facts, options: NoOptions, earlier: Earlier) -> Iterator[Hit]:
    """Finds a waiver that matches no finding.

    What it finds:
    A waiver in force that names a rule which ran but matches none of its findings. (A waiver
    of a rule left out with `--select`/`--ignore`, or that lacked data, is not judged.)

    Why it matters:
    Stale waivers hide future problems: when the issue comes back it is silently accepted.
    A waiver can also stop matching because the check itself changed (a new edition of the
    catalogue may measure more fairly), so the finding says what to look at, not to delete.

    How to fix:
    Check whether what the waiver accepted is still true of the partnership. If it is solved,
    remove the waiver; if its `subject` names the wrong id, correct it; if the check no longer
    finds it, keep the waiver only as a record, with `until` set.

    Example:
    ```yaml
    governance: {decision_rule: consensus}
    waivers:
      - rule: no-decision-rule
        reason: no written agreement yet
    ```
    """
    for index, waiver in enumerate(facts.partnership.waivers):
        named = find_rule(waiver.rule)
        if named is None or named.code not in earlier.rules_run or expired(waiver, facts.as_of):
            continue
        if not any(_matches(waiver, named.code, f) for f in earlier.findings):
            subject = f" about '{waiver.subject}'" if waiver.subject else ""
            yield Hit(
                "partnership",
                f"waiver of {waiver.rule}{subject} matches no finding now: if what it accepted "
                "is solved, remove it; if its subject is wrong, correct it",
                ("waivers", index),
            )

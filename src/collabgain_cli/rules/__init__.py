"""The rule registry: each rule is one decorated function, declared once.

A rule module calls `@rule(...)` with the rule's code, name, principle, default severity,
options model and the data it needs; the function's docstring is its manual, in the
sections listed in `DOC_SECTIONS`; the body yields `Hit`s. The engine adds code, severity,
line and column.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel

from ..findings import Finding, Severity
from .options import NoOptions

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PathKey = tuple[str | int, ...]

PRINCIPLES = (
    "managing-aims",
    "balance-of-power",
    "building-trust",
    "partnership-complexity",
    "managing-change",
    "leadership-structures",
    "active-leadership",
    "core-skills",
    "collaboration-level",
    "members-view",
    "waivers",
)
"""Every group a rule can belong to, in report order (ids as in principles.yaml)."""

DOC_SECTIONS = ("What it finds", "Why it matters", "How to fix", "Example")
FOR_THE_FILE = "For the file"
"""An optional section after "How to fix": which keys to set in the file, for its editor,
kept apart from the advice to partners so reports for a board can show them apart."""
"""The sections every rule's docstring has, in this order, each a line ending in ':'."""


_NOT_RULE_MODULES = frozenset({"docs", "cases", "options", "shared"})


class Hit(NamedTuple):
    """A finding-to-be: what it is about, the facts behind it, and where it points."""

    subject: str
    message: str
    path: PathKey
    severity: Severity | None = None
    """Lower than the rule's severity for this one finding, where RULES.md says so (CG104's
    undated proposal, CG603 at the networking level, CG805 where the plan is not recorded);
    None means the rule's own."""


def about_org(facts: Facts, org_id: str, message: str) -> Hit:
    """A finding-to-be about an organisation, pointing at its entry."""
    return Hit(org_id, message, facts.org_path(org_id))


def about_person(facts: Facts, person_id: str, message: str) -> Hit:
    """A finding-to-be about a person, pointing at their entry."""
    return Hit(person_id, message, facts.person_path(person_id))


CheckFunction = Callable[..., Iterable[Hit]]
"""`check(facts, options)`; a late rule's is `check(facts, options, earlier)`."""


@dataclasses.dataclass(frozen=True, slots=True)
class Earlier:
    """What the rules before a late one found: their findings (waivers applied, but for the
    waiver rules' own pass) and the codes of the rules that ran. A late rule is given it as an
    argument; nothing else about a run changes between passes."""

    findings: tuple[Finding, ...] = ()
    rules_run: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True, slots=True)
class _Registered:
    """What a rule and a strength both declare: who they are, what they need, their manual."""

    code: str
    name: str
    principle: str
    needs: tuple[str, ...]
    doc: dict[str, str]

    @property
    def summary(self) -> str:
        """The first sentence of 'What it finds'."""
        text = " ".join(self.doc.get("What it finds", "").split())
        return text.split(". ")[0].rstrip(".") + "." if text else self.name


@dataclasses.dataclass(frozen=True, slots=True)
class Rule(_Registered):
    """A registered rule."""

    severity: Severity
    options: type[BaseModel]
    check: CheckFunction
    late: bool = False
    """Runs after the other rules, and is given what they found (`Earlier`)."""

    def defaults(self) -> BaseModel:
        """The rule's options as no configuration sets them: its defaults, not validated
        again (they are the model's own), so a run that sets none builds no validator."""
        return _defaults(self.options)

    def run(
        self, facts: Facts, options: BaseModel, earlier: Earlier | None = None
    ) -> Iterator[Hit]:
        if self.late:
            yield from self.check(facts, options, earlier or Earlier())
        else:
            yield from self.check(facts, options)


StrengthCheck = Callable[["Facts", "RuleOptions"], Iterable[Hit]]
RuleOptions = dict[str, BaseModel]
"""Every rule's effective options by code (a strength reads the thresholds of its rules)."""

STRENGTH_DOC_SECTIONS = ("What it finds", "Why it matters", "Example")
"""The sections every strength's docstring has."""


@dataclasses.dataclass(frozen=True, slots=True)
class StrengthRule(_Registered):
    """A registered strength (a GP code): good practice that a report names, never a finding."""

    check: StrengthCheck
    contradicted_by: tuple[str, ...]
    """Rule codes whose findings contradict it: a strength is never shown beside one of them."""

    def run(self, facts: Facts, options: RuleOptions) -> Iterator[Hit]:
        yield from self.check(facts, options)


_REGISTRY: dict[str, Rule] = {}
_STRENGTHS: dict[str, StrengthRule] = {}
_GP_CODE = re.compile(r"^GP\d{3}$")
_CODE = re.compile(r"^CG\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def parse_doc(docstring: str) -> dict[str, str]:
    """Split a rule docstring into its named sections."""
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in inspect.cleandoc(docstring).splitlines():
        stripped = line.strip()
        if stripped.endswith(":") and stripped[:-1] in (*DOC_SECTIONS, FOR_THE_FILE):
            if current:
                sections[current] = "\n".join(lines).strip()
            current, lines = stripped[:-1], []
        elif current:
            lines.append(line)
    if current:
        sections[current] = "\n".join(lines).strip()
    return sections


_Declared = tuple[str, str, str, tuple[str, ...], dict[str, str]]
"""The fields of `_Registered`, in order: code, name, principle, needs and manual."""


def _declared(
    kind: str,
    registry: Mapping[str, _Registered],
    code: str,
    name: str,
    principle: str,
    needs: tuple[str, ...],
    function: Callable[..., Any],
) -> _Declared:
    """What a new rule and a new strength both must be (kebab-case, new, needing known data),
    and what they both declare, their manual parsed from the function's docstring."""
    from ..analysis.requirements import REQUIREMENTS

    if not _NAME.match(name):
        raise ValueError(f"{kind} name {name!r} is not kebab-case")
    if code in registry or any(r.name == name for r in registry.values()):
        raise ValueError(f"{kind} {code} {name}: code or name already registered")
    unknown = [n for n in needs if n not in REQUIREMENTS]
    if unknown:
        raise ValueError(f"{kind} {code}: unknown requirement(s) {unknown}")
    return code, name, principle, needs, parse_doc(function.__doc__ or "")


def rule(
    code: str,
    name: str,
    principle: str,
    severity: Severity,
    *,
    options: type[BaseModel] = NoOptions,
    needs: tuple[str, ...] = (),
    late: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a rule; a duplicate code or name, or an unknown principle, fails at import."""

    def decorate(function: CheckFunction) -> CheckFunction:
        if not _CODE.match(code):
            raise ValueError(f"rule code {code!r} is not CG followed by three digits")
        if principle not in PRINCIPLES:
            raise ValueError(f"rule {code}: unknown principle {principle!r}")
        declared = _declared("rule", _REGISTRY, code, name, principle, needs, function)
        if options.model_config.get("extra") != "forbid":
            raise ValueError(f"rule {code}: its options model must forbid extra keys")
        _REGISTRY[code] = Rule(
            *declared,
            severity=severity,
            options=options,
            check=function,
            late=late or principle == "waivers",
        )
        return function

    return decorate


def strength(
    code: str,
    name: str,
    principle: str,
    *,
    needs: tuple[str, ...] = (),
    contradicted_by: tuple[str, ...] = (),
) -> Callable[[StrengthCheck], StrengthCheck]:
    """Register a strength; it lives in its principle's module beside the rules it mirrors."""

    def decorate(function: StrengthCheck) -> StrengthCheck:
        if not _GP_CODE.match(code) or code[2] != _principle_digit(principle):
            raise ValueError(f"strength code {code!r} is not GP, the principle's digit, two more")
        _STRENGTHS[code] = StrengthRule(
            *_declared("strength", _STRENGTHS, code, name, principle, needs, function),
            check=function,
            contradicted_by=contradicted_by,
        )
        return function

    return decorate


def _principle_digit(principle: str) -> str:
    return str(PRINCIPLES.index(principle) + 1) if principle in PRINCIPLES else "?"


def all_strengths() -> dict[str, StrengthRule]:
    """Every strength, by code, in code order."""
    all_rules()
    return _in_order(_STRENGTHS)


_Found = TypeVar("_Found", Rule, StrengthRule)


@functools.cache
def _defaults(options: type[BaseModel]) -> BaseModel:
    """One frozen instance of an options model's defaults, shared by every check of a run."""
    return options.model_construct()


_MODULES_IMPORTED: list[bool] = []
"""Set once every rule module is imported: one module imported on its own (by a test, say)
fills the registry only in part."""


def all_rules() -> dict[str, Rule]:
    """Every rule, by code, in code order (imports the rule modules once)."""
    if not _MODULES_IMPORTED:
        # Every module in this package other than helpers declares rules: adding a rule
        # touches only its own module.
        for info in pkgutil.iter_modules(__path__):
            if info.name not in _NOT_RULE_MODULES:
                importlib.import_module(f"{__name__}.{info.name}")
        _MODULES_IMPORTED.append(True)
    return _in_order(_REGISTRY)


_ORDERED: dict[int, tuple[int, dict[str, Any], dict[str, Any]]] = {}
"""Per registry: its size when last indexed, the registry in code order and by name (shared
views, read only)."""


def _indexed(registered: dict[str, _Found]) -> tuple[dict[str, _Found], dict[str, _Found]]:
    """The registry in code order and by name, made again only after a registration: a check
    looks rules up many times per file (waivers, strengths), and a history checks thousands."""
    size, ordered, by_name = _ORDERED.get(id(registered), (-1, {}, {}))
    if size != len(registered):
        ordered = dict(sorted(registered.items()))
        by_name = {r.name: r for r in ordered.values()}
        _ORDERED[id(registered)] = (len(registered), ordered, by_name)
    return ordered, by_name


def _in_order(registered: dict[str, _Found]) -> dict[str, _Found]:
    return _indexed(registered)[0]


def _find(registered: dict[str, _Found], code_or_name: str) -> _Found | None:
    by_code, by_name = _indexed(registered)
    key = code_or_name.strip()
    return by_code.get(key.upper()) or by_name.get(key.lower())


def find_rule(code_or_name: str) -> Rule | None:
    """A rule by code (any case) or name."""
    all_rules()
    return _find(_REGISTRY, code_or_name)


def find_strength(code_or_name: str) -> StrengthRule | None:
    """A strength by code (any case) or name."""
    all_rules()
    return _find(_STRENGTHS, code_or_name)


def matches(rule_: Rule, selector: str) -> bool:
    """Whether a --select/--ignore entry (code, name or code prefix) names this rule."""
    selector = selector.strip()
    upper = selector.upper()
    if upper.startswith("CG"):
        return rule_.code.startswith(upper)
    return rule_.name == selector.lower()


def is_known_selector(selector: str) -> bool:
    return any(matches(r, selector) for r in all_rules().values())

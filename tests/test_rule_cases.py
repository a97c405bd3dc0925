"""Every rule's and strength's cases, as data in tests/rule_cases/CGxxx.yaml and GPxxx.yaml.

A case is a whole partnership file (real YAML, loaded by the real loader) with the rule's
options, and the findings the rule (or the strengths the GP code) must give:
`fires: [{subject, line}]`, or `fires: []` for a case where it must stay quiet. Files
without `partnership.as_of` are checked as of 2026-11-01.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from collabgain_cli.engine import RuleSettings, Settings
from collabgain_cli.loader import load_bytes
from collabgain_cli.pipeline import check
from collabgain_cli.rules import DOC_SECTIONS, STRENGTH_DOC_SECTIONS, all_rules, all_strengths

CASES_DIR = Path(__file__).parent / "rule_cases"
TODAY = dt.date(2026, 11, 1)
BASE_EXAMPLE = {
    "partnership": {"name": "Example", "established": "2024-01-01", "as_of": "2026-11-01"},
    "organisations": [{"id": "council", "name": "City Council"}],
}


def _case_files() -> dict[str, dict[str, Any]]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted([*CASES_DIR.glob("CG*.yaml"), *CASES_DIR.glob("GP*.yaml")])
    }


CASE_FILES = _case_files()
CASES = [
    pytest.param(code, case, id=f"{code}-{case['name']}")
    for code, data in CASE_FILES.items()
    for case in data["cases"]
]


def run_rule(code: str, text: str, options: dict[str, Any] | None = None) -> list[Any]:
    loaded = load_bytes(text.encode("utf-8"), f"{code}.yaml")
    assert loaded.errors == (), [f"{e.line}:{e.column} {e.code} {e.message}" for e in loaded.errors]
    # Every rule runs (the waiver rules judge the others' findings); only `code` gets options.
    settings = Settings(
        tuple(
            RuleSettings(r, r.severity, r.options(**(options or {})) if c == code else r.options())
            for c, r in all_rules().items()
        )
    )
    report = check(loaded, settings, today=TODAY).report
    if code.startswith("GP"):
        return [s for s in report.strengths if s.code == code]
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize(("code", "case"), CASES)
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    findings = run_rule(code, case["yaml"], case.get("options"))
    got = sorted((f.subject, f.line) for f in findings)
    want = sorted((e["subject"], e["line"]) for e in case["fires"])
    assert got == want, [f.message for f in findings]
    for finding in findings:
        # Messages are short and start lower-case (or with a quoted id or a number).
        assert finding.message, finding
        assert finding.message[0].islower() or finding.message[0] in "'0123456789", finding


@pytest.mark.parametrize("code", sorted([*all_rules(), *all_strengths()]))
def test_every_rule_has_a_firing_and_a_quiet_case(code: str) -> None:
    assert code in CASE_FILES, f"tests/rule_cases/{code}.yaml is missing"
    cases = CASE_FILES[code]["cases"]
    assert any(c["fires"] for c in cases), f"{code} has no case where it fires"
    assert any(not c["fires"] for c in cases), f"{code} has no case where it stays quiet"


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_every_rule_is_documented(code: str) -> None:
    rule = all_rules()[code]
    missing = [s for s in DOC_SECTIONS if not rule.doc.get(s)]
    assert not missing, f"{code} lacks doc sections {missing}"
    for name, field in rule.options.model_fields.items():
        assert field.description, f"{code} option {name} has no description"


@pytest.mark.parametrize("code", sorted(all_strengths()))
def test_every_strength_is_documented(code: str) -> None:
    strength = all_strengths()[code]
    missing = [s for s in STRENGTH_DOC_SECTIONS if not strength.doc.get(s)]
    assert not missing, f"{code} lacks doc sections {missing}"
    unknown = [c for c in strength.contradicted_by if c not in all_rules()]
    assert not unknown, f"{code} is contradicted by unknown rules {unknown}"


def _example_yaml(code: str) -> str:
    doc = all_strengths()[code].doc if code.startswith("GP") else all_rules()[code].doc
    text = doc["Example"]
    lines = [line for line in text.splitlines() if not line.strip().startswith("```")]
    return "\n".join(lines)


@pytest.mark.parametrize("code", sorted([*all_rules(), *all_strengths()]))
def test_every_rule_example_fires(code: str) -> None:
    """The example in `collabgain explain`, laid over a minimal partnership, fires the rule
    (or, for a strength, shows it)."""
    fragment = yaml.safe_load(_example_yaml(code))
    assert isinstance(fragment, dict), f"{code}'s example is not a YAML mapping"
    document = {**BASE_EXAMPLE, **fragment}
    text = yaml.safe_dump(document, sort_keys=False)
    assert run_rule(code, text), f"{code}'s documented example does not fire:\n{text}"

"""The shipped examples: valid ones load and check as their stories say, invalid ones fail exactly.

`examples/*.yaml` are three partnerships of different shapes; their findings are pinned here, so
a change in any rule's behaviour on them is seen and judged. `examples/invalid/` holds one file
per validity code, named after it, whose offending line carries a `# <- CGxxx` marker: the file
must fail with that code alone, on that line, through the real CLI and the loader.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from collabgain_cli.loader import CODES, load_path
from collabgain_cli.model import Partnership

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
VALID = sorted(EXAMPLES.glob("*.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
AS_OF = "2026-11-01"

RunLine = Callable[..., Any]


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _json(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _checked(run_line: RunLine, name: str) -> dict[str, Any]:
    result = run_line("check", str(EXAMPLES / name), "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    file: dict[str, Any] = _json(result)["files"][0]
    return file


# --------------------------------------------------------------------------- valid examples


def test_the_three_shapes_are_shipped() -> None:
    assert _ids(VALID) == ["greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml"]


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_example_validates_with_the_cli(run_line: RunLine, path: Path) -> None:
    result = run_line("validate", str(path), "--format", "json")
    assert result.exit_code == 0, result.stdout
    file = _json(result)["files"][0]
    assert file["valid"] is True
    assert file["errors"] == []


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_example_loads_and_is_dated(path: Path) -> None:
    loaded = load_path(str(path))
    assert loaded.errors == (), [f"{e.line}:{e.column} {e.code} {e.message}" for e in loaded.errors]
    assert loaded.partnership is not None
    # A fixed as-of date: what the examples show never depends on the day they are checked.
    assert loaded.partnership.partnership.as_of == dt.date.fromisoformat(AS_OF)
    header = path.read_text(encoding="utf-8").splitlines()[:2]
    assert all(line.startswith("# ") for line in header), "begin with a comment on its shape"


def _fields_of(model: type[BaseModel], out: set[str]) -> set[str]:
    for name, field in model.model_fields.items():
        key = f"{model.__name__}.{name}"
        if key in out:
            continue
        out.add(key)
        stack = [field.annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, BaseModel):
                _fields_of(current, out)
            stack.extend(getattr(current, "__args__", ()))
    return out


def _fields_set(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            out.add(f"{type(value).__name__}.{name}")
            _fields_set(getattr(value, name), out)
    elif isinstance(value, tuple | list):
        for item in value:
            _fields_set(item, out)
    elif isinstance(value, dict):
        for item in value.values():
            _fields_set(item, out)
    return out


def test_examples_between_them_use_every_field_of_the_format() -> None:
    used: set[str] = set()
    for path in VALID:
        _fields_set(load_path(str(path)).partnership, used)
    assert sorted(_fields_of(Partnership, set()) - used) == []


def test_examples_between_them_use_x_keys_anchors_aliases_and_merge_keys() -> None:
    seen: set[str] = set()
    for path in VALID:
        for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                seen.add("alias")
            elif isinstance(event, yaml.NodeEvent) and event.anchor:
                seen.add("anchor")
            if isinstance(event, yaml.ScalarEvent) and event.value == "<<":
                seen.add("merge")
            if isinstance(event, yaml.ScalarEvent) and event.value.startswith("x-"):
                seen.add("x-key")
    assert seen == {"alias", "anchor", "merge", "x-key"}


# --------------------------------------------------------------------------- what each shows


def _pinned(file: dict[str, Any]) -> list[tuple[str, str, bool]]:
    return sorted((f["code"], f["subject"], f["waived"]) for f in file["findings"])


def test_greenway_well_run_partnership_raises_no_warning_or_error(run_line: RunLine) -> None:
    result = run_line("check", str(EXAMPLES / "greenway-food.yaml"), "--format", "json")
    assert result.exit_code == 0, result.stdout
    file = _json(result)["files"][0]
    serious = [f for f in file["findings"] if f["severity"] in ("warning", "error")]
    assert serious == []
    assert file["collaboration_level"] == "collaborating"
    assert {p["status"] for p in file["principles"]} == {"green"}
    assert _pinned(file) == []


def test_northshire_is_a_vehicle_for_interaction(run_line: RunLine) -> None:
    file = _checked(run_line, "northshire-networks.yaml")
    assert file["collaboration_level"] == "networking"
    assert file["status"] == "amber"
    assert _pinned(file) == [
        ("CG103", "faith", False),
        ("CG202", "nva", False),
        ("CG401", "university", False),
        # Waived without a subject: sitting on many boards is this partnership's job.
        ("CG402", "alan-whitby", True),
        ("CG402", "farah-iqbal", True),
        ("CG402", "hannah-price", True),
        ("CG502", "maureen-hill", False),
        ("CG508", "age-forum", False),
        ("CG703", "partnership", False),
        # Members that only share information: what a network of networks is for (info).
        ("CG704", "age-forum", False),
        ("CG704", "arts", False),
        ("CG704", "disability", False),
        ("CG704", "equality", False),
        ("CG704", "faith", False),
        ("CG704", "green", False),
        ("CG704", "homeless", False),
        ("CG704", "nva", False),
        ("CG704", "rural", False),
        ("CG704", "youth", False),
        ("CG801", "arts", False),
        ("CG801", "equality", False),
        ("CG801", "faith", False),
        ("CG801", "green", False),
        ("CG801", "homeless", False),
        ("CG901", "partnership", False),
    ]


def test_riverside_power_sits_with_the_funder(run_line: RunLine) -> None:
    result = run_line("check", str(EXAMPLES / "riverside.yaml"), "--format", "json")
    assert result.exit_code == 1  # CG505: a planned activity's owner has left
    file = _json(result)["files"][0]
    assert file["collaboration_level"] == "cooperating"
    statuses = {p["id"]: p["status"] for p in file["principles"]}
    assert statuses["balance-of-power"] == "red"
    assert statuses["leadership-structures"] == "amber"
    assert sum(s in ("red", "amber") for s in statuses.values()) >= 6
    assert _pinned(file) == [
        ("CG103", "quayside", False),
        ("CG104", "affordable-homes", False),
        ("CG104", "local-jobs", False),
        ("CG104", "riverfront-access", False),
        ("CG201", "partnership", False),
        ("CG202", "council", False),
        ("CG203", "council", False),
        ("CG204", "council", False),
        ("CG301", "partnership", False),
        ("CG302", "partnership", False),
        ("CG304", "partnership", False),
        ("CG401", "heritage", True),
        ("CG401", "sarah-quinn", False),
        ("CG402", "nadia-kowalski", False),
        ("CG403", "bid", False),
        ("CG405", "council", False),
        ("CG501", "partnership", False),
        ("CG503", "bid", False),
        ("CG503", "council", False),
        ("CG503", "quayside", False),
        ("CG504", "delivery-group", False),
        ("CG504", "partnership", False),
        ("CG505", "jobs-brokerage", False),
        ("CG506", "partnership", True),
        ("CG508", "homes", False),
        ("CG601", "council", False),
        ("CG602", "partnership", False),
        ("CG704", "bid", False),
        ("CG704", "residents", False),
        ("CG801", "quayside", False),
        ("CG801", "residents", False),
        ("CG802", "partnership", False),
        ("CG803", "heritage-survey", False),
        ("CG803", "jobs-brokerage", False),
        ("CG803", "riverside-walk", False),
        ("CG804", "wharf-masterplan", False),
        ("CG805", "homes", False),
        ("CG805", "quayside", False),
        ("CG806", "partnership", False),
        ("CG951", "balance-of-power", False),
        ("CG951", "building-trust", False),
        ("CG951", "leadership-structures", False),
        ("CG952", "balance-of-power", False),
        ("CG952", "building-trust", False),
    ]


# --------------------------------------------------------------------------- invalid examples


def _expected(path: Path) -> tuple[str, int]:
    """The code a file is named after, and the line its `# <- CODE` marker sits on."""
    code = path.name.split("-", 1)[0].upper()
    lines = path.read_text(encoding="utf-8").splitlines()
    marked = [n for n, line in enumerate(lines, start=1) if line.endswith(f"# <- {code}")]
    assert len(marked) == 1, f"{path.name}: mark exactly one line with '# <- {code}'"
    return code, marked[0]


def test_every_validity_code_has_an_invalid_example() -> None:
    named = {p.name.split("-", 1)[0].upper() for p in INVALID}
    assert named == set(CODES)
    for path in INVALID:
        code = path.name.split("-", 1)[0].upper()
        assert path.stem == f"{code.lower()}-{CODES[code]}"


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_invalid_example_fails_with_its_code_on_the_marked_line(
    run_line: RunLine, path: Path
) -> None:
    code, line = _expected(path)
    assert path.read_text(encoding="utf-8").startswith(f"# Invalid ({code} {CODES[code]}):")
    result = run_line("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    file = _json(result)["files"][0]
    assert file["valid"] is False
    assert [(e["code"], e["line"]) for e in file["errors"]] == [(code, line)]
    loaded = load_path(str(path))
    assert loaded.partnership is None
    assert [(e.code, e.line) for e in loaded.errors] == [(code, line)]


def test_invalid_example_reports_where_the_readme_says(run_line: RunLine) -> None:
    path = EXAMPLES / "invalid" / "cg003-unknown-reference.yaml"
    result = run_line("validate", str(path), "--format", "concise", "--quiet")
    assert re.search(
        r"cg003-unknown-reference\.yaml:12:13: CG003 \[error\] unknown organisation 'counsil'; "
        r"did you mean 'council'\?",
        result.stdout,
    ), result.stdout


# --------------------------------------------------------------------------- JSON Schema


def _plain(value: Any) -> Any:
    """YAML 1.1 data from safe_load as JSON would carry it: dates become ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@pytest.fixture
def schema_validator(run_line: RunLine) -> jsonschema.Draft7Validator:
    result = run_line("schema")
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_json_schema_accepts_example(
    schema_validator: jsonschema.Draft7Validator, path: Path
) -> None:
    data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema_validator.iter_errors(data)]
    assert errors == []


def test_json_schema_rejects_the_schema_error_example(
    schema_validator: jsonschema.Draft7Validator,
) -> None:
    path = EXAMPLES / "invalid" / "cg002-schema.yaml"
    data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = list(schema_validator.iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [["activities", 0]]
    assert "budjet" in errors[0].message


# --------------------------------------------------------------------------- the starter file


def test_init_writes_a_file_that_validates(run_line: RunLine, tmp_path: Path) -> None:
    result = run_line("init")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "partnership.yaml"
    assert written.exists()
    result = run_line("validate", str(written))
    assert result.exit_code == 0, result.stdout
    loaded = load_path(str(written))
    assert loaded.errors == ()


def test_observers_raise_nothing_about_taking_part(run_line: RunLine) -> None:
    """Greenway's county observer and Northshire's council and ICB observers watch or fund
    without taking part: no finding is about them."""
    observers = {"greenway-food.yaml": {"county-ph"}, "northshire-networks.yaml": {"county", "icb"}}
    for name, ids in observers.items():
        file = _checked(run_line, name)
        assert not [f for f in file["findings"] if f["subject"] in ids], name


def test_the_well_run_partnership_says_what_is_going_well(run_line: RunLine) -> None:
    file = _checked(run_line, "greenway-food.yaml")
    codes = {s["code"] for s in file["strengths"]}
    assert codes >= {"GP101", "GP201", "GP301", "GP302", "GP501", "GP601", "GP701", "GP801"}
    assert file["collaboration_peak"] == "collaborating: Community Larder Network"
    assert all(p["status"] == "green" for p in file["principles"])
    rated = {
        p["id"]: (p["members_mean"], p["respondents"])
        for p in file["principles"]
        if "members_mean" in p
    }
    assert rated["managing-aims"] == (4.3, 4)

"""`collabgain schema`: a draft-07 JSON Schema that editors can use, agreeing with the loader."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest
import yaml

from collabgain_cli.loader import starter_text


@pytest.fixture
def schema_text(run_line: Callable[..., Any]) -> str:
    result = run_line("schema")
    assert result.exit_code == 0
    assert result.stderr == ""
    return str(result.stdout)


@pytest.fixture
def schema(schema_text: str) -> dict[str, Any]:
    loaded = json.loads(schema_text)
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture
def validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def _as_json(value: Any) -> Any:
    """YAML data as JSON sees it: dates become ISO strings."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture
def template() -> dict[str, Any]:
    data = _as_json(yaml.safe_load(starter_text()))
    assert isinstance(data, dict)
    return data


def _objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The top level and every definition that describes an object with properties."""
    yield "(top level)", schema
    for name, definition in schema["definitions"].items():
        if "properties" in definition:
            yield name, definition


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = schema
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    assert isinstance(target, dict)
    return target


def _messages(validator: jsonschema.Draft7Validator, data: Any) -> list[str]:
    return sorted(error.message for error in validator.iter_errors(data))


def test_schema_is_valid_draft_07(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_schema_uses_no_newer_keywords(schema_text: str) -> None:
    assert "prefixItems" not in schema_text
    assert "$defs" not in schema_text
    assert '"#/definitions/' in schema_text


def test_every_reference_resolves(schema: dict[str, Any]) -> None:
    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    refs = list(walk(schema))
    assert refs
    for ref in refs:
        assert ref.startswith("#/definitions/")
        assert ref.removeprefix("#/definitions/") in schema["definitions"]


def test_every_field_has_a_description(schema: dict[str, Any]) -> None:
    missing = []
    for name, definition in _objects(schema):
        for field, node in definition["properties"].items():
            if "description" not in node and "description" not in _resolve(schema, node):
                missing.append(f"{name}.{field}")
    assert missing == []


def test_every_object_allows_x_keys_and_forbids_others(schema: dict[str, Any]) -> None:
    for name, definition in _objects(schema):
        assert definition.get("additionalProperties") is False, name
        assert "^x-" in definition.get("patternProperties", {}), name


def test_schema_accepts_the_init_template(
    validator: jsonschema.Draft7Validator, template: dict[str, Any]
) -> None:
    assert _messages(validator, template) == []


def test_schema_accepts_x_keys(
    validator: jsonschema.Draft7Validator, template: dict[str, Any]
) -> None:
    data = copy.deepcopy(template)
    data["x-owner"] = {"team": "policy"}
    data["partnership"]["x-note"] = "drafted at the away day"
    data["organisations"][0]["x-crm-id"] = 1234
    data["activities"][0]["milestones"][0]["x-ticket"] = "PAN-12"
    assert _messages(validator, data) == []


@pytest.mark.parametrize(
    ("where", "key"),
    [
        pytest.param((), "organisatons", id="top-level"),
        pytest.param(("partnership",), "nmae", id="partnership"),
        pytest.param(("organisations", 0), "sectr", id="organisation"),
        pytest.param(("governance",), "rule", id="governance"),
        pytest.param(("activities", 0, "milestones", 0), "date", id="milestone"),
    ],
)
def test_schema_rejects_unknown_keys(
    validator: jsonschema.Draft7Validator,
    template: dict[str, Any],
    where: tuple[str | int, ...],
    key: str,
) -> None:
    data = copy.deepcopy(template)
    target: Any = data
    for part in where:
        target = target[part]
    target[key] = "x"
    assert any(key in message for message in _messages(validator, data))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param(("organisations", 0, "sector"), "privat", id="enum"),
        pytest.param(("organisations", 0, "id"), "City Council", id="slug"),
        pytest.param(("partnership", "established"), "15/01/2025", id="date"),
        pytest.param(("funding", 0, "amount"), 0, id="amount"),
        pytest.param(("activities", 0, "risk_shared"), "yes", id="boolean"),
        pytest.param(("version",), 2, id="version"),
        pytest.param(("governance", "bodies", 0, "votes", "City Council"), 1, id="votes-key"),
        pytest.param(("governance", "bodies", 0, "votes", "council"), 0, id="votes-value"),
        pytest.param(("assessments", 0, "scores", "trust"), 3, id="score-key"),
        pytest.param(("assessments", 0, "scores", "managing-aims"), 6, id="score-value"),
    ],
)
def test_schema_rejects_bad_values(
    validator: jsonschema.Draft7Validator,
    template: dict[str, Any],
    path: tuple[str | int, ...],
    value: Any,
) -> None:
    data = copy.deepcopy(template)
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert _messages(validator, data) != []


def test_schema_requires_partnership_and_organisations(
    validator: jsonschema.Draft7Validator,
) -> None:
    messages = _messages(validator, {})
    assert "'partnership' is a required property" in messages
    assert "'organisations' is a required property" in messages
    assert _messages(validator, {"partnership": {"name": "P"}, "organisations": []}) != []

"""The JSON writer: byte for byte what `json.dumps(indent=2, ensure_ascii=False)` writes, for
records of every shape a report makes, though it writes runs of scalars in C."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from collabgain_cli.safe_text import json_text

SCALARS: tuple[Any, ...] = (
    0,
    1,
    -3,
    2.5,
    True,
    False,
    None,
    "",
    "a",
    "Café \u2013 Ōtautahi",
    "x\ny",
)


def record(rng: random.Random, depth: int) -> Any:
    """A random JSON value: scalars, empty and non-empty lists and mappings, nested."""
    kind = rng.random()
    if depth == 0 or kind < 0.35:
        return rng.choice(SCALARS)
    size = rng.choice((0, 1, 2, 3, 5, 8))
    if kind < 0.6:
        return [record(rng, depth - 1) for _ in range(size)]
    return {f"k{i}": record(rng, depth - 1) for i in range(size)}


@pytest.mark.parametrize("seed", range(40))
def test_random_records_are_written_as_the_standard_library_writes_them(seed: int) -> None:
    value = record(random.Random(seed), depth=5)
    assert json_text(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1, "b": [1, 2], "c": "x", "d": {}, "e": [], "f": {"g": [{"h": None}]}},
        {"networks": ["n1"], "path": "p.yaml", "line": 3},
        {"only": [[]], "then": 1},
        [{"a": 1}, 2, [3, {"b": [4]}], {}],
        {"places": [{"path": "a", "line": 1}, {"path": "b", "line": 2}], "code": "PG402"},
        (1, ("a", {"b": (2,)})),
    ],
    ids=range(6),
)
def test_records_of_the_reports_shapes(value: Any) -> None:
    assert json_text(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def test_characters_a_terminal_acts_on_are_escaped() -> None:
    value = {"name": "Bad\x1b[31m\u202eName", "tags": ["\x7f"]}
    written = json_text(value)
    assert "\x1b" not in written and "\u202e" not in written and "\x7f" not in written
    assert json.loads(written) == value

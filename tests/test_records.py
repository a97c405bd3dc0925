"""Records that worker processes send back are pickled as their fields' values, and come back
equal, for every example and for a portfolio's results."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.engine import Settings
from collabgain_cli.portfolio import inspect_file
from collabgain_cli.records import pickled_by_fields
from collabgain_cli.runner import check_one

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(str(p) for p in EXAMPLES.rglob("*.yaml"))


def records_in(value: Any) -> list[Any]:
    """Every dataclass record reachable from `value`."""
    found = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found.append(value)
        for field in dataclasses.fields(value):
            found.extend(records_in(getattr(value, field.name)))
    elif isinstance(value, tuple | list):
        for item in value:
            found.extend(records_in(item))
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: Path(p).name)
def test_reports_and_portfolio_results_come_back_equal(path: str) -> None:
    for result in (
        check_one(path, Settings.default(), validate_only=False),
        inspect_file(path, Settings.default()),
    ):
        again = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == result
        for record in records_in(result):
            # Each is pickled as its class and its values (none by the slow state route).
            cls, values = record.__reduce__()
            assert cls is type(record) and cls(*values) == record


def test_the_examples_hold_findings_and_strengths() -> None:
    report = check_one(str(EXAMPLES / "riverside.yaml"), Settings.default(), validate_only=False)
    kinds = {type(r).__name__ for r in records_in(report)}
    assert {"FileReport", "Finding", "PrincipleResult", "CollaborationLevel"} <= kinds


def test_a_class_with_a_field_outside_init_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Derived:
        a: int
        b: int = dataclasses.field(init=False, default=0)

    with pytest.raises(TypeError, match="must be an argument"):
        pickled_by_fields(Derived)

"""docs/format.md, the format reference: shipped in the package and printed by `collabgain
format`; its examples make a valid file; it names every field of the format."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from collabgain_cli import model
from collabgain_cli.reference import reference_path, sections

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "format.md"

Run = Callable[..., Any]


def _examples(text: str) -> str:
    return "".join(re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL))


def _models(annotation: Any) -> list[type[BaseModel]]:
    found = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            found.append(current)
        stack.extend(typing.get_args(current))
    return found


def _fields(entry: type[BaseModel]) -> set[str]:
    """Every field name of a model and of the models inside it."""
    names = set()
    for name, field in entry.model_fields.items():
        names.add(field.alias or name)
        for inner in _models(field.annotation):
            names |= _fields(inner)
    return names


def test_the_reference_in_the_package_is_the_one_in_the_repository() -> None:
    assert reference_path().read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")


def test_the_examples_together_make_a_valid_file(run_line: Run, write: Callable[..., Path]) -> None:
    write("examples.yaml", _examples(DOC.read_text(encoding="utf-8")))
    result = run_line("validate", "examples.yaml")
    assert result.exit_code == 0, result.stdout
    checked = run_line("check", "examples.yaml", "--exit-zero", "--format", "json")
    assert checked.exit_code == 0


def test_the_error_shown_is_the_one_the_tool_gives(
    run_line: Run, write: Callable[..., Path]
) -> None:
    text = DOC.read_text(encoding="utf-8")
    shown = re.search(r"CG002 \[error\] (`activities.*)", text)
    assert shown is not None
    examples = _examples(text).replace("        done: 2025-01-20", "        done: true")
    write("examples.yaml", examples)
    result = run_line("validate", "examples.yaml")
    assert result.exit_code == 1
    assert shown.group(1) in result.stdout
    assert "       |               ^ activities[0].milestones[0].done" in result.stdout


@pytest.mark.parametrize("name", list(model.Partnership.model_fields))
def test_every_field_is_in_its_section(name: str) -> None:
    found = sections(DOC.read_text(encoding="utf-8"))
    section = found["basics" if name == "version" else name]
    field = model.Partnership.model_fields[name]
    inner = [f for m in _models(field.annotation) for f in _fields(m)]
    missing = [f for f in inner if f"`{f}`" not in section]
    assert not missing, f"{name}: not described: {missing}"


def test_format_prints_the_whole_reference(run_line: Run) -> None:
    result = run_line("format")
    assert result.exit_code == 0
    assert result.stdout == DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("asked", "heading"),
    [
        ("people", "## people"),
        ("People", "## people"),
        ("governance.bodies", "## governance"),
        ("milestones", "## activities"),
        ("activities[].milestones", "## activities"),
        ("workbooks", "## workbooks"),
        ("version", "## basics"),
    ],
)
def test_format_prints_one_section(run_line: Run, asked: str, heading: str) -> None:
    result = run_line("format", asked)
    assert result.exit_code == 0
    assert result.stdout.startswith(heading + "\n")
    assert result.stdout.count("\n## ") == 0


def test_an_unknown_section_is_a_usage_error_that_lists_them(run_line: Run) -> None:
    result = run_line("format", "peple")
    assert result.exit_code == 2
    assert "no section 'peple'; did you mean 'people'?" in result.stderr
    assert "sections: basics, partnership, organisations" in result.stderr


def test_the_readme_links_to_the_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/format.md)" in readme
    assert "collabgain format" in readme


def test_the_readme_shows_an_error_as_validate_prints_it(run_line: Run) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ collabgain validate (\S+)\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    result = run_line("validate", str(ROOT / block.group(1)))
    shown = result.stdout.replace(str(ROOT) + "/", "")
    assert shown.startswith(block.group(2))

"""`collabgain survey questions`: the questionnaire from principles.yaml, in every format."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from collabgain_cli.principles import load_catalogue

if TYPE_CHECKING:
    from .conftest import Result

RunLine = Callable[..., "Result"]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _statements() -> list[tuple[str, str, str]]:
    """(principle id, code, text) of every statement in principles.yaml."""
    return [(g.id, s.code, s.text) for g in load_catalogue().groups for s in g.statements]


def test_every_guiding_principle_has_three_to_five_statements() -> None:
    catalogue = load_catalogue()
    for group in catalogue.groups:
        if group.kind == "guiding-principle":
            assert 3 <= len(group.statements) <= 5, group.id
        else:
            assert not group.statements, group.id


def test_codes_are_unique_and_no_statement_contains_another() -> None:
    statements = _statements()
    codes = [code for _, code, _ in statements]
    assert len(set(codes)) == len(codes)
    texts = [text.casefold() for _, _, text in statements]
    for one in texts:
        assert sum(1 for other in texts if one in other) == 1, one


def test_text_lists_every_statement_with_its_code(run_line: RunLine) -> None:
    result = run_line("survey", "questions")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    for _, code, text in _statements():
        assert f"[{code}] {text}" in flat
    assert "Strongly disagree" in result.stdout
    assert "[ORG]" in result.stdout and "[COMMENT]" in result.stdout


def test_csv_has_one_row_per_question_ready_for_a_form_builder(run_line: RunLine) -> None:
    result = run_line("survey", "questions", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    statements = _statements()
    assert len(rows) == len(statements) + 2
    for row, (_, code, text) in zip(rows, statements, strict=False):
        assert row["code"] == code
        assert row["question"] == f"[{code}] {text}"
        assert row["type"] == "scale"
        assert row["choices"].split("; ") == [
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ]
    assert [r["code"] for r in rows[-2:]] == ["ORG", "COMMENT"]


def test_markdown_has_a_table_per_principle(run_line: RunLine) -> None:
    result = run_line("survey", "questions", "-f", "markdown")
    assert result.exit_code == 0
    titles = [g.title for g in load_catalogue().groups if g.statements]
    for title in titles:
        assert f"## {title}" in result.stdout
    assert result.stdout.count("| AIMS-") == 4


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_a_printable_form(run_line: RunLine, tmp_path: Path) -> None:
    target = tmp_path / "form.html"
    result = run_line("survey", "questions", "-f", "html", "-o", str(target))
    assert result.exit_code == 0
    parser = _Collect()
    parser.feed(target.read_text(encoding="utf-8"))
    text = " ".join(parser.text)
    for _, _, statement in _statements():
        assert statement in text
    assert parser.tags.count("table") == 7
    assert "@media print" in target.read_text(encoding="utf-8")


def test_organisations_from_a_file_become_the_choices(run_line: RunLine) -> None:
    result = run_line(
        "survey", "questions", "-f", "csv", "--organisations-from", str(EXAMPLES / "riverside.yaml")
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    org = rows[-2]
    assert org["type"] == "choice"
    assert "Riverside Borough Council" in org["choices"].split("; ")


def test_an_invalid_organisations_file_is_refused(
    run_line: RunLine, write: Callable[..., Path]
) -> None:
    bad = write("bad.yaml", "partnership: {name: X}\norganisations: [{id: Bad Id, name: X}]\n")
    result = run_line("survey", "questions", "--organisations-from", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:2:" in result.stderr


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_an_unknown_format_is_a_usage_error(run_line: RunLine, fmt: str) -> None:
    assert run_line("survey", "questions", "-f", fmt).exit_code == 2

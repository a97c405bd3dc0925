"""`report` over many files: a folder of pages (`-o DIR`), the Markdown document streamed, and
`portfolio --gains` from the one check of each file."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.batch import page_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NAMES = ("greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml")
BROKEN = "partnership: {name: Broken}\norganisations: []\n"
LINK = re.compile(r'<a href="([^"]+)">')

Run = Callable[..., Any]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The examples, an invalid file, and a second riverside in a subfolder (the same name)."""
    target = tmp_path / "partnerships"
    (target / "east").mkdir(parents=True)
    for name in NAMES:
        shutil.copy(EXAMPLES / name, target / name)
    shutil.copy(EXAMPLES / "riverside.yaml", target / "east" / "riverside.yaml")
    (target / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return target


def _files(run_line: Run) -> list[str]:
    shown = run_line("check", "partnerships", "--show-files").stdout
    return [line.split()[1] for line in shown.splitlines() if line.startswith("check")]


def test_a_folder_to_o_dir_is_an_index_linking_to_each_files_own_report(
    run_line: Run, folder: Path, tmp_path: Path
) -> None:
    result = run_line("report", "partnerships", "-o", "site")
    assert result.exit_code == 1, result.stderr  # broken.yaml is invalid
    site = tmp_path / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    links = LINK.findall(index)
    files = _files(run_line)
    assert len(links) == len(files) == 5
    assert len(set(links)) == len(links)
    assert sorted(p.name for p in site.iterdir()) == sorted([*links, "index.html"])
    assert "Partnership health report: 5 files" in index
    assert "Invalid files: 1" in index
    for path, link in zip(files, links, strict=True):
        alone = run_line("report", path)
        assert alone.exit_code in (0, 1)
        assert (site / link).read_text(encoding="utf-8") == alone.stdout, path
    # The two riversides: the first takes the file's name, the other its path.
    assert "riverside.html" in links
    assert {"partnerships-riverside.html", "partnerships-east-riverside.html"} & set(links)


def test_several_files_as_html_without_a_folder_say_what_to_write(
    run_line: Run, folder: Path, tmp_path: Path
) -> None:
    result = run_line("report", "partnerships")
    assert result.exit_code == 2
    assert "give -o DIR" in result.stderr
    assert "--format markdown" in result.stderr
    one_page = run_line("report", "partnerships", "-o", "report.html")
    assert one_page.exit_code == 2
    assert "name a folder, e.g. -o report/" in one_page.stderr
    assert not (tmp_path / "report.html").exists()
    written = tmp_path / "notes.txt"
    written.write_text("mine", encoding="utf-8")
    refused = run_line("report", "partnerships", "-o", "notes.txt")
    assert refused.exit_code == 2
    assert "is a file" in refused.stderr
    assert written.read_text(encoding="utf-8") == "mine"


def test_one_file_and_an_existing_folder_write_the_folder(
    run_line: Run, folder: Path, tmp_path: Path
) -> None:
    (tmp_path / "site").mkdir()
    assert run_line("report", "partnerships/riverside.yaml", "-o", "site").exit_code == 0
    page = (tmp_path / "site" / "riverside.html").read_text(encoding="utf-8")
    assert page == run_line("report", "partnerships/riverside.yaml").stdout
    assert LINK.findall((tmp_path / "site" / "index.html").read_text(encoding="utf-8")) == [
        "riverside.html"
    ]


def test_nothing_outside_the_folder_is_written_through_a_link_in_it(
    run_line: Run, folder: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    outside = tmp_path / "precious.html"
    outside.write_text("the user's own page", encoding="utf-8")
    (site / "riverside.html").symlink_to(outside)
    hard = tmp_path / "also-mine.html"
    hard.write_text("another page of the user's", encoding="utf-8")
    (site / "greenway-food.html").hardlink_to(hard)
    assert run_line("report", "partnerships", "-o", "site").exit_code == 1
    assert outside.read_text(encoding="utf-8") == "the user's own page"
    assert hard.read_text(encoding="utf-8") == "another page of the user's"
    assert not (site / "riverside.html").is_symlink()
    assert (site / "riverside.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not [p for p in site.iterdir() if p.name.startswith(".")]


def test_an_input_in_the_folder_is_never_replaced(run_line: Run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(EXAMPLES / "riverside.yaml", site / "index.html")
    refused = run_line(
        "report", "site/index.html", str(EXAMPLES / "greenway-food.yaml"), "-o", "site"
    )
    assert refused.exit_code == 2
    assert "index.html is one of the input files" in refused.stderr
    shutil.copy(EXAMPLES / "riverside.yaml", site / "riverside.html")
    before = (site / "riverside.html").read_bytes()
    result = run_line(
        "report", "site/riverside.html", str(EXAMPLES / "riverside.yaml"), "-o", "site"
    )
    assert result.exit_code == 0, result.stderr
    assert (site / "riverside.html").read_bytes() == before
    links = LINK.findall((site / "index.html").read_text(encoding="utf-8"))
    assert len(links) == 2
    assert "riverside.html" not in links


def test_several_files_as_markdown_are_one_document_of_each_files_report(
    run_line: Run, folder: Path, tmp_path: Path
) -> None:
    files = _files(run_line)
    whole = run_line("report", "-f", "markdown", "partnerships")
    assert whole.exit_code == 1
    singles = [run_line("report", "-f", "markdown", path).stdout for path in files]
    assert whole.stdout == "\n\n---\n\n".join(s.removesuffix("\n") for s in singles) + "\n"
    written = run_line("report", "-f", "markdown", "partnerships", "-o", "all.md")
    assert written.exit_code == 1
    assert (tmp_path / "all.md").read_text(encoding="utf-8") == whole.stdout
    refused = run_line("report", "-f", "markdown", "partnerships", "-o", "partnerships/broken.yaml")
    assert refused.exit_code == 2
    assert (folder / "broken.yaml").read_text(encoding="utf-8") == BROKEN


def test_page_names_are_safe_unique_and_never_the_index() -> None:
    taken: set[str] = set()
    names = [
        page_name(path, taken)
        for path in (
            "a/Plan.yaml",
            "b/plan.yml",
            "b/plan.yml",
            "index.yaml",
            "../../etc/passwd.yaml",
            "Côte d'Azur/ça va?.yaml",
            "/home/someone/secret/Riverside.yaml",
            "<stdin>",
            "NUL.yaml",
            "x" * 300 + ".yaml",
        )
    ]
    assert names[:4] == ["Plan.html", "b-plan.html", "b-plan-2.html", "index-2.html"]
    assert names[4] == "passwd.html"
    assert names[5] == "ca-va.html"
    assert names[6] == "Riverside.html"  # the analyst's folders stay private
    assert names[7] == "stdin.html"
    assert names[8] == "NUL-2.html"
    assert len(names[9]) <= 80 + len(".html")
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*\.html", name), name


def test_portfolio_gains_come_from_the_one_load_of_each_file(
    run_line: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collabgain_cli import loader, portfolio

    for name in NAMES:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    loads: list[str] = []

    def counted(path: str) -> loader.LoadedFile:
        loads.append(path)
        return loader.load_path(path)

    monkeypatch.setattr(portfolio, "load_path", counted)
    result = run_line("portfolio", "-f", "json", "--gains", "--fail-on", "never", ".")
    assert result.exit_code == 0, result.stderr
    assert sorted(loads) == sorted(NAMES)
    assert '"suggestions"' in result.stdout

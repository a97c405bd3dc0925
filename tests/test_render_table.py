"""The render table: the one place that chooses a renderer, with one signature for all.

The proof that a new output format for `check` is one module plus one row: a run of the real
command line in a fresh process that adds a module (outside the package, in a temporary
folder) and one row to the table, then asks for the new format.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from collabgain_cli import render
from collabgain_cli.report import RenderOptions

SRC = Path(render.__file__).resolve().parent
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("row", list(render.TABLE), ids=" ".join)
def test_every_row_names_a_renderer_with_the_one_signature(row: tuple[str, str]) -> None:
    function = render.renderer(*row)
    parameters = list(inspect.signature(function).parameters.values())
    assert len(parameters) == 2, f"{row}: render(view, options), not {parameters}"
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters)


def test_no_module_but_the_table_chooses_a_renderer() -> None:
    """No module imports a renderer by name, and none keeps its own table of formats.

    Two other modules import by name, neither a renderer: the rules' package imports its
    rule modules, and the command line the module of the command a run is given."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(SRC).as_posix()
        if relative == "render.py":
            continue
        if "import_module" in text and relative not in ("rules/__init__.py", "cli/__init__.py"):
            offenders.append(f"{relative}: import_module")
        if re.search(r"^[A-Z_]*FORMATS\s*[:=]", text, re.MULTILINE):
            offenders.append(f"{relative}: a table of formats")
    assert offenders == []


def test_a_format_choice_comes_from_the_table() -> None:
    """`--format` lists exactly the table's rows for the command, in order."""
    result = subprocess.run(
        [sys.executable, "-m", "collabgain_cli", "map", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "200", "PATH": ""},
    )
    assert f"<{'|'.join(render.formats('map'))}>" in result.stdout


def test_a_new_format_for_check_is_one_module_and_one_row(tmp_path: Path) -> None:
    (tmp_path / "plugin_formats").mkdir()
    (tmp_path / "plugin_formats" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "plugin_formats" / "tsv.py").write_text(
        textwrap.dedent(
            '''
            """Findings as tab-separated values: one module, one function."""


            def render(report, options):
                rows = ["path\\tline\\tcode\\tseverity"]
                for file_report in report.files:
                    for finding in file_report.all_findings:
                        rows.append(
                            f"{file_report.path}\\t{finding.line}\\t{finding.code}\\t"
                            f"{finding.severity.label}"
                        )
                return "\\n".join(rows) + "\\n"
            '''
        ),
        encoding="utf-8",
    )
    # The one row: the table names modules relative to the package, so the row reaches the
    # plugin by a relative path from the package's parent.
    add_row = (
        "import sys; sys.path.insert(0, sys.argv.pop(1))\n"
        "import collabgain_cli.render as table\n"
        "import plugin_formats, collabgain_cli\n"
        "collabgain_cli.__path__.append(plugin_formats.__path__[0])\n"
        "table.TABLE[('check', 'tsv')] = 'tsv'\n"
        "from collabgain_cli.cli import main\n"
        "sys.argv[0] = 'collabgain'\n"
        "main()\n"
    )
    example = str(EXAMPLES / "riverside.yaml")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", add_row, str(tmp_path), *args],
            capture_output=True,
            text=True,
            check=False,
            env={"COLUMNS": "200", "PATH": "", "NO_COLOR": "1"},
        )

    result = run("check", "-f", "tsv", "--exit-zero", example)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "path\tline\tcode\tseverity"
    assert len(lines) > 1
    assert all(line.startswith(example + "\t") for line in lines[1:])
    assert "tsv" in run("check", "--help").stdout
    # Without the row, the format does not exist: a usage error, not a traceback.
    plain = subprocess.run(
        [sys.executable, "-m", "collabgain_cli", "check", "-f", "tsv", example],
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr


def test_render_uses_default_options_when_none_are_given() -> None:
    from collabgain_cli.findings import Report

    text = render.render("check", "json", Report(files=(), tool_version="0"))
    assert text.lstrip().startswith("{")
    assert RenderOptions() == RenderOptions(color=False, width=100)

"""Start-up: the program as a shell runs it builds only the command it is asked for, and says
and does exactly what the whole app would; validate imports no rule."""

from __future__ import annotations

import enum
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from collabgain_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RIVERSIDE = str(EXAMPLES / "riverside.yaml")
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def program(*args: str, options: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """`collabgain ARGS` in a fresh process, through the installed entry point's `main()`."""
    return _run([*options, "-m", "collabgain_cli", *args])


WHOLE_APP = "import sys; from collabgain_cli.cli import app; app(prog_name='collabgain')"


def whole_app(*args: str) -> subprocess.CompletedProcess[str]:
    """The same arguments given to the whole app, every command built, as main() did."""
    return _run(["-c", WHOLE_APP, *args])


def _run(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--help"),
        ("check",),
        ("check", "--bogus", RIVERSIDE),
        ("check", "-f", "xml", RIVERSIDE),
        ("check", "-f", "json", RIVERSIDE),
        ("--debug", "check", "--format", "concise", RIVERSIDE),
        ("validate", RIVERSIDE),
        ("survey", "--help"),
        ("survey", "bogus"),
        ("rules", "--help"),
        ("format", "people"),
    ],
    ids=lambda args: " ".join(Path(a).name for a in args),
)
def test_one_command_built_says_what_the_whole_app_says(args: tuple[str, ...]) -> None:
    ran = program(*args)
    expected = whole_app(*args)
    assert (ran.returncode, ran.stdout, ran.stderr) == (
        expected.returncode,
        expected.stdout,
        expected.stderr,
    )


def test_only_the_named_command_is_built() -> None:
    from collabgain_cli.cli import _app_for

    def built(*args: str) -> list[str]:
        command = typer.main.get_command(_app_for(list(args)))
        return sorted(getattr(command, "commands", {}))

    everything = built("--help")
    assert {"check", "validate", "survey", "map", "report"} <= set(everything)
    assert built("check", "x.yaml") == ["check"]
    assert built("--debug", "survey", "--help") == ["survey"]
    for whole in (
        (),
        ("--help",),
        ("-h", "check"),
        ("--version",),
        ("chek",),
        ("--show-completion", "bash"),
    ):
        assert built(*whole) == everything, whole


def test_the_whole_app_answers_help_version_and_unknown_commands() -> None:
    listed = program("--help")
    assert listed.returncode == 0
    for name in ("check", "validate", "map", "report", "survey", "import", "export"):
        assert f"  {name} " in listed.stdout
    version = program("--version")
    assert version.returncode == 0 and version.stdout.startswith("collabgain ")
    typo = program("chek", RIVERSIDE)
    assert typo.returncode == 2
    assert "No such command 'chek'. Did you mean 'check', 'schema'?" in typo.stderr


MODULES = (
    "import sys\n"
    "from collabgain_cli.cli import main\n"
    "sys.argv[0] = 'collabgain'\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    sys.stderr.write('modules: ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
)


def imported_by(*args: str) -> set[str]:
    """The modules `collabgain ARGS` has imported by the time it exits."""
    ran = _run(["-c", MODULES, *args])
    assert ran.returncode in (0, 1), ran.stderr
    return set(ran.stderr.rsplit("modules: ", 1)[1].split())


def test_validate_imports_no_rule_and_no_engine() -> None:
    imported = imported_by("validate", RIVERSIDE)
    assert "collabgain_cli.loader" in imported
    assert not {
        m for m in imported if m.startswith(("collabgain_cli.rules", "collabgain_cli.engine"))
    }


def test_a_command_imports_only_its_own_module_of_commands() -> None:
    imported = imported_by("check", "-f", "json", RIVERSIDE)
    commands = {m for m in imported if m.startswith("collabgain_cli.cli.")}
    assert commands == {
        "collabgain_cli.cli.application",
        "collabgain_cli.cli.check",
        "collabgain_cli.cli.common",
        "collabgain_cli.cli.groups",
        "collabgain_cli.cli.options",
    }
    assert "collabgain_cli.cli.many" in imported_by("map", "--help")


def test_check_as_json_imports_only_its_own_renderer() -> None:
    imported = imported_by("check", "-f", "json", RIVERSIDE)
    assert "collabgain_cli.report.json" in imported
    renderers = {m for m in imported if m.startswith("collabgain_cli.report.")}
    assert renderers == {"collabgain_cli.report.json"}
    assert not {m for m in imported if m.startswith("rich")}
    # A check names its principles from their titles alone, not the catalogue's models.
    assert "collabgain_cli.titles" in imported
    assert "collabgain_cli.principles" not in imported


def _typer_floor_check() -> Any:
    spec = importlib.util.spec_from_file_location(
        "typer_floor", ROOT / "benchmarks" / "typer_floor.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return typer.main.get_command(module.app).commands["check"]  # type: ignore[attr-defined]


def _shape(command: Any) -> list[tuple[Any, ...]]:
    """Each parameter's name, flags, default, arity and type (an enum by its values)."""

    def kind(annotation: Any) -> Any:
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            return tuple(member.value for member in annotation)
        return str(annotation)

    return [
        (
            p.name,
            tuple(p.opts),
            tuple(p.secondary_opts),
            p.default,
            p.multiple,
            p.nargs,
            p.required,
            getattr(p, "is_flag", False),
            kind(p.type_descriptor.annotation),
            getattr(p.type_descriptor.parameter_info, "case_sensitive", True),
        )
        for p in command.params
    ]


def test_the_typer_floor_takes_exactly_checks_parameters() -> None:
    """benchmarks/typer_floor.py is the yardstick of `check -f json`: the same parameters."""
    ours = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    assert _shape(_typer_floor_check()) == _shape(ours)

"""The command line: the only place that reads arguments, prints, and exits.

Exit codes: 0 all valid and nothing at or above --fail-on; 1 an invalid file or such a
finding; 2 a usage error (bad option, unknown rule, unreadable path or configuration);
3 an internal error (a bug: run again with --debug for the traceback).

The package keeps the Typer signatures, option aliases, usage errors and exit codes; the
work is done by the modules it calls. `application.py` holds the application and its global
options, `options.py` the options commands share, `common.py` what every command does the same
way, and one module per group of commands. Commands are listed here (`COMMANDS`), in the order
`--help` lists them.
"""

from __future__ import annotations

import copy
import importlib
import os
import sys
from typing import Any

import typer

from .application import EXIT_INTERNAL, STDIN, application
from .common import err

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("check", "check", "check"),
    ("validate", "check", "validate"),
    ("init", "files", "init"),
    ("schema", "catalogue", "schema"),
    ("rules", "catalogue", "rules_command"),
    ("explain", "catalogue", "explain"),
    ("principles", "catalogue", "principles"),
    ("portfolio", "many", "portfolio"),
    ("map", "many", "map_command"),
    ("diff", "change", "diff_command"),
    ("history", "change", "history_command"),
    ("report", "many", "report_command"),
    ("gains", "many", "gains_command"),
    ("survey", "survey", "survey_app"),
    ("format", "files", "format_command"),
    ("import", "files", "import_command"),
    ("export", "files", "export_command"),
)
"""Each command's name, the module of this package that holds it and the function (or, for
a group of commands, the Typer application), in the order `--help` lists them."""

__all__ = ["COMMANDS", "STDIN", "app", "main"]


def _register(target: typer.Typer, name: str, module: str, attribute: str) -> None:
    found = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    if isinstance(found, typer.Typer):
        target.add_typer(found, name=name)
    else:
        target.command(name=name)(found)


def _whole() -> typer.Typer:
    """The application with every command (registered on first use)."""
    if not application.registered_commands:
        for entry in COMMANDS:
            _register(application, *entry)
    return application


def __getattr__(name: str) -> typer.Typer:
    """`app`, the whole application, is built when asked for: a run builds only the command
    it is given (`_app_for`), and does not import the modules of the others."""
    if name == "app":
        return _whole()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _app_for(args: list[str]) -> typer.Typer:
    """The app to run `args` with: one holding only the command they name, or all of it.

    Typer builds a click command, every parameter converted, for each command it holds before
    it parses anything, and the modules of every command would be imported; a run uses one.
    When the first word after the top-level `--debug` is a command's (or a command group's)
    name, the app holds that one alone, imported alone: its parsing, errors and output are
    the same. Anything else (no command, `--help`, `--version`, an unknown command, shell
    completion) gets the whole app, so what it lists is complete.
    """
    if "_COLLABGAIN_COMPLETE" in os.environ:
        return _whole()
    words = iter(args)
    word = next(words, None)
    while word == "--debug":
        word = next(words, None)
    named = [entry for entry in COMMANDS if entry[0] == word]
    if not named:
        return _whole()
    only = copy.copy(application)
    only.registered_commands = []
    only.registered_groups = []
    _register(only, *named[0])
    return only


def _work_starts(command: Any) -> None:
    """Start-up is over when a command's own function is called: wrap each one in `command`
    so that the garbage collector, off until then, freezes what start-up made (nothing
    later needs to scan the modules, classes and click objects again) and comes back on."""
    import functools
    import gc

    for sub in getattr(command, "commands", {}).values():
        _work_starts(sub)
    work = command.callback
    if work is None or getattr(command, "commands", None) is not None:
        return

    @functools.wraps(work)
    def started(*args: Any, **kwargs: Any) -> Any:
        gc.freeze()
        gc.enable()
        return work(*args, **kwargs)

    command.callback = started


def main() -> None:
    """Entry point: run the app; an unexpected exception is an internal error, exit 3.

    Start-up (imports, building the command, parsing) makes many objects and no garbage,
    so the cyclic garbage collector is off until the command's own function is called."""
    import gc

    gc.disable()
    try:
        chosen = _app_for(sys.argv[1:])
        if chosen is application:
            gc.enable()
            application(prog_name="collabgain")
        else:
            command = typer.main.get_command(chosen)
            _work_starts(command)
            command(prog_name="collabgain")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except Exception as exc:  # the one place a bug is turned into a message, not hidden
        if os.environ.get("COLLABGAIN_DEBUG") == "1" or "--debug" in sys.argv:
            raise
        err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(EXIT_INTERNAL)
    finally:
        gc.enable()

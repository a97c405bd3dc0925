"""The command line: the only place that reads arguments, prints, and exits.

Exit codes: 0 all valid and nothing at or above --fail-on; 1 an invalid file or such a
finding; 2 a usage error (bad option, unknown rule, unreadable path or configuration);
3 an internal error (a bug: run again with --debug for the traceback).

The package keeps the Typer signatures, option aliases, usage errors and exit codes; the
work is done by the modules it calls. `app.py` holds the application and its global options,
`options.py` the options commands share, `common.py` what every command does the same way,
and one module per group of commands. Commands are registered here, in the order `--help`
lists them.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer

from .app import EXIT_INTERNAL, STDIN, app
from .catalogue import explain, principles, rules_command, schema
from .change import diff_command, history_command
from .check import check, validate
from .common import err
from .files import export_command, format_command, import_command, init
from .many import gains_command, map_command, portfolio, report_command
from .survey import survey_app

app.command()(check)
app.command()(validate)
app.command()(init)
app.command()(schema)
app.command(name="rules")(rules_command)
app.command()(explain)
app.command()(principles)
app.command()(portfolio)
app.command(name="map")(map_command)
app.command(name="diff")(diff_command)
app.command(name="history")(history_command)
app.command(name="report")(report_command)
app.command(name="gains")(gains_command)
app.add_typer(survey_app, name="survey")
app.command(name="format")(format_command)
app.command(name="import")(import_command)
app.command(name="export")(export_command)

__all__ = ["STDIN", "app", "main"]


def _app_for(args: list[str]) -> typer.Typer:
    """The app to run `args` with: a copy holding only the command they name, or all of it.

    Typer builds a click command, every parameter converted, for each command it holds before
    it parses anything; a run uses one. When the first word after the top-level `--debug`
    is a command's (or a command group's) name, the copy holds that one alone: its parsing,
    errors and output are the same. Anything else (no command, `--help`, `--version`, an
    unknown command, shell completion) gets the whole app, so what it lists is complete.
    """
    if "_COLLABGAIN_COMPLETE" in os.environ:
        return app
    words = iter(args)
    word = next(words, None)
    while word == "--debug":
        word = next(words, None)
    if word is None or word.startswith("-"):
        return app
    commands = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == word
    ]
    groups = [info for info in app.registered_groups if info.name == word]
    if not commands and not groups:
        return app
    import copy

    only = copy.copy(app)
    only.registered_commands = commands
    only.registered_groups = groups
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
        if chosen is app:
            gc.enable()
            app(prog_name="collabgain")
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

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


def main() -> None:
    """Entry point: run the app; an unexpected exception is an internal error, exit 3."""
    try:
        app(prog_name="collabgain")
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

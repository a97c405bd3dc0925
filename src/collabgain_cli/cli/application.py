"""The Typer application, its exit codes and its global options (--version, --debug)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from .. import __version__

STDIN = "-"
"""The PATH that means standard input (as the loader reads it); kept here so that commands
that read no file, like --version and schema, do not import the loader and its models."""


EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


TYPER_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
"""How the application and its sub-applications behave: plain help, -h, no pretty tracebacks."""

application = typer.Typer(
    name="collabgain",
    help="Partnership health checks as code: validate a partnership description and check it "
    "against the principles of collaborative advantage.",
    add_completion=True,
    **TYPER_SETTINGS,
)


def _plain_argument_help() -> None:
    """Typer writes an argument's Python type after its name in help (`PATH <list[str]>`);
    the argument's help already says what it takes, in words."""
    from typer.core import TyperArgument

    setattr(TyperArgument, "display_type_rich", lambda _self, ctx: "")  # noqa: B010


_plain_argument_help()


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"collabgain {__version__}\n")
        raise typer.Exit(EXIT_OK)


@application.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for an internal error.")
    ] = False,
) -> None:
    """Partnership health checks as code."""
    os.environ["COLLABGAIN_DEBUG"] = "1" if debug else os.environ.get("COLLABGAIN_DEBUG", "")

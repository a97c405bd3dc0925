"""The Typer floor: an empty Typer app shaped like `collabgain check`, which does nothing.

    python benchmarks/typer_floor.py check FILE -f json

Any Typer command line pays, before its command does any work, for importing Typer (and
click, and Rich's pieces Typer loads), building click objects for its commands and
coercing each parameter through Typer's converters. This script pays exactly that for a
command with the same parameters as `collabgain check` (names, types, defaults, choices;
no completion callbacks, no help texts) under an app with the same settings and the same
top-level options, and then returns. It imports nothing of collabgain, so the time
`collabgain check` takes over this is collabgain's own. `benchmarks/run.py` measures
`check -f json` on the typical file against it.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="collabgain",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ColorMode(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


# collabgain builds this enum from its table of renderers; the names are the same.
OutputFormat = enum.Enum(  # type: ignore[misc]
    "OutputFormat",
    {name: name for name in ("text", "concise", "json", "sarif", "github", "junit", "markdown")},
    type=str,
)


PathsArg = Annotated[list[str], typer.Argument(metavar="PATH")]
"""As collabgain declares it: a list, None when no path is given."""


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", is_eager=True)] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    """The same top-level options as collabgain's (which makes `check` a subcommand)."""


@app.command()
def check(
    paths: PathsArg = None,  # type: ignore[assignment]
    output_format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", case_sensitive=False)
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on")] = None,
    select: Annotated[list[str] | None, typer.Option("--select")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore")] = None,
    config_file: Annotated[Path | None, typer.Option("--config")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero")] = False,
    show_config: Annotated[bool, typer.Option("--show-config")] = False,
    color: Annotated[ColorMode, typer.Option("--color")] = ColorMode.auto,
    without: Annotated[list[str] | None, typer.Option("--without")] = None,
    pseudonymise: Annotated[bool, typer.Option("--pseudonymise")] = False,
    pseudonym_key_file: Annotated[Path | None, typer.Option("--pseudonym-key-file")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude")] = None,
    extend_exclude: Annotated[list[str] | None, typer.Option("--extend-exclude")] = None,
    force_exclude: Annotated[bool, typer.Option("--force-exclude")] = False,
    show_files: Annotated[bool, typer.Option("--show-files")] = False,
    summary: Annotated[bool, typer.Option("--summary")] = False,
    statistics: Annotated[bool, typer.Option("--statistics")] = False,
) -> None:
    """Takes what `collabgain check` takes, and does nothing with it."""


if __name__ == "__main__":
    app(prog_name="collabgain")

"""The options and arguments the commands share, with their help and completion; every --format
choice comes from the render table.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import typer

from ..render import choices
from .application import STDIN


class ColorMode(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


if TYPE_CHECKING:
    OutputFormat: TypeAlias = enum.StrEnum
    PortfolioFormat: TypeAlias = enum.StrEnum
    MapFormat: TypeAlias = enum.StrEnum
    ChangeFormat: TypeAlias = enum.StrEnum
    ReportFormat: TypeAlias = enum.StrEnum
    GainsFormat: TypeAlias = enum.StrEnum
else:
    # Every --format choice comes from the render table.
    OutputFormat = choices("check", "OutputFormat")
    PortfolioFormat = choices("portfolio", "PortfolioFormat")
    MapFormat = choices("map", "MapFormat")
    ChangeFormat = choices("diff", "ChangeFormat")
    ReportFormat = choices("report", "ReportFormat")
    GainsFormat = choices("gains", "GainsFormat")


CHANGE_TEXT, GAINS_TEXT = ChangeFormat("text"), GainsFormat("text")


MAP_TEXT, REPORT_HTML = MapFormat("text"), ReportFormat("html")


def complete_paths(incomplete: str) -> list[str]:
    """Folders and YAML files starting with what is typed, and '-' (shell completion)."""
    import glob

    out = [STDIN] if not incomplete else []
    for found in sorted(glob.glob(glob.escape(incomplete) + "*")):
        if os.path.isdir(found):
            out.append(found + "/")
        elif found.endswith((".yaml", ".yml")):
            out.append(found)
    return out


def complete_codes(incomplete: str, *, others: bool = False) -> list[tuple[str, str]]:
    """Rule codes and names that start with the last comma-separated part typed, with help."""
    from ..rules import all_rules

    head, comma, last = incomplete.rpartition(",")
    prefix = head + comma
    choices = [(r.code, r.name) for r in all_rules().values()]
    choices += [(r.name, r.code) for r in all_rules().values()]
    if others:
        from ..codes import CODES
        from ..rules import all_strengths

        choices += [(c.code, c.name) for c in CODES]
        choices += [(s.code, s.name) for s in all_strengths().values()]
    return sorted(
        (prefix + value, help_text)
        for value, help_text in choices
        if value.lower().startswith(last.lower())
    )


def complete_selectors(incomplete: str) -> list[tuple[str, str]]:
    return complete_codes(incomplete)


def complete_explain(incomplete: str) -> list[tuple[str, str]]:
    return complete_codes(incomplete, others=True)


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Partnership files, folders (the YAML files below with a top-level 'partnership' "
        "key) or '-' for standard input.",
        show_default=False,
        metavar="PATH",
        autocompletion=complete_paths,
    ),
]


def format_option(help: str, **more: Any) -> Any:
    """A command's --format (-f): its choices, from the render table, in any case."""
    return typer.Option("--format", "-f", help=help, case_sensitive=False, **more)


def standard_output(value: Path | None) -> Path | None:
    """`-o -` is standard output, as `-` is standard input for a PATH: the same as no -o."""
    return None if value is not None and str(value) == STDIN else value


def output_option(help: str, **more: Any) -> Any:
    """A command's --output (-o), where '-' is standard output."""
    return typer.Option("--output", "-o", help=help, callback=standard_output, **more)


FormatOpt = Annotated[
    OutputFormat | None,
    format_option(
        "Output format: " + ", ".join(m.value for m in OutputFormat) + " (default text).",
        metavar="FORMAT",
        show_default=False,
    ),
]


OutputOpt = Annotated[
    Path | None,
    output_option("Write the report to this file ('-' for standard output).", metavar="FILE"),
]


ColorOpt = Annotated[
    ColorMode,
    typer.Option(
        "--color",
        help="Colour: auto (on for a terminal; the default), always, never.",
        metavar="WHEN",
        show_default=False,
    ),
]


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only findings, no summary.")]


FailOnOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on",
        help="The lowest severity that makes the run fail: error (the default), warning, info "
        "or never.",
        show_default=False,
        metavar="SEVERITY",
    ),
]


ExitZeroOpt = Annotated[
    bool, typer.Option("--exit-zero", help="Always exit 0 unless a usage error.")
]


SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Rule codes, names or code prefixes to run (comma-separated or repeated).",
        metavar="CODES",
        show_default=False,
        autocompletion=complete_selectors,
    ),
]


IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        help="Rule codes, names or code prefixes to skip.",
        metavar="CODES",
        show_default=False,
        autocompletion=complete_selectors,
    ),
]


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Date time-based rules measure from when the file has no partnership.as_of "
        "(YYYY-MM-DD).",
        metavar="DATE",
    ),
]


ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="A collabgain.toml for every file, instead of the nearest one to each file.",
        metavar="FILE",
    ),
]


ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        help="Globs of files and folders not to search, replacing the configuration's "
        "'exclude' (comma-separated or repeated).",
        metavar="GLOBS",
    ),
]


ExtendExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-exclude",
        help="Globs of files and folders not to search, in addition to 'exclude'.",
        metavar="GLOBS",
    ),
]


ForceExcludeOpt = Annotated[
    bool,
    typer.Option(
        "--force-exclude",
        help="Apply the exclusions, .gitignore and the partnership-file test also to files "
        "named on the command line (for pre-commit, which names every YAML file).",
    ),
]


ShowFilesOpt = Annotated[
    bool,
    typer.Option(
        "--show-files",
        help="List every file that would be checked, and every YAML file and folder skipped "
        "and why, then exit.",
    ),
]


PseudonymiseOpt = Annotated[
    bool,
    typer.Option(
        "--pseudonymise",
        help="Replace people's names and ids with pseudonyms, the same on every run with the "
        "same key ($COLLABGAIN_PSEUDONYM_KEY or --pseudonym-key-file), so the output can be "
        "shared without naming individuals.",
    ),
]


PseudonymKeyFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--pseudonym-key-file",
        help="Read the --pseudonymise key from this file instead of $COLLABGAIN_PSEUDONYM_KEY.",
        metavar="FILE",
    ),
]


WithoutOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--without",
        help="Re-run the checks as if this organisation (and its people) had left on the "
        "as-of date, and show what changes; repeatable; --format text or json only.",
        metavar="ORG",
    ),
]


ChangeFormatOpt = Annotated[
    ChangeFormat, format_option("text, json or markdown (for a pull request).")
]

"""The Typer application: the only place that reads arguments, prints, and exits.

Exit codes: 0 all valid and nothing at or above --fail-on; 1 an invalid file or such a
finding; 2 a usage error (bad option, unknown rule, unreadable path or configuration);
3 an internal error (a bug: run again with --debug for the traceback).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer

from . import __version__

STDIN = "-"
"""The PATH that means standard input (as the loader reads it); kept here so that commands
that read no file, like --version and schema, do not import the loader and its models."""

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .config import Config
    from .engine import Settings
    from .findings import FileReport, Severity
    from .pseudonyms import Pseudonymiser
    from .report import RenderOptions

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="collabgain",
    help="Partnership health checks as code: validate a partnership description and check it "
    "against the principles of collaborative advantage.",
    no_args_is_help=True,
    add_completion=False,
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


def _format_enum() -> type[enum.Enum]:
    from .report import available_formats

    members = {name: name for name in available_formats()}
    return cast("type[enum.Enum]", enum.Enum("OutputFormat", members, type=str))


OutputFormat: Any = _format_enum()


class UsageError(Exception):
    """A problem with how collabgain was called: exit code 2."""


def _err(message: str) -> None:
    sys.stderr.write(f"collabgain: {message}\n")


def _fail_usage(message: str) -> NoReturn:
    _err(message)
    raise typer.Exit(EXIT_USAGE)


def _use_color(mode: ColorMode, stream: object) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _width(terminal: bool = True) -> int:
    """The terminal's width; else `COLUMNS` (piped, or written with -o); else 80."""
    columns = os.environ.get("COLUMNS", "").strip()
    width = int(columns) if columns.isdigit() and int(columns) > 0 else 80
    if terminal and sys.stdout.isatty():
        with contextlib.suppress(OSError, ValueError):
            width = os.get_terminal_size(sys.stdout.fileno()).columns
    return max(40, min(width, 240))


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail_usage(f"{option}: {value!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-01")


def _render_options(
    text_format: bool, color: ColorMode, output: Path | None, *, quiet: bool = False
) -> RenderOptions:
    """Colour only for the text format on a terminal (or as asked); the terminal's width,
    else `COLUMNS`, else 80 (`_width`)."""
    from .report import RenderOptions

    return RenderOptions(
        color=text_format and _use_color(color, sys.stdout if output is None else None),
        width=_width(terminal=output is None),
        quiet=quiet,
    )


def _emit(text: str, output: Path | None, inputs: list[str]) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .loader import write_report

    try:
        write_report(output, text, protect=inputs)
    except (OSError, ValueError) as exc:
        _fail_usage(f"--output {output}: {exc}")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"collabgain {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
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


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Partnership files, folders (every *.yaml/*.yml below) or '-' for standard input.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
]
ColorOpt = Annotated[
    ColorMode, typer.Option("--color", help="Colour: auto (on for a terminal), always, never.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only findings, no summary.")]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on", help="The lowest severity that makes the run fail.", show_default="error"
    ),
]
ExitZeroOpt = Annotated[
    bool, typer.Option("--exit-zero", help="Always exit 0 unless a usage error.")
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select", help="Rule codes, names or code prefixes to run (comma-separated or repeated)."
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Rule codes, names or code prefixes to skip."),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Date time-based rules measure from when the file has no partnership.as_of "
        "(YYYY-MM-DD).",
    ),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="A collabgain.toml to use instead of searching.")
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


def _pseudonymiser(pseudonymise: bool, key_file: Path | None) -> Pseudonymiser | None:
    """The transform --pseudonymise asks for (None without it); no key is a usage error."""
    if not pseudonymise:
        if key_file is not None:
            _fail_usage("--pseudonym-key-file is used only with --pseudonymise")
        return None
    from .pseudonyms import KEY_VARIABLE, KeyProblem, Pseudonymiser, pseudonym_key

    try:
        key = pseudonym_key(os.environ.get(KEY_VARIABLE), key_file)
    except KeyProblem as exc:
        _fail_usage(str(exc))
    return Pseudonymiser(key)


def _transformed(settings: Settings, transform: Pseudonymiser | None) -> Settings:
    """`settings` that apply `transform` (pseudonyms) to every partnership, if there is one."""
    import dataclasses

    return settings if transform is None else dataclasses.replace(settings, transform=transform)


def _config(
    config_file: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    *,
    fail_on: FailOn | None = None,
    output_format: str | None = None,
) -> Config:
    """The configuration file (found or named) with the command line laid over it."""
    from .config import ConfigError, resolve
    from .report import available_formats

    try:
        return resolve(
            config_path=config_file,
            cwd=Path.cwd(),
            select=select or (),
            ignore=ignore or (),
            fail_on=fail_on.value if fail_on else None,
            output_format=output_format,
            formats=available_formats(),
        )
    except ConfigError as exc:
        _fail_usage(str(exc))


def _expand(paths: list[str]) -> list[str]:
    from .loader import InputError, expand_paths

    try:
        files = expand_paths(paths)
    except InputError as exc:
        _fail_usage(str(exc))
    if not files:
        _fail_usage(f"no *.yaml or *.yml files found in {', '.join(paths)}")
    if files.count(STDIN) > 1:
        _fail_usage("'-' (standard input) can be given only once")
    return files


def _run_report(
    paths: list[str],
    *,
    validate_only: bool,
    output_format: str | None,
    output: Path | None,
    color: ColorMode,
    quiet: bool,
    fail_on: FailOn | None,
    exit_zero: bool,
    select: list[str] | None,
    ignore: list[str] | None,
    as_of: str | None,
    config_file: Path | None,
    show_config: bool,
    without: tuple[str, ...] = (),
    transform: Pseudonymiser | None = None,
) -> None:
    import json

    from .config import settings_for
    from .findings import Report
    from .report import FORMATS, render
    from .runner import run_files

    config = _config(config_file, select, ignore, fail_on=fail_on, output_format=output_format)
    if show_config:
        sys.stdout.write(json.dumps(config.as_dict(), indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    if not paths:
        _fail_usage("give at least one PATH (a file, a folder, or '-')")
    fail_severity: Severity | None = None if exit_zero else config.fail_severity
    date = _parse_date(as_of, "--as-of")
    files = _expand(paths)
    settings = _transformed(settings_for(config, date), transform)
    name = config.format if config.format in FORMATS else "text"
    if without:
        _run_what_if(
            files,
            settings,
            without,
            name=name,
            output=output,
            color=color,
            quiet=quiet,
            fail_severity=fail_severity,
        )
    file_reports = _with_progress(
        files,
        lambda on_report: run_files(
            files, settings, validate_only=validate_only, on_report=on_report
        ),
        show=name == "text" and color is not ColorMode.never,
    )
    report = Report(
        files=tuple(file_reports),
        fail_on=fail_severity,
        tool_version=__version__,
        rules=() if validate_only else tuple(s.rule.code for s in settings.rules),
    )
    _emit(
        render(name, report, _render_options(name == "text", color, output, quiet=quiet)),
        output,
        files,
    )
    raise typer.Exit(EXIT_FINDINGS if report.failed else EXIT_OK)


def _with_progress(
    files: list[str],
    work: Callable[[Callable[[object], None] | None], list[FileReport]],
    *,
    show: bool,
) -> list[FileReport]:
    """Run `work`, with a progress bar on standard error for a long run at a terminal."""
    from .runner import PARALLEL_MIN_FILES

    if not (show and len(files) >= PARALLEL_MIN_FILES and sys.stderr.isatty()):
        return work(None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking", total=len(files))
        return work(lambda _report: progress.advance(task))


WithoutOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--without",
        help="Re-run the checks as if this organisation (and its people) had left on the "
        "as-of date, and show what changes; repeatable; --format text or json only.",
        metavar="ORG",
    ),
]


def _run_what_if(
    files: list[str],
    settings: Settings,
    without: tuple[str, ...],
    *,
    name: str,
    output: Path | None,
    color: ColorMode,
    quiet: bool,
    fail_severity: Severity | None,
) -> NoReturn:
    from .findings import Report
    from .whatif import FORMATS, UnknownOrganisation, render_what_if, run_what_if

    if name not in FORMATS:
        _fail_usage(f"--without: use --format {' or '.join(FORMATS)}, not {name}")
    try:
        outcomes = run_what_if(files, settings, without)
    except UnknownOrganisation as exc:
        _fail_usage(str(exc))
    report = Report(
        files=tuple(o.report for o in outcomes),
        fail_on=fail_severity,
        tool_version=__version__,
        rules=tuple(s.rule.code for s in settings.rules),
    )
    options = _render_options(name == "text", color, output, quiet=quiet)
    _emit(render_what_if(name, report, outcomes, options), output, files)
    raise typer.Exit(EXIT_FINDINGS if report.failed else EXIT_OK)


@app.command()
def check(
    paths: PathsArg = None,  # type: ignore[assignment]
    output_format: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    as_of: AsOfOpt = None,
    config_file: ConfigOpt = None,
    quiet: QuietOpt = False,
    exit_zero: ExitZeroOpt = False,
    show_config: Annotated[
        bool, typer.Option("--show-config", help="Print the resolved configuration and exit.")
    ] = False,
    color: ColorOpt = ColorMode.auto,
    without: WithoutOpt = None,
    pseudonymise: PseudonymiseOpt = False,
    pseudonym_key_file: PseudonymKeyFileOpt = None,
) -> None:
    """Validate partnership files and run the health checks (the main job)."""
    transform = _pseudonymiser(pseudonymise, pseudonym_key_file)
    _run_report(
        paths or [],
        validate_only=False,
        output_format=output_format.value if output_format else None,
        output=output,
        color=color,
        quiet=quiet,
        fail_on=fail_on,
        exit_zero=exit_zero,
        select=select,
        ignore=ignore,
        as_of=as_of,
        config_file=config_file,
        show_config=show_config,
        without=tuple(dict.fromkeys(without or ())),
        transform=transform,
    )


@app.command()
def validate(
    paths: PathsArg = None,  # type: ignore[assignment]
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = None,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    color: ColorOpt = ColorMode.auto,
) -> None:
    """Validate only (schema, references, dates): fast, for pre-commit. Prints
    `file:line:col: CODE message` lines."""
    _run_report(
        paths or [],
        validate_only=True,
        output_format=output_format.value if output_format else "concise",
        output=output,
        color=color,
        quiet=quiet,
        fail_on=FailOn.error,
        exit_zero=False,
        select=None,
        ignore=None,
        as_of=None,
        config_file=None,
        show_config=False,
    )


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter file.")] = Path(
        "partnership.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter partnership.yaml (never overwrites without --force)."""
    from .loader import starter_text, write_new_file

    try:
        write_new_file(path, starter_text(), overwrite=force)
    except FileExistsError:
        _fail_usage(f"{path} already exists; use --force to overwrite it")
    except OSError as exc:
        _fail_usage(f"{path}: cannot write: {exc.strerror or exc}")
    sys.stderr.write(f"wrote {path}; fill it in, then run: collabgain check {path}\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the partnership format (for editors and other tools)."""
    import json

    from .schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command(name="rules")
def rules_command(
    principle: Annotated[
        str | None, typer.Option("--principle", "-p", help="Only this principle's rules.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Table of every rule and strength (GP): code, name, principle, severity, options."""
    import json

    from .rules import PRINCIPLES, all_rules, all_strengths

    if principle is not None and principle not in PRINCIPLES:
        _fail_usage(
            f"--principle: unknown principle {principle!r}; one of: {', '.join(PRINCIPLES)}"
        )
    if output_format not in ("text", "json"):
        _fail_usage("--format: use text or json")
    chosen = [r for r in all_rules().values() if principle in (None, r.principle)]
    strengths = [s for s in all_strengths().values() if principle in (None, s.principle)]
    if output_format == "json":
        records = [
            {
                "code": r.code,
                "name": r.name,
                "principle": r.principle,
                "severity": r.severity.label,
                "summary": r.summary,
                "options": {k: f.default for k, f in r.options.model_fields.items()},
            }
            for r in chosen
        ]
        records.extend(
            {
                "code": s.code,
                "name": s.name,
                "principle": s.principle,
                "severity": "strength",
                "summary": s.summary,
                "options": {},
            }
            for s in strengths
        )
        sys.stdout.write(json.dumps(records, indent=2) + "\n")
        return
    from rich.table import Table

    # The principle goes under the name and each option on a line of its own, so that the
    # table fits 80 columns without splitting a name or an option.
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Name and principle", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Options", overflow="fold")
    for r in chosen:
        options = "\n".join(f"{k}={f.default}" for k, f in r.options.model_fields.items())
        table.add_row(r.code, f"{r.name}\n  {r.principle}", r.severity.label, options)
    for s in strengths:
        table.add_row(s.code, f"{s.name}\n  {s.principle}", "strength", "")
    _print_rich(table)


def _print_rich(renderable: RenderableType) -> None:
    """A Rich renderable at the terminal's width (`_width`), without trailing spaces."""
    from .report.text import text_of

    color = _use_color(ColorMode.auto, sys.stdout)
    sys.stdout.write(text_of([renderable], color=color, width=_width()))


@app.command()
def explain(
    rule: Annotated[
        str,
        typer.Argument(
            help="A rule code (CG501) or name (member-turnover), or a strength (GP201)."
        ),
    ],
) -> None:
    """One rule's documentation: what it finds, why it matters, how to fix it, options, example."""
    from rich.markdown import Markdown

    from .rules import all_rules, all_strengths, find_rule, find_strength
    from .rules.docs import explain_markdown, explain_strength_markdown

    found = find_rule(rule)
    strength = find_strength(rule) if found is None else None
    if strength is not None:
        _print_rich(Markdown(explain_strength_markdown(strength)))
        return
    if found is None:
        import difflib

        candidates = [
            *all_rules(),
            *(r.name for r in all_rules().values()),
            *all_strengths(),
            *(s.name for s in all_strengths().values()),
        ]
        close = difflib.get_close_matches(rule, candidates, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; `collabgain rules` lists them"
        _fail_usage(f"unknown rule {rule!r}{hint}")
    _print_rich(Markdown(explain_markdown(found)))


@app.command()
def principles(
    principle: Annotated[
        str | None, typer.Argument(help="One principle's id, e.g. managing-aims.")
    ] = None,
) -> None:
    """The guiding principles and core skills (from principles.yaml), each with its rules."""
    from .principles import load_catalogue
    from .rules import all_rules

    catalogue = load_catalogue()
    groups = catalogue.groups
    if principle is not None:
        found = catalogue.get(principle)
        if found is None:
            ids = ", ".join(g.id for g in groups)
            _fail_usage(f"unknown principle {principle!r}; one of: {ids}")
        groups = (found,)
    rules = all_rules().values()
    lines: list[str] = []
    for group in groups:
        lines.append(f"{group.number}. {group.title} ({group.id})")
        lines.append(_wrap(group.summary, "   "))
        for skill in group.skills:
            lines.append(_wrap(f"{skill.title}: {skill.summary}", "   - ", "     "))
        for level in group.levels:
            lines.append(_wrap(f"{level.id}: {level.summary}", "   - ", "     "))
        if group.questions:
            lines.append("   Questions to ask:")
            lines.extend(_wrap(q, "   - ", "     ") for q in group.questions)
        own = [r for r in rules if r.principle == group.id]
        if own:
            rules_line = "Rules: " + ", ".join(f"{r.code} {r.name}" for r in own)
            lines.append(_wrap(rules_line, "   "))
        lines.append("")
    sys.stdout.write("\n".join(lines))


def _wrap(text: str, indent: str, hanging: str | None = None) -> str:
    """Text filled to the terminal's width (`_width`), never splitting a word or a code."""
    import textwrap

    return textwrap.fill(
        " ".join(text.split()),
        width=_width(),
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )


class PortfolioFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def portfolio(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Folders (every *.yaml/*.yml below) or partnership files.",
            metavar="DIR",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        PortfolioFormat | None,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    max_networks: Annotated[
        int,
        typer.Option(
            "--max-networks",
            min=0,
            help="PG402: how many tables (partnerships and networks) a person may sit at "
            "across the portfolio before it is overload.",
        ),
    ] = 4,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    as_of: AsOfOpt = None,
    config_file: ConfigOpt = None,
    color: ColorOpt = ColorMode.auto,
    pseudonymise: PseudonymiseOpt = False,
    pseudonym_key_file: PseudonymKeyFileOpt = None,
) -> None:
    """Every partnership under a folder at once: an inventory, the people and organisations
    they share, and what no single file can show (PG402)."""
    transform = _pseudonymiser(pseudonymise, pseudonym_key_file)
    from .config import settings_for
    from .portfolio import FORMATS, build, inspect_files, render

    config = _config(config_file, select, ignore, fail_on=fail_on)
    date = _parse_date(as_of, "--as-of")
    files = _expand(paths)
    if output_format is not None:
        name = output_format.value
    else:
        name = config.format if config.format in FORMATS else "text"
    result = build(
        inspect_files(files, _transformed(settings_for(config, date), transform)),
        max_networks=max_networks,
        fail_on=config.fail_severity,
        tool_version=__version__,
    )
    _emit(render(name, result, _render_options(name == "text", color, output)), output, files)
    raise typer.Exit(EXIT_FINDINGS if result.failed else EXIT_OK)


def _map_format_enum() -> type[enum.Enum]:
    from .maps import MAP_FORMATS

    members = {name: name for name in MAP_FORMATS}
    return cast("type[enum.Enum]", enum.Enum("MapFormat", members, type=str))


MapFormat: Any = _map_format_enum()


@app.command(name="map")
def map_command(
    path: Annotated[
        str, typer.Argument(help="A partnership file, or '-' for standard input.", metavar="PATH")
    ],
    output_format: Annotated[
        MapFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (a terminal view), mermaid, dot (Graphviz), graphml or json.",
            case_sensitive=False,
        ),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the map to this file.")
    ] = None,
    people: Annotated[
        bool, typer.Option("--people", help="Add people and the other networks they sit on.")
    ] = False,
    current_only: Annotated[
        bool,
        typer.Option(
            "--current-only",
            help="Leave out former members and those not yet joined (and people who left).",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The date to draw the map on when the file has no partnership.as_of (YYYY-MM-DD).",
        ),
    ] = None,
    pseudonymise: PseudonymiseOpt = False,
    pseudonym_key_file: PseudonymKeyFileOpt = None,
    labels: Annotated[
        bool,
        typer.Option("--labels", help="dot: label each tie with what the two share."),
    ] = False,
) -> None:
    """The partnership's network map: who is tied to whom, bridges, isolated members."""
    transform = _pseudonymiser(pseudonymise, pseudonym_key_file)
    from .mapping import map_file
    from .maps import render_map

    files = _expand([path])
    if len(files) != 1:
        _fail_usage(f"map draws one partnership at a time; {path} holds {len(files)} files")
    network_map, errors = map_file(
        files[0],
        as_of=_parse_date(as_of, "--as-of"),
        current_only=current_only,
        people=people,
        transform=transform,
    )
    if network_map is None:
        display = "<stdin>" if files[0] == STDIN else files[0]
        for error in errors:
            _err(f"{display}:{error.line}:{error.column}: {error.code} {error.message}")
        raise typer.Exit(EXIT_FINDINGS)
    format_name = output_format.value if isinstance(output_format, enum.Enum) else output_format
    if labels:
        import dataclasses

        network_map = dataclasses.replace(network_map, labels=True)
    _emit(render_map(format_name, network_map), output, files)


class ChangeFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


ChangeFormatOpt = Annotated[
    ChangeFormat,
    typer.Option(
        "--format", "-f", help="text, json or markdown (for a pull request).", case_sensitive=False
    ),
]


def _change_settings(
    select: list[str] | None,
    ignore: list[str] | None,
    config_file: Path | None,
    as_of: dt.date | None,
) -> Settings:
    """The rules and options `diff` and `history` check each version with, as `check` does."""
    from .config import settings_for

    settings: Settings = settings_for(_config(config_file, select, ignore), as_of)
    return settings


@app.command(name="diff")
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            help="The earlier description: a file, '-', or REV:path (the file at a git "
            "revision, e.g. HEAD~1:partnership.yaml).",
            show_default=False,
        ),
    ],
    new: Annotated[
        str, typer.Argument(help="The later description, in the same forms.", show_default=False)
    ],
    output_format: ChangeFormatOpt = ChangeFormat.text,
    output: OutputOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    as_of: AsOfOpt = None,
    config_file: ConfigOpt = None,
    color: ColorOpt = ColorMode.auto,
    pseudonymise: PseudonymiseOpt = False,
    pseudonym_key_file: PseudonymKeyFileOpt = None,
) -> None:
    """What changed between two descriptions of one partnership: members, chair, decision
    and funding shares, aims, findings, principle statuses and collaboration level. Exit 0,
    or 1 when either description is invalid."""
    from .diffing import InputError, compare, load_side, render
    from .gitrev import GitError

    if old == new == STDIN:
        _fail_usage("'-' (standard input) can be given only once")
    transform = _pseudonymiser(pseudonymise, pseudonym_key_file)
    settings = _transformed(
        _change_settings(select, ignore, config_file, _parse_date(as_of, "--as-of")), transform
    )
    try:
        changes = compare(load_side(old, settings), load_side(new, settings))
    except (GitError, InputError) as exc:
        _fail_usage(str(exc))
    options = _render_options(output_format is ChangeFormat.text, color, output)
    _emit(
        render(output_format.value, changes, color=options.color, width=options.width),
        output,
        [old, new],
    )
    raise typer.Exit(EXIT_OK if changes.comparable else EXIT_FINDINGS)


@app.command(name="history")
def history_command(
    path: Annotated[
        str, typer.Argument(help="A partnership file in a git repository.", show_default=False)
    ],
    output_format: ChangeFormatOpt = ChangeFormat.text,
    output: OutputOpt = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only versions committed on or after this date (YYYY-MM-DD)."),
    ] = None,
    max_count: Annotated[
        int | None,
        typer.Option("--max-count", "-n", min=1, help="Only the N most recent versions."),
    ] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config_file: ConfigOpt = None,
    color: ColorOpt = ColorMode.auto,
) -> None:
    """Health over time: every committed version of the file, checked, oldest first, with
    status per principle, counts of findings, collaboration level and a sparkline of warnings.
    A version without partnership.as_of is checked as of its commit date."""
    from .gitrev import GitError
    from .history import file_history, render

    since_date = _parse_date(since, "--since")
    settings = _change_settings(select, ignore, config_file, None)
    try:
        found = file_history(path, settings, since=since_date, max_count=max_count)
    except GitError as exc:
        _fail_usage(str(exc))
    options = _render_options(output_format is ChangeFormat.text, color, output)
    _emit(
        render(output_format.value, found, color=options.color, width=options.width),
        output,
        [path],
    )


class ReportFormat(enum.StrEnum):
    html = "html"
    markdown = "markdown"


@app.command(name="report")
def report_command(
    paths: PathsArg = None,  # type: ignore[assignment]
    output: OutputOpt = None,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="html (one standalone page, for email and print) or markdown (with a Mermaid "
            "map).",
            case_sensitive=False,
        ),
    ] = ReportFormat.html,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    as_of: AsOfOpt = None,
    config_file: ConfigOpt = None,
    pseudonymise: PseudonymiseOpt = False,
    pseudonym_key_file: PseudonymKeyFileOpt = None,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief",
            help="Two pages: what to act on first, what is going well, the statuses and the map.",
        ),
    ] = False,
) -> None:
    """A report to share with partners: principle statuses, collaboration level, the network
    map and the findings with why they matter and how to fix them. Exit 0, or 1 when a file
    is invalid (its errors are in the report)."""
    transform = _pseudonymiser(pseudonymise, pseudonym_key_file)
    from .config import settings_for
    from .report import board_markdown
    from .report import html as html_report
    from .report.board import build_report

    config = _config(config_file, select, ignore)
    if not paths:
        _fail_usage("give at least one PATH (a file, a folder, or '-')")
    date = _parse_date(as_of, "--as-of")
    files = _expand(paths)
    settings = _transformed(settings_for(config, date), transform)
    board = build_report(files, settings, __version__, brief=brief)
    render = board_markdown.render if report_format is ReportFormat.markdown else html_report.render
    _emit(render(board), output, files)
    raise typer.Exit(EXIT_FINDINGS if any(not f.report.valid for f in board.files) else EXIT_OK)


def main() -> None:
    """Entry point: run the app; an unexpected exception is an internal error, exit 3."""
    try:
        app(prog_name="collabgain")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Exception as exc:  # the one place a bug is turned into a message, not hidden
        if os.environ.get("COLLABGAIN_DEBUG") == "1" or "--debug" in sys.argv:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(EXIT_INTERNAL)

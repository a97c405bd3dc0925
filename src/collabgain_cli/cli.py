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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer

from . import __version__
from .cli_survey import survey_app

STDIN = "-"
"""The PATH that means standard input (as the loader reads it); kept here so that commands
that read no file, like --version and schema, do not import the loader and its models."""

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .config import Config, Resolver
    from .discovery import Discovery
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
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _plain_argument_help() -> None:
    """Typer writes an argument's Python type after its name in help (`PATH <list[str]>`);
    the argument's help already says what it takes, in words."""
    from typer.core import TyperArgument

    setattr(TyperArgument, "display_type_rich", lambda _self, ctx: "")  # noqa: B010


_plain_argument_help()


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
    from .safe_text import terminal_lines

    sys.stderr.write(f"collabgain: {terminal_lines(message)}\n")


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
    text_format: bool,
    color: ColorMode,
    output: Path | None,
    *,
    quiet: bool = False,
    summary: bool = False,
) -> RenderOptions:
    """Colour only for the text format on a terminal (or as asked); the terminal's width,
    else `COLUMNS`, else 80 (`_width`)."""
    from .report import RenderOptions

    return RenderOptions(
        color=text_format and _use_color(color, sys.stdout if output is None else None),
        width=_width(terminal=output is None),
        quiet=quiet,
        summary=summary,
    )


def _emit(text: str, output: Path | None, inputs: list[str]) -> None:
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except OSError as exc:
            # As for --output: a full disk or a closed reader is a problem with where the
            # report goes, not a bug.
            _fail_usage(f"cannot write to standard output: {exc.strerror or exc}")
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


def _complete_paths(incomplete: str) -> list[str]:
    """Folders and YAML files starting with what is typed, and '-' (shell completion)."""
    import glob

    out = [STDIN] if not incomplete else []
    for found in sorted(glob.glob(glob.escape(incomplete) + "*")):
        if os.path.isdir(found):
            out.append(found + "/")
        elif found.endswith((".yaml", ".yml")):
            out.append(found)
    return out


def _complete_codes(incomplete: str, *, others: bool = False) -> list[tuple[str, str]]:
    """Rule codes and names that start with the last comma-separated part typed, with help."""
    from .rules import all_rules

    head, comma, last = incomplete.rpartition(",")
    prefix = head + comma
    choices = [(r.code, r.name) for r in all_rules().values()]
    choices += [(r.name, r.code) for r in all_rules().values()]
    if others:
        from .codes import CODES
        from .rules import all_strengths

        choices += [(c.code, c.name) for c in CODES]
        choices += [(s.code, s.name) for s in all_strengths().values()]
    return sorted(
        (prefix + value, help_text)
        for value, help_text in choices
        if value.lower().startswith(last.lower())
    )


def _complete_selectors(incomplete: str) -> list[tuple[str, str]]:
    return _complete_codes(incomplete)


def _complete_explain(incomplete: str) -> list[tuple[str, str]]:
    return _complete_codes(incomplete, others=True)


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Partnership files, folders (the YAML files below with a top-level 'partnership' "
        "key) or '-' for standard input.",
        show_default=False,
        metavar="PATH",
        autocompletion=_complete_paths,
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: " + ", ".join(m.value for m in OutputFormat) + " (default text).",
        case_sensitive=False,
        metavar="FORMAT",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to this file.", metavar="FILE"),
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
        autocompletion=_complete_selectors,
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        help="Rule codes, names or code prefixes to skip.",
        metavar="CODES",
        show_default=False,
        autocompletion=_complete_selectors,
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

    if transform is None:
        return settings
    return dataclasses.replace(settings, transform=transform, redact=transform.redact)


def _resolver(
    config_file: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    *,
    fail_on: FailOn | None = None,
    output_format: str | None = None,
    exclude: list[str] | None = None,
    extend_exclude: list[str] | None = None,
) -> Resolver:
    """The configuration of each file (found from it, or named) with the command line over it."""
    from .config import ConfigError, Resolver
    from .report import available_formats

    resolver = Resolver(
        config_file,
        Path.cwd(),
        select=select or (),
        ignore=ignore or (),
        fail_on=fail_on.value if fail_on else None,
        output_format=output_format,
        formats=available_formats(),
        exclude=exclude,
        extend_exclude=extend_exclude or (),
    )
    try:
        resolver.run  # noqa: B018 -- a bad configuration is a usage error before any work
    except ConfigError as exc:
        _fail_usage(str(exc))
    return resolver


def _config(
    config_file: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    *,
    fail_on: FailOn | None = None,
    output_format: str | None = None,
) -> Config:
    """The configuration file (found or named) with the command line laid over it."""
    return _resolver(config_file, select, ignore, fail_on=fail_on, output_format=output_format).run


def _for_file(resolver: Resolver, path: str) -> Config:
    from .config import ConfigError

    try:
        return resolver.for_file(path)
    except ConfigError as exc:
        _fail_usage(str(exc))


def _discover(
    paths: list[str],
    resolver: Resolver | None = None,
    *,
    force_exclude: bool = False,
    quiet: bool = False,
) -> Discovery:
    """The partnership files among `paths`; a note on standard error of YAML files skipped."""
    from .config import ConfigError
    from .discovery import PathError, discover

    if paths.count(STDIN) > 1:
        _fail_usage("'-' (standard input) can be given only once")
    chosen = resolver if resolver is not None else _resolver(None, None, None)
    try:
        found = discover(
            paths,
            lambda folder: chosen.for_folder(folder).exclusions(),
            force_exclude=force_exclude,
        )
    except PathError as exc:
        _fail_usage(str(exc))
    except ConfigError as exc:
        _fail_usage(str(exc))
    others = len(found.not_partnership)
    if not found.files and not force_exclude:
        note = f" (skipped {_not_partnerships(others)})" if others else ""
        _fail_usage(
            f"no partnership files found in {', '.join(paths)}{note}; "
            "--show-files lists what was skipped and why"
        )
    if others and not quiet:
        _err(f"skipped {_not_partnerships(others)} (--show-files lists them)")
    return found


def _not_partnerships(count: int) -> str:
    if count == 1:
        return "1 YAML file that is not a partnership file"
    return f"{count} YAML files that are not partnership files"


def _show_files(found: Discovery) -> NoReturn:
    """What a run would check, and what it skips and why."""
    lines = [f"check  {c.path}  ({c.reason})" for c in found.checked]
    lines.extend(f"skip   {c.path}  ({c.reason})" for c in found.skipped)
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    raise typer.Exit(EXIT_OK)


def _expand(paths: list[str], resolver: Resolver | None = None) -> list[str]:
    """The partnership files among `paths`, for commands that use one configuration."""
    return list(_discover(paths, resolver).files)


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
    exclude: list[str] | None = None,
    extend_exclude: list[str] | None = None,
    force_exclude: bool = False,
    show_files: bool = False,
    summary: bool = False,
    statistics: bool = False,
) -> None:
    from .findings import Report
    from .report import FORMATS, render

    resolver = _resolver(
        config_file,
        select,
        ignore,
        fail_on=fail_on,
        output_format=output_format,
        exclude=exclude,
        extend_exclude=extend_exclude,
    )
    config = resolver.run
    if show_config:
        _show_config(resolver, paths, force_exclude=force_exclude)
    if not paths:
        _fail_usage("give at least one PATH (a file, a folder, or '-')")
    date = _parse_date(as_of, "--as-of")
    found = _discover(paths, resolver, force_exclude=force_exclude, quiet=quiet or show_files)
    if show_files:
        _show_files(found)
    files = list(found.files)
    if not files:
        raise typer.Exit(EXIT_OK)  # --force-exclude skipped every file named: nothing to check
    fail_severity: Severity | None = None if exit_zero else config.fail_severity
    name = config.format if config.format in FORMATS else "text"
    if summary and name != "markdown":
        _fail_usage(f"--summary is for --format markdown, not {name}")
    if statistics and name not in ("text", "json"):
        _fail_usage(f"--statistics: use --format text or json, not {name}")
    if without:
        settings = _transformed(_settings(config, date), transform)
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
    configs = {path: _for_file(resolver, path) for path in files}
    file_reports = _with_progress(
        files,
        lambda on_report: _check_files(
            files, configs, date, transform, validate_only=validate_only, on_report=on_report
        ),
        show=name == "text" and color is not ColorMode.never,
    )
    report = Report(
        files=tuple(file_reports),
        fail_on=fail_severity,
        tool_version=__version__,
        rules=() if validate_only else _selected_codes(configs.values(), date),
    )
    if statistics:
        from .report import statistics as rule_counts

        text = rule_counts.render(name, report)
    else:
        options = _render_options(name == "text", color, output, quiet=quiet, summary=summary)
        text = render(name, report, options)
    _emit(text, output, files)
    if exit_zero or fail_on is not None:
        failed = report.failed
    else:
        # Each file fails by the fail-on of its own configuration.
        failed = any(
            Report(files=(r,), fail_on=configs[path].fail_severity).failed
            for path, r in zip(files, file_reports, strict=True)
        )
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _settings(config: Config, date: dt.date | None) -> Settings:
    from .config import settings_for

    settings: Settings = settings_for(config, date)
    return settings


def _selected_codes(configs: Iterable[Config], date: dt.date | None) -> tuple[str, ...]:
    """The codes of the rules any file of the run was checked with, in code order."""
    distinct = {id(config): config for config in configs}.values()
    codes = {s.rule.code for config in distinct for s in _settings(config, date).rules}
    return tuple(sorted(codes))


def _check_files(
    files: list[str],
    configs: dict[str, Config],
    date: dt.date | None,
    transform: Pseudonymiser | None,
    *,
    validate_only: bool,
    on_report: Callable[[FileReport], None] | None,
) -> list[FileReport]:
    """Every file's report, in the order given, each checked with its own configuration."""
    from .runner import run_files

    groups: dict[int, list[str]] = {}
    for path in files:
        groups.setdefault(id(configs[path]), []).append(path)
    by_path: dict[str, FileReport] = {}
    for group in groups.values():
        config = configs[group[0]]
        settings = _transformed(_settings(config, date), transform)
        reports = run_files(group, settings, validate_only=validate_only, on_report=on_report)
        by_path.update(zip(group, reports, strict=True))
    return [by_path[path] for path in files]


def _show_config(resolver: Resolver, paths: list[str], *, force_exclude: bool) -> NoReturn:
    """The resolved configuration: of the run, or of each file the paths hold."""
    import json

    if not paths:
        sys.stdout.write(json.dumps(resolver.run.as_dict(), indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    found = _discover(paths, resolver, force_exclude=force_exclude, quiet=True)
    shown = [{"file": path, **_for_file(resolver, path).as_dict()} for path in found.files]
    sys.stdout.write(json.dumps(shown[0] if len(shown) == 1 else shown, indent=2) + "\n")
    raise typer.Exit(EXIT_OK)


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
        bool,
        typer.Option(
            "--show-config",
            help="Print the resolved configuration and exit; with a PATH, the configuration "
            "that applies to each file it holds.",
        ),
    ] = False,
    color: ColorOpt = ColorMode.auto,
    without: WithoutOpt = None,
    pseudonymise: PseudonymiseOpt = False,
    pseudonym_key_file: PseudonymKeyFileOpt = None,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
    show_files: ShowFilesOpt = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="With --format markdown: only the overview table, a row per file (for "
            "$GITHUB_STEP_SUMMARY).",
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help="Instead of the report, how many findings each rule raised, most first "
            "(--format text or json).",
        ),
    ] = False,
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
        exclude=exclude,
        extend_exclude=extend_exclude,
        force_exclude=force_exclude,
        show_files=show_files,
        summary=summary,
        statistics=statistics,
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
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="never: exit 0 even for an invalid file; any other value: exit 1 for one "
            "(validation finds only errors). For pre-commit hooks that share the check "
            "hook's args.",
            show_default=False,
            metavar="SEVERITY",
        ),
    ] = None,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
    show_files: ShowFilesOpt = False,
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
        fail_on=fail_on or FailOn.error,
        exit_zero=False,
        select=None,
        ignore=None,
        as_of=None,
        config_file=None,
        show_config=False,
        exclude=exclude,
        extend_exclude=extend_exclude,
        force_exclude=force_exclude,
        show_files=show_files,
    )


@app.command()
def init(
    path: Annotated[
        str | None,
        typer.Argument(
            help="Where to write the starter file (default partnership.yaml), or '-' for "
            "standard output.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The date the file is true of (YYYY-MM-DD); default today."),
    ] = None,
    workbook: Annotated[
        Path | None,
        typer.Option(
            "--workbook",
            help="Write an empty workbook instead: an .xlsx file, or a folder of CSV files, "
            "with every sheet, its columns and a README sheet (fill it in, then "
            "`collabgain import`).",
            metavar="BOOK",
        ),
    ] = None,
) -> None:
    """Write a commented starter partnership.yaml (never overwrites without --force; given a
    folder, writes partnership.yaml in it)."""
    from .loader import write_new_file
    from .starter import check_command, starter

    date = _parse_date(as_of, "--as-of") or dt.date.today()
    if workbook is not None:
        if path is not None:
            _fail_usage("give a PATH or --workbook BOOK, not both")
        _init_workbook(workbook, date, force=force)
        return
    path = path or "partnership.yaml"
    if path == STDIN:
        sys.stdout.write(starter(date, "partnership.yaml"))
        return
    if Path(path).is_dir():
        path = str(Path(path) / "partnership.yaml")
    try:
        write_new_file(Path(path), starter(date, path), overwrite=force)
    except FileExistsError:
        if Path(path).is_symlink():
            _fail_usage(f"{path} is a link; remove it, or name another file")
        _fail_usage(f"{path} already exists; use --force to overwrite it")
    except OSError as exc:
        _fail_usage(f"{path}: cannot write: {exc.strerror or exc}")
    sys.stderr.write(f"wrote {path}; fill it in, then run: {check_command(path)}\n")


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
            help="A code a report prints (CG501, CG002, PG402, GP201) or a rule's name "
            "(member-turnover).",
            metavar="CODE",
            autocompletion=_complete_explain,
        ),
    ],
) -> None:
    """The documentation of a code: what it finds, why it matters, how to fix it, options,
    example. Every code a report can print: the rules, the strengths (GP), the validity errors
    CG001-CG007 and the portfolio finding PG402."""
    from rich.markdown import Markdown

    from .codes import CODES, find_code
    from .rules import all_rules, all_strengths, find_rule, find_strength
    from .rules.docs import explain_markdown, explain_strength_markdown

    found = find_rule(rule)
    if found is not None:
        _print_rich(Markdown(explain_markdown(found)))
        return
    strength = find_strength(rule)
    if strength is not None:
        _print_rich(Markdown(explain_strength_markdown(strength)))
        return
    other = find_code(rule)
    if other is not None:
        sys.stdout.write(other.explain())
        return
    import difflib

    candidates = [*all_rules(), *(r.name for r in all_rules().values())]
    candidates += [*all_strengths(), *(s.name for s in all_strengths().values())]
    candidates += [c.code for c in CODES] + [c.name for c in CODES]
    prefixed = [c for c in candidates if c.startswith(rule.strip().upper()) and rule.strip()]
    close = difflib.get_close_matches(rule, candidates, n=1)
    if prefixed:
        hint = f"; name one of the codes it begins: {', '.join(prefixed)}"
    elif close:
        hint = f"; did you mean {close[0]!r}?"
    else:
        hint = "; `collabgain rules` lists them"
    _fail_usage(f"unknown code {rule!r}{hint}")


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
            help="Folders (the YAML files below with a top-level 'partnership' key) or "
            "partnership files.",
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
    gains: Annotated[
        bool,
        typer.Option(
            "--gains",
            help="Also list offers recorded in one partnership that meet needs recorded in "
            "another (matched as `collabgain gains` matches).",
        ),
    ] = False,
) -> None:
    """Every partnership under a folder at once: an inventory, the people and organisations
    they share, and what no single file can show (PG402)."""
    transform = _pseudonymiser(pseudonymise, pseudonym_key_file)
    from .config import settings_for
    from .portfolio import FORMATS, build, inspect_files, render

    resolver = _resolver(config_file, select, ignore, fail_on=fail_on)
    config = resolver.run
    date = _parse_date(as_of, "--as-of")
    files = _expand(paths, resolver)
    if output_format is not None:
        name = output_format.value
    else:
        name = config.format if config.format in FORMATS else "text"
    settings = _transformed(settings_for(config, date), transform)
    inspected = inspect_files(files, settings, gains=gains)
    result = build(
        inspected,
        max_networks=max_networks,
        fail_on=config.fail_severity,
        tool_version=__version__,
    )
    options = _render_options(name == "text", color, output)
    if gains:
        from .portfolio_gains import build_portfolio_gains
        from .report import portfolio_gains

        sides = [r.gains for r in inspected if r.gains is not None]
        found = build_portfolio_gains(sides, _gains_matcher(config_file))
        _emit(portfolio_gains.render(name, result, found, options), output, files)
    else:
        _emit(render(name, result, options), output, files)
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
    from .safe_text import visible_controls

    files = _expand([path])
    if len(files) != 1:
        _fail_usage(f"map draws one partnership at a time; {path} holds {len(files)} files")
    network_map, errors = map_file(
        files[0],
        as_of=_parse_date(as_of, "--as-of"),
        current_only=current_only,
        people=people,
        transform=transform,
        redact=transform.redact if transform is not None else None,
    )
    if network_map is None:
        display = "<stdin>" if files[0] == STDIN else files[0]
        for error in errors:
            # One error, one line: a line break in quoted user text is shown escaped.
            _err(
                visible_controls(
                    f"{display}:{error.line}:{error.column}: {error.code} {error.message}"
                )
            )
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
        if sys.stderr.isatty():
            # A history of thousands of commits takes a while: show how far it has got.
            from rich.console import Console
            from rich.progress import Progress

            with Progress(console=Console(stderr=True), transient=True) as progress:
                task = progress.add_task("checking versions", total=None)
                found = file_history(
                    path,
                    settings,
                    since=since_date,
                    max_count=max_count,
                    started=lambda total: progress.update(task, total=total),
                    checked=lambda: progress.advance(task),
                )
        else:
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
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file. With several files as HTML (or a folder that "
            "exists): the folder to write DIR/index.html, an overview linking to a page per "
            "file, and those pages (pages of the same names are replaced; nothing outside DIR "
            "is written).",
            metavar="FILE|DIR",
        ),
    ] = None,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="html (a standalone page per file, for email and print; several files need "
            "-o DIR) or markdown (one document, with a Mermaid map).",
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
    from . import batch
    from .config import settings_for

    resolver = _resolver(config_file, select, ignore)
    config = resolver.run
    if not paths:
        _fail_usage("give at least one PATH (a file, a folder, or '-')")
    date = _parse_date(as_of, "--as-of")
    files = _expand(paths, resolver)
    as_html = report_format is ReportFormat.html
    if as_html and len(files) > 1 and output is None:
        _fail_usage(
            f"{len(files)} files make a page each, with an overview linking them: give -o DIR "
            "to write DIR/index.html and the pages there, or one file, or --format markdown"
        )
    matcher = _gains_matcher(config_file) if as_html else None
    settings = _transformed(settings_for(config, date), transform)
    job = batch.PageJob(settings, report_format.value, __version__, brief=brief, matcher=matcher)
    try:
        if as_html and output is not None and (len(files) > 1 or output.is_dir()):
            folder = batch.prepare_folder(output)
            found = batch.write_folder(batch.pages(files, job), folder, files, __version__)
        elif len(files) == 1:
            [page] = batch.pages(files, job)
            _emit(page.text, output, files)
            found = [page.summary]
        else:
            found = batch.write_document(batch.pages(files, job), output, files)
    except batch.OutputProblem as exc:
        _fail_usage(str(exc))
    raise typer.Exit(EXIT_FINDINGS if any(not f.valid for f in found) else EXIT_OK)


class GainsFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _gains_matcher(config_file: Path | None) -> Any:
    """The matcher of the configuration's `[gains]` table (shipped synonyms without one)."""
    from .config import ConfigError, read_config_file
    from .gains import GainsConfigError, matcher_for

    config = _config(config_file, None, None)
    if config.source is None:
        return matcher_for(None, "configuration")
    try:
        return matcher_for(read_config_file(Path(config.source)).get("gains"), config.source)
    except (ConfigError, GainsConfigError) as exc:
        _fail_usage(str(exc))


@app.command(name="gains")
def gains_command(
    path: Annotated[
        str, typer.Argument(help="A partnership file, or '-' for standard input.", metavar="FILE")
    ],
    member: Annotated[
        str | None,
        typer.Option(
            "--member",
            help="One member's page, by id or name: what the partnership can do for it, and "
            "what it can do for the partnership.",
            metavar="ORG",
        ),
    ] = None,
    output_format: Annotated[
        GainsFormat,
        typer.Option("--format", "-f", help="text, markdown or json.", case_sensitive=False),
    ] = GainsFormat.text,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    config_file: ConfigOpt = None,
    color: ColorOpt = ColorMode.auto,
    pseudonymise: PseudonymiseOpt = False,
    pseudonym_key_file: PseudonymKeyFileOpt = None,
) -> None:
    """Where collaborative gain lies: what each member could get from the others' offers and
    people's strengths, what it could give, natural allies, shared aims no activity serves,
    and offers no one has asked for. Exit 0, or 1 when the file is invalid."""
    transform = _pseudonymiser(pseudonymise, pseudonym_key_file)
    from .gains import UnknownMember, gains_file, render

    matcher = _gains_matcher(config_file)
    files = _expand([path])
    if len(files) != 1:
        _fail_usage(f"gains reads one partnership at a time; {path} holds {len(files)} files")
    try:
        gains, errors = gains_file(
            files[0],
            matcher,
            as_of=_parse_date(as_of, "--as-of"),
            member=member,
            transform=transform,
        )
    except UnknownMember as exc:
        _fail_usage(str(exc))
    if gains is None:
        display = "<stdin>" if files[0] == STDIN else files[0]
        for error in errors:
            _err(f"{display}:{error.line}:{error.column}: {error.code} {error.message}")
        raise typer.Exit(EXIT_FINDINGS)
    options = _render_options(output_format is GainsFormat.text, color, output)
    _emit(render(output_format.value, gains, options), output, files)


app.add_typer(survey_app, name="survey")


@app.command(name="format")
def format_command(
    section: Annotated[
        str | None,
        typer.Argument(
            help="One section, e.g. people, activities, governance, workbooks.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The reference of the partnership file format, from inside the package: every section
    and field, with examples."""
    from .reference import UnknownSection, reference_text
    from .reference import section as find_section

    if section is None:
        sys.stdout.write(reference_text())
        return
    try:
        sys.stdout.write(find_section(section))
    except UnknownSection as exc:
        _fail_usage(str(exc))


def _init_workbook(book: Path, as_of: dt.date, *, force: bool) -> None:
    import shlex

    from .workbook import BookError, write_empty_book

    try:
        write_empty_book(book, as_of, overwrite=force)
    except FileExistsError as exc:
        _fail_usage(f"{exc} already exists; use --force to overwrite it")
    except (BookError, OSError) as exc:
        _fail_usage(f"{book}: cannot write: {getattr(exc, 'strerror', None) or exc}")
    sys.stderr.write(
        f"wrote {book}; fill it in, then run: collabgain import {shlex.quote(str(book))} "
        "-o partnership.yaml\n"
    )


@app.command(name="import")
def import_command(
    book: Annotated[
        Path,
        typer.Argument(
            help="An .xlsx workbook, or a folder of CSV files (one per sheet), laid out as "
            "`collabgain init --workbook` writes it.",
            show_default=False,
            metavar="BOOK",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the partnership file here (default: standard output).",
            metavar="FILE",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """A partnership file from a workbook or a folder of CSV files. Every problem is reported
    at its cell (book.xlsx:people:7:C), all at once, and then nothing is written: exit 1."""
    from .loader import write_new_file
    from .starter import check_command
    from .workbook import BookError, import_path

    to_file = output is not None and output != STDIN
    if not book.exists():
        _fail_usage(f"{book}: no such workbook or folder")
    if to_file and not force and Path(str(output)).exists():
        _fail_usage(f"{output} already exists; use --force to overwrite it")
    if to_file and Path(str(output)).resolve() == book.resolve():
        _fail_usage(f"--output {output}: is the workbook itself; choose another name")
    try:
        imported = import_path(book, str(output) if to_file else "partnership.yaml")
    except BookError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_FINDINGS) from None
    if imported.text is None:
        for problem in imported.problems:
            sys.stderr.write(f"{problem}\n")
        count = len(imported.problems)
        _err(f"{count} problem{'s' if count != 1 else ''} in {book}; nothing written")
        raise typer.Exit(EXIT_FINDINGS)
    if not to_file:
        sys.stdout.write(imported.text)
        return
    try:
        write_new_file(Path(str(output)), imported.text, overwrite=force)
    except FileExistsError:
        _fail_usage(f"{output} already exists; use --force to overwrite it")
    except OSError as exc:
        _fail_usage(f"{output}: cannot write: {exc.strerror or exc}")
    sys.stderr.write(f"wrote {output} from {book}; now run: {check_command(str(output))}\n")


@app.command(name="export")
def export_command(
    path: Annotated[
        str, typer.Argument(help="A partnership file.", show_default=False, metavar="FILE")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The workbook to write: an .xlsx file, or a folder for one CSV file a sheet.",
            show_default=False,
            metavar="BOOK",
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """A workbook (or a folder of CSV files) from a partnership file; `collabgain import`
    makes the same partnership from it again. An invalid file is not exported: exit 1."""
    from .workbook import BookError, export_file, write_sheets

    if path == STDIN or not Path(path).is_file():
        _fail_usage(f"{path}: no such file")
    exported = export_file(path)
    if exported.errors:
        for error in exported.errors:
            sys.stderr.write(f"{path}:{error.line}:{error.column}: {error.code} {error.message}\n")
        _err(f"{path} is not valid; fix it, then export it")
        raise typer.Exit(EXIT_FINDINGS)
    try:
        write_sheets(output, exported.sheets, overwrite=force)
    except FileExistsError as exc:
        _fail_usage(f"{exc} already exists; use --force to overwrite it")
    except (BookError, OSError) as exc:
        _fail_usage(f"{output}: cannot write: {getattr(exc, 'strerror', None) or exc}")
    for key in exported.left_out:
        _err(f"note: {key} has no sheet to go in and is left out of the workbook")
    sys.stderr.write(f"wrote {output} ({len(exported.sheets)} sheets) from {path}\n")


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

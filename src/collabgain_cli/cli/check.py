"""`check` and `validate`: the main job, over one file, a folder or many."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from .. import __version__
from .application import EXIT_FINDINGS, EXIT_OK
from .common import (
    config_of_file,
    discover_files,
    emit,
    fail_usage,
    list_files,
    parse_date,
    render_options,
    selected_codes,
    settings_of,
    transformed,
)
from .groups import FileSearch, Pseudonyms, Selection, grouped
from .options import (
    AsOfOpt,
    ColorMode,
    ColorOpt,
    ExitZeroOpt,
    FailOn,
    FailOnOpt,
    FormatOpt,
    OutputFormat,
    OutputOpt,
    PathsArg,
    QuietOpt,
    WithoutOpt,
    format_option,
)

if TYPE_CHECKING:
    from ..config import Config, Resolver
    from ..engine import Settings
    from ..findings import FileReport, Severity
    from ..pseudonyms import Pseudonymiser


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
    selection: Selection,
    as_of: str | None,
    files_searched: FileSearch,
    show_config: bool = False,
    without: tuple[str, ...] = (),
    transform: Pseudonymiser | None = None,
    summary: bool = False,
    statistics: bool = False,
) -> None:
    from ..findings import Report
    from ..render import formats, render

    resolver = selection.resolver(
        fail_on=fail_on, output_format=output_format, files=files_searched
    )
    config = resolver.run
    force_exclude = files_searched.force_exclude
    if show_config:
        _show_config(resolver, paths, force_exclude=force_exclude)
    if not paths:
        fail_usage("give at least one PATH (a file, a folder, or '-')")
    date = parse_date(as_of, "--as-of")
    found = discover_files(
        paths, resolver, force_exclude=force_exclude, quiet=quiet or files_searched.show_files
    )
    if files_searched.show_files:
        list_files(found)
    files = list(found.files)
    if not files:
        raise typer.Exit(EXIT_OK)  # --force-exclude skipped every file named: nothing to check
    fail_severity: Severity | None = None if exit_zero else config.fail_severity
    name = config.format if config.format in formats("check") else "text"
    if summary and name != "markdown":
        fail_usage(f"--summary is for --format markdown, not {name}")
    if statistics and name not in formats("check --statistics"):
        fail_usage(f"--statistics: use --format text or json, not {name}")
    if without:
        settings = transformed(settings_of(config, date), transform)
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
    configs = {path: config_of_file(resolver, path) for path in files}
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
        rules=() if validate_only else selected_codes(configs.values(), date),
    )
    options = render_options(name == "text", color, output, quiet=quiet, summary=summary)
    text = render("check --statistics" if statistics else "check", name, report, options)
    emit(text, output, files)
    if exit_zero or fail_on is not None:
        failed = report.failed
    else:
        # Each file fails by the fail-on of its own configuration.
        failed = any(
            Report(files=(r,), fail_on=configs[path].fail_severity).failed
            for path, r in zip(files, file_reports, strict=True)
        )
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


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
    from ..runner import run_files

    groups: dict[int, list[str]] = {}
    for path in files:
        groups.setdefault(id(configs[path]), []).append(path)
    by_path: dict[str, FileReport] = {}
    for group in groups.values():
        config = configs[group[0]]
        settings = None if validate_only else transformed(settings_of(config, date), transform)
        reports = run_files(group, settings, validate_only=validate_only, on_report=on_report)
        by_path.update(zip(group, reports, strict=True))
    return [by_path[path] for path in files]


def _show_config(resolver: Resolver, paths: list[str], *, force_exclude: bool) -> NoReturn:
    """The resolved configuration: of the run, or of each file the paths hold."""
    import json

    if not paths:
        sys.stdout.write(json.dumps(resolver.run.as_dict(), indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    found = discover_files(paths, resolver, force_exclude=force_exclude, quiet=True)
    shown = [{"file": path, **config_of_file(resolver, path).as_dict()} for path in found.files]
    sys.stdout.write(json.dumps(shown[0] if len(shown) == 1 else shown, indent=2) + "\n")
    raise typer.Exit(EXIT_OK)


def _with_progress(
    files: list[str],
    work: Callable[[Callable[[object], None] | None], list[FileReport]],
    *,
    show: bool,
) -> list[FileReport]:
    """Run `work`, with a progress bar on standard error for a long run at a terminal."""
    from ..runner import PARALLEL_MIN_FILES

    if not (show and len(files) >= PARALLEL_MIN_FILES and sys.stderr.isatty()):
        return work(None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking", total=len(files))
        return work(lambda _report: progress.advance(task))


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
    from ..findings import Report
    from ..render import formats, render
    from ..whatif import UnknownOrganisation, WhatIfRun, run_what_if

    if name not in formats("check --without"):
        fail_usage(f"--without: use --format {' or '.join(formats('check --without'))}, not {name}")
    try:
        outcomes = run_what_if(files, settings, without)
    except UnknownOrganisation as exc:
        fail_usage(str(exc))
    report = Report(
        files=tuple(o.report for o in outcomes),
        fail_on=fail_severity,
        tool_version=__version__,
        rules=tuple(s.rule.code for s in settings.rules),
    )
    options = render_options(name == "text", color, output, quiet=quiet)
    emit(
        render("check --without", name, WhatIfRun(report, tuple(outcomes)), options), output, files
    )
    raise typer.Exit(EXIT_FINDINGS if report.failed else EXIT_OK)


@grouped
def check(
    paths: PathsArg = None,  # type: ignore[assignment]
    output_format: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    selection: Selection = Selection(),
    as_of: AsOfOpt = None,
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
    pseudonyms: Pseudonyms = Pseudonyms(),
    files_searched: FileSearch = FileSearch(),
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
    _run_report(
        paths or [],
        validate_only=False,
        output_format=output_format.value if output_format else None,
        output=output,
        color=color,
        quiet=quiet,
        fail_on=fail_on,
        exit_zero=exit_zero,
        selection=selection,
        as_of=as_of,
        files_searched=files_searched,
        show_config=show_config,
        without=tuple(dict.fromkeys(without or ())),
        transform=pseudonyms.transform(),
        summary=summary,
        statistics=statistics,
    )


@grouped
def validate(
    paths: PathsArg = None,  # type: ignore[assignment]
    output_format: Annotated[
        OutputFormat | None,
        format_option("Output format."),
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
    files_searched: FileSearch = FileSearch(),
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
        selection=Selection(),
        as_of=None,
        files_searched=files_searched,
    )

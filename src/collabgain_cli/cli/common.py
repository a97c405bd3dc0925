"""What every command does the same way: usage errors, terminal policy (colour, width), dates,
writing the output, the configuration and the files a run covers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from .application import EXIT_OK, EXIT_USAGE, STDIN
from .options import ColorMode, FailOn

if TYPE_CHECKING:
    from ..config import Config, Resolver
    from ..discovery import Discovery
    from ..engine import Settings
    from ..pseudonyms import Pseudonymiser
    from ..report import RenderOptions


class UsageError(Exception):
    """A problem with how collabgain was called: exit code 2."""


def err(message: str) -> None:
    from ..safe_text import terminal_lines

    sys.stderr.write(f"collabgain: {terminal_lines(message)}\n")


def fail_usage(message: str) -> NoReturn:
    err(message)
    raise typer.Exit(EXIT_USAGE)


def use_color(mode: ColorMode, stream: object) -> bool:
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


def terminal_width(terminal: bool = True) -> int:
    """The terminal's width; else `COLUMNS` (piped, or written with -o); else 80."""
    columns = os.environ.get("COLUMNS", "").strip()
    width = int(columns) if columns.isdigit() and int(columns) > 0 else 80
    if terminal and sys.stdout.isatty():
        with contextlib.suppress(OSError, ValueError):
            width = os.get_terminal_size(sys.stdout.fileno()).columns
    return max(40, min(width, 240))


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail_usage(f"{option}: {value!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-01")


def render_options(
    text_format: bool,
    color: ColorMode,
    output: Path | None,
    *,
    quiet: bool = False,
    summary: bool = False,
) -> RenderOptions:
    """Colour only for the text format on a terminal (or as asked); the terminal's width,
    else `COLUMNS`, else 80 (`terminal_width`)."""
    from ..report import RenderOptions

    return RenderOptions(
        color=text_format and use_color(color, sys.stdout if output is None else None),
        width=terminal_width(terminal=output is None),
        quiet=quiet,
        summary=summary,
    )


def emit(text: str, output: Path | None, inputs: list[str]) -> None:
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except OSError as exc:
            # As for --output: a full disk or a closed reader is a problem with where the
            # report goes, not a bug.
            fail_usage(f"cannot write to standard output: {exc.strerror or exc}")
        return
    from ..files import write_report

    try:
        write_report(output, text, protect=inputs)
    except (OSError, ValueError) as exc:
        fail_usage(f"--output {output}: {exc}")


def write_new(path: Path, text: str, *, force: bool) -> None:
    """Write a new file the user asked for; one that exists is kept unless --force."""
    from ..files import write_new as write_new_file

    try:
        write_new_file(path, text, overwrite=force)
    except FileExistsError:
        if path.is_symlink():
            fail_usage(f"{path} is a link; remove it, or name another file")
        fail_usage(f"{path} already exists; use --force to overwrite it")
    except OSError as exc:
        fail_usage(f"{path}: cannot write: {exc.strerror or exc}")


def transformed(settings: Settings, transform: Pseudonymiser | None) -> Settings:
    """`settings` that apply `transform` (pseudonyms) to every partnership, if there is one."""
    import dataclasses

    if transform is None:
        return settings
    return dataclasses.replace(settings, transform=transform, redact=transform.redact)


def make_resolver(
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
    from ..config import ConfigError, Resolver
    from ..render import formats

    resolver = Resolver(
        config_file,
        Path.cwd(),
        select=select or (),
        ignore=ignore or (),
        fail_on=fail_on.value if fail_on else None,
        output_format=output_format,
        formats=formats("check"),
        exclude=exclude,
        extend_exclude=extend_exclude or (),
    )
    try:
        resolver.run  # noqa: B018 -- a bad configuration is a usage error before any work
    except ConfigError as exc:
        fail_usage(str(exc))
    return resolver


def config_for(config_file: Path | None) -> Config:
    """The configuration file (found or named), with nothing from the command line over it."""
    return make_resolver(config_file, None, None).run


def config_of_file(resolver: Resolver, path: str) -> Config:
    from ..config import ConfigError

    try:
        return resolver.for_file(path)
    except ConfigError as exc:
        fail_usage(str(exc))


def discover_files(
    paths: list[str],
    resolver: Resolver | None = None,
    *,
    force_exclude: bool = False,
    quiet: bool = False,
) -> Discovery:
    """The partnership files among `paths`; a note on standard error of YAML files skipped."""
    from ..config import ConfigError
    from ..discovery import PathError, discover

    if paths.count(STDIN) > 1:
        fail_usage("'-' (standard input) can be given only once")
    chosen = resolver if resolver is not None else make_resolver(None, None, None)
    try:
        found = discover(
            paths,
            lambda folder: chosen.for_folder(folder).exclusions(),
            force_exclude=force_exclude,
        )
    except PathError as exc:
        fail_usage(str(exc))
    except ConfigError as exc:
        fail_usage(str(exc))
    others = len(found.not_partnership)
    if not found.files and not force_exclude:
        note = f" (skipped {_not_partnerships(others)})" if others else ""
        fail_usage(
            f"no partnership files found in {', '.join(paths)}{note}; "
            "--show-files lists what was skipped and why"
        )
    if others and not quiet:
        err(f"skipped {_not_partnerships(others)} (--show-files lists them)")
    return found


def _not_partnerships(count: int) -> str:
    if count == 1:
        return "1 YAML file that is not a partnership file"
    return f"{count} YAML files that are not partnership files"


def list_files(found: Discovery) -> NoReturn:
    """What a run would check, and what it skips and why."""
    lines = [f"check  {c.path}  ({c.reason})" for c in found.checked]
    lines.extend(f"skip   {c.path}  ({c.reason})" for c in found.skipped)
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    raise typer.Exit(EXIT_OK)


def expand(paths: list[str], resolver: Resolver | None = None) -> list[str]:
    """The partnership files among `paths`, for commands that use one configuration."""
    return list(discover_files(paths, resolver).files)


def settings_of(config: Config, date: dt.date | None) -> Settings:
    from ..config import settings_for

    settings: Settings = settings_for(config, date)
    return settings


def selected_codes(configs: Iterable[Config], date: dt.date | None) -> tuple[str, ...]:
    """The codes of the rules any file of the run was checked with, in code order."""
    distinct = {id(config): config for config in configs}.values()
    codes = {s.rule.code for config in distinct for s in settings_of(config, date).rules}
    return tuple(sorted(codes))


def gains_matcher_for(config_file: Path | None) -> Any:
    """The matcher of the configuration's `[gains]` table (shipped synonyms without one)."""
    from ..config import ConfigError, read_config_file
    from ..gains import GainsConfigError, matcher_for

    config = config_for(config_file)
    if config.source is None:
        return matcher_for(None, "configuration")
    try:
        return matcher_for(read_config_file(Path(config.source)).get("gains"), config.source)
    except (ConfigError, GainsConfigError) as exc:
        fail_usage(str(exc))

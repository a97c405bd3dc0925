"""`portfolio`, `map`, `report` and `gains`: views for people of one or many partnerships."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from .application import EXIT_FINDINGS, EXIT_OK, STDIN
from .common import (
    emit,
    err,
    expand,
    fail_usage,
    gains_matcher_for,
    parse_date,
    render_options,
    transformed,
)
from .groups import Pseudonyms, Selection, grouped
from .options import (
    GAINS_TEXT,
    MAP_TEXT,
    REPORT_HTML,
    AsOfOpt,
    ColorMode,
    ColorOpt,
    ConfigOpt,
    FailOnOpt,
    GainsFormat,
    MapFormat,
    OutputOpt,
    PathsArg,
    PortfolioFormat,
    ReportFormat,
    format_option,
    output_option,
)


@grouped
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
        format_option("Output format."),
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
    selection: Selection = Selection(),
    as_of: AsOfOpt = None,
    color: ColorOpt = ColorMode.auto,
    pseudonyms: Pseudonyms = Pseudonyms(),
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
    from ..config import settings_for
    from ..portfolio import build, inspect_files
    from ..render import formats, render

    resolver = selection.resolver(fail_on=fail_on)
    config = resolver.run
    date = parse_date(as_of, "--as-of")
    files = expand(paths, resolver)
    if output_format is not None:
        name = output_format.value
    else:
        name = config.format if config.format in formats("portfolio") else "text"
    settings = pseudonyms.applied(settings_for(config, date))
    inspected = inspect_files(files, settings, gains=gains)
    result = build(
        inspected,
        max_networks=max_networks,
        fail_on=config.fail_severity,
        tool_version=__version__,
    )
    options = render_options(name == "text", color, output)
    if gains:
        from ..portfolio_gains import build_portfolio_gains
        from ..report.portfolio_gains import WithGains

        sides = [r.gains for r in inspected if r.gains is not None]
        found = build_portfolio_gains(sides, gains_matcher_for(selection.config_file))
        emit(render("portfolio --gains", name, WithGains(result, found), options), output, files)
    else:
        emit(render("portfolio", name, result, options), output, files)
    raise typer.Exit(EXIT_FINDINGS if result.failed else EXIT_OK)


@grouped
def map_command(
    path: Annotated[
        str, typer.Argument(help="A partnership file, or '-' for standard input.", metavar="PATH")
    ],
    output_format: Annotated[
        MapFormat,
        format_option("text (a terminal view), mermaid, dot (Graphviz), graphml or json."),
    ] = MAP_TEXT,
    output: Annotated[Path | None, output_option("Write the map to this file.")] = None,
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
    pseudonyms: Pseudonyms = Pseudonyms(),
    labels: Annotated[
        bool,
        typer.Option("--labels", help="dot: label each tie with what the two share."),
    ] = False,
) -> None:
    """The partnership's network map: who is tied to whom, bridges, isolated members."""
    transform = pseudonyms.transform()
    from ..mapping import map_file
    from ..render import render
    from ..safe_text import visible_controls

    files = expand([path])
    if len(files) != 1:
        fail_usage(f"map draws one partnership at a time; {path} holds {len(files)} files")
    network_map, errors = map_file(
        files[0],
        as_of=parse_date(as_of, "--as-of"),
        current_only=current_only,
        people=people,
        transform=transform,
        redact=transform.redact if transform is not None else None,
    )
    if network_map is None:
        display = "<stdin>" if files[0] == STDIN else files[0]
        for error in errors:
            # One error, one line: a line break in quoted user text is shown escaped.
            err(
                visible_controls(
                    f"{display}:{error.line}:{error.column}: {error.code} {error.message}"
                )
            )
        raise typer.Exit(EXIT_FINDINGS)
    format_name = output_format.value
    if labels:
        import dataclasses

        network_map = dataclasses.replace(network_map, labels=True)
    emit(render("map", format_name, network_map), output, files)


@grouped
def report_command(
    paths: PathsArg = None,  # type: ignore[assignment]
    output: Annotated[
        Path | None,
        output_option(
            "Write the report to this file. With several files as HTML (or a folder that "
            "exists): the folder to write DIR/index.html, an overview linking to a page per "
            "file, and those pages (pages of the same names are replaced; nothing outside DIR "
            "is written).",
            metavar="FILE|DIR",
        ),
    ] = None,
    report_format: Annotated[
        ReportFormat,
        format_option(
            "html (a standalone page per file, for email and print; several files need "
            "-o DIR) or markdown (one document, with a Mermaid map)."
        ),
    ] = REPORT_HTML,
    selection: Selection = Selection(),
    as_of: AsOfOpt = None,
    pseudonyms: Pseudonyms = Pseudonyms(),
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
    transform = pseudonyms.transform()
    from .. import batch
    from ..config import settings_for

    resolver = selection.resolver()
    config = resolver.run
    if not paths:
        fail_usage("give at least one PATH (a file, a folder, or '-')")
    date = parse_date(as_of, "--as-of")
    files = expand(paths, resolver)
    as_html = report_format.value == "html"
    if as_html and len(files) > 1 and output is None:
        fail_usage(
            f"{len(files)} files make a page each, with an overview linking them: give -o DIR "
            "to write DIR/index.html and the pages there, or one file, or --format markdown"
        )
    matcher = gains_matcher_for(selection.config_file) if as_html else None
    settings = transformed(settings_for(config, date), transform)
    job = batch.PageJob(settings, report_format.value, __version__, brief=brief, matcher=matcher)
    try:
        if as_html and output is not None and (len(files) > 1 or output.is_dir()):
            folder = batch.prepare_folder(output)
            found = batch.write_folder(batch.pages(files, job), folder, files, __version__)
        elif len(files) == 1:
            [page] = batch.pages(files, job)
            emit(page.text, output, files)
            found = [page.summary]
        else:
            found = batch.write_document(batch.pages(files, job), output, files)
    except batch.OutputProblem as exc:
        fail_usage(str(exc))
    raise typer.Exit(EXIT_FINDINGS if any(not f.valid for f in found) else EXIT_OK)


@grouped
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
        format_option("text, markdown or json."),
    ] = GAINS_TEXT,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    config_file: ConfigOpt = None,
    color: ColorOpt = ColorMode.auto,
    pseudonyms: Pseudonyms = Pseudonyms(),
) -> None:
    """Where collaborative gain lies: what each member could get from the others' offers and
    people's strengths, what it could give, natural allies, shared aims no activity serves,
    and offers no one has asked for. Exit 0, or 1 when the file is invalid."""
    transform = pseudonyms.transform()
    from ..gains import UnknownMember, gains_file
    from ..render import render

    matcher = gains_matcher_for(config_file)
    files = expand([path])
    if len(files) != 1:
        fail_usage(f"gains reads one partnership at a time; {path} holds {len(files)} files")
    try:
        gains, errors = gains_file(
            files[0],
            matcher,
            as_of=parse_date(as_of, "--as-of"),
            member=member,
            transform=transform,
        )
    except UnknownMember as exc:
        fail_usage(str(exc))
    if gains is None:
        display = "<stdin>" if files[0] == STDIN else files[0]
        for error in errors:
            err(f"{display}:{error.line}:{error.column}: {error.code} {error.message}")
        raise typer.Exit(EXIT_FINDINGS)
    options = render_options(output_format == "text", color, output)
    emit(render("gains", output_format.value, gains, options), output, files)

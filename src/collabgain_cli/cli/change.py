"""`diff` and `history`: what changed between two descriptions, and over a file's history."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .application import EXIT_FINDINGS, EXIT_OK, STDIN
from .common import (
    emit,
    fail_usage,
    parse_date,
    render_options,
)
from .groups import Pseudonyms, Selection, grouped
from .options import (
    CHANGE_TEXT,
    AsOfOpt,
    ChangeFormatOpt,
    ColorMode,
    ColorOpt,
    OutputOpt,
)


@grouped
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
    output_format: ChangeFormatOpt = CHANGE_TEXT,
    output: OutputOpt = None,
    selection: Selection = Selection(),
    as_of: AsOfOpt = None,
    color: ColorOpt = ColorMode.auto,
    pseudonyms: Pseudonyms = Pseudonyms(),
) -> None:
    """What changed between two descriptions of one partnership: members, chair, decision
    and funding shares, aims, findings, principle statuses and collaboration level. Exit 0,
    or 1 when either description is invalid."""
    from ..diffing import InputError, compare, load_side
    from ..gitrev import GitError
    from ..render import render

    if old == new == STDIN:
        fail_usage("'-' (standard input) can be given only once")
    settings = pseudonyms.applied(selection.settings(parse_date(as_of, "--as-of")))
    try:
        changes = compare(load_side(old, settings), load_side(new, settings))
    except (GitError, InputError) as exc:
        fail_usage(str(exc))
    options = render_options(output_format == "text", color, output)
    emit(render("diff", output_format.value, changes, options), output, [old, new])
    raise typer.Exit(EXIT_OK if changes.comparable else EXIT_FINDINGS)


@grouped
def history_command(
    path: Annotated[
        str, typer.Argument(help="A partnership file in a git repository.", show_default=False)
    ],
    output_format: ChangeFormatOpt = CHANGE_TEXT,
    output: OutputOpt = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only versions committed on or after this date (YYYY-MM-DD)."),
    ] = None,
    max_count: Annotated[
        int | None,
        typer.Option("--max-count", "-n", min=1, help="Only the N most recent versions."),
    ] = None,
    selection: Selection = Selection(),
    color: ColorOpt = ColorMode.auto,
) -> None:
    """Health over time: every committed version of the file, checked, oldest first, with
    status per principle, counts of findings, collaboration level and a sparkline of warnings.
    A version without partnership.as_of is checked as of its commit date."""
    from ..gitrev import GitError
    from ..history import file_history
    from ..render import render

    since_date = parse_date(since, "--since")
    settings = selection.settings(None)
    try:
        if sys.stderr.isatty():
            # A history of thousands of commits takes a while: show how far it has got.
            from rich.console import Console
            from rich.progress import Progress

            # Refreshed by this thread as versions are checked, not by a thread of its own:
            # the history's worker processes are forked while the bar is shown.
            with Progress(
                console=Console(stderr=True), transient=True, auto_refresh=False
            ) as progress:
                task = progress.add_task("checking versions", total=None)

                def checked() -> None:
                    progress.advance(task)
                    progress.refresh()

                found = file_history(
                    path,
                    settings,
                    since=since_date,
                    max_count=max_count,
                    started=lambda total: progress.update(task, total=total, refresh=True),
                    checked=checked,
                )
        else:
            found = file_history(path, settings, since=since_date, max_count=max_count)
    except GitError as exc:
        fail_usage(str(exc))
    options = render_options(output_format == "text", color, output)
    emit(render("history", output_format.value, found, options), output, [path])

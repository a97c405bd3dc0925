"""`init`, `format`, `import` and `export`: commands that write partnership files and workbooks."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from .application import EXIT_FINDINGS, STDIN
from .common import (
    err,
    fail_usage,
    parse_date,
    write_new,
)


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
    from ..starter import check_command, starter

    date = parse_date(as_of, "--as-of") or dt.date.today()
    if workbook is not None:
        if path is not None:
            fail_usage("give a PATH or --workbook BOOK, not both")
        _init_workbook(workbook, date, force=force)
        return
    path = path or "partnership.yaml"
    if path == STDIN:
        sys.stdout.write(starter(date, "partnership.yaml"))
        return
    if Path(path).is_dir():
        path = str(Path(path) / "partnership.yaml")
    write_new(Path(path), starter(date, path), force=force)
    sys.stderr.write(f"wrote {path}; fill it in, then run: {check_command(path)}\n")


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
    from ..reference import UnknownSection, reference_text
    from ..reference import section as find_section

    if section is None:
        sys.stdout.write(reference_text())
        return
    try:
        sys.stdout.write(find_section(section))
    except UnknownSection as exc:
        fail_usage(str(exc))


def _init_workbook(book: Path, as_of: dt.date, *, force: bool) -> None:
    import shlex

    from ..workbook import BookError, write_empty_book

    try:
        write_empty_book(book, as_of, overwrite=force)
    except FileExistsError as exc:
        fail_usage(f"{exc} already exists; use --force to overwrite it")
    except (BookError, OSError) as exc:
        fail_usage(f"{book}: cannot write: {getattr(exc, 'strerror', None) or exc}")
    sys.stderr.write(
        f"wrote {book}; fill it in, then run: collabgain import {shlex.quote(str(book))} "
        "-o partnership.yaml\n"
    )


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
    from ..starter import check_command
    from ..workbook import BookError, import_path

    to_file = output is not None and output != STDIN
    if not book.exists():
        fail_usage(f"{book}: no such workbook or folder")
    if to_file and not force and Path(str(output)).exists():
        fail_usage(f"{output} already exists; use --force to overwrite it")
    if to_file and Path(str(output)).resolve() == book.resolve():
        fail_usage(f"--output {output}: is the workbook itself; choose another name")
    try:
        imported = import_path(book, str(output) if to_file else "partnership.yaml")
    except BookError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_FINDINGS) from None
    if imported.text is None:
        for problem in imported.problems:
            sys.stderr.write(f"{problem}\n")
        count = len(imported.problems)
        err(f"{count} problem{'s' if count != 1 else ''} in {book}; nothing written")
        raise typer.Exit(EXIT_FINDINGS)
    if not to_file:
        sys.stdout.write(imported.text)
        return
    write_new(Path(str(output)), imported.text, force=force)
    sys.stderr.write(f"wrote {output} from {book}; now run: {check_command(str(output))}\n")


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
    from ..workbook import BookError, export_file, write_sheets

    if path == STDIN or not Path(path).is_file():
        fail_usage(f"{path}: no such file")
    exported = export_file(path)
    if exported.errors:
        for error in exported.errors:
            sys.stderr.write(f"{path}:{error.line}:{error.column}: {error.code} {error.message}\n")
        err(f"{path} is not valid; fix it, then export it")
        raise typer.Exit(EXIT_FINDINGS)
    try:
        write_sheets(output, exported.sheets, overwrite=force)
    except FileExistsError as exc:
        fail_usage(f"{exc} already exists; use --force to overwrite it")
    except (BookError, OSError) as exc:
        fail_usage(f"{output}: cannot write: {getattr(exc, 'strerror', None) or exc}")
    for key in exported.left_out:
        err(f"note: {key} has no sheet to go in and is left out of the workbook")
    sys.stderr.write(f"wrote {output} ({len(exported.sheets)} sheets) from {path}\n")

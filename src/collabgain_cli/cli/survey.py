"""`collabgain survey`: the members' questionnaire, its responses into a file, their summary.

A Typer sub-application, registered in `cli/__init__.py`. Like every command it is a place that
prints and exits: 0 done, 1 an invalid partnership file or export (every error named with its
place), 2 a usage error (a missing file, a bad option).
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeAlias

import typer

from ..render import choices, render
from .application import TYPER_SETTINGS
from .common import emit, err, parse_date
from .options import format_option, output_option

if TYPE_CHECKING:
    from ..loader import LoadedFile
    from ..model import Assessment, Partnership
    from ..survey.responses import Organisation, Response, Responses

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

survey_app = typer.Typer(
    name="survey",
    help="The members' survey: print the questionnaire, import a form's responses into a "
    "partnership file as anonymous assessments, and summarise them beside the records.",
    add_completion=False,
    **TYPER_SETTINGS,
)


if TYPE_CHECKING:
    QuestionsFormat: TypeAlias = enum.StrEnum
    SummaryFormat: TypeAlias = enum.StrEnum
else:
    QuestionsFormat = choices("survey questions", "QuestionsFormat")
    SummaryFormat = choices("survey summary", "SummaryFormat")
TEXT_QUESTIONS, TEXT_SUMMARY = QuestionsFormat("text"), SummaryFormat("text")


class DateOrder(enum.StrEnum):
    dmy = "dmy"
    mdy = "mdy"


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    err(message)
    raise typer.Exit(code)


def _load(path: Path) -> tuple[bytes, LoadedFile, Partnership]:
    """The partnership file's bytes, what the loader makes of them, and the partnership;
    exit 1 if it is invalid."""
    from ..loader import MAX_FILE_BYTES, load_bytes
    from ..survey.store import StoreError, read_limited

    try:
        data = read_limited(path, MAX_FILE_BYTES, "partnership file")
    except StoreError as exc:
        _fail(str(exc))
    loaded = load_bytes(data, str(path))
    partnership = loaded.partnership
    if partnership is None:
        for error in loaded.errors:
            err(f"{path}:{error.line}:{error.column}: {error.code} {error.message}")
        _fail(f"{path} is not valid; fix it first (collabgain validate {path})", EXIT_INVALID)
    return data, loaded, partnership


def _organisations(partnership: Partnership) -> list[Organisation]:
    from ..survey.responses import Organisation

    return [Organisation(o.id, o.name) for o in partnership.organisations]


@survey_app.command()
def questions(
    output_format: Annotated[
        QuestionsFormat,
        format_option(
            "text, markdown, csv (one row per question, for a form builder) or html "
            "(a printable paper form)."
        ),
    ] = TEXT_QUESTIONS,
    output: Annotated[Path | None, output_option("Write the questionnaire here.")] = None,
    organisations_from: Annotated[
        Path | None,
        typer.Option(
            "--organisations-from",
            help="A partnership file: offer its member organisations' names as the choices "
            "of the organisation question.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """The members' questionnaire: statements per guiding principle, each with its code, on a
    five-point agreement scale, then an optional organisation and a free comment."""
    from ..survey.questionnaire import questionnaire

    names: tuple[str, ...] = ()
    inputs: list[str] = []
    if organisations_from is not None:
        import datetime as dt

        from ..analysis.facts import Facts
        from ..model import Role

        _, _, partnership = _load(organisations_from)
        facts = Facts(partnership, partnership.partnership.as_of or dt.date.today())
        names = tuple(o.name for o in facts.active_orgs if Role.OBSERVER not in o.roles)
        inputs.append(str(organisations_from))
    form = questionnaire(names)
    emit(render("survey questions", output_format.value, form), output, inputs)


@survey_app.command(name="import")
def import_command(
    responses_csv: Annotated[
        Path,
        typer.Argument(
            help="The form tool's CSV export (Google Forms, Microsoft Forms saved as CSV, or "
            "any with a header row of questions and one row per response).",
            metavar="RESPONSES.csv",
            show_default=False,
        ),
    ],
    into: Annotated[
        Path,
        typer.Option(
            "--into", help="The partnership file to add the responses to.", show_default=False
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")
    ] = False,
    date_order: Annotated[
        DateOrder | None,
        typer.Option(
            "--date-order",
            help="How to read dates like 03/04/2026 when the export cannot tell: dmy "
            "(day/month/year) or mdy (month/day/year).",
            case_sensitive=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The date (YYYY-MM-DD) of responses the export gives no date for.",
        ),
    ] = None,
) -> None:
    """Add each response of a form export to a partnership file as an anonymous assessment:
    each principle's score is the mean of its answered statements, to one decimal. Every
    other byte of the file stays as it was; nothing is written when any row is wrong."""

    from ..survey.insert import InsertError, add_assessments, expected_assessments
    from ..survey.questionnaire import questionnaire
    from ..survey.responses import ResponsesError, read_responses
    from ..survey.store import MAX_EXPORT_BYTES, StoreError, read_limited, replace_atomically

    default_date = parse_date(date, "--date")
    original, _, partnership = _load(into)
    form = questionnaire()
    try:
        export = read_limited(responses_csv, MAX_EXPORT_BYTES, "form export")
    except StoreError as exc:
        _fail(str(exc))
    try:
        found = read_responses(
            export,
            form,
            _organisations(partnership),
            date_order=date_order.value if date_order else None,
            default_date=default_date,
        )
    except ResponsesError as exc:
        for error in exc.errors:
            where = error.where()
            err(f"{responses_csv}: {where + ': ' if where else ''}{error.message}")
        _fail(f"nothing was written to {into}", EXIT_INVALID)
    for row, why in found.left_out:
        err(f"{responses_csv}: row {row}: left out: {why}")
    if not found.responses:
        _fail(f"{responses_csv} holds no response to add; {into} is unchanged", EXIT_INVALID)
    if _already_there(partnership, expected_assessments(found.responses)):
        _fail(
            f"every response in {responses_csv} is already in {into} (imported before?); "
            "nothing was written",
            EXIT_INVALID,
        )
    try:
        result, insertion = add_assessments(original, found.responses)
    except InsertError as exc:
        _fail(f"{into}: {exc}", EXIT_INVALID)
    report = _import_report(found, len(form.statements()), into, dry_run=dry_run)
    notes = _notes(partnership, found.responses)
    if dry_run:
        sys.stdout.write(report + "\n" + insertion.text.replace("\r\n", "\n"))
    else:
        try:
            replace_atomically(into, original, result)
        except StoreError as exc:
            _fail(str(exc), EXIT_INVALID)
        sys.stdout.write(report)
    for note in notes:
        err(f"{into}: note: {note}")


def _notes(partnership: Partnership, responses: tuple[Response, ...]) -> list[str]:
    """What about the added responses will surprise at the next check or summary."""
    from ..analysis.facts import Facts
    from ..model import Role

    as_of = partnership.partnership.as_of
    notes = []
    if as_of is not None:
        later = sum(1 for r in responses if r.date > as_of)
        if later:
            notes.append(
                f"{later} of the responses are dated after partnership.as_of ({as_of}); "
                "they count once as_of is moved on to their date"
            )
        facts = Facts(partnership, as_of)
        outside = sorted(
            {
                r.organisation
                for r in responses
                if r.organisation is not None
                and not (
                    (org := facts.orgs.get(r.organisation)) is not None
                    and facts.is_active(org)
                    and Role.OBSERVER not in org.roles
                )
            }
        )
        if outside:
            names = ", ".join(facts.orgs[o].name for o in outside)
            notes.append(
                f"responses naming {names} do not count as current respondents: "
                "not a member on the as-of date"
            )
    return notes


def _already_there(partnership: Partnership, wanted: list[Assessment]) -> bool:
    """Whether every new assessment equals one already in the file (a second import)."""
    existing = list(partnership.assessments)
    for assessment in wanted:
        if assessment not in existing:
            return False
        existing.remove(assessment)
    return True


def _import_report(found: Responses, statements: int, into: Path, *, dry_run: bool) -> str:
    responses, ignored = found.responses, found.ignored_columns
    count = len(responses)
    verb = "would add" if dry_run else "added"
    first, last = responses[0].row, responses[-1].row
    rows = f"rows {first} to {last}" if count > 1 else f"row {first}"
    lines = [
        f"{verb} {count} anonymous assessment{'' if count == 1 else 's'} to {into} "
        f"(from {rows}; dated {min(r.date for r in responses)} to "
        f"{max(r.date for r in responses)})"
    ]
    lines.append(
        f"{found.statement_columns} of the questionnaire's {statements} statements found in "
        "the export"
        + (
            ""
            if found.statement_columns == statements
            else "; the others have no column, or one whose header matches no statement"
        )
    )
    with_org = sum(1 for r in responses if r.organisation)
    with_comment = sum(1 for r in responses if r.comment)
    lines.append(
        f"{with_org} name their organisation; {with_comment} leave a comment (kept under "
        "x-comment, shown only by survey summary --comments)"
    )
    if ignored:
        shown = ", ".join(repr(h) for h in ignored[:6])
        more = f" and {len(ignored) - 6} more" if len(ignored) > 6 else ""
        lines.append(f"columns not read: {shown}{more}")
    return "\n".join(lines) + "\n"


@survey_app.command()
def summary(
    path: Annotated[Path, typer.Argument(help="A partnership file.", show_default=False)],
    output_format: Annotated[SummaryFormat, format_option("text, markdown, html or json.")] = (
        TEXT_SUMMARY
    ),
    output: Annotated[Path | None, output_option("Write the summary here.")] = None,
    comments: Annotated[
        bool,
        typer.Option(
            "--comments",
            help="Include respondents' free comments (alphabetical, with no date or "
            "organisation; never for fewer than three respondents).",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The date to count current respondents on when the file has no "
            "partnership.as_of (YYYY-MM-DD).",
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="A collabgain.toml to use instead of searching."),
    ] = None,
) -> None:
    """Per principle: how many current respondents, their mean, spread and distribution of
    scores, and where members and records agree and where they do not (CG951-CG953). No
    figure is shown for fewer than three respondents, and no respondent is named."""
    from decimal import Decimal

    from ..config import ConfigError, resolve, settings_for
    from ..engine import Settings
    from ..pipeline import check
    from ..render import formats
    from ..survey.summary import MIN_GAP, MIN_MEAN, WINDOW_MONTHS, comments_in, summarise

    day = parse_date(as_of, "--as-of")
    try:
        config = resolve(
            config_path=config_file,
            cwd=Path.cwd(),
            select=(),
            ignore=(),
            fail_on=None,
            output_format=None,
            formats=formats("check"),
        )
    except ConfigError as exc:
        _fail(str(exc))
    data, loaded, partnership = _load(path)
    settings: Settings = settings_for(config, day)
    options = {s.rule.code: s.options for s in settings.rules}
    # The records' side: every selected rule but the members' view, which this summary
    # computes itself, for current respondents only.
    records = Settings(tuple(s for s in settings.rules if s.rule.principle != "members-view"), day)
    report = check(loaded, records).report
    gap_options, mean_options = options.get("CG951"), options.get("CG952")
    found = summarise(
        partnership,
        report,
        window_months=int(getattr(gap_options, "window_months", WINDOW_MONTHS)),
        min_gap=Decimal(str(getattr(gap_options, "min_gap", MIN_GAP))),
        min_mean=Decimal(str(getattr(mean_options, "min_mean", MIN_MEAN))),
        comments=comments_in(data.decode("utf-8-sig")) if comments else None,
    )
    emit(render("survey summary", output_format.value, found), output, [str(path)])

"""A form tool's CSV export -> one anonymous assessment per response, or every error at once.

What is read, and how:
- The file: UTF-8 (with or without a byte-order mark) or UTF-16 with one (a spreadsheet's
  "Unicode text"); comma, semicolon or tab separated, whichever makes the header row name the
  most statements; answers may hold quoted commas and line breaks.
- The header row names the questions. A column is a statement's when its header holds the
  statement's code in brackets (`[AIMS-1]`), starts with the code, or contains the statement's
  words (so a grid question's `Agreement [statement]` columns match too). The organisation and
  comment columns are found the same way (`[ORG]`, `[COMMENT]`, or the question's words; a
  lone header mentioning "organisation" also serves). The date comes from the first column
  named like a form's time stamp (`Timestamp`, `Completion time`, ...). Every other column
  (names, e-mail addresses, scores a quiz adds) is never read.
- An answer is a point of the scale, as its words (`Agree`, any case) or its number (`4`,
  `4 - Agree`); blank, or `Don't know` and the like, is no answer.
- A date is ISO (`2026-10-05`, with or without a time), `2026/10/05`, a day-month-year or
  month-day-year with `/`, `.` or `-` (two-digit years are 20xx), or `5 Oct 2026`. Whether
  `03/04/2026` is 3 April or March 4 is read from the column as a whole: a day above 12 shows
  the order; when no date shows it, `date_order` must say.

Rows are numbered as a spreadsheet shows them: the header is row 1. Entirely blank rows are
left out silently; a response that answers no statement is left out and reported.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from .dates import date_order as date_order_of
from .dates import shown as _shown
from .dates import to_date
from .questionnaire import Questionnaire

MAX_ERRORS = 50
DELIMITERS = (",", ";", "\t")
DATE_HEADERS = (
    "completion time",
    "timestamp",
    "time stamp",
    "end time",
    "submitted",
    "submitted at",
    "submission time",
    "date submitted",
    "response date",
    "date",
    "start time",
)
"""Headers of a response's date, most telling first (Microsoft Forms: Completion time; Google
Forms: Timestamp)."""
NO_ORGANISATION = frozenset(
    {"prefer not to say", "rather not say", "i d rather not say", "none", "n a", "na", "no"}
)
SCALE_ALIASES = {
    "neutral": 3,
    "neither": 3,
    "neither agree or disagree": 3,
    "neither disagree nor agree": 3,
}
_CODE_IN_BRACKETS = re.compile(r"\[([A-Z]+-[0-9]+)\]")
_CODE_AT_START = re.compile(r"^\s*([A-Z]+-[0-9]+)\b")
_LEADING_NUMBER = re.compile(r"^\s*([0-9]{1,3})(?:\.0+)?\s*(?:$|[-\u2013\u2014:)(]|\.(?!\d)|\s)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def words(text: str) -> str:
    """Text reduced to its lower-case words, for matching what a form tool may have reworded:
    punctuation, quotes, case and spacing do not count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclasses.dataclass(frozen=True)
class CellError:
    """A problem with the export: its row (1 is the header; 0 the file as a whole) and column."""

    row: int
    column: int | None
    header: str | None
    message: str

    def where(self) -> str:
        parts = []
        if self.row:
            parts.append(f"row {self.row}")
        if self.column is not None:
            shown = (self.header or "").strip()
            if len(shown) > 50:
                shown = shown[:47] + "..."
            label = f"column {column_letter(self.column)}"
            parts.append(f"{label} ({shown!r})" if shown else label)
        return ", ".join(parts)


class ResponsesError(Exception):
    """The export cannot be imported; `errors` says every reason found, with its place."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = tuple(errors)


@dataclasses.dataclass(frozen=True)
class Response:
    """One response, as an anonymous assessment."""

    row: int
    date: dt.date
    scores: tuple[tuple[str, Decimal], ...]
    """(principle id, mean of its answered statements to one decimal), in questionnaire order."""
    answered: int
    organisation: str | None = None
    comment: str | None = None


@dataclasses.dataclass(frozen=True)
class Responses:
    """What an export holds: the responses, and what was left out and why."""

    responses: tuple[Response, ...]
    left_out: tuple[tuple[int, str], ...]
    """(row, reason) for each response that was not imported."""
    statement_columns: int
    ignored_columns: tuple[str, ...]
    date_column: str | None


@dataclasses.dataclass(frozen=True)
class Organisation:
    id: str
    name: str


@dataclasses.dataclass(frozen=True)
class _Columns:
    statements: dict[int, tuple[str, str]]
    """column -> (principle id, statement code)"""
    organisation: int | None
    comment: int | None
    date: int | None
    ignored: tuple[int, ...]


def decode(data: bytes) -> str:
    """The export's text; a file in another encoding is an error that says how to save it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ResponsesError(
                [
                    CellError(
                        0,
                        None,
                        None,
                        f"the file is not UTF-8 (byte {exc.start + 1}, on line {line}); "
                        "save it again as 'CSV UTF-8' (Excel) or download it as CSV from the "
                        "form tool",
                    )
                ]
            ) from None
    raise ResponsesError(
        [CellError(0, None, None, "the file is not valid UTF-16; save it again as 'CSV UTF-8'")]
    )


def _records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return list(reader)
    except csv.Error as exc:
        raise ResponsesError(
            [
                CellError(
                    0,
                    None,
                    None,
                    f"the CSV cannot be read near line {reader.line_num}: {exc}; check that "
                    'quotes in answers are doubled ("") and each quoted answer is closed',
                )
            ]
        ) from None


def _match_columns(header: list[str], form: Questionnaire) -> tuple[_Columns, list[CellError]]:
    by_code = {st.code: (sec.principle, st.code) for sec, st in form.statements()}
    by_words = [(f" {words(st.text)} ", sec.principle, st.code) for sec, st in form.statements()]
    prefixes = {code.split("-")[0] for code in by_code}
    errors: list[CellError] = []
    statements: dict[int, tuple[str, str]] = {}
    seen: dict[str, int] = {}
    organisation = comment = None
    loose_organisation: list[int] = []
    ignored: list[int] = []
    org_words = f" {_question_words(form.organisation.text)} "
    comment_words = f" {_question_words(form.comment.text)} "
    for index, title in enumerate(header):
        codes = _CODE_IN_BRACKETS.findall(title) or _CODE_AT_START.findall(title)
        padded = f" {words(title)} "
        found: tuple[str, str] | None = None
        if codes:
            code = codes[-1]
            if code in by_code:
                found = by_code[code]
            elif code.split("-")[0] in prefixes:
                errors.append(
                    CellError(
                        1,
                        index,
                        title,
                        f"no statement has the code {code}; the codes are "
                        f"{_code_ranges(by_code)} (see `collabgain survey questions`)",
                    )
                )
                continue
        if found is None:
            found = next(((p, c) for text, p, c in by_words if text in padded), None)
        if found is not None:
            if found[1] in seen:
                errors.append(
                    CellError(
                        1,
                        index,
                        title,
                        f"statement {found[1]} has two columns (also column "
                        f"{column_letter(seen[found[1]])}); keep one",
                    )
                )
            seen[found[1]] = index
            statements[index] = found
        elif f"[{form.organisation.code}]" in title or org_words in padded:
            organisation = index
        elif f"[{form.comment.code}]" in title or comment_words in padded:
            comment = index
        elif re.search(r"\borganis|\borganiz", title, re.IGNORECASE):
            loose_organisation.append(index)
        else:
            ignored.append(index)
    if organisation is None and len(loose_organisation) == 1:
        organisation = loose_organisation[0]
    else:
        ignored.extend(loose_organisation)
    date = _date_column(header, ignored)
    return (
        _Columns(
            statements,
            organisation,
            comment,
            date,
            tuple(sorted(i for i in ignored if i != date)),
        ),
        errors,
    )


def _question_words(text: str) -> str:
    """A question's words without its asides in brackets, such as "(optional)", which a
    form builder often leaves out or moves to the answer's hint."""
    return words(re.sub(r"\([^)]*\)", " ", text))


def _code_ranges(by_code: dict[str, tuple[str, str]]) -> str:
    groups: dict[str, list[int]] = {}
    for code in by_code:
        prefix, number = code.split("-")
        groups.setdefault(prefix, []).append(int(number))
    return ", ".join(f"{p}-{min(n)} to {p}-{max(n)}" for p, n in groups.items())


def _date_column(header: list[str], candidates: Iterable[int]) -> int | None:
    named = {words(header[i]): i for i in candidates}
    return next((named[h] for h in DATE_HEADERS if h in named), None)


def _choose_delimiter(text: str, form: Questionnaire) -> str:
    """The separator that makes the header name the most statements (comma on a tie)."""
    first_lines = "\n".join(text.splitlines()[:50])
    best, best_count = ",", -1
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader(io.StringIO(first_lines, newline=""), delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        count = len(_match_columns(header, form)[0].statements)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _scale_answer(value: str, form: Questionnaire) -> int | str | None:
    """The score an answer gives; None for no answer; a message for a value off the scale."""
    plain = words(value)
    if not plain or plain in {words(u) for u in form.unanswered} or not value.strip("-\u2013 "):
        return None
    labels = {words(p.label): p.score for p in form.scale}
    if plain in labels:
        return labels[plain]
    if plain in SCALE_ALIASES:
        return SCALE_ALIASES[plain]
    number = _LEADING_NUMBER.match(value)
    if number:
        score = int(number.group(1))
        if 1 <= score <= 5:
            return score
    choices = ", ".join(p.label for p in form.scale)
    return (
        f"{_shown(value)} is not an answer on the scale; write one of {choices}, "
        "a number from 1 to 5, or leave it blank"
    )


def _organisation_index(organisations: Sequence[Organisation]) -> dict[str, str]:
    index: dict[str, str] = {}
    for org in organisations:
        index.setdefault(words(org.name), org.id)
    for org in organisations:
        index[words(org.id)] = org.id
    return index


def _organisation(
    value: str, index: dict[str, str], organisations: Sequence[Organisation], form: Questionnaire
) -> str | CellError | None:
    plain = words(value)
    if not plain or plain in NO_ORGANISATION or plain in {words(u) for u in form.unanswered}:
        return None
    if plain in index:
        return index[plain]
    names = [o.name for o in organisations]
    close = difflib.get_close_matches(value.strip(), names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    listed = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    return CellError(
        0,
        None,
        None,
        f"{_shown(value)} is not an organisation of the partnership; {hint}write an "
        f"organisation's name or id as the file has it ({listed}), or leave it blank",
    )


def _comment(value: str) -> str | None:
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or None


def _mean(answers: list[int]) -> Decimal:
    return (Decimal(sum(answers)) / Decimal(len(answers))).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def read_responses(
    data: bytes,
    form: Questionnaire,
    organisations: Sequence[Organisation],
    *,
    date_order: str | None = None,
    default_date: dt.date | None = None,
) -> Responses:
    """Every response of the export, or ResponsesError with every problem found."""
    text = decode(data)
    records = _records(text, _choose_delimiter(text, form))
    if not records or not any(cell.strip() for cell in records[0]):
        raise ResponsesError([CellError(1, None, None, "the file has no header row")])
    header = records[0]
    columns, errors = _match_columns(header, form)
    if not columns.statements and not errors:
        errors.append(
            CellError(
                1,
                None,
                None,
                "no column is a statement of the questionnaire; each statement's column "
                "header should hold its code, like [AIMS-1], or its words as `collabgain "
                "survey questions` prints them",
            )
        )
    if columns.date is None and default_date is None:
        errors.append(
            CellError(
                1,
                None,
                None,
                "no column gives the date of each response (such as 'Timestamp' or "
                "'Completion time'); add one, or give --date YYYY-MM-DD for every response",
            )
        )
    if errors:
        raise ResponsesError(errors)

    rows = [
        (number, record)
        for number, record in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in record)
    ]
    order = None
    if columns.date is not None:
        date_cells = [
            (n, r[columns.date]) for n, r in rows if len(r) > columns.date and r[columns.date]
        ]
        order, problem = date_order_of(date_cells, date_order)
        if problem:
            raise ResponsesError([CellError(0, columns.date, header[columns.date], problem)])

    org_index = _organisation_index(organisations)
    responses: list[Response] = []
    left_out: list[tuple[int, str]] = []
    for number, record in rows:
        response = _response(
            number, record, header, columns, form, order, default_date, org_index, organisations
        )
        if isinstance(response, list):
            errors.extend(response)
        elif isinstance(response, str):
            left_out.append((number, response))
        else:
            responses.append(response)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise ResponsesError(errors)
    return Responses(
        responses=tuple(responses),
        left_out=tuple(left_out),
        statement_columns=len(columns.statements),
        ignored_columns=tuple(header[i] for i in columns.ignored),
        date_column=header[columns.date] if columns.date is not None else None,
    )


def _response(
    number: int,
    record: list[str],
    header: list[str],
    columns: _Columns,
    form: Questionnaire,
    order: str | None,
    default_date: dt.date | None,
    org_index: dict[str, str],
    organisations: Sequence[Organisation],
) -> Response | list[CellError] | str:
    """One row as a response; its errors; or why it is left out."""
    errors: list[CellError] = []
    if len(record) > len(header) and any(c.strip() for c in record[len(header) :]):
        errors.append(
            CellError(
                number,
                len(header),
                None,
                f"the row has {len(record)} cells but the header only {len(header)}; "
                "a comma in an answer must be inside double quotes",
            )
        )

    def cell(index: int | None) -> str:
        return record[index] if index is not None and index < len(record) else ""

    answers: dict[str, list[int]] = {}
    answered = 0
    for index, (principle, _code) in columns.statements.items():
        score = _scale_answer(cell(index), form)
        if isinstance(score, str):
            errors.append(CellError(number, index, header[index], score))
        elif score is not None:
            answers.setdefault(principle, []).append(score)
            answered += 1
    date: dt.date | None = default_date
    if columns.date is not None and cell(columns.date).strip():
        found = to_date(cell(columns.date), order)
        if isinstance(found, str):
            errors.append(CellError(number, columns.date, header[columns.date], found))
        else:
            date = found
    elif date is None:
        errors.append(
            CellError(
                number,
                columns.date,
                header[columns.date] if columns.date is not None else None,
                "the response has no date; fill it in, or give --date YYYY-MM-DD",
            )
        )
    organisation = None
    if columns.organisation is not None:
        found_org = _organisation(cell(columns.organisation), org_index, organisations, form)
        if isinstance(found_org, CellError):
            index = columns.organisation
            errors.append(
                dataclasses.replace(found_org, row=number, column=index, header=header[index])
            )
        else:
            organisation = found_org
    if errors:
        return errors
    if not answered:
        return "it answers no statement"
    assert date is not None
    order_of = [s.principle for s in form.sections]
    scores = tuple((p, _mean(answers[p])) for p in order_of if p in answers)
    return Response(
        row=number,
        date=date,
        scores=scores,
        answered=answered,
        organisation=organisation,
        comment=_comment(cell(columns.comment)) if columns.comment is not None else None,
    )

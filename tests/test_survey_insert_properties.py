"""Property: adding assessments inserts one run of text and leaves every other byte as it was.

Files are drawn in the shapes people write: lists indented or not, assessments absent, empty,
in brackets or in blocks, in the middle of the file or last, entries in block or flow style,
comments and blank lines around, a block scalar ending an entry, CRLF line endings, a
byte-order mark, no newline at the end. Responses carry any text as a comment.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabgain_cli.loader import load_bytes
from collabgain_cli.survey.insert import add_assessments, expected_assessments
from collabgain_cli.survey.responses import Response
from collabgain_cli.survey.summary import comments_in

PRINCIPLES = (
    "managing-aims",
    "balance-of-power",
    "building-trust",
    "partnership-complexity",
    "managing-change",
    "leadership-structures",
    "active-leadership",
)
ORGS = ("council", "trust", "null", "true")


def only_inserted(before: bytes, after: bytes) -> bool:
    grown = len(after) - len(before)
    if grown <= 0:
        return False
    same = 0
    while same < len(before) and before[same] == after[same]:
        same += 1
    return after[same + grown :] == before[same:]


@st.composite
def existing_entry(draw: st.DrawFn, dash: int, inner: int, flow: bool) -> list[str]:
    by = draw(st.sampled_from(ORGS))
    score = draw(st.integers(1, 5))
    if flow:
        return [
            f"{' ' * dash}- {{by: {by!r}, date: 2026-01-0{score}, "
            f"scores: {{managing-aims: {score}}}}}"
        ]
    pad = " " * (inner - dash - 2)
    lines = [
        f"{' ' * dash}- {pad}by: '{by}'",
        f"{' ' * inner}date: 2026-02-0{score}",
        f"{' ' * inner}scores:",
        f"{' ' * (inner + 2)}building-trust: {score}",
    ]
    if draw(st.booleans()):
        lines += [f"{' ' * inner}x-note: |", f"{' ' * (inner + 2)}kept as written", ""]
    if draw(st.booleans()):
        lines.append(f"{' ' * inner}# a comment inside the entry")
    return lines


@st.composite
def partnership_file(draw: st.DrawFn) -> bytes:
    dash = draw(st.sampled_from([0, 2, 4]))
    inner = dash + draw(st.sampled_from([2, 4]))
    lines = [
        "# The partnership, described by hand",
        "partnership:",
        "  name: Test  # trailing comment",
        "  as_of: 2026-11-01",
        "organisations:",
    ]
    for org in ORGS:
        pad = " " * (inner - dash - 2)
        lines += [f"{' ' * dash}- {pad}id: '{org}'", f"{' ' * inner}name: Org {org}"]
    shape = draw(st.sampled_from(["absent", "empty", "flow", "block"]))
    section: list[str] = []
    if shape == "empty":
        section = ["assessments: []" + draw(st.sampled_from(["", "  # none yet"]))]
    elif shape == "flow":
        section = [
            "assessments: [{by: council, date: 2026-03-01, scores: {managing-aims: 3}}]"
            + draw(st.sampled_from(["", "  # old"]))
        ]
    elif shape == "block":
        section = ["assessments:"]
        for _ in range(draw(st.integers(1, 3))):
            section += draw(existing_entry(dash, inner, draw(st.booleans())))
    after = draw(
        st.sampled_from(
            [
                [],
                ["", "# closing remarks"],
                ["waivers:", f"{' ' * dash}- {{rule: CG101, reason: known}}"],
            ]
        )
    )
    if draw(st.booleans()):
        lines += section + after
    else:
        lines += after + section
    if draw(st.booleans()):
        lines += ["", "# the end", ""]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data


@st.composite
def responses(draw: st.DrawFn) -> list[Response]:
    out = []
    for row in range(2, 2 + draw(st.integers(1, 4))):
        chosen = draw(st.lists(st.sampled_from(PRINCIPLES), min_size=1, max_size=7, unique=True))
        scores = tuple(
            (p, Decimal(draw(st.integers(10, 50))) / 10) for p in PRINCIPLES if p in chosen
        )
        comment = draw(st.none() | st.text(min_size=1, max_size=40))
        out.append(
            Response(
                row=row,
                date=draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))),
                scores=scores,
                answered=len(scores),
                organisation=draw(st.none() | st.sampled_from(ORGS)),
                comment=comment,
            )
        )
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(original=partnership_file(), new=responses())
def test_import_only_inserts(original: bytes, new: list[Response]) -> None:
    before = load_bytes(original)
    assert before.partnership is not None, before.errors
    result, insertion = add_assessments(original, new)
    assert only_inserted(original, result)
    assert result == insertion.apply(original)
    after = load_bytes(result)
    assert after.partnership is not None
    assert list(after.partnership.assessments) == [
        *before.partnership.assessments,
        *expected_assessments(new),
    ]
    comments = comments_in(result.decode("utf-8-sig"))[-len(new) :]
    assert comments == [(r.comment.strip() or None) if r.comment else None for r in new]


HEADER = "Timestamp,[AIMS-1] a,[POWER-1] b,Which organisation do you represent here?,[COMMENT] c\n"


@settings(max_examples=200, deadline=None)
@given(
    body=st.binary(max_size=300)
    | st.text(
        alphabet=st.sampled_from(list(',;\t"\r\n 0123456789/-:AgreDisNtkow\x00é')), max_size=200
    )
)
def test_any_export_ends_in_responses_or_errors_with_places(body: bytes | str) -> None:
    from collabgain_cli.survey.questionnaire import questionnaire
    from collabgain_cli.survey.responses import Organisation, ResponsesError, read_responses

    data = body if isinstance(body, bytes) else (HEADER + body).encode("utf-8")
    try:
        found = read_responses(data, questionnaire(), [Organisation("council", "City Council")])
    except ResponsesError as exc:
        assert exc.errors
        assert all(e.message and e.row >= 0 for e in exc.errors)
    else:
        assert all(r.scores and r.row >= 2 for r in found.responses)


LABELS = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")


@st.composite
def export(draw: st.DrawFn) -> tuple[bytes, list[dict[str, list[int]]], list[str | None]]:
    """A form export in one of the tools' shapes, with the answers each row gives."""
    from collabgain_cli.principles import load_catalogue

    statements = [(g.id, s) for g in load_catalogue().groups for s in g.statements]
    shape = draw(st.sampled_from(["google", "microsoft", "grid"]))
    if shape == "google":
        header = ["Timestamp", *(f"[{s.code}] {s.text}" for _, s in statements)]
    elif shape == "microsoft":
        header = ["ID", "Start time", "Completion time", "Email", "Name"]
        header += [s.text for _, s in statements]
    else:
        header = ["Timestamp", *(f"How far do you agree? [{s.text}]" for _, s in statements)]
    header.append("[COMMENT] Anything else?")
    rows, wanted, comments = [], [], []
    for number in range(draw(st.integers(1, 5))):
        answers = draw(st.lists(st.none() | st.integers(1, 5), min_size=28, max_size=28))
        if all(a is None for a in answers):
            answers[0] = 3
        cells = [
            ""
            if a is None
            else draw(st.sampled_from([str(a), LABELS[a - 1], LABELS[a - 1].upper(), f"{a} - x"]))
            for a in answers
        ]
        stamp = f"2026-10-{number + 1:02d} 10:00:00"
        lead = [stamp] if shape != "microsoft" else [str(number), stamp, stamp, "anon", ""]
        comment = draw(st.none() | st.text(alphabet=" ab,;\"\n\t'é—", min_size=1, max_size=30))
        rows.append([*lead, *cells, comment or ""])
        by_principle: dict[str, list[int]] = {}
        for (principle, _), answer in zip(statements, answers, strict=True):
            if answer is not None:
                by_principle.setdefault(principle, []).append(answer)
        wanted.append(by_principle)
        comments.append(comment)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    encoding = "utf-8-sig" if shape == "microsoft" else "utf-8"
    return buffer.getvalue().encode(encoding), wanted, comments


@settings(max_examples=60, deadline=None)
@given(case=export())
def test_each_score_is_the_mean_of_the_answers_to_one_decimal(
    case: tuple[bytes, list[dict[str, list[int]]], list[str | None]],
) -> None:
    from collabgain_cli.survey.questionnaire import questionnaire
    from collabgain_cli.survey.responses import read_responses

    data, wanted, comments = case
    found = read_responses(data, questionnaire(), [])
    assert len(found.responses) == len(wanted)
    for response, answers, comment in zip(found.responses, wanted, comments, strict=True):
        expected = {
            p: (Decimal(sum(a)) / len(a)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for p, a in answers.items()
        }
        assert dict(response.scores) == expected
        assert response.answered == sum(len(a) for a in answers.values())
        assert response.comment == ((comment or "").strip() or None)

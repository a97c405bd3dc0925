"""`collabgain survey import`: form exports into anonymous assessments, all or nothing.

The exports under tests/survey/ are shaped as the form tools write them: Google Forms (a
Timestamp column, the code in each question's title, answers in words, a comment with a
quoted line break) and Microsoft Forms saved from Excel as CSV UTF-8 (a byte-order mark, ID,
start and completion times, e-mail and name columns, a column per statement of a Likert
question with the statement's words and no code, answers as numbers).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from collabgain_cli.loader import load_path
from collabgain_cli.principles import load_catalogue

if TYPE_CHECKING:
    from .conftest import Result

RunLine = Callable[..., "Result"]
Write = Callable[[str, str | bytes], Path]
ROOT = Path(__file__).resolve().parents[1]
EXPORTS = ROOT / "tests" / "survey"
RIVERSIDE = ROOT / "examples" / "riverside.yaml"

SMALL = """\
partnership:
  name: Small Partnership   # a comment that must survive
  as_of: 2026-11-01
organisations:
  - id: council
    name: City Council
  - id: trust
    name: Community Trust
"""


@pytest.fixture
def riverside(tmp_path: Path) -> Path:
    target = tmp_path / "riverside.yaml"
    shutil.copyfile(RIVERSIDE, target)
    return target


def only_inserted(before: bytes, after: bytes) -> bool:
    """Whether `after` is `before` with one run of bytes inserted somewhere, nothing else."""
    grown = len(after) - len(before)
    if grown <= 0:
        return False
    same = 0
    while same < len(before) and before[same] == after[same]:
        same += 1
    return after[:same] == before[:same] and after[same + grown :] == before[same:]


def _statements() -> list[tuple[str, str, str]]:
    return [(g.id, s.code, s.text) for g in load_catalogue().groups for s in g.statements]


def _export(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _coded_header() -> list[str]:
    return ["Timestamp", *(f"[{code}] {text}" for _, code, text in _statements())]


def _assessments(path: Path) -> list[dict[str, object]]:
    loaded = load_path(str(path))
    assert loaded.partnership is not None, loaded.errors
    return [a.model_dump(mode="json") for a in loaded.partnership.assessments]


def test_a_google_forms_export_is_added_and_the_rest_kept(
    run_line: RunLine, riverside: Path
) -> None:
    before = riverside.read_bytes()
    result = run_line(
        "survey", "import", str(EXPORTS / "google-forms.csv"), "--into", str(riverside)
    )
    assert result.exit_code == 0, result.stderr
    assert "added 5 anonymous assessments" in result.stdout
    assert only_inserted(before, riverside.read_bytes())
    added = _assessments(riverside)[-5:]
    # Row 2 agrees with everything; row 3 alternates strongly disagree (1) and disagree (2).
    assert added[0]["scores"] == {p: 4.0 for p, *_ in _statements()[::4]}
    assert added[0]["organisation"] == "council"
    assert set(added[1]["scores"].values()) == {1.5}  # type: ignore[union-attr]
    assert added[1]["organisation"] is None
    assert all(a["anonymous"] and a["by"] is None for a in added)
    assert [a["date"] for a in added] == [
        "2026-10-05",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
        "2026-10-08",
    ]
    # Row 4 names the organisation by its name, row 5 by its id.
    assert added[2]["organisation"] == "residents"
    assert added[3]["organisation"] == "homes"
    # Row 6 answers "Don't know" to the last eight statements: two principles unscored.
    assert set(added[4]["scores"]) == {p for p, *_ in _statements()[:20:4]}
    assert run_line("validate", str(riverside)).exit_code == 0


def test_a_microsoft_forms_export_with_a_bom_and_no_codes(
    run_line: RunLine, riverside: Path
) -> None:
    assert (EXPORTS / "microsoft-forms.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    result = run_line(
        "survey", "import", str(EXPORTS / "microsoft-forms.csv"), "--into", str(riverside)
    )
    assert result.exit_code == 0, result.stderr
    added = _assessments(riverside)[-4:]
    assert [a["date"] for a in added] == ["2026-10-14", "2026-10-14", "2026-10-15", "2026-10-16"]
    assert [a["organisation"] for a in added] == ["quayside", None, "bid", "homes"]
    assert set(added[1]["scores"].values()) == {2.5}  # type: ignore[union-attr]
    # Nothing from the name or e-mail columns reaches the file.
    assert "anonymous@" not in riverside.read_text(encoding="utf-8")
    assert "'Email'" in result.stdout and "'Name'" in result.stdout


def test_comments_are_kept_with_their_line_breaks(run_line: RunLine, riverside: Path) -> None:
    run_line("survey", "import", str(EXPORTS / "google-forms.csv"), "--into", str(riverside))
    text = riverside.read_text(encoding="utf-8")
    assert (
        'x-comment: "Funders decide, the rest of us nod.\\nIt has been like this since the '
        'start, \\"sadly\\"."' in text
    )


def test_the_imported_file_checks_with_the_members_view_computed(
    run_line: RunLine, riverside: Path
) -> None:
    run_line("survey", "import", str(EXPORTS / "google-forms.csv"), "--into", str(riverside))
    result = run_line("survey", "summary", str(riverside))
    assert result.exit_code == 0
    assert "(5 anonymous)" in result.stdout
    for group in load_catalogue().groups:
        if group.statements:
            assert f"{group.title}: " in result.stdout


def test_check_runs_on_an_imported_file(run_line: RunLine, riverside: Path) -> None:
    for export in ("google-forms.csv", "microsoft-forms.csv"):
        run_line("survey", "import", str(EXPORTS / export), "--into", str(riverside))
    result = run_line("check", str(riverside), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    [file_report] = json.loads(result.stdout)["files"]
    # Every principle row shows the members' view, and no message names a respondent.
    rated = [p for p in file_report["principles"] if "members_mean" in p]
    assert {p["id"] for p in rated} >= {
        "managing-aims",
        "balance-of-power",
        "building-trust",
        "partnership-complexity",
        "managing-change",
        "leadership-structures",
        "active-leadership",
    }
    assert all(p["respondents"] >= 3 for p in rated)


def test_dry_run_shows_the_entries_and_writes_nothing(run_line: RunLine, riverside: Path) -> None:
    before = riverside.read_bytes()
    result = run_line(
        "survey", "import", str(EXPORTS / "google-forms.csv"), "--into", str(riverside), "--dry-run"
    )
    assert result.exit_code == 0
    assert "would add 5 anonymous assessments" in result.stdout
    assert "  - anonymous: true\n    date: 2026-10-05\n    organisation: council\n" in result.stdout
    assert riverside.read_bytes() == before


def test_one_wrong_answer_stops_the_whole_import(
    run_line: RunLine, write: Write, riverside: Path
) -> None:
    header = _coded_header()
    good = ["2026-10-01", *(["Agree"] * 28)]
    bad = ["2026-10-02", *(["Agree"] * 5), "Somewhat agree", *(["Agree"] * 22)]
    export = write("export.csv", _export(header, [good, good, bad, good]))
    before = riverside.read_bytes()
    result = run_line("survey", "import", str(export), "--into", str(riverside))
    assert result.exit_code == 1
    assert riverside.read_bytes() == before
    assert "row 4, column G ('[POWER-2] Organisations that bring no funding h...')" in (
        result.stderr
    )
    assert "'Somewhat agree' is not an answer on the scale; write one of Strongly disagree" in (
        result.stderr
    )
    assert "nothing was written" in result.stderr


def test_every_error_is_reported_at_once(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    header = [*_coded_header(), "Which organisation do you represent here?"]
    rows = [
        ["31/02/2026", *(["4"] * 28), "City Council"],
        ["2026-10-02", "7", *(["4"] * 27), "The Council"],
        ["2026-10-03", *(["4"] * 28), "Comunity Trust"],
    ]
    result = run_line(
        "survey", "import", str(write("e.csv", _export(header, rows))), "--into", str(target)
    )
    assert result.exit_code == 1
    assert "row 2, column A ('Timestamp'): '31/02/2026' is not a real date" in result.stderr
    assert "row 3, column B" in result.stderr and "'7' is not an answer" in result.stderr
    assert "row 3, column AD" in result.stderr and "'The Council' is not an organisation" in (
        result.stderr
    )
    assert "did you mean 'Community Trust'?" in result.stderr
    assert target.read_text(encoding="utf-8") == SMALL


def test_semicolons_numbers_with_words_and_blank_answers(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    answers = ["5 - Strongly agree", "", "4 (Agree)", "N/A"] + ["3"] * 24
    export = write(
        "export.csv",
        _export(_coded_header(), [["2026-10-05 10:00", *answers]] * 3, delimiter=";"),
    )
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    scores = _assessments(target)[0]["scores"]
    assert scores["managing-aims"] == 4.5  # type: ignore[index]
    assert scores["balance-of-power"] == 3.0  # type: ignore[index]


def test_google_grid_columns_match_by_the_statement_words(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    header = ["Timestamp"] + [
        f"How far do you agree? [{text.rstrip('.').upper()}]" for _, _, text in _statements()
    ]
    export = write("grid.csv", _export(header, [["2026/10/05 2:14:52 PM GMT+1", *["Agree"] * 28]]))
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    assert len(_assessments(target)[0]["scores"]) == 7  # type: ignore[arg-type]


def test_an_unknown_code_names_its_column(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    export = write("e.csv", _export(["Timestamp", "[AIMS-9] Something"], [["2026-10-01", "4"]]))
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 1
    assert "row 1, column B ('[AIMS-9] Something'): no statement has the code AIMS-9" in (
        result.stderr
    )


def test_ambiguous_dates_need_an_order(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    rows = [["03/04/2026", *["Agree"] * 28], ["05/04/2026", *["Agree"] * 28]]
    export = write("e.csv", _export(_coded_header(), rows))
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 1
    assert "--date-order" in result.stderr
    result = run_line("survey", "import", str(export), "--into", str(target), "--date-order", "dmy")
    assert result.exit_code == 0, result.stderr
    assert [a["date"] for a in _assessments(target)] == ["2026-04-03", "2026-04-05"]


def test_a_day_above_twelve_settles_the_order(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    rows = [["10/5/26 9:01", *["Agree"] * 28], ["10/14/26 9:01", *["Agree"] * 28]]
    export = write("e.csv", _export(_coded_header(), rows))
    assert run_line("survey", "import", str(export), "--into", str(target)).exit_code == 0
    assert [a["date"] for a in _assessments(target)] == ["2026-10-05", "2026-10-14"]


def test_no_date_column_needs_a_date(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    export = write("e.csv", _export(_coded_header()[1:], [["Agree"] * 28]))
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 1
    assert "--date" in result.stderr
    result = run_line(
        "survey", "import", str(export), "--into", str(target), "--date", "2026-10-09"
    )
    assert result.exit_code == 0
    assert _assessments(target)[0]["date"] == "2026-10-09"


def test_rows_that_answer_nothing_are_left_out_and_said(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    rows = [["2026-10-01", *["Agree"] * 28], ["2026-10-02", *[""] * 28], [""] * 29]
    export = write("e.csv", _export(_coded_header(), rows))
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 0
    assert "row 3: left out: it answers no statement" in result.stderr
    assert len(_assessments(target)) == 1


def test_importing_the_same_export_twice_is_refused(run_line: RunLine, riverside: Path) -> None:
    export = str(EXPORTS / "google-forms.csv")
    assert run_line("survey", "import", export, "--into", str(riverside)).exit_code == 0
    once = riverside.read_bytes()
    result = run_line("survey", "import", export, "--into", str(riverside))
    assert result.exit_code == 1
    assert "already in" in result.stderr
    assert riverside.read_bytes() == once


def test_a_file_not_in_utf8_says_how_to_save_it(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    export = write(
        "e.csv",
        _export(_coded_header(), [["2026-10-01", *["Agree"] * 28]])
        .encode("utf-8")
        .replace(b"Agree", "Agrée".encode("latin-1")),
    )
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr and "CSV UTF-8" in result.stderr


def test_an_export_with_no_statement_columns(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    export = write("e.csv", "Timestamp,Favourite colour\n2026-10-01,blue\n")
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 1
    assert "no column is a statement of the questionnaire" in result.stderr


def test_an_invalid_target_is_refused_before_anything_else(run_line: RunLine, write: Write) -> None:
    target = write("bad.yaml", "partnership: {name: X}\norganisations: []\n")
    result = run_line("survey", "import", str(EXPORTS / "google-forms.csv"), "--into", str(target))
    assert result.exit_code == 1
    assert f"{target}:2:" in result.stderr
    assert target.read_text(encoding="utf-8") == "partnership: {name: X}\norganisations: []\n"


def test_missing_files_are_usage_errors(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    result = run_line("survey", "import", "nowhere.csv", "--into", str(target))
    assert result.exit_code == 2
    assert "nowhere.csv: no such file" in result.stderr
    result = run_line("survey", "import", str(EXPORTS / "google-forms.csv"), "--into", "none.yaml")
    assert result.exit_code == 2
    assert run_line("survey", "import", str(EXPORTS / "google-forms.csv")).exit_code == 2


def test_a_crlf_file_gets_crlf_lines(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL.replace("\n", "\r\n").encode("utf-8"))
    export = write("e.csv", _export(_coded_header(), [["2026-10-01", *["Agree"] * 28]]))
    assert run_line("survey", "import", str(export), "--into", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(SMALL.replace("\n", "\r\n").encode("utf-8"))
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_the_file_keeps_its_permissions(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    target.chmod(0o640)
    export = write("e.csv", _export(_coded_header(), [["2026-10-01", *["Agree"] * 28]]))
    assert run_line("survey", "import", str(export), "--into", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_responses_that_will_not_count_are_noted(run_line: RunLine, write: Write) -> None:
    target = write(
        "small.yaml",
        SMALL.replace(
            "    name: Community Trust\n", "    name: Community Trust\n    left: 2026-06-01\n"
        ),
    )
    header = [*_coded_header(), "[ORG] Which organisation?"]
    rows = [
        ["2026-10-01", *["Agree"] * 28, "Community Trust"],
        ["2026-12-01", *["Agree"] * 28, "council"],
    ]
    result = run_line(
        "survey", "import", str(write("e.csv", _export(header, rows))), "--into", str(target)
    )
    assert result.exit_code == 0
    assert "1 of the responses are dated after partnership.as_of (2026-11-01)" in result.stderr
    assert "responses naming Community Trust do not count as current respondents" in result.stderr


def test_the_report_counts_the_statements_found(run_line: RunLine, write: Write) -> None:
    target = write("small.yaml", SMALL)
    header = ["Timestamp", "[AIMS-1] reworded in the form", "Trust question (edited)"]
    export = write("e.csv", _export(header, [["2026-10-01", "Agree", "Agree"]]))
    result = run_line("survey", "import", str(export), "--into", str(target))
    assert result.exit_code == 0
    assert "1 of the questionnaire's 28 statements found in the export; the others" in (
        result.stdout
    )
    assert "columns not read: 'Trust question (edited)'" in result.stdout
    assert _assessments(target)[0]["scores"] == {"managing-aims": 4.0}

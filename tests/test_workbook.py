"""`import`, `export` and `init --workbook`: a partnership as a workbook (.xlsx) or a folder of
CSV files, and back, checking the same finding for finding; problems reported at their cells."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

Run = Callable[..., Any]

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

# Written by hand, as someone else would: every 1.1 field, `x-` keys, a ';' inside a list
# item, multi-line text, text that looks like a number or a boolean, weighted votes,
# anonymous assessments with decimal scores, and a formula-like value.
OTHERS = """\
version: 1
partnership:
  name: Harbour Youth Alliance
  purpose: |
    Young people in the harbour wards get work, training or a place to go.
    No one member could do it alone.
  established: 2023-04-01
  as_of: 2026-10-01
  last_reviewed: 2025-11-20
  sector: youth
  x-grant-ref: "0042"
organisations:
  - id: council
    name: Harbour Council
    sector: public
    roles: [funder, convener]
    offers: [rooms; evenings, "data team"]
    needs: [reach into the estates]
    aims:
      - text: Fewer young people not in work or training
      - text: "=SUM(A1:A3)"
        stated: hidden
    x-contact: Ana
  - id: mind-the-gap
    name: Mind the Gap Youth Charity
    sector: voluntary
    roles: [lead, backbone]
    joined: 2023-05-01
    needs: [premises]
  - id: port
    name: Port Employers Group
    sector: private
    status: uncertain
people:
  - id: ana
    name: Ana Ruiz
    organisation: council
    role: "2024"
    networks: [skills-board]
    strengths: [facilitation, data]
  - id: lee
    name: Lee Park
    independent: true
    role: "yes"
networks:
  - id: skills-board
    name: Skills Board
    kind: statutory
aims:
  - id: work
    text: 300 young people into work or training
    status: achieved
    agreed_by: [council, mind-the-gap]
    proposed: 2023-04-01
    target_date: 2026-03-31
governance:
  decision_rule: majority
  chairs:
    - organisation: mind-the-gap
      person: ana
      from: 2023-04-01
      to: 2025-03-31
    - organisation: council
      from: 2025-04-01
  bodies:
    - id: board
      name: Alliance Board
      members: [council, mind-the-gap, port]
      votes: {council: 2, mind-the-gap: 1}
      from: 2023-04-01
decisions:
  - date: 2025-04-10
    summary: Open the drop-in on Saturdays
    made_by: [council, mind-the-gap]
    body: board
    activities: [drop-in]
funding:
  - from: council
    amount: 12500.5
    currency: GBP
    from_date: 2025-04-01
    to_date: 2026-03-31
  - from: mind-the-gap
    amount: 3000
    in_kind: true
    year: 2025
activities:
  - id: drop-in
    name: Harbour drop-in
    type: service
    scale: moderate
    status: active
    start: 2024-01-08
    lead: mind-the-gap
    owner: ana
    partners: [council]
    aims: [work]
    risk_shared: false
    budget: 40000
    milestones:
      - name: Saturday opening
        due: 2025-05-01
        done: 2025-04-26
    monitoring: Monthly numbers to the board
    lessons: [Evenings work better than mornings]
meetings:
  - date: 2025-04-10
    body: board
    attended: [council, mind-the-gap]
    people: [ana]
changes:
  - date: 2025-01-15
    type: funding
    description: Council youth budget cut by a fifth
    affects: [council]
commitments:
  - organisation: council
    text: Keep the drop-in rooms free
    in_operational_plan: true
    plan_reference: Youth plan 3.1
learning:
  sharing:
    - mechanism: Termly learning lunch
      last: 2025-09-01
  evidence:
    - source: National youth work review
      applied_to: [drop-in]
  evaluations:
    - of: drop-in
      date: 2025-08-01
      by: University of the Harbour
      findings: Reaches the young people it set out to
assessments:
  - anonymous: true
    organisation: council
    date: 2025-09-01
    scores: {managing-aims: 3.5, building-trust: 4}
  - by: ana
    date: 2025-09-01
    scores: {balance-of-power: 2}
waivers:
  - rule: CG603
    subject: port
    reason: Their membership is being settled at the next board
    until: 2026-12-31
"""


def _generated() -> str:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(*module.SIZES["typical"], seed=3)
    return text


def _outcome(run: Run, path: str) -> dict[str, Any]:
    """What a check says of a file, without where in the file it says it."""
    result = run("check", path, "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)["files"]
    assert record["valid"], record["errors"]
    findings = sorted(
        (f["code"], f["severity"], f["subject"], f["message"], f["path"], f["waived"])
        for f in record["findings"]
    )
    return {
        "findings": findings,
        "principles": record["principles"],
        "level": record["collaboration_level"],
        "partnership": record["partnership"],
        "as_of": record["as_of"],
    }


def _round_trip(run: Run, source: Path, tmp_path: Path, book: str) -> Path:
    exported = run("export", str(source), "-o", book)
    assert exported.exit_code == 0, exported.stderr
    imported = run("import", book, "-o", "back.yaml")
    assert imported.exit_code == 0, imported.stderr
    return tmp_path / "back.yaml"


@pytest.mark.parametrize("book", ["book.xlsx", "sheets"])
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_checks_the_same_after_export_and_import(
    run_line: Run, tmp_path: Path, example: Path, book: str
) -> None:
    back = _round_trip(run_line, example, tmp_path, book)
    assert _outcome(run_line, str(back)) == _outcome(run_line, str(example))


@pytest.mark.parametrize("book", ["book.xlsx", "sheets"])
@pytest.mark.parametrize("source", ["others", "starter", "generated"])
def test_partnerships_written_by_others_check_the_same_after_a_round_trip(
    run_line: Run, write: Callable[..., Path], tmp_path: Path, source: str, book: str
) -> None:
    if source == "others":
        original = write("original.yaml", OTHERS)
    elif source == "starter":
        original = write("original.yaml", run_line("init", "-", "--as-of", "2026-11-01").stdout)
    else:
        original = write("original.yaml", _generated())
    back = _round_trip(run_line, original, tmp_path, book)
    assert _outcome(run_line, str(back)) == _outcome(run_line, str(original))


def test_the_round_trip_keeps_what_the_file_says(
    run_line: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    import yaml

    original = write("original.yaml", OTHERS)
    back = _round_trip(run_line, original, tmp_path, "book.xlsx")
    data = yaml.safe_load(back.read_text(encoding="utf-8"))
    council = data["organisations"][0]
    assert council["offers"] == ["rooms; evenings", "data team"]
    assert council["aims"][1] == {"text": "=SUM(A1:A3)", "stated": "hidden"}
    assert council["x-contact"] == "Ana"
    assert data["partnership"]["x-grant-ref"] == "0042"
    assert data["partnership"]["purpose"].startswith("Young people in the harbour wards")
    assert data["people"][0]["role"] == "2024"
    assert data["people"][1]["role"] == "yes"
    assert data["governance"]["bodies"][0]["votes"] == {"council": 2, "mind-the-gap": 1}
    assert data["funding"][0]["amount"] == 12500.5
    assert data["assessments"][0] == {
        "anonymous": True,
        "organisation": "council",
        "date": dt.date(2025, 9, 1),
        "scores": {"managing-aims": 3.5, "building-trust": 4},
    }


def test_the_workbook_holds_typed_cells_and_text_is_never_a_formula(
    run_line: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    original = write("original.yaml", OTHERS)
    assert run_line("export", str(original), "-o", "book.xlsx").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "book.xlsx")
    assert book.sheetnames[:3] == ["README", "partnership", "organisations"]
    organisations = book["organisations"]
    header = [cell.value for cell in organisations[1]]
    assert header[:9] == [
        "id",
        "name",
        "sector",
        "roles",
        "status",
        "joined",
        "left",
        "offers",
        "needs",
    ]
    assert "x-contact" in header
    gap = organisations[3]
    assert gap[header.index("joined")].value == dt.datetime(2023, 5, 1)
    assert gap[header.index("roles")].value == "lead; backbone"
    assert organisations[2][header.index("offers")].value == "rooms\\; evenings; data team"
    aims = book["organisation_aims"]
    formula_like = aims[3]
    assert formula_like[1].value == "=SUM(A1:A3)" and formula_like[1].data_type == "s"
    funding = book["funding"]
    assert funding[3][header_index(funding, "in_kind")].value is True
    assert funding[2][header_index(funding, "amount")].value == 12500.5


def header_index(sheet: Any, name: str) -> int:
    return [cell.value for cell in sheet[1]].index(name)


# --------------------------------------------------------------------------- made by hand


def _hand_made(path: Path, *, mistakes: bool) -> None:
    """A workbook as someone who has read WORKBOOK.md, not the code, would make it: headers
    in their own case, spreadsheet dates and booleans, lists with ';', a blank row, the
    default first sheet left empty."""
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    sheet = book.create_sheet("Partnership")
    sheet.append(["Field", "Value"])
    sheet.append(["name", "Eastside Food Network"])
    sheet.append(["purpose", "Nobody in Eastside goes hungry"])
    sheet.append(["as_of", dt.datetime(2026, 6, 1)])
    sheet.append(["decision_rule", "consensus"])
    orgs = book.create_sheet("Organisations")
    orgs.append(["ID", "Name", "Sector", "Roles", "Joined"])
    orgs.append(["council", "Eastside Council", "public", "funder; convener", None])
    orgs.append(["pantry", "Eastside Pantry", "voluntary", "lead", dt.datetime(2024, 2, 1)])
    orgs.append([None, None, None, None, None])
    orgs.append(["church", "St Mary's", "community", "member", "2024-03-01"])
    people = book.create_sheet("People")
    people.append(["id", "name", "organisation", "role", "Independent"])
    people.append(["sam", "Sam Okoro", "council", "Officer", False])
    people.append(["kay", "Kay Lamb", "Eastside Pantry" if mistakes else "pantry", "Manager", None])
    people.append(["ros", "Ros Day", None, "Resident", "TRUE"])
    activities = book.create_sheet("activities")
    activities.append(["id", "name", "type", "status", "lead", "partners", "Risk shared"])
    activities.append(
        ["meals", "Holiday meals", "joint-delivery", "active", "pantry", "council; church", True]
    )
    milestones = book.create_sheet("milestones")
    milestones.append(["activity", "name", "due", "done"])
    milestones.append(["meals", "Summer menu", dt.datetime(2026, 7, 1), True if mistakes else None])
    if mistakes:
        milestones.append(["dinners", "Winter menu", dt.datetime(2026, 12, 1), None])
        people.cell(row=1, column=4).value = "rol"
        orgs.append(["pantry", "Eastside Pantry Two", "voluntary", "lead", None])
        orgs.append(["school", None, "public", "member", None])
        meetings = book.create_sheet("Meeting notes")
        meetings.append(["date", "who"])
        meetings.append([dt.datetime(2026, 5, 1), "everyone"])
    book.save(path)


def test_a_workbook_made_by_hand_imports_into_a_valid_file(run_line: Run, tmp_path: Path) -> None:
    _hand_made(tmp_path / "eastside.xlsx", mistakes=False)
    result = run_line("import", "eastside.xlsx", "-o", "eastside.yaml")
    assert result.exit_code == 0, result.stderr
    assert "now run: collabgain check eastside.yaml" in result.stderr
    assert run_line("validate", "eastside.yaml").exit_code == 0
    import yaml

    data = yaml.safe_load((tmp_path / "eastside.yaml").read_text(encoding="utf-8"))
    assert data["partnership"]["as_of"] == dt.date(2026, 6, 1)
    assert data["governance"] == {"decision_rule": "consensus"}
    assert [o["id"] for o in data["organisations"]] == ["council", "pantry", "church"]
    assert data["organisations"][0]["roles"] == ["funder", "convener"]
    assert data["organisations"][2]["joined"] == dt.date(2024, 3, 1)
    assert data["people"][2]["independent"] is True
    assert data["activities"][0]["milestones"] == [
        {"name": "Summer menu", "due": dt.date(2026, 7, 1)}
    ]


def test_problems_in_a_workbook_are_reported_at_their_cells_all_at_once(
    run_line: Run, tmp_path: Path
) -> None:
    _hand_made(tmp_path / "eastside.xlsx", mistakes=True)
    result = run_line("import", "eastside.xlsx", "-o", "eastside.yaml")
    assert result.exit_code == 1
    assert not (tmp_path / "eastside.yaml").exists()
    lines = result.stderr.splitlines()
    expected = [
        "eastside.xlsx:Organisations:6:A: CG004 id 'pantry' is used twice (first on row 3); "
        "give each a different id",
        "eastside.xlsx:Organisations:7:B: CG002 every organisation needs a name; fill it in",
        "eastside.xlsx:People:1:D: CG002 unknown column 'rol'; did you mean 'role'?",
        "eastside.xlsx:People:3:C: CG003 `people[1].organisation`: 'Eastside Pantry' is the "
        "name of organisation "
        "'pantry'; write its id",
        "eastside.xlsx:milestones:2:D: CG002 `activities[0].milestones[0].done` is the date "
        "the milestone was met: write it as 2026-07-01, not true",
        "eastside.xlsx:milestones:3:A: CG003 no activity 'dinners' in the activities sheet; "
        "ids in the activities sheet: meals",
        "eastside.xlsx:Meeting notes: CG002 unknown sheet 'Meeting notes'; did you mean "
        "'meetings'?",
    ]
    for line in expected:
        assert line in lines, result.stderr
    assert lines[-1] == "collabgain: 7 problems in eastside.xlsx; nothing written"


def test_csv_problems_name_the_file_row_and_column_number(
    run_line: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    write("book/partnership.csv", "field,value\nname,Eastside\nas_of,2026-06-01\n")
    write(
        "book/organisations.csv",
        "\ufeffid,name,sector,joined\ncouncil,Council,public,\npantry,Pantry,voluntary,1/2/2024\n",
    )
    write("book/people.csv", "id,name,organisation,independent\nsam,Sam,council,yes\n")
    result = run_line("import", "book")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        "book/organisations.csv:3:4: CG002 `organisations[1].joined` is the date the "
        "organisation joined: write it as 2024-02-01, not '1/2/2024'"
    ) in lines
    assert "book/people.csv:2:4: CG002 'yes' is not a boolean; write true or false" in lines
    assert result.stdout == ""


def test_csv_folder_imports_to_standard_output(run_line: Run, write: Callable[..., Path]) -> None:
    write("book/partnership.csv", "field,value\nname,Eastside\n")
    write("book/organisations.csv", 'id,name,offers\ncouncil,Council,"rooms; a van"\n')
    write("book/notes.txt", "not a sheet")
    result = run_line("import", "book")
    assert result.exit_code == 0, result.stderr
    assert "offers: [rooms, a van]" in result.stdout
    assert run_line("validate", "-", input=result.stdout).exit_code == 0


def test_a_partnership_sheet_with_a_column_a_field_is_read_too(
    run_line: Run, write: Callable[..., Path]
) -> None:
    write("book/partnership.csv", "Name,As of,x-ref\nEastside,2026-06-01,E1\n")
    write("book/organisations.csv", "id,name\ncouncil,Council\n")
    result = run_line("import", "book")
    assert result.exit_code == 0, result.stderr
    assert "partnership:\n  name: Eastside\n  as_of: 2026-06-01\n  x-ref: E1\n" in result.stdout
    write("book/partnership.csv", "purpose,as_of\nFood,2026-06-01\nMore,2026-07-01\n")
    again = run_line("import", "book")
    assert again.exit_code == 1
    assert (
        "book/partnership.csv:3: CG002 the partnership sheet has one row of values" in again.stderr
    )
    assert (
        "book/partnership.csv: CG002 the partnership needs a name: add a 'name' column"
        in again.stderr
    )


def test_ids_separated_by_commas_are_told_to_use_semicolons(
    run_line: Run, write: Callable[..., Path]
) -> None:
    write("book/partnership.csv", "field,value\nname,Eastside\n")
    write("book/organisations.csv", "id,name\ncouncil,Council\npantry,Pantry\n")
    write("book/aims.csv", 'id,text,agreed_by\nfood,Food for all,"council, pantry"\n')
    result = run_line("import", "book")
    assert result.exit_code == 1
    assert (
        "book/aims.csv:2:3: CG003 'council, pantry' looks like several ids in one; in a cell, "
        "separate the items of a list with ';'"
    ) in result.stderr.splitlines()


def test_import_never_overwrites_without_force(run_line: Run, tmp_path: Path) -> None:
    _hand_made(tmp_path / "eastside.xlsx", mistakes=False)
    (tmp_path / "eastside.yaml").write_text("mine\n", encoding="utf-8")
    result = run_line("import", "eastside.xlsx", "-o", "eastside.yaml")
    assert result.exit_code == 2
    assert "already exists; use --force" in result.stderr
    assert (tmp_path / "eastside.yaml").read_text(encoding="utf-8") == "mine\n"
    assert run_line("import", "eastside.xlsx", "-o", "eastside.yaml", "--force").exit_code == 0
    assert "Eastside Food Network" in (tmp_path / "eastside.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx workbook"),
        ("empty.xlsx", b"", "not a readable .xlsx workbook"),
        ("xml.xlsx", "zip:[Content_Types].xml", "not a readable .xlsx workbook"),
        ("other.xlsx", "zip:hello.txt", "not a readable .xlsx workbook"),
    ],
)
def test_a_workbook_that_cannot_be_read_is_a_clear_error(
    run_line: Run, write: Callable[..., Path], name: str, content: bytes | str, words: str
) -> None:
    if isinstance(content, str):
        # A zip archive that is not a workbook: one member, holding broken XML.
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(content.removeprefix("zip:"), "<unclosed")
        content = buffer.getvalue()
    write(name, content)
    result = run_line("import", name, "-o", "out.yaml")
    assert result.exit_code == 1
    assert words in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr


def test_a_csv_sheet_that_is_not_utf8_is_a_clear_error(
    run_line: Run, write: Callable[..., Path]
) -> None:
    write("book/organisations.csv", "id,name\ncafe,Caf\xe9\n".encode("latin-1"))
    result = run_line("import", "book")
    assert result.exit_code == 1
    assert "book/organisations.csv:2: not UTF-8" in result.stderr


def test_a_missing_workbook_is_a_usage_error(run_line: Run) -> None:
    result = run_line("import", "nowhere.xlsx")
    assert result.exit_code == 2
    assert "nowhere.xlsx: no such workbook or folder" in result.stderr


# --------------------------------------------------------------------------- export


def test_an_invalid_file_is_not_exported(
    run_line: Run, write: Callable[..., Path], tmp_path: Path
) -> None:
    write("bad.yaml", "partnership:\n  name: P\norganisations:\n  - id: Council\n    name: C\n")
    result = run_line("export", "bad.yaml", "-o", "book.xlsx")
    assert result.exit_code == 1
    assert "bad.yaml:4:9: CG002" in result.stderr
    assert not (tmp_path / "book.xlsx").exists()


def test_export_never_overwrites_without_force(run_line: Run, tmp_path: Path) -> None:
    source = str(EXAMPLES / "riverside.yaml")
    assert run_line("export", source, "-o", "sheets").exit_code == 0
    again = run_line("export", source, "-o", "sheets")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert run_line("export", source, "-o", "sheets", "--force").exit_code == 0
    with open(tmp_path / "sheets" / "organisations.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["id", "name"]


def test_export_says_what_has_no_sheet_to_go_in(run_line: Run, tmp_path: Path) -> None:
    result = run_line("export", str(EXAMPLES / "greenway-food.yaml"), "-o", "book.xlsx")
    assert result.exit_code == 0
    assert "x-members has no sheet to go in" in result.stderr


# --------------------------------------------------------------------------- init --workbook


@pytest.mark.parametrize("book", ["new.xlsx", "new-sheets"])
def test_init_workbook_writes_every_sheet_with_a_readme_first(
    run_line: Run, tmp_path: Path, book: str
) -> None:
    result = run_line("init", "--workbook", book, "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert f"then run: collabgain import {book} -o partnership.yaml" in result.stderr
    if book.endswith(".xlsx"):
        workbook = openpyxl.load_workbook(tmp_path / book)
        names = workbook.sheetnames
        readme = [[c.value for c in row] for row in workbook["README"].iter_rows()]
        people_header = [c.value for c in workbook["people"][1]]
    else:
        names = sorted(p.stem for p in (tmp_path / book).glob("*.csv"))
        with open(tmp_path / book / "README.csv", encoding="utf-8", newline="") as handle:
            readme = list(csv.reader(handle))
        with open(tmp_path / book / "people.csv", encoding="utf-8", newline="") as handle:
            people_header = next(csv.reader(handle))
    expected = {
        "partnership", "organisations", "organisation_aims", "people", "networks", "aims",
        "chairs", "bodies", "votes", "decisions", "funding", "activities", "milestones",
        "meetings", "changes", "commitments", "learning_sharing", "learning_evidence",
        "evaluations", "assessments", "waivers", "README",
    }  # fmt: skip
    assert set(names) == expected
    if book.endswith(".xlsx"):
        assert names[0] == "README"
    assert people_header == [
        "id", "name", "organisation", "role", "joined", "left", "networks", "strengths",
        "independent",
    ]  # fmt: skip
    said = {(row[0], row[1]): row[2] for row in readme[1:]}
    assert said[("people", "independent")].startswith("true or false.")
    assert "one of: public, private" in said[("organisations", "sector")]
    # Empty, it does not import: it says what to fill in, where.
    empty = run_line("import", book)
    assert empty.exit_code == 1
    where = f"{book}:partnership:2:B" if book.endswith(".xlsx") else f"{book}/partnership.csv:2:2"
    assert f"{where}: CG002 the partnership needs a name; write it here" in empty.stderr
    sheet = f"{book}:organisations" if book.endswith(".xlsx") else f"{book}/organisations.csv"
    assert (
        f"{sheet}: CG002 no organisations: add a row for each organisation taking part"
        in empty.stderr
    )


def test_init_workbook_never_overwrites_without_force(run_line: Run, tmp_path: Path) -> None:
    (tmp_path / "new.xlsx").write_bytes(b"mine")
    result = run_line("init", "--workbook", "new.xlsx")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (tmp_path / "new.xlsx").read_bytes() == b"mine"


def test_init_takes_a_path_or_a_workbook_not_both(run_line: Run) -> None:
    result = run_line("init", "p.yaml", "--workbook", "b.xlsx")
    assert result.exit_code == 2
    assert "not both" in result.stderr


def test_check_does_not_load_openpyxl() -> None:
    code = (
        "import sys\n"
        "from collabgain_cli.cli import main\n"
        f"sys.argv = ['collabgain', 'check', {str(EXAMPLES / 'riverside.yaml')!r}, '-q']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('openpyxl' in sys.modules, 'collabgain_cli.workbook' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert found.stdout.strip().splitlines()[-1] == "False False"

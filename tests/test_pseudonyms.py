"""`--pseudonymise`: people's names and ids replaced by keyed pseudonyms in every output.

Through the real CLI on examples/riverside.yaml and small files written here: no person's
name or id is left in any format of check, map, report, diff or portfolio; organisations keep
their names; the same key gives the same bytes, another key other pseudonyms; findings about
people still fire, about the pseudonym; names written in free text are replaced. And the
function itself: every reference follows the new ids, so the result is a valid file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from collabgain_cli.engine import Settings, check_partnership
from collabgain_cli.loader import load_bytes, load_path
from collabgain_cli.model import Partnership
from collabgain_cli.portfolio import inspect_files
from collabgain_cli.pseudonyms import (
    KEY_VARIABLE,
    MAKE_KEY,
    Pseudonymiser,
    person_id,
    person_name,
    pseudonymise,
)

if TYPE_CHECKING:
    from .conftest import Result

Run = Callable[..., "Result"]
Write = Callable[[str, str | bytes], Path]

RIVERSIDE = Path(__file__).resolve().parents[1] / "examples" / "riverside.yaml"
KEY = "a-test-key-7f3c9e21d4b8"
OTHER_KEY = "another-test-key-0a9b8c"

HARBOUR = """\
version: 1
partnership:
  name: Harbour Partnership
  established: 2024-01-01
  as_of: {as_of}
organisations:
  - {{id: council, name: City Council, roles: [funder, convener]}}
  - {{id: trust, name: Housing Trust}}
  - {{id: college, name: Harbour College}}
people:
  - {{id: ann-lee, name: Dr Ann Lee, organisation: council}}
  - {{id: bob-shaw, name: Bob Shaw, organisation: trust{bob_left}}}
  - {{id: cat-diaz, name: Cat Diaz}}
governance:
  chairs:
    - {{organisation: council, person: ann-lee, from: 2024-01-01{ann_to}}}
{college_chair}decisions:
  - date: 2025-06-01
    summary: Budget set on Ann Lee's proposal; Bob Shaw and cat diaz to report back
    made_by: [council, trust]
activities:
  - {{id: homes, name: New homes, status: active, lead: trust, owner: bob-shaw,
     partners: [council]}}
meetings:
  - {{date: 2025-06-01, attended: [council, trust], people: [ann-lee, bob-shaw]}}
changes:
  - {{date: 2025-05-01, description: Bob Shaw took over the homes work, affects: [trust]}}
assessments:
  - {{by: ann-lee, date: 2025-09-01, scores: {{managing-aims: 4}}}}
  - {{by: trust, date: 2025-09-01, scores: {{managing-aims: 2}}}}
waivers:
  - {{rule: unclear-membership, subject: cat-diaz, reason: Cat Diaz joins the college in May}}
"""
OLD = HARBOUR.format(as_of="2026-05-01", bob_left="", ann_to="", college_chair="")
NEW = HARBOUR.format(
    as_of="2026-11-01",
    bob_left=", left: 2026-08-31",
    ann_to=", to: 2026-06-01",
    college_chair="    - {organisation: college, person: cat-diaz, from: 2026-06-01}\n",
)
HARBOUR_PEOPLE = {
    "ann-lee": "Dr Ann Lee",
    "bob-shaw": "Bob Shaw",
    "cat-diaz": "Cat Diaz",
}


def _people(*paths: Path) -> dict[str, str]:
    """Every person's id and name in these files."""
    out: dict[str, str] = {}
    for path in paths:
        partnership = load_path(str(path)).partnership
        assert partnership is not None
        out.update({p.id: p.name for p in partnership.people})
    return out


def _leaks(text: str, people: dict[str, str]) -> list[str]:
    """The ids, names and surnames of people that appear in `text` as whole words."""
    words = {*people, *people.values(), *(name.split()[-1] for name in people.values())}
    return sorted(
        word
        for word in words
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE)
    )


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_VARIABLE, KEY)


def _ok(result: Result, codes: Iterable[int] = (0, 1)) -> str:
    assert result.exit_code in codes, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


# ---------------------------------------------------------------------------- no leaks


@pytest.mark.usefixtures("keyed")
@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "markdown"])
def test_check_names_nobody(run_line: Run, output_format: str) -> None:
    people = _people(RIVERSIDE)
    plain = _ok(run_line("check", "-f", output_format, str(RIVERSIDE)))
    assert _leaks(plain, people), "the check must name people without --pseudonymise"

    out = _ok(run_line("check", "--pseudonymise", "-f", output_format, str(RIVERSIDE)))
    assert _leaks(out, people) == []
    # Organisations are named in a check's messages, and keep their names and ids.
    assert "Quayside Developments Ltd" in out or '"subject": "quayside"' in out
    assert person_name(KEY.encode(), "Nadia Kowalski") in out


@pytest.mark.usefixtures("keyed")
@pytest.mark.parametrize("output_format", ["text", "mermaid", "dot", "graphml", "json"])
def test_map_with_people_names_nobody(run_line: Run, output_format: str) -> None:
    out = _ok(
        run_line("map", "--people", "--pseudonymise", "-f", output_format, str(RIVERSIDE)), [0]
    )
    assert _leaks(out, _people(RIVERSIDE)) == []
    assert "Riverside Borough Council" in out
    assert person_name(KEY.encode(), "Nadia Kowalski") in out


@pytest.mark.usefixtures("keyed")
@pytest.mark.parametrize("output_format", ["html", "markdown"])
def test_report_names_nobody(run_line: Run, output_format: str) -> None:
    out = _ok(run_line("report", "--pseudonymise", "-f", output_format, str(RIVERSIDE)), [0])
    assert _leaks(out, _people(RIVERSIDE)) == []
    assert "Riverside Borough Council" in out
    # The report names people, by their pseudonyms, never by an id.
    assert person_name(KEY.encode(), "Dr Sarah Quinn") in out


@pytest.mark.usefixtures("keyed")
@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_diff_names_nobody(run_line: Run, write: Write, output_format: str) -> None:
    old, new = write("old.yaml", OLD), write("new.yaml", NEW)
    plain = _ok(run_line("diff", "-f", output_format, str(old), str(new)), [0])
    assert "Bob Shaw" in plain

    out = _ok(run_line("diff", "--pseudonymise", "-f", output_format, str(old), str(new)), [0])
    assert _leaks(out, HARBOUR_PEOPLE) == []
    # Bob leaves between the versions, and the chair passes from Ann to Cat: the same key
    # gives each the same pseudonym in both versions, so the diff still sees who changed.
    key = KEY.encode()
    assert person_name(key, "Bob Shaw") in out
    assert person_id(key, "ann-lee") in out
    assert person_id(key, "cat-diaz") in out
    assert re.search(r"\bcollege\b", out) and re.search(r"\btrust\b", out)


def test_diff_json_keeps_people_matched(run_line: Run, write: Write, keyed: None) -> None:
    old, new = write("old.yaml", OLD), write("new.yaml", NEW)
    out = json.loads(_ok(run_line("diff", "--pseudonymise", "-f", "json", str(old), str(new)), [0]))
    plain = json.loads(_ok(run_line("diff", "-f", "json", str(old), str(new)), [0]))
    key = KEY.encode()

    def renamed(value: Any) -> Any:
        text = json.dumps(value)
        for person, name in HARBOUR_PEOPLE.items():
            text = text.replace(name, person_name(key, name)).replace(
                person, person_id(key, person)
            )
        return json.loads(text)

    # Apart from the names, the comparison is the same: nobody is seen to join or leave
    # only because their id changed.
    assert out["people"] == renamed(plain["people"])
    assert out["chair"] == renamed(plain["chair"])


SHARED = """\
version: 1
partnership:
  name: {name}
  established: 2024-01-01
  as_of: 2026-11-01
organisations:
  - {{id: council, name: City Council}}
  - {{id: trust, name: Housing Trust}}
people:
  - {{id: {id}, name: {person}, organisation: council, networks: [a, b, c]}}
  - {{id: local-{n}, name: {local}, organisation: trust}}
networks:
  - {{id: a, name: Network A{n}}}
  - {{id: b, name: Network B{n}}}
  - {{id: c, name: Network C{n}}}
"""


def _shared_files(write: Write) -> list[Path]:
    # The same person in both files, written differently and with different ids.
    return [
        write(
            "one.yaml",
            SHARED.format(
                name="Harbour One", id="ann", person="Dr Ann Lee", n=1, local="Raj Patel"
            ),
        ),
        write(
            "two.yaml",
            SHARED.format(name="Harbour Two", id="a-lee", person="ann lee", n=2, local="Lou Smith"),
        ),
    ]


@pytest.mark.usefixtures("keyed")
@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_portfolio_names_nobody_and_still_matches(
    run_line: Run, write: Write, output_format: str
) -> None:
    files = _shared_files(write)
    people = _people(*files)
    plain = _ok(run_line("portfolio", "-f", output_format, str(files[0].parent)))
    assert "PG402" in plain and _leaks(plain, people)

    out = _ok(run_line("portfolio", "--pseudonymise", "-f", output_format, str(files[0].parent)))
    assert _leaks(out, people) == []
    assert "City Council" in out
    # One person in both files, sitting at 2 partnerships and 6 networks: still found.
    assert "PG402" in out
    assert person_name(KEY.encode(), "Ann Lee") in out


# ---------------------------------------------------------------------------- stability


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-f", "json", str(RIVERSIDE)),
        ("map", "--people", "-f", "json", str(RIVERSIDE)),
        ("report", str(RIVERSIDE)),
    ],
)
def test_same_key_same_bytes_other_key_other_pseudonyms(
    run_line: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv(KEY_VARIABLE, KEY)
    first = _ok(run_line(*args, "--pseudonymise"))
    second = _ok(run_line(*args, "--pseudonymise"))
    assert first == second

    monkeypatch.setenv(KEY_VARIABLE, OTHER_KEY)
    other = _ok(run_line(*args, "--pseudonymise"))
    assert other != first
    # The report names people (by pseudonym); the machine formats keep their (pseudonymous) ids.
    if args[0] == "report":
        assert person_name(OTHER_KEY.encode(), "Nadia Kowalski") in other
        assert person_name(KEY.encode(), "Nadia Kowalski") not in other
    else:
        assert person_id(OTHER_KEY.encode(), "nadia-kowalski") in other
        assert person_id(KEY.encode(), "nadia-kowalski") not in other


def test_key_file_is_the_same_key_as_the_variable(
    run_line: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = write("pseudonym.key", KEY + "\n")
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    from_file = _ok(
        run_line(
            "check",
            "-f",
            "json",
            "--pseudonymise",
            "--pseudonym-key-file",
            str(key_file),
            str(RIVERSIDE),
        )
    )
    monkeypatch.setenv(KEY_VARIABLE, KEY)
    assert from_file == _ok(run_line("check", "-f", "json", "--pseudonymise", str(RIVERSIDE)))
    # The file wins over the variable.
    monkeypatch.setenv(KEY_VARIABLE, OTHER_KEY)
    assert from_file == _ok(
        run_line(
            "check",
            "-f",
            "json",
            "--pseudonymise",
            "--pseudonym-key-file",
            str(key_file),
            str(RIVERSIDE),
        )
    )


# ---------------------------------------------------------------------------- findings


def test_findings_about_people_fire_about_the_pseudonym(run_line: Run, keyed: None) -> None:
    def about_people(output: str) -> list[tuple[str, str]]:
        findings = json.loads(output)["files"][0]["findings"]
        return sorted((f["code"], f["subject"]) for f in findings if f["code"] in wanted)

    wanted = {"CG401", "CG402", "CG505"}
    plain = about_people(_ok(run_line("check", "-f", "json", str(RIVERSIDE))))
    assert plain == [
        ("CG401", "heritage"),
        ("CG401", "sarah-quinn"),
        ("CG402", "nadia-kowalski"),
        ("CG505", "jobs-brokerage"),
    ]
    out = _ok(run_line("check", "--pseudonymise", "-f", "json", str(RIVERSIDE)))
    key = KEY.encode()
    assert about_people(out) == [
        ("CG401", "heritage"),
        ("CG401", person_id(key, "sarah-quinn")),
        ("CG402", person_id(key, "nadia-kowalski")),
        ("CG505", "jobs-brokerage"),
    ]
    messages = {f["code"]: f["message"] for f in json.loads(out)["files"][0]["findings"]}
    assert person_name(key, "Oliver Grant") in messages["CG505"]
    # Everything else about the check is unchanged: only names and ids differ.
    assert len(json.loads(out)["files"][0]["findings"]) == len(
        json.loads(_ok(run_line("check", "-f", "json", str(RIVERSIDE))))["files"][0]["findings"]
    )


def test_waiver_of_a_person_still_applies(run_line: Run, write: Write, keyed: None) -> None:
    path = write("harbour.yaml", OLD)
    out = json.loads(_ok(run_line("check", "--pseudonymise", "-f", "json", str(path))))
    cg401 = [f for f in out["files"][0]["findings"] if f["code"] == "CG401"]
    key = KEY.encode()
    assert [(f["subject"], f["waived"]) for f in cg401] == [(person_id(key, "cat-diaz"), True)]
    # The waiver's reason names Cat Diaz: replaced too.
    assert cg401[0]["waiver_reason"] == f"{person_name(key, 'Cat Diaz')} joins the college in May"


def test_names_in_free_text_are_replaced() -> None:
    partnership = pseudonymise(_load(OLD), KEY.encode())
    key = KEY.encode()
    ann, bob, cat = (person_name(key, n) for n in ("Ann Lee", "Bob Shaw", "Cat Diaz"))
    assert partnership.decisions[0].summary == (
        f"Budget set on {ann}'s proposal; {bob} and {cat} to report back"
    )
    assert partnership.changes[0].description == f"{bob} took over the homes work"


# ---------------------------------------------------------------------------- the key


@pytest.mark.parametrize("command", ["check", "map", "report", "diff", "portfolio"])
def test_no_key_is_a_usage_error_that_says_how_to_make_one(
    run_line: Run, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    files = [str(RIVERSIDE)] * (2 if command == "diff" else 1)
    result = run_line(command, "--pseudonymise", *files)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{KEY_VARIABLE} is not set" in result.stderr
    assert MAKE_KEY in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_key_and_bad_key_files_are_usage_errors(
    run_line: Run, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(KEY_VARIABLE, "")
    result = run_line("check", "--pseudonymise", str(RIVERSIDE))
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"{KEY_VARIABLE} is empty" in result.stderr

    empty = write("empty.key", "\n")
    result = run_line("check", "--pseudonymise", "--pseudonym-key-file", str(empty), str(RIVERSIDE))
    assert result.exit_code == 2
    assert f"--pseudonym-key-file {empty}: is empty" in result.stderr

    missing = tmp_path / "missing.key"
    result = run_line(
        "check", "--pseudonymise", "--pseudonym-key-file", str(missing), str(RIVERSIDE)
    )
    assert result.exit_code == 2
    assert f"--pseudonym-key-file {missing}: cannot read it: No such file" in result.stderr

    key_file = write("pseudonym.key", KEY)
    result = run_line("check", "--pseudonym-key-file", str(key_file), str(RIVERSIDE))
    assert result.exit_code == 2
    assert "--pseudonym-key-file is used only with --pseudonymise" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_key_never_appears(
    run_line: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = write("pseudonym.key", KEY)
    monkeypatch.setenv(KEY_VARIABLE, KEY)
    runs = [
        run_line("check", "--pseudonymise", "-f", output_format, str(RIVERSIDE))
        for output_format in ("text", "json", "sarif", "markdown")
    ]
    runs += [
        run_line("report", "--pseudonymise", str(RIVERSIDE)),
        run_line("map", "--people", "--pseudonymise", "-f", "json", str(RIVERSIDE)),
        run_line("check", "--pseudonymise", "--pseudonym-key-file", str(key_file), "-"),
        run_line("map", "--pseudonymise", "--pseudonym-key-file", str(key_file), "nowhere.yaml"),
    ]
    for result in runs:
        assert KEY not in result.stdout and KEY not in result.stderr
    assert KEY not in repr(Settings(rules=(), transform=Pseudonymiser(KEY.encode())))


# ---------------------------------------------------------------------------- the function


def _load(text: str) -> Partnership:
    loaded = load_bytes(text.encode(), "test.yaml")
    assert loaded.partnership is not None, loaded.errors
    return loaded.partnership


def _as_file(partnership: Partnership) -> bytes:
    data = partnership.model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()


def test_references_follow_the_new_ids_and_the_result_is_a_valid_file() -> None:
    original = load_path(str(RIVERSIDE))
    assert original.partnership is not None and original.source is not None
    key = KEY.encode()
    result = pseudonymise(original.partnership, key)

    ids = {p.id for p in result.people}
    assert ids == {person_id(key, p.id) for p in original.partnership.people}
    assert all(re.fullmatch(r"person-[0-9a-f]{10}", i) for i in ids)
    assert all(re.fullmatch(r"Person [0-9A-F]{8}", p.name) for p in result.people)
    assert [a.owner for a in result.activities if a.owner] == [
        person_id(key, "nadia-kowalski"),
        person_id(key, "peter-lam"),
        person_id(key, "oliver-grant"),
    ]
    assert set(result.meetings[2].people) <= ids
    assert result.governance is not None
    assert [c.person for c in result.governance.chairs] == [
        person_id(key, "jane-wood"),
        person_id(key, "tariq-ahmed"),
    ]
    assert {a.by for a in result.assessments} <= ids
    # Everything but people is as it was.
    assert result.organisations == original.partnership.organisations
    assert result.funding == original.partnership.funding
    assert [p.role for p in result.people] == [p.role for p in original.partnership.people]

    # Written out and read back, every reference resolves (no CG003) ...
    reloaded = load_bytes(_as_file(result), "pseudonymised.yaml")
    assert reloaded.errors == ()
    assert reloaded.partnership == result
    # ... and the checks find as many things as in the original.
    settings = Settings.default()
    day = original.partnership.partnership.as_of or dt.date(2026, 11, 1)
    before = check_partnership("r.yaml", original.partnership, original.source, settings, day)
    after = check_partnership("r.yaml", result, original.source, settings, day)
    assert [(f.code, f.line) for f in after.findings] == [(f.code, f.line) for f in before.findings]


def test_assessment_by_an_organisation_is_untouched() -> None:
    result = pseudonymise(_load(OLD), KEY.encode())
    assert [a.by for a in result.assessments] == [person_id(KEY.encode(), "ann-lee"), "trust"]


def test_an_id_shared_with_an_organisation_is_left_in_text_and_assessments() -> None:
    text = OLD.replace("id: cat-diaz", "id: trust").replace("subject: cat-diaz", "subject: trust")
    text = text.replace("{by: ann-lee,", "{by: trust,")
    result = pseudonymise(_load(text), KEY.encode())
    assert result.people[2].id == person_id(KEY.encode(), "trust")
    assert [a.by for a in result.assessments] == ["trust", "trust"]
    assert result.waivers[0].subject == "trust"
    assert result.organisations[1].id == "trust"


def test_names_match_by_normalised_name_and_text_by_whole_words() -> None:
    key = KEY.encode()
    assert person_name(key, "Dr Ann Lee") == person_name(key, "ann  LEE")
    assert person_name(key, "Ann Lee") != person_name(key, "Ann Leeds")
    text = OLD.replace(
        "Budget set on Ann Lee's proposal; Bob Shaw and cat diaz to report back",
        "Dr Ann Lee, ANN LEE, Ann  Lee, Ann Leeds, Ann, annlee, ann-lee, ann-lee-fund, Bob Shaw",
    )
    summary = pseudonymise(_load(text), key).decisions[0].summary
    ann, bob = person_name(key, "Ann Lee"), person_name(key, "Bob Shaw")
    assert summary == (
        f"{ann}, {ann}, {ann}, Ann Leeds, Ann, annlee, {person_id(key, 'ann-lee')}, "
        f"ann-lee-fund, {bob}"
    )


@pytest.mark.parametrize(
    ("written", "replaced"),
    [
        ("(Ann Lee) spoke", "({ann}) spoke"),
        ("ann lee's report", "{ann}'s report"),
        ("Ann\n   Lee, then Bob.", "{ann}, then Bob."),
        ("Margaret O\u2019NEILL chaired", "{margaret} chaired"),
        ("Sent to ben by Ben Hart and ben-hart", "Sent to {ben_id} by {ben} and ben-hart"),
        # A one-word id is replaced wherever it is a word of its own.
        ("Ben Harte, Ben-Hart, Ben", "{ben_id} Harte, Ben-Hart, {ben_id}"),
        ("ANN-LEE: Ann Lee-Smith", "{ann_id}: {ann_smith}"),
    ],
)
def test_text_replacement_keeps_what_surrounds_a_name(written: str, replaced: str) -> None:
    partnership = _load(
        "partnership: {name: P}\n"
        "organisations: [{id: council, name: Council}]\n"
        "people:\n"
        "  - {id: ann-lee, name: Ann Lee}\n"
        "  - {id: ann-smith, name: Ann Lee-Smith}\n"
        "  - {id: ben, name: Ben Hart}\n"
        '  - {id: margaret, name: "Margaret O\'Neill"}\n'
        f"aims: [{{id: aim, text: {json.dumps(written)}}}]\n"
    )
    text = pseudonymise(partnership, KEY.encode()).aims[0].text
    key = KEY.encode()
    assert text == replaced.format(
        ann=person_name(key, "Ann Lee"),
        ann_id=person_id(key, "ann-lee"),
        ann_smith=person_name(key, "Ann Lee-Smith"),
        ben=person_name(key, "Ben Hart"),
        ben_id=person_id(key, "ben"),
        margaret=person_name(key, "Margaret O'Neill"),
    )


def test_without_people_nothing_changes() -> None:
    partnership = _load(
        "partnership: {name: P}\norganisations: [{id: council, name: Ann Lee Trust}]\n"
    )
    assert pseudonymise(partnership, KEY.encode()) is partnership


def test_the_transform_travels_to_worker_processes(write: Write) -> None:
    files = _shared_files(write)
    settings = dataclasses.replace(Settings.default(), transform=Pseudonymiser(KEY.encode()))
    assert pickle.loads(pickle.dumps(settings.transform)) == settings.transform
    serial = inspect_files([str(f) for f in files] * 2, settings, jobs=1)
    parallel = inspect_files([str(f) for f in files] * 2, settings, jobs=2)
    assert parallel == serial
    assert {p.name for r in parallel for p in r.people} == {
        person_name(KEY.encode(), "Ann Lee"),
        person_name(KEY.encode(), "Raj Patel"),
        person_name(KEY.encode(), "Lou Smith"),
    }


# ---------------------------------------------------------------------------- the README


def test_readme_example_is_the_real_output(run_line: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `$ collabgain ... --pseudonymise` block ends as the command's output ends."""
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Sharing without names: `--pseudonymise`\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    (block,) = re.findall(r"\n  ```text\n(.*?)\n  ```\n", section, re.S)
    command, ellipsis, *tail = [line.removeprefix("  ") for line in block.splitlines()]
    assert ellipsis == "…"
    assert "COLLABGAIN_PSEUDONYM_KEY=example" in section
    monkeypatch.setenv(KEY_VARIABLE, "example")
    monkeypatch.chdir(root)
    output = run_line(*command.split()[2:]).stdout.splitlines()
    assert output[len(output) - len(tail) :] == tail
    assert MAKE_KEY in section

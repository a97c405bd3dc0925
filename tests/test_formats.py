"""Every output format through the real CLI, on real partnership files.

Three files: `riverside.yaml` is valid, with an error, a warning, an info finding and a
waived finding; `broken.yaml` is invalid with two errors, one quoting a key that holds a line
break, `%`, `,`, `:` and `[error]`; `tricky.yaml` is valid, with those characters (and Markdown
and HTML) in its name and in a multi-line waiver reason, and too little data for CG106.
The rules are chosen with `--select` so that new rules elsewhere do not change these reports.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from collabgain_cli.loader import CODES
from collabgain_cli.render import formats
from collabgain_cli.rules import all_rules

FORMATS = formats("check")

SARIF_SCHEMA = (
    Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
)

SELECT = ("--select", "CG101,CG102,CG103,CG106")

RIVERSIDE = """\
partnership:
  name: Riverside Partnership
  established: 2024-01-01
  as_of: 2026-11-01
organisations:
  - id: council
    name: City Council
    roles: [lead]
  - id: trust
    name: Housing Trust
    aims:
      - {text: More homes, stated: hidden}
aims:
  - {id: jobs, text: More local jobs, status: agreed, agreed_by: [council, trust]}
activities:
  - {id: gala, name: Summer gala}
waivers:
  - rule: CG102
    subject: council
    reason: the council's aims are being drafted
"""

BROKEN = """\
partnership:
  name: Broken
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council}
people:
  - {id: pat, name: Pat, organisation: nowhere}
"odd\\nkey, 50%: [error]": 1
"""

TRICKY_NAME = "Tricky [error] 100%, a: b | <b>bold</b> `tick` *star*"
TRICKY_REASON = "agreed on 2026-10-01, 50% done: see [error] notes,\nthen review"

TRICKY = f"""\
partnership:
  name: "{TRICKY_NAME}"
  as_of: 2026-11-01
organisations:
  - {{id: council, name: City Council}}
waivers:
  - rule: CG102
    reason: |
      {TRICKY_REASON.splitlines()[0]}
      {TRICKY_REASON.splitlines()[1]}
"""

FILES = ("riverside.yaml", "broken.yaml", "tricky.yaml")

Run = Callable[..., Any]


@pytest.fixture
def files(write: Callable[[str, str], Path]) -> tuple[str, ...]:
    write("riverside.yaml", RIVERSIDE)
    write("broken.yaml", BROKEN)
    write("tricky.yaml", TRICKY)
    return FILES


def _json(run_line: Run, *paths: str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    result = run_line("check", *paths, *SELECT, "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def _by_path(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for f in record["files"]}


def test_the_files_say_what_the_tests_assume(run_line: Run, files: tuple[str, ...]) -> None:
    found = _by_path(_json(run_line, *files))
    river = found["riverside.yaml"]
    assert [(f["code"], f["severity"], f["waived"]) for f in river["findings"]] == [
        ("CG101", "error", False),
        ("CG102", "warning", True),
        ("CG103", "warning", False),
        ("CG106", "info", False),
    ]
    broken = found["broken.yaml"]
    assert not broken["valid"]
    assert [e["code"] for e in broken["errors"]] == ["CG003", "CG002"]
    # The key's line break is shown escaped, as Python would quote it.
    assert "'odd\\nkey, 50%: [error]'" in broken["errors"][1]["message"]
    tricky = found["tricky.yaml"]
    assert tricky["partnership"] == TRICKY_NAME
    assert [(f["code"], f["waived"]) for f in tricky["findings"]] == [
        ("CG101", False),
        ("CG102", True),
    ]
    assert tricky["findings"][1]["waiver_reason"] == TRICKY_REASON + "\n"
    assert tricky["principles"][0]["not_run"][0]["code"] == "CG106"


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_is_byte_identical_across_runs(
    run_line: Run, files: tuple[str, ...], name: str
) -> None:
    first = run_line("check", *files, *SELECT, "--format", name)
    second = run_line("check", *files, *SELECT, "--format", name)
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout
    assert first.stdout.endswith("\n")


@pytest.mark.parametrize("name", [n for n in FORMATS if n != "text"])
def test_machine_formats_print_rich_markup_as_written(
    run_line: Run, files: tuple[str, ...], name: str
) -> None:
    out = run_line("check", *files, *SELECT, "--format", name).stdout
    assert "\x1b[" not in out
    # The key quoted in broken.yaml's error reaches every format with its `[error]` intact
    # (Markdown escapes the brackets, which then render as written).
    assert ("\\[error\\]" if name == "markdown" else "[error]") in out


# --------------------------------------------------------------------------- sarif


def _sarif(run_line: Run, *paths: str) -> dict[str, Any]:
    result = run_line("check", *paths, *SELECT, "--format", "sarif")
    assert result.exit_code == 1, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def test_sarif_is_valid_against_the_published_schema(run_line: Run, files: tuple[str, ...]) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    sarif = _sarif(run_line, *files)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [e.message for e in validator.iter_errors(sarif)]
    assert errors == []
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"


def test_sarif_carries_the_whole_catalogue_and_one_result_per_finding(
    run_line: Run, files: tuple[str, ...]
) -> None:
    sarif = _sarif(run_line, *files)
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "collabgain"
    assert "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted([*CODES, *all_rules()])
    cg103 = driver["rules"][ids.index("CG103")]
    assert cg103["name"] == "hidden-aims"
    assert cg103["defaultConfiguration"] == {"level": "warning"}
    assert cg103["properties"]["principle"] == "managing-aims"
    assert "Why it matters" in cg103["help"]["text"]
    assert "**Why it matters**" in cg103["help"]["markdown"]
    assert driver["rules"][ids.index("CG106")]["defaultConfiguration"] == {"level": "note"}

    expected = _by_path(_json(run_line, *files))
    results = run["results"]
    wanted = [
        (path, f["code"], f["line"], f["column"], f["message"])
        for path, record in expected.items()
        for f in record["errors"] + record.get("findings", [])
    ]
    got = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["message"]["text"],
        )
        for r in results
    ]
    assert got == wanted
    for result in results:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
    levels = {(r["ruleId"], r["level"]) for r in results}
    assert levels == {
        ("CG101", "error"),
        ("CG102", "warning"),
        ("CG103", "warning"),
        ("CG106", "note"),
        ("CG002", "error"),
        ("CG003", "error"),
    }


def test_sarif_marks_waived_findings_as_suppressed_with_the_reason(
    run_line: Run, files: tuple[str, ...]
) -> None:
    results = _sarif(run_line, "tricky.yaml")["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["CG102"]
    assert suppressed[0]["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": TRICKY_REASON + "\n"}
    ]


def test_sarif_paths_are_relative_and_posix(run_line: Run, write: Callable[..., Path]) -> None:
    write("sub/dir/riverside.yaml", RIVERSIDE)
    results = _sarif(run_line, "sub")["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"sub/dir/riverside.yaml"}


def test_sarif_fingerprints_are_unique_and_survive_edits_above(
    run_line: Run, write: Callable[..., Path], files: tuple[str, ...]
) -> None:
    def prints() -> dict[str, tuple[str, int]]:
        results = _sarif(run_line, "riverside.yaml")["runs"][0]["results"]
        return {
            r["partialFingerprints"]["collabgain/v1"]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    before = prints()
    assert len(before) == 4
    write("riverside.yaml", "# reviewed at the October meeting\n\n" + RIVERSIDE)
    after = prints()
    assert after.keys() == before.keys()
    assert all(after[key] == (code, line + 2) for key, (code, line) in before.items())


# --------------------------------------------------------------------------- github

_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^,:]*),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^,:]*)"
    r"::(?P<message>.*)$"
)


def unescape(text: str) -> str:
    for escaped, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n")):
        text = text.replace(escaped, char)
    return text.replace("%25", "%")


def test_github_commands_round_trip_to_the_findings(run_line: Run, files: tuple[str, ...]) -> None:
    out = run_line("check", *files, *SELECT, "--format", "github").stdout
    lines = out.splitlines()
    assert [line for line in lines if line.startswith("::group::")] == [
        f"::group::{path}" for path in FILES
    ]
    assert lines.count("::endgroup::") == len(FILES)
    assert lines[-1].startswith("collabgain: 3 files checked, 1 invalid: ")

    commands = [_COMMAND.match(line) for line in lines if not line.startswith(("::group", "::end"))]
    commands = [m for m in commands if m is not None]
    expected = _by_path(_json(run_line, *files))
    wanted = []
    for path, record in expected.items():
        for f in record["errors"] + record.get("findings", []):
            kind = {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
            message = f["message"]
            if f["waived"]:
                kind = "notice"
                message += f" (waived: {f['waiver_reason']})"
            wanted.append((kind, path, f["line"], f["column"], f"{f['code']} {f['name']}", message))
    # Within each file: errors, then warnings, then notices, each kind in file order.
    order = {"error": 0, "warning": 1, "notice": 2}
    wanted.sort(key=lambda w: (FILES.index(w[1]), order[w[0]]))
    got = [
        (
            m["command"],
            unescape(m["file"]),
            int(m["line"]),
            int(m["col"]),
            unescape(m["title"]),
            unescape(m["message"]),
        )
        for m in commands
    ]
    assert got == wanted
    assert any("'odd\\nkey, 50%: [error]'" in g[5] for g in got)
    assert any(g[5].endswith(f"(waived: {TRICKY_REASON}\n)") for g in got)


def test_github_escapes_properties_and_data(run_line: Run, write: Callable[..., Path]) -> None:
    write("a,b: c%.yaml", BROKEN)
    lines = run_line("check", "a,b: c%.yaml", "--format", "github", "-q").stdout.splitlines()
    assert lines[0] == "::group::a,b: c%25.yaml"
    assert lines[1].startswith("::error file=a%2Cb%3A c%25.yaml,line=7,col=")
    assert "'odd\\nkey, 50%25: [error]'" in lines[2]
    assert len(lines) == 4


def test_github_shows_ten_annotations_of_each_kind_then_says_how_many_more(
    run_line: Run, write: Callable[..., Path]
) -> None:
    members = "".join(
        f"  - id: member-{n}\n    name: Member {n}\n    aims: []\n    offers: []\n"
        for n in range(14)
    )
    write(
        "many.yaml",
        "partnership:\n  name: Many\n  purpose: Many members\n  as_of: 2026-01-01\n"
        f"organisations:\n{members}",
    )
    lines = run_line(
        "check", "many.yaml", "--select", "CG102,CG801", "--format", "github"
    ).stdout.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith("::") and " " in line]
    assert kinds == ["::warning"] * 10 + ["::notice"] * 10 + ["::notice"]
    assert lines[-3] == (
        "::notice file=many.yaml,title=collabgain::4 more warnings and 4 more notices for this "
        "file are not shown as annotations (GitHub shows about 10 of each kind); every finding "
        "is in the run's summary and code scanning, or run: collabgain check many.yaml"
    )
    assert (
        lines[-1]
        == "collabgain: 1 file checked, 0 invalid: 0 errors, 14 warnings, 14 info, 0 waived"
    )


# --------------------------------------------------------------------------- junit


def _junit(run_line: Run, *args: str, exit_code: int = 1) -> ET.Element:
    result = run_line("check", *args, *SELECT, "--format", "junit")
    assert result.exit_code == exit_code, result.stderr
    assert result.stdout.startswith("<?xml version='1.0' encoding='utf-8'?>\n")
    return ET.fromstring(result.stdout)


def _counts(element: ET.Element) -> tuple[int, ...]:
    """(tests, failures, errors, skipped) as the element states them."""
    return tuple(int(element.get(k, "-1")) for k in ("tests", "failures", "errors", "skipped"))


def test_junit_has_a_case_per_rule_per_file_with_honest_counts(
    run_line: Run, files: tuple[str, ...]
) -> None:
    root = _junit(run_line, *files)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == list(FILES)
    for name, suite in suites.items():
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [
            "validity",
            "CG101 missing-purpose",
            "CG102 unstated-aims",
            "CG103 hidden-aims",
            "CG106 activity-without-aim",
        ]
        assert all(c.get("classname") == name for c in cases)
    assert _counts(suites["riverside.yaml"]) == (5, 1, 0, 0)
    assert _counts(suites["broken.yaml"]) == (5, 0, 1, 4)
    assert _counts(suites["tricky.yaml"]) == (5, 1, 0, 1)
    assert _counts(root) == (15, 2, 1, 5)


def test_junit_failures_follow_fail_on(run_line: Run, files: tuple[str, ...]) -> None:
    cases = {c.get("name"): c for c in _junit(run_line, "riverside.yaml").iter("testcase")}
    failure = cases["CG101 missing-purpose"].find("failure")
    assert failure is not None
    assert failure.get("type") == "CG101"
    assert failure.text == (
        "riverside.yaml:2:3: CG101 [error] the partnership has no stated purpose "
        "(partnership.purpose is empty)"
    )
    # Below the threshold, or waived: visible in system-out, not a failure.
    assert cases["CG103 hidden-aims"].find("failure") is None
    out = cases["CG103 hidden-aims"].findtext("system-out")
    assert out is not None and out.startswith("riverside.yaml:12:7: CG103 [warning] ")
    waived = cases["CG102 unstated-aims"].findtext("system-out")
    assert waived is not None and waived.endswith("(waived: the council's aims are being drafted)")

    strict = _junit(run_line, "riverside.yaml", "--fail-on", "info")
    assert _counts(strict) == (5, 3, 0, 0)
    lenient = _junit(run_line, "riverside.yaml", "--exit-zero", exit_code=0)
    assert _counts(lenient) == (5, 0, 0, 0)


def test_junit_reports_an_invalid_file_as_one_error_and_skips_its_rules(
    run_line: Run, files: tuple[str, ...]
) -> None:
    suite = _junit(run_line, "broken.yaml").find("testsuite")
    assert suite is not None
    validity, *rules = suite.findall("testcase")
    error = validity.find("error")
    assert error is not None
    assert error.get("type") == "CG002 CG003"
    assert error.get("message") == "the file is invalid: 2 errors"
    assert error.text is not None
    assert error.text.startswith("broken.yaml:7:")
    assert "\nbroken.yaml:8:1: CG002 [error] unknown key 'odd\\nkey, 50%: [error]'" in error.text
    for case in rules:
        skipped = case.find("skipped")
        assert skipped is not None
        assert skipped.get("message") == "not run: the file is invalid"


def test_junit_skips_a_rule_that_lacked_data(run_line: Run, files: tuple[str, ...]) -> None:
    cases = {c.get("name"): c for c in _junit(run_line, "tricky.yaml").iter("testcase")}
    skipped = cases["CG106 activity-without-aim"].find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith("not run: add ")
    assert "aims" in skipped.get("message", "")


# --------------------------------------------------------------------------- markdown


def _markdown(run_line: Run, *args: str) -> str:
    result = run_line("check", *args, *SELECT, "--format", "markdown")
    assert result.exit_code == 1, result.stderr
    out: str = result.stdout
    return out


def _cells(row: str) -> list[str]:
    """A table row's cells, split on the pipes that are not escaped."""
    assert row.startswith("| ") and row.endswith(" |")
    return [c.strip() for c in re.split(r"(?<!\\)\|", row[1:-1])]


def test_markdown_reports_each_file_with_its_principles_table(
    run_line: Run, files: tuple[str, ...]
) -> None:
    out = _markdown(run_line, *files)
    lines = out.splitlines()
    assert lines[0] == "## collabgain report"
    assert "### 🔴 Riverside Partnership" in lines
    assert "`riverside.yaml` · as of 2026-11-01 · status **🔴 red** · collaboration level " in out
    rows = [_cells(line) for line in lines if line.startswith("| ")]
    assert rows[0] == ["Principle", "Status", "Errors", "Warnings", "Info", "Rules run"]
    # riverside: CG101 error, CG103 warning, CG106 info (CG102 is waived, so not counted).
    assert ["Managing aims", "🔴 red", "1", "1", "1", "4 of 4"] in rows
    # tricky: CG101 error, CG102 waived, CG106 not run for lack of data.
    assert ["Managing aims", "🔴 red", "1", "0", "0", "3 of 4"] in rows
    assert all(len(row) == 6 for row in rows)
    assert "#### Managing aims · 🔴 red" in lines
    # A finding about the whole partnership names no subject; the rule's name is in words.
    assert any(
        line.startswith("- ❌ error **Missing purpose** CG101: ")
        and line.endswith("(`riverside.yaml:2`)")
        for line in lines
    )
    waived = [line for line in lines if " CG102 " in line and "riverside" in line]
    assert len(waived) == 1
    assert "warning, waived" in waived[0]
    assert waived[0].endswith("waived: *the council's aims are being drafted*")
    assert lines[-1] == "**3 files** checked, 1 invalid: 4 errors, 1 warning, 1 info, 2 waived"


def test_markdown_lists_an_invalid_files_errors(run_line: Run, files: tuple[str, ...]) -> None:
    lines = _markdown(run_line, "broken.yaml").splitlines()
    assert "### 🔴 `broken.yaml` is invalid" in lines
    errors = [line for line in lines if line.startswith("- ❌ **CG00")]
    assert [e.split("**")[1] for e in errors] == ["CG003", "CG002"]
    assert errors[0].endswith("(`broken.yaml:7:40`)")
    # The key's line break becomes a space: one list item, one line.
    assert "unknown key 'odd\\\\nkey, 50%: \\[error\\]'" in errors[1]


def test_markdown_escapes_user_text(run_line: Run, files: tuple[str, ...]) -> None:
    out = _markdown(run_line, "tricky.yaml")
    heading = next(line for line in out.splitlines() if line.startswith("### "))
    assert heading == (
        "### 🔴 Tricky \\[error\\] 100%, a: b \\| &lt;b&gt;bold&lt;/b&gt; \\`tick\\` \\*star\\*"
    )
    assert "<b>" not in out
    reason = next(line for line in out.splitlines() if "waived: *" in line)
    assert reason.endswith(
        "waived: *agreed on 2026-10-01, 50% done: see \\[error\\] notes, then review*"
    )


def test_markdown_code_spans_outlast_backticks_in_paths(
    run_line: Run, write: Callable[..., Path]
) -> None:
    write("odd`name.yaml", BROKEN)
    out = run_line("check", "odd`name.yaml", "--format", "markdown").stdout
    assert "### 🔴 ``odd`name.yaml`` is invalid" in out.splitlines()


# --------------------------------------------------------------------------- json


def test_json_keys_are_in_the_documented_order(run_line: Run, files: tuple[str, ...]) -> None:
    record = _json(run_line, *files)
    assert list(record) == ["tool", "files", "summary"]
    assert record["tool"] == {"name": "collabgain", "version": record["tool"]["version"]}
    assert list(record["tool"]) == ["name", "version"]
    assert list(record["summary"]) == ["files", "invalid", "error", "warning", "info", "waived"]
    assert record["summary"] == {
        "files": 3,
        "invalid": 1,
        "error": 4,
        "warning": 1,
        "info": 1,
        "waived": 2,
    }
    river, broken, _tricky = record["files"]
    documented = [
        "path",
        "valid",
        "partnership",
        "as_of",
        "errors",
        "collaboration_level",
        "principles",
        "findings",
    ]
    assert list(river)[: len(documented)] == documented
    # Added after the documented keys, in this order (the second edition of the catalogue).
    assert list(river)[len(documented) :] == [
        "status",
        "collaboration_reason",
        "collaboration_peak",
        "strengths",
    ]
    assert list(river["principles"][0])[:4] == ["id", "status", "rules_run", "rules_total"]
    finding_keys = [
        "code",
        "name",
        "principle",
        "severity",
        "subject",
        "message",
        "path",
        "line",
        "column",
        "waived",
    ]
    assert list(river["findings"][0]) == [*finding_keys, "subject_name"]
    assert list(river["findings"][1]) == [*finding_keys, "waiver_reason", "subject_name"]
    assert river["findings"][0]["subject_name"] == "Riverside Partnership"
    # An invalid file: its errors, with the same fields, and no principles, level or findings.
    assert list(broken) == ["path", "valid", "partnership", "as_of", "errors"]
    assert broken["valid"] is False
    assert list(broken["errors"][0]) == finding_keys
    assert broken["errors"][0]["principle"] == "validity"


# --------------------------------------------------------------------------- concise

_CONCISE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>CG\d{3}) "
    r"\[(?P<severity>error|warning|info)\] (?P<message>.*)$"
)


def test_concise_is_one_line_a_finding(run_line: Run, files: tuple[str, ...]) -> None:
    result = run_line("check", "riverside.yaml", "tricky.yaml", *SELECT, "--format", "concise")
    assert result.exit_code == 1
    *lines, summary = result.stdout.splitlines()
    matches = [_CONCISE.match(line) for line in lines]
    assert all(matches), lines
    got = [(m["file"], m["code"], m["severity"]) for m in matches if m]
    assert got == [
        ("riverside.yaml", "CG101", "error"),
        ("riverside.yaml", "CG102", "warning"),
        ("riverside.yaml", "CG103", "warning"),
        ("riverside.yaml", "CG106", "info"),
        ("tricky.yaml", "CG101", "error"),
        ("tricky.yaml", "CG102", "warning"),
    ]
    assert lines[1].endswith(" (waived)")
    assert lines[2] == (
        "riverside.yaml:12:7: CG103 [warning] "
        "the only aim of 'Housing Trust' is hidden (0 explicit, 0 assumed, 1 hidden)"
    )
    assert summary == "2 files checked, 0 invalid: 2 errors, 1 warning, 1 info, 2 waived"
    quiet = run_line("check", "riverside.yaml", *SELECT, "--format", "concise", "-q")
    assert quiet.stdout.splitlines() == lines[:4]


def test_concise_keeps_a_message_with_a_line_break_on_one_line(
    run_line: Run, files: tuple[str, ...]
) -> None:
    out = run_line("check", "broken.yaml", "--format", "concise", "-q").stdout
    # Each error's source line and caret follow it, indented, so they never start a line.
    messages = [line for line in out.splitlines() if not line.startswith("    ")]
    assert messages and all(_CONCISE.match(line) for line in messages)
    shown = [line for line in out.splitlines() if line.startswith("    ")]
    assert len(shown) == 2 * len(messages)


# --------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize(
    ("select", "options", "code"),
    [
        ("CG101", (), 1),
        ("CG101", ("--fail-on", "never"), 0),
        ("CG101", ("--exit-zero",), 0),
        ("CG103", (), 0),
        ("CG103", ("--fail-on", "warning"), 1),
        ("CG106", ("--fail-on", "warning"), 0),
        ("CG106", ("--fail-on", "info"), 1),
        ("CG106", ("--fail-on", "info", "--exit-zero"), 0),
        ("CG102", ("--fail-on", "info"), 0),  # the only CG102 finding is waived
    ],
)
def test_exit_codes_follow_fail_on(
    run_line: Run, files: tuple[str, ...], select: str, options: tuple[str, ...], code: int
) -> None:
    result = run_line("check", "riverside.yaml", "--select", select, "-f", "concise", *options)
    assert result.exit_code == code, result.stdout + result.stderr


def test_an_invalid_file_fails_the_run(run_line: Run, files: tuple[str, ...]) -> None:
    assert run_line("check", "broken.yaml", *SELECT).exit_code == 1
    assert run_line("check", "broken.yaml", *SELECT, "--fail-on", "info").exit_code == 1


def test_exit_zero_holds_for_an_invalid_file(run_line: Run, files: tuple[str, ...]) -> None:
    assert run_line("check", "broken.yaml", *SELECT, "--exit-zero").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("--select", "CG999"),
        ("--fail-on", "sometimes"),
        ("--format", "yaml"),
        ("--as-of", "1st November"),
    ],
)
def test_usage_errors_exit_2(run_line: Run, files: tuple[str, ...], args: tuple[str, ...]) -> None:
    result = run_line("check", "riverside.yaml", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr


def test_a_missing_path_is_a_usage_error(run_line: Run) -> None:
    result = run_line("check", "nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml" in result.stderr


# --------------------------------------------------------------------------- --output


@pytest.mark.parametrize("name", list(FORMATS))
def test_output_writes_the_report_and_prints_nothing(
    run_line: Run, files: tuple[str, ...], tmp_path: Path, name: str
) -> None:
    printed = run_line("check", *files, *SELECT, "--format", name, "--color", "never")
    result = run_line("check", *files, *SELECT, "--format", name, "--output", "report.out")
    assert result.exit_code == printed.exit_code == 1
    assert result.stdout == ""
    written = (tmp_path / "report.out").read_text(encoding="utf-8")
    if name == "text":
        # On screen the text report uses the terminal's width; in a file, always 100 columns.
        assert "Riverside Partnership" in written
    else:
        assert written == printed.stdout


def test_output_refuses_to_overwrite_an_input_file(
    run_line: Run, files: tuple[str, ...], tmp_path: Path
) -> None:
    result = run_line("check", *files, "--format", "json", "--output", "tricky.yaml")
    assert result.exit_code == 2
    assert "tricky.yaml" in result.stderr
    assert result.stdout == ""
    assert (tmp_path / "tricky.yaml").read_text(encoding="utf-8") == TRICKY


def test_markdown_summary_is_the_overview_table_only(
    run_line: Run, write: Callable[..., Path]
) -> None:
    example = (Path(__file__).resolve().parents[1] / "examples" / "riverside.yaml").read_text(
        encoding="utf-8"
    )
    for n in range(40):
        write(f"many/p{n:02}.yaml", example)
    write("many/broken.yaml", BROKEN)
    full = run_line("check", "many", "--format", "markdown", "--exit-zero").stdout
    result = run_line("check", "many", "--format", "markdown", "--summary", "--exit-zero")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "## collabgain summary",
        "",
        "| Partnership | File | Status | Level | Errors | Warnings | Info | Waived |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    rows = [line for line in lines if line.startswith("| ") and "many/" in line]
    assert len(rows) == 41
    assert rows[0] == "|  | `many/broken.yaml` | 🔴 invalid |  | 2 | 0 | 0 | 0 |"
    assert rows[1].startswith(
        "| Riverside Regeneration Partnership | `many/p00.yaml` | 🔴 red | cooperating | 1 | 29 |"
    )
    assert lines[-1].startswith("**41 files** checked, 1 invalid: 42 errors, 1160 warnings")
    # The full report of 40 files is hundreds of kilobytes; the overview a few.
    assert len(result.stdout.encode()) < 10_000 < 300_000 < len(full.encode())


def test_summary_is_only_for_markdown(run_line: Run, files: tuple[str, ...]) -> None:
    result = run_line("check", "riverside.yaml", "--summary")
    assert (result.exit_code, result.stderr) == (
        2,
        "collabgain: --summary is for --format markdown, not text\n",
    )

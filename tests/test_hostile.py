"""Hostile input: small files that would cost gigabytes, output that would run commands, edges
of dates and disks. Each test reproduces one attack through the real CLI and real files."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, Result
from test_diff import git

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.engine import Settings
from collabgain_cli.history import file_history
from collabgain_cli.loader import load_bytes

Run = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

GIGABYTE = 1 << 30


def one_big_body(count: int) -> str:
    """A partnership whose `count` members are all partners in one piece of live work (which
    ties every pair of them): a few hundred KB of YAML."""
    lines = ["partnership: {name: Big Partnership, as_of: 2026-01-01}", "organisations:"]
    lines += [f"  - {{id: o{i}, name: Org {i}}}" for i in range(count)]
    members = ", ".join(f"o{i}" for i in range(count))
    lines += [
        "activities:",
        f"  - {{id: board, name: Board, status: active, partners: [{members}]}}",
    ]
    return "\n".join(lines) + "\n"


def run_bounded(*args: str, memory: int = GIGABYTE, seconds: int = 60) -> tuple[int, float, str]:
    """Run the real command in a process of its own that may use at most `memory` bytes."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "collabgain_cli", *args],
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, time.monotonic() - start, done.stdout


# --------------------------------------------------------------------------- pairwise growth


def test_a_ten_thousand_member_body_checks_in_seconds_under_a_gigabyte(write: Write) -> None:
    path = write("big.yaml", one_big_body(10_000))
    assert path.stat().st_size < 400_000
    code, seconds, out = run_bounded("check", str(path), "-f", "json")
    assert code == 1, out[-500:]
    assert seconds < 30
    assert json.loads(out)["files"][0]["valid"] is True


def test_the_map_of_a_ten_thousand_member_body_summarises_it(write: Write) -> None:
    path = write("big.yaml", one_big_body(10_000))
    code, seconds, out = run_bounded("map", str(path), "-f", "json")
    assert code == 0
    assert seconds < 30
    record = json.loads(out)
    assert record["summary"]["groups"] == 1
    assert record["summary"]["ties"] == 0
    group = next(n for n in record["nodes"] if n["kind"] == "group")
    assert group == {
        "id": "group:1",
        "kind": "group",
        "name": "Board",
        "status": "",
        "records": "1 activity",
        "members": 10_000,
    }
    assert sum(1 for e in record["edges"] if e["kind"] == "member-of") == 10_000
    code, _seconds, text = run_bounded("map", str(path))
    assert "too large to list as pairs: Board (10,000 organisations)" in text
    assert "─ with the 9,999 others in Board (1 activity)" in text


def test_groups_up_to_the_limit_are_still_drawn_as_pairs(run_line: Run, write: Write) -> None:
    write("fifty.yaml", one_big_body(50))
    record = json.loads(run_line("map", "fifty.yaml", "-f", "json").stdout)
    assert record["summary"]["groups"] == 0
    assert record["summary"]["tied_pairs"] == 50 * 49 // 2


def test_every_map_format_names_the_summarised_group(run_line: Run, write: Write) -> None:
    write("big.yaml", one_big_body(60))
    for form, expected in (
        ("mermaid", 'Group_1(("Board<br/>1 activity<br/>60 organisations, too many to draw as'),
        ("dot", '"group:1" [label="Board\\n1 activity\\n60 organisations, too many'),
        ("graphml", '<data key="d23">60</data>'),
    ):
        result = run_line("map", "big.yaml", "-f", form)
        assert result.exit_code == 0
        assert expected in result.stdout


def test_degrees_are_the_sizes_of_the_neighbourhoods() -> None:
    text = (
        "partnership: {name: P, as_of: 2026-11-01}\n"
        "organisations:\n"
        + "".join(f"  - {{id: o{i}, name: O{i}}}\n" for i in range(6))
        + "governance:\n  bodies:\n"
        "    - {id: g1, name: G1, members: [o0, o1, o2, o3]}\n"
        "    - {id: g2, name: G2, members: [o3, o4]}\n"
        "activities:\n"
        "  - {id: a, name: A, lead: o0, partners: [o1, o2]}\n"
        "  - {id: b, name: B, lead: o2, partners: [o3]}\n"
        "meetings:\n"
        "  - {date: 2026-01-01, body: g1, attended: [o0, o1, o2, o3]}\n"
        "  - {date: 2026-02-01, body: g2, attended: [o3, o4]}\n"
    )
    loaded = load_bytes(text.encode(), "p.yaml")
    assert loaded.partnership is not None
    network = Facts(loaded.partnership, loaded.partnership.partnership.as_of).network  # type: ignore[arg-type]
    expected = {node: len(others) for node, others in network.neighbours.items()}
    assert network.degrees() == expected
    assert expected == {"o0": 3, "o1": 3, "o2": 3, "o3": 4, "o4": 1, "o5": 0}


# --------------------------------------------------------------------------- user text in output

HOSTILE_NAMES = (
    "Evil\n::add-mask::secret\n::stop-commands::token",
    "\x1b]52;c;aGVsbG8=\x07 clipboard",
    "\x1b[2J\x1b]0;window title\x07 clear",
    "\x1b]8;;https://evil.example\x1b\\Click here\x1b]8;;\x1b\\",
    "%%{init: {'theme': 'dark'}}%% directive",
    "@octocat GH-12 #34 https://evil.example",
    "bell\x01\x7f\x9b\u202eright-to-left",
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def yaml_quote(text: str) -> str:
    """Text as a YAML double-quoted scalar, every character outside printable ASCII escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def hostile_file(names: tuple[str, ...] = HOSTILE_NAMES) -> str:
    """A valid partnership whose every name, reason and summary is one of `names`."""
    q = yaml_quote
    orgs = "".join(
        f"  - {{id: o{i}, name: {q(name)}, aims: [{{text: {q(name)}}}]}}\n"
        for i, name in enumerate(names)
    )
    people = "".join(
        f"  - {{id: p{i}, name: {q(name)}, organisation: o{i}, role: {q(name)}}}\n"
        for i, name in enumerate(names)
    )
    return (
        f"partnership: {{name: {q(names[0])}, purpose: {q(names[-1])}, as_of: 2026-11-01}}\n"
        f"organisations:\n{orgs}people:\n{people}"
        "governance:\n"
        f"  bodies: [{{id: board, name: {q(names[1])}, members: [o0, o1]}}]\n"
        f"decisions:\n  - {{date: 2026-01-01, summary: {q(names[2])}, made_by: [o0]}}\n"
        f"waivers:\n  - {{rule: CG603, reason: {q(names[3])}}}\n"
        f"activities:\n  - {{id: a, name: {q(names[4])}, lead: o0, partners: [o1, o2]}}\n"
    )


def assert_safe(output: str, *, markdown: bool = False, mermaid: bool = False) -> None:
    """No control character, no line a CI runner would run, and for Markdown nothing live."""
    found = CONTROL.search(output)
    assert found is None, (found, output[max(0, found.start() - 80) : found.end() + 80])
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line
    if markdown:
        for live in ("@octocat", "GH-12", "#34", "https://evil"):
            assert live not in output
    if mermaid:
        assert "%%{" not in output


CHECK_FORMATS = ("text", "concise", "markdown", "junit", "sarif", "json")


def test_names_with_control_characters_are_safe_in_every_check_format(
    run_line: Run, write: Write
) -> None:
    write("evil.yaml", hostile_file())
    for form in CHECK_FORMATS:
        result = run_line("check", "evil.yaml", "-f", form, "--exit-zero")
        assert result.exit_code == 0, (form, result.stderr)
        assert_safe(result.stdout, markdown=form == "markdown")
        if form == "junit":
            ET.fromstring(result.stdout.encode())
    # The github format's own lines are commands; what comes from the file is escaped inside.
    lines = run_line("check", "evil.yaml", "-f", "github", "--exit-zero").stdout.splitlines()
    assert all(
        line.startswith(
            ("::error ", "::warning ", "::notice ", "::group::", "::endgroup::", "collabgain:")
        )
        for line in lines
    ), lines
    assert not any(CONTROL.search(line) for line in lines)


def test_names_with_control_characters_are_safe_in_every_map_format(
    run_line: Run, write: Write
) -> None:
    write("evil.yaml", hostile_file())
    for form in ("text", "mermaid", "dot", "graphml", "json"):
        result = run_line("map", "evil.yaml", "-f", form, "--people")
        assert result.exit_code == 0, (form, result.stderr)
        assert_safe(result.stdout, mermaid=form == "mermaid")
        if form == "graphml":
            ET.fromstring(result.stdout.encode())


def test_names_with_control_characters_are_safe_in_diff_portfolio_and_report(
    run_line: Run, write: Write
) -> None:
    write("old.yaml", hostile_file(HOSTILE_NAMES[::-1]))
    write("folder/new.yaml", hostile_file())
    write("folder/other.yaml", hostile_file(HOSTILE_NAMES[2:] + HOSTILE_NAMES[:2]))
    for form in ("text", "markdown", "json"):
        result = run_line("diff", "old.yaml", "folder/new.yaml", "-f", form)
        assert result.exit_code in (0, 1), (form, result.stderr)
        assert_safe(result.stdout, markdown=form == "markdown")
        result = run_line("portfolio", "folder", "-f", form)
        assert result.exit_code in (0, 1), (form, result.stderr)
        assert_safe(result.stdout, markdown=form == "markdown")
    result = run_line("report", "folder/new.yaml", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert_safe(result.stdout, markdown=True, mermaid=True)


def test_an_unknown_reference_with_a_line_break_stays_on_one_line_on_standard_error(
    run_line: Run, write: Write
) -> None:
    write(
        "bad.yaml",
        "partnership: {name: P}\norganisations: [{id: a, name: A}]\n"
        'activities: [{id: x, name: X, lead: "a\\n::add-mask::s\\e[2J"}]\n',
    )
    result = run_line("map", "bad.yaml")
    assert result.exit_code == 1
    assert_safe(result.stderr)
    assert "bad.yaml:3:" in result.stderr


def test_a_file_name_with_a_line_break_or_a_pipe_stays_in_its_line_and_cell(
    run_line: Run, write: Write
) -> None:
    write("folder/a\n::add-mask::x|<b>.yaml", hostile_file())
    write("folder/b.yaml", hostile_file())
    for args in (("check", "--exit-zero"), ("validate",)):
        result = run_line(args[0], "folder", "-f", "concise", *args[1:])
        assert result.exit_code == 0, result.stderr
        assert_safe(result.stdout)
    result = run_line("portfolio", "folder", "-f", "markdown")
    assert_safe(result.stdout, markdown=True)
    cells = re.compile(r"(?<!\\)\|")
    table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    header = next(line for line in table if "Partnership" in line)
    row = next(line for line in table if "add-mask" in line)
    assert len(cells.split(row)) == len(cells.split(header))


# --------------------------------------------------------------------------- reading and writing

GOOD = (EXAMPLES / "greenway-food.yaml").read_text(encoding="utf-8")


def test_a_fifo_named_on_the_command_line_is_refused_without_waiting(
    run_line: Run, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = run_line("check", "pipe.yaml")
    assert result.exit_code == 1
    assert "pipe.yaml:1:1: CG007" in run_line("check", "pipe.yaml", "-f", "concise").stdout
    assert "it is a named pipe (FIFO), not a regular file" in result.stdout


def test_a_fifo_as_the_key_file_is_a_usage_error(
    run_line: Run, write: Write, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "key")
    write("p.yaml", GOOD)
    result = run_line("check", "p.yaml", "--pseudonymise", "--pseudonym-key-file", "key")
    assert result.exit_code == 2
    assert "--pseudonym-key-file key: cannot read it: it is a named pipe (FIFO)" in result.stderr


def test_a_device_is_refused_without_reading_it() -> None:
    code, seconds, out = run_bounded("check", "/dev/zero", "-f", "concise", memory=GIGABYTE // 2)
    assert code == 1
    assert seconds < 10
    assert "/dev/zero:1:1: CG007 [error] cannot read the file: it is a device" in out


def test_a_deeply_nested_config_is_a_usage_error(run_line: Run, write: Write) -> None:
    write("p.yaml", GOOD)
    write("deep.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_line("check", "p.yaml", "--config", "deep.toml")
    assert result.exit_code == 2
    assert "deep.toml: nested too deeply to read" in result.stderr


def test_standard_input_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "collabgain_cli", "check", "-", "-f", "concise"],
            stdin=zeros,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert "file is too large" in done.stdout
    assert time.monotonic() - started < 30


def test_a_link_out_of_a_checked_folder_is_not_followed(
    run_line: Run, write: Write, tmp_path: Path
) -> None:
    secret = write("outside/secret.yaml", "root: $6$hash-that-must-not-be-quoted\n")
    write("folder/good.yaml", GOOD)
    (tmp_path / "folder" / "shadow.yaml").symlink_to(secret)
    (tmp_path / "folder" / "again.yaml").symlink_to(tmp_path / "folder" / "good.yaml")
    result = run_line("check", "folder", "-f", "concise", "--exit-zero")
    assert "hash-that-must-not-be-quoted" not in result.stdout
    assert "shadow.yaml" not in result.stdout
    # The link that stays in the folder is checked; the one leading out is not.
    assert result.stdout.startswith("2 files checked, 0 invalid")


def test_output_onto_a_hard_link_of_the_input_is_refused(
    run_line: Run, write: Write, tmp_path: Path
) -> None:
    source = write("in.yaml", GOOD)
    os.link(source, tmp_path / "link.yaml")
    result = run_line("check", "in.yaml", "-o", "link.yaml")
    assert result.exit_code == 2
    assert "is one of the input files" in result.stderr
    assert source.read_text(encoding="utf-8") == GOOD


def test_output_onto_the_file_given_on_standard_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.yaml"
    source.write_text(GOOD, encoding="utf-8")
    with open(source, "rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "collabgain_cli", "check", "-", "-o", str(source)],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert "is one of the input files" in done.stderr
    assert source.read_text(encoding="utf-8") == GOOD


def test_a_full_standard_output_is_a_clean_usage_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "collabgain_cli", "check", str(EXAMPLES / "riverside.yaml")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == "collabgain: cannot write to standard output: No space left on device\n"


# --------------------------------------------------------------------------- edges of the calendar

EDGE_OF_TIME = """\
partnership: {{name: Edge, as_of: {as_of}, established: {start}, last_reviewed: {start}}}
organisations:
  - {{id: a, name: A, joined: {start}, roles: [funder]}}
  - {{id: b, name: B, joined: {start}}}
people:
  - {{id: p, name: P, organisation: a, joined: {start}}}
governance:
  chairs: [{{organisation: a, from: {start}}}]
  bodies: [{{id: board, name: Board, members: [a, b]}}]
decisions:
  - {{date: {start}, summary: S, made_by: [a]}}
meetings:
  - {{date: {start}, attended: [a, b]}}
changes:
  - {{date: {start}, type: membership, description: D, affects: [b]}}
activities:
  - {{id: x, name: X, lead: a, partners: [b], start: {start}, end: {as_of}, status: active}}
funding:
  - {{from: a, amount: 10, year: 1}}
"""


def test_dates_at_the_edges_of_the_calendar_clamp_windows(run_line: Run, write: Write) -> None:
    write("first.yaml", EDGE_OF_TIME.format(start="0001-01-01", as_of="0001-02-28"))
    write("last.yaml", EDGE_OF_TIME.format(start="9999-12-01", as_of="9999-12-31"))
    for name in ("first.yaml", "last.yaml"):
        for args in (
            ("check", name, "-f", "json"),
            ("check", name),
            ("map", name),
            ("diff", name, name),
            ("report", name, "-o", "report.html"),
            ("check", name, "--without", "b"),
        ):
            result = run_line(*args)
            assert result.exit_code in (0, 1), (args, result.stderr)
        assert json.loads(run_line("check", name, "-f", "json").stdout)["files"][0]["valid"]


def test_as_of_at_the_end_of_the_calendar_is_a_valid_option(run_line: Run, write: Write) -> None:
    write("p.yaml", GOOD.replace("  as_of: 2026-11-01\n", ""))
    for day in ("9999-12-31", "0001-01-01"):
        result = run_line("check", "p.yaml", "--as-of", day, "-f", "concise")
        assert result.exit_code in (0, 1), result.stderr
        assert "invalid" not in result.stdout.splitlines()[-1].replace("0 invalid", "")


def test_a_window_of_more_than_a_hundred_years_is_a_usage_error_naming_the_range(
    run_line: Run, write: Write
) -> None:
    write("p.yaml", GOOD)
    write("collabgain.toml", "[rules.CG501]\nwindow_months = 99999999999\n")
    result = run_line("check", "p.yaml")
    assert result.exit_code == 2
    assert "window_months must be between 1 and 1200 (100 years), not 99999999999" in result.stderr


# --------------------------------------------------------------- sums past the largest float

HUGE_FUNDING = """\
partnership: {name: Money, as_of: 2026-01-01}
organisations:
  - {id: a, name: A, roles: [funder]}
  - {id: b, name: B, roles: [funder]}
funding:
  - {from: a, amount: 1.0e308, year: 2025}
  - {from: a, amount: 1.0e308, year: 2025}
  - {from: b, amount: 1.0e308, year: 2025}
"""


def test_amounts_summing_past_the_largest_float_give_true_shares(
    run_line: Run, write: Write
) -> None:
    write("money.yaml", HUGE_FUNDING)
    write("less.yaml", HUGE_FUNDING.replace("  - {from: a, amount: 1.0e308, year: 2025}\n", "", 1))
    result = run_line("check", "money.yaml", "-f", "concise")
    assert result.exit_code == 1, result.stderr
    assert "'A' gives 67% of the funding in GBP" in result.stdout
    result = run_line("diff", "less.yaml", "money.yaml", "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert "NaN" not in result.stdout and "Infinity" not in result.stdout
    funding = json.loads(result.stdout)["funding_shares"][0]
    assert funding["organisations"] == [
        {"id": "a", "before": 0.5, "after": 0.6667},
        {"id": "b", "before": 0.5, "after": 0.3333},
    ]
    for form in ("text", "markdown"):
        assert run_line("diff", "less.yaml", "money.yaml", "-f", form).exit_code in (0, 1)


# --------------------------------------------------------- file names that are not UTF-8


def test_a_file_name_that_is_not_utf8_keeps_the_folder_report_in_every_format(
    run_line: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / os.fsdecode(b"bad\xff.yaml")).write_text(
        (EXAMPLES / "riverside.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    for form in ("text", "concise", "json", "sarif", "github", "junit", "markdown"):
        result = run_line("check", "folder", "-f", form, "--exit-zero")
        assert result.exit_code == 0, (form, result.stderr)
        assert CONTROL.search(result.stdout) is None
        result = run_line("check", "folder", "-f", form, "--exit-zero", "-o", f"out.{form}")
        assert result.exit_code == 0, (form, result.stderr)
        written = (tmp_path / f"out.{form}").read_text(encoding="utf-8")
        assert "bad" in written
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
    }
    assert "folder/bad%FF.yaml" in uris
    for args in (("report", "folder", "-o", "r"), ("portfolio", "folder", "-f", "json")):
        assert run_line(*args).exit_code in (0, 1)
    # The report's pages take safe names; the overview shows the file name escaped.
    pages = sorted(p.name for p in (tmp_path / "r").iterdir())
    assert pages == ["bad.html", "good.html", "index.html"]
    index = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert CONTROL.search(index) is None


# --------------------------------------------------------------------------- pseudonyms

PSEUDONYM_KEY = "a key for the tests, never shown"


def test_pseudonymising_names_that_share_a_first_word_takes_no_longer_than_checking(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = "".join(
        f'  - {{id: p{i}, name: "Ann {" ".join(f"W{j}" for j in range(i))}"}}\n'
        for i in range(1, 120)
    )
    purpose = " ".join(["Ann W0 W1 W2 W3"] * 2000)
    path = write(
        "crafted.yaml",
        f'partnership: {{name: P, purpose: "{purpose}", as_of: 2026-01-01}}\n'
        f"organisations: [{{id: o, name: O}}]\npeople:\n{people}",
    )
    assert path.stat().st_size < 70_000
    monkeypatch.setenv("COLLABGAIN_PSEUDONYM_KEY", PSEUDONYM_KEY)
    code, plain, _out = run_bounded("check", str(path), "-f", "json")
    code, seconds, out = run_bounded("check", str(path), "-f", "json", "--pseudonymise")
    assert code in (0, 1)
    assert seconds < plain + 5
    assert "Ann W0 W1 W2 W3" not in out


def test_pseudonyms_reach_accent_free_full_width_and_zero_width_spellings(
    run_line: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLLABGAIN_PSEUDONYM_KEY", PSEUDONYM_KEY)
    full_width = "\uff3a\uff2f\uff25 \uff22\uff32\uff2f\uff2e\uff34\uff25"
    spellings = ["Zoe Bronte", full_width, "Zo\u200be Bron\u200bte", "zo\u00eb bront\u00eb"]
    organisations = "".join(
        f"  - {{id: o{i}, name: {json.dumps(f'Friends of {s}')}}}\n"
        for i, s in enumerate(spellings)
    )
    write(
        "p.yaml",
        "partnership: {name: P, as_of: 2026-01-01}\n"
        f"organisations:\n{organisations}"
        'people: [{id: zoe, name: "Zo\u00eb Bront\u00eb", organisation: o0}]\n',
    )
    result = run_line("map", "p.yaml", "-f", "json", "--pseudonymise")
    assert result.exit_code == 0, result.stderr
    names = [n["name"] for n in json.loads(result.stdout)["nodes"]]
    assert len(names) == 4
    assert all(name.startswith("Friends of Person ") for name in names), names


def test_an_invalid_file_with_pseudonyms_does_not_quote_real_ids(
    run_line: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLLABGAIN_PSEUDONYM_KEY", PSEUDONYM_KEY)
    write(
        "bad.yaml",
        "partnership: {name: P}\norganisations: [{id: o, name: O}]\n"
        "people: [{id: jane-wood, name: Jane Wood, organisation: o}]\n"
        "activities: [{id: a, name: A, lead: o, owner: jane-wod}]\n",
    )
    for args in (("check", "bad.yaml", "-f", "concise"), ("map", "bad.yaml")):
        result = run_line(*args, "--pseudonymise")
        assert result.exit_code == 1
        shown = result.stdout + result.stderr
        assert "CG003" in shown
        assert "jane-wood" not in shown and "jane-wod" not in shown
    # Without pseudonyms the hint is still given.
    assert "did you mean 'jane-wood'" in run_line("check", "bad.yaml", "-f", "concise").stdout


def test_a_file_named_after_a_person_is_pseudonymised(
    run_line: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLLABGAIN_PSEUDONYM_KEY", PSEUDONYM_KEY)
    write(
        "jane-wood.yaml",
        "partnership: {name: P, as_of: 2026-01-01}\norganisations: [{id: o, name: O}]\n"
        "people: [{id: jane-wood, name: Jane Wood, organisation: o}]\n",
    )
    for args in (
        ("check", "jane-wood.yaml", "-f", "json"),
        ("check", "jane-wood.yaml", "-f", "sarif"),
        ("map", "jane-wood.yaml", "-f", "json"),
        ("report", "jane-wood.yaml", "-f", "markdown"),
    ):
        result = run_line(*args, "--pseudonymise")
        assert result.exit_code in (0, 1), result.stderr
        assert "jane-wood" not in result.stdout, args


# --------------------------------------------------------------------------- init


def test_init_force_does_not_write_through_a_link(run_line: Run, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "partnership.yaml").symlink_to(target)
    for args in (("init",), ("init", "--force")):
        result = run_line(*args)
        assert result.exit_code == 2
        assert "is a link" in result.stderr
        assert "--force" not in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_init_of_a_folder_writes_the_starter_file_in_it(run_line: Run, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    result = run_line("init", "folder")
    assert result.exit_code == 0, result.stderr
    assert run_line("check", "folder/partnership.yaml").exit_code in (0, 1)
    again = run_line("init", "folder")
    assert again.exit_code == 2
    assert "folder/partnership.yaml already exists; use --force" in again.stderr
    assert run_line("init", "folder", "--force").exit_code == 0


# --------------------------------------------------------------------------- history


def test_commit_subjects_with_escape_sequences_reach_no_terminal(
    run_line: Run, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "p.yaml").write_text(GOOD, encoding="utf-8")
    git(repo, "add", "p.yaml")
    git(
        repo, "commit", "-q", "-m", "Clear \x1b[2J\x1b]0;title\x07 \x1b]52;c;aGk=\x07 ::add-mask::x"
    )
    for form in ("text", "markdown", "json"):
        result = run_line("history", "repo/p.yaml", "-f", form)
        assert result.exit_code == 0, result.stderr
        assert_safe(result.stdout)


def test_a_long_history_reports_its_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    for day in range(1, 6):
        (repo / "p.yaml").write_text(GOOD.replace("2026-11-01", f"2026-11-0{day}"), "utf-8")
        git(repo, "add", "p.yaml")
        git(repo, "commit", "-q", "-m", f"Version {day}")
    monkeypatch.chdir(repo)
    totals: list[int] = []
    checked: list[None] = []
    found = file_history(
        "p.yaml", Settings.default(), started=totals.append, checked=lambda: checked.append(None)
    )
    assert totals == [5]
    assert len(checked) == len(found.versions) == 5


def test_a_long_chain_of_bridges_checks_and_maps_in_seconds(write: Write) -> None:
    count = 3000
    lines = ["partnership: {name: Chain, as_of: 2026-01-01}", "organisations:"]
    lines += [f"  - {{id: o{i}, name: Org {i}}}" for i in range(count)]
    lines.append("activities:")
    lines += [
        f"  - {{id: a{i}, name: A{i}, lead: o{i}, partners: [o{i + 1}]}}" for i in range(count - 1)
    ]
    path = write("chain.yaml", "\n".join(lines) + "\n")
    code, seconds, out = run_bounded("check", str(path), "-f", "json")
    assert code == 1
    assert seconds < 15
    bridges = [f for f in json.loads(out)["files"][0]["findings"] if f["code"] == "CG405"]
    assert len(bridges) == count - 2
    assert bridges[0]["message"].endswith("would split into 2 parts")
    code, seconds, _out = run_bounded("map", str(path), "-f", "json")
    assert code == 0
    assert seconds < 15


def test_one_file_at_an_edge_never_stops_a_folder_run(run_line: Run, write: Write) -> None:
    write("folder/a-first.yaml", EDGE_OF_TIME.format(start="0001-01-01", as_of="0001-02-28"))
    write("folder/b-money.yaml", HUGE_FUNDING)
    write("folder/c-good.yaml", GOOD)
    result = run_line("check", "folder", "-f", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == [
        "folder/a-first.yaml",
        "folder/b-money.yaml",
        "folder/c-good.yaml",
    ]
    assert all(f["valid"] for f in files)


def test_a_pipe_in_a_file_name_keeps_the_diff_table_whole(run_line: Run, write: Write) -> None:
    write("old|<img src=x>.yaml", GOOD)
    write("new.yaml", GOOD.replace("2026-11-01", "2026-12-01"))
    result = run_line("diff", "old|<img src=x>.yaml", "new.yaml", "-f", "markdown")
    assert result.exit_code in (0, 1), result.stderr
    cells = re.compile(r"(?<!\\)\|")
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    header = next(row for row in rows if "Description" in row)
    described = [row for row in rows if row.startswith(("| Before", "| After"))]
    assert len(described) == 2
    assert {len(cells.split(row)) for row in described} == {len(cells.split(header))}
    assert "<img" not in result.stdout.replace("`old\\|<img src=x>.yaml`", "")

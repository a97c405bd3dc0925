"""Property tests for hostile input: names made of control characters, line breaks, CI
commands, Mermaid directives and mentions in every format; mutated files through every
command. Whatever the input, each command ends in exit 0, 1 or 2 and its output is safe."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_hostile import CONTROL, assert_safe, hostile_file
from typer.testing import CliRunner

from collabgain_cli.cli import app

PROPERTY_SETTINGS = settings(
    max_examples=10,
    deadline=None,
    database=None,
    # Each example runs every command; shrinking a failure would take minutes.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

PIECES = st.sampled_from(
    [
        "\n",
        "\r",
        "\t",
        "\x1b[2J",
        "\x1b]0;t\x07",
        "\x1b]52;c;aGk=\x07",
        "\x1b]8;;https://e.example\x1b\\",
        "\x01",
        "\x7f",
        "\x9b",
        "\u202e",
        "\u2028",
        "::add-mask::",
        "::stop-commands::",
        "%%{init: {}}%%",
        "@someone",
        "GH-1",
        "#2",
        "https://e.example",
        "|",
        "<b>",
        "`",
        "'",
        '"',
        "\\",
        "Ann Lee",
    ]
)
# A letter first: a name of only spaces is invalid (and reported as such), not hostile.
NAMES = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=8).map(lambda p: "N" + "".join(p))

CHECK_FORMATS = ("text", "concise", "markdown", "junit", "sarif", "json")
MAP_FORMATS = ("text", "mermaid", "dot", "graphml", "json")


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    """The real command in `tmp_path`; an exception inside it fails the test."""
    result = CliRunner().invoke(
        app, list(args), catch_exceptions=False, env={"NO_COLOR": "1", "COLUMNS": "100"}
    )
    return result.exit_code, result.stdout


@pytest.fixture
def inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@PROPERTY_SETTINGS
@given(names=st.lists(NAMES, min_size=7, max_size=7).map(tuple))
def test_any_name_is_safe_in_every_format(inside: Path, names: tuple[str, ...]) -> None:
    (inside / "p.yaml").write_text(hostile_file(names), encoding="utf-8")
    (inside / "q.yaml").write_text(hostile_file(names[::-1]), encoding="utf-8")
    for form in CHECK_FORMATS:
        code, out = run(inside, "check", "p.yaml", "-f", form, "--exit-zero")
        assert code == 0, form
        assert_safe(out)
        if form == "junit":
            ET.fromstring(out.encode())
        if form in ("json", "sarif"):
            json.loads(out)
    for form in MAP_FORMATS:
        code, out = run(inside, "map", "p.yaml", "-f", form, "--people")
        assert code == 0, form
        assert_safe(out, mermaid=form == "mermaid")
        if form == "graphml":
            ET.fromstring(out.encode())
    for form in ("text", "markdown"):
        code, out = run(inside, "diff", "q.yaml", "p.yaml", "-f", form)
        assert code in (0, 1)
        assert_safe(out)
    code, out = run(inside, "check", "p.yaml", "-f", "github", "--exit-zero")
    assert code == 0
    assert CONTROL.search(out) is None


# --------------------------------------------------------------------------- mutated files

SOURCE = (EXAMPLES / "riverside.yaml").read_bytes()

EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=len(SOURCE) - 1),
        st.integers(min_value=0, max_value=40),
        st.one_of(
            st.binary(max_size=8),
            st.sampled_from(
                [
                    b"0001-01-01",
                    b"9999-12-31",
                    b"1.0e308",
                    b"\n  - ",
                    b": ",
                    b"[",
                    b"&a ",
                    b"*a",
                    b"'\\x1b'",
                    b'"\\n::x::"',
                ]
            ),
        ),
    ),
    min_size=1,
    max_size=4,
)


def mutated(edits: list[tuple[int, int, bytes]]) -> bytes:
    data = bytearray(SOURCE)
    for start, length, insert in edits:
        data[start : start + length] = insert
    return bytes(data)


COMMANDS: tuple[Callable[[], tuple[str, ...]], ...] = (
    lambda: ("check", "m.yaml", "-f", "json"),
    lambda: ("check", "m.yaml"),
    lambda: ("validate", "m.yaml"),
    lambda: ("map", "m.yaml", "--people"),
    lambda: ("map", "m.yaml", "-f", "mermaid"),
    lambda: ("diff", "o.yaml", "m.yaml"),
    lambda: ("portfolio", "folder"),
    lambda: ("report", "m.yaml", "-o", "r.html"),
    lambda: ("check", "m.yaml", "--without", "council", "-f", "json"),
)


@PROPERTY_SETTINGS
@given(edits=EDITS)
def test_a_mutated_file_through_every_command_ends_cleanly(
    inside: Path, edits: list[tuple[int, int, bytes]]
) -> None:
    data = mutated(edits)
    (inside / "m.yaml").write_bytes(data)
    (inside / "o.yaml").write_bytes(SOURCE)
    (inside / "folder").mkdir(exist_ok=True)
    (inside / "folder" / "m.yaml").write_bytes(data)
    (inside / "folder" / "o.yaml").write_bytes(SOURCE)
    for command in COMMANDS:
        code, out = run(inside, *command())
        assert code in (0, 1, 2), command()
        assert CONTROL.search(out) is None, command()

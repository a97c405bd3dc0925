"""Hostile input: small files that would cost gigabytes, output that would run commands, edges
of dates and disks. Each test reproduces one attack through the real CLI and real files."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conftest import Result

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.loader import load_bytes

Run = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

GIGABYTE = 1 << 30


def one_big_body(count: int) -> str:
    """A partnership whose one body has `count` members: a few hundred KB of YAML."""
    lines = ["partnership: {name: Big Partnership, as_of: 2026-01-01}", "organisations:"]
    lines += [f"  - {{id: o{i}, name: Org {i}}}" for i in range(count)]
    members = ", ".join(f"o{i}" for i in range(count))
    lines += ["governance:", "  bodies:", f"    - {{id: board, name: Board, members: [{members}]}}"]
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
        "records": "1 body",
        "members": 10_000,
    }
    assert sum(1 for e in record["edges"] if e["kind"] == "member-of") == 10_000
    code, _seconds, text = run_bounded("map", str(path))
    assert "too large to list as pairs: Board (10,000 organisations)" in text
    assert "─ with the 9,999 others in Board (1 body)" in text


def test_groups_up_to_the_limit_are_still_drawn_as_pairs(run_line: Run, write: Write) -> None:
    write("fifty.yaml", one_big_body(50))
    record = json.loads(run_line("map", "fifty.yaml", "-f", "json").stdout)
    assert record["summary"]["groups"] == 0
    assert record["summary"]["ties"] == 50 * 49 // 2


def test_every_map_format_names_the_summarised_group(run_line: Run, write: Write) -> None:
    write("big.yaml", one_big_body(60))
    for form, expected in (
        ("mermaid", 'Group_1(("Board<br/>1 body<br/>60 organisations, too many to draw as'),
        ("dot", '"group:1" [label="Board\\n1 body\\n60 organisations, too many'),
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
        + "activities:\n"
        "  - {id: a, name: A, lead: o0, partners: [o1, o2]}\n"
        "  - {id: b, name: B, lead: o2, partners: [o3]}\n"
        "meetings:\n"
        "  - {date: 2026-01-01, attended: [o0, o1, o2, o3]}\n"
        "  - {date: 2026-02-01, attended: [o3, o4]}\n"
    )
    loaded = load_bytes(text.encode(), "p.yaml")
    assert loaded.partnership is not None
    network = Facts(loaded.partnership, loaded.partnership.partnership.as_of).network  # type: ignore[arg-type]
    expected = {node: len(others) for node, others in network.neighbours.items()}
    assert network.degrees() == expected
    assert expected == {"o0": 3, "o1": 3, "o2": 3, "o3": 4, "o4": 1, "o5": 0}

"""The map grows with the records, not with the pairs inside them.

A group too large to draw as pairs is one hub node with a line from each member; a dense
network keeps each organisation's strongest ties and counts the rest ("N more"); the map of the
1,000-organisation benchmark file is a few hundred KB, not tens of MB.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.mapping import TIES_PER_MEMBER
from collabgain_cli.render import formats

ROOT = Path(__file__).resolve().parents[1]
MAP_FORMATS = formats("map")

Run = Callable[..., Any]
Write = Callable[[str, str | bytes], Path]


def body_partnership(size: int, others: int = 100) -> str:
    """`size + others` organisations: a body of the first `size` that meets twice (all of them
    there) and runs one piece of work together, and the others in small pairs of work."""
    count = size + others
    lines = ["partnership: {name: Assembly Partnership, as_of: 2026-11-01}", "organisations:"]
    lines += [f"  - {{id: o{i}, name: Organisation {i}}}" for i in range(count)]
    seated = ", ".join(f"o{i}" for i in range(size))
    lines += [
        "governance:",
        "  bodies:",
        f"    - {{id: assembly, name: Assembly, members: [{seated}]}}",
        "activities:",
        f"  - {{id: all, name: Everyone's work, status: active, lead: o0, partners: [{seated}]}}",
    ]
    lines += [
        f"  - {{id: w{i}, name: Work {i}, status: active, lead: o{i}, partners: [o{i + 1}]}}"
        for i in range(size, count - 1, 2)
    ]
    lines.append("meetings:")
    lines += [
        f"  - {{date: 2026-0{month}-01, body: assembly, attended: [{seated}]}}" for month in (3, 6)
    ]
    return "\n".join(lines) + "\n"


def map_json(run_line: Run, path: str, *options: str) -> dict[str, Any]:
    result = run_line("map", path, "-f", "json", *options)
    assert result.exit_code == 0, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


@pytest.mark.parametrize("size", [300, 600])
def test_a_large_body_maps_to_one_hub_not_every_pair(
    run_line: Run, write: Write, size: int
) -> None:
    write("assembly.yaml", body_partnership(size))
    record = map_json(run_line, "assembly.yaml")
    assert record["summary"]["groups"] == 1
    hub = next(n for n in record["nodes"] if n["kind"] == "group")
    assert hub["members"] == size
    # The body's meetings and its shared work tie the same organisations: one hub for all.
    assert hub["records"] == "1 activity, 2 meetings"
    member_of = [e for e in record["edges"] if e["kind"] == "member-of"]
    assert sorted(e["source"] for e in member_of) == sorted(f"o{i}" for i in range(size))
    assert {e["target"] for e in member_of} == {hub["id"]}
    # One line from each member and one for each pair of small work: linear, not size**2 / 2.
    assert record["summary"]["tied_pairs"] == record["summary"]["ties"] == 50
    assert len(record["edges"]) == size + 50
    text = run_line("map", "assembly.yaml").stdout
    assert f"too large to list as pairs: Everyone's work and 3 more ({size} organisations)" in text
    assert f"    ─ with the {size - 1} others in Everyone's work and 3 more" in text


def test_the_hub_is_the_same_in_every_format(run_line: Run, write: Write) -> None:
    write("assembly.yaml", body_partnership(300))
    for form in MAP_FORMATS:
        result = run_line("map", "assembly.yaml", "-f", form)
        assert result.exit_code == 0, result.stderr
        # Never every pair: 44,850 ties would be megabytes in any format.
        assert len(result.stdout.encode()) < 500_000, form
        assert "300 organisations" in result.stdout or form == "json", form


def test_a_thinned_map_counts_each_organisations_ties_not_drawn(
    run_line: Run, write: Write, dense_partnership: str
) -> None:
    write("eastbank.yaml", dense_partnership)
    record = map_json(run_line, "eastbank.yaml")
    ties = [e for e in record["edges"] if e["kind"] == "tie"]
    drawn: dict[str, int] = {}
    for tie in ties:
        for end in (tie["source"], tie["target"]):
            drawn[end] = drawn.get(end, 0) + 1
    organisations = [n for n in record["nodes"] if n["kind"] == "organisation"]
    hidden = {n["id"]: n["ties_not_drawn"] for n in organisations}
    # Every tie has two ends: the ends not drawn are twice the pairs not drawn.
    assert sum(hidden.values()) == 2 * (record["summary"]["tied_pairs"] - len(ties))
    assert all(drawn[org] >= 1 for org in hidden)
    # Each organisation keeps its strongest tie (the forest that keeps everyone connected).
    strongest = max(e["weight"] for e in ties)
    assert all(
        any(e["weight"] == strongest for e in ties if org in (e["source"], e["target"]))
        for org in hidden
    )
    text = run_line("map", "eastbank.yaml").stdout
    for org in organisations:
        block = text.split(f"  {org['id']}  ", 1)[1].split("\n  org-", 1)[0]
        if org["ties_not_drawn"]:
            count = org["ties_not_drawn"]
            assert f"    ─ and {count} more tie{'s' * (count != 1)}, not drawn" in block
        else:
            assert "not drawn" not in block


def test_an_unthinned_map_has_no_count_of_ties_not_drawn(run_line: Run) -> None:
    record = map_json(run_line, str(ROOT / "examples" / "riverside.yaml"))
    assert record["summary"]["note"] is None
    assert all("ties_not_drawn" not in n for n in record["nodes"])
    assert "not drawn" not in run_line("map", str(ROOT / "examples" / "riverside.yaml")).stdout


# --------------------------------------------------------------------------- the large file


def _generate() -> Any:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmarks' 1,000-organisation file (4 MB: 10,000 decisions, 10,000 meetings)."""
    generate = _generate()
    path = tmp_path_factory.mktemp("large") / "large.yaml"
    path.write_text(generate.generate(*generate.SIZES["large"]), encoding="utf-8")
    return path


MIB = 2**20


def test_the_map_of_the_large_file_stays_small(run_line: Run, large_file: Path) -> None:
    sizes = {}
    for form in MAP_FORMATS:
        result = run_line("map", str(large_file), "-f", form)
        assert result.exit_code == 0, result.stderr
        sizes[form] = len(result.stdout.encode())
    assert max(sizes.values()) < 2 * MIB, sizes
    record = json.loads(run_line("map", str(large_file), "-f", "json").stdout)
    members = record["summary"]["active"]
    # Some 74,000 pairs work together; the map draws at most three ties per member on average.
    assert record["summary"]["tied_pairs"] > 50 * members
    assert record["summary"]["ties"] <= TIES_PER_MEMBER * members // 2
    assert len(record["edges"]) == record["summary"]["ties"]
    # No record there has more than LARGE_GROUP organisations: every edge is a tie.
    assert record["summary"]["groups"] == 0


def test_the_map_of_the_large_file_with_people_stays_a_few_megabytes(
    run_line: Run, large_file: Path
) -> None:
    result = run_line("map", str(large_file), "-f", "json", "--people")
    assert result.exit_code == 0, result.stderr
    # 5,000 people and their seats on other networks: linear in the people, under 5 MiB.
    assert len(result.stdout.encode()) < 5 * MIB
    record = json.loads(result.stdout)
    people = sum(1 for n in record["nodes"] if n["kind"] == "person")
    assert people == 5_000
    assert len(record["edges"]) < record["summary"]["ties"] + 4 * people

"""Measure collabgain's speed and memory against its floors, side by side in one run.

    python benchmarks/run.py            # every figure in the README (many minutes)
    python benchmarks/run.py --smoke    # small inputs, one run each, for CI
    python benchmarks/run.py --repeat 7 --only table,growth

Each figure is a whole command in a fresh process (start-up and imports count, as they do
for a user); a command and the floor it is compared with run in turn, A B A B ..., and the
ratio is the median of the pair-by-pair ratios of wall time (`benchmarks/measure.py`), with
the same for CPU time beside it. Generated files go to benchmarks/data/ (git-ignored).

The table (one line per row, in this order; `--only table`):
 1. typical file (50 KiB) `check -f json` against the Typer floor, an empty Typer app with
    `check`'s parameters (`benchmarks/typer_floor.py`); beside it, the stack floor
    (`benchmarks/stack_floor.py`: the Typer floor plus importing PyYAML, building the format's
    pydantic models and PyYAML's C events of the file) against the Typer floor, the check
    against the stack floor, and the check against the import floor
    (`python -c "import typer, rich.console, yaml; from pydantic import BaseModel"`);
 2. the typical file, the text report against JSON;
 3. the 1,000-organisation file `check -f json` against PyYAML's C parser producing its
    events (`yaml.parse` with `CSafeLoader`);
 4. the 1,000-organisation file, the text report against JSON;
 5. `report` on a folder of 100 files, against `check` of the folder    (many_bench.py);
 6. `map` on the 1,000-organisation file, against `check` on it          (map_bench.py);
 7. `portfolio` of 1,000 files against `check` of them;
 8. `history` over 5,000 commits                                         (history_bench.py).

Rows 5, 6 and 8 come from optional modules in this folder, each imported if present:

    def rows(repeat: int, smoke: bool) -> list[tuple[str, float, str, float | None, str]]

one tuple per row it measures, `(what, seconds, against, ratio, target)`: what is measured;
collabgain's median seconds; the floor it is measured against, with the floor's own figure
(empty when there is none); the ratio to it (None for an absolute figure, like history's);
and the target, in words. With `smoke` it must finish in seconds (small inputs, one run).
A module may use `measure.paired`, `measure.ensure` and the rest of `benchmarks/measure.py`.
A row whose module is absent is printed as not measured. A module may add a peak-memory
figure to `against` or `target` as text.

Other figures (`--only growth,memory,limits,files`):
- growth: time per organisation from typical to large to huge, after the import floor;
- memory: the large file's peak memory against PyYAML's C loader composing it;
- limits: `validate` refusing a 1 GiB file (sparse: no disk) and a "billion laughs" alias
  bomb, each in well under a second;
- files: 1,000 typical files in one `check` against one process composing them all.

Exit status: 0 when every command ran, whatever the ratios; 1 when one crashed (an
internal error, a traceback, an exit code over 1) or a row module failed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import (  # noqa: E402
    COLLABGAIN,
    DATA,
    PY,
    ROOT,
    SIZES,
    Crash,
    check_command,
    ensure,
    ensure_folder,
    paired,
    run_once,
)

Row = tuple[str, float, str, float | None, str]
"""(what, seconds, against, ratio, target): one line of the table."""

IMPORT_FLOOR = [PY, "-c", "import typer, rich.console, yaml; from pydantic import BaseModel"]
TYPER_FLOOR = [PY, str(HERE / "typer_floor.py"), "check"]
STACK_FLOOR = [PY, str(HERE / "stack_floor.py"), "check"]
EVENTS = (
    "import sys, yaml\n"
    "for p in sys.argv[1:]:\n"
    "    with open(p, 'rb') as f:\n"
    "        for _ in yaml.parse(f, Loader=yaml.CSafeLoader): pass\n"
)
COMPOSE = (
    "import sys, yaml\n"
    "for p in sys.argv[1:]:\n"
    "    with open(p, 'rb') as f: yaml.compose(f, Loader=yaml.CSafeLoader)\n"
)
SMOKE_SIZES = {"typical": (8, 20, 10, 20, 20), "large": (60, 300, 120, 600, 600)}
OPTIONAL = {5: "many_bench", 6: "map_bench", 8: "history_bench"}
"""Table row -> the module in this folder that measures it, when its feature is built."""
ROW_NAMES = {
    5: "`report` on a folder of 100 files, against `check` of the folder",
    6: "`map` on the 1,000-organisation file, against `check` on it",
    8: "`history` over 5,000 commits",
}


def show(row: Row) -> None:
    what, seconds, against, ratio, target = row
    figure = f"{seconds:.3f} s" if seconds == seconds else "-"  # NaN: not a time
    versus = f" against {against}" if against else ""
    times = f": {ratio:.2f}x" if ratio is not None else ""
    print(f"- {what}: {figure}{versus}{times} (target {target})", flush=True)


def sized(name: str, smoke: bool) -> Path:
    if smoke:
        return ensure(f"smoke-{name}", SMOKE_SIZES[name])
    return ensure(name, SIZES[name])


def described(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} KiB" if size < 2**20 else f"{size / 2**20:.1f} MiB"


def typical_rows(repeat: int, smoke: bool) -> list[Row]:
    typical = sized("typical", smoke)
    label = f"typical file ({described(typical)}) `check -f json`"
    json = check_command(typical)
    typer_floor = paired(json, [*TYPER_FLOOR, str(typical), "-f", "json"], repeat)
    stack_floor = [*STACK_FLOOR, str(typical), "-f", "json"]
    stack = paired(json, stack_floor, repeat)
    stack_over_typer = paired(stack_floor, [*TYPER_FLOOR, str(typical), "-f", "json"], repeat)
    import_floor = paired(json, IMPORT_FLOOR, repeat)
    text = paired(check_command(typical, output_format="text"), json, repeat)
    return [
        (
            label,
            typer_floor.a_wall,
            f"an empty Typer app with `check`'s parameters ({typer_floor.b_wall:.3f} s; "
            f"CPU {typer_floor.cpu_ratio:.2f}x)",
            typer_floor.ratio,
            "<= 1.15x",
        ),
        (
            "the stack floor (`benchmarks/stack_floor.py`: the Typer floor, importing PyYAML, "
            "building the format's pydantic models, PyYAML's C events of the file)",
            stack_over_typer.a_wall,
            f"the Typer floor ({stack_over_typer.b_wall:.3f} s; "
            f"CPU {stack_over_typer.cpu_ratio:.2f}x)",
            stack_over_typer.ratio,
            "none: the least row 1 can be with PyYAML and pydantic",
        ),
        (
            "typical file `check -f json`, against the stack floor",
            stack.a_wall,
            f"the stack floor ({stack.b_wall:.3f} s; CPU {stack.cpu_ratio:.2f}x)",
            stack.ratio,
            "none: what collabgain's own work adds",
        ),
        (
            "the same, against the import floor (typer, rich, yaml, pydantic)",
            import_floor.a_wall,
            f"the imports alone ({import_floor.b_wall:.3f} s; CPU {import_floor.cpu_ratio:.2f}x)",
            import_floor.ratio,
            "none: the Typer floor is the one to meet",
        ),
        (
            "typical file, text report against JSON",
            text.a_wall,
            f"`check -f json` ({text.b_wall:.3f} s; CPU {text.cpu_ratio:.2f}x)",
            text.ratio,
            "<= 1.10x",
        ),
    ]


def large_rows(repeat: int, smoke: bool) -> list[Row]:
    large = sized("large", smoke)
    orgs = SMOKE_SIZES["large"][0] if smoke else SIZES["large"][0]
    json = check_command(large)
    events = paired(json, [PY, "-c", EVENTS, str(large)], repeat)
    text = paired(check_command(large, output_format="text"), json, repeat)
    return [
        (
            f"{orgs:,}-organisation file ({described(large)}) `check -f json`",
            events.a_wall,
            f"PyYAML's C parser producing its events ({events.b_wall:.3f} s; "
            f"CPU {events.cpu_ratio:.2f}x)",
            events.ratio,
            "<= 3.0x",
        ),
        (
            f"{orgs:,}-organisation file, text report against JSON",
            text.a_wall,
            f"`check -f json` ({text.b_wall:.3f} s; CPU {text.cpu_ratio:.2f}x)",
            text.ratio,
            "<= 1.10x",
        ),
    ]


def portfolio_rows(repeat: int, smoke: bool) -> list[Row]:
    count = 20 if smoke else 1000
    folder = ensure_folder(count)
    pair = paired(
        [*COLLABGAIN, "portfolio", "--format", "json", str(folder)],
        check_command(folder),
        # At least two pairs: one pair of runs this long moves by 10% on a shared machine.
        repeat if smoke else max(2, repeat // 2),
        warmup=0 if not smoke else 1,
    )
    return [
        (
            f"`portfolio` of {count:,} files",
            pair.a_wall,
            f"`check -f json` of them ({pair.b_wall:.3f} s)",
            pair.ratio,
            "<= 1.3x",
        )
    ]


def optional_rows(number: int) -> Callable[[int, bool], list[Row]]:
    """The rows of table row `number` from its module, or a line saying it is absent."""
    name = OPTIONAL[number]

    def rows(repeat: int, smoke: bool) -> list[Row]:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            if exc.name != name:
                raise  # the module is there, and broken
            print(f"- {ROW_NAMES[number]}: not measured (no benchmarks/{name}.py)")
            return []
        found: list[Row] = module.rows(repeat, smoke)
        return found

    return rows


TABLE: list[tuple[int, Callable[[int, bool], list[Row]]]] = [
    (1, typical_rows),
    (3, large_rows),
    (5, optional_rows(5)),
    (6, optional_rows(6)),
    (7, portfolio_rows),
    (8, optional_rows(8)),
]
"""Table rows in order: typical_rows gives rows 1 and 2, large_rows rows 3 and 4."""


def table(repeat: int, smoke: bool) -> bool:
    """Print every row of the table; False when something crashed."""
    print("\nthe table: collabgain against its floors, side by side")
    ok = True
    for _number, measure in TABLE:
        try:
            for row in measure(repeat, smoke):
                show(row)
        except Crash as exc:
            print(f"- CRASHED: {exc}", flush=True)
            ok = False
        except Exception:  # a broken row module: say so, measure the rest
            print(f"- FAILED:\n{traceback.format_exc()}", flush=True)
            ok = False
    return ok


def growth(repeat: int) -> None:
    print("\ngrowth: time per organisation, after the import floor")
    per_org = []
    for name in ("typical", "large", "huge"):
        path = ensure(name, SIZES[name])
        pair = paired(check_command(path), IMPORT_FLOOR, repeat if name != "huge" else 1)
        work = max(pair.a_wall - pair.b_wall, 1e-9)
        orgs = SIZES[name][0]
        per_org.append(work / orgs)
        print(
            f"- {name:<8} {orgs:>6} orgs {described(path):>9} {pair.a_wall:8.3f} s "
            f"{1e3 * work / orgs:8.3f} ms/org"
        )
    print(
        f"- large/typical per-org: {per_org[1] / per_org[0]:.2f}; "
        f"huge/large per-org: {per_org[2] / per_org[1]:.2f} (target <= 1.20)"
    )


def memory() -> None:
    large = ensure("large", SIZES["large"])
    print(f"\nmemory: the large file ({described(large)})")
    compose = run_once([PY, "-c", COMPOSE, str(large)]).peak
    check = run_once(check_command(large)).peak
    print(
        f"- peak memory: PyYAML's C loader composing it {compose:.0f} MiB, `check` "
        f"{check:.0f} MiB: {check / compose:.2f}x (target <= 2x)"
    )


def limits(repeat: int) -> None:
    print("\nlimits: refusing hostile input")
    DATA.mkdir(parents=True, exist_ok=True)
    sparse = DATA / "one-gib.yaml"
    if not sparse.exists():
        with open(sparse, "wb") as handle:
            handle.truncate(1 << 30)
    bomb = ROOT / "examples" / "invalid" / "cg007-input-limits.yaml"
    for label, path in (("a 1 GiB file", sparse), ('"billion laughs"', bomb)):
        pair = paired([*COLLABGAIN, "validate", str(path)], IMPORT_FLOOR, repeat)
        print(f"- `validate` on {label}: {pair.a_wall:.3f} s (target under 1 s)")


def files(repeat: int) -> None:
    count = 1000
    folder = ensure_folder(count)
    paths = sorted(folder.glob("*.yaml"))
    print(f"\nfiles: {count:,} typical files")
    pair = paired(
        check_command(folder), [PY, "-c", COMPOSE, *map(str, paths)], max(1, repeat // 2), warmup=0
    )
    print(
        f"- `check -f json` of the folder (parallel on {os.cpu_count()} cores): "
        f"{pair.a_wall:.3f} s against PyYAML's C loader composing all in one process "
        f"({pair.b_wall:.3f} s): {pair.ratio:.2f}x (target <= 1.5x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--smoke", action="store_true", help="small inputs, one run each")
    parser.add_argument("--only", default="table,growth,memory,limits,files")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    repeat = 1 if args.smoke else args.repeat

    import yaml

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}); "
        f"median of {repeat} run(s) of each command"
    )
    ok = table(repeat, args.smoke) if "table" in parts else True
    if args.smoke:
        return 0 if ok else 1
    try:
        if "growth" in parts:
            growth(repeat)
        if "memory" in parts:
            memory()
        if "limits" in parts:
            limits(repeat)
        if "files" in parts:
            files(repeat)
    except Crash as exc:
        print(f"- CRASHED: {exc}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

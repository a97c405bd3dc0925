"""Measure collabgain's speed and memory against its floors, side by side in one run.

    python benchmarks/run.py            # every figure in the README (several minutes)
    python benchmarks/run.py --smoke    # a quick run on small files, for CI
    python benchmarks/run.py --repeat 7 --only typical,large

Each figure is the median wall time of several runs of a whole command in a fresh process
(so interpreter start-up and imports count, as they do for a user), and peak memory is the
child's maximum resident set size. Generated files go to benchmarks/data/ (git-ignored).

Comparisons:
- typical: `collabgain check` against the import floor of its own dependencies
  (`python -c "import typer, rich.console, yaml; from pydantic import BaseModel"`) and
  against `yamllint` on the same file (when yamllint is installed);
- large: `collabgain check` against PyYAML's C loader composing the same file with Python's
  default settings, and peak memory against that loader's;
- growth: time per organisation from typical to large to huge;
- portfolio: 1,000 typical files in one `collabgain check` against one process composing
  all of them with PyYAML's C loader;
- limits: `collabgain validate` refusing a 1 GiB file (sparse, so it costs no disk) and a
  "billion laughs" alias bomb, each of which must answer in well under a second.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

from generate import SIZES, generate  # noqa: E402

PY = sys.executable
COLLABGAIN = [PY, "-m", "collabgain_cli"]
FLOOR = [PY, "-c", "import typer, rich.console, yaml; from pydantic import BaseModel"]
COMPOSE = (
    "import sys, yaml\n"
    "for p in sys.argv[1:]:\n"
    "    with open(p, 'rb') as f: yaml.compose(f, Loader=yaml.CSafeLoader)\n"
)


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """(median seconds, max peak RSS in MiB) over `repeat` runs of a command."""
    times, peaks = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peaks.append(max(peak, before) / 1024)
    return statistics.median(times), max(peaks)


def peak_of(command: list[str]) -> float:
    """Peak RSS (MiB) of one run, measured by GNU time when present, else by rusage."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if gnu_time:
        result = subprocess.run(
            [gnu_time, "-f", "%M", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        last = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
        if last.isdigit():
            return int(last) / 1024
    return timed(command, 1)[1]


def ensure(name: str, sizes: tuple[int, ...]) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}.yaml"
    if not path.exists():
        path.write_text(generate(*sizes), encoding="utf-8")
    return path


def ensure_portfolio(count: int) -> Path:
    folder = DATA / f"portfolio-{count}"
    if not folder.exists() or len(list(folder.glob("*.yaml"))) != count:
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(count):
            text = generate(*SIZES["typical"], seed=index + 1)
            (folder / f"partnership-{index:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def check_command(*paths: Path) -> list[str]:
    return [*COLLABGAIN, "check", "--format", "json", "--exit-zero", *map(str, paths)]


def row(label: str, seconds: float, floor: float | None = None, note: str = "") -> str:
    ratio = f"{seconds / floor:5.2f}x" if floor else "      "
    return f"  {label:<44} {seconds:7.3f} s  {ratio}  {note}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="small files, one run each")
    parser.add_argument("--only", default="typical,large,growth,portfolio,limits")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    repeat = 1 if args.smoke else args.repeat

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    import yaml

    print(
        f"PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}); median of {repeat} run(s)"
    )

    if args.smoke:
        typical = ensure("smoke", (8, 20, 10, 20, 20))
        seconds, peak = timed(check_command(typical), 1)
        floor, _ = timed(FLOOR, 1)
        print(row("check, smoke file", seconds, floor, f"peak {peak:.0f} MiB"))
        return

    if "typical" in parts:
        typical = ensure("typical", SIZES["typical"])
        print(f"\ntypical file ({typical.stat().st_size / 1024:.0f} KiB)")
        floor, _ = timed(FLOOR, repeat)
        check, _ = timed(check_command(typical), repeat)
        print(row("import floor (typer, rich, yaml, pydantic)", floor))
        print(row("collabgain check", check, floor, "target <= 1.15x floor"))
        yamllint = shutil.which("yamllint") or (
            str(Path(PY).parent / "yamllint") if (Path(PY).parent / "yamllint").exists() else None
        )
        if yamllint:
            lint, _ = timed([yamllint, "-d", "relaxed", str(typical)], repeat)
            print(
                row(
                    "yamllint",
                    lint,
                    floor,
                    f"check is {check / lint:.2f}x yamllint (target <= 0.5x)",
                )
            )
        else:
            print("  yamllint: not installed (pip install yamllint to compare)")

    if "large" in parts:
        large = ensure("large", SIZES["large"])
        print(f"\nlarge file ({large.stat().st_size / 2**20:.1f} MiB)")
        compose_cmd = [PY, "-c", COMPOSE, str(large)]
        compose, _ = timed(compose_cmd, repeat)
        check, _ = timed(check_command(large), repeat)
        print(row("PyYAML C loader, compose (default gc)", compose))
        print(row("collabgain check", check, compose, "target <= 0.6x"))
        compose_peak = peak_of(compose_cmd)
        check_peak = peak_of(check_command(large))
        print(
            f"  peak memory: compose {compose_peak:.0f} MiB, check {check_peak:.0f} MiB "
            f"({check_peak / compose_peak:.2f}x, target <= 2x)"
        )

    if "growth" in parts:
        print("\ngrowth: time per organisation")
        per_org = []
        for name in ("typical", "large", "huge"):
            path = ensure(name, SIZES[name])
            runs = repeat if name != "huge" else max(1, repeat // 2)
            seconds, _ = timed(check_command(path), runs)
            floor, _ = timed(FLOOR, runs)
            work = max(seconds - floor, 1e-9)
            orgs = SIZES[name][0]
            per_org.append(work / orgs)
            print(
                f"  {name:<8} {orgs:>6} orgs {path.stat().st_size / 2**20:7.1f} MiB "
                f"{seconds:8.3f} s  {1e3 * work / orgs:8.3f} ms/org (after the import floor)"
            )
        print(
            f"  large/typical per-org: {per_org[1] / per_org[0]:.2f}; "
            f"huge/large per-org: {per_org[2] / per_org[1]:.2f} (target <= 1.20)"
        )

    if "limits" in parts:
        print("\nlimits: refusing hostile input")
        DATA.mkdir(parents=True, exist_ok=True)
        sparse = DATA / "one-gib.yaml"
        if not sparse.exists():
            with open(sparse, "wb") as handle:
                handle.truncate(1 << 30)
        bomb = HERE.parent / "examples" / "invalid" / "cg007-input-limits.yaml"
        validate = [*COLLABGAIN, "validate"]
        floor, _ = timed(FLOOR, repeat)
        for label, path in (("1 GiB file", sparse), ("billion laughs", bomb)):
            seconds, _ = timed([*validate, str(path)], repeat)
            print(row(f"collabgain validate, {label}", seconds, floor, "of the import floor"))

    if "portfolio" in parts:
        count = 1000
        folder = ensure_portfolio(count)
        files = sorted(folder.glob("*.yaml"))
        print(f"\nportfolio of {count} typical files")
        compose, _ = timed([PY, "-c", COMPOSE, *map(str, files)], max(1, repeat // 2))
        check, _ = timed(check_command(folder), max(1, repeat // 2))
        print(row("PyYAML C loader, compose all in one process", compose))
        print(row("collabgain check FOLDER", check, compose, "target <= 1.5x"))


if __name__ == "__main__":
    main()

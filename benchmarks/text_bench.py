"""The text report's cost against the JSON report's, on a typical and a large file.

    python benchmarks/text_bench.py              # median of 5 runs of each
    python benchmarks/text_bench.py --repeat 9

Each figure is the median of a whole `collabgain check` in a fresh process, its output
piped (so the text report is written without colour, at `COLUMNS` or 80 columns): its wall
time, and its CPU time (user and system), which other jobs on a shared machine disturb far
less. The text and JSON runs alternate, so a machine that gets busier part way through slows
both alike. The files are the ones `run.py` uses, generated into benchmarks/data/ when missing.
Target (issue 17): the text report within 1.10x of JSON on both files.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SIZES, generate  # noqa: E402

TARGET = 1.10


def data_file(size: str) -> Path:
    """benchmarks/data/<size>.yaml, generated at that size the first time."""
    path = HERE / "data" / f"{size}.yaml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(*SIZES[size]), encoding="utf-8")
    return path


def seconds(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare(path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Format -> (median wall, median CPU) seconds, the formats' runs alternating."""
    check = [sys.executable, "-m", "collabgain_cli", "check", "--exit-zero", str(path)]
    runs: dict[str, list[tuple[float, float]]] = {"json": [], "text": []}
    for _ in range(repeat):
        runs["json"].append(seconds([*check, "--format", "json"]))
        runs["text"].append(seconds(check))
    return {
        name: (statistics.median(w for w, _c in found), statistics.median(c for _w, c in found))
        for name, found in runs.items()
    }


def main(argv: list[str] | None = None) -> None:
    """Print both ratios; `argv` as on the command line (run.py may pass its --repeat)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"text report against JSON, whole `check` process, median of {args.repeat} each")
    for size in ("typical", "large"):
        path = data_file(size)
        found = compare(path, args.repeat)
        print(f"  {size} ({path.stat().st_size / 1024:,.0f} KiB), target <= {TARGET:.2f}x")
        for index, measure in enumerate(("wall", "CPU")):
            json_s, text_s = found["json"][index], found["text"][index]
            print(
                f"    {measure:<5} json {json_s:7.3f} s   text {text_s:7.3f} s   "
                f"text/json {text_s / json_s:5.2f}x"
            )


if __name__ == "__main__":
    main()

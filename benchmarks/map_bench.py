"""`collabgain map` on the 1,000-organisation file, against `collabgain check` on the same file.

    python benchmarks/map_bench.py               # every map format, median of 5 runs each
    python benchmarks/map_bench.py --repeat 3 --formats json,text

The commands are run in turn, round after round (check, then each format's map), so that a
machine busy with other work slows them alike; each figure is the median wall time of a whole
command in a fresh process, as in `run.py`. Peak memory is each child's maximum resident set
size (GNU time when present). The ratio row is the slowest format's map against `check`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SIZES  # noqa: E402
from run import COLLABGAIN, check_command, ensure, peak_of, row  # noqa: E402

FORMATS = ("text", "mermaid", "dot", "graphml", "json")
TARGET = 1.5
"""`map` on the large file within this many times `check` on it (issue 17)."""


def map_command(path: Path, form: str, *options: str) -> list[str]:
    return [*COLLABGAIN, "map", str(path), "--format", form, *options]


def side_by_side(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Median wall seconds of each command, run in turn `repeat` rounds."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def output_size(command: list[str]) -> int:
    """Bytes a command writes to standard output."""
    with tempfile.TemporaryFile() as handle:
        subprocess.run(command, stdout=handle, stderr=subprocess.DEVNULL, check=False)
        return handle.tell()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--people", action="store_true", help="map with --people too")
    args = parser.parse_args()
    forms = [form for form in args.formats.split(",") if form]
    large = ensure("large", SIZES["large"])
    options = ("--people",) if args.people else ()
    commands = {"check": check_command(large)}
    commands.update({form: map_command(large, form, *options) for form in forms})
    medians = side_by_side(commands, args.repeat)
    check = medians["check"]
    print(
        f"map on the 1,000-organisation file ({large.stat().st_size / 2**20:.1f} MiB)"
        f"{' with --people' if args.people else ''}, against check on it; "
        f"median of {args.repeat} run(s)"
    )
    check_peak = peak_of(commands["check"])
    print(row("collabgain check -f json", check, None, f"peak {check_peak:.0f} MiB"))
    for form in forms:
        size = output_size(commands[form]) / 2**20
        peak = peak_of(commands[form])
        note = f"output {size:.2f} MiB, peak {peak:.0f} MiB"
        print(row(f"collabgain map -f {form}", medians[form], check, note))
    slowest = max(forms, key=medians.__getitem__)
    ratio = medians[slowest] / check
    verdict = "met" if ratio <= TARGET else "not met"
    print(
        f"  map against check (slowest format, {slowest}): {ratio:.2f}x "
        f"(target <= {TARGET}x: {verdict})"
    )


if __name__ == "__main__":
    main()

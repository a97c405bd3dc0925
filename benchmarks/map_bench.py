"""Row 6 of the table: `collabgain map` on the 1,000-organisation file against `check` on it.

    python benchmarks/map_bench.py               # every map format, 5 pairs each
    python benchmarks/map_bench.py --repeat 3 --formats json,text

Each format's map and `check -f json` of the same file run in turn (`measure.paired`); the
row is the slowest format's ratio, with each format's output size and peak memory beside it.
`run.py` imports `rows` from here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import COLLABGAIN, ENV, SIZES, check_command, ensure, paired  # noqa: E402

FORMATS = ("text", "mermaid", "dot", "graphml", "json")
SMOKE_SIZES = (60, 300, 120, 600, 600)
TARGET = "<= 1.5x"


def map_command(path: Path, form: str, *options: str) -> list[str]:
    return [*COLLABGAIN, "map", str(path), "--format", form, *options]


def output_size(command: list[str]) -> int:
    """Bytes a command writes to standard output."""
    import subprocess

    with tempfile.TemporaryFile() as handle:
        subprocess.run(command, stdout=handle, stderr=subprocess.DEVNULL, check=False, env=ENV)
        return handle.tell()


def rows(
    repeat: int, smoke: bool, forms: tuple[str, ...] = FORMATS
) -> list[tuple[str, float, str, float | None, str]]:
    large = ensure("smoke-large", SMOKE_SIZES) if smoke else ensure("large", SIZES["large"])
    chosen = ("json",) if smoke else forms
    pairs = {
        form: paired(map_command(large, form), check_command(large), repeat) for form in chosen
    }
    slowest = max(chosen, key=lambda form: pairs[form].ratio)
    pair = pairs[slowest]
    notes = ", ".join(
        f"{form} {pairs[form].ratio:.2f}x, {output_size(map_command(large, form)) / 2**20:.2f} MiB"
        for form in chosen
    )
    return [
        (
            f"`map` on the {large.stat().st_size / 2**20:.1f} MiB file (slowest format, "
            f"{slowest}; {notes}; peak {pair.a_peak:.0f} MiB)",
            pair.a_wall,
            f"`check -f json` on it ({pair.b_wall:.3f} s, peak {pair.b_peak:.0f} MiB; "
            f"CPU {pair.cpu_ratio:.2f}x)",
            pair.ratio,
            TARGET,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    forms = tuple(form for form in args.formats.split(",") if form)
    for what, seconds, against, ratio, target in rows(args.repeat, args.smoke, forms):
        print(f"- {what}: {seconds:.3f} s against {against}: {ratio:.2f}x (target {target})")


if __name__ == "__main__":
    main()

"""Row 5 of the table: `report` over many files, against `check` of the same files.

    python benchmarks/many_bench.py              # 3 pairs each (several minutes)
    python benchmarks/many_bench.py --repeat 5 --smoke

Rows:
- `report` of a folder of 100 typical files (-o DIR) against `check` of that folder
  (target <= 2.0x);
- `report` of 1,000 typical files against `check` of them, with the peak memory of its
  largest process (target under 400 MB; each worker is smaller than the main process).

The files are `measure.ensure_folder`'s: the same generated typical files `run.py`'s portfolio
row uses. `run.py` imports `rows` from here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import COLLABGAIN, check_command, ensure_folder, paired  # noqa: E402


def report_command(folder: Path, into: Path) -> list[str]:
    return [*COLLABGAIN, "report", str(folder), "-o", str(into)]


def rows(repeat: int, smoke: bool) -> list[tuple[str, float, str, float | None, str]]:
    counts = (10,) if smoke else (100, 1000)
    out = []
    with tempfile.TemporaryDirectory() as scratch:
        for count in counts:
            folder = ensure_folder(count)
            pages = Path(scratch) / f"pages-{count}"
            pair = paired(
                report_command(folder, pages),
                check_command(folder),
                repeat if count <= 100 else 1,
                warmup=0,
            )
            out.append(
                (
                    f"`report -o DIR` of {count:,} files (peak {pair.a_peak:.0f} MiB)",
                    pair.a_wall,
                    f"`check -f json` of them ({pair.b_wall:.3f} s, peak {pair.b_peak:.0f} MiB; "
                    f"CPU {pair.cpu_ratio:.2f}x)",
                    pair.ratio,
                    "<= 2.0x" if count <= 100 else "under 400 MB",
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    for what, seconds, against, ratio, target in rows(args.repeat, args.smoke):
        print(f"- {what}: {seconds:.3f} s against {against}: {ratio:.2f}x (target {target})")


if __name__ == "__main__":
    main()

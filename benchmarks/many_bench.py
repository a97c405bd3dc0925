"""`report` and `portfolio` over many files, each against `check` of the same files, side by side.

    python benchmarks/many_bench.py              # median of 3 runs each (several minutes)
    python benchmarks/many_bench.py --repeat 5

Rows:
- `report` of a folder of 100 typical files (-o DIR) against `check` of that folder
  (target <= 2.0x);
- `portfolio` of 1,000 typical files against `check` of them (target <= 1.3x);
- `report` of the 1,000 files: its seconds and peak memory (target under 400 MB), the peak of
  its largest process as GNU time measures it (each worker is smaller than the main process).

The files are benchmarks/run.py's (`ensure_portfolio`): the same generated typical files, the
first 100 of the 1,000 in a folder of their own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import COLLABGAIN, check_command, ensure_portfolio, peak_of, row, timed  # noqa: E402


def report_command(folder: Path, into: Path) -> list[str]:
    return [*COLLABGAIN, "report", str(folder), "-o", str(into)]


def portfolio_command(folder: Path) -> list[str]:
    return [*COLLABGAIN, "portfolio", "--format", "json", "--fail-on", "never", str(folder)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    repeat = args.repeat
    hundred, thousand = ensure_portfolio(100), ensure_portfolio(1000)
    print(f"\nmany files: report and portfolio against check (median of {repeat})")
    with tempfile.TemporaryDirectory() as scratch:
        pages = Path(scratch) / "pages"
        check_100, _ = timed(check_command(hundred), repeat)
        report_100, _ = timed(report_command(hundred, pages), repeat)
        print(row("collabgain check, folder of 100", check_100))
        print(
            row("collabgain report -o DIR, folder of 100", report_100, check_100, "target <= 2.0x")
        )
        check_1000, _ = timed(check_command(thousand), repeat)
        portfolio_1000, _ = timed(portfolio_command(thousand), repeat)
        print(row("collabgain check, 1,000 files", check_1000))
        print(
            row("collabgain portfolio, 1,000 files", portfolio_1000, check_1000, "target <= 1.3x")
        )
        report_1000, _ = timed(report_command(thousand, pages), repeat)
        peak = peak_of(report_command(thousand, pages))
        print(
            row(
                "collabgain report -o DIR, 1,000 files",
                report_1000,
                check_1000,
                f"peak {peak:.0f} MiB (target < 400 MB)",
            )
        )


if __name__ == "__main__":
    main()

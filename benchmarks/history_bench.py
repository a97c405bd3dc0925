"""Time `collabgain history` over a long git history, the way a user runs it.

    python benchmarks/history_bench.py                  # 5,000 commits, median of 3 runs
    python benchmarks/history_bench.py --commits 500 --repeat 1

The repository (benchmarks/data/history-N/, git-ignored) holds N commits, each of which
changes examples/riverside.yaml a little (its review date and a revision note), committed
six hours apart. It is written in one `git fast-import` stream, so building it takes about a
second, and it is built once and then reused. The figure is the median wall time of
`python -m collabgain_cli history partnership.yaml` in a fresh process, its output thrown
away; stderr is not a terminal, so no progress bar is drawn.

`main()` prints one row, for `benchmarks/run.py` to import beside its others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
EXAMPLE = HERE.parent / "examples" / "riverside.yaml"
FILE = "partnership.yaml"
COMMITS = 5_000
TARGET = 15.0
"""Seconds: the issue's target for 5,000 commits."""

START = dt.datetime(2021, 1, 4, 9, 0, tzinfo=dt.UTC)


def _git_env() -> dict[str, str]:
    """The environment for git: no user or system configuration, no outer repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return env | {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def version(text: str, number: int, day: dt.date) -> bytes:
    """The example file as it stood at commit `number`: a new review date and note."""
    reviewed = text.replace("  last_reviewed: 2024-02-06\n", f"  last_reviewed: {day}\n", 1)
    return f"{reviewed}# Revision {number}: reviewed at the partners' meeting.\n".encode()


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def fast_import_stream(commits: int) -> bytes:
    """A `git fast-import` stream of `commits` commits, each changing the file."""
    text = EXAMPLE.read_text(encoding="utf-8")
    out: list[bytes] = []
    for number in range(1, commits + 1):
        when = START + dt.timedelta(hours=6 * number)
        stamp = f"{int(when.timestamp())} +0000".encode()
        out.append(b"commit refs/heads/main\n")
        out.append(b"committer Partnership Secretariat <secretariat@example.org> " + stamp + b"\n")
        out.append(_data(f"Review {number} of the partnership record".encode()))
        out.append(f"M 100644 inline {FILE}\n".encode())
        out.append(_data(version(text, number, when.date())))
    return b"".join(out)


def ensure_repository(commits: int) -> Path:
    """benchmarks/data/history-N/, built with one `git fast-import` unless already there."""
    folder = DATA / f"history-{commits}"
    if (folder / FILE).exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    env = _git_env()

    def git(*args: str, stdin: bytes | None = None) -> None:
        subprocess.run(
            ["git", *args], cwd=folder, env=env, input=stdin, capture_output=True, check=True
        )

    git("init", "-q", "-b", "main")
    git("fast-import", "--quiet", stdin=fast_import_stream(commits))
    git("checkout", "-q", "-f", "main")
    return folder


def measure(commits: int = COMMITS, repeat: int = 3) -> float:
    """Median seconds of `python -m collabgain_cli history` over `commits` commits."""
    folder = ensure_repository(commits)
    command = [sys.executable, "-m", "collabgain_cli", "history", FILE]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"collabgain history failed: {done.stderr.decode()}")
    return statistics.median(times)


def rows(repeat: int, smoke: bool) -> list[tuple[str, float, str, float | None, str]]:
    """Row 8 of run.py's table: an absolute figure, so no floor and no ratio."""
    import shutil

    if shutil.which("git") is None:
        return [("`history` (git is not installed: not measured)", float("nan"), "", None, "-")]
    commits = 50 if smoke else COMMITS
    seconds = measure(commits, 1 if smoke else min(repeat, 3))
    target = TARGET * commits / COMMITS
    return [
        (
            f"`history` over {commits:,} commits",
            seconds,
            "",
            None,
            f"<= {target:g} s, with progress at a terminal",
        )
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--commits", type=int, default=COMMITS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    seconds = measure(args.commits, args.repeat)
    label = f"collabgain history, {args.commits:,} commits"
    target = TARGET * args.commits / COMMITS
    print(f"  {label:<44} {seconds:7.3f} s          target <= {target:g} s")


if __name__ == "__main__":
    main()

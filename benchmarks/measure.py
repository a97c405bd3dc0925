"""How benchmarks/run.py (and the optional row modules beside it) time a command.

Every figure is a whole command in a fresh process, so interpreter start-up and imports
count, as they do for a user. Two commands compared are run in turn, A B A B ..., after
one warm-up run each, and their ratio is the median of the pair-by-pair ratios: pairing
keeps a ratio meaningful when the machine's speed drifts during the run.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
PY = sys.executable
COLLABGAIN = [PY, "-m", "collabgain_cli"]
ENV = {
    **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
    "COLUMNS": "100",
}
"""Installed, a package's bytecode is compiled once and kept: measured commands may write
theirs (the warm-up run does) instead of compiling every module on every run."""

sys.path.insert(0, str(HERE))

from generate import SIZES, generate  # noqa: E402


class Crash(Exception):
    """A measured command failed: a traceback, an internal error, or an exit code over 1."""


@dataclasses.dataclass(frozen=True)
class Run:
    """One run of a command: wall and CPU (user + system) seconds, peak memory in MiB."""

    wall: float
    cpu: float
    peak: float


def run_once(command: Sequence[str]) -> Run:
    """Run `command` once, its output thrown away; a crash raises `Crash`."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=subprocess.DEVNULL, stderr=errors, env=ENV)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = code = os.waitstatus_to_exitcode(status)
            cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        else:  # no per-child accounting: wall time stands in for CPU time
            code = process.wait()
            wall = time.perf_counter() - start
            cpu, peak = wall, 0.0
        errors.seek(0)
        said = errors.read().decode("utf-8", "replace")
    if code not in (0, 1) or "Traceback (most recent call last)" in said:
        tail = "\n".join(said.strip().splitlines()[-5:])
        raise Crash(f"{' '.join(command)}\nexit {code}\n{tail}")
    return Run(wall, cpu, peak)


@dataclasses.dataclass(frozen=True)
class Pair:
    """Runs of A and of B taken in turn; the ratios are medians of A/B pair by pair."""

    a: tuple[Run, ...]
    b: tuple[Run, ...]

    @property
    def a_wall(self) -> float:
        return statistics.median(r.wall for r in self.a)

    @property
    def b_wall(self) -> float:
        return statistics.median(r.wall for r in self.b)

    @property
    def ratio(self) -> float:
        return statistics.median(a.wall / b.wall for a, b in zip(self.a, self.b, strict=True))

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(a.cpu / b.cpu for a, b in zip(self.a, self.b, strict=True))

    @property
    def a_peak(self) -> float:
        return max(r.peak for r in self.a)

    @property
    def b_peak(self) -> float:
        return max(r.peak for r in self.b)


def paired(a: Sequence[str], b: Sequence[str], repeat: int, *, warmup: int = 1) -> Pair:
    """`repeat` runs each of commands A and B, in turn, after `warmup` runs each."""
    for _ in range(warmup):
        run_once(a)
        run_once(b)
    runs = [(run_once(a), run_once(b)) for _ in range(max(1, repeat))]
    return Pair(tuple(x for x, _ in runs), tuple(y for _, y in runs))


def ensure(name: str, sizes: tuple[int, ...]) -> Path:
    """benchmarks/data/NAME.yaml, generated with these sizes unless it is there already."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}.yaml"
    if not path.exists():
        path.write_text(generate(*sizes), encoding="utf-8")
    return path


def ensure_folder(count: int, sizes: tuple[int, ...] = SIZES["typical"]) -> Path:
    """benchmarks/data/portfolio-COUNT/: COUNT different files of these sizes."""
    folder = DATA / f"portfolio-{count}"
    if not folder.exists() or len(list(folder.glob("*.yaml"))) != count:
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(count):
            text = generate(*sizes, seed=index + 1)
            (folder / f"partnership-{index:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def check_command(*paths: Path, output_format: str = "json") -> list[str]:
    """`collabgain check` of `paths` in `output_format`, exit 0 whatever it finds."""
    return [*COLLABGAIN, "check", "--format", output_format, "--exit-zero", *map(str, paths)]

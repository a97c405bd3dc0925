"""Shared fixtures: the real CLI through Typer's CliRunner, and files written to tmp_path."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from collabgain_cli.cli import app

# Property tests test behaviour, not speed: on a shared or busy machine, generating inputs
# slowly is no failure (speed is measured by benchmarks/, not by tests).
settings.register_profile("shared", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("shared")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@dataclasses.dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Run `collabgain ARGS...` in a folder outside the repository, like a user would."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")

    def run(*args: str, input: str | bytes | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


def dense_yaml(members: int = 14) -> str:
    """A partnership written the way a network of networks records itself: every member in
    many small working groups, long names, and nobody recording offers or aims."""
    ids = [f"org-{n:02d}" for n in range(members)]
    lines = [
        "version: 1",
        "partnership:",
        "  name: Eastbank Neighbourhood Alliance",
        "  purpose: Joined-up support for Eastbank residents.",
        "  established: 2022-01-10",
        "  as_of: 2026-11-01",
        "organisations:",
    ]
    for n, org in enumerate(ids):
        lines += [
            f"  - id: {org}",
            f"    name: Eastbank Residents' and Tenants' Association Number {n + 1}",
            "    sector: community",
        ]
    lines.append("activities:")
    for n in range(members):
        partners = [ids[(n + k) % members] for k in range(1, 6)]
        lines += [
            f"  - id: work-{n:02d}",
            f"    name: Street project {n + 1}",
            "    type: joint-delivery",
            "    status: active",
            "    start: 2025-06-01",
            f"    lead: {ids[n]}",
            f"    partners: [{', '.join(partners)}]",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def dense_partnership() -> str:
    """A dense partnership's YAML (`dense_yaml`): 14 members, each in five others' work."""
    return dense_yaml()

"""The pre-commit hooks, run by the real `pre-commit try-repo` against this repository.

pre-commit builds its own environment by installing the project, so this test needs the
package index; it is skipped when pre-commit is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def _pre_commit() -> str:
    found = str(PRE_COMMIT) if PRE_COMMIT.exists() else shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed")
    return found


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    folder = tmp_path_factory.mktemp("partnerships")
    _git(folder, "init", "-q")
    shutil.copy(EXAMPLES / "greenway-food.yaml", folder / "good.yaml")
    (folder / "bad.yaml").write_text(
        "partnership: {name: Broken}\norganisations:\n  - {id: council, nme: Council}\n",
        encoding="utf-8",
    )
    _git(folder, "add", ".")
    return folder


def _try(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {"PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "PATH": _path()}
    return subprocess.run(
        [_pre_commit(), "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def _path() -> str:
    import os

    return os.environ.get("PATH", "")


@pytest.mark.parametrize("hook", ["collabgain-validate", "collabgain-check"])
def test_hook_passes_a_good_file(repo: Path, hook: str) -> None:
    result = _try(repo, hook, "good.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_validate_hook_fails_a_bad_file_and_says_where(repo: Path) -> None:
    result = _try(repo, "collabgain-validate", "bad.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "bad.yaml:3:" in result.stdout and "CG002" in result.stdout

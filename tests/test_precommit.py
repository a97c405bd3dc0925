"""The pre-commit hooks, run by the real `pre-commit try-repo` against this repository.

pre-commit builds its own environment by installing the project, so this test needs the
package index; it is skipped when pre-commit is not installed.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    (folder / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
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
def test_hook_passes_a_good_file_and_skips_other_yaml(repo: Path, hook: str) -> None:
    result = _try(repo, hook, "good.yaml", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_validate_hook_fails_a_bad_file_and_says_where(repo: Path) -> None:
    result = _try(repo, "collabgain-validate", "bad.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "bad.yaml:3:" in result.stdout and "CG002" in result.stdout


# --------------------------------------------------------------------------- the hooks' commands


def _hook(hook_id: str) -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [found] = [h for h in hooks if h["id"] == hook_id]
    assert isinstance(found, dict)
    return found


def _as_pre_commit_runs_it(
    run_line: Callable[..., Any], hook_id: str, args: list[str] | None, *files: str
) -> Any:
    """`entry`, then `args` (the hook's own, or the user's), then the staged files."""
    hook = _hook(hook_id)
    entry = shlex.split(hook["entry"])
    assert entry[0] == "collabgain"
    return run_line(*entry[1:], *(hook["args"] if args is None else args), *files)


@pytest.mark.parametrize("hook_id", ["collabgain-validate", "collabgain-check"])
def test_hooks_fail_on_errors_by_default_and_take_fail_on_from_args(
    run_line: Callable[..., Any], write: Callable[..., Path], hook_id: str
) -> None:
    assert _hook(hook_id)["args"] == ["--fail-on", "error"]
    write("partnership.yaml", (EXAMPLES / "northshire-networks.yaml").read_text("utf-8"))
    write(".pre-commit-config.yaml", "repos: []\n")
    passed = _as_pre_commit_runs_it(
        run_line, hook_id, None, "partnership.yaml", ".pre-commit-config.yaml"
    )
    assert passed.exit_code == 0, passed.stdout + passed.stderr
    assert ".pre-commit-config.yaml" not in passed.stdout
    strict = _as_pre_commit_runs_it(run_line, hook_id, ["--fail-on", "warning"], "partnership.yaml")
    assert strict.exit_code == (1 if hook_id == "collabgain-check" else 0)
    if hook_id == "collabgain-check":
        assert "partnership.yaml:102:5: CG502 [warning]" in strict.stdout

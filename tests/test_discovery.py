"""Which files a run checks: partnership files in folders, hidden and ignored paths, exclusions,
and the configuration nearest to each file."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from collabgain_cli.discovery import NotReadable, has_partnership_key

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

GOOD = (EXAMPLES / "greenway-food.yaml").read_text(encoding="utf-8")
WORKFLOW = (EXAMPLES / "ci" / "github-workflow.yml").read_text(encoding="utf-8")
PRE_COMMIT_CONFIG = """\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.5.0
    hooks:
      - id: ruff
"""
NO_PURPOSE = """\
partnership:
  name: Riverside Partnership
  established: 2025-01-01
  as_of: 2025-03-01
organisations:
  - id: council
    name: City Council
"""


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def show_files(run_line: Callable[..., Any], *args: str) -> dict[str, str]:
    """`check --show-files ARGS`: path -> 'check (reason)' or 'skip (reason)'."""
    result = run_line("check", "--show-files", *args)
    assert result.exit_code == 0, result.stderr
    out = {}
    for line in result.stdout.splitlines():
        verdict, path, reason = line.split(maxsplit=1)[0], *line.split(maxsplit=1)[1].split("  (")
        out[path] = f"{verdict} ({reason}"
    return out


# --------------------------------------------------------------------------- the partnership key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("partnership:\n  name: A\n", True),
        ("# a comment\n%YAML 1.2\n---\nversion: 1\npartnership: {name: A}\n", True),
        ("\ufeffpartnership:\n  name: A\n", True),
        ("partnership:   # the partnership\n  name: A\n", True),
        ('{"partnership": {"name": "A"}, organisations: []}\n', True),
        ('"partnership":\n  name: A\n', True),
        ("? partnership\n: {name: A}\n", True),
        ("base: &base\n  x: 1\n<<: *base\n", True),
        ("version: 1\r\npartnership:\r\n  name: A\r\n", True),
        ("name: ci\non: [push]\njobs:\n  check:\n    partnership: x\n", False),
        ("note: |\n  partnership: not a key\nother: 1\n", False),
        ('note: "a quoted value\npartnership: still the value"\nother: 1\n', False),
        ("note: [a,\npartnership: b]\n", False),
        ("- partnership: in a list\n", False),
        ("just some text\n", False),
        ("---\nname: first\n---\npartnership: {name: second}\n", False),
        ("", False),
        (PRE_COMMIT_CONFIG, False),
        (WORKFLOW, False),
    ],
)
def test_whether_the_top_level_has_a_partnership_key(
    write: Callable[..., Path], text: str, expected: bool
) -> None:
    assert has_partnership_key(write("file.yaml", text)) is expected


def test_a_utf16_file_is_read_for_its_keys(write: Callable[..., Path]) -> None:
    assert has_partnership_key(write("file.yaml", "partnership:\n  name: A\n".encode("utf-16")))


def test_yaml_that_cannot_be_read_says_where(write: Callable[..., Path]) -> None:
    with pytest.raises(NotReadable, match="line 2, column 1: found unexpected end of stream"):
        has_partnership_key(write("file.yaml", '"unterminated: 1\n'))
    # Broken after the key: a partnership file, whose errors `check` reports.
    assert has_partnership_key(write("broken.yaml", "{partnership: [\n"))


# --------------------------------------------------------------------------- folders


@pytest.fixture
def repository(write: Callable[..., Path], tmp_path: Path) -> Path:
    """A repository with pre-commit, a GitHub workflow and two partnership files."""
    write(".pre-commit-config.yaml", PRE_COMMIT_CONFIG)
    write(".github/workflows/ci.yml", WORKFLOW)
    write("docker-compose.yml", "services:\n  web:\n    image: nginx\n")
    write("partnerships/greenway.yaml", GOOD)
    write("partnerships/ci/workflow.yml", WORKFLOW)
    write("docs/greenway.yml", GOOD)
    return tmp_path


def test_a_folder_checks_only_its_partnership_files(
    run_line: Callable[..., Any], repository: Path
) -> None:
    result = run_line("check", ".", "--format", "concise")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 files checked, 0 invalid" in result.stdout
    assert (
        "skipped 2 YAML files that are not partnership files (--show-files lists them)"
        in result.stderr
    )


def test_validate_in_a_repository_with_pre_commit(
    run_line: Callable[..., Any], repository: Path
) -> None:
    _git(repository, "init", "-q")
    result = run_line("validate", ".")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 files checked" in result.stdout


def test_show_files_says_why_each_path_is_checked_or_skipped(
    run_line: Callable[..., Any], repository: Path
) -> None:
    assert show_files(run_line, ".") == {
        "docs/greenway.yml": "check (has a top-level `partnership` key)",
        "partnerships/greenway.yaml": "check (has a top-level `partnership` key)",
        ".github/": "skip (hidden)",
        ".pre-commit-config.yaml": "skip (hidden)",
        "docker-compose.yml": "skip (no top-level `partnership` key)",
        "partnerships/ci/workflow.yml": "skip (no top-level `partnership` key)",
    }


def test_a_file_named_on_the_command_line_is_always_checked(
    run_line: Callable[..., Any], repository: Path
) -> None:
    result = run_line("validate", ".pre-commit-config.yaml")
    assert result.exit_code == 1
    assert ".pre-commit-config.yaml:1:1: CG002" in result.stdout


def test_force_exclude_skips_named_files_that_are_not_partnerships(
    run_line: Callable[..., Any], repository: Path
) -> None:
    result = run_line(
        "validate", "--force-exclude", ".pre-commit-config.yaml", "partnerships/greenway.yaml"
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 file checked" in result.stdout
    alone = run_line("validate", "--force-exclude", "docker-compose.yml")
    assert (alone.exit_code, alone.stdout) == (0, "")


def test_a_folder_with_no_partnership_file_is_a_usage_error(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("ci/workflow.yml", WORKFLOW)
    result = run_line("check", "ci")
    assert result.exit_code == 2
    assert result.stderr == (
        "collabgain: no partnership files found in ci (skipped 1 YAML file that is not a "
        "partnership file); --show-files lists what was skipped and why\n"
    )


def test_git_ignored_files_and_folders_are_skipped(
    run_line: Callable[..., Any], repository: Path, write: Callable[..., Path]
) -> None:
    _git(repository, "init", "-q")
    write(".gitignore", "generated/\n*.draft.yaml\n!keep.draft.yaml\n")
    write("generated/deep/greenway.yaml", GOOD)
    write("partnerships/new.draft.yaml", GOOD)
    write("partnerships/keep.draft.yaml", GOOD)
    shown = show_files(run_line, ".")
    assert shown["generated/"] == "skip (ignored by git (.gitignore:1: generated/))"
    assert shown["partnerships/new.draft.yaml"] == (
        "skip (ignored by git (.gitignore:2: *.draft.yaml))"
    )
    assert shown["partnerships/keep.draft.yaml"].startswith("check")
    assert "generated/deep/greenway.yaml" not in shown


def test_an_ignored_folder_named_on_the_command_line_is_searched(
    run_line: Callable[..., Any], repository: Path, write: Callable[..., Path]
) -> None:
    _git(repository, "init", "-q")
    write(".gitignore", "generated/\n")
    write("generated/deep/greenway.yaml", GOOD)
    shown = show_files(run_line, "generated")
    assert shown == {"generated/deep/greenway.yaml": "check (has a top-level `partnership` key)"}


def test_gitignore_means_nothing_outside_a_git_work_tree(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    write(".gitignore", "*.yaml\n")
    write("a.yaml", GOOD)
    shown = show_files(run_line, ".")
    assert shown["a.yaml"].startswith("check")


def test_exclude_and_extend_exclude_are_globs_as_ruff_has_them(
    run_line: Callable[..., Any], repository: Path, write: Callable[..., Path]
) -> None:
    write("node_modules/pkg/greenway.yaml", GOOD)
    write("archive/2023/old.yaml", GOOD)
    shown = show_files(run_line, ".")
    assert shown["node_modules/"] == "skip (excluded by 'node_modules' (the default exclusions))"
    assert shown["archive/2023/old.yaml"].startswith("check")

    shown = show_files(run_line, ".", "--extend-exclude", "archive/**/*.yaml,*.yml")
    assert shown["archive/2023/old.yaml"] == (
        "skip (excluded by 'archive/**/*.yaml' (--extend-exclude))"
    )
    assert shown["docs/greenway.yml"] == "skip (excluded by '*.yml' (--extend-exclude))"
    assert shown["node_modules/"].startswith("skip")

    # --exclude replaces the defaults.
    shown = show_files(run_line, ".", "--exclude", "docs")
    assert shown["docs/"] == "skip (excluded by 'docs' (--exclude))"
    assert shown["node_modules/pkg/greenway.yaml"].startswith("check")


def test_exclude_in_the_configuration_is_relative_to_its_folder(
    run_line: Callable[..., Any], repository: Path, write: Callable[..., Path]
) -> None:
    write("partnerships/collabgain.toml", 'extend-exclude = ["old/*.yaml"]\n')
    write("partnerships/old/gone.yaml", GOOD)
    write("old/kept.yaml", GOOD)
    shown = show_files(run_line, ".")
    where = "'extend-exclude' in partnerships/collabgain.toml"
    assert shown["partnerships/old/gone.yaml"] == f"skip (excluded by 'old/*.yaml' ({where}))"
    assert shown["old/kept.yaml"].startswith("check")


def test_a_bad_exclude_in_the_configuration_is_a_usage_error(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("collabgain.toml", 'exclude = "archive"\n')
    write("a.yaml", GOOD)
    result = run_line("check", ".")
    assert result.exit_code == 2
    assert "collabgain.toml: 'exclude' must be a list of globs" in result.stderr


# --------------------------------------------------------------------------- per-file configuration


def _codes(run_line: Callable[..., Any], *args: str) -> dict[str, set[str]]:
    result = run_line("check", "--format", "json", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.stderr
    return {
        f["path"]: {x["code"] for x in f["findings"]} for f in json.loads(result.stdout)["files"]
    }


def test_each_file_is_checked_with_the_configuration_nearest_to_it(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("north/collabgain.toml", 'select = ["CG101"]\n')
    write("north/a.yaml", NO_PURPOSE)
    write("south/pyproject.toml", '[tool.collabgain]\nselect = ["CG102"]\n')
    write("south/deep/b.yaml", NO_PURPOSE)
    write("west/c.yaml", NO_PURPOSE)
    found = _codes(run_line, ".")
    assert found["north/a.yaml"] == {"CG101"}
    assert found["south/deep/b.yaml"] == {"CG102"}
    assert {"CG101", "CG102"} <= found["west/c.yaml"]
    # --config overrides them all.
    write("only.toml", 'select = ["CG105"]\n')
    found = _codes(run_line, ".", "--config", "only.toml")
    assert all(codes <= {"CG105"} for codes in found.values())


def test_fail_on_of_each_file_decides_the_exit_code(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("lenient/collabgain.toml", 'select = ["CG102"]\n')
    write("lenient/a.yaml", NO_PURPOSE)
    assert run_line("check", "lenient").exit_code == 0
    write("strict/collabgain.toml", 'select = ["CG102"]\nfail-on = "warning"\n')
    write("strict/b.yaml", NO_PURPOSE)
    assert run_line("check", "lenient", "strict").exit_code == 1
    assert run_line("check", "lenient", "strict", "--fail-on", "error").exit_code == 0


def test_show_config_for_a_file_shows_what_applies_to_it(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("north/collabgain.toml", 'select = ["CG101"]\nfail-on = "info"\n')
    write("north/a.yaml", NO_PURPOSE)
    write("south/b.yaml", NO_PURPOSE)
    result = run_line("check", "--show-config", "north/a.yaml")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["file"] == "north/a.yaml"
    assert shown["source"] == str(Path("north") / "collabgain.toml")
    assert (shown["select"], shown["fail-on"]) == (["CG101"], "info")
    result = run_line("check", "--show-config", ".")
    both = json.loads(result.stdout)
    assert [(s["file"], s["source"]) for s in both] == [
        ("north/a.yaml", str(Path("north") / "collabgain.toml")),
        ("south/b.yaml", None),
    ]


# --------------------------------------------------------------------------- this repository


def test_this_repository_checks_only_its_partnership_files(
    run_line: Callable[..., Any],
) -> None:
    shown = show_files(run_line, str(ROOT))
    checked = sorted(
        Path(p).relative_to(ROOT).as_posix() for p, v in shown.items() if v[:5] == "check"
    )
    assert checked == sorted(
        [
            *(p.relative_to(ROOT).as_posix() for p in EXAMPLES.rglob("*.yaml")),
            *(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests/practitioner").glob("*.yaml")),
            "src/collabgain_cli/templates/partnership.yaml",
        ]
    )
    skipped = {Path(p).relative_to(ROOT).as_posix(): v for p, v in shown.items()}
    assert skipped["examples/ci/github-workflow.yml"] == "skip (no top-level `partnership` key)"
    assert skipped["principles.yaml"] == "skip (no top-level `partnership` key)"
    # The check itself: the invalid examples, and only they, make it fail.
    result = run_line("check", str(ROOT), "--format", "json")
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert sorted(Path(f["path"]).relative_to(ROOT).as_posix() for f in files) == checked
    assert all(f["valid"] == ("/invalid/" not in f["path"]) for f in files)


def test_a_folder_of_thousands_of_ignored_files_is_asked_of_git_at_once(
    run_line: Callable[..., Any], write: Callable[..., Path], tmp_path: Path
) -> None:
    _git(tmp_path, "init", "-q")
    write(".gitignore", "*.generated.yaml\n")
    folder = tmp_path / "data"
    folder.mkdir()
    long = "x" * 150  # long names: more than a pipe's worth of questions and answers at once
    for n in range(3000):
        (folder / f"{long}-{n:04}.generated.yaml").write_text("a: 1\n", encoding="utf-8")
    write("data/greenway.yaml", GOOD)
    shown = show_files(run_line, ".")
    ignored = [p for p, v in shown.items() if v.startswith("skip (ignored by git")]
    assert len(ignored) == 3000
    assert shown["data/greenway.yaml"].startswith("check")

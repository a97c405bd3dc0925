"""`collabgain history` on the histories that test how versions are read from git.

Every version comes through one `git cat-file --batch` process, by the blob id the log gives;
these tests make the awkward cases real: a file deleted and added again, a version whose
object the repository has lost, a version that is not text, a path with spaces, and content
committed more than once (a merge that takes the branch's file, a rename, a revert), which is
checked once per date and must read exactly as a fresh check would.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_diff import NEW, OLD, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

Run = Callable[..., Any]

UNDATED = OLD.replace("  as_of: 2026-05-01\n", "")
ROOT = Path(__file__).resolve().parents[1]


def commit(repo: Path, name: str, content: str | bytes, subject: str, date: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", subject, date=date)


def new_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    return repo


def versions(run_line: Run, path: str, *args: str) -> list[dict[str, Any]]:
    result = run_line("history", path, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)["versions"]
    return found


def checked(run_line: Run, tmp_path: Path, text: str, as_of: str) -> dict[str, Any]:
    """`collabgain check` of the same text, for what a version's record must say."""
    (tmp_path / "fresh.yaml").write_text(text, encoding="utf-8")
    result = run_line("check", "fresh.yaml", "-f", "json", "--exit-zero", "--as-of", as_of)
    record: dict[str, Any] = json.loads(result.stdout)["files"][0]
    return record


def test_a_file_deleted_and_added_again(run_line: Run, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, "partnership.yaml", OLD, "Describe the partnership", "2026-01-10T12:00:00Z")
    git(repo, "rm", "-q", "partnership.yaml")
    git(repo, "commit", "-q", "-m", "Retire the file", date="2026-02-10T12:00:00Z")
    commit(repo, "partnership.yaml", NEW, "Bring the file back", "2026-03-10T12:00:00Z")
    found = versions(run_line, "repo/partnership.yaml")
    # The deleting commit has no version of the file; the two that have one both show.
    assert [v["subject"] for v in found] == ["Describe the partnership", "Bring the file back"]
    assert [v["as_of"] for v in found] == ["2026-05-01", "2026-11-01"]
    assert all(v["valid"] for v in found)


def test_a_version_the_repository_has_lost_is_a_usage_error(run_line: Run, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, "partnership.yaml", OLD, "Describe the partnership", "2026-01-10T12:00:00Z")
    commit(repo, "partnership.yaml", NEW, "Autumn update", "2026-06-10T12:00:00Z")
    first = git(repo, "log", "--format=%h", "--reverse").split()[0]
    blob = git(repo, "rev-parse", f"{first}:partnership.yaml").strip()
    # As in a damaged clone: the first version's object is gone, the log still lists it.
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    result = run_line("history", "repo/partnership.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"collabgain: repo/partnership.yaml: the repository {repo.resolve()} has no copy of "
        f"partnership.yaml as of commit {first} (object {blob[:12]} is missing, as in a partial "
        "or damaged clone); fetch it (`git fetch`), or check fewer versions with --since or "
        "--max-count\n"
    )
    # Only the versions still there: the newest reads as ever.
    assert [v["subject"] for v in versions(run_line, "repo/partnership.yaml", "-n", "1")] == [
        "Autumn update"
    ]


def test_a_version_that_is_not_text_is_shown_invalid(run_line: Run, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, "partnership.yaml", OLD, "Describe the partnership", "2026-01-10T12:00:00Z")
    # A picture saved over the file: NUL bytes and line breaks inside git's answer.
    picture = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n\n\x00\xff" * 50
    commit(repo, "partnership.yaml", picture, "Oops, the logo", "2026-02-10T12:00:00Z")
    commit(repo, "partnership.yaml", NEW, "Put the description back", "2026-03-10T12:00:00Z")
    found = versions(run_line, "repo/partnership.yaml")
    assert [v["valid"] for v in found] == [True, False, True]
    assert [e["code"] for e in found[1]["errors"]] == ["CG007"]
    assert "not UTF-8: byte 0x89 on line 1" in found[1]["errors"][0]["message"]
    text = run_line("history", "repo/partnership.yaml")
    assert text.exit_code == 0
    assert re.search(r"\s1\s+✖ invalid\s+Oops, the logo\n", text.stdout)


def test_a_path_with_spaces(run_line: Run, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    name = "board papers/harbour partnership.yaml"
    commit(repo, name, OLD, "Describe the partnership", "2026-01-10T12:00:00Z")
    git(repo, "mv", name, "board papers/the harbour.yaml")
    git(repo, "commit", "-q", "-m", "A shorter name", date="2026-02-10T12:00:00Z")
    commit(repo, "board papers/the harbour.yaml", NEW, "Autumn update", "2026-06-10T12:00:00Z")
    found = versions(run_line, "repo/board papers/the harbour.yaml")
    renamed = "board papers/the harbour.yaml"
    assert [v["path"] for v in found] == [name, renamed, renamed]
    assert [v["valid"] for v in found] == [True, True, True]


def test_content_committed_again_reads_as_a_fresh_check(
    run_line: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Repeated content is checked once per date, and each version says what `check` says."""
    repo = new_repo(tmp_path)
    commit(repo, "partnership.yaml", UNDATED, "Undated", "2026-01-10T12:00:00Z")
    commit(repo, "partnership.yaml", OLD, "Dated", "2026-02-10T12:00:00Z")
    # A revert on another day: the undated text again, so checked as of the new date.
    commit(repo, "partnership.yaml", UNDATED, "Revert to undated", "2026-04-20T12:00:00Z")
    # A rename on the same day, and a merge taking the branch's file as it is.
    git(repo, "mv", "partnership.yaml", "harbour.yaml")
    git(repo, "commit", "-q", "-m", "Rename", date="2026-04-20T18:00:00Z")
    git(repo, "checkout", "-q", "-b", "autumn")
    commit(repo, "harbour.yaml", NEW, "Autumn figures", "2026-06-10T12:00:00Z")
    git(repo, "checkout", "-q", "main")
    commit(repo, "notes.md", "minutes\n", "Minutes", "2026-06-11T12:00:00Z")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge autumn", "autumn", date="2026-06-12T12:00:00Z")
    found = versions(run_line, "repo/harbour.yaml")
    assert [v["subject"] for v in found] == [
        "Undated",
        "Dated",
        "Revert to undated",
        "Rename",
        "Autumn figures",
        "Merge autumn",
    ]
    texts = [UNDATED, OLD, UNDATED, UNDATED, NEW, NEW]
    assert [v["as_of"] for v in found] == [
        "2026-01-10",
        "2026-05-01",
        "2026-04-20",
        "2026-04-20",
        "2026-11-01",
        "2026-11-01",
    ]
    for version, text in zip(versions(run_line, "repo/harbour.yaml"), texts, strict=True):
        fresh = checked(run_line, tmp_path, text, version["date"][:10])
        assert version["status"] == fresh["status"]
        assert version["principles"] == {p["id"]: p["status"] for p in fresh["principles"]}
        live = [f for f in fresh["findings"] if not f["waived"]]
        assert version["counts"]["warning"] == sum(f["severity"] == "warning" for f in live)
        assert version["counts"]["info"] == sum(f["severity"] == "info" for f in live)
    # The rename (same text, same day) and the merge (a text with its own date) were not
    # checked again.
    from collabgain_cli import history
    from collabgain_cli.engine import Settings

    calls: list[str] = []
    check = history.check

    def counted(loaded: Any, settings: Settings, **dated: Any) -> Any:
        calls.append(loaded.path)
        return check(loaded, settings, **dated)

    monkeypatch.setattr(history, "check", counted)
    again = history.file_history(str(repo / "harbour.yaml"), Settings.default())
    assert len(again.versions) == 6 and len(calls) == 4
    assert [v.report.path for v in again.versions] == [
        f"{v.commit.commit[:7]}:{v.commit.path}" for v in again.versions
    ]


def _history_process(repo: Path, stderr: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    env |= {"PYTHONPATH": str(ROOT / "src"), "TERM": "xterm-256color", "COLUMNS": "100"}
    return subprocess.Popen(
        [sys.executable, "-m", "collabgain_cli", "history", "partnership.yaml"],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=stderr,
    )


def _two_versions(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path)
    commit(repo, "partnership.yaml", OLD, "Describe the partnership", "2026-01-10T12:00:00Z")
    commit(repo, "partnership.yaml", NEW, "Autumn update", "2026-06-10T12:00:00Z")
    return repo


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    repo = _two_versions(tmp_path)
    process = _history_process(repo, subprocess.PIPE)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0
    assert err == b""
    assert out.startswith(b"partnership.yaml: 2 committed versions, oldest first\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_at_a_terminal_leaves_the_output_alone(tmp_path: Path) -> None:
    repo = _two_versions(tmp_path)
    piped = _history_process(repo, subprocess.PIPE).communicate(timeout=120)[0]
    main, terminal = pty.openpty()
    process = _history_process(repo, terminal)
    os.close(terminal)
    out = process.communicate(timeout=120)[0]
    shown = b""
    while True:
        try:
            piece = os.read(main, 4096)
        except OSError:  # the terminal is closed once the process has gone
            break
        if not piece:
            break
        shown += piece
    os.close(main)
    assert process.returncode == 0
    assert b"checking versions" in shown
    # The bar goes to the terminal only: the report is the same bytes as through a pipe.
    assert out == piped


def test_versions_read_ahead_skipped_or_out_of_order(tmp_path: Path) -> None:
    """git is asked for versions ahead of time; skipping one or going back still reads right."""
    from collabgain_cli.gitrev import Blobs, history, repository

    repo = new_repo(tmp_path)
    texts = [f"version: 1\n# draft {n}\n" for n in range(40)]
    for n, text in enumerate(texts):
        commit(repo, "p.yaml", text, f"Draft {n}", f"2026-01-{n % 28 + 1:02d}T12:00:00Z")
    commits = list(reversed(history(repository(str(repo / "p.yaml"), command="test"))))
    assert len(commits) == 40
    with Blobs(repo, commits) as blobs:
        # Every third one, then one already passed, then one never listed ahead.
        for n in range(0, 40, 3):
            assert blobs.read(commits[n], "p.yaml") == texts[n].encode()
        assert blobs.read(commits[1], "p.yaml") == texts[1].encode()
        assert blobs.read(commits[39], "p.yaml") == texts[39].encode()


def test_versions_read_in_small_batches_say_the_same(
    run_line: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long history is read a batch at a time, the next batch checked while this one's
    reports are gathered: with batches of 2 (so a revert and a rename fall in other batches
    than the content they repeat), every version says what it says read all at once."""
    from collabgain_cli import history

    repo = new_repo(tmp_path)
    texts = [UNDATED, OLD, UNDATED, NEW, OLD, NEW, UNDATED]
    for number, text in enumerate(texts, start=1):
        commit(repo, "partnership.yaml", text, f"Version {number}", f"2026-0{number}-10T12:00:00Z")
    whole = versions(run_line, "repo/partnership.yaml")
    monkeypatch.setattr(history, "BATCH", 2)
    assert versions(run_line, "repo/partnership.yaml") == whole
    assert [v["subject"] for v in whole] == [f"Version {n}" for n in range(1, 8)]

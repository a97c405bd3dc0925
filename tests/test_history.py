"""`collabgain history PATH` through the real CLI, on a git repository each test creates.

The repository holds five commits of the Harbour Partnership's file: a first version without
an as-of date, a broken one (an unknown chair), a fixed one dated by its own `as_of`, the
autumn update, and a rename to `harbour.yaml`. Counts and statuses are checked against
`collabgain check` on the same text, so new rules elsewhere do not break these tests.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_diff import NEW, OLD, git

from collabgain_cli.history import sparkline

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

Run = Callable[..., Any]

FIRST = OLD.replace("  as_of: 2026-05-01\n", "")
BROKEN = OLD.replace("{organisation: council, person: ann", "{organisation: counsil, person: ann")
FIXED = OLD.replace("as_of: 2026-05-01", "as_of: 2026-03-01")

# (file name, text, subject, commit date): oldest first.
COMMITS = (
    ("partnership.yaml", FIRST, "Describe the partnership", "2026-01-10T12:00:00+00:00"),
    ("partnership.yaml", BROKEN, "Record the chair", "2026-02-10T12:00:00+00:00"),
    # 00:30 in UTC+2 is still 9 March in UTC: --since compares the committer's own date.
    ("partnership.yaml", FIXED, "Fix the chair's id", "2026-03-10T00:30:00+02:00"),
    ("partnership.yaml", NEW, "Autumn update: the *growers* join", "2026-06-10T12:00:00+00:00"),
    ("harbour.yaml", NEW, "Name the file after the partnership", "2026-07-10T12:00:00+00:00"),
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def make_repo(folder: Path) -> Path:
    """The five commits above, with an unrelated commit in between, in a new `folder`."""
    folder.mkdir()
    git(folder, "init", "-q")
    current = None
    for index, (name, text, subject, date) in enumerate(COMMITS):
        if current is not None and name != current:
            git(folder, "mv", current, name)
        (folder / name).write_text(text, encoding="utf-8")
        git(folder, "add", name)
        git(folder, "commit", "-q", "-m", subject, date=date)
        current = name
        if index == 1:
            (folder / "notes.md").write_text("minutes\n", encoding="utf-8")
            git(folder, "add", "notes.md")
            git(folder, "commit", "-q", "-m", "Add the minutes", date=date)
    return folder


def _commits(repo: Path) -> list[str]:
    """Hashes of the commits that touched the partnership file, oldest first."""
    out = git(repo, "log", "--follow", "--format=%H", "--", "harbour.yaml")
    return list(reversed(out.split()))


def _json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _check(run_line: Run, tmp_path: Path, text: str, as_of: str) -> dict[str, Any]:
    (tmp_path / "version.yaml").write_text(text, encoding="utf-8")
    data = _json(
        run_line("check", "version.yaml", "--format", "json", "--exit-zero", "--as-of", as_of)
    )
    record: dict[str, Any] = data["files"][0]
    return record


def test_json_has_every_version_oldest_first(run_line: Run, repo: Path, tmp_path: Path) -> None:
    data = _json(run_line("history", "repo/harbour.yaml", "--format", "json"))
    assert data["path"] == "repo/harbour.yaml"
    versions = data["versions"]
    assert [v["commit"] for v in versions] == _commits(repo)
    assert [v["subject"] for v in versions] == [c[2] for c in COMMITS]
    assert [v["date"] for v in versions] == [c[3] for c in COMMITS]
    assert [v["path"] for v in versions] == [c[0] for c in COMMITS]
    assert [v["valid"] for v in versions] == [True, False, True, True, True]
    # Without partnership.as_of, a version is checked as of its commit date.
    assert [v["as_of"] for v in versions] == [
        "2026-01-10",
        None,
        "2026-03-01",
        "2026-11-01",
        "2026-11-01",
    ]
    broken = versions[1]
    assert [e["code"] for e in broken["errors"]] == ["CG003"]
    assert broken["counts"] == {"error": 1, "warning": 0, "info": 0, "waived": 0}
    assert broken["principles"] == {} and broken["collaboration_level"] is None
    assert [v["collaboration_level"] for v in versions] == [
        "networking",
        None,
        "networking",
        "coordinating",
        "coordinating",
    ]
    for version, (_name, text, _subject, date) in zip(versions, COMMITS, strict=True):
        if not version["valid"]:
            continue
        checked = _check(run_line, tmp_path, text, date[:10])
        assert version["status"] == checked["status"]
        assert version["principles"] == {p["id"]: p["status"] for p in checked["principles"]}
        live = [f for f in checked["findings"] if not f["waived"]]
        for severity in ("error", "warning", "info"):
            expected = sum(1 for f in live if f["severity"] == severity)
            assert version["counts"][severity] == expected


def test_text_table_and_sparkline(run_line: Run, repo: Path) -> None:
    result = run_line("history", "repo/harbour.yaml")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "repo/harbour.yaml: 5 committed versions, oldest first"
    assert re.match(r"Date\s+Commit\s+Principles\s+E\s+W\s+I\s+Level\s+Subject$", lines[2])
    rows = lines[3:8]
    short = [h[:7] for h in _commits(repo)]
    for row, commit, (_name, _text, _subject, date) in zip(rows, short, COMMITS, strict=True):
        assert row.startswith(f"{date[:10]}  {commit}  ")
    assert re.search(r"\s1\s+✖ invalid\s+Record the chair$", rows[1])
    assert rows[3].split()[2] == "✖✔▲▲▲✔✔▲✔○"
    assert "coordinating  Autumn update: the *growers* join" in rows[3]
    data = _json(run_line("history", "repo/harbour.yaml", "--format", "json"))
    warnings = [v["counts"]["warning"] if v["valid"] else None for v in data["versions"]]
    spark = next(line for line in lines if line.startswith("Warnings "))
    most = max(w for w in warnings if w is not None)
    assert spark == (
        f"Warnings {sparkline(warnings)}  oldest → newest; most {most}; ✖ invalid version"
    )
    assert sparkline(warnings)[1] == "✖"
    assert "Principles, in order: 1 Managing aims, 2 Balance of power," in result.stdout
    assert all(len(line) <= 100 for line in lines)


def test_colour_only_in_text_and_only_when_asked(run_line: Run, repo: Path) -> None:
    plain = run_line("history", "repo/harbour.yaml").stdout
    coloured = run_line("history", "repo/harbour.yaml", "--color", "always").stdout
    assert "\x1b[" not in plain and "\x1b[" in coloured
    shown = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert [line.rstrip() for line in shown.splitlines()] == plain.splitlines()
    data = run_line("history", "repo/harbour.yaml", "-f", "json", "--color", "always").stdout
    assert "\x1b[" not in data


def test_text_fits_80_columns(run_line: Run, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = run_line("history", "repo/harbour.yaml").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # Every column but the subject keeps its width; the subject is cut short.
    assert lines[3].split()[2] == "✖▲▲✔▲▲✔▲▲○"
    assert re.search(r"  networking +Describe the part\w*…$", lines[3])


def test_max_count_keeps_the_newest(run_line: Run, repo: Path) -> None:
    data = _json(run_line("history", "repo/harbour.yaml", "--max-count", "2", "-f", "json"))
    assert [v["subject"] for v in data["versions"]] == [c[2] for c in COMMITS[3:]]
    text = run_line("history", "repo/harbour.yaml", "-n", "1").stdout
    assert "1 committed version, oldest first" in text


@pytest.mark.parametrize(
    ("since", "first"),
    [("2026-03-10", 2), ("2026-03-11", 3), ("2026-01-10", 0), ("2026-07-10", 4)],
)
def test_since_compares_the_committers_own_date(
    run_line: Run, repo: Path, since: str, first: int
) -> None:
    data = _json(run_line("history", "repo/harbour.yaml", "--since", since, "-f", "json"))
    assert [v["subject"] for v in data["versions"]] == [c[2] for c in COMMITS[first:]]


def test_since_and_max_count_together(run_line: Run, repo: Path) -> None:
    args = ("history", "repo/harbour.yaml", "--since", "2026-02-01", "-n", "3", "-f", "json")
    data = _json(run_line(*args))
    assert [v["subject"] for v in data["versions"]] == [c[2] for c in COMMITS[2:]]


def test_a_merge_that_changes_the_file_is_a_version(run_line: Run, repo: Path) -> None:
    target = repo / "harbour.yaml"
    git(repo, "checkout", "-q", "-b", "winter")
    target.write_text(NEW.replace("as_of: 2026-11-01", "as_of: 2026-12-01"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Winter figures", date="2026-08-01T12:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "-s", "ours", "--no-commit", "winter")
    target.write_text(NEW.replace("as_of: 2026-11-01", "as_of: 2026-12-31"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Merge the winter figures", date="2026-08-03T12:00:00+00:00")
    # A merge that leaves the file as it was on the branch merged into is no new version.
    git(repo, "checkout", "-q", "-b", "spring")
    target.write_text(NEW.replace("as_of: 2026-11-01", "as_of: 2027-03-01"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Spring figures", date="2026-08-04T12:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "-s", "ours", "-m", "Keep ours", "spring", date="2026-08-05T12:00:00Z")
    data = _json(run_line("history", "repo/harbour.yaml", "--since", "2026-08-01", "-f", "json"))
    versions = [(v["subject"], v["as_of"]) for v in data["versions"]]
    assert versions == [
        ("Winter figures", "2026-12-01"),
        ("Merge the winter figures", "2026-12-31"),
        ("Spring figures", "2027-03-01"),
    ]


def test_markdown_table(run_line: Run, repo: Path) -> None:
    result = run_line("history", "repo/harbour.yaml", "--format", "markdown")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("## collabgain history: `repo/harbour.yaml`\n")
    assert "5 committed versions, oldest first. Warnings over time: `" in out
    assert "(✖: invalid version)" in out
    header = next(line for line in out.splitlines() if line.startswith("| Date |"))
    assert header.startswith("| Date | Commit | Subject | Managing aims | Balance of power |")
    assert header.endswith("| Errors | Warnings | Info | Level |")
    rows = [line for line in out.splitlines() if line.startswith("| 2026-")]
    assert len(rows) == 5
    short = _commits(repo)[1][:7]
    assert rows[1].startswith(f"| 2026-02-10 | `{short}` | Record the chair |")
    assert rows[1].endswith("| 1 | 0 | 0 | 🔴 invalid |")
    # Subjects come from the repository and are escaped.
    assert r"Autumn update: the \*growers\* join" in rows[3]
    assert rows[3].endswith("| coordinating |")


def test_relative_to_a_subfolder(
    run_line: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    data = _json(run_line("history", "harbour.yaml", "-f", "json"))
    assert len(data["versions"]) == 5


def test_outside_a_repository_is_a_usage_error(run_line: Run, write: Callable[..., Path]) -> None:
    write("alone/partnership.yaml", OLD)
    result = run_line("history", "alone/partnership.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert re.match(
        r"collabgain: alone/partnership.yaml: not in a git repository \(none found from .*alone "
        r"upward\); `collabgain history` reads the file's git history, so give a file inside a "
        r"repository\n$",
        result.stderr,
    )


@pytest.mark.parametrize("path", ["repo", "repo/"])
def test_a_folder_is_a_usage_error(run_line: Run, repo: Path, path: str) -> None:
    result = run_line("history", path)
    assert result.exit_code == 2
    assert result.stderr == f"collabgain: {path}: is a folder; give one partnership file\n"


def test_an_uncommitted_file_is_a_usage_error(run_line: Run, repo: Path) -> None:
    (repo / "draft.yaml").write_text(OLD, encoding="utf-8")
    result = run_line("history", "repo/draft.yaml")
    assert result.exit_code == 2
    assert "repo/draft.yaml: no committed versions in " in result.stderr
    assert "commit the file" in result.stderr
    late = run_line("history", "repo/harbour.yaml", "--since", "2027-01-01")
    assert late.exit_code == 2
    assert "no committed versions since 2027-01-01" in late.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "last week"), "--since: 'last week' is not a date"),
        (("--max-count", "0"), "Invalid value for '--max-count'"),
        (("--format", "sarif"), "'sarif' is not one of"),
        (("--ignore", "nonsense-rule"), "unknown rule 'nonsense-rule'"),
    ],
)
def test_bad_options_are_usage_errors(
    run_line: Run, repo: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_line("history", "repo/harbour.yaml", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_git_missing_is_a_usage_error(
    run_line: Run, repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = run_line("history", "repo/harbour.yaml")
    assert result.exit_code == 2
    assert "collabgain: git is not installed or not on PATH; install git" in result.stderr


def test_select_narrows_the_checks(run_line: Run, repo: Path) -> None:
    data = _json(run_line("history", "repo/harbour.yaml", "--select", "CG6", "-f", "json"))
    for version in data["versions"]:
        if version["valid"]:
            assert list(version["principles"]) == ["leadership-structures"]
    assert data["versions"][0]["principles"] == {"leadership-structures": "amber"}
    assert data["versions"][4]["principles"] == {"leadership-structures": "green"}


def test_sparkline_scales_to_the_largest() -> None:
    assert sparkline([0, 1, 2, 4, None, 8]) == "▁▂▃▅✖█"
    assert sparkline([0, 0]) == "▁▁"
    assert sparkline([None]) == "✖"


# ------------------------------------------------------------------------ the README

ROOT = Path(__file__).resolve().parents[1]


def _readme_example(command: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Change over time: `diff` and `history`\n", 1)[1]
    shown: str = section.split(f"```text\n$ {command}\n", 1)[1].split("```", 1)[0]
    return shown


@pytest.mark.parametrize(
    "command",
    [
        "collabgain history harbour.yaml --select CG1,CG2,CG6",
        "collabgain diff HEAD~2:partnership.yaml harbour.yaml --select CG2,CG6",
    ],
)
def test_readme_examples_are_the_real_output(
    run_line: Run, repo: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("COLUMNS", "80")
    result = run_line(*command.split()[1:])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _readme_example(command)


def test_a_version_over_the_size_limit_is_shown_invalid(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A committed version over the limit is refused unread, as the loader refuses a file."""
    from collabgain_cli import gitrev
    from collabgain_cli.engine import Settings
    from collabgain_cli.history import file_history

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "p.yaml").write_text(OLD, encoding="utf-8")
    git(repo, "add", "p.yaml")
    git(repo, "commit", "-qm", "first")
    monkeypatch.setattr(gitrev, "MAX_FILE_BYTES", 10)
    found = file_history(str(repo / "p.yaml"), Settings.default())
    (version,) = found.versions
    assert not version.report.valid
    assert version.report.errors[0].code == "CG007"
    assert "file is too large" in version.report.errors[0].message


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [80, 120])
def test_rows_written_directly_are_the_rows_rich_prints(
    repo: Path, color: bool, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table's rows are written as terminal lines, not through Rich's table: byte for
    byte the rows Rich's table prints, with colour and without, an invalid version, a subject
    cut with an ellipsis and wide characters among them."""
    import dataclasses

    from collabgain_cli.engine import Settings
    from collabgain_cli.history import Counted, file_history
    from collabgain_cli.pipeline import check_path
    from collabgain_cli.report.text import history as text_history
    from collabgain_cli.report.text import text_of

    monkeypatch.chdir(repo)
    found = file_history("partnership.yaml", Settings.default())
    broken = repo / "broken.yaml"
    broken.write_text("partnership: [\n", encoding="utf-8")
    invalid = Counted.of(check_path(str(broken), Settings.default()).report)
    subjects = ["Quarterly review", "会議の記録 " * 12, "Autumn figures; " * 9]
    versions = [
        dataclasses.replace(
            version,
            commit=dataclasses.replace(version.commit, subject=subjects[index % 3]),
            counted=invalid if index == 1 else version.counted,
        )
        for index, version in enumerate(found.versions * 2)
    ]
    rows = [text_history._row(found, v) for v in versions]
    widths = text_history._widths(rows, len)
    subject = width - sum(widths) - 2 * len(widths)
    assert subject >= 8
    direct = text_of(
        [text_history._table([], widths, subject)], color=color, width=width
    ) + text_history._lines(rows, widths, subject, color=color)
    by_rich = text_of([text_history._table(rows, widths, subject)], color=color, width=width)
    assert direct == by_rich
    assert "…" in direct and "invalid" in direct

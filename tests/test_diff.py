"""`collabgain diff OLD NEW` through the real CLI, on files and on git revisions.

Between OLD (as of 2026-05-01) and NEW (as of 2026-11-01) of the Harbour Partnership: the
growers join, Bob leaves, the chair passes from the council to the college, five joint
decisions halve the council's decision share, the college starts paying, the homes aim is
agreed, joint work begins (networking -> coordinating), and the council's hold on decisions
(CG601, CG201) is resolved. Findings are checked against `collabgain check` on each file, so
new rules elsewhere do not break these tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

OLD = """\
version: 1
partnership:
  name: Harbour Partnership
  established: 2024-01-01
  as_of: 2026-05-01
organisations:
  - {id: council, name: City Council, roles: [funder, convener]}
  - {id: trust, name: Housing Trust}
  - {id: college, name: Harbour College}
people:
  - {id: ann, name: Ann Lee, organisation: council}
  - {id: bob, name: Bob Shaw, organisation: trust}
  - {id: cat, name: Cat Diaz, organisation: college}
aims:
  - {id: homes, text: 500 new homes by 2030, status: proposed}
governance:
  decision_rule: consensus
  chairs:
    - {organisation: council, person: ann, from: 2024-01-01}
decisions:
  - {date: 2025-06-01, summary: Set the budget, made_by: [council]}
  - {date: 2025-07-01, summary: Hire a coordinator, made_by: [council]}
  - {date: 2025-08-01, summary: Pick the sites, made_by: [council]}
  - {date: 2025-09-01, summary: Agree the plan, made_by: [council]}
  - {date: 2025-10-01, summary: Publish the report, made_by: [council]}
funding:
  - {from: council, amount: 90000}
  - {from: trust, amount: 10000}
"""

NEW = """\
version: 1
partnership:
  name: Harbour Partnership
  established: 2024-01-01
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council, roles: [funder, convener]}
  - {id: trust, name: Housing Trust}
  - {id: college, name: Harbour College}
  - {id: growers, name: Harbour Growers, joined: 2026-09-01}
people:
  - {id: ann, name: Ann Lee, organisation: council}
  - {id: bob, name: Bob Shaw, organisation: trust, left: 2026-08-31}
  - {id: cat, name: Cat Diaz, organisation: college}
aims:
  - id: homes
    text: 500 new homes by 2030
    status: agreed
    agreed_by: [council, trust, college, growers]
governance:
  decision_rule: consensus
  chairs:
    - {organisation: council, person: ann, from: 2024-01-01, to: 2026-06-30}
    - {organisation: college, person: cat, from: 2026-07-01}
decisions:
  - {date: 2025-06-01, summary: Set the budget, made_by: [council]}
  - {date: 2025-07-01, summary: Hire a coordinator, made_by: [council]}
  - {date: 2025-08-01, summary: Pick the sites, made_by: [council]}
  - {date: 2025-09-01, summary: Agree the plan, made_by: [council]}
  - {date: 2025-10-01, summary: Publish the report, made_by: [council]}
  - {date: 2026-07-01, summary: Choose a new chair, made_by: [trust, college]}
  - {date: 2026-08-01, summary: Plan the garden, made_by: [trust, college]}
  - {date: 2026-09-01, summary: Welcome the growers, made_by: [trust, college]}
  - {date: 2026-10-01, summary: Open the garden, made_by: [trust, college]}
  - {date: 2026-10-15, summary: Review the year, made_by: [trust, college]}
funding:
  - {from: council, amount: 50000}
  - {from: trust, amount: 30000}
  - {from: college, amount: 20000}
activities:
  - id: garden
    name: Community garden
    type: joint-delivery
    status: active
    start: 2026-07-01
    lead: trust
    partners: [college, growers]
    aims: [homes]
"""

Run = Callable[..., Any]
Write = Callable[[str, str], Path]


def _json(result: Any) -> dict[str, Any]:
    assert result.stderr == "", result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _keys(findings: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted((f["code"], f["subject"], f["path"]) for f in findings)


def _live(run_line: Run, path: str) -> list[tuple[str, str, str]]:
    """The unwaived findings `collabgain check` reports for a file, as comparison keys."""
    data = _json(run_line("check", "--format", "json", "--exit-zero", path))
    return _keys([f for f in data["files"][0]["findings"] if not f["waived"]])


def _minus(a: list[tuple[str, str, str]], b: list[tuple[str, str, str]]) -> list[Any]:
    rest = list(b)
    out = []
    for key in a:
        if key in rest:
            rest.remove(key)
        else:
            out.append(key)
    return sorted(out)


@pytest.fixture
def pair(write: Write) -> tuple[str, str]:
    write("old.yaml", OLD)
    write("new.yaml", NEW)
    return "old.yaml", "new.yaml"


def test_json_names_every_change(run_line: Run, pair: tuple[str, str]) -> None:
    result = run_line("diff", *pair, "--format", "json")
    assert result.exit_code == 0
    data = _json(result)
    assert list(data)[:4] == ["tool", "old", "new", "comparable"]
    assert data["comparable"] is True
    assert data["old"]["as_of"] == "2026-05-01" and data["new"]["as_of"] == "2026-11-01"
    assert data["organisations"] == {
        "joined": [
            {"id": "growers", "name": "Harbour Growers", "detail": "added, joined 2026-09-01"}
        ],
        "left": [],
    }
    assert data["people"] == {
        "joined": [],
        "left": [
            {"id": "bob", "name": "Bob Shaw", "organisation": "trust", "detail": "left 2026-08-31"}
        ],
    }
    assert data["chair"] == {
        "before": [{"organisation": "council", "person": "ann"}],
        "after": [{"organisation": "college", "person": "cat"}],
        "changed": True,
    }
    assert data["decision_shares"] == {
        "window_months": 24,
        "decisions_before": 5,
        "decisions_after": 10,
        "organisations": [
            {"id": "council", "before": 1.0, "after": 0.5},
            {"id": "college", "before": None, "after": 0.25},
            {"id": "trust", "before": None, "after": 0.25},
        ],
    }
    assert data["funding_shares"] == [
        {
            "currency": "GBP",
            "total_before": 100000.0,
            "total_after": 100000.0,
            "organisations": [
                {"id": "council", "before": 0.9, "after": 0.5},
                {"id": "trust", "before": 0.1, "after": 0.3},
                {"id": "college", "before": None, "after": 0.2},
            ],
        }
    ]
    assert data["aims"] == [
        {"id": "homes", "text": "500 new homes by 2030", "before": "proposed", "after": "agreed"}
    ]
    assert data["collaboration_level"] == {
        "before": "networking",
        "after": "coordinating",
        "changed": True,
    }
    statuses = {p["id"]: (p["before"], p["after"], p["changed"]) for p in data["principles"]}
    assert statuses["balance-of-power"] == ("amber", "green", True)
    assert statuses["leadership-structures"] == ("amber", "green", True)
    assert statuses["members-view"] == ("not assessed", "not assessed", False)


def test_findings_that_appeared_and_resolved_match_check(
    run_line: Run, pair: tuple[str, str]
) -> None:
    data = _json(run_line("diff", *pair, "--format", "json"))
    old, new = _live(run_line, "old.yaml"), _live(run_line, "new.yaml")
    appeared = _keys(data["findings"]["appeared"])
    resolved = _keys(data["findings"]["resolved"])
    assert appeared == _minus(new, old)
    assert resolved == _minus(old, new)
    assert ("CG601", "council", "decisions") in resolved
    assert ("CG201", "partnership", "decisions") in resolved
    assert ("CG104", "homes", "aims[0]") in resolved
    assert any(code == "CG803" for code, _, _ in appeared)
    assert all(f["waived_now"] is None for f in data["findings"]["resolved"])


def test_text_report(run_line: Run, pair: tuple[str, str]) -> None:
    result = run_line("diff", *pair)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Harbour Partnership: what changed\n")
    assert "old  old.yaml  as of 2026-05-01 · ✖ red · level networking\n" in out
    assert "new  new.yaml  as of 2026-11-01 · ✖ red · level coordinating\n" in out
    assert "  + joined growers Harbour Growers (added, joined 2026-09-01)\n" in out
    assert "  - left   bob Bob Shaw, trust (left 2026-08-31)\n" in out
    assert "  council (ann) → college (cat)\n" in out
    assert "5 decisions → 10 decisions" in out
    assert re.search(r"\n  council\s+100%\s+50%\s+-50 pts\n", out)
    assert re.search(r"\n  college\s+-\s+25%\s+\+25 pts\n", out)
    assert re.search(r"\n  council\s+90%\s+50%\s+-40 pts\n", out)
    assert "  homes proposed → agreed\n" in out
    assert re.search(r"\n  - ▲ warning CG601 centralised-decisions · council\n", out)
    assert re.search(r"\n  \+ ▲ warning CG803 untracked-activity · garden\n", out)
    assert re.search(r"Balance of power\s+▲ amber\s+✔ green\s+changed\n", out)
    assert re.search(r"Active leadership\s+✔ green\s+✔ green\n", out)
    assert "Collaboration level: networking → coordinating\n" in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_markdown_report(run_line: Run, pair: tuple[str, str]) -> None:
    result = run_line("diff", *pair, "--format", "markdown")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("## collabgain diff: Harbour Partnership\n")
    assert "| Before | `old.yaml` | 2026-05-01 |" in out
    assert "| After | `new.yaml` | 2026-11-01 |" in out
    assert (
        "- \N{HEAVY PLUS SIGN} **growers** Harbour Growers joined (added, joined 2026-09-01)" in out
    )
    assert "- \N{HEAVY MINUS SIGN} **bob** Bob Shaw, trust left (left 2026-08-31)" in out
    assert "council (ann) → **college (cat)**" in out
    assert "| council | 100% | 50% | -50 pts |" in out
    assert "| college | - | 20% | +20 pts |" in out
    assert "| **homes** 500 new homes by 2030 | proposed | agreed |" in out
    assert "| Balance of power | 🟠 amber | **🟢 green** |" in out
    assert "networking → **coordinating**" in out
    assert re.search(
        r"- ⚠️ warning \*\*CG601\*\* centralised-decisions · council: .*`old\.yaml:21`", out
    )


def test_markdown_escapes_what_comes_from_the_files(run_line: Run, write: Write) -> None:
    write("old.yaml", OLD)
    name = "Growers <b>|*north*|</b> [x](y)"
    write(
        "new.yaml",
        OLD.replace("people:\n", f"  - {{id: growers, name: '{name}'}}\npeople:\n").replace(
            "  - {id: cat, name: Cat Diaz, organisation: college}\n", ""
        ),
    )
    out = run_line("diff", "old.yaml", "new.yaml", "--format", "markdown").stdout
    assert (
        "**growers** Growers &lt;b&gt;\\|\\*north\\*\\|&lt;/b&gt; \\[x\\](y) joined (added)"
    ) in out
    assert "**cat** Cat Diaz, college left (removed from the file)" in out
    assert "<b>" not in out


def test_a_finding_now_waived_counts_as_resolved_with_its_reason(
    run_line: Run, write: Write
) -> None:
    write("old.yaml", OLD)
    reason = "the council pays until the lottery bid is decided"
    write(
        "new.yaml",
        OLD + f"waivers:\n  - {{rule: CG202, subject: council, reason: {reason}}}\n",
    )
    data = _json(run_line("diff", "old.yaml", "new.yaml", "--format", "json"))
    assert data["findings"]["appeared"] == []
    [resolved] = data["findings"]["resolved"]
    assert (resolved["code"], resolved["waived_now"]) == ("CG202", reason)
    text = run_line("diff", "old.yaml", "new.yaml").stdout
    assert f"still found, now waived: {reason}" in text


def test_same_file_changes_nothing(run_line: Run, write: Write) -> None:
    write("old.yaml", OLD)
    result = run_line("diff", "old.yaml", "old.yaml")
    assert result.exit_code == 0
    out = result.stdout
    assert out.count("none joined or left") == 2
    assert "unchanged: council (ann)" in out
    assert "Findings: 0 appeared, 0 resolved" in out
    assert "changed" not in out.split("Principles")[1].replace("unchanged", "")
    assert "Collaboration level: networking (no change)" in out


def test_an_invalid_side_exits_1_and_shows_its_errors(run_line: Run, write: Write) -> None:
    write("old.yaml", OLD)
    write("bad.yaml", OLD.replace("person: ann", "person: anne"))
    result = run_line("diff", "old.yaml", "bad.yaml")
    assert result.exit_code == 1
    assert "new  bad.yaml  ✖ invalid" in result.stdout
    assert "CG003 unknown-reference" in result.stdout
    assert "Nothing compared: fix the invalid description first." in result.stdout
    data = _json(run_line("diff", "old.yaml", "bad.yaml", "--format", "json"))
    assert data["comparable"] is False
    assert data["old"]["valid"] is True and data["new"]["valid"] is False
    assert [e["code"] for e in data["new"]["errors"]] == ["CG003"]
    assert "organisations" not in data
    markdown = run_line("diff", "bad.yaml", "old.yaml", "--format", "markdown")
    assert markdown.exit_code == 1
    assert "### 🔴 `bad.yaml` is invalid" in markdown.stdout


def test_standard_input_as_one_side(run_line: Run, write: Write) -> None:
    write("new.yaml", NEW)
    data = _json(run_line("diff", "-", "new.yaml", "--format", "json", input=OLD))
    assert data["old"]["path"] == "<stdin>"
    assert data["chair"]["changed"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.yaml", "old.yaml"), "missing.yaml: no such file or folder"),
        (("folder", "old.yaml"), "folder: is a folder; give one partnership file"),
        (("-", "-"), "'-' (standard input) can be given only once"),
        (("old.yaml", "old.yaml", "--select", "CG999"), "unknown rule 'CG999'"),
        (("old.yaml", "old.yaml", "--as-of", "May"), "--as-of: 'May' is not a date"),
        (("old.yaml", "old.yaml", "--format", "sarif"), "'sarif' is not one of"),
    ],
)
def test_usage_errors_exit_2(
    run_line: Run, write: Write, args: tuple[str, ...], message: str
) -> None:
    write("old.yaml", OLD)
    write("folder/a.yaml", OLD)
    result = run_line("diff", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_output_file(run_line: Run, pair: tuple[str, str], tmp_path: Path) -> None:
    result = run_line("diff", *pair, "--format", "markdown", "--output", "comment.md")
    assert result.exit_code == 0 and result.stdout == ""
    assert (tmp_path / "comment.md").read_text(encoding="utf-8").startswith("## collabgain diff")


# ------------------------------------------------------------------------ git revisions

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, date: str = "2026-06-01T12:00:00+00:00") -> str:
    """Run git in `repo` with a fixed identity and date, ignoring the user's configuration."""
    env = {k: v for k, v in os.environ.items() if not (k.startswith("GIT_") or k == "EMAIL")} | {
        "GIT_AUTHOR_NAME": "Harbour Secretariat",
        "GIT_AUTHOR_EMAIL": "secretariat@example.org",
        "GIT_COMMITTER_NAME": "Harbour Secretariat",
        "GIT_COMMITTER_EMAIL": "secretariat@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    command = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args]
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository in which partnership.yaml was committed as OLD, then as NEW."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    target = folder / "partnership.yaml"
    target.write_text(OLD, encoding="utf-8")
    git(folder, "add", "partnership.yaml")
    git(folder, "commit", "-q", "-m", "Describe the partnership", date="2026-05-02T09:00:00+01:00")
    target.write_text(NEW, encoding="utf-8")
    git(folder, "commit", "-q", "-am", "Autumn update", date="2026-11-02T09:00:00+00:00")
    return folder


def _without_paths(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for side in ("old", "new"):
        out[side] = {k: v for k, v in data[side].items() if k != "path"}
    return out


@needs_git
def test_a_revision_gives_the_same_diff_as_the_files(
    run_line: Run, pair: tuple[str, str], repo: Path
) -> None:
    files = _json(run_line("diff", *pair, "--format", "json"))
    found = files.pop("findings")
    findings = {key: _keys(found[key]) for key in ("appeared", "resolved")}
    for old, new in (
        ("HEAD~1:repo/partnership.yaml", "repo/partnership.yaml"),
        ("HEAD~1:repo/partnership.yaml", "HEAD:repo/partnership.yaml"),
        ("main~1:repo/partnership.yaml", "main:repo/partnership.yaml"),
    ):
        result = run_line("diff", old, new, "--format", "json")
        assert result.exit_code == 0, result.stderr
        data = _json(result)
        assert (data["old"]["path"], data["new"]["path"]) == (old, new)
        # Findings point into each side by path and line, which are the same in both pairs.
        assert {key: _keys(data["findings"][key]) for key in findings} == findings
        data.pop("findings")
        assert _without_paths(data) == _without_paths(files)


@needs_git
def test_a_revision_without_as_of_is_checked_as_of_its_commit_date(
    run_line: Run, repo: Path
) -> None:
    target = repo / "partnership.yaml"
    target.write_text(NEW.replace("  as_of: 2026-11-01\n", ""), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Drop the as-of date", date="2026-12-01T23:30:00-05:00")
    data = _json(
        run_line("diff", "HEAD~1:repo/partnership.yaml", "HEAD:repo/partnership.yaml", "-f", "json")
    )
    # The committer's own calendar date, not the UTC one (2026-12-02).
    assert data["new"]["as_of"] == "2026-12-01"
    working = _json(
        run_line("diff", "HEAD:repo/partnership.yaml", "repo/partnership.yaml", "-f", "json")
    )
    assert working["old"]["as_of"] == "2026-12-01"
    # A file on disk without as_of uses --as-of, as check does.
    dated = _json(
        run_line(
            "diff",
            "HEAD:repo/partnership.yaml",
            "repo/partnership.yaml",
            "-f",
            "json",
            "--as-of",
            "2027-01-31",
        )
    )
    assert dated["new"]["as_of"] == "2027-01-31"


@needs_git
def test_a_file_whose_name_has_a_colon_is_a_file(run_line: Run, write: Write, repo: Path) -> None:
    write("HEAD:old.yaml", OLD)
    write("new.yaml", NEW)
    data = _json(run_line("diff", "HEAD:old.yaml", "new.yaml", "--format", "json"))
    assert data["old"]["path"] == "HEAD:old.yaml"
    assert data["chair"]["changed"] is True


@needs_git
@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "nosuch:repo/partnership.yaml",
            "nosuch:repo/partnership.yaml: no such file, and 'nosuch' is not a commit in",
        ),
        (
            "HEAD~5:repo/partnership.yaml",
            "HEAD~5:repo/partnership.yaml: no such file, and 'HEAD~5' is not a commit in",
        ),
        ("HEAD:repo", "HEAD:repo: repo is a folder; give one partnership file"),
        (
            "HEAD:repo/other.yaml",
            "HEAD:repo/other.yaml: other.yaml does not exist in commit",
        ),
    ],
)
def test_a_bad_revision_is_a_usage_error(
    run_line: Run, repo: Path, spec: str, message: str
) -> None:
    result = run_line("diff", spec, "repo/partnership.yaml")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@needs_git
def test_a_revision_outside_a_repository_is_a_usage_error(run_line: Run, write: Write) -> None:
    write("new.yaml", NEW)
    result = run_line("diff", "HEAD:new.yaml", "new.yaml")
    assert result.exit_code == 2
    assert (
        "HEAD:new.yaml: no such file, and new.yaml is not in a git repository, so 'HEAD' "
        "cannot be a revision of it"
    ) in result.stderr


@needs_git
def test_git_missing_is_a_usage_error(
    run_line: Run, repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = run_line("diff", "HEAD~1:repo/partnership.yaml", "repo/partnership.yaml")
    assert result.exit_code == 2
    assert "git is not installed or not on PATH" in result.stderr


def test_colour_only_in_text_and_only_when_asked(run_line: Run, pair: tuple[str, str]) -> None:
    assert "\x1b[" not in run_line("diff", *pair).stdout
    coloured = run_line("diff", *pair, "--color", "always").stdout
    assert "\x1b[" in coloured
    shown = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    plain = run_line("diff", *pair).stdout
    assert [line.rstrip() for line in shown.splitlines()] == plain.splitlines()
    for output_format in ("json", "markdown"):
        out = run_line("diff", *pair, "-f", output_format, "--color", "always").stdout
        assert "\x1b[" not in out

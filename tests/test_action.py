"""The GitHub Action (action.yml) and the workflow example that uses it.

Both are validated against GitHub's own schemas (as SchemaStore publishes them, vendored in the
check-jsonschema package). The action is then run as GitHub runs a composite action: each step's
`run` script in bash (`bash --noprofile --norc -eo pipefail`, GitHub's `shell: bash`), with its
`env` evaluated from the inputs, `GITHUB_ACTION_PATH` pointing at this checkout, and
`GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` as files; a `uses` step (the SARIF upload) is recorded
with its inputs rather than run. Installing collabgain into a fresh virtual environment needs
the package index, and takes a while, so it is done once for the module.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "examples" / "ci" / "github-workflow.yml"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


class _Loader(yaml.SafeLoader):
    """YAML as GitHub reads it: `on` is a key, not the boolean true."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _read(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    assert isinstance(data, dict)
    return data


def _schema(name: str) -> dict[str, Any]:
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads(vendor.joinpath(name).read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def _errors(document: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


# --------------------------------------------------------------------------- schemas


def test_the_action_is_valid_against_githubs_action_schema() -> None:
    assert _errors(_read(ACTION), _schema("github-actions.json")) == []


def test_the_workflow_example_is_valid_against_githubs_workflow_schema() -> None:
    assert _errors(_read(WORKFLOW), _schema("github-workflows.json")) == []


def test_the_schemas_do_catch_mistakes() -> None:
    action = _read(ACTION)
    action["runs"]["steps"][0].pop("shell")
    assert _errors(action, _schema("github-actions.json"))
    workflow = _read(WORKFLOW)
    workflow["jobs"]["check"]["permissions"]["security-events"] = "admin"
    assert _errors(workflow, _schema("github-workflows.json"))


def test_every_action_used_is_pinned_by_commit() -> None:
    uses = [s["uses"] for s in _read(ACTION)["runs"]["steps"] if "uses" in s]
    workflow_uses = [s["uses"] for s in _read(WORKFLOW)["jobs"]["check"]["steps"]]
    collabgain = [u for u in workflow_uses if u.startswith("your-org/collabgain@")]
    assert collabgain == ["your-org/collabgain@FULL-COMMIT-SHA"]
    others = [u for u in uses + workflow_uses if u not in collabgain]
    assert others and all(PINNED.match(u) for u in others), others
    assert "FULL-COMMIT-SHA" in WORKFLOW.read_text(encoding="utf-8").split("name:")[0]


def test_the_workflow_asks_for_the_permissions_sarif_upload_needs_and_no_more() -> None:
    workflow = _read(WORKFLOW)
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["check"]["permissions"] == {
        "contents": "read",
        "security-events": "write",
        "actions": "read",
    }


def test_no_run_script_expands_an_expression() -> None:
    """Inputs reach scripts through env only, so no input can inject shell code."""
    for step in _read(ACTION)["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


# --------------------------------------------------------------------------- running the steps


@dataclasses.dataclass
class StepResult:
    name: str
    ran: bool
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    with_: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class ActionRun:
    steps: list[StepResult]
    summary: str
    outputs: dict[str, dict[str, str]]

    def step(self, name: str) -> StepResult:
        return next(s for s in self.steps if s.name == name)


_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _value(expression: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    if match := re.fullmatch(r"inputs\.([\w-]+)", expression):
        return inputs[match[1]]
    if match := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
        return outputs.get(match[1], {}).get(match[2], "")
    raise AssertionError(f"the test does not know the expression {expression!r}")


def _substitute(text: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    return _EXPRESSION.sub(lambda m: _value(m[1], inputs, outputs), str(text))


def _condition(text: str | None, inputs: dict[str, str]) -> bool:
    if text is None:
        return True
    match = re.fullmatch(r"inputs\.([\w-]+) == '([^']*)'", text.strip())
    assert match, f"the test does not know the condition {text!r}"
    return inputs[match[1]] == match[2]


def run_action(
    workspace: Path,
    runner_temp: Path,
    given: dict[str, str],
    *,
    installed: dict[str, dict[str, str]] | None = None,
) -> ActionRun:
    """Run the action's steps as GitHub would, in `workspace`; stop at the first failing step.

    With `installed` (the outputs of an earlier run), the install step is not run again.
    """
    action = _read(ACTION)
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, f"the action has no input {unknown}"
    inputs.update(given)
    summary = runner_temp / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    outputs: dict[str, dict[str, str]] = dict(installed or {})
    results: list[StepResult] = []
    for step in action["runs"]["steps"]:
        name = step["name"]
        if not _condition(step.get("if"), inputs):
            results.append(StepResult(name, ran=False))
            continue
        if "uses" in step:
            with_ = {k: _substitute(v, inputs, outputs) for k, v in step.get("with", {}).items()}
            results.append(StepResult(name, ran=True, with_=with_))
            continue
        if installed is not None and step.get("id") == "install":
            results.append(StepResult(name, ran=False))
            continue
        output_file = runner_temp / f"output-{len(results)}"
        output_file.write_text("", encoding="utf-8")
        script = runner_temp / f"step-{len(results)}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", str(runner_temp)),
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            "NO_COLOR": "1",
            **{k: _substitute(v, inputs, outputs) for k, v in step.get("env", {}).items()},
        }
        assert step["shell"] == "bash"
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        results.append(StepResult(name, True, done.returncode, done.stdout, done.stderr))
        if "id" in step:
            lines = output_file.read_text(encoding="utf-8").splitlines()
            outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
        if done.returncode != 0:
            break
    return ActionRun(results, summary.read_text(encoding="utf-8"), outputs)


def _workspace(folder: Path, partnerships: dict[str, Path]) -> Path:
    """A repository as the workflow would check it out: a workflow, pre-commit, partnerships."""
    folder.mkdir()
    (folder / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(WORKFLOW, folder / ".github" / "workflows" / "partnerships.yml")
    (folder / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks: []\n", encoding="utf-8"
    )
    (folder / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    for name, source in partnerships.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / name)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    return folder


@pytest.fixture(scope="module")
def workflow_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[ActionRun, Path, Path]:
    """The action run with the workflow example's inputs, once for the module."""
    if shutil.which("bash") is None or shutil.which("git") is None:
        pytest.skip("bash and git are needed to run the action's steps")
    base = tmp_path_factory.mktemp("action")
    workspace = _workspace(
        base / "workspace",
        {
            "partnerships/riverside.yaml": ROOT / "examples" / "riverside.yaml",
            "partnerships/greenway.yaml": ROOT / "examples" / "greenway-food.yaml",
        },
    )
    runner_temp = base / "runner-temp"
    runner_temp.mkdir()
    [step] = [s for s in _read(WORKFLOW)["jobs"]["check"]["steps"] if "collabgain@" in s["uses"]]
    run = run_action(workspace, runner_temp, {k: str(v) for k, v in step["with"].items()})
    install = run.step("Install collabgain")
    if install.returncode != 0 and "pip" in install.stderr + install.stdout:
        pytest.skip(f"could not install from the package index: {install.stderr[-500:]}")
    return run, workspace, runner_temp


def test_the_action_installs_this_checkout(workflow_run: tuple[ActionRun, Path, Path]) -> None:
    run, _, runner_temp = workflow_run
    install = run.step("Install collabgain")
    assert install.returncode == 0, install.stderr
    assert install.stdout.strip().endswith("collabgain 1.0.0")
    assert run.outputs["install"]["collabgain"] == str(
        runner_temp / "collabgain-venv" / "bin" / "collabgain"
    )


def test_the_workflows_action_uploads_valid_sarif_for_the_partnership_files_only(
    workflow_run: tuple[ActionRun, Path, Path],
) -> None:
    run, _, runner_temp = workflow_run
    assert run.step("Findings for code scanning").returncode == 0
    sarif_file = runner_temp / "collabgain.sarif"
    upload = run.step("Upload to code scanning")
    assert upload.with_ == {"sarif_file": str(sarif_file), "category": "collabgain"}
    sarif = json.loads(sarif_file.read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"partnerships/riverside.yaml"}


def test_the_workflows_action_writes_the_overview_to_the_summary(
    workflow_run: tuple[ActionRun, Path, Path],
) -> None:
    run, _, _ = workflow_run
    assert run.step("Summary for the run's page").returncode == 0
    lines = run.summary.splitlines()
    assert lines[0] == "## collabgain summary"
    rows = [line for line in lines if "`partnerships/" in line]
    assert [row.split(" | ")[1] for row in rows] == [
        "`partnerships/greenway.yaml`",
        "`partnerships/riverside.yaml`",
    ]
    assert len(run.summary.encode()) < 2_000


def test_the_workflows_action_annotates_and_fails_on_an_error(
    workflow_run: tuple[ActionRun, Path, Path],
) -> None:
    run, _, _ = workflow_run
    check = run.step("Check the partnership files")
    assert check.returncode == 1
    assert "::error file=partnerships/riverside.yaml,line=187,col=" in check.stdout
    assert check.stdout.count("::warning ") == 10
    assert "::group::partnerships/greenway.yaml" in check.stdout
    assert "skipped" not in check.stderr  # a folder of partnership files only: nothing to skip


def test_the_action_with_its_defaults_checks_the_whole_repository(
    workflow_run: tuple[ActionRun, Path, Path], tmp_path: Path
) -> None:
    first, _, runner_temp = workflow_run
    workspace = _workspace(
        tmp_path / "workspace",
        {"partnerships/greenway.yaml": ROOT / "examples" / "greenway-food.yaml"},
    )
    run = run_action(workspace, runner_temp, {}, installed={"install": first.outputs["install"]})
    assert not run.step("Findings for code scanning").ran
    assert not run.step("Upload to code scanning").ran
    check = run.step("Check the partnership files")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "collabgain: 1 file checked, 0 invalid" in check.stdout
    assert "skipped 1 YAML file that is not a partnership file" in check.stderr
    assert "| Greenway Food Partnership | `partnerships/greenway.yaml` |" in run.summary


def test_the_action_passes_config_format_and_fail_on(
    workflow_run: tuple[ActionRun, Path, Path], tmp_path: Path
) -> None:
    first, _, runner_temp = workflow_run
    workspace = _workspace(
        tmp_path / "workspace",
        {"partnerships/riverside.yaml": ROOT / "examples" / "riverside.yaml"},
    )
    (workspace / "only-aims.toml").write_text('select = ["CG1"]\n', encoding="utf-8")
    run = run_action(
        workspace,
        runner_temp,
        {
            "paths": "partnerships/riverside.yaml\n",
            "config": "only-aims.toml",
            "format": "concise",
            "fail-on": "warning",
            "summary": "false",
        },
        installed={"install": first.outputs["install"]},
    )
    check = run.step("Check the partnership files")
    assert check.returncode == 1
    codes = {line.split(": ")[1].split()[0] for line in check.stdout.splitlines() if ": CG" in line}
    assert codes and all(code.startswith("CG1") for code in codes)
    assert run.summary == ""

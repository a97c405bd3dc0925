"""principles.yaml: the guiding principles, core skills and collaboration level rules belong to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from collabgain_cli.model import PrincipleId
from collabgain_cli.principles import Catalogue, load_catalogue
from collabgain_cli.rules import PRINCIPLES, all_rules
from collabgain_cli.titles import catalogue_path, principle_title

ROOT = Path(__file__).resolve().parents[1]

# The principle ids FORMAT.md lists for `assessments[].scores`, in its order.
GUIDING_PRINCIPLES = [
    "managing-aims",
    "balance-of-power",
    "building-trust",
    "partnership-complexity",
    "managing-change",
    "leadership-structures",
    "active-leadership",
]
CORE_SKILLS = [
    "knowledge-management",
    "project-skills",
    "strategic-planning",
    "evidence-based-practice",
]
LEVELS = ["networking", "coordinating", "cooperating", "collaborating"]


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    with open(ROOT / "principles.yaml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_the_repository_file_is_the_one_loaded(raw: dict[str, Any]) -> None:
    assert catalogue_path().is_file()
    assert Catalogue.model_validate(raw) == load_catalogue()


def test_guiding_principles_are_the_seven_of_the_format(catalogue: Catalogue) -> None:
    guiding = [g for g in catalogue.groups if g.kind == "guiding-principle"]
    assert [g.id for g in guiding] == GUIDING_PRINCIPLES
    assert [g.number for g in guiding] == list(range(1, 8))


def test_guiding_principles_match_the_assessment_scores(catalogue: Catalogue) -> None:
    assert [p.value for p in PrincipleId] == GUIDING_PRINCIPLES


def test_core_skills_has_four_skills(catalogue: Catalogue) -> None:
    group = catalogue.get("core-skills")
    assert group is not None
    assert group.kind == "core-skills"
    assert [s.id for s in group.skills] == CORE_SKILLS
    assert all(s.title and s.summary.strip() for s in group.skills)


def test_collaboration_level_has_the_four_levels(catalogue: Catalogue) -> None:
    group = catalogue.get("collaboration-level")
    assert group is not None
    assert [level.id for level in group.levels] == LEVELS
    assert all(level.summary.strip() for level in group.levels)


def test_every_group_has_a_title_summary_and_questions(catalogue: Catalogue) -> None:
    for group in catalogue.groups:
        assert group.title.strip(), group.id
        assert group.summary.strip(), group.id
        assert group.seed.strip(), group.id
        assert group.questions, group.id
        assert all(q.strip().endswith("?") for q in group.questions), group.id


def test_groups_are_numbered_in_order_with_unique_ids(catalogue: Catalogue) -> None:
    ids = [g.id for g in catalogue.groups]
    assert len(ids) == len(set(ids))
    assert [g.number for g in catalogue.groups] == list(range(1, len(ids) + 1))


def test_report_order_follows_the_catalogue(catalogue: Catalogue) -> None:
    assert [g.id for g in catalogue.groups] == [p for p in PRINCIPLES if p != "waivers"]


def test_every_rule_belongs_to_a_group(catalogue: Catalogue) -> None:
    groups = {g.id for g in catalogue.groups} | {"waivers"}
    assert all_rules()
    for rule in all_rules().values():
        assert rule.principle in groups, rule.code


def test_managing_aims_has_its_six_rules() -> None:
    codes = {r.code for r in all_rules().values() if r.principle == "managing-aims"}
    assert codes >= {"CG101", "CG102", "CG103", "CG104", "CG105", "CG106"}


def test_unknown_keys_in_the_catalogue_are_refused(raw: dict[str, Any]) -> None:
    broken = {**raw, "groups": [{**raw["groups"][0], "titel": "typo"}, *raw["groups"][1:]]}
    with pytest.raises(ValueError, match="titel"):
        Catalogue.model_validate(broken)


def test_titles_read_for_every_check_are_the_catalogues(catalogue: Catalogue) -> None:
    """Every check names its principles from a quick read of principles.yaml, not the whole
    catalogue: the two give the same title for every group, and a report carries them."""
    from collabgain_cli.engine import Settings
    from collabgain_cli.pipeline import check_path

    for group in catalogue.groups:
        assert principle_title(group.id) == group.title
    riverside = str(Path(__file__).resolve().parents[1] / "examples" / "riverside.yaml")
    report = check_path(riverside, Settings.default()).report
    assert report.principles
    assert {p.id: p.title for p in report.principles} == {
        p.id: catalogue.get(p.id).title  # type: ignore[union-attr]
        for p in report.principles
    }


def test_a_run_reads_principles_yaml_once_for_titles_and_catalogue() -> None:
    """A board report names principles (the titles) and describes them (the catalogue): both
    come from one read of the file, in a fresh process whose caches are empty."""
    script = (
        "import builtins\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "def counting(file, *args, **kwargs):\n"
        "    if str(file).endswith('principles.yaml'):\n"
        "        opened.append(file)\n"
        "    return real_open(file, *args, **kwargs)\n"
        "builtins.open = counting\n"
        "from collabgain_cli.principles import load_catalogue\n"
        "from collabgain_cli.titles import principle_title\n"
        "assert principle_title('managing-aims') == 'Managing aims'\n"
        "assert load_catalogue().get('managing-aims') is not None\n"
        "print(len(opened))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert (ran.returncode, ran.stdout.strip()) == (0, "1"), ran.stderr

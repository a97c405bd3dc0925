"""principles.yaml -> the catalogue of guiding principles, core skills and related groups."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)
"""Built on first use: importing this module (as rules and reports do, for a title) builds
no schema; reading the catalogue builds the one of Catalogue."""


class _Entry(BaseModel):
    model_config = _CONFIG

    id: str
    title: str | None = None
    summary: str


class Statement(BaseModel):
    """One statement of the members' questionnaire, answered on the agreement scale."""

    model_config = _CONFIG

    code: str = Field(pattern=r"^[A-Z]+-[0-9]+$")
    text: str


class Question(BaseModel):
    """An optional question of the questionnaire that is not about a principle."""

    model_config = _CONFIG

    code: str = Field(pattern=r"^[A-Z]+$")
    text: str


class ScalePoint(BaseModel):
    model_config = _CONFIG

    score: int = Field(ge=1, le=5)
    label: str


class Survey(BaseModel):
    """The questionnaire's frame: its title, the agreement scale and the two open questions."""

    model_config = _CONFIG

    title: str
    introduction: str
    scale: tuple[ScalePoint, ...] = Field(min_length=5, max_length=5)
    unanswered: tuple[str, ...] = ()
    organisation: Question
    comment: Question


class Group(BaseModel):
    """A guiding principle, the core skills, the collaboration level or the members' view."""

    model_config = _CONFIG

    id: str
    kind: str
    number: int
    title: str
    seed: str
    summary: str
    questions: tuple[str, ...] = ()
    skills: tuple[_Entry, ...] = ()
    levels: tuple[_Entry, ...] = ()
    statements: tuple[Statement, ...] = ()


class Catalogue(BaseModel):
    model_config = _CONFIG

    version: int
    survey: Survey | None = None
    groups: tuple[Group, ...] = Field(min_length=1)

    def get(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


def catalogue_path() -> Path:
    """principles.yaml inside the installed package, or at the source tree's root."""
    packaged = resources.files("collabgain_cli") / "principles.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "principles.yaml"


@functools.cache
def load_catalogue() -> Catalogue:
    """principles.yaml, read once per run (its records are frozen)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(catalogue_path(), encoding="utf-8") as handle:
        return Catalogue.model_validate(yaml.load(handle, Loader=loader))


@functools.cache
def _titles() -> dict[str, str]:
    """Each group's title by its id, read straight from principles.yaml.

    Every check names its principles, so this is read on every run; the whole catalogue, a
    model checked field by field, costs ten times as much and is loaded only by what shows
    more than titles. The tests hold the two to the same titles.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(catalogue_path(), encoding="utf-8") as handle:
        groups = yaml.load(handle, Loader=loader)["groups"]
    return {group["id"]: group["title"] for group in groups}


def principle_title(group_id: str) -> str:
    """A group's title, e.g. 'Managing aims'; the id itself for a group not in the file."""
    found = _titles().get(group_id)
    return found if found is not None else group_id.replace("-", " ").capitalize()

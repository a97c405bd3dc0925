"""principles.yaml -> the catalogue of guiding principles, core skills and related groups."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str | None = None
    summary: str


class Group(BaseModel):
    """A guiding principle, the core skills, the collaboration level or the members' view."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    number: int
    title: str
    seed: str
    summary: str
    questions: tuple[str, ...] = ()
    skills: tuple[_Entry, ...] = ()
    levels: tuple[_Entry, ...] = ()


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
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
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(catalogue_path(), encoding="utf-8") as handle:
        return Catalogue.model_validate(yaml.load(handle, Loader=loader))


def principle_title(group_id: str) -> str:
    """A group's title, e.g. 'Managing aims'; the id itself for a group not in the file."""
    found = load_catalogue().get(group_id)
    return found.title if found else group_id.replace("-", " ").capitalize()

"""principles.yaml -> the catalogue of guiding principles, core skills and related groups."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field

from .titles import read_catalogue

_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)
"""Built on first use: importing this module builds no schema; reading the catalogue builds
the one of Catalogue. (A title alone is read by `titles.py`, without these models.)"""


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


@functools.cache
def load_catalogue() -> Catalogue:
    """principles.yaml, read once per run (its records are frozen)."""
    return Catalogue.model_validate(read_catalogue())

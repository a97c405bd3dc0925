"""The titles of principles.yaml's groups, read on every check without the catalogue's models.

Every check names its principles, so their titles are read on every run. The whole catalogue
(`principles.py`) is a set of pydantic models checked field by field: defining them and
building their validator costs about ten times as much as this read, and only what shows
more than titles (reports for a board, the questionnaire, `principles`) pays for it. The
tests hold the two to the same titles.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import yaml


def catalogue_path() -> Path:
    """principles.yaml inside the installed package, or at the source tree's root."""
    packaged = resources.files("collabgain_cli") / "principles.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "principles.yaml"


@functools.cache
def read_catalogue() -> object:
    """principles.yaml as plain data (the C loader where present), read once per process:
    the titles and the catalogue's models are both made from it. Shared: read, never
    changed."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(catalogue_path(), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


@functools.cache
def _titles() -> dict[str, str]:
    """Each group's title by its id, straight from principles.yaml's data."""
    data = read_catalogue()
    assert isinstance(data, dict), "principles.yaml ships as a mapping"
    return {group["id"]: group["title"] for group in data["groups"]}


def principle_title(group_id: str) -> str:
    """A group's title, e.g. 'Managing aims'; the id itself for a group not in the file."""
    found = _titles().get(group_id)
    return found if found is not None else group_id.replace("-", " ").capitalize()

"""The format reference (docs/format.md), shipped inside the package, whole or by section."""

from __future__ import annotations

import difflib
import re
from importlib import resources
from pathlib import Path

_ALIASES = {
    "version": "basics",
    "chairs": "governance",
    "bodies": "governance",
    "votes": "governance",
    "decision_rule": "governance",
    "milestones": "activities",
    "organisation_aims": "organisations",
    "sharing": "learning",
    "evidence": "learning",
    "evaluations": "learning",
    "scores": "assessments",
    "workbook": "workbooks",
    "csv": "workbooks",
    "xlsx": "workbooks",
}
"""Other names a reader may look a section up by: a part of one, or a sheet."""


class UnknownSection(Exception):
    """A section the reference does not have; the message lists those it has."""


def reference_path() -> Path:
    """docs/format.md inside the installed package, or in the source tree."""
    packaged = resources.files("collabgain_cli") / "docs" / "format.md"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "docs" / "format.md"


def reference_text() -> str:
    return reference_path().read_text(encoding="utf-8")


def sections(text: str) -> dict[str, str]:
    """Each `## name` section's text, heading included, by name."""
    parts = re.split(r"(?m)^(?=## )", text)
    found: dict[str, str] = {}
    for part in parts[1:]:
        name = part[3:].split("\n", 1)[0].strip().strip("`").lower()
        found[name] = part.rstrip("\n") + "\n"
    return found


def section(name: str) -> str:
    """One section by name (`people`, `governance.bodies`, `milestones`)."""
    found = sections(reference_text())
    wanted = name.strip().strip("`").lower().replace("[]", "")
    wanted = re.split(r"[.\[]", wanted, maxsplit=1)[0].replace("-", "_")
    wanted = _ALIASES.get(wanted, wanted)
    if wanted in found:
        return found[wanted]
    close = difflib.get_close_matches(wanted, [*found, *_ALIASES], n=1)
    hint = f"did you mean {_ALIASES.get(close[0], close[0])!r}? " if close else ""
    raise UnknownSection(f"no section {name!r}; {hint}sections: {', '.join(found)}")

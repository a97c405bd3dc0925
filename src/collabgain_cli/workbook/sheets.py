"""The sheets of a partnership workbook (WORKBOOK.md), and their columns, read from the models.

Each sheet holds the entries of one list of the format, one row an entry; a column is a
field of that entry. Columns, their order and their kinds come from the pydantic models, so a
field added to the format is a column of its sheet without a change here. A field that holds
entries of its own (an organisation's `aims`, an activity's `milestones`, a body's `votes`, an
assessment's `scores`) is a sheet, or columns, of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from .. import model

PathKey = tuple[str | int, ...]


class Kind(enum.Enum):
    """How a column's cells are read and written."""

    TEXT = "text"
    DATE = "date"
    BOOL = "true or false"
    INTEGER = "whole number"
    NUMBER = "number"
    LIST = "list, items separated by ';'"


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    choices: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Sheet:
    """One sheet: where its entries go in the file, and its columns."""

    name: str
    one_row_per: str
    section: tuple[str, ...]
    """The list the entries go into; for a child sheet, the key of that list in its parent."""
    columns: tuple[Column, ...]
    parent: tuple[str, str] | None = None
    """(column naming the parent's id, name of the parent's sheet), for a child sheet."""

    def column(self, name: str) -> Column | None:
        for column in self.columns:
            if column.name == name:
                return column
        return None


def _unwrap(annotation: Any) -> list[Any]:
    """The types a field may hold, None and `Annotated` metadata left out."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        found = [a for a in typing.get_args(annotation) if a is not type(None)]
    else:
        found = [annotation]
    return [_bare(a) for a in found]


def _bare(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _kind(annotation: Any) -> tuple[Kind, tuple[str, ...]] | None:
    """A field's column kind and its allowed values, or None for a field of entries."""
    [inner] = _unwrap(annotation)[:1] or [str]
    origin = typing.get_origin(inner)
    if origin is tuple:
        item = _bare(typing.get_args(inner)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return None
        return Kind.LIST, _choices(item)
    if origin is dict or (isinstance(inner, type) and issubclass(inner, BaseModel)):
        return None
    if inner is bool:
        return Kind.BOOL, ()
    if inner is dt.date:
        return Kind.DATE, ()
    if inner is int:
        return Kind.INTEGER, ()
    if inner is float:
        return Kind.NUMBER, ()
    return Kind.TEXT, _choices(inner)


def _choices(annotation: Any) -> tuple[str, ...]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(str(member.value) for member in annotation)
    return ()


def _columns(entry: type[BaseModel], *, before: tuple[Column, ...] = ()) -> tuple[Column, ...]:
    out = list(before)
    for name, field in entry.model_fields.items():
        found = _kind(field.annotation)
        if found is not None:
            kind, choices = found
            out.append(Column(field.alias or name, kind, field.description or "", choices))
    return tuple(out)


def _link(name: str, what: str) -> Column:
    return Column(name, Kind.TEXT, f"Id of the {what} this row belongs to.")


SCORES = tuple(principle.value for principle in model.PrincipleId)

SHEETS: tuple[Sheet, ...] = (
    Sheet("organisations", "organisation", ("organisations",), _columns(model.Organisation)),
    Sheet(
        "organisation_aims",
        "aim of an organisation (its own reason for taking part)",
        ("aims",),
        _columns(model.OrgAim, before=(_link("organisation", "organisation"),)),
        parent=("organisation", "organisations"),
    ),
    Sheet("people", "person", ("people",), _columns(model.Person)),
    Sheet("networks", "network", ("networks",), _columns(model.Network)),
    Sheet("aims", "shared aim", ("aims",), _columns(model.SharedAim)),
    Sheet("chairs", "chair", ("governance", "chairs"), _columns(model.Chair)),
    Sheet("bodies", "decision body", ("governance", "bodies"), _columns(model.Body)),
    Sheet(
        "votes",
        "weighted vote of an organisation in a body",
        ("votes",),
        (
            _link("body", "decision body"),
            Column("organisation", Kind.TEXT, "Id of the organisation that has the votes."),
            Column("votes", Kind.INTEGER, "How many votes it has (a member with none has 1)."),
        ),
        parent=("body", "bodies"),
    ),
    Sheet("decisions", "decision", ("decisions",), _columns(model.Decision)),
    Sheet("funding", "funding line", ("funding",), _columns(model.Funding)),
    Sheet("activities", "activity", ("activities",), _columns(model.Activity)),
    Sheet(
        "milestones",
        "milestone of an activity",
        ("milestones",),
        _columns(model.Milestone, before=(_link("activity", "activity"),)),
        parent=("activity", "activities"),
    ),
    Sheet("meetings", "meeting", ("meetings",), _columns(model.Meeting)),
    Sheet("changes", "change", ("changes",), _columns(model.Change)),
    Sheet("commitments", "commitment", ("commitments",), _columns(model.Commitment)),
    Sheet(
        "learning_sharing",
        "way lessons get back to members",
        ("learning", "sharing"),
        _columns(model.Sharing),
    ),
    Sheet(
        "learning_evidence",
        "source of evidence from elsewhere",
        ("learning", "evidence"),
        _columns(model.Evidence),
    ),
    Sheet("evaluations", "evaluation", ("learning", "evaluations"), _columns(model.Evaluation)),
    Sheet(
        "assessments",
        "member's rating (one column per principle, a score from 1 to 5)",
        ("assessments",),
        _columns(model.Assessment)
        + tuple(
            Column(p, Kind.NUMBER, f"Score for {p}, from 1 (poor) to 5 (strong).") for p in SCORES
        ),
    ),
    Sheet("waivers", "waiver", ("waivers",), _columns(model.Waiver)),
)
"""Every sheet but `partnership`, in the order a workbook holds them."""

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}

KEY_ORDER: dict[tuple[str, ...], tuple[str, ...]] = {
    section: tuple(field.alias or name for name, field in entry.model_fields.items())
    for section, entry in (
        (("organisations",), model.Organisation),
        (("governance", "bodies"), model.Body),
        (("activities",), model.Activity),
        (("assessments",), model.Assessment),
    )
}
"""The order of the keys of the entries that other sheets add to, as the format lists them."""

PARTNERSHIP_SHEET = "partnership"
README_SHEET = "README"

_GOVERNANCE_RULE = model.Governance.model_fields["decision_rule"]
_VERSION = model.Partnership.model_fields["version"]
PARTNERSHIP_FIELDS: dict[str, tuple[tuple[str, ...], Column]] = {
    **{
        column.name: (("partnership", column.name), column)
        for column in _columns(model.PartnershipInfo)
    },
    "version": (
        ("version",),
        Column("version", Kind.INTEGER, _VERSION.description or "", ("1",)),
    ),
    "decision_rule": (
        ("governance", "decision_rule"),
        Column(
            "decision_rule",
            Kind.TEXT,
            _GOVERNANCE_RULE.description or "",
            tuple(m.value for m in model.DecisionRule),
        ),
    ),
}
"""The rows of the `partnership` sheet: field -> (where it goes in the file, its column)."""

MAPPINGS = ("governance", "learning")
"""Sections that are mappings of sheets: present in the file when any of their sheets is in
the workbook (or, for governance, a decision rule is given), even with no rows."""


def normal_name(text: str) -> str:
    """A sheet or column name as the workbook's author might write it, made canonical:
    'Target date' and 'target-date' are `target_date`. `x-` columns keep their name."""
    stripped = text.strip()
    if stripped.lower().startswith("x-"):
        return stripped
    return "_".join(stripped.lower().replace("-", " ").split())


def split_list(text: str) -> list[str]:
    """`a; b\\; c` -> ['a', 'b; c']: items separated by ';', '\\;' for a ';' inside one."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following in (";", "\\"):
                current.append(following)
            else:
                current.append(char + following)
        elif char == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def join_list(items: list[Any]) -> str:
    """The other way: ['a', 'b; c'] -> `a; b\\; c`."""
    return "; ".join(_BACKSLASH.sub(r"\\\\", str(item)).replace(";", "\\;") for item in items)


# A backslash that reading would take as an escape: before ';', another '\\', or at the end.
_BACKSLASH = re.compile(r"\\(?=[;\\]|$)")

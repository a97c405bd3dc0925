"""Pydantic models of the partnership description format, version 1 (FORMAT.md).

The loader hands these models plain data in which every plain YAML scalar other than
null and a boolean is still text, so numbers and dates are parsed here, strictly:
dates must be written `YYYY-MM-DD`, booleans `true`/`false`, and numbers must be finite.
Keys beginning with `x-` are removed by the loader before validation.
"""

import datetime as dt
import enum
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

SUPPORTED_VERSIONS = (1,)
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
SLUG_MATCH = r"^[a-z0-9][a-z0-9-]{0,63}\n?$"
"""SLUG_PATTERN as pydantic-core's regex must read it to accept what Python's `re.match` of it
does: there, `$` also matches before a final newline."""
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        "iso_date",
        "{value} is not a calendar date; write it as YYYY-MM-DD, e.g. 2024-05-01",
        {"value": _kind(value)},
    )


def slug_message(value: str) -> str:
    """What is wrong with text that is not an id (`Slug`), with an id made from it."""
    suggestion = re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-")[:64] or "my-id"
    return (
        f"{value!r} is not an id: use lower-case letters, digits and hyphens, e.g. {suggestion!r}"
    )


_NOT_TEXT = "expected text, got {kind}; put the value in quotes if it is meant as text"


def text_message(value: Any) -> str:
    """What is wrong with a value that is not text (`Text`, `Slug`)."""
    return _NOT_TEXT.format(kind=_kind(value))


def _text(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, str):
        raise PydanticCustomError("text", _NOT_TEXT, {"kind": _kind(value)})
    return value


def _kind(value: Any) -> str:
    """A short description of a value for a message; never the whole of a large value."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
# Text and ids are checked by pydantic-core itself, without a Python call for each of the
# hundreds of thousands in a large file: a strict `str` refuses anything but text (plain YAML
# scalars reach the models as text, so `name: 2024` is the string '2024'), and an id must
# match SLUG_MATCH. The loader words those two errors (`text_message`, `slug_message`).
Text = Annotated[str, Strict()]
Slug = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=SLUG_MATCH),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
]
Score = Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)]
PositiveNumber = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Number = Annotated[float, Field(allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        # Built on first use: a file's validation builds the one schema it needs (of
        # Partnership, holding the others), not a schema for each of thirty models at import.
        defer_build=True,
        # Keys starting with `x-` are the user's own annotations: editors must accept them.
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )


class Sector(enum.StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"
    VOLUNTARY = "voluntary"
    COMMUNITY = "community"
    ACADEMIC = "academic"
    OTHER = "other"


class Role(enum.StrEnum):
    FUNDER = "funder"
    CONVENER = "convener"
    LEAD = "lead"
    MEMBER = "member"
    OBSERVER = "observer"
    BACKBONE = "backbone"


class OrgStatus(enum.StrEnum):
    ACTIVE = "active"
    UNCERTAIN = "uncertain"
    FORMER = "former"


class Stated(enum.StrEnum):
    EXPLICIT = "explicit"
    ASSUMED = "assumed"
    HIDDEN = "hidden"


class AimStatus(enum.StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    DISPUTED = "disputed"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class DecisionRule(enum.StrEnum):
    CONSENSUS = "consensus"
    MAJORITY = "majority"
    CHAIR = "chair"
    LEAD_ORGANISATION = "lead-organisation"


class ActivityType(enum.StrEnum):
    JOINT_DELIVERY = "joint-delivery"
    POOLED_RESOURCES = "pooled-resources"
    INFORMATION_SHARING = "information-sharing"
    NETWORKING_EVENT = "networking-event"
    CONSULTATION = "consultation"
    RESEARCH = "research"
    CAPACITY_BUILDING = "capacity-building"
    SERVICE = "service"


class Scale(enum.StrEnum):
    MODEST = "modest"
    MODERATE = "moderate"
    MAJOR = "major"


class ActivityStatus(enum.StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    STALLED = "stalled"
    CANCELLED = "cancelled"


class ChangeType(enum.StrEnum):
    POLICY = "policy"
    RESTRUCTURE = "restructure"
    STAFF = "staff"
    FUNDING = "funding"
    MEMBERSHIP = "membership"
    OTHER = "other"


class PrincipleId(enum.StrEnum):
    MANAGING_AIMS = "managing-aims"
    BALANCE_OF_POWER = "balance-of-power"
    BUILDING_TRUST = "building-trust"
    PARTNERSHIP_COMPLEXITY = "partnership-complexity"
    MANAGING_CHANGE = "managing-change"
    LEADERSHIP_STRUCTURES = "leadership-structures"
    ACTIVE_LEADERSHIP = "active-leadership"


class PartnershipInfo(_Model):
    """The partnership itself."""

    name: Text = Field(description="The partnership's name.")
    purpose: Text | None = Field(
        None, description="The overall purpose that no partner could achieve alone."
    )
    established: IsoDate | None = Field(None, description="When the partnership began.")
    as_of: IsoDate | None = Field(
        None,
        description="The date this description is true of; time-based rules measure from here.",
    )
    last_reviewed: IsoDate | None = Field(
        None, description="When the partners last reviewed how the partnership works."
    )
    sector: Text | None = Field(None, description="Free text, e.g. regeneration.")


class OrgAim(_Model):
    """One of an organisation's own motivations for taking part."""

    text: Text = Field(description="The motivation, in the organisation's words.")
    stated: Stated = Field(
        Stated.EXPLICIT,
        description="explicit (shared with partners), assumed (inferred) or hidden (not shared).",
    )


class Organisation(_Model):
    """An organisation that takes part in the partnership."""

    id: Slug = Field(description="Unique id of the organisation.")
    name: Text = Field(description="The organisation's name.")
    sector: Sector | None = Field(None, description="The organisation's sector.")
    roles: tuple[Role, ...] = Field(
        (Role.MEMBER,), description="Its roles; a convener organises the partnership."
    )
    status: OrgStatus = Field(
        OrgStatus.ACTIVE, description="active, uncertain (membership unclear) or former."
    )
    joined: IsoDate | None = Field(
        None, description="When it joined; absent means since the partnership was established."
    )
    left: IsoDate | None = Field(None, description="When it left; set means a former member.")
    aims: tuple[OrgAim, ...] = Field((), description="Its own motivations for taking part.")
    offers: tuple[Text, ...] = Field(
        (), description="What it can offer and deliver to the partnership."
    )
    needs: tuple[Text, ...] = Field(
        (), description="What it hopes to get from the partners (added in 1.1)."
    )


class Person(_Model):
    """An individual who takes part on behalf of an organisation."""

    id: Slug = Field(description="Unique id of the person.")
    name: Text = Field(description="The person's name.")
    organisation: Slug | None = Field(
        None, description="Id of the organisation they represent; absent means unclear."
    )
    role: Text | None = Field(None, description="Job or partnership role.")
    joined: IsoDate | None = Field(None, description="When they started taking part.")
    left: IsoDate | None = Field(None, description="When they stopped taking part.")
    networks: tuple[Slug, ...] = Field(
        (), description="Ids of other networks they sit on for their organisation."
    )
    strengths: tuple[Text, ...] = Field(
        (), description="Individual strengths the partnership recognises."
    )
    independent: StrictBool = Field(
        False,
        description="Takes part in their own right, representing no organisation (added in 1.1).",
    )


class Network(_Model):
    """Another partnership or network that people also sit on."""

    id: Slug = Field(description="Unique id of the network.")
    name: Text = Field(description="The network's name.")
    kind: Text | None = Field(None, description="Free text, e.g. board, forum.")


class SharedAim(_Model):
    """One of the partnership's shared objectives."""

    id: Slug = Field(description="Unique id of the aim.")
    text: Text = Field(description="The objective.")
    status: AimStatus = Field(AimStatus.PROPOSED, description="Where agreement on it stands.")
    agreed_by: tuple[Slug, ...] = Field(
        (), description="Ids of organisations that explicitly agreed it."
    )
    proposed: IsoDate | None = Field(None, description="When it was first proposed (added in 1.1).")
    target_date: IsoDate | None = Field(None, description="When it should be achieved.")


class Chair(_Model):
    """A period in which an organisation held the chair."""

    organisation: Slug = Field(description="Id of the organisation that chaired.")
    person: Slug | None = Field(None, description="Id of the person who chaired.")
    from_: IsoDate = Field(alias="from", description="When the chair began.")
    to: IsoDate | None = Field(None, description="When it ended; absent means current.")


class Body(_Model):
    """A board or group that takes decisions."""

    id: Slug = Field(description="Unique id of the body.")
    name: Text = Field(description="The body's name.")
    members: tuple[Slug, ...] = Field((), description="Ids of member organisations.")
    votes: dict[Slug, Annotated[int, Field(gt=0, strict=False)]] = Field(
        default_factory=dict,
        description="Votes per organisation id; a member with no entry has 1 vote.",
        json_schema_extra={"propertyNames": {"pattern": SLUG_PATTERN}},
    )
    from_: IsoDate | None = Field(
        None, alias="from", description="When the body was set up (added in 1.1)."
    )
    to: IsoDate | None = Field(
        None, description="When the body was wound up; absent means it still sits (added in 1.1)."
    )


class Governance(_Model):
    """How the partnership takes decisions."""

    decision_rule: DecisionRule | None = Field(
        None, description="How decisions are formally taken."
    )
    chairs: tuple[Chair, ...] = Field((), description="Who has chaired, over time.")
    bodies: tuple[Body, ...] = Field((), description="Boards and groups that take decisions.")


class Decision(_Model):
    """An entry in the decisions log."""

    date: IsoDate = Field(description="When the decision was taken.")
    summary: Text = Field(description="What was decided.")
    made_by: tuple[Slug, ...] = Field(
        min_length=1, description="Ids of the organisations that made the decision."
    )
    body: Slug | None = Field(None, description="Id of the body that took it.")
    consulted: tuple[Slug, ...] = Field((), description="Ids of organisations consulted.")
    activities: tuple[Slug, ...] = Field(
        (), description="Ids of the activities the decision is about (added in 1.1)."
    )


class Funding(_Model):
    """Money or in-kind value put in by an organisation."""

    from_: Slug = Field(alias="from", description="Id of the organisation that put it in.")
    amount: PositiveNumber = Field(description="The amount, greater than zero.")
    currency: Text = Field("GBP", description="Currency code.")
    in_kind: StrictBool = Field(False, description="True for in-kind value rather than cash.")
    year: int | None = Field(None, description="The year it covers.")
    from_date: IsoDate | None = Field(None, description="Start of the period it covers.")
    to_date: IsoDate | None = Field(None, description="End of the period it covers.")


class Milestone(_Model):
    """A milestone of an activity."""

    name: Text = Field(description="The milestone.")
    due: IsoDate = Field(description="When it is due.")
    done: IsoDate | None = Field(None, description="When it was done.")


class Activity(_Model):
    """A piece of joint work."""

    id: Slug = Field(description="Unique id of the activity.")
    name: Text = Field(description="The activity's name.")
    type: ActivityType | None = Field(None, description="What kind of joint work it is.")
    scale: Scale | None = Field(None, description="How big and risky it is.")
    status: ActivityStatus = Field(ActivityStatus.PLANNED, description="Where it stands.")
    start: IsoDate | None = Field(None, description="When it started.")
    end: IsoDate | None = Field(None, description="When it ended or will end.")
    lead: Slug | None = Field(None, description="Id of the lead organisation.")
    owner: Slug | None = Field(None, description="Id of the person accountable day to day.")
    partners: tuple[Slug, ...] = Field((), description="Ids of other organisations taking part.")
    aims: tuple[Slug, ...] = Field((), description="Ids of the shared aims it serves.")
    risk_shared: StrictBool | None = Field(
        None, description="True when partners share its risks and rewards."
    )
    budget: Number | None = Field(None, ge=0, description="Its budget.")
    milestones: tuple[Milestone, ...] = Field((), description="Its milestones.")
    monitoring: Text | None = Field(None, description="How progress is tracked and reported.")
    lessons: tuple[Text, ...] = Field((), description="Lessons captured from it.")


class Meeting(_Model):
    """A meeting held, with who attended."""

    date: IsoDate = Field(description="When it was held.")
    body: Slug | None = Field(None, description="Id of the body that met.")
    attended: tuple[Slug, ...] = Field((), description="Ids of organisations that attended.")
    people: tuple[Slug, ...] = Field((), description="Ids of people who attended.")


class Change(_Model):
    """A policy, organisational or staffing change that hit the partnership."""

    date: IsoDate = Field(description="When it happened.")
    type: ChangeType | None = Field(None, description="What kind of change.")
    description: Text = Field(description="What changed.")
    affects: tuple[Slug, ...] = Field((), description="Ids of organisations it affects.")
    response: Text | None = Field(
        None, description="How the partnership adapted; absent means unmanaged."
    )


class Commitment(_Model):
    """What a member committed to, and whether it is in its own plans."""

    organisation: Slug = Field(description="Id of the organisation that committed.")
    text: Text = Field(description="What it committed to.")
    in_operational_plan: StrictBool | None = Field(
        None, description="True when the commitment is in its own operational plan."
    )
    plan_reference: Text | None = Field(None, description="Where in the plan.")


class Sharing(_Model):
    """A way lessons get back to members."""

    mechanism: Text = Field(description="How lessons are shared.")
    last: IsoDate | None = Field(None, description="When it last happened.")


class Evidence(_Model):
    """Research or experience from elsewhere that the partnership uses."""

    source: Text = Field(description="Where the evidence comes from.")
    date: IsoDate | None = Field(None, description="When it was used or published.")
    applied_to: tuple[Slug, ...] = Field((), description="Ids of activities it informed.")


class Evaluation(_Model):
    """An evaluation of an activity."""

    of: Slug = Field(description="Id of the activity evaluated.")
    date: IsoDate = Field(description="When it was evaluated.")
    by: Text | None = Field(None, description="Who evaluated it.")
    findings: Text | None = Field(None, description="What the evaluation found.")


class Learning(_Model):
    """Knowledge sharing, evidence used, evaluations."""

    sharing: tuple[Sharing, ...] = Field((), description="How lessons get back to members.")
    evidence: tuple[Evidence, ...] = Field((), description="Research and experience used.")
    evaluations: tuple[Evaluation, ...] = Field((), description="Evaluations of activities.")


class Assessment(_Model):
    """A member's own rating of the partnership, principle by principle."""

    by: Slug | None = Field(
        None,
        description="Id of the person or organisation that rated; absent when anonymous.",
    )
    anonymous: StrictBool = Field(
        False, description="An anonymous response names nobody (added in 1.1)."
    )
    organisation: Slug | None = Field(
        None,
        description="Id of the organisation of an anonymous respondent, if known (added in 1.1).",
    )
    date: IsoDate = Field(description="When they rated.")
    scores: dict[PrincipleId, Score] = Field(
        default_factory=dict,
        description="Principle id to a score from 1 (poor) to 5 (strong); decimals allowed.",
    )

    @model_validator(mode="after")
    def _by_or_anonymous(self) -> "Assessment":
        if self.anonymous and self.by is not None:
            raise PydanticCustomError(
                "anonymous_by",
                "an anonymous assessment names nobody: remove `by`, or set `anonymous: false`",
            )
        if not self.anonymous and self.by is None:
            raise PydanticCustomError(
                "missing_by",
                "an assessment needs `by` (a person or organisation id), "
                "or `anonymous: true` for an anonymous response",
            )
        return self


class Waiver(_Model):
    """A finding the partnership has accepted, with a reason."""

    rule: Text = Field(description="Rule code or name.")
    subject: Text | None = Field(
        None, description="The id the finding is about; absent means every finding of the rule."
    )
    # Checked in Python, not as `Text`: the length and pattern constraints then apply after
    # it, as pydantic words them there (an empty reason is too short, a blank one does not
    # match), and a waiver is rare enough that the call costs nothing.
    reason: Annotated[str, BeforeValidator(_text), Field(min_length=1, pattern=r"\S")] = Field(
        description="Why the finding is accepted."
    )
    until: IsoDate | None = Field(None, description="When the waiver expires.")


def _check_version(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or value not in SUPPORTED_VERSIONS:
        raise PydanticCustomError(
            "version",
            "unsupported format version {value}; supported: {supported}",
            {
                "value": _kind(value),
                "supported": ", ".join(map(str, SUPPORTED_VERSIONS)),
            },
        )
    return int(value)


class Partnership(_Model):
    """A partnership description, format version 1."""

    version: Annotated[
        int, BeforeValidator(_check_version), WithJsonSchema({"enum": list(SUPPORTED_VERSIONS)})
    ] = Field(1, description="Format version.")
    partnership: PartnershipInfo = Field(description="The partnership itself.")
    organisations: tuple[Organisation, ...] = Field(
        min_length=1, description="The organisations taking part."
    )
    people: tuple[Person, ...] = Field((), description="Individuals who take part.")
    networks: tuple[Network, ...] = Field((), description="Other networks people sit on.")
    aims: tuple[SharedAim, ...] = Field((), description="Shared objectives.")
    governance: Governance | None = Field(None, description="Decision rule, chairs, bodies.")
    decisions: tuple[Decision, ...] = Field((), description="The decisions log.")
    funding: tuple[Funding, ...] = Field((), description="Money or in-kind value put in.")
    activities: tuple[Activity, ...] = Field((), description="The joint work.")
    meetings: tuple[Meeting, ...] = Field((), description="Meetings held.")
    changes: tuple[Change, ...] = Field((), description="Changes that hit the partnership.")
    commitments: tuple[Commitment, ...] = Field((), description="What members committed to.")
    learning: Learning | None = Field(None, description="Knowledge sharing and evidence.")
    assessments: tuple[Assessment, ...] = Field((), description="Members' own ratings.")
    waivers: tuple[Waiver, ...] = Field((), description="Findings the partnership accepts.")

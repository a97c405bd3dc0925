"""The loader pins the exact code, line, column and path of each kind of bad input.

Every test runs over both of PyYAML's parsers (libyaml's C parser and the pure-Python one):
the two must give identical errors, so that a file's report does not depend on how PyYAML
was installed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from collabgain_cli import loader
from collabgain_cli.loader import LoadedFile, c_loader_available, load_bytes, load_path
from collabgain_cli.model import OrgStatus, Role, Stated

LOADERS = [
    pytest.param(
        True,
        id="c",
        marks=pytest.mark.skipif(not c_loader_available(), reason="PyYAML built without libyaml"),
    ),
    pytest.param(False, id="pure"),
]

BASE = """\
partnership:
  name: Riverside Partnership
  established: 2024-01-15
organisations:
  - id: council
    name: City Council
  - id: trust
    name: Health Trust
"""

Pinned = tuple[str, int, int, str]


@pytest.fixture(params=LOADERS)
def use_c(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def load(text: str | bytes, use_c: bool) -> LoadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(data, "p.yaml", use_c=use_c)


def pinned(loaded: LoadedFile) -> list[Pinned]:
    return [(e.code, e.line, e.column, e.path) for e in loaded.errors]


def messages(loaded: LoadedFile) -> str:
    return "\n".join(e.message for e in loaded.errors)


# (id, file text, the errors as (code, line, column, path), words the messages must hold)
BAD_INPUTS: list[tuple[str, str | bytes, list[Pinned], list[str]]] = [
    (
        "unknown-key-with-suggestion",
        BASE.replace("organisations:", "organisatons:"),
        # One error, not two: the misspelt key is not also reported as missing.
        [("CG002", 4, 1, "organisatons")],
        ["unknown key 'organisatons'; did you mean 'organisations'?"],
    ),
    (
        "unknown-key-in-an-organisation",
        BASE.replace("    name: Health Trust", "    name: Health Trust\n    sectr: public"),
        [("CG002", 9, 5, "organisations[1].sectr")],
        ["unknown key 'sectr'; did you mean 'sector'?"],
    ),
    (
        "duplicate-key-at-the-second",
        BASE.replace("  established: 2024-01-15\n", "  established: 2024-01-15\n  name: Again\n"),
        [("CG006", 4, 3, "partnership.name")],
        ["duplicate key 'name'", "first on line 2"],
    ),
    (
        "duplicate-key-in-flow-mapping",
        BASE + "networks:\n  - {id: board, name: Board, id: forum}\n",
        [("CG006", 10, 30, "networks[0].id")],
        ["duplicate key 'id'", "first on line 10"],
    ),
    (
        "yes-is-not-a-boolean",
        BASE + "activities:\n  - id: pantry\n    name: Pantry\n    risk_shared: yes\n",
        [("CG002", 12, 18, "activities[0].risk_shared")],
        ["'yes' is not a boolean", "write true or false"],
    ),
    (
        "python-object-tag",
        BASE.replace("Riverside Partnership", "!!python/object:os.system x"),
        [("CG001", 2, 9, "partnership.name")],
        ["tag '!!python/object:os.system' is not allowed"],
    ),
    (
        "custom-tag",
        BASE + "    offers: [!secret rooms]\n",
        [("CG001", 9, 14, "organisations[1].offers[0]")],
        ["tag '!secret' is not allowed"],
    ),
    (
        "custom-tag-on-a-mapping",
        BASE + "governance: !board {decision_rule: consensus}\n",
        [("CG001", 9, 13, "governance")],
        ["tag '!board' is not allowed"],
    ),
    (
        "custom-tag-on-a-key",
        BASE.replace("    name: Health Trust", "    !!python/name:os.system name: Health Trust"),
        [("CG001", 8, 5, "organisations[1]")],
        ["tag '!!python/name:os.system' is not allowed"],
    ),
    (
        "latin-1-bytes",
        BASE.replace("City Council", "Caf\xe9 Council").encode("latin-1"),
        [("CG007", 6, 14, "")],
        ["not UTF-8", "line 6", "save the file as UTF-8"],
    ),
    ("empty-file", "", [("CG007", 1, 1, "")], ["empty"]),
    ("comment-only", "# nothing yet\n\n# still nothing\n", [("CG007", 1, 1, "")], ["empty"]),
    ("list-at-the-top", "- id: council\n- id: trust\n", [("CG007", 1, 1, "")], ["mapping", "list"]),
    ("text-at-the-top", "Riverside\n", [("CG007", 1, 1, "")], ["mapping", "text"]),
    (
        "two-documents",
        BASE + "---\n" + BASE,
        [("CG007", 9, 1, "")],
        ["more than one YAML document"],
    ),
    (
        "two-documents-with-explicit-start",
        "---\n" + BASE + "---\n" + BASE,
        [("CG007", 10, 1, "")],
        ["more than one YAML document"],
    ),
    (
        "infinite-budget",
        BASE + "activities:\n  - id: pantry\n    name: Pantry\n    budget: .inf\n",
        [("CG002", 12, 13, "activities[0].budget")],
        ["'.inf' is not a number"],
    ),
    (
        "unknown-reference-with-suggestion",
        BASE + "people:\n  - id: sam\n    name: Sam\n    organisation: counsil\n",
        [("CG003", 12, 19, "people[0].organisation")],
        ["unknown organisation 'counsil'; did you mean 'council'?"],
    ),
    (
        "unknown-reference-in-a-list",
        BASE + "decisions:\n  - {date: 2025-01-01, summary: Go, made_by: [council, trusts]}\n",
        [("CG003", 10, 56, "decisions[0].made_by[1]")],
        ["unknown organisation 'trusts'; did you mean 'trust'?"],
    ),
    (
        "duplicate-id",
        BASE + "  - id: council\n    name: Council Again\n",
        [("CG004", 9, 9, "organisations[2].id")],
        ["organisation id 'council' is used twice", "first on line 5"],
    ),
    (
        "left-before-joined",
        BASE + "    joined: 2025-03-01\n    left: 2024-03-01\n",
        [("CG005", 10, 11, "organisations[1].left")],
        ["left (2024-03-01) is before joined (2025-03-01)"],
    ),
    (
        "end-before-start",
        BASE + "activities:\n  - {id: pantry, name: Pantry, start: 2025-04-01, end: 2025-01-31}\n",
        [("CG005", 10, 56, "activities[0].end")],
        ["end (2025-01-31) is before start (2025-04-01)"],
    ),
    (
        "tab-indentation",
        BASE + "people:\n\t- id: sam\n",
        [("CG001", 10, 1, "")],
        ["tab"],
    ),
    (
        "bad-enum-value",
        BASE + "    sector: privat\n",
        [("CG002", 9, 13, "organisations[1].sector")],
        ["'privat' is not allowed", "did you mean 'private'?"],
    ),
    (
        "impossible-date",
        BASE + "    joined: 2024-02-30\n",
        [("CG002", 9, 13, "organisations[1].joined")],
        ["'2024-02-30' is not a calendar date", "YYYY-MM-DD"],
    ),
    (
        "id-that-is-not-a-slug",
        BASE.replace("id: trust", "id: Health Trust"),
        [("CG002", 7, 9, "organisations[1].id")],
        ["'Health Trust' is not an id", "'health-trust'"],
    ),
    (
        "unsupported-version",
        "version: 2\n" + BASE,
        [("CG002", 1, 10, "version")],
        ["unsupported format version", "2", "supported: 1"],
    ),
    (
        "the-only-organisation-is-invalid",
        "partnership:\n  name: P\norganisations:\n  - id: council\n    name: Council\n"
        "    joined: soon\n",
        [("CG002", 6, 13, "organisations[0].joined")],
        ["`organisations[0].joined` is the date the organisation joined", "not 'soon'"],
    ),
    (
        "a-boolean-where-a-milestone-date-belongs",
        BASE
        + "activities:\n  - id: pantry\n    name: Pantry\n    milestones:\n"
        + "      - name: Open\n        due: 2025-01-31\n        done: true\n",
        [("CG002", 15, 15, "activities[0].milestones[0].done")],
        [
            "`activities[0].milestones[0].done` is the date the milestone was met: "
            "write it as 2025-01-31, not true"
        ],
    ),
    (
        "no-organisations",
        "partnership:\n  name: P\norganisations: []\n",
        [("CG002", 3, 16, "organisations")],
        ["`organisations` needs at least one entry, and has none; add one"],
    ),
    (
        "a-date-written-day-first",
        BASE + "    joined: 31/01/2025\n",
        [("CG002", 9, 13, "organisations[1].joined")],
        ["the date the organisation joined: write it as 2025-01-31, not '31/01/2025'"],
    ),
    (
        "a-name-where-an-id-belongs",
        BASE + "people:\n  - id: jo\n    name: Jo\n    organisation: Health Trust\n",
        [("CG003", 12, 19, "people[0].organisation")],
        [
            "`people[0].organisation`: 'Health Trust' is the name of organisation 'trust'; "
            "write its id"
        ],
    ),
    (
        "a-name-misspelt-where-an-id-belongs",
        BASE + "people:\n  - id: jo\n    name: Jo\n    organisation: Helth Trust\n",
        [("CG003", 12, 19, "people[0].organisation")],
        ["unknown organisation 'Helth Trust'; did you mean 'trust' (Health Trust)? write its id"],
    ),
    (
        "a-name-in-a-list-of-ids-in-other-case",
        BASE + "aims:\n  - id: a\n    text: A\n    agreed_by: [city  council]\n",
        [("CG003", 12, 17, "aims[0].agreed_by[0]")],
        ["'city  council' is the name of organisation 'council'; write its id"],
    ),
    (
        "a-key-indented-less-than-its-neighbours",
        BASE.replace("    name: Health Trust", "   name: Health Trust"),
        [("CG001", 8, 4, "")],
        [
            "line 8 is indented 3 spaces and lines up with nothing above it",
            "the keys of the list item on line 7 are indented 4, the '-' on line 7 2",
            "indent it 4 spaces, or 2, to go with one of them",
        ],
    ),
    (
        "a-key-indented-more-than-its-neighbours",
        BASE.replace("    name: Health Trust", "      name: Health Trust"),
        [("CG001", 8, 7, "")],
        [
            "line 8 is indented 6 spaces, more than the key of '- id: trust' on line 7 (4)",
            "indent it 4 spaces",
        ],
    ),
    (
        "a-key-indented-more-than-a-finished-value",
        BASE.replace(
            "  established: 2024-01-15", "  established: 2024-01-15  # began\n   sector: x"
        ),
        [("CG001", 4, 4, "")],
        [
            "line 4 is indented 3 spaces, more than the key of 'established: 2024-01-15' on "
            "line 3 (2), which already has its value; indent it 2 spaces"
        ],
    ),
    (
        "a-key-in-line-with-the-dash-of-its-item",
        BASE.replace("    name: Health Trust", "  name: Health Trust"),
        [("CG001", 8, 3, "")],
        [
            "line 8 is indented 2 spaces, like the '-' on line 7, so it is not part of that "
            "list item; indent it 4 spaces"
        ],
    ),
    (
        "a-dash-in-line-with-the-keys-above",
        BASE.replace("  - id: trust", "    - id: trust"),
        [("CG001", 7, 5, "")],
        [
            "line 7 starts a list item at 4 spaces",
            "indent its '-' 2 spaces, like the '-' on line 5",
        ],
    ),
    (
        "the-first-line-indented",
        " " + BASE,
        [("CG001", 1, 2, "")],
        ["line 1 is indented 1 space, but the top-level keys below it are not"],
    ),
    (
        "a-section-indented-by-one",
        BASE.replace("organisations:", " organisations:"),
        [("CG001", 4, 2, "")],
        ["line 4 is indented 1 space", "indent it 2 spaces, or 0, to go with one of them"],
    ),
    (
        "lone-surrogate-escape",
        BASE.replace("Riverside Partnership", '"\\ud800"'),
        [("CG001", 2, 9, "partnership.name")],
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [pytest.param(text, expected, words, id=name) for name, text, expected, words in BAD_INPUTS],
)
def test_bad_input_is_pinned(
    text: str | bytes, expected: list[Pinned], words: list[str], use_c: bool
) -> None:
    loaded = load(text, use_c)
    assert loaded.partnership is None
    assert pinned(loaded) == expected, messages(loaded)
    for word in words:
        assert word in messages(loaded)
    assert all(e.severity.label == "error" and e.principle == "validity" for e in loaded.errors)


def test_nothing_is_constructed_from_a_python_tag(tmp_path: Path, use_c: bool) -> None:
    target = tmp_path / "constructed"
    text = BASE.replace("Riverside Partnership", f"!!python/object/apply:os.mkdir ['{target}']")
    loaded = load(text, use_c)
    assert pinned(loaded) == [("CG001", 2, 9, "partnership.name")]
    assert not target.exists()


def test_every_error_of_a_file_comes_at_once_sorted_by_line(use_c: bool) -> None:
    text = """\
partnership:
  name: Riverside Partnership
  name: Again
organisations:
  - id: council
    name: City Council
    joined: 2024-05-01
    left: 2024-01-01
  - id: council
    name: Council Again
    sector: privat
people:
  - id: sam
    name: Sam
    organisation: counsil
"""
    loaded = load(text, use_c)
    assert pinned(loaded) == [
        ("CG006", 3, 3, "partnership.name"),
        ("CG005", 8, 11, "organisations[0].left"),
        ("CG004", 9, 9, "organisations[1].id"),
        ("CG002", 11, 13, "organisations[1].sector"),
        ("CG003", 15, 19, "people[0].organisation"),
    ]
    assert [e.name for e in loaded.errors] == [
        "duplicate-key",
        "date-order",
        "duplicate-id",
        "schema",
        "unknown-reference",
    ]


def test_errors_name_the_file(tmp_path: Path, use_c: bool) -> None:
    path = tmp_path / "riverside.yaml"
    path.write_text(BASE.replace("organisations:", "organisatons:"), encoding="utf-8")
    loaded = load_path(str(path), use_c=use_c)
    assert loaded.path == str(path)
    assert loaded.errors


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: "\ufeff" + t.replace("\n", "\r\n"), id="bom-and-crlf"),
    ],
)
def test_bom_and_crlf_do_not_shift_positions(variant: Callable[[str], str], use_c: bool) -> None:
    text = BASE + "    sectr: public\n    joined: 2024-13-01\n"
    plain = load(text, use_c)
    shifted = load(variant(text), use_c)
    assert pinned(plain) == [
        ("CG002", 9, 5, "organisations[1].sectr"),
        ("CG002", 10, 13, "organisations[1].joined"),
    ]
    assert pinned(shifted) == pinned(plain)


def test_bom_and_crlf_file_is_valid(use_c: bool) -> None:
    loaded = load("\ufeff" + BASE.replace("\n", "\r\n"), use_c)
    assert loaded.errors == ()
    assert loaded.partnership is not None
    assert loaded.partnership.partnership.name == "Riverside Partnership"


def test_utf16_is_refused(use_c: bool) -> None:
    loaded = load(BASE.encode("utf-16"), use_c)
    assert pinned(loaded) == [("CG007", 1, 1, "")]
    assert "UTF-8" in messages(loaded)


# --------------------------------------------------------------------------- plain scalars


def test_plain_scalars_stay_the_text_written(use_c: bool) -> None:
    text = """\
partnership:
  name: 0777
  purpose: NO
  sector: 1:30
organisations:
  - id: council
    name: 'yes'
    offers: [1:30, NO, 0x1F, 1e3, on, 2024-05-01]
"""
    loaded = load(text, use_c)
    assert loaded.errors == ()
    assert loaded.partnership is not None
    info = loaded.partnership.partnership
    assert (info.name, info.purpose, info.sector) == ("0777", "NO", "1:30")
    org = loaded.partnership.organisations[0]
    assert org.name == "yes"
    assert org.offers == ("1:30", "NO", "0x1F", "1e3", "on", "2024-05-01")


@pytest.mark.parametrize("value", ["NO", "no", "on", "off", "Yes", "y"])
def test_yaml_11_booleans_are_not_booleans(value: str, use_c: bool) -> None:
    commitment = f"  - organisation: council\n    text: T\n    in_operational_plan: {value}\n"
    text = BASE + "commitments:\n" + commitment
    loaded = load(text, use_c)
    assert pinned(loaded) == [("CG002", 12, 26, "commitments[0].in_operational_plan")]
    assert "write true or false" in messages(loaded)


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN", "1e999"])
def test_non_finite_numbers_are_refused(value: str, use_c: bool) -> None:
    text = BASE + f"funding:\n  - {{from: council, amount: {value}}}\n"
    loaded = load(text, use_c)
    assert [(e.code, e.line, e.path) for e in loaded.errors] == [("CG002", 10, "funding[0].amount")]


# --------------------------------------------------------------------------- valid files


VALID_EXTRAS = """\
    roles: [funder, convener]
    status: uncertain
    joined: '2024-03-01'
    aims:
      - text: Better health
      - text: Less demand
        stated: hidden
people:
  - {id: sam, name: Sam Patel, organisation: council, joined: 2024-02-01}
activities:
  - id: pantry
    name: Pantry
    risk_shared: true
    budget: 1200.50
    start: 2024-04-01
funding:
  - {from: trust, amount: 5000, in_kind: false, year: 2025}
"""


def test_valid_file_gives_a_partnership_with_defaults(use_c: bool) -> None:
    loaded = load(BASE + VALID_EXTRAS, use_c)
    assert loaded.errors == ()
    partnership = loaded.partnership
    assert partnership is not None
    assert partnership.version == 1
    assert partnership.partnership.established == dt.date(2024, 1, 15)
    council, trust = partnership.organisations
    assert council.roles == (Role.MEMBER,)
    assert council.status is OrgStatus.ACTIVE
    assert council.joined is None
    assert council.aims == ()
    assert trust.roles == (Role.FUNDER, Role.CONVENER)
    assert trust.status is OrgStatus.UNCERTAIN
    assert trust.joined == dt.date(2024, 3, 1)
    assert [a.stated for a in trust.aims] == [Stated.EXPLICIT, Stated.HIDDEN]
    assert partnership.people[0].joined == dt.date(2024, 2, 1)
    activity = partnership.activities[0]
    assert activity.risk_shared is True
    assert activity.budget == 1200.5
    assert activity.start == dt.date(2024, 4, 1)
    assert partnership.funding[0].amount == 5000
    assert partnership.funding[0].currency == "GBP"
    assert partnership.funding[0].year == 2025


def test_valid_file_has_positions_for_values_and_keys(use_c: bool) -> None:
    loaded = load(BASE, use_c)
    assert loaded.source is not None
    assert loaded.source.locate(("organisations", 1, "name")) == (8, 11)
    assert loaded.source.locate_key(("organisations", 1, "name")) == (8, 5)
    assert loaded.source.locate(("partnership",)) == (2, 3)


def test_x_keys_are_accepted_anywhere_and_ignored(use_c: bool) -> None:
    text = """\
x-owner: Policy team
partnership:
  name: Riverside Partnership
  x-note: {drafted: 2024-01-01, by: [a, b]}
organisations:
  - id: council
    name: City Council
    x-crm-id: 1234
    aims:
      - text: Better health
        x-source: minutes
governance:
  bodies:
    - id: board
      name: Board
      members: [council]
      votes: {council: 2, x-comment: weighted}
      x-meets: monthly
assessments:
  - by: council
    date: 2025-01-01
    scores: {managing-aims: 4, x-comment: first round}
"""
    loaded = load(text, use_c)
    assert loaded.errors == ()
    assert loaded.partnership is not None
    assert loaded.partnership.governance is not None
    assert loaded.partnership.governance.bodies[0].votes == {"council": 2}
    assert len(loaded.partnership.assessments[0].scores) == 1


def test_x_keys_still_refuse_unsafe_tags(use_c: bool) -> None:
    loaded = load(BASE + "x-run: !!python/object/apply:os.system ['true']\n", use_c)
    assert pinned(loaded) == [("CG001", 9, 8, "x-run")]


def test_merge_keys_and_anchors(use_c: bool) -> None:
    text = """\
x-defaults: &defaults
  sector: public
  status: uncertain
partnership:
  name: Riverside Partnership
organisations:
  - <<: *defaults
    id: council
    name: City Council
  - <<: *defaults
    id: trust
    name: Health Trust
    status: active
people:
  - &sam {id: sam, name: Sam, organisation: council}
meetings:
  - {date: 2025-01-01, attended: &both [council, trust]}
  - {date: 2025-02-01, attended: *both}
"""
    loaded = load(text, use_c)
    assert loaded.errors == ()
    assert loaded.partnership is not None
    council, trust = loaded.partnership.organisations
    assert (council.sector, council.status) == ("public", OrgStatus.UNCERTAIN)
    assert (trust.sector, trust.status) == ("public", OrgStatus.ACTIVE)
    assert loaded.partnership.meetings[1].attended == ("council", "trust")


def test_errors_inside_merged_values_point_at_the_merge(use_c: bool) -> None:
    text = """\
x-defaults: &defaults
  status: unknown
partnership:
  name: Riverside Partnership
organisations:
  - id: council
    name: City Council
  - <<: *defaults
    id: trust
    name: Health Trust
  - <<: *defaults
    id: school
    name: Primary School
    status: formr
"""
    loaded = load(text, use_c)
    assert pinned(loaded) == [
        ("CG002", 8, 9, "organisations[1].status"),
        ("CG002", 14, 13, "organisations[2].status"),
    ]
    assert "did you mean 'former'?" in loaded.errors[1].message


def test_earlier_merge_sources_win(use_c: bool) -> None:
    text = """\
x-a: &a {sector: public}
x-b: &b {sector: private, status: former}
partnership: {name: P}
organisations:
  - <<: [*a, *b]
    id: council
    name: City Council
"""
    loaded = load(text, use_c)
    assert loaded.partnership is not None
    org = loaded.partnership.organisations[0]
    assert (org.sector, org.status) == ("public", OrgStatus.FORMER)


# --------------------------------------------------------------------------- limits


def test_file_over_the_size_limit_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(loader.MAX_FILE_BYTES + 1)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(loader, "open", no_open, raising=False)
    loaded = load_path(str(path))
    assert pinned(loaded) == [("CG007", 1, 1, "")]
    assert f"{loader.MAX_FILE_BYTES + 1:,} bytes" in messages(loaded)
    assert "too large" in messages(loaded)


def test_one_gib_sparse_file_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused from its size alone (how fast is measured in benchmarks/run.py, not here)."""
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(1 << 30)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(loader, "open", no_open, raising=False)
    loaded = load_path(str(path))
    assert pinned(loaded) == [("CG007", 1, 1, "")]
    assert "1,073,741,824 bytes" in messages(loaded)


def test_standard_input_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", len(BASE) - 1)
    loaded = load_path("-", stdin=io.BytesIO(BASE.encode()))
    assert loaded.path == "<stdin>"
    assert pinned(loaded) == [("CG007", 1, 1, "")]
    assert "too large" in messages(loaded)


def test_standard_input_at_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", len(BASE))
    loaded = load_path("-", stdin=io.BytesIO(BASE.encode()))
    assert loaded.errors == ()


def test_unreadable_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    loaded = load_path(str(tmp_path))
    assert pinned(loaded) == [("CG007", 1, 1, "")]
    assert "cannot read the file" in messages(loaded)


def _nested(levels: int) -> str:
    """BASE plus an x- key whose value nests `levels` flow lists deep."""
    return BASE + "x-deep: " + "[" * levels + "]" * levels + "\n"


def test_nesting_up_to_the_limit_is_accepted(use_c: bool) -> None:
    # The top-level mapping is the first level.
    assert load(_nested(loader.MAX_DEPTH - 1), use_c).errors == ()


def test_nesting_past_the_limit_is_refused(use_c: bool) -> None:
    loaded = load(_nested(loader.MAX_DEPTH), use_c)
    assert [(e.code, e.line, e.column) for e in loaded.errors] == [
        ("CG007", 9, 9 + loader.MAX_DEPTH - 1)
    ]
    assert f"deeper than {loader.MAX_DEPTH} levels" in messages(loaded)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 10_000, id="open-brackets"),
        pytest.param("[" * 10_000 + "]" * 10_000, id="balanced-brackets"),
        pytest.param("{a: " * 10_000, id="open-braces"),
        pytest.param("- " * 10_000 + "x\n", id="block-sequences"),
        pytest.param("".join(" " * i + "a:\n" for i in range(2_000)), id="block-mappings"),
    ],
)
def test_ten_thousand_levels_give_a_clean_limit_error(text: str, use_c: bool) -> None:
    loaded = load(text, use_c)
    assert [e.code for e in loaded.errors] == ["CG007"], messages(loaded)
    assert f"deeper than {loader.MAX_DEPTH} levels" in messages(loaded)


def _laughs(indent: str, first: str, levels: int = 9) -> list[str]:
    """A 'billion laughs' as block lines: `levels` levels of nine aliases each."""
    lines = [f'{indent}{first}&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{indent}{first}&a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)
    ]
    return lines


# Six levels expand to about 670,000 values, under the budget; the merge below doubles it.
_UNDER_BUDGET = "x-b:\n" + "\n".join(_laughs("  ", "- ", levels=6)) + "\norganisations:"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        pytest.param(
            "\n".join(f"l{i}: {line}" for i, line in enumerate(_laughs("", ""))) + "\n",
            "l6[0]",
            id="top-level",
        ),
        pytest.param(
            BASE
            + "x-bomb:\n"
            + "\n".join(f"  l{i}: {line}" for i, line in enumerate(_laughs("", "")))
            + "\n",
            "x-bomb.l6[0]",
            id="under-an-x-key",
        ),
        pytest.param(
            BASE + "    offers:\n" + "\n".join(_laughs("      ", "- ")) + "\n",
            "organisations[1].offers[6][0]",
            id="inside-offers",
        ),
        pytest.param(
            BASE.replace("organisations:", _UNDER_BUDGET).replace(
                "  - id: trust", "  - <<: {x-l: [*a5, *a5]}\n    id: trust"
            ),
            None,
            id="inside-a-merge",
        ),
    ],
)
def test_billion_laughs_is_refused_at_the_first_alias_over_budget(
    text: str, path: str | None, use_c: bool
) -> None:
    """The path shows where reading stopped: at the first alias past the budget, before any
    expansion (the time it takes is measured in benchmarks/run.py, not here)."""
    loaded = load(text, use_c)
    assert [e.code for e in loaded.errors] == ["CG007"], messages(loaded)
    assert f"more than {loader.MAX_ALIAS_NODES:,} values" in messages(loaded)
    if path is not None:
        assert loaded.errors[0].path == path


def test_alias_to_an_undefined_anchor(use_c: bool) -> None:
    loaded = load(BASE + "    offers: *nothing\n", use_c)
    assert pinned(loaded) == [("CG001", 9, 13, "organisations[1].offers")]
    assert "define '&nothing' first" in messages(loaded)


@pytest.mark.parametrize("organisations", [150, 300])
def test_error_count_is_capped_and_the_rest_counted(organisations: int, use_c: bool) -> None:
    orgs = "".join(
        f"  - id: org-{i}\n    name: Org {i}\n    sectr: public\n" for i in range(organisations)
    )
    loaded = load("partnership:\n  name: P\norganisations:\n" + orgs, use_c)
    assert len(loaded.errors) == loader.MAX_ERRORS + 1
    hidden = organisations - loader.MAX_ERRORS
    assert loaded.errors[-1].message == f"{hidden} more errors not shown; fix these first"


# --------------------------------------------------------------------------- both loaders agree

SYNTAX_ERRORS: list[tuple[str, str]] = [
    ("unclosed-flow-mapping", "partnership: {name: P\norganisations: []\n"),
    ("bad-indentation", "partnership:\n  name: P\n bad: 1\n"),
    ("list-inside-a-mapping", "partnership:\n  name: P\n- council\n"),
    ("unknown-escape", 'partnership:\n  name: "\\q"\n'),
    ("colon-in-plain-text", "partnership:\n  name: Riverside: the partnership\n"),
    ("tab-after-a-colon", BASE.replace("name: City Council", "name:\tCity Council")),
    ("tab-inside-a-value", BASE.replace("name: City Council", "name: City\tCouncil")),
    ("no-final-newline", "partnership:\n  name: P\norganisations:"),
]


@pytest.mark.skipif(not c_loader_available(), reason="PyYAML built without libyaml")
@pytest.mark.parametrize(
    "text",
    [pytest.param(text, id=name) for name, text, _, _ in BAD_INPUTS]
    + [pytest.param(text, id=name) for name, text in SYNTAX_ERRORS]
    + [pytest.param(BASE, id="valid"), pytest.param("[" * 10_000, id="ten-thousand-brackets")],
)
def test_both_loaders_give_identical_results(text: str | bytes) -> None:
    def everything(loaded: LoadedFile) -> list[tuple[object, ...]]:
        return [(e.code, e.line, e.column, e.path, e.message) for e in loaded.errors]

    with_c, pure = load(text, use_c=True), load(text, use_c=False)
    assert everything(with_c) == everything(pure)
    assert with_c.partnership == pure.partnership


@pytest.mark.parametrize(("encoding", "name"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_other_unicode_encodings_are_named(encoding: str, name: str, use_c: bool) -> None:
    loaded = load(BASE.encode(encoding), use_c)
    assert pinned(loaded) == [("CG007", 1, 1, "")]
    assert f"the file is {name}; save it as UTF-8" in messages(loaded)

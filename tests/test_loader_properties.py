"""Property tests: whatever the input, the loader ends in a partnership or in clean errors.

Inputs are random bytes, soups of YAML tokens, and YAML-shaped documents built from the
format's own keys with anchors, aliases, merges, tags and flow collections, with a few
random edits. Each runs over both of PyYAML's parsers, within a time bound per example.
"""

from __future__ import annotations

import dataclasses
import re
import string
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from collabgain_cli.loader import CODES, LoadedFile, c_loader_available, load_bytes
from collabgain_cli.model import Partnership

LOADERS = [
    pytest.param(
        True,
        id="c",
        marks=pytest.mark.skipif(not c_loader_available(), reason="PyYAML built without libyaml"),
    ),
    pytest.param(False, id="pure"),
]

PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=2000,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check_outcome(loaded: LoadedFile) -> None:
    """A partnership and no errors, or no partnership and well-formed, sorted errors."""
    assert isinstance(loaded, LoadedFile)
    if loaded.partnership is not None:
        assert loaded.errors == ()
        return
    assert loaded.errors
    for error in loaded.errors:
        assert re.fullmatch(r"CG00[1-7]", error.code), error
        assert CODES[error.code] == error.name
        assert error.severity.label == "error"
        assert error.line >= 1
        assert error.column >= 1
        assert error.message
    positions = [(e.line, e.column) for e in loaded.errors]
    assert positions == sorted(positions)


# --------------------------------------------------------------------------- random bytes


@pytest.mark.parametrize("use_c", LOADERS)
@PROPERTY_SETTINGS
@given(data=st.binary(max_size=2048))
def test_random_bytes(data: bytes, use_c: bool) -> None:
    check_outcome(load_bytes(data, use_c=use_c))


@pytest.mark.parametrize("use_c", LOADERS)
@PROPERTY_SETTINGS
@given(text=st.text(max_size=1024))
def test_random_text(text: str, use_c: bool) -> None:
    check_outcome(load_bytes(text.encode("utf-8"), use_c=use_c))


# --------------------------------------------------------------------------- token soup

TOKENS = [
    "partnership",
    "organisations",
    "name",
    "id",
    "x-note",
    "<<",
    "- ",
    ": ",
    ":",
    "\n",
    "\r\n",
    "  ",
    "    ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "!!str ",
    "!!map ",
    "!x ",
    "!!python/object:os.system ",
    "'",
    '"',
    "\\",
    "# c",
    "? ",
    "|",
    ">-",
    "---",
    "...",
    "%YAML 1.2\n",
    "yes",
    "0777",
    "1:30",
    ".inf",
    "~",
    "2024-01-01",
    "\ufeff",
    "é",
    "\x85",
    "\u2028",
]


@pytest.mark.parametrize("use_c", LOADERS)
@PROPERTY_SETTINGS
@given(tokens=st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup(tokens: list[str], use_c: bool) -> None:
    check_outcome(load_bytes("".join(tokens).encode("utf-8"), use_c=use_c))


# --------------------------------------------------------------------------- YAML-shaped text


def _format_keys() -> list[str]:
    """Every key the format knows, read from the models."""
    keys: set[str] = set()
    pending: list[type[BaseModel]] = [Partnership]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            keys.add(field.alias or name)
            stack: list[Any] = [field.annotation]
            while stack:
                current = stack.pop()
                if isinstance(current, type) and issubclass(current, BaseModel):
                    pending.append(current)
                stack.extend(getattr(current, "__args__", ()))
    return sorted(keys)


KEYS = st.one_of(
    st.sampled_from(_format_keys()),
    st.sampled_from(["x-note", "x-", "<<", "organisatons", "nmae", "~", "''", '"id"', "? id"]),
)
SCALARS = st.one_of(
    st.sampled_from(
        [
            "council",
            "trust",
            "City Council",
            "0777",
            "1:30",
            "NO",
            "yes",
            "true",
            "false",
            "~",
            "null",
            ".inf",
            "-.nan",
            "1e999",
            "2024-05-01",
            "2024-02-30",
            "'2024-05-01'",
            "1200",
            "-3",
            "0",
            "''",
            '""',
            '"\\u00e9"',
            "'it''s'",
            "public",
            "explicit",
            "consensus",
            "joint-delivery",
            "managing-aims",
            "*a",
            "*b",
        ]
    ),
    st.text(alphabet=string.ascii_letters + string.digits + " -_.é", max_size=12),
)
TAGS = ("!!str ", "!!map ", "!!seq ", "!custom ", "!!python/tuple ")


def _prefix(draw: int) -> str:
    # One node in twenty gets an anchor, one in forty a tag: a non-standard tag ends the load
    # at once, so tags must be rare for the rest of the document to be exercised.
    if draw < 10:
        return ("&a ", "&b ")[draw % 2]
    if draw < 10 + len(TAGS):
        return TAGS[draw - 10]
    return ""


PREFIXES = st.integers(min_value=0, max_value=199).map(_prefix)


@dataclasses.dataclass(frozen=True)
class Node:
    kind: str
    """'scalar', 'map' or 'seq'."""
    value: Any
    flow: bool = False
    prefix: str = ""


def _collections(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    maps = st.builds(
        Node,
        kind=st.just("map"),
        value=st.lists(st.tuples(KEYS, children), max_size=5),
        flow=st.booleans(),
        prefix=PREFIXES,
    )
    seqs = st.builds(
        Node,
        kind=st.just("seq"),
        value=st.lists(children, max_size=4),
        flow=st.booleans(),
        prefix=PREFIXES,
    )
    return st.one_of(maps, seqs)


NODES = st.recursive(
    st.builds(Node, kind=st.just("scalar"), value=SCALARS, prefix=PREFIXES),
    _collections,
    max_leaves=40,
)


def _inline(node: Node) -> str:
    if node.kind == "scalar":
        return node.prefix + str(node.value)
    if node.kind == "map":
        body = ", ".join(f"{key}: {_inline(value)}" for key, value in node.value)
        return f"{node.prefix}{{{body}}}"
    return f"{node.prefix}[{', '.join(_inline(item) for item in node.value)}]"


def _is_block(node: Node) -> bool:
    return node.kind != "scalar" and not node.flow and bool(node.value)


def _block(node: Node, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if node.kind == "map":
        for key, value in node.value:
            if _is_block(value):
                lines.append(f"{pad}{key}: {value.prefix}".rstrip())
                lines.extend(_block(value, indent + 2))
            else:
                lines.append(f"{pad}{key}: {_inline(value)}")
    else:
        for item in node.value:
            if _is_block(item):
                lines.append(f"{pad}- {item.prefix}".rstrip())
                lines.extend(_block(item, indent + 2))
            else:
                lines.append(f"{pad}- {_inline(item)}")
    return lines


def render(node: Node) -> str:
    if _is_block(node):
        return node.prefix + "\n" + "\n".join(_block(node, 0)) + "\n"
    return _inline(node) + "\n"


TOP_LEVEL = st.builds(
    Node,
    kind=st.just("map"),
    value=st.lists(
        st.tuples(st.sampled_from(["partnership", "organisations", "people", "x-a"]), NODES),
        min_size=1,
        max_size=4,
    ),
)
EDITS = st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(TOKENS)), max_size=3)


@pytest.mark.parametrize("use_c", LOADERS)
@PROPERTY_SETTINGS
@given(node=st.one_of(TOP_LEVEL, NODES), edits=EDITS)
def test_yaml_shaped_text(node: Node, edits: list[tuple[int, str]], use_c: bool) -> None:
    text = render(node)
    for position, token in edits:
        at = position % (len(text) + 1)
        text = text[:at] + token + text[at:]
    check_outcome(load_bytes(text.encode("utf-8"), use_c=use_c))


# --------------------------------------------------------------------------- valid files

SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
# NEL, LS and PS are line breaks to YAML 1.1: PyYAML writes them raw inside quotes, and
# both parsers fold them, so they cannot survive a dump and a load.
TEXTS = st.text(st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029"), max_size=30)


@st.composite
def partnerships(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(SLUGS, min_size=1, max_size=5, unique=True))
    return {
        "partnership": {"name": draw(TEXTS), "purpose": draw(TEXTS)},
        "organisations": [
            {"id": org_id, "name": draw(TEXTS), "offers": draw(st.lists(TEXTS, max_size=3))}
            for org_id in ids
        ],
        f"x-{draw(SLUGS)}": draw(st.lists(TEXTS, max_size=2)),
    }


@pytest.mark.parametrize("use_c", LOADERS)
@PROPERTY_SETTINGS
@given(
    data=partnerships(),
    flow=st.sampled_from([None, True, False]),
    unicode=st.booleans(),
    width=st.integers(min_value=20, max_value=200),
)
def test_any_text_dumped_as_yaml_loads_back_unchanged(
    data: dict[str, Any], flow: bool | None, unicode: bool, width: int, use_c: bool
) -> None:
    text = yaml.safe_dump(
        data, default_flow_style=flow, allow_unicode=unicode, width=width, sort_keys=False
    )
    loaded = load_bytes(text.encode("utf-8"), use_c=use_c)
    assert loaded.errors == (), [e.message for e in loaded.errors]
    partnership = loaded.partnership
    assert partnership is not None
    assert partnership.partnership.name == data["partnership"]["name"]
    assert partnership.partnership.purpose == data["partnership"]["purpose"]
    assert [(o.id, o.name, list(o.offers)) for o in partnership.organisations] == [
        (o["id"], o["name"], o["offers"]) for o in data["organisations"]
    ]

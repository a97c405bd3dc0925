"""Pseudonyms for people, so a report can be shared without naming individuals.

`pseudonymise(partnership, key)` returns the same partnership, validated again, in which:

- every person's `id` is `person-` and the first 10 hex digits of HMAC-SHA256(key, `id:` and
  the id), and every reference to it follows: `activities[].owner`, `meetings[].people`,
  `governance.chairs[].person`, and `assessments[].by` when it names a person (one that names
  an organisation is left alone);
- every person's `name` is `Person ` and the first 8 hex digits, upper-cased, of
  HMAC-SHA256(key, `name:` and the name normalised as the portfolio matches people: accents,
  case, punctuation and leading titles dropped, so `Dr Helen Marsh` and `helen marsh` get
  the same pseudonym). The name is derived from the normalised name, not from the id, so
  that `portfolio` still finds the same person across files whose ids for them differ;
- in every other piece of text in the file (organisation and network names, purposes,
  aims, decision summaries, change descriptions, lessons, waiver reasons and subjects ...),
  each person's name, as written and without its titles, and each person's id are replaced
  by their pseudonyms wherever they appear as whole words, in any case.

The same key and the same file give the same pseudonyms on every run (and in every file, so
`diff` and `portfolio` still match people); without the key a pseudonym cannot be turned back
into the name. Organisations keep their names and ids, and line numbers still point into the
original file.

Limits: only whole names and ids are found in text, not a first name or a surname on its
own, nor a misspelling or a nickname, so read free text before sharing; a one-word name or
id (`Ben`, `ben`) is replaced wherever it stands as a word of its own; an id that a person
shares with an organisation, network, aim, body or activity is left as it is in text. An
invalid file is reported with its errors as they are, and those can quote values from the
file. Six hex digits make about 16.7 million name pseudonyms: among a thousand different
people, two share one with a chance of about 3%, and `portfolio` would take them for one.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import hmac
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from .model import SLUG_PATTERN, Partnership, Person
from .portfolio import person_key

KEY_VARIABLE = "COLLABGAIN_PSEUDONYM_KEY"
MAKE_KEY = f"export {KEY_VARIABLE}=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
"""The shell line that makes a key, as the usage error shows it."""
MAX_KEY_FILE = 64 * 1024
"""A key is a few dozen bytes; a larger file is not a key file."""

_APOSTROPHE = re.compile("['\u2018\u2019]")
_WORD = re.compile(r"\w+")
_ID_RUN = re.compile(r"[\w-]+")
_NOT_WORD = re.compile(r"\W")


class KeyProblem(ValueError):
    """No key to pseudonymise with, or an unreadable key file: a usage error."""


def read_secret(path: Path) -> bytes:
    """The bytes of a key file, without a final newline.

    Read outside `loader.py`: a key is not a partnership file and must never be parsed,
    quoted or reported, which the loader's error reporting would risk. Like a partnership
    file, it must be a regular file (a FIFO would wait forever) and is read only up to its
    limit.
    """
    from .files import TooLarge, read_limited

    try:
        data = read_limited(path, MAX_KEY_FILE)
    except OSError as exc:
        raise KeyProblem(
            f"--pseudonym-key-file {path}: cannot read it: {exc.strerror or type(exc).__name__}"
        ) from None
    except TooLarge:
        raise KeyProblem(
            f"--pseudonym-key-file {path}: larger than {MAX_KEY_FILE // 1024} KiB, "
            "so not a key file"
        ) from None
    return data.removesuffix(b"\n").removesuffix(b"\r")


def pseudonym_key(variable: str | None, key_file: Path | None) -> bytes:
    """The key: the key file's bytes when one is given, else the environment variable's text.

    `variable` is the value of `KEY_VARIABLE` (None when unset).
    """
    if key_file is not None:
        key = read_secret(key_file)
        if not key:
            raise KeyProblem(f"--pseudonym-key-file {key_file}: is empty; {_how()}")
        return key
    if not variable:
        state = "is empty" if variable is not None else "is not set"
        raise KeyProblem(
            f"--pseudonymise needs a key: {KEY_VARIABLE} {state} and no --pseudonym-key-file "
            f"was given; {_how()}"
        )
    return variable.encode("utf-8")


def _how() -> str:
    return f"make a key once and keep it secret, e.g.: {MAKE_KEY}"


@dataclasses.dataclass(frozen=True)
class Pseudonymiser:
    """`pseudonymise` with its key, as a settings transform (picklable; never shows the key)."""

    key: bytes = dataclasses.field(repr=False)

    def __call__(self, partnership: Partnership) -> Partnership:
        return pseudonymise(partnership, self.key)


def _digest(key: bytes, label: bytes, text: str) -> str:
    return hmac.new(key, label + text.encode("utf-8"), hashlib.sha256).hexdigest()


def person_id(key: bytes, person_id: str) -> str:
    """A person id's pseudonym, e.g. `person-3f9a0c12be`."""
    return "person-" + _digest(key, b"id:", person_id)[:10]


def person_name(key: bytes, name: str) -> str:
    """A person name's pseudonym, e.g. `Person 3F9A0C`; the same for the same normalised name."""
    return "Person " + _digest(key, b"name:", person_key(name))[:8].upper()


def pseudonymise(partnership: Partnership, key: bytes) -> Partnership:
    """The partnership with people's names and ids replaced by pseudonyms (see the module)."""
    if not partnership.people:
        return partnership
    ids = {p.id: person_id(key, p.id) for p in partnership.people}
    names = {person_key(p.name): person_name(key, p.name) for p in partnership.people}
    organisations = {o.id for o in partnership.organisations}
    others = organisations | {
        item.id
        for items in (
            partnership.networks,
            partnership.aims,
            partnership.activities,
            partnership.governance.bodies if partnership.governance else (),
        )
        for item in items
    }
    data = _scrub(partnership, _Replacer(partnership.people, ids, names, others))
    for person, entry in zip(partnership.people, data["people"], strict=True):
        entry["id"] = ids[person.id]
        entry["name"] = names[person_key(person.name)]
    for activity in data["activities"]:
        if activity["owner"] is not None:
            activity["owner"] = ids[activity["owner"]]
    for meeting in data["meetings"]:
        meeting["people"] = [ids[p] for p in meeting["people"]]
    if data["governance"] is not None:
        for chair in data["governance"]["chairs"]:
            if chair["person"] is not None:
                chair["person"] = ids[chair["person"]]
    for assessment in data["assessments"]:
        # `by` names a person or an organisation; the loader reads an id that is both as
        # either, and the organisation's id is shown anyway.
        if assessment["by"] in ids and assessment["by"] not in organisations:
            assessment["by"] = ids[assessment["by"]]
    return Partnership.model_validate(data)


class _Replacer:
    """Replaces people's names and ids in a text by their pseudonyms: whole words, any case.

    Names are looked up, not searched for: at each word that begins some name, the next few
    words are compared with the names of that many words, so a text is read once however many
    people there are.
    """

    def __init__(
        self, people: Iterable[Person], ids: dict[str, str], names: dict[str, str], others: set[str]
    ) -> None:
        # Ids are lower-case slugs.
        self.ids = {person: pseudonym for person, pseudonym in ids.items() if person not in others}
        self.names: dict[str, str] = {}
        self.first_words: set[str] = set()
        lengths: set[int] = set()
        for person in people:
            for variant in _variants(person.name):
                first = _WORD.search(variant)
                if first is None:
                    continue
                variant = variant[first.start() :]
                self.names.setdefault(_normal(variant), names[person_key(person.name)])
                self.first_words.add(first.group().lower())
                lengths.add(len(variant.split()))
        # Longest first, so a name is replaced whole before a shorter name inside it.
        self.spans = [_span(n) for n in sorted(lengths, reverse=True)]

    def __call__(self, text: str) -> str:
        parts: list[str] = []
        done = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < done:
                continue
            end, pseudonym = self._longest(text, start, word.group())
            if pseudonym is not None:
                parts += (text[done:start], pseudonym)
                done = end
        return "".join((*parts, text[done:])) if parts else text

    def _longest(self, text: str, start: int, word: str) -> tuple[int, str | None]:
        """Where the longest name or id that starts at `start` ends, and its pseudonym."""
        best: tuple[int, str | None] = (start, None)
        # An id is a whole run of letters, digits and hyphens.
        if start == 0 or text[start - 1] != "-":
            run = _ID_RUN.match(text, start)
            pseudonym = self.ids.get(run.group().lower()) if run else None
            if run and pseudonym:
                best = (run.end(), pseudonym)
        if word.lower() not in self.first_words:
            return best
        for span in self.spans:
            words = span.match(text, start)
            if words is None:
                continue
            # The name may end before punctuation at the end of its last word: `Wood's`.
            last = words.start(1)
            ends = [words.end(), *(last + m.start() for m in _NOT_WORD.finditer(words.group(1)))]
            for end in sorted(ends, reverse=True):
                if text[end - 1].isspace():
                    continue
                pseudonym = self.names.get(_normal(text[start:end]))
                if pseudonym is not None and end > best[0]:
                    return end, pseudonym
        return best


def _span(words: int) -> re.Pattern[str]:
    """`words` whitespace-separated words from where it is matched, the last one as group 1."""
    return re.compile(rf"(?:\S+\s+){{{words - 1}}}(\S+)")


def _normal(name: str) -> str:
    """A name as compared in text: one space between words, one apostrophe, lower case."""
    return _APOSTROPHE.sub("'", " ".join(name.split())).lower()


def _variants(name: str) -> list[str]:
    """The name as written and without leading titles: `Cllr Jane Wood`, `Jane Wood`."""
    words = name.split()
    variants = [" ".join(words)] if words else []
    key = person_key(name)
    # A leading word is a title when the name means the same person without it.
    while len(words) > 1 and person_key(" ".join(words[1:])) == key:
        words = words[1:]
        variants.append(" ".join(words))
    return variants


def _scrub(value: Any, replace: Callable[[str], str]) -> Any:
    """A model as plain data (keys by alias), with `replace` applied to its text, not its ids."""
    if isinstance(value, BaseModel):
        return {
            field.alias or name: item if holds_ids else _scrub(item, replace)
            for name, field, holds_ids in _fields(type(value))
            for item in (getattr(value, name),)
        }
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, tuple):
        return [_scrub(item, replace) for item in value]
    if isinstance(value, dict):
        return {k: _scrub(item, replace) for k, item in value.items()}
    return value


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, FieldInfo, bool], ...]:
    """A model's fields, each with whether it holds ids (slugs) rather than text."""
    return tuple(
        (name, field, _is_slug(field.metadata) or _holds_slug(field.annotation))
        for name, field in model.model_fields.items()
    )


def _is_slug(metadata: Iterable[Any]) -> bool:
    return any(
        isinstance(m, WithJsonSchema)
        and m.json_schema is not None
        and m.json_schema.get("pattern") == SLUG_PATTERN
        for m in metadata
    )


def _holds_slug(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return _is_slug(get_args(annotation)[1:])
    return any(_holds_slug(arg) for arg in get_args(annotation))

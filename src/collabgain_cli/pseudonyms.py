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

Names are found in text however they are spelled in accents, case, full-width letters or
with invisible characters inside (`Zoe Bronte`, `ZOE BRONTE` in full-width letters and
`Zo\u200be` all stand for `Zoë Brontë`). A file's name is pseudonymised as free text is
(`jane-wood.yaml` is shown as `person-….yaml`); an invalid file's errors hide every value
they quote from the file (`did you mean '…'?`), since they cannot be pseudonymised.

Limits: only whole names and ids are found in text, not a first name or a surname on its
own, nor a misspelling or a nickname, so read free text before sharing; a one-word name or
id (`Ben`, `ben`) is replaced wherever it stands as a word of its own; an id that a person
shares with an organisation, network, aim, body or activity is left as it is in text. The
name of an invalid file is shown as it is. Six hex digits make about 16.7 million name
pseudonyms: among a thousand different people, two share one with a chance of about 3%, and
`portfolio` would take them for one.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from .analysis.keys import person_key
from .model import SLUG_PATTERN, Partnership, Person

KEY_VARIABLE = "COLLABGAIN_PSEUDONYM_KEY"
MAKE_KEY = f"export {KEY_VARIABLE}=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
"""The shell line that makes a key, as the usage error shows it."""
MAX_KEY_FILE = 64 * 1024
"""A key is a few dozen bytes; a larger file is not a key file."""

_APOSTROPHE = re.compile("['\u2018\u2019]")
_WORD = re.compile(r"\w+")
_ID_RUN = re.compile(r"[\w-]+")
_NOT_WORD = re.compile(r"\W")
_CHUNK = re.compile(r"\S+")
_QUOTED = re.compile(r"'[^'\n]*'")


class KeyProblem(ValueError):
    """No key to pseudonymise with, or an unreadable key file: a usage error."""


def read_secret(path: Path) -> bytes:
    """The bytes of a key file, without a final newline.

    Read outside the loader: a key is not a partnership file and must never be parsed,
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

    def redact(self, partnership: Partnership | None, text: str) -> str:
        """Text from outside the partnership's fields: a file's path, with people's names
        and ids replaced as in free text; or, for an invalid file (None), an error message,
        with every value it quotes from the file hidden (`did you mean '…'?`)."""
        if partnership is None:
            return _QUOTED.sub("'…'", text)
        return replacer(partnership, self.key)(text) if partnership.people else text


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
    data = _scrub(partnership, replacer(partnership, key))
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


def replacer(partnership: Partnership, key: bytes) -> _Replacer:
    """What replaces the partnership's people's names and ids in a text by their pseudonyms."""
    ids = {p.id: person_id(key, p.id) for p in partnership.people}
    names = {person_key(p.name): person_name(key, p.name) for p in partnership.people}
    others = {o.id for o in partnership.organisations} | {
        item.id
        for items in (
            partnership.networks,
            partnership.aims,
            partnership.activities,
            partnership.governance.bodies if partnership.governance else (),
        )
        for item in items
    }
    return _Replacer(partnership.people, ids, names, others)


class _Replacer:
    """Replaces people's names and ids in a text by their pseudonyms: whole words, any case.

    Names are looked up, not searched for: at each word that begins some name, the following
    words are taken one at a time, for as long as they still begin some name (`prefixes`), so
    a text is read once however many people there are, and no name is tried at a length that
    the words read so far already rule out.
    """

    def __init__(
        self, people: Iterable[Person], ids: dict[str, str], names: dict[str, str], others: set[str]
    ) -> None:
        # Ids are lower-case slugs.
        self.ids = {person: pseudonym for person, pseudonym in ids.items() if person not in others}
        self.names: dict[str, str] = {}
        self.first_words: set[str] = set()
        self.prefixes: set[str] = set()
        """The first words of each name but its last, as `_normal` writes them."""
        for person in people:
            for variant in _variants(_folded(person.name)[0]):
                first = _WORD.search(variant)
                if first is None:
                    continue
                normal = _normal(variant[first.start() :])
                self.names.setdefault(normal, names[person_key(person.name)])
                self.first_words.add(first.group().lower())
                words = normal.split(" ")
                self.prefixes.update(" ".join(words[:count]) for count in range(1, len(words)))

    def __call__(self, text: str) -> str:
        # Matched on the text folded (accents, full-width forms and zero-width characters
        # taken out), replaced in the text as written.
        folded, origin = _folded(text)
        parts: list[str] = []
        done = 0
        for word in _WORD.finditer(folded):
            start = word.start()
            if start < done:
                continue
            end, pseudonym = self._longest(folded, start, word.group())
            if pseudonym is not None:
                parts += (text[origin[done] : origin[start]], pseudonym)
                done = end
        return "".join((*parts, text[origin[done] :])) if parts else text

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
        read = ""
        for chunk in _CHUNK.finditer(text, start):
            # The name may end before punctuation at the end of its last word: `Wood's`.
            here = chunk.group()
            ends = [len(here), *(m.start() for m in _NOT_WORD.finditer(here))]
            for end in sorted(set(ends), reverse=True):
                if end == 0:
                    continue
                pseudonym = self.names.get(read + _normal(here[:end]))
                if pseudonym is not None and chunk.start() + end > best[0]:
                    best = (chunk.start() + end, pseudonym)
                    break
            read += _normal(here)
            if read not in self.prefixes:
                return best
            read += " "
        return best


def _folded(text: str) -> tuple[str, list[int]]:
    """The text as names are matched in it, and where each of its characters came from.

    Accents are dropped (`Zoë` reads `Zoe`), compatibility forms made plain (full-width
    letters read as plain ones), and invisible format characters (a zero-width space
    splitting `Ja\u200bne`) left out. `origin[i]` is the index in `text` of folded character `i`;
    `origin[len(folded)]` is `len(text)`.
    """
    if text.isascii():
        return text, list(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.category(part) not in ("Mn", "Cf"):
                out.append(part)
                origin.append(index)
    origin.append(len(text))
    return "".join(out), origin


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

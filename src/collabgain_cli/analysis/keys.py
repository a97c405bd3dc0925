"""How names are matched across files: a person's and an organisation's key.

Two files may spell one organisation or person differently ("The Riverside Trust Ltd",
"riverside trust"; "Cllr Ann Lee", "Ann Lee"); `portfolio` matches them by these keys, and
`--pseudonymise` gives one person the same pseudonym in every file by the same key.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "cllr",
        "councillor",
        "rev",
        "revd",
        "reverend",
        "sir",
        "dame",
    }
)
_ORG_SUFFIXES = frozenset({"ltd", "limited", "cic", "cio", "plc", "llp", "inc"})
_JOINING = re.compile("['.\u2018\u2019]")
"""Apostrophes (straight and curly) and full stops join the letters around them."""
_SEPARATING = re.compile(r"[^\w\s]|_")


def _words(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    text = _SEPARATING.sub(" ", _JOINING.sub("", text.replace("&", " and ")))
    return text.split()


@functools.lru_cache(maxsize=65536)
def organisation_key(name: str) -> str:
    """The name an organisation, partnership or network is matched by across files."""
    words = _words(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
        words = words[:-1]
    return " ".join(words) or name.casefold()


@functools.lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """The name a person is matched by across files."""
    words = _words(name)
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words) or name.casefold()

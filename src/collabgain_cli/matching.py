"""Matching short texts (offers, needs, aims, strengths) in a way a person can follow.

No model, no network: each text becomes a list of *terms*, and two texts match on the terms they
share, with a score. The steps, in order:

1. normalise: accents dropped, case folded, `&` read as `and`, apostrophes removed, every
   other mark of punctuation read as a space; numbers are dropped (`1,200 homes` is `homes`);
2. phrases: where the words of a synonym phrase (`surplus food`, `somewhere to meet`) stand
   together in the text, they become one term that means that synonym line;
3. stop words (`a`, `for`, `our`, `help`, `need` ...) are dropped, and so are words of one
   letter;
4. stems: each remaining word is reduced to its stem by the Snowball English (Porter2)
   stemmer, so `volunteers`, `volunteering` and `volunteer` are one term;
5. synonyms: a word on a synonym line (`venue`, `room`, `hall`) also means that line.

Two terms are shared when they have the same stem or a synonym line in common. Some words are
*broad* (`community`, `support`, `space`, `service` ...): they count half, and a match made only
of broad words is no match. The score is the cosine of the two texts' weighted terms: the weight
of what they share divided by the geometric mean of their weights, from 0 (nothing shared) to 1
(the same terms). A match needs a score of at least `min_score` (0.42 by default: one word
shared by a two-word offer and a three-word need, 0.41, is too little; one shared by two
two-word texts, 0.5, is enough).

Two refinements for whole partnerships: `for_texts` finds the words common to a partnership's
own texts (`youth` in a youth partnership), which then count half too, though they can still
make a match; and `match(..., head=True)`, used against aims, asks that what the offer is
about (its last full word before a preposition: `rooms` in `rooms on three estates`) be among
the words shared.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import snowballstemmer
import yaml

DEFAULT_MIN_SCORE = 0.42
BROAD_WEIGHT = 0.5


def _listed(text: str) -> frozenset[str]:
    """Words written as a block of text, one space apart."""
    return frozenset(text.split())


STOP_WORDS = _listed(
    """
    a about above across after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each either
    else etc every few for from further get gets getting give given giving had has have having
    he her here hers him his how i if in into is it its itself just less let like lot lots many
    may me might more most much must my need needs needed no nor not now of off on once one only
    or other others our ours out over own per please same she should so some someone something
    somewhere such than that the their theirs them then there these they this those through to
    too under until up upon us use used using very via want wanted was way ways we well were what
    when where which while who whom why will wish with within without would yet you your
    able better help helps helping hope hoping keep make making new offer offers provide
    providing put run running take want extra two three four five six seven eight nine ten
    """
)
"""Words that carry no meaning of their own in an offer or a need, by their written form."""

BROAD_WORDS = _listed(
    """
    access advice area community event group information local network partner partnership
    people person place plan programme project resource service space support team time work
    """
)
"""Words so common in partnerships' texts that alone they show no real match (stems below)."""

PREPOSITIONS = _listed("about at for from in into of on to with within")
"""Where a noun phrase's qualifiers begin: `rooms on three estates` is about rooms."""
COMMON_SHARE = 0.25
COMMON_MIN_TEXTS = 6
"""A word in at least this share of a partnership's texts, and in at least this many of them,
is common there, and counts half (as `youth` does in a youth partnership); unlike a broad word,
it can still make a match on its own (everyone offers rooms, one member needs a room)."""

_JOINING = re.compile("['\u2018\u2019]")
_SEPARATING = re.compile(r"[^\w\s]|_")
_NUMBER = re.compile(r"^\d+(st|nd|rd|th|s)?$")


class SynonymError(ValueError):
    """A synonym list that cannot be used; the message says where and what to write."""


@functools.cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """The text's words: accents dropped, case folded, punctuation read as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _SEPARATING.sub(" ", _JOINING.sub("", plain.replace("&", " and ")))
    return [w for w in plain.split() if not _NUMBER.match(w)]


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The stem of one normalised word (remembered: the same words recur across members'
    offers and needs, and across the files of a report)."""
    return str(_stemmer().stemWord(word))


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    """One meaningful unit of a text: the words it came from and what it stands for."""

    words: str
    """The words as written in the text (normalised), e.g. `volunteers` or `surplus food`."""
    keys: frozenset[str]
    """Its stem and the synonym lines it belongs to (`syn:3`)."""
    weight: float
    broad: bool = False
    """A broad word (`community`, `support`): alone it makes no match."""


@dataclasses.dataclass(frozen=True, slots=True)
class SharedTerm:
    """A term two texts share: the words on each side (the same word, or synonyms)."""

    left: str
    right: str

    @property
    def label(self) -> str:
        """`volunteer`, or `rooms ~ venue` when different words meant the same."""
        return self.left if self.left == self.right else f"{self.left} ~ {self.right}"


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """Why two texts match: the terms they share and the score."""

    score: float
    shared: tuple[SharedTerm, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(s.label for s in self.shared)


@dataclasses.dataclass(frozen=True)
class Synonyms:
    """Synonym lines: each a tuple of entries (words or phrases) that mean the same."""

    lines: tuple[tuple[str, ...], ...]

    @functools.cached_property
    def single(self) -> Mapping[str, frozenset[str]]:
        """Stem of a one-word entry -> the keys of the lines it is on."""
        out: dict[str, set[str]] = {}
        for index, line in enumerate(self.lines):
            for entry in line:
                stems = [stem(w) for w in words(entry)]
                if len(stems) == 1:
                    out.setdefault(stems[0], set()).add(f"syn:{index}")
        return {key: frozenset(value) for key, value in out.items()}

    @functools.cached_property
    def phrases(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """(stems of a phrase entry, key of its line), longest phrases first."""
        out = []
        for index, line in enumerate(self.lines):
            for entry in line:
                stems = tuple(stem(w) for w in words(entry))
                if len(stems) > 1:
                    out.append((stems, f"syn:{index}"))
        return tuple(sorted(out, key=lambda p: -len(p[0])))

    def extended(self, lines: Iterable[Sequence[str]]) -> Synonyms:
        """These lines and more (a partnership's own, from its configuration)."""
        return Synonyms((*self.lines, *(tuple(line) for line in lines)))


def parse_synonyms(data: Any, where: str) -> tuple[tuple[str, ...], ...]:
    """Synonym lines from YAML or TOML data: a list of lists of at least two texts."""
    if not isinstance(data, list):
        raise SynonymError(
            f'{where}: synonyms must be a list of lists, e.g. [["food bank", "foodbank"]]'
        )
    lines = []
    for number, line in enumerate(data, start=1):
        if (
            not isinstance(line, list)
            or len(line) < 2
            or not all(isinstance(e, str) and words(e) for e in line)
        ):
            raise SynonymError(
                f"{where}: synonym line {number} must list two or more words or phrases, "
                f'e.g. ["food bank", "foodbank"]'
            )
        lines.append(tuple(line))
    return tuple(lines)


@functools.cache
def shipped_synonyms() -> Synonyms:
    """The synonym lines shipped with collabgain (`synonyms.yaml` in the package)."""
    text = (resources.files("collabgain_cli") / "synonyms.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return Synonyms(parse_synonyms(data["synonyms"], "synonyms.yaml"))


@dataclasses.dataclass(frozen=True)
class Matcher:
    """Turns texts into terms and scores pairs; one per run, with its synonyms."""

    synonyms: Synonyms = dataclasses.field(default_factory=shipped_synonyms)
    min_score: float = DEFAULT_MIN_SCORE
    common: tuple[str, ...] = ()
    """Words common to the texts at hand (`for_texts`), which count half like broad words."""
    common_keys: frozenset[str] = frozenset()
    _seen: dict[str, tuple[Term, ...]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _same: dict[tuple[Term, ...], tuple[Term, ...]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    """One tuple for each distinct list of terms, so matches can be remembered by identity."""
    _matched: dict[tuple[int, int, bool], Match | None] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @functools.cached_property
    def _broad(self) -> frozenset[str]:
        return frozenset(stem(w) for w in BROAD_WORDS)

    def for_texts(self, texts: Iterable[str]) -> Matcher:
        """This matcher, with the words common to these texts (a partnership's) counting half."""
        plain = dataclasses.replace(self, common=(), common_keys=frozenset())
        texts = list(dict.fromkeys(texts))
        count: dict[frozenset[str], int] = {}
        spelling: dict[frozenset[str], str] = {}
        for text in texts:
            for term in plain.terms(text):
                if not term.broad:
                    count[term.keys] = count.get(term.keys, 0) + 1
                    spelling.setdefault(term.keys, term.words)
        least = max(COMMON_MIN_TEXTS, COMMON_SHARE * len(texts))
        found = [keys for keys, n in count.items() if n >= least]
        return dataclasses.replace(
            self,
            common=tuple(sorted({spelling[k] for k in found})),
            common_keys=frozenset(key for keys in found for key in keys),
        )

    def _weight(self, keys: frozenset[str], word_stem: str | None) -> float:
        if word_stem in self._broad or keys & self.common_keys:
            return BROAD_WEIGHT
        return 1.0

    def head(self, text: str) -> frozenset[str]:
        """The keys of what a text is about: its last full-weight term before a preposition
        (`rooms` in `community rooms on three estates`), or its last term."""
        written = words(text)
        cut = next((i for i, w in enumerate(written) if w in PREPOSITIONS and i), len(written))
        terms = self.terms(" ".join(written[:cut])) or self.terms(text)
        full = [t for t in terms if not t.broad] or list(terms)
        return full[-1].keys if full else frozenset()

    def terms(self, text: str) -> tuple[Term, ...]:
        """The text's meaningful terms, in the order they appear, each once."""
        if text not in self._seen:
            terms = self._terms(text)
            self._seen[text] = self._same.setdefault(terms, terms)
        return self._seen[text]

    def _terms(self, text: str) -> tuple[Term, ...]:
        written = words(text)
        stems = [stem(w) for w in written]
        out: list[Term] = []
        index = 0
        while index < len(written):
            phrase = self._phrase_at(stems, index)
            if phrase is not None:
                length, key = phrase
                keys = frozenset({key})
                phrase_words = " ".join(written[index : index + length])
                out.append(Term(phrase_words, keys, self._weight(keys, None)))  # never broad
                index += length
                continue
            word, word_stem = written[index], stems[index]
            index += 1
            if len(word) < 2 or word in STOP_WORDS:
                continue
            keys = frozenset({word_stem, *self.synonyms.single.get(word_stem, ())})
            broad = word_stem in self._broad
            out.append(Term(word, keys, self._weight(keys, word_stem), broad))
        return _merged(out)

    def _phrase_at(self, stems: Sequence[str], index: int) -> tuple[int, str] | None:
        for phrase, key in self.synonyms.phrases:
            if tuple(stems[index : index + len(phrase)]) == phrase:
                return len(phrase), key
        return None

    def match(self, left: str, right: str, *, head: bool = False) -> Match | None:
        """The match of two texts, or None when they share too little; with `head`, what
        `left` is about must be among what they share (an offer against a broad aim)."""
        left_terms, right_terms = self.terms(left), self.terms(right)
        # Many texts in a large partnership read the same once normalised ("venue 12").
        remembered = (id(left_terms), id(right_terms), head)
        if remembered not in self._matched:
            self._matched[remembered] = self._match(left, left_terms, right_terms, head=head)
        return self._matched[remembered]

    def _match(
        self,
        left: str,
        left_terms: tuple[Term, ...],
        right_terms: tuple[Term, ...],
        *,
        head: bool,
    ) -> Match | None:
        if not left_terms or not right_terms:
            return None
        if head and not any(self.head(left) & t.keys for t in right_terms):
            return None
        shared: list[SharedTerm] = []
        weight = 0.0
        used: set[int] = set()
        for term in left_terms:
            for position, other in enumerate(right_terms):
                if position not in used and term.keys & other.keys:
                    used.add(position)
                    shared.append(SharedTerm(term.words, other.words))
                    weight += min(term.weight, other.weight)
                    break
        if not any(
            not s.broad and not o.broad for s in left_terms for o in right_terms if s.keys & o.keys
        ):
            return None
        total = math.sqrt(sum(t.weight for t in left_terms) * sum(t.weight for t in right_terms))
        score = round(weight / total, 2)
        if score < self.min_score:
            return None
        return Match(score, tuple(shared))


def _merged(terms: Sequence[Term]) -> tuple[Term, ...]:
    """Terms with the same stem or synonym line made one (`grant funding` is one meaning)."""
    out: list[Term] = []
    for term in terms:
        for position, kept in enumerate(out):
            if kept.keys & term.keys:
                # The first words stand for the term; the rest only widen what it means.
                out[position] = Term(
                    kept.words,
                    kept.keys | term.keys,
                    max(kept.weight, term.weight),
                    kept.broad and term.broad,
                )
                break
        else:
            out.append(term)
    return tuple(out)

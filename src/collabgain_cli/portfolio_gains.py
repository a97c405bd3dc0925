"""Gains across a portfolio (`collabgain portfolio --gains`): offers in one partnership that
meet needs in another.

An organisation or council that sits in several partnerships sees what none of them shows on
its own: a member of one offers what a member of another needs. Offers and needs are those of
each file's members on its as-of date (as `collabgain gains` reads them), matched by the same
`Matcher`, with the words common to the whole portfolio's texts counting half. A pair is left
out when both sides are the same organisation (by the portfolio's normalised names). Each
suggestion names the organisations that sit in both partnerships, who can make the
introduction; suggestions with such a go-between come first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from .analysis.facts import Facts
from .analysis.keys import organisation_key
from .gains import NEED, OFFER, Quote, is_member
from .loader import LoadedFile, format_path
from .matching import Match, Matcher
from .pipeline import Reading, prepare


@dataclasses.dataclass(frozen=True, slots=True)
class Side:
    """One side of a suggestion: an organisation's offer or need in one partnership file."""

    path: str
    partnership: str
    organisation: str
    """The organisation's name."""
    quote: Quote


@dataclasses.dataclass(frozen=True, slots=True)
class CrossSuggestion:
    """An offer in one partnership that meets a need in another."""

    giver: Side
    receiver: Side
    match: Match
    go_betweens: tuple[str, ...]
    """Names of organisations that sit in both partnerships."""


@dataclasses.dataclass(frozen=True)
class PortfolioGains:
    """Every cross-partnership suggestion, go-betweens first, then the closer match."""

    suggestions: tuple[CrossSuggestion, ...]
    partnerships: int
    """Valid files read."""
    min_score: float
    common_words: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class GainsFile:
    """What the portfolio's gains keep of one valid file: its members' offers and needs."""

    path: str
    name: str
    offers: tuple[Side, ...]
    needs: tuple[Side, ...]
    organisations: dict[str, str]
    """Normalised name -> name, of every organisation recorded in the file."""


def read_sides(loaded: LoadedFile, as_of: dt.date | None) -> GainsFile | None:
    """A loaded file's offers and needs, as the file records them (None for an invalid
    file); dated as the pipeline dates it."""
    ready = prepare(loaded, Reading(as_of))
    partnership, source = ready.partnership, ready.source
    if partnership is None or source is None or ready.as_of is None:
        return None
    facts = Facts(partnership, ready.as_of)
    name = partnership.partnership.name
    offers: list[Side] = []
    needs: list[Side] = []
    for at, org in enumerate(partnership.organisations):
        if not is_member(facts, org):
            continue
        for kind, texts, into in ((OFFER, org.offers, offers), (NEED, org.needs, needs)):
            for i, text in enumerate(texts):
                pointer = ("organisations", at, f"{kind}s", i)
                line, column = source.locate(pointer)
                quote = Quote(" ".join(text.split()), kind, format_path(pointer), line, column)
                into.append(Side(ready.path, name, org.name, quote))
    organisations = {organisation_key(o.name): o.name for o in partnership.organisations}
    return GainsFile(ready.path, name, tuple(offers), tuple(needs), organisations)


def build_portfolio_gains(read: Sequence[GainsFile], matcher: Matcher) -> PortfolioGains:
    """Offers in each file matched to needs in every other; invalid files are not among
    them (the portfolio report lists them)."""
    matcher = matcher.for_texts([s.quote.text for f in read for s in (*f.offers, *f.needs)])
    found: list[CrossSuggestion] = []
    for giving in read:
        for getting in read:
            if giving.path == getting.path:
                continue
            both = tuple(
                giving.organisations[k] for k in giving.organisations if k in getting.organisations
            )
            for offer in giving.offers:
                for need in getting.needs:
                    if organisation_key(offer.organisation) == organisation_key(need.organisation):
                        continue
                    match = matcher.match(offer.quote.text, need.quote.text)
                    if match is not None:
                        found.append(CrossSuggestion(offer, need, match, both))
    found.sort(
        key=lambda s: (not s.go_betweens, -s.match.score, s.receiver.path, s.receiver.quote.line)
    )
    return PortfolioGains(tuple(found), len(read), matcher.min_score, matcher.common)

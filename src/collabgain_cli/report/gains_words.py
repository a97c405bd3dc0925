"""What `collabgain gains` says, in words, for the text and Markdown renderers to lay out.

The page is a list of sections, each of blocks, each of items (with optional details). Every
sentence is a tuple of segments that keep the partnership's own words apart from collabgain's:
`Ours` (safe, collabgain's wording), `Theirs` (a name from the file) and `Quoted` (a text quoted
from the file: an offer, a need, an aim, a strength), so each renderer escapes and marks them
its own way. A page for one member (`--member`) speaks to it as "you".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..analysis.dates import plural
from ..gains import AIM, OFFER, Allies, Gains, MemberGains, OpenAim, Quote, Suggestion
from .board import long_date

MEMBER_LIMIT = 5
"""Suggestions per block for each member on the page for everyone; `--member` shows all."""


@dataclasses.dataclass(frozen=True, slots=True)
class Ours:
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Theirs:
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Quoted:
    text: str


Segment = Ours | Theirs | Quoted
Said = tuple[Segment, ...]


@dataclasses.dataclass(frozen=True)
class Item:
    said: Said
    details: tuple[Said, ...] = ()


@dataclasses.dataclass(frozen=True)
class Block:
    heading: str
    items: tuple[Item, ...]
    note: Said = ()
    """A line after the items (e.g. how many more there are)."""


@dataclasses.dataclass(frozen=True)
class Section:
    heading: Said
    blocks: tuple[Block, ...]
    intro: Said = ()


@dataclasses.dataclass(frozen=True)
class Page:
    title: Said
    subtitle: str
    intro: tuple[Said, ...]
    sections: tuple[Section, ...]
    summary: str


def how(suggestion: Suggestion | Allies) -> Said:
    """`(matched on rooms ~ venue, score 0.41)`."""
    match = suggestion.match
    return (Ours(f" (matched on {', '.join(match.words)}; score {match.score:.2f})"),)


def _kind(quote: Quote) -> str:
    if quote.kind == AIM:
        return "assumed aim" if quote.assumed else "aim"
    return quote.kind


def _giver(suggestion: Suggestion) -> Said:
    """`Greenway College offers "research support"` or `Kwame Asante (Greenway College) is
    strong in "cookery teaching"`."""
    if suggestion.gives.kind == OFFER:
        return (Theirs(suggestion.giver.name), Ours(" offers "), Quoted(suggestion.gives.text))
    return (
        Theirs(suggestion.giver.label),
        Ours(" is strong in "),
        Quoted(suggestion.gives.text),
    )


def gets_block(suggestions: Sequence[Suggestion], *, you: bool, limit: int | None) -> Block:
    """Suggestions grouped under the need or aim they meet."""
    groups: dict[str, list[Suggestion]] = {}
    for suggestion in suggestions:
        groups.setdefault(suggestion.meets.pointer, []).append(suggestion)
    whose = "your" if you else "its"
    items = []
    for found in groups.values():
        meets = found[0].meets
        items.append(
            Item(
                (Ours(f"For {whose} {_kind(meets)} "), Quoted(meets.text)),
                tuple((*_giver(s), *how(s)) for s in found),
            )
        )
    return _limited("Could get" if not you else "What you could get", items, limit)


def _gives(suggestions: Sequence[Suggestion], *, you: bool, limit: int | None) -> Block:
    items = []
    for s in suggestions:
        if s.gives.kind == OFFER:
            first: Said = (Ours("Your offer " if you else "Its offer "), Quoted(s.gives.text))
        else:
            first = (
                Ours("The strength "),
                Quoted(s.gives.text),
                Ours(" of "),
                Theirs(s.giver.person or ""),
            )
        items.append(
            Item(
                (
                    *first,
                    Ours(" meets the " + _kind(s.meets) + " of "),
                    Theirs(s.receiver.name),
                    Ours(": "),
                    Quoted(s.meets.text),
                    *how(s),
                )
            )
        )
    return _limited("Could give" if not you else "What you could give", items, limit)


def _limited(heading: str, items: list[Item], limit: int | None) -> Block:
    if limit is None or len(items) <= limit:
        return Block(heading, tuple(items))
    return Block(heading, tuple(items[:limit]), (Ours(f"and {len(items) - limit} more"),))


def ally_item(allies: Allies, member_id: str | None) -> Item:
    if member_id is not None:
        mine, theirs = (
            (allies.first_aim, allies.second)
            if allies.first.id == member_id
            else (allies.second_aim, allies.first)
        )
        other_aim = allies.second_aim if mine is allies.first_aim else allies.first_aim
        return Item(
            (
                Theirs(theirs.name),
                Ours(" aims for "),
                Quoted(other_aim.text),
                Ours(", close to your aim "),
                Quoted(mine.text),
                *how(allies),
                Ours("; you share no live activity yet."),
            )
        )
    return Item(
        (
            Theirs(allies.first.name),
            Ours(" aims for "),
            Quoted(allies.first_aim.text),
            Ours(" and "),
            Theirs(allies.second.name),
            Ours(" for "),
            Quoted(allies.second_aim.text),
            *how(allies),
            Ours("; they share no live activity."),
        )
    )


def open_aim_item(aim: OpenAim, *, you: bool) -> Item:
    planned = (
        (Ours("; planned: "), *_names(aim.planned)) if aim.planned else (Ours("; nothing planned"),)
    )
    details = []
    for s in aim.could_serve:
        if you:
            start: Said = (
                (Ours("your offer "), Quoted(s.gives.text))
                if s.gives.kind == OFFER
                else (Theirs(s.giver.person or ""), Ours("'s strength "), Quoted(s.gives.text))
            )
            details.append((*start, *how(s)))
        else:
            details.append((*_giver(s), *how(s)))
    return Item(
        (
            Ours("The shared aim "),
            Quoted(aim.aim.text),
            Ours(f" ({aim.status}) has no live activity"),
            *planned,
        ),
        tuple(details),
    )


def _names(names: Sequence[str]) -> Said:
    out: list[Segment] = []
    for i, name in enumerate(names):
        if i:
            out.append(Ours(", "))
        out.append(Theirs(name))
    return tuple(out)


def _quotes(quotes: Sequence[Quote]) -> tuple[Item, ...]:
    return tuple(Item((Quoted(q.text),)) for q in quotes)


EXPLAINED = (
    Ours(
        "Each suggestion quotes two texts from the partnership's file: what one member has "
        "and what another needs or aims for. 'Matched on' names the words they share; a ~ "
        "joins two words taken to mean the same. The score runs from 0 to 1"
    ),
)


def _explained(gains: Gains) -> Said:
    common: Said = ()
    if gains.common_words:
        common = (
            Ours("; common in this partnership, so counting half: "),
            *_names(gains.common_words),
        )
    return (*EXPLAINED, Ours(f"; suggestions start at {gains.min_score:.2f}"), *common, Ours("."))


def member_page(gains: Gains, page: MemberGains) -> Page:
    """The page one member reads before a planning day."""
    intro: list[Said] = [
        (
            Ours("This page is for "),
            Theirs(page.member.name),
            Ours(
                ": what the other members have that meets your needs and aims, what you have "
                "that meets theirs, and where the partnership's work could go next."
            ),
        ),
        _explained(gains),
    ]
    if not page.needs:
        intro.append(
            (
                Ours(
                    "You record no needs, so only your aims are matched: add `needs` to your "
                    "organisation's entry in the file (what you hope to get from the partners)."
                ),
            )
        )
    blocks = [
        gets_block(page.gets, you=True, limit=None),
        _gives(page.gives, you=True, limit=None),
        Block("Natural allies", tuple(ally_item(a, page.member.id) for a in page.allies)),
        Block(
            "Shared aims no activity serves, that you could help with",
            tuple(open_aim_item(a, you=True) for a in page.open_aims),
        ),
        Block("What you asked for that no one offers yet", _quotes(page.unmet_needs)),
        Block("Your offers no one has asked for yet", _quotes(page.unasked)),
    ]
    return Page(
        title=(Ours("What the partnership can do for you, "), Theirs(page.member.name)),
        subtitle=f"{gains.partnership}, as of {long_date(gains.as_of)}",
        intro=tuple(intro),
        sections=(Section((), tuple(blocks)),),
        summary=(
            f"{plural(len(page.gets), 'suggestion')} for you, {len(page.gives)} from you, "
            f"{len(page.allies)} natural {'ally' if len(page.allies) == 1 else 'allies'}"
        ),
    )


def partnership_page(gains: Gains) -> Page:
    """The page for everyone: each member's gets and gives, then what the partnership shares."""
    intro: list[Said] = [
        (
            Ours(
                "What each member could get from the others (their offers, and their people's "
                "strengths, that meet its needs and aims) and what it could give. "
            ),
            *_explained(gains),
        )
    ]
    if not gains.members_with_needs:
        intro.append(
            (
                Ours(
                    "No member records needs, so only aims are matched: add `needs` to each "
                    "organisation (what it hopes to get from the partners)."
                ),
            )
        )
    command = f"collabgain gains {gains.path}"
    sections = []
    for page in gains.members:
        blocks = [
            gets_block(page.gets, you=False, limit=MEMBER_LIMIT),
            _gives(page.gives, you=False, limit=MEMBER_LIMIT),
        ]
        more = len(page.gets) > MEMBER_LIMIT or len(page.gives) > MEMBER_LIMIT
        intro_line: Said = (
            (Ours("All of them, and more: "), Theirs(f"{command} --member {page.member.id}"))
            if more
            else ()
        )
        sections.append(Section((Theirs(page.member.name),), tuple(blocks), intro_line))
    by_giver: dict[str, list[Quote]] = {}
    names: dict[str, str] = {}
    for party, quote in gains.unasked:
        by_giver.setdefault(party.id or "", []).append(quote)
        names[party.id or ""] = party.name
    unasked = tuple(
        Item(
            (Theirs(names[key]), Ours(": "), *_joined_quotes(quotes)),
        )
        for key, quotes in by_giver.items()
    )
    sections.append(
        Section(
            (Ours("Across the partnership"),),
            (
                Block("Natural allies", tuple(ally_item(a, None) for a in gains.allies)),
                Block(
                    "Shared aims no activity serves",
                    tuple(open_aim_item(a, you=False) for a in gains.open_aims),
                ),
                Block(
                    "Offers no one has asked for",
                    unasked
                    if gains.members_with_needs
                    else (Item((Ours("(no member records needs to ask with)"),)),),
                ),
            ),
        )
    )
    return Page(
        title=(Ours("Where collaborative gain lies: "), Theirs(gains.partnership)),
        subtitle=f"as of {long_date(gains.as_of)}",
        intro=tuple(intro),
        sections=tuple(sections),
        summary=(
            f"{plural(len(gains.members), 'member')}, "
            f"{plural(len(gains.suggestions), 'suggestion')}, "
            f"{len(gains.allies)} natural {'ally' if len(gains.allies) == 1 else 'allies'}, "
            f"{len(gains.open_aims)} shared "
            f"{'aim' if len(gains.open_aims) == 1 else 'aims'} no activity serves"
        ),
    )


def _joined_quotes(quotes: Sequence[Quote]) -> Said:
    out: list[Segment] = []
    for i, quote in enumerate(quotes):
        if i:
            out.append(Ours(", "))
        out.append(Quoted(quote.text))
    return tuple(out)


def page_of(gains: Gains) -> Page:
    """The member's page when the view has a focus, else the page for everyone."""
    if gains.focus is not None:
        return member_page(gains, gains.page(gains.focus))
    return partnership_page(gains)

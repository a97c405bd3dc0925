"""Where collaborative gain lies: what each member could give and get (`collabgain gains`).

Everything here comes from the partnership's own records, matched by `matching.Matcher`:

- *what a member could get*: other members' `offers`, and the `strengths` of other members'
  current people (and of current people who represent no organisation), that meet its `needs`
  or its own `aims`;
- *what it could give*: the same suggestions seen from the giver's side;

An offer or strength meets an aim (a member's own, or a shared aim) only when what it is about
(its head word, `Matcher.head`) is among the words they share: aims are broad, and `training
kitchen` does not serve "young people into work and training" for sharing `training`. Words
common to many of the partnership's own texts count half (`youth` in a youth partnership).

- *natural allies*: two members whose own aims match but who share no live activity (`active`
  or `completed`, as lead or partner);
- *shared aims no activity serves*: shared aims that are `proposed` or `agreed` and that no live
  activity lists, with the offers and strengths that meet them;
- *offers no one has asked for*: members' offers that meet no other member's need.

A *member* is an active organisation without the `observer` role (RULES.md). Aims marked
`hidden` are left out: they are not shared with partners, and this report is for partners to
read. Aims marked `assumed` are used, and shown as assumed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .analysis.facts import Facts
from .loader import SourceMap, format_path
from .matching import (
    DEFAULT_MIN_SCORE,
    Match,
    Matcher,
    SynonymError,
    parse_synonyms,
    shipped_synonyms,
)
from .model import ActivityStatus, AimStatus, Organisation, Partnership, Role, Stated

CONFIG_KEYS = ("synonyms", "min_score")

PER_TEXT = 10
"""At most this many offers and strengths are suggested for one need or aim, the closest first."""
ALLIES_PER_MEMBER = 5
"""Natural allies kept for each member, the closest first."""

LIVE = frozenset({ActivityStatus.ACTIVE, ActivityStatus.COMPLETED})
OPEN_AIM = frozenset({AimStatus.PROPOSED, AimStatus.AGREED})
OFFER, NEED, AIM, STRENGTH, SHARED_AIM = "offer", "need", "aim", "strength", "shared aim"


@dataclasses.dataclass(frozen=True, slots=True)
class Quote:
    """A text quoted from the file, with where it is."""

    text: str
    kind: str
    """`offer`, `need`, `aim` (an organisation's own), `strength` or `shared aim`."""
    pointer: str
    line: int
    column: int
    assumed: bool = False
    """An organisation's aim that partners infer rather than one it has stated."""


@dataclasses.dataclass(frozen=True, slots=True)
class Party:
    """Who gives or gets: an organisation, and for a strength the person who has it."""

    id: str | None
    """The organisation's id; None for a person who represents no organisation."""
    name: str
    person: str | None = None

    @property
    def label(self) -> str:
        """`Greenway College`, or `Dr Helen Marsh (Greenway College)` for a strength."""
        if self.person is None:
            return self.name
        return f"{self.person} ({self.name})" if self.id is not None else self.person


@dataclasses.dataclass(frozen=True, slots=True)
class Suggestion:
    """What one member (or its person) has that meets another member's need or aim."""

    giver: Party
    receiver: Party
    gives: Quote
    meets: Quote
    match: Match


@dataclasses.dataclass(frozen=True, slots=True)
class Allies:
    """Two members whose own aims match but who share no live activity."""

    first: Party
    second: Party
    first_aim: Quote
    second_aim: Quote
    match: Match


@dataclasses.dataclass(frozen=True, slots=True)
class OpenAim:
    """A shared aim no live activity serves, with what could serve it."""

    id: str
    aim: Quote
    status: str
    planned: tuple[str, ...]
    """Names of planned activities that list it."""
    could_serve: tuple[Suggestion, ...]
    """Offers and strengths that meet it (receiver: the partnership)."""


@dataclasses.dataclass(frozen=True, slots=True)
class MemberGains:
    """One member's page: what the partnership can do for it, and it for the partnership."""

    member: Party
    needs: tuple[Quote, ...]
    aims: tuple[Quote, ...]
    offers: tuple[Quote, ...]
    gets: tuple[Suggestion, ...]
    gives: tuple[Suggestion, ...]
    allies: tuple[Allies, ...]
    open_aims: tuple[OpenAim, ...]
    """Shared aims no activity serves that this member's offers or people's strengths meet."""
    unmet_needs: tuple[Quote, ...]
    """Its needs that nothing offered meets."""
    unasked: tuple[Quote, ...]
    """Its offers that meet no other member's need."""


@dataclasses.dataclass(frozen=True)
class Gains:
    """Where collaborative gain lies in one partnership, as of a date."""

    path: str
    partnership: str
    as_of: dt.date
    members: tuple[MemberGains, ...]
    allies: tuple[Allies, ...]
    open_aims: tuple[OpenAim, ...]
    unasked: tuple[tuple[Party, Quote], ...]
    min_score: float
    common_words: tuple[str, ...] = ()
    """Words so common in this partnership's texts that they count half (`matching`)."""
    focus: str | None = None
    """The id of the member whose page this is (`--member`), or None for everyone."""

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        """Every suggestion once, as its receiver's page lists them."""
        return tuple(s for m in self.members for s in m.gets)

    @property
    def members_with_needs(self) -> int:
        return sum(1 for m in self.members if m.needs)

    def page(self, member_id: str) -> MemberGains:
        return next(m for m in self.members if m.member.id == member_id)


def is_member(facts: Facts, org: Organisation) -> bool:
    """An active organisation without the observer role (RULES.md)."""
    return facts.is_active(org) and Role.OBSERVER not in org.roles


def _locator(source: SourceMap | None) -> Callable[..., Quote]:
    def quote(text: str, kind: str, *path: str | int, assumed: bool = False) -> Quote:
        line, column = source.locate(path) if source is not None else (0, 0)
        return Quote(" ".join(text.split()), kind, format_path(path), line, column, assumed)

    return quote


@dataclasses.dataclass(frozen=True)
class _Holder:
    party: Party
    org: str | None
    quote: Quote


def build_gains(
    path: str,
    partnership: Partnership,
    as_of: dt.date,
    matcher: Matcher,
    source: SourceMap | None = None,
    *,
    focus: str | None = None,
) -> Gains:
    """The gains of a partnership on its as-of date; `focus` is a member id for its page."""
    facts = Facts(partnership, as_of)
    quote = _locator(source)
    index = facts.org_index
    members = [o for o in partnership.organisations if is_member(facts, o)]
    parties = {o.id: Party(o.id, o.name) for o in members}

    offers: list[_Holder] = []
    needs: list[_Holder] = []
    aims: list[_Holder] = []
    for org in members:
        at = index[org.id]
        party = parties[org.id]
        offers += [
            _Holder(party, org.id, quote(t, OFFER, "organisations", at, "offers", i))
            for i, t in enumerate(org.offers)
        ]
        needs += [
            _Holder(party, org.id, quote(t, NEED, "organisations", at, "needs", i))
            for i, t in enumerate(org.needs)
        ]
        aims += [
            _Holder(
                party,
                org.id,
                quote(
                    a.text,
                    AIM,
                    "organisations",
                    at,
                    "aims",
                    i,
                    "text",
                    assumed=a.stated is Stated.ASSUMED,
                ),
            )
            for i, a in enumerate(org.aims)
            if a.stated is not Stated.HIDDEN
        ]
    strengths: list[_Holder] = []
    for position, person in enumerate(partnership.people):
        if not facts.is_current(person):
            continue
        if person.organisation is None:
            party = Party(None, person.name, person.name)
        elif person.organisation in parties:
            party = Party(person.organisation, parties[person.organisation].name, person.name)
        else:
            continue
        strengths += [
            _Holder(
                party, person.organisation, quote(t, STRENGTH, "people", position, "strengths", i)
            )
            for i, t in enumerate(person.strengths)
        ]
    givers = [*offers, *strengths]
    matcher = matcher.for_texts(
        [h.quote.text for h in (*givers, *needs, *aims)] + [a.text for a in partnership.aims]
    )

    by_text = _Index(matcher, givers)
    suggestions: list[Suggestion] = []
    asked: set[tuple[str | None, str]] = set()
    for wanted in (*needs, *aims):
        found = [
            Suggestion(giver.party, wanted.party, giver.quote, wanted.quote, match)
            for giver, match in by_text.matches(wanted.quote.text, head=wanted.quote.kind != NEED)
            if giver.org != wanted.org
        ]
        if wanted.quote.kind == NEED:
            asked.update((s.giver.id, s.gives.pointer) for s in found)
        suggestions.extend(sorted(found, key=_suggestion_order)[:PER_TEXT])
    suggestions.sort(key=_suggestion_order)

    allies = _allies(aims, _LiveWork(partnership), matcher)
    open_aims = _open_aims(partnership, by_text, matcher, quote)
    gets: dict[str | None, list[Suggestion]] = {}
    gives: dict[str | None, list[Suggestion]] = {}
    for suggestion in suggestions:
        gets.setdefault(suggestion.receiver.id, []).append(suggestion)
        gives.setdefault(suggestion.giver.id, []).append(suggestion)
    allied: dict[str | None, list[Allies]] = {}
    for pair in allies:
        allied.setdefault(pair.first.id, []).append(pair)
        allied.setdefault(pair.second.id, []).append(pair)
    pages = []
    for org in members:
        own_gets = tuple(gets.get(org.id, ()))
        met = {s.meets.pointer for s in own_gets}
        own_offers = tuple(h.quote for h in offers if h.org == org.id)
        pages.append(
            MemberGains(
                member=parties[org.id],
                needs=tuple(h.quote for h in needs if h.org == org.id),
                aims=tuple(h.quote for h in aims if h.org == org.id),
                offers=own_offers,
                gets=own_gets,
                gives=tuple(gives.get(org.id, ())),
                allies=tuple(allied.get(org.id, ())),
                open_aims=tuple(
                    dataclasses.replace(
                        aim, could_serve=tuple(s for s in aim.could_serve if s.giver.id == org.id)
                    )
                    for aim in open_aims
                    if any(s.giver.id == org.id for s in aim.could_serve)
                ),
                unmet_needs=tuple(
                    h.quote for h in needs if h.org == org.id and h.quote.pointer not in met
                ),
                unasked=tuple(q for q in own_offers if (org.id, q.pointer) not in asked)
                if needs
                else (),
            )
        )
    return Gains(
        path=path,
        partnership=partnership.partnership.name,
        as_of=as_of,
        members=tuple(pages),
        allies=tuple(allies),
        open_aims=tuple(open_aims),
        unasked=tuple((page.member, q) for page in pages for q in page.unasked),
        min_score=matcher.min_score,
        common_words=matcher.common,
        focus=focus,
    )


class _Index:
    """Texts by the meanings in them, so a text is matched only with those that share one of
    its full-weight meanings (a match needs one): large partnerships stay fast."""

    def __init__(self, matcher: Matcher, holders: Sequence[_Holder]) -> None:
        self.matcher = matcher
        self.holders = holders
        self.keys: dict[str, list[int]] = {}
        for position, holder in enumerate(holders):
            for key in self._strong_keys(holder.quote.text):
                self.keys.setdefault(key, []).append(position)

    def _strong_keys(self, text: str) -> set[str]:
        return {k for term in self.matcher.terms(text) if not term.broad for k in term.keys}

    def matches(
        self,
        text: str,
        *,
        head: bool = False,
        keep: Callable[[_Holder], bool] = lambda _holder: True,
    ) -> list[tuple[_Holder, Match]]:
        """The holders `keep` accepts whose text matches `text` (as the right-hand side), in
        file order."""
        positions = sorted({p for key in self._strong_keys(text) for p in self.keys.get(key, ())})
        out = []
        for position in positions:
            holder = self.holders[position]
            if not keep(holder):
                continue
            found = self.matcher.match(holder.quote.text, text, head=head)
            if found is not None:
                out.append((holder, found))
        return out


def _suggestion_order(s: Suggestion) -> tuple[int, float, int, int]:
    """Needs before aims, offers before strengths, then the closer match, then file order."""
    return (
        0 if s.meets.kind == NEED else 1,
        -s.match.score,
        0 if s.gives.kind == OFFER else 1,
        s.meets.line,
    )


class _LiveWork:
    """Which organisations lead or partner in the same live activity.

    Answered from each organisation's activities rather than a set of every pair, which for
    one activity of 10,000 partners would be 50 million pairs.
    """

    def __init__(self, partnership: Partnership) -> None:
        self._of: dict[str, set[int]] = {}
        for number, activity in enumerate(partnership.activities):
            if activity.status not in LIVE:
                continue
            for org in {*activity.partners, *([activity.lead] if activity.lead else [])}:
                self._of.setdefault(org, set()).add(number)

    def together(self, first: str | None, second: str | None) -> bool:
        if first is None or second is None:
            return False
        return not self._of.get(first, set()).isdisjoint(self._of.get(second, ()))


def _allies(aims: Sequence[_Holder], live_work: _LiveWork, matcher: Matcher) -> list[Allies]:
    """For each member, its closest natural allies (at most `ALLIES_PER_MEMBER`): the best
    match of aims for each two members with no live activity together."""
    by_text = _Index(matcher, aims)
    best: dict[frozenset[str], Allies] = {}
    order = {id(holder): position for position, holder in enumerate(aims)}
    for first in aims:
        if first.org is None:
            continue

        def other(second: _Holder, first: _Holder = first) -> bool:
            # Each pair once (the first in file order), of two members not working together.
            return (
                second.org is not None
                and second.org != first.org
                and order[id(first)] < order[id(second)]
                and not live_work.together(first.org, second.org)
            )

        for second, found in by_text.matches(first.quote.text, keep=other):
            pair = frozenset({first.org, second.org or ""})
            kept = best.get(pair)
            if kept is None or found.score > kept.match.score:
                best[pair] = Allies(first.party, second.party, first.quote, second.quote, found)
    ranked = sorted(
        best.values(), key=lambda a: (-a.match.score, a.first_aim.line, a.second_aim.line)
    )
    shown: dict[str | None, int] = {}
    out = []
    for allies in ranked:
        if (
            shown.get(allies.first.id, 0) < ALLIES_PER_MEMBER
            or shown.get(allies.second.id, 0) < ALLIES_PER_MEMBER
        ):
            out.append(allies)
            for party in (allies.first, allies.second):
                shown[party.id] = shown.get(party.id, 0) + 1
    return out


def _open_aims(
    partnership: Partnership,
    by_text: _Index,
    matcher: Matcher,
    quote: Callable[..., Quote],
) -> list[OpenAim]:
    served = {a for act in partnership.activities if act.status in LIVE for a in act.aims}
    everyone = Party(None, partnership.partnership.name)
    out = []
    for position, aim in enumerate(partnership.aims):
        if aim.status not in OPEN_AIM or aim.id in served:
            continue
        text = quote(aim.text, SHARED_AIM, "aims", position, "text")
        planned = tuple(
            act.name
            for act in partnership.activities
            if act.status is ActivityStatus.PLANNED and aim.id in act.aims
        )
        could = sorted(
            (
                Suggestion(g.party, everyone, g.quote, text, found)
                for g, found in by_text.matches(aim.text, head=True)
            ),
            key=_suggestion_order,
        )
        out.append(OpenAim(aim.id, text, aim.status.value, planned, tuple(could[:PER_TEXT])))
    return out


class UnknownMember(ValueError):
    """`--member` names no member of the partnership; the message says which there are."""


def find_member(partnership: Partnership, as_of: dt.date, wanted: str) -> str:
    """The id of the member `wanted` names (by id, or by name in any case)."""
    facts = Facts(partnership, as_of)
    folded = " ".join(wanted.split()).casefold()
    for org in partnership.organisations:
        if wanted == org.id or folded == " ".join(org.name.split()).casefold():
            if is_member(facts, org):
                return org.id
            why = (
                "an observer"
                if Role.OBSERVER in org.roles
                else f"not active on {as_of.isoformat()}"
            )
            raise UnknownMember(
                f"--member {wanted}: {org.name} is {why}, and gains are for members "
                "(active organisations that take part)"
            )
    listed = ", ".join(o.id for o in partnership.organisations if is_member(facts, o))
    raise UnknownMember(
        f"--member {wanted}: no such organisation; give a member's id or name: {listed}"
    )


class GainsConfigError(ValueError):
    """A `[gains]` table that cannot be used; the message names the file and what to write."""


def matcher_for(table: Any, where: str) -> Matcher:
    """The matcher a configuration's `[gains]` table asks for (shipped synonyms and its own)."""
    if table is None:
        return Matcher()
    if not isinstance(table, Mapping):
        raise GainsConfigError(f"{where}: 'gains' must be a table, e.g. [gains] min_score = 0.5")
    unknown = sorted(set(table) - set(CONFIG_KEYS))
    if unknown:
        raise GainsConfigError(
            f"{where}: [gains] unknown key {unknown[0]!r}; allowed keys: {', '.join(CONFIG_KEYS)}"
        )
    min_score = table.get("min_score", DEFAULT_MIN_SCORE)
    if (
        isinstance(min_score, bool)
        or not isinstance(min_score, int | float)
        or not 0 < min_score <= 1
    ):
        raise GainsConfigError(
            f"{where}: [gains] min_score must be a number above 0 and at most 1, e.g. 0.5"
        )
    try:
        lines = parse_synonyms(table.get("synonyms", []), f"{where}: [gains]")
    except SynonymError as exc:
        raise GainsConfigError(str(exc)) from None
    return Matcher(shipped_synonyms().extended(lines), float(min_score))


def gains_file(
    path: str,
    matcher: Matcher,
    *,
    as_of: dt.date | None = None,
    member: str | None = None,
    transform: Callable[[Partnership], Partnership] | None = None,
) -> tuple[Gains | None, tuple[Any, ...]]:
    """The gains of one file, or None and the file's errors when it is not valid.

    The date is the file's `partnership.as_of`, else `as_of`, else today. `member` (an id or
    a name) makes the view one member's page; one that is not a member is `UnknownMember`.
    """
    from .loader import load_path
    from .pipeline import Reading, prepare

    ready = prepare(load_path(path), Reading(as_of, transform))
    partnership, day = ready.partnership, ready.as_of
    if partnership is None or day is None:
        return None, ready.errors
    focus = find_member(partnership, day, member) if member is not None else None
    return build_gains(ready.path, partnership, day, matcher, ready.source, focus=focus), ()

"""`collabgain gains --format json`: one object, keys in a fixed order (documented in the README).

Every quoted text carries where it is in the file (`path`, `line`, `column`), so each
suggestion can be traced to the two records it pairs. With `--member`, `members` holds that
member only, and the partnership-wide lists are left as they are.
"""

from __future__ import annotations

import json
from typing import Any

from ... import __version__
from ...gains import Allies, Gains, MemberGains, OpenAim, Party, Quote, Suggestion
from .. import RenderOptions


def _party(party: Party) -> dict[str, Any]:
    return {"id": party.id, "name": party.name, "person": party.person}


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "text": quote.text,
        "kind": quote.kind,
        "assumed": quote.assumed,
        "path": quote.pointer,
        "line": quote.line,
        "column": quote.column,
    }


def _matched(found: Suggestion | Allies) -> dict[str, Any]:
    return {
        "score": found.match.score,
        "matched_on": [{"left": s.left, "right": s.right} for s in found.match.shared],
    }


def _suggestion(s: Suggestion) -> dict[str, Any]:
    return {
        "giver": _party(s.giver),
        "gives": _quote(s.gives),
        "receiver": _party(s.receiver),
        "meets": _quote(s.meets),
        **_matched(s),
    }


def _allies(a: Allies) -> dict[str, Any]:
    return {
        "first": _party(a.first),
        "first_aim": _quote(a.first_aim),
        "second": _party(a.second),
        "second_aim": _quote(a.second_aim),
        **_matched(a),
    }


def _open_aim(aim: OpenAim) -> dict[str, Any]:
    return {
        "id": aim.id,
        "aim": _quote(aim.aim),
        "status": aim.status,
        "planned": list(aim.planned),
        "could_serve": [_suggestion(s) for s in aim.could_serve],
    }


def _member(page: MemberGains) -> dict[str, Any]:
    return {
        "id": page.member.id,
        "name": page.member.name,
        "needs": [_quote(q) for q in page.needs],
        "aims": [_quote(q) for q in page.aims],
        "offers": [_quote(q) for q in page.offers],
        "gets": [_suggestion(s) for s in page.gets],
        "gives": [_suggestion(s) for s in page.gives],
        "allies": [_allies(a) for a in page.allies],
        "open_aims": [_open_aim(a) for a in page.open_aims],
        "unmet_needs": [_quote(q) for q in page.unmet_needs],
        "unasked": [_quote(q) for q in page.unasked],
    }


def record(gains: Gains) -> dict[str, Any]:
    """The view as plain data, in the documented key order."""
    pages = gains.members if gains.focus is None else (gains.page(gains.focus),)
    return {
        "tool": {"name": "collabgain", "version": __version__},
        "path": gains.path,
        "partnership": gains.partnership,
        "as_of": gains.as_of.isoformat(),
        "member": gains.focus,
        "min_score": gains.min_score,
        "members": [_member(p) for p in pages],
        "allies": [_allies(a) for a in gains.allies],
        "open_aims": [_open_aim(a) for a in gains.open_aims],
        "unasked": [{"member": _party(p), "offer": _quote(q)} for p, q in gains.unasked],
        "summary": {
            "members": len(gains.members),
            "members_with_needs": gains.members_with_needs,
            "suggestions": len(gains.suggestions),
            "allies": len(gains.allies),
            "open_aims": len(gains.open_aims),
            "unasked": len(gains.unasked),
        },
    }


def render(gains: Gains, options: RenderOptions) -> str:
    return json.dumps(record(gains), indent=2, ensure_ascii=False) + "\n"

"""`portfolio --gains`: the portfolio report, then offers in one partnership that meet needs in
another, in the portfolio's own format (JSON: a `gains` key after the documented ones)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from rich.text import Text

from ..portfolio import Portfolio
from ..portfolio_gains import CrossSuggestion, PortfolioGains, Side
from ..render import render
from . import RenderOptions
from .json.portfolio import portfolio_record
from .markdown import escape
from .text import indented, text_of
from .text.gains import bullet

HEADING = "Gains across partnerships"
INTRO = (
    "Offers recorded in one partnership that meet needs recorded in another, for the "
    "organisations that sit in several to carry across. 'Matched on' names the words both "
    "texts share (a ~ joins two words taken to mean the same); the score runs from 0 to 1"
)


def _intro(gains: PortfolioGains) -> str:
    common = (
        f"; common across these partnerships, so counting half: {', '.join(gains.common_words)}"
        if gains.common_words
        else ""
    )
    return f"{INTRO}, and suggestions start at {gains.min_score:.2f}{common}."


def _how(s: CrossSuggestion) -> str:
    return f"matched on {', '.join(s.match.words)}; score {s.match.score:.2f}"


def _through(s: CrossSuggestion) -> str:
    if not s.go_betweens:
        return "no organisation sits in both"
    return f"sitting in both: {', '.join(s.go_betweens)}"


def _side(side: Side) -> dict[str, Any]:
    return {
        "path": side.path,
        "partnership": side.partnership,
        "organisation": side.organisation,
        "text": side.quote.text,
        "pointer": side.quote.pointer,
        "line": side.quote.line,
        "column": side.quote.column,
    }


def record(gains: PortfolioGains) -> dict[str, Any]:
    return {
        "min_score": gains.min_score,
        "suggestions": [
            {
                "offer": _side(s.giver),
                "need": _side(s.receiver),
                "score": s.match.score,
                "matched_on": [{"left": m.left, "right": m.right} for m in s.match.shared],
                "sitting_in_both": list(s.go_betweens),
            }
            for s in gains.suggestions
        ],
    }


def _sentence(s: CrossSuggestion, quote: Callable[[str], str], name: Callable[[str], str]) -> str:
    return (
        f"{name(s.receiver.organisation)} ({name(s.receiver.partnership)}) needs "
        f"{quote(s.receiver.quote.text)}; {name(s.giver.organisation)} "
        f"({name(s.giver.partnership)}) offers {quote(s.giver.quote.text)} "
        f"({_how(s)}; {name(_through(s))})"
    )


@dataclasses.dataclass(frozen=True)
class WithGains:
    """`portfolio --gains`: the portfolio, and the gains across its partnerships."""

    portfolio: Portfolio
    gains: PortfolioGains


def render_json(view: WithGains, options: RenderOptions) -> str:
    data = portfolio_record(view.portfolio)
    data["gains"] = record(view.gains)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_markdown(view: WithGains, options: RenderOptions) -> str:
    gains = view.gains
    before = render("portfolio", "markdown", view.portfolio, options)
    lines = ["", f"### {HEADING}", "", _intro(gains), ""]
    lines.extend(f"- {_sentence(s, lambda t: f'“{escape(t)}”', escape)}" for s in gains.suggestions)
    if not gains.suggestions:
        lines.append("No offer in one partnership meets a need recorded in another.")
    return before + "\n".join(lines) + "\n"


def render_text(view: WithGains, options: RenderOptions) -> str:
    gains = view.gains
    before = render("portfolio", "text", view.portfolio, options)
    parts: list[Any] = [Text(HEADING, style="bold underline"), indented(_intro(gains), indent=0)]
    parts.extend(bullet(_sentence(s, lambda t: f'"{t}"', str), indent=2) for s in gains.suggestions)
    if not gains.suggestions:
        parts.append(
            indented("No offer in one partnership meets a need recorded in another.", indent=2)
        )
    return before + "\n" + text_of(parts, color=options.color, width=options.width)

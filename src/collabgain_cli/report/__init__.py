"""Renderers, grouped by format: each module turns one command's view into a string.

- `text/`: for a terminal (`check`, `diff`, `history`, `portfolio`, `gains`, `map`), with the
  helpers they share in `text/__init__.py` and the line layout in `text/terminal.py`;
- `markdown/`: for pull requests and board papers, with `escape` and `code` in its `__init__`;
- `json/`: for machines; `html/`: the page to share, with its style sheet; `ci/`: SARIF,
  GitHub annotations, JUnit and the one-line `concise`; `graph/`: the network map as Mermaid,
  DOT, GraphML and SVG, with the layout the SVG uses.

What several formats share about a view stays here: the board report's view (`board.py`),
its concerns (`concerns.py`), the gains' wording (`gains_words.py`), the portfolio's gains and
rule statistics, each with its renderers. Which module renders which (command, format) is said
once, in `collabgain_cli.render`.
"""

from __future__ import annotations

import dataclasses

from ..findings import PrincipleResult


@dataclasses.dataclass(frozen=True)
class RenderOptions:
    """How a report is to be rendered (only the text format uses colour and width)."""

    color: bool = False
    width: int = 100
    quiet: bool = False
    summary: bool = False
    """Only the overview (one row per file), for formats that have one (markdown)."""


def members_cell(principle: PrincipleResult) -> str:
    """The members' mean score, the spread of their scores and how many rated the principle:
    '4.3 (3-5, 4 rated)'; only how many, under three respondents."""
    view = principle.members
    if view is None:
        return ""
    if not view.shown:
        return f"{view.respondents} rated"
    return f"{view.mean:.1f} ({view.low:g}-{view.high:g}, {view.respondents} rated)"

"""The render table: which function renders each (command, format), with one signature.

Every `--format` choice a command offers, in its help and in configuration, is a row here,
and nothing else chooses a renderer. A row names a function by `module` (its `render`) or
`module:function`, relative to this package, and is imported only when its row is used, so
a run pays only for the format it writes.

Every renderer has the signature `render(view, options) -> str`: `view` is the command's
view model, fully computed before rendering (a `Report` for `check`, a `PartnershipDiff`
for `diff`, ...), and `options` says how it is to look (`RenderOptions`: colour, width, ...).
A renderer decides how things look, never what they say.

A new output format for `check` is one module with a `render(report, options)` function
and one row in `TABLE` (see the README's "For contributors").
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable
from typing import Any, cast

from .gcpause import paused
from .report import RenderOptions

CHECK_FORMATS: dict[str, str] = {
    "text": "report.text",
    "concise": "report.ci.concise",
    "json": "report.json",
    "sarif": "report.ci.sarif",
    "github": "report.ci.github",
    "junit": "report.ci.junit",
    "markdown": "report.markdown",
}

TABLE: dict[tuple[str, str], str] = {
    **{("check", name): module for name, module in CHECK_FORMATS.items()},
    **{("validate", name): module for name, module in CHECK_FORMATS.items()},
    ("check --statistics", "text"): "report.statistics:render_text",
    ("check --statistics", "json"): "report.statistics:render_json",
    ("check --without", "text"): "whatif:render_text",
    ("check --without", "json"): "whatif:render_json",
    ("portfolio", "text"): "report.text.portfolio",
    ("portfolio", "json"): "report.json.portfolio",
    ("portfolio", "markdown"): "report.markdown.portfolio",
    ("portfolio --gains", "text"): "report.portfolio_gains:render_text",
    ("portfolio --gains", "json"): "report.portfolio_gains:render_json",
    ("portfolio --gains", "markdown"): "report.portfolio_gains:render_markdown",
    ("report", "html"): "report.html",
    ("report", "markdown"): "report.markdown.board",
    ("map", "text"): "report.text.map",
    ("map", "mermaid"): "report.graph.mermaid",
    ("map", "dot"): "report.graph.dot",
    ("map", "graphml"): "report.graph.graphml",
    ("map", "json"): "report.json.map",
    ("diff", "text"): "report.text.diff",
    ("diff", "json"): "report.json.diff",
    ("diff", "markdown"): "report.markdown.diff",
    ("history", "text"): "report.text.history",
    ("history", "json"): "report.json.history",
    ("history", "markdown"): "report.markdown.history",
    ("gains", "text"): "report.text.gains",
    ("gains", "markdown"): "report.markdown.gains",
    ("gains", "json"): "report.json.gains",
    ("survey summary", "text"): "survey.summary_render:render_text",
    ("survey summary", "markdown"): "survey.summary_render:render_markdown",
    ("survey summary", "html"): "survey.summary_render:render_html",
    ("survey summary", "json"): "survey.summary_render:render_json",
    ("survey questions", "text"): "survey.questionnaire:render_text",
    ("survey questions", "markdown"): "survey.questionnaire:render_markdown",
    ("survey questions", "csv"): "survey.questionnaire:render_csv",
    ("survey questions", "html"): "survey.questionnaire:render_html",
}
"""(command, format) -> the function that renders it, in the order `--help` lists them."""

Renderer = Callable[[Any, RenderOptions], str]


def formats(command: str) -> list[str]:
    """The formats `command` can write, in table order (its `--format` choices)."""
    return [name for (cmd, name) in TABLE if cmd == command]


def choices(command: str, enum_name: str) -> type[enum.StrEnum]:
    """`command`'s formats as the enum a `--format` option takes (its help lists them)."""
    members = {name: name for name in formats(command)}
    return cast("type[enum.StrEnum]", enum.StrEnum(enum_name, members))


def renderer(command: str, name: str) -> Renderer:
    """The function that renders `command`'s output in format `name`."""
    module_name, _, function = TABLE[(command, name)].partition(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    found: Renderer = getattr(module, function or "render")
    return found


def render(command: str, name: str, view: Any, options: RenderOptions | None = None) -> str:
    """`view` rendered as `command` writes it in format `name`.

    A renderer makes records and strings by the million for a large report, none of them in
    a reference cycle: the cyclic collector waits while it runs, as it does while a file is
    loaded, instead of scanning the report's records again each time a generation fills
    (a third of the JSON of a 1,000-file portfolio's time)."""
    with paused():
        return renderer(command, name)(view, options or RenderOptions())

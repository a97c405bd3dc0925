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

from .report import RenderOptions

CHECK_FORMATS: dict[str, str] = {
    "text": "report.text",
    "concise": "report.concise",
    "json": "report.json_format",
    "sarif": "report.sarif",
    "github": "report.github",
    "junit": "report.junit",
    "markdown": "report.markdown",
}

TABLE: dict[tuple[str, str], str] = {
    **{("check", name): module for name, module in CHECK_FORMATS.items()},
    **{("validate", name): module for name, module in CHECK_FORMATS.items()},
    ("check --statistics", "text"): "report.statistics:render_text",
    ("check --statistics", "json"): "report.statistics:render_json",
    ("check --without", "text"): "whatif:render_text",
    ("check --without", "json"): "whatif:render_json",
    ("portfolio", "text"): "report.portfolio_text",
    ("portfolio", "json"): "report.portfolio_json",
    ("portfolio", "markdown"): "report.portfolio_markdown",
    ("portfolio --gains", "text"): "report.portfolio_gains:render_text",
    ("portfolio --gains", "json"): "report.portfolio_gains:render_json",
    ("portfolio --gains", "markdown"): "report.portfolio_gains:render_markdown",
    ("report", "html"): "report.html",
    ("report", "markdown"): "report.board_markdown",
    ("map", "text"): "maps.text",
    ("map", "mermaid"): "maps.mermaid",
    ("map", "dot"): "maps.dot",
    ("map", "graphml"): "maps.graphml",
    ("map", "json"): "maps.json_format",
    ("diff", "text"): "report.diff_text",
    ("diff", "json"): "report.diff_json",
    ("diff", "markdown"): "report.diff_markdown",
    ("history", "text"): "report.history_text",
    ("history", "json"): "report.history_json",
    ("history", "markdown"): "report.history_markdown",
    ("gains", "text"): "report.gains_text",
    ("gains", "markdown"): "report.gains_markdown",
    ("gains", "json"): "report.gains_json",
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
    """`view` rendered as `command` writes it in format `name`."""
    return renderer(command, name)(view, options or RenderOptions())

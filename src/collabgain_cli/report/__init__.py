"""Renderers: one module per output format, each turning a Report into a string.

`FORMATS` is the one table of format names; the CLI's `--format` choices come from it, and a
renderer module is imported only when its format is asked for.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
from typing import Protocol

from ..findings import PrincipleResult, Report

FORMATS: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
}
"""Format name -> module in this package that renders it."""

MACHINE_FORMATS = frozenset(FORMATS) - {"text"}


@dataclasses.dataclass(frozen=True)
class RenderOptions:
    """How a report is to be rendered (only the text format uses colour and width)."""

    color: bool = False
    width: int = 100
    quiet: bool = False
    summary: bool = False
    """Only the overview (one row per file), for formats that have one (markdown)."""


class Renderer(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str: ...


def members_cell(principle: PrincipleResult) -> str:
    """The members' mean score, the spread of their scores and how many rated the principle:
    '4.3 (3-5, 4 rated)'; only how many, under three respondents."""
    view = principle.members
    if view is None:
        return ""
    if not view.shown:
        return f"{view.respondents} rated"
    return f"{view.mean:.1f} ({view.low:g}-{view.high:g}, {view.respondents} rated)"


def available_formats() -> list[str]:
    """Format names whose renderer module exists, in table order."""
    out = []
    for name, module in FORMATS.items():
        if importlib.util.find_spec(f"{__name__}.{module}") is not None:
            out.append(name)
    return out


def render(name: str, report: Report, options: RenderOptions) -> str:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    renderer: Renderer = module.render
    return renderer(report, options)

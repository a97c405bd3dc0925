"""Renderers of the network map: one module per format, each turning a NetworkMap into a string.

`MAP_FORMATS` is the one table of format names; `collabgain map --format` takes its choices
from it, and a renderer module is imported only when its format is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..mapping import NetworkMap

MAP_FORMATS: dict[str, str] = {
    "text": "text",
    "mermaid": "mermaid",
    "dot": "dot",
    "graphml": "graphml",
    "json": "json_format",
}
"""Format name -> module in this package that renders it."""


class MapRenderer(Protocol):
    def __call__(self, network_map: NetworkMap) -> str: ...


def render_map(name: str, network_map: NetworkMap) -> str:
    module = importlib.import_module(f"{__name__}.{MAP_FORMATS[name]}")
    renderer: MapRenderer = module.render
    return renderer(network_map)

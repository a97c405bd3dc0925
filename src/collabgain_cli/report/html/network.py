"""The network map's part of the HTML report: the SVG picture (`report.graph.svg` draws it), its
legend,
the key to its numbers, and notes that say in words what the picture shows."""

from __future__ import annotations

from ...analysis.dates import plural
from ...mapping import MapNode, NetworkMap
from ...safe_text import html_text as _e
from ..board import BoardFile, long_date
from ..graph import svg
from ..graph.common import STATUS_MARKS, marks
from ..graph.svg import (
    BRIDGE_INK,
    ISOLATED_INK,
    MARKS_ONLY,
    MAX_DRAWN_TIES,
    NO_SECTOR,
    NUMBERS,
    SECTOR_COLOURS,
    TIE_INK,
    naming_for,
)


def _swatch(shape: str) -> str:
    return f'<svg width="30" height="20" viewBox="0 0 30 20" aria-hidden="true">{shape}</svg>'


def _dot(fill: str, stroke: str = "#39414f", extra: str = "") -> str:
    return _swatch(f'<circle cx="15" cy="10" r="7" fill="{fill}" stroke="{stroke}"{extra}/>')


def _legend(network: NetworkMap) -> list[str]:
    organisations = network.organisations
    items = [
        (_dot(colour), sector)
        for sector, colour in SECTOR_COLOURS.items()
        if any(n.sector == sector for n in organisations)
    ]
    if any(n.sector is None for n in organisations):
        items.append((_dot(NO_SECTOR), "sector not given"))
    if network.bridges:
        items.append(
            (_dot("#fff", BRIDGE_INK, ' stroke-width="4"'), "bridge: the only link between groups")
        )
    if network.isolated:
        items.append((_dot("#fff", ISOLATED_INK, ' stroke-width="3"'), "isolated member"))
    if any(n.status in ("former", "joining") for n in organisations):
        items.append((_dot("#ccc", extra=' stroke-dasharray="4 3"'), "former member (dashed)"))
    if any(n.status == "uncertain" for n in organisations):
        items.append(
            (_dot("#fff", extra=' stroke-dasharray="1.5 2.5"'), "membership uncertain (dotted)")
        )
    if network.ties:
        lines = (
            f'<line x1="2" y1="6" x2="28" y2="6" stroke="{TIE_INK}" stroke-width="1.2"/>'
            f'<line x1="2" y1="14" x2="28" y2="14" stroke="{TIE_INK}" stroke-width="4"/>'
        )
        items.append((_swatch(lines), "thicker line: more shared records"))
    out = ['<ul class="legend" aria-label="Legend">']
    out.extend(f"<li>{shape}<span>{_e(text)}</span></li>" for shape, text in items)
    out.append("</ul>")
    return out


def _key(organisations: list[MapNode]) -> list[str]:
    """The names behind the numbers on a map too full to name each circle."""
    if naming_for(len(organisations)) != NUMBERS:
        return []
    out = ['<ol class="map-key" aria-label="Key to the numbers on the map">']
    for node in organisations:
        said = ", ".join(marks(node))
        out.append(f"<li>{_e(node.name)}{f' <i>({_e(said)})</i>' if said else ''}</li>")
    out.append("</ol>")
    return out


def map_section(board_file: BoardFile) -> list[str]:
    network = board_file.network
    if network is None:
        return []
    organisations = network.organisations
    as_of = _e(long_date(board_file.report.as_of))
    active = [n for n in organisations if n.status == "active"]
    pairs = len(network.ties)
    out = [
        '<section class="map">',
        # The heading, its note and the drawing stay together when printed.
        '<div class="keep">',
        "<h2>Who works with whom</h2>",
        f'<p class="note">Each circle is an organisation, coloured by sector and sized by how '
        f"many others it works with. A line joins two members that, in the 24 months to "
        f"{as_of}, share an activity, a decision, or a meeting of a smaller group than the "
        f"whole partnership; the more they share, the thicker the line. "
        f"{plural(len(organisations), 'organisation')} ({len(active)} active), "
        f"{plural(network.tied_pairs, 'tied pair')}.</p>",
        "<figure>",
        svg.render(network, title=f"{network.partnership}: who works with whom").removesuffix("\n"),
        "</figure>",
        "</div>",
        '<div class="map-caption">',
        *_legend(network),
        *_key(organisations),
        "</div>",
        '<ul class="map-notes">',
    ]
    if network.note:
        out.append(f"<li><b>Not every tie is drawn</b>: {_e(network.note)}</li>")
    if pairs > MAX_DRAWN_TIES:
        out.append(f"<li>The {MAX_DRAWN_TIES:,} strongest of {pairs:,} ties are drawn.</li>")
    if naming_for(len(organisations)) == MARKS_ONLY:
        out.append("<li>Only bridges are named on the map; isolated members are ringed.</li>")
    out.extend(
        f"<li>{_e(group.name)} ties {group.members:,} organisations, too many to draw as "
        "pairs; its ties are not drawn.</li>"
        for group in network.groups
    )
    for node in organisations:
        if node.bridge:
            out.append(
                f"<li><b>Bridge</b>: {_e(node.name)} is the only link between groups of active "
                f"members; without it they would split into {node.parts_without} parts.</li>"
            )
    isolated = [n for n in organisations if n.isolated]
    if isolated:
        out.append(
            "<li><b>Isolated</b>, sharing nothing with any other active member: "
            f"{', '.join(_e(n.name) for n in isolated)}.</li>"
        )
    inactive = [n for n in organisations if n.status != "active"]
    if inactive:
        listed = ", ".join(f"{_e(n.name)} ({STATUS_MARKS[n.status]})" for n in inactive)
        out.append(f"<li><b>Not active</b> on {as_of}: {listed}.</li>")
    if not network.bridges and not isolated and len(active) >= 2:
        out.append(
            "<li>No active member is isolated, and no single member holds the rest together.</li>"
        )
    out.extend(["</ul>", "</section>"])
    return out

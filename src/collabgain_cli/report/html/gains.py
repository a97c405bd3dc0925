"""The "Where you could gain" part of the HTML report: for each member, at most five things the
other members have that meet its needs and aims, then natural allies and shared aims no live
activity serves. Worded as `collabgain gains` words them; every piece of the file's text is
escaped."""

from __future__ import annotations

from ...safe_text import html_text as _e
from ..board import BoardFile
from ..gains_words import Item, Ours, Quoted, Said, ally_item, gets_block, open_aim_item

PER_MEMBER = 5


def _said(parts: Said) -> str:
    out = []
    for part in parts:
        if isinstance(part, Ours):
            # collabgain's own wording keeps its spaces; `code` marks are for Markdown.
            out.append(_e(part.text.replace("`", "")))
            continue
        text = _e(" ".join(part.text.split()))
        out.append(f"<q>{text}</q>" if isinstance(part, Quoted) else text)
    return "".join(out)


def _items(items: tuple[Item, ...]) -> list[str]:
    out = ['<ul class="findings">']
    for item in items:
        out.append(f"<li>{_said(item.said)}")
        if item.details:
            out.append("<ul>")
            out.extend(f"<li>{_said(d)}</li>" for d in item.details)
            out.append("</ul>")
        out.append("</li>")
    out.append("</ul>")
    return out


def section(board_file: BoardFile) -> list[str]:
    """The section for one valid file, or nothing when there is nothing to suggest."""
    gains, report = board_file.gains, board_file.report
    if gains is None:
        return []
    if not (gains.suggestions or gains.allies or gains.open_aims):
        return []
    out = [
        '<section class="gains">',
        "<h2>Where you could gain</h2>",
        '<p class="note">What each member could get from the others: their offers, and their '
        "people's strengths, that meet its needs and aims. Each pairs two texts from the file; "
        "&ldquo;matched on&rdquo; names the words they share (a ~ joins two words taken to mean "
        f"the same). At most {PER_MEMBER} for each member: <code>collabgain gains "
        f"{_e(report.path)} --member ID</code> lists all, as a page for that member."
        "</p>",
    ]
    for page in gains.members:
        if not page.gets:
            continue
        block = gets_block(page.gets[:PER_MEMBER], you=False, limit=None)
        out.append(f"<h3>{_e(page.member.name)}</h3>")
        out.extend(_items(block.items))
        if len(page.gets) > PER_MEMBER:
            out.append(f'<p class="note">and {len(page.gets) - PER_MEMBER} more</p>')
    if gains.allies:
        out.append("<h3>Natural allies</h3>")
        out.extend(_items(tuple(ally_item(a, None) for a in gains.allies)))
    if gains.open_aims:
        out.append("<h3>Shared aims no activity serves</h3>")
        out.extend(_items(tuple(open_aim_item(a, you=False) for a in gains.open_aims)))
    out.append("</section>")
    return out

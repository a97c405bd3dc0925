"""`collabgain gains --format markdown`: the page of `gains_words` for a wiki, an email or a
planning-day pack. Names and quoted texts are escaped, so nothing in the file becomes markup."""

from __future__ import annotations

from ...gains import Gains
from .. import RenderOptions
from ..gains_words import Block, Ours, Page, Quoted, Said, Theirs, page_of
from . import escape


def said(parts: Said) -> str:
    out = []
    for part in parts:
        if isinstance(part, Quoted):
            out.append(f"“{escape(part.text)}”")
        elif isinstance(part, Theirs):
            out.append(escape(part.text))
        elif isinstance(part, Ours):
            out.append(part.text)
    return "".join(out)


def _block(block: Block, level: str, *, show_empty: bool) -> list[str]:
    if not block.items and not show_empty:
        return []
    out = [f"{level} {block.heading}", ""]
    if not block.items:
        out.append("None yet.")
    for item in block.items:
        out.append(f"- {said(item.said)}")
        out.extend(f"  - {said(d)}" for d in item.details)
    if block.note:
        out.extend(["", said(block.note)])
    out.append("")
    return out


def render_page(page: Page) -> str:
    lines = [f"# {said(page.title)}", "", f"*{escape(page.subtitle)}*", ""]
    for paragraph in page.intro:
        lines.extend([said(paragraph), ""])
    for section in page.sections:
        level = "##"
        body: list[str] = []
        if section.heading:
            level = "###"
            for block in section.blocks:
                body.extend(_block(block, level, show_empty=False))
            if not body:
                body = ["Nothing matched yet.", ""]
            if section.intro:
                body.extend([said(section.intro), ""])
            lines.extend([f"## {said(section.heading)}", "", *body])
        else:
            for block in section.blocks:
                lines.extend(_block(block, level, show_empty=True))
    lines.append(f"**{escape(page.summary)}**")
    return "\n".join(lines) + "\n"


def render(gains: Gains, options: RenderOptions) -> str:
    return render_page(page_of(gains))

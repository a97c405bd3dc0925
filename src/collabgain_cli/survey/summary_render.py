"""The survey summary as text (a small bar per score), Markdown, HTML (inline SVG) or JSON."""

from __future__ import annotations

import html
import json
import textwrap
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..report.markdown import escape as _md
from .questionnaire import CSP
from .summary import MIN_GROUP, PrincipleView, Summary

if TYPE_CHECKING:
    from ..report import RenderOptions

BAR_WIDTH = 24
SCORE_LABELS = ("1 strongly disagree", "2 disagree", "3 neither", "4 agree", "5 strongly agree")


def _number(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _spread(view: PrincipleView) -> str:
    """From the lowest score to the highest."""
    return f"{_number(view.lowest)} to {_number(view.highest)}"


def _respondents(count: int) -> str:
    return "no respondents" if not count else f"{count} respondent{'' if count == 1 else 's'}"


def _who_counts(summary: Summary) -> list[str]:
    lines = [
        f"{_respondents(summary.respondents)} current on {summary.as_of.isoformat()} "
        f"({summary.anonymous} anonymous), from the last {summary.window_months} months."
    ]
    if summary.left_out:
        lines.append("Not counted: " + "; ".join(f"{n} {why}" for why, n in summary.left_out) + ".")
    lines.append(
        f"No figure is shown for fewer than {MIN_GROUP} respondents; scores are grouped by "
        "the nearest whole point."
    )
    return lines


def _too_few(view: PrincipleView) -> str:
    if not view.respondents:
        return "no respondents"
    return f"{_respondents(view.respondents)}, too few to show (at least {MIN_GROUP})"


def _figures(view: PrincipleView) -> str:
    """A principle's figures when enough members answered: how many, the mean, the spread."""
    return f"{_respondents(view.respondents)}, mean {_number(view.mean)}, spread {_spread(view)}"


def _records(view: PrincipleView) -> str:
    if view.concerns:
        return f"{view.status} ({', '.join(view.concerns)})"
    return view.status


def _judgement(view: PrincipleView) -> str:
    text = view.comparison.value
    if view.divided:
        text += f"; members are divided (scores from {_spread(view)})"
    return text


def render_text(summary: Summary, options: RenderOptions | None = None) -> str:
    title = f"Members' view: {summary.partnership}"
    lines = [title, "=" * len(title)]
    for line in _who_counts(summary):
        lines += textwrap.wrap(line, 96, subsequent_indent="  ")
    lines.append("")
    for view in summary.principles:
        if view.distribution is None:
            lines.append(f"{view.title}: {_too_few(view)}")
        else:
            lines.append(f"{view.title}: {_figures(view)}")
            most = max(view.distribution) or 1
            for label, count in zip(SCORE_LABELS, view.distribution, strict=True):
                bar = "█" * round(BAR_WIDTH * count / most)
                lines.append(f"  {label:<19} {bar:<{BAR_WIDTH}} {count}")
        lines.append(f"  Records: {_records(view)}")
        lines += textwrap.wrap(
            f"Members and records: {_judgement(view)}",
            96,
            initial_indent="  ",
            subsequent_indent="    ",
        )
        lines.append("")
    lines += _comment_lines(summary)
    return "\n".join(lines).rstrip("\n") + "\n"


def _comment_lines(summary: Summary) -> list[str]:
    if summary.comments_withheld:
        return [f"Comments are not shown for fewer than {MIN_GROUP} respondents.", ""]
    if summary.comments is None:
        return []
    lines = [f"Comments ({len(summary.comments)}, in alphabetical order)"]
    if not summary.comments:
        lines.append("  none")
    for comment in summary.comments:
        paragraphs = comment.split("\n")
        lines += textwrap.wrap("- " + paragraphs[0], 96, subsequent_indent="  ") or ["-"]
        for paragraph in paragraphs[1:]:
            lines += textwrap.wrap(paragraph, 96, initial_indent="  ", subsequent_indent="  ")
    return [*lines, ""]


def render_markdown(summary: Summary, options: RenderOptions | None = None) -> str:
    lines = [f"# Members' view: {_md(summary.partnership)}", ""]
    lines += [_md(line) for line in _who_counts(summary)]
    lines += [
        "",
        "| principle | respondents | mean | spread | 1 | 2 | 3 | 4 | 5 | records | "
        "members and records |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for view in summary.principles:
        counts = [str(c) for c in view.distribution] if view.distribution is not None else ["-"] * 5
        spread = _spread(view) if view.distribution is not None else "-"
        lines.append(
            f"| {_md(view.title)} | {view.respondents} | {_number(view.mean)} | {spread} | "
            + " | ".join(counts)
            + f" | {_md(_records(view))} | {_md(_judgement(view))} |"
        )
    lines.append("")
    if summary.comments_withheld:
        lines += [f"Comments are not shown for fewer than {MIN_GROUP} respondents.", ""]
    elif summary.comments is not None:
        lines += ["## Comments", ""]
        lines += [f"- {_md(c)}" for c in summary.comments] or ["none"]
        lines.append("")
    return "\n".join(lines)


_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-bottom: .2rem; }
section { border-top: 1px solid #ccc; padding: .5rem 0; break-inside: avoid; }
.agree { color: #185c37; } .differ { color: #8a1c1c; } .note { color: #444; }
svg text { font: 11px system-ui, sans-serif; fill: #111; }
"""


def _chart(view: PrincipleView) -> str:
    """An inline SVG bar chart: one bar per score point, labelled with its count."""
    assert view.distribution is not None
    e = html.escape
    row, label_width, bar_space = 18, 130, 260
    most = max(view.distribution) or 1
    parts = [
        f'<svg role="img" width="{label_width + bar_space + 40}" height="{row * 5 + 4}" '
        f'viewBox="0 0 {label_width + bar_space + 40} {row * 5 + 4}" '
        f'aria-label="{e(view.title)}: distribution of scores">'
    ]
    for index, (label, count) in enumerate(zip(SCORE_LABELS, view.distribution, strict=True)):
        y = index * row + 2
        width = round(bar_space * count / most)
        parts.append(f'<text x="0" y="{y + 12}">{e(label)}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{width}" height="{row - 4}" '
            'fill="#3b6ea5"></rect>'
        )
        parts.append(f'<text x="{label_width + width + 4}" y="{y + 12}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(summary: Summary, options: RenderOptions | None = None) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        CSP,
        f"<title>Members' view: {e(summary.partnership)}</title><style>{_STYLE}</style>",
        "</head><body>",
        f"<h1>Members' view: {e(summary.partnership)}</h1>",
        *(f'<p class="note">{e(line)}</p>' for line in _who_counts(summary)),
    ]
    for view in summary.principles:
        parts.append(f"<section><h2>{e(view.title)}</h2>")
        if view.distribution is None:
            parts.append(f"<p>{e(_too_few(view))}.</p>")
        else:
            parts.append(f"<p>{e(_figures(view))}</p>")
            parts.append(_chart(view))
        agrees = view.comparison.agrees
        css = "" if agrees is None else (' class="agree"' if agrees else ' class="differ"')
        parts.append(f"<p>Records: {e(_records(view))}</p>")
        parts.append(f"<p{css}>Members and records: {e(_judgement(view))}</p></section>")
    if summary.comments_withheld:
        parts.append(f"<p>Comments are not shown for fewer than {MIN_GROUP} respondents.</p>")
    elif summary.comments is not None:
        parts.append("<section><h2>Comments</h2><ul>")
        parts += ["<li>" + e(c).replace("\n", "<br>") + "</li>" for c in summary.comments] or [
            "<li>none</li>"
        ]
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _decimal(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def render_json(summary: Summary, options: RenderOptions | None = None) -> str:
    record: dict[str, Any] = {
        "partnership": summary.partnership,
        "as_of": summary.as_of.isoformat(),
        "window_months": summary.window_months,
        "respondents": summary.respondents,
        "anonymous": summary.anonymous,
        "not_counted": [{"reason": why, "count": n} for why, n in summary.left_out],
        "min_group": MIN_GROUP,
        "principles": [
            {
                "id": v.principle,
                "title": v.title,
                "respondents": v.respondents,
                "mean": _decimal(v.mean),
                "lowest": _decimal(v.lowest),
                "highest": _decimal(v.highest),
                "distribution": list(v.distribution) if v.distribution is not None else None,
                "status": v.status,
                "concerns": list(v.concerns),
                "comparison": v.comparison.name.lower(),
                "agrees": v.comparison.agrees,
                "divided": v.divided,
            }
            for v in summary.principles
        ],
    }
    if summary.comments is not None:
        record["comments"] = list(summary.comments)
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"

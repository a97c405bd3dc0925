"""The findings in the HTML report: what to act on first, then every finding under its
principle, each rule once with why it matters and what to do."""

from __future__ import annotations

from ...findings import FileReport, Severity
from ...safe_text import html_text as _e
from ...titles import principle_title
from ..board import SEVERITY_SYMBOL, advice, shown_messages
from ..concerns import (
    Concern,
    act_first,
    by_principle,
    lines_list,
    names_list,
)
from .common import inline, principle_summaries, severity_badge, status_badge


def _subjects(concern: Concern) -> str:
    count = len(concern.subjects)
    about = concern.about(limit=count if count <= 8 else 6)
    return f'<p class="about">{_e(about)}</p>' if count else ""


def _concern(concern: Concern, *, first: bool = False) -> list[str]:
    """A rule's findings once: what it is about, the facts, and what partners can do.

    Information is shown without advice, and what to act on first with its advice only: a
    reader who wants the reasoning finds it with the same concern under its principle.
    """
    severity = concern.severity
    classes = f"rule sev-{severity.label}{' waived' if concern.waived else ''}"
    badge = severity_badge(severity) + (
        ' <span class="sev">· waived</span>' if concern.waived else ""
    )
    out = [
        f'<div class="{classes}" {_rule_id(concern, first=first)}>',
        f"<h4>{badge}<span>{_e(concern.title)}</span>"
        f'<span class="rule-code">{_e(concern.code)}</span></h4>',
        _subjects(concern),
    ]
    out.append('<ul class="findings">')
    for message in shown_messages(concern, first=first):
        where = f'<span class="where">{message.where}</span>'
        if message.more:
            out.append(f'<li class="more">{message.text} {where}</li>')
        else:
            out.append(f'<li><span class="message">{_e(message.text)}</span> {where}</li>')
    out.append("</ul>")
    if concern.waived:
        out.extend(
            f'<p class="waiver"><b>Waived</b>{_e(reason)}</p>' for reason in concern.waiver_reasons
        )
    said = advice(concern, first=first)
    if said.why or said.to_do or said.in_file:
        out.append('<div class="advice">')
        if said.why:
            out.append(f"<p><b>Why it matters:</b> {inline(_first_sentence(said.why))}</p>")
        if said.to_do:
            out.append(f"<p><b>What to do:</b> {inline(said.to_do)}</p>")
        out.extend(f'<p class="for-file"><b>In the file:</b> {inline(p)}</p>' for p in said.in_file)
        out.append("</div>")
    out.append("</div>")
    return out


def _brief_line(concern: Concern, said: str) -> str:
    """A concern in one line: its title, what it is about, and `said` (its message, or where
    it was shown already), with the partnership's reasons where it is waived."""
    names = concern.subjects
    about = f" ({_e(names_list(names))})" if names else ""
    waived = ' <span class="sev">· waived</span>' if concern.waived else ""
    reasons = ""
    if concern.waived:
        reasons = "".join(
            f'<span class="waiver"><b>Waived</b>{_e(r)}</span>' for r in concern.waiver_reasons
        )
    classes = f"sev-{concern.severity.label}{' is-waived' if concern.waived else ''}"
    return (
        f'<li class="{classes}" {_rule_id(concern)}>{SEVERITY_SYMBOL[concern.severity]} '
        f"<b>{_e(concern.title)}</b>{about}{waived}: {said} "
        f'<span class="where">{lines_list(concern.lines)}</span>{reasons}</li>'
    )


def _rule_id(concern: Concern, *, first: bool = False) -> str:
    """The concern's rule, and under its principle an id to link to (unique in the page)."""
    if first:
        return f'data-rule="{_e(concern.code)}"'
    suffix = "-waived" if concern.waived else ""
    return f'id="{_e(concern.code)}{suffix}" data-rule="{_e(concern.code)}"'


def _first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text


def act_first_section(file_report: FileReport) -> list[str]:
    first = act_first(file_report)
    out = ['<section class="act-first">']
    if not first:
        out.extend(
            [
                "<h2>Act on these first</h2>",
                "<p>Nothing to act on: no check found an error or a warning.</p>",
                "</section>",
            ]
        )
        return out
    out.append('<div class="keep"><h2>Act on these first</h2>')
    for index, concern in enumerate(first):
        out.extend(_concern(concern, first=True))
        if index == 0:
            out.append("</div>")
    out.append("</section>")
    return out


def findings_section(file_report: FileReport) -> list[str]:
    groups = by_principle(file_report)
    shown_first = {c.code for c in act_first(file_report)}
    results = {p.id: p for p in file_report.principles}
    summaries = principle_summaries()
    out = ['<section class="findings">']
    heading = '<h2 class="keep-next">Findings by principle</h2>'
    if not groups:
        out.extend([heading, "<p>No findings: every check that ran found nothing to report.</p>"])
    intro = [
        heading,
        '<p class="note">Each finding names the facts in the file behind it and the line '
        "where they are; one check's findings about several organisations are shown "
        "together. Findings the partnership has accepted are marked waived, with its "
        "reason.</p>",
    ]
    for principle, found in groups:
        result = results.get(principle)
        title = principle_title(principle)
        status = status_badge(result.status) if result else ""
        summary = summaries.get(principle, "")
        out.extend(
            [
                f'<section class="principle-block" id="principle-{_e(principle)}">',
                # Headings are kept with the first finding below them when printed.
                '<div class="keep">',
                *intro,
                f"<h3>{_e(title)} {status}</h3>",
            ]
        )
        intro = []
        if summary:
            out.append(f'<p class="principle-summary">{_e(summary)}</p>')
        # In full: warnings and errors not already shown first. In a line each: those shown
        # first, then information and what the partnership has waived.
        full = [c for c in found if c.severity >= Severity.WARNING and not c.waived]
        lines = [
            _brief_line(c, "see <i>Act on these first</i>")
            if len(c.findings) == 1
            else _brief_line(c, _e(" ".join(text for text, _lines in c.messages)))
            for c in full
            if c.code in shown_first
        ]
        full = [c for c in full if c.code not in shown_first]
        lines.extend(
            _brief_line(c, _e(" ".join(text for text, _lines in c.messages)))
            for c in found
            if c.severity < Severity.WARNING or c.waived
        )
        if not full:
            out.append("</div>")
        for index, concern in enumerate(full):
            out.extend(_concern(concern))
            if index == 0:
                out.append("</div>")
        if lines:
            out.extend(['<ul class="in-brief">', *lines, "</ul>"])
        out.append("</section>")
    out.append("</section>")
    return out

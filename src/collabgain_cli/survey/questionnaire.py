"""The members' questionnaire from principles.yaml, as text, Markdown, CSV or a printable form.

Every statement carries its code in brackets (`[AIMS-1]`), so that a form built from the CSV
keeps it in its column headers and `survey import` can match answers to statements even if
the wording is edited in the form tool.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import textwrap
from typing import TYPE_CHECKING

from ..principles import Question, ScalePoint, Statement, Survey, load_catalogue
from ..report.markdown import escape as _md

if TYPE_CHECKING:
    from ..report import RenderOptions


@dataclasses.dataclass(frozen=True)
class Section:
    """One guiding principle and the statements that inform it."""

    principle: str
    title: str
    statements: tuple[Statement, ...]


@dataclasses.dataclass(frozen=True)
class Questionnaire:
    title: str
    introduction: str
    scale: tuple[ScalePoint, ...]
    unanswered: tuple[str, ...]
    sections: tuple[Section, ...]
    organisation: Question
    comment: Question
    organisations: tuple[str, ...] = ()
    """The member organisations' names, offered as choices when a partnership file is given."""

    def statements(self) -> list[tuple[Section, Statement]]:
        return [(s, st) for s in self.sections for st in s.statements]


def questionnaire(organisations: tuple[str, ...] = ()) -> Questionnaire:
    """The questionnaire as principles.yaml defines it."""
    catalogue = load_catalogue()
    survey: Survey | None = catalogue.survey
    if survey is None:  # pragma: no cover - principles.yaml ships with its survey
        raise LookupError("principles.yaml has no survey section")
    sections = tuple(Section(g.id, g.title, g.statements) for g in catalogue.groups if g.statements)
    return Questionnaire(
        title=survey.title,
        introduction=" ".join(survey.introduction.split()),
        scale=survey.scale,
        unanswered=survey.unanswered,
        sections=sections,
        organisation=survey.organisation,
        comment=survey.comment,
        organisations=organisations,
    )


def heading(code: str, text: str) -> str:
    """A question as it heads a form's column: `[AIMS-1] I could say ...`."""
    return f"[{code}] {text}"


def _scale_words(form: Questionnaire) -> str:
    return ", ".join(f"{p.score} {p.label}" for p in form.scale)


def render_text(form: Questionnaire, options: RenderOptions | None = None) -> str:
    lines = [form.title, "=" * len(form.title), ""]
    lines += textwrap.wrap(form.introduction, 88)
    lines += ["", f"Answer each statement: {_scale_words(form)}.", ""]
    for section in form.sections:
        lines.append(section.title)
        for statement in section.statements:
            lines += textwrap.wrap(
                heading(statement.code, statement.text),
                88,
                initial_indent="  ",
                subsequent_indent="  " + " " * (len(statement.code) + 3),
            )
        lines.append("")
    lines.append(heading(form.organisation.code, form.organisation.text))
    if form.organisations:
        lines.append("  Choices: " + "; ".join(form.organisations))
    lines += [heading(form.comment.code, form.comment.text), ""]
    return "\n".join(lines)


def render_markdown(form: Questionnaire, options: RenderOptions | None = None) -> str:
    lines = [f"# {_md(form.title)}", "", _md(form.introduction), ""]
    header = "| code | statement | " + " | ".join(_md(p.label) for p in form.scale) + " |"
    lines += ["Tick one box for each statement.", ""]
    for section in form.sections:
        lines += [f"## {_md(section.title)}", "", header]
        lines.append("|---|---|" + "---|" * len(form.scale))
        for statement in section.statements:
            boxes = " | ".join("☐" for _ in form.scale)
            lines.append(f"| {statement.code} | {_md(statement.text)} | {boxes} |")
        lines.append("")
    lines += [f"## {_md(heading(form.organisation.code, form.organisation.text))}", ""]
    if form.organisations:
        lines += [f"- ☐ {_md(name)}" for name in form.organisations] + [""]
    lines += [f"## {_md(heading(form.comment.code, form.comment.text))}", ""]
    return "\n".join(lines)


CSV_COLUMNS = ("code", "principle", "question", "type", "required", "choices")


def render_csv(form: Questionnaire, options: RenderOptions | None = None) -> str:
    """One row per question, to paste into a form builder: the question (code included), its
    type (`scale`, `choice` or `text`), whether an answer is required, and the choices."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    choices = "; ".join(p.label for p in form.scale)
    for section, statement in form.statements():
        writer.writerow(
            [
                statement.code,
                section.title,
                _cell(heading(statement.code, statement.text)),
                "scale",
                "no",
                choices,
            ]
        )
    org = form.organisation
    kind = "choice" if form.organisations else "text"
    org_choices = "; ".join(form.organisations)
    writer.writerow(
        [org.code, "", _cell(heading(org.code, org.text)), kind, "no", _cell(org_choices)]
    )
    comment = form.comment
    comment_question = _cell(heading(comment.code, comment.text))
    writer.writerow([comment.code, "", comment_question, "text", "no", ""])
    return buffer.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ is not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


CSP = (
    '<meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
)
"""The pages load nothing: no script, no font, no image from anywhere."""

_HTML_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .35rem; vertical-align: top; }
th.scale { font-size: .75rem; font-weight: normal; width: 4.2rem; }
td.box { text-align: center; font-size: 1.2rem; }
td.code { font-size: .75rem; color: #444; white-space: nowrap; }
.write { border: 1px solid #999; min-height: 6rem; }
.line { border-bottom: 1px solid #999; height: 1.8rem; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
"""


def render_html(form: Questionnaire, options: RenderOptions | None = None) -> str:
    """A printable paper form: one table per principle, a box per point of the scale."""
    e = html.escape
    head = "".join(f'<th class="scale">{e(p.label)}</th>' for p in form.scale)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        CSP,
        f"<title>{e(form.title)}</title><style>{_HTML_STYLE}</style></head><body>",
        f"<h1>{e(form.title)}</h1>",
        f"<p>{e(form.introduction)}</p>",
        "<p>Tick one box for each statement.</p>",
    ]
    for section in form.sections:
        rows = "".join(
            f'<tr><td class="code">{e(s.code)}</td><td>{e(s.text)}</td>'
            + '<td class="box">☐</td>' * len(form.scale)
            + "</tr>"
            for s in section.statements
        )
        parts.append(
            f"<section><h2>{e(section.title)}</h2><table><thead><tr><th></th>"
            f"<th>Statement</th>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
        )
    org = form.organisation
    parts.append(f"<section><h2>{e(heading(org.code, org.text))}</h2>")
    if form.organisations:
        parts.append("<ul>" + "".join(f"<li>☐ {e(n)}</li>" for n in form.organisations) + "</ul>")
    else:
        parts.append('<div class="line"></div>')
    parts.append("</section>")
    comment = form.comment
    parts.append(
        f'<section><h2>{e(heading(comment.code, comment.text))}</h2><div class="write"></div>'
        "</section></body></html>"
    )
    return "\n".join(parts) + "\n"

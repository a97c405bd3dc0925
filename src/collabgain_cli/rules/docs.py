"""A rule's manual as `collabgain explain` prints it (also used by SARIF and Markdown).

A manual is a title, a standing line and a list of sections, built once per rule or
strength; plain text and Markdown only lay that list out, each in its own way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from . import DOC_SECTIONS, FOR_THE_FILE, STRENGTH_DOC_SECTIONS, Rule, StrengthRule

STRENGTH_STANDING = "a strength: it never changes a status or exit code"


class _Section(NamedTuple):
    heading: str | None
    """None for a paragraph of its own, without a heading."""
    lines: tuple[str, ...]
    items: bool = False
    """Whether the lines are list items (the options) rather than running text."""


def _option_items(rule: Rule) -> list[str]:
    return [
        f"{name} (default {field.default}): {field.description or ''}".rstrip(": ")
        for name, field in rule.options.model_fields.items()
    ]


def options_lines(rule: Rule) -> list[str]:
    return [f"  {item}" for item in _option_items(rule)]


def _doc_section(doc: dict[str, str], heading: str) -> list[_Section]:
    body = doc.get(heading)
    return [_Section(heading, tuple(body.splitlines()))] if body else []


def _needs_sections(needs: tuple[str, ...]) -> list[_Section]:
    if not needs:
        return []
    from ..analysis.requirements import REQUIREMENTS

    hints = "; ".join(REQUIREMENTS[n].hint for n in needs)
    return [_Section(None, (f"Runs only with the data it needs: {hints}.",))]


def _rule_sections(rule: Rule, code: Callable[[str], str]) -> list[_Section]:
    """The manual's sections; `code` marks up the configuration table's name."""
    sections: list[_Section] = []
    for heading in DOC_SECTIONS:
        section = _doc_section(rule.doc, heading)
        sections.extend(section)
        if section and heading == "How to fix":
            sections.extend(_doc_section(rule.doc, FOR_THE_FILE))
            severity = (
                f"severity (default {rule.severity.label}): set in {code(f'[rules.{rule.code}]')}"
            )
            options = _option_items(rule) or ["none"]
            sections.append(_Section("Options", (*options, severity), items=True))
    return sections + _needs_sections(rule.needs)


def _strength_sections(strength: StrengthRule) -> list[_Section]:
    sections = [s for heading in STRENGTH_DOC_SECTIONS for s in _doc_section(strength.doc, heading)]
    if strength.contradicted_by:
        contradicted = ", ".join(strength.contradicted_by)
        sections.append(
            _Section(None, (f"Not shown when any of these rules finds something: {contradicted}.",))
        )
    return sections + _needs_sections(strength.needs)


def _as_text(title: str, standing: str, sections: list[_Section]) -> str:
    out = [title, standing, ""]
    for section in sections:
        if section.heading is None:
            out.extend(section.lines)
        else:
            out.append(f"{section.heading}:")
            out.extend(f"  {line}" if line else "" for line in section.lines)
        out.append("")
    return "\n".join(out)


def _as_markdown(title: str, standing: str, sections: list[_Section]) -> str:
    out = [f"**{title}**", "", standing, ""]
    for section in sections:
        if section.heading is not None:
            out.extend([f"## {section.heading}:", ""])
        out.extend(f"- {line}" if section.items else line for line in section.lines)
        out.append("")
    return "\n".join(out)


def explain_text(rule: Rule) -> str:
    return _as_text(
        f"{rule.code} {rule.name}",
        f"principle: {rule.principle} · default severity: {rule.severity.label}",
        _rule_sections(rule, code=str),
    )


def explain_strength_text(strength: StrengthRule) -> str:
    """A strength's manual: what it finds, why it matters, an example, what contradicts it."""
    return _as_text(
        f"{strength.code} {strength.name}",
        f"principle: {strength.principle} · {STRENGTH_STANDING}",
        _strength_sections(strength),
    )


def explain_markdown(rule: Rule) -> str:
    """A rule's manual as Markdown, for `collabgain explain` to render at the terminal's width."""
    return _as_markdown(
        f"{rule.code} {rule.name}",
        f"*{rule.principle}* · default severity **{rule.severity.label}**",
        _rule_sections(rule, code=lambda name: f"`{name}`"),
    )


def explain_strength_markdown(strength: StrengthRule) -> str:
    """A strength's manual as Markdown."""
    return _as_markdown(
        f"{strength.code} {strength.name}",
        f"*{strength.principle}* · {STRENGTH_STANDING}",
        _strength_sections(strength),
    )

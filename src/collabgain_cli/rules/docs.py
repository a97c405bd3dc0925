"""A rule's manual as `collabgain explain` prints it (also used by SARIF and Markdown)."""

from __future__ import annotations

from . import DOC_SECTIONS, FOR_THE_FILE, STRENGTH_DOC_SECTIONS, Rule, StrengthRule


def options_lines(rule: Rule) -> list[str]:
    lines = []
    for name, field in rule.options.model_fields.items():
        description = field.description or ""
        lines.append(f"  {name} (default {field.default}): {description}".rstrip(": "))
    return lines


def explain_text(rule: Rule) -> str:
    out = [
        f"{rule.code} {rule.name}",
        f"principle: {rule.principle} · default severity: {rule.severity.label}",
        "",
    ]
    for section in DOC_SECTIONS:
        body = rule.doc.get(section)
        if not body:
            continue
        out.append(f"{section}:")
        out.extend(f"  {line}" if line else "" for line in body.splitlines())
        out.append("")
        if section == "How to fix":
            extra = rule.doc.get(FOR_THE_FILE)
            if extra:
                out.append(f"{FOR_THE_FILE}:")
                out.extend(f"  {line}" if line else "" for line in extra.splitlines())
                out.append("")
            out.append("Options:")
            out.extend(options_lines(rule) or ["  none"])
            out.append(f"  severity (default {rule.severity.label}): set in [rules.{rule.code}]")
            out.append("")
    out.extend(_needs_lines(rule.needs))
    return "\n".join(out)


def _needs_lines(needs: tuple[str, ...]) -> list[str]:
    if not needs:
        return []
    from ..analysis.requirements import REQUIREMENTS

    hints = "; ".join(REQUIREMENTS[n].hint for n in needs)
    return [f"Runs only with the data it needs: {hints}.", ""]


def explain_strength_text(strength: StrengthRule) -> str:
    """A strength's manual: what it finds, why it matters, an example, what contradicts it."""
    out = [
        f"{strength.code} {strength.name}",
        f"principle: {strength.principle} · a strength: it never changes a status or exit code",
        "",
    ]
    for section in STRENGTH_DOC_SECTIONS:
        body = strength.doc.get(section)
        if not body:
            continue
        out.append(f"{section}:")
        out.extend(f"  {line}" if line else "" for line in body.splitlines())
        out.append("")
    if strength.contradicted_by:
        out.append(
            "Not shown when any of these rules finds something: "
            + ", ".join(strength.contradicted_by)
            + "."
        )
        out.append("")
    out.extend(_needs_lines(strength.needs))
    return "\n".join(out)


def explain_markdown(rule: Rule) -> str:
    """A rule's manual as Markdown, for `collabgain explain` to render at the terminal's width."""
    out = [
        f"**{rule.code} {rule.name}**",
        "",
        f"*{rule.principle}* · default severity **{rule.severity.label}**",
        "",
    ]
    for section in DOC_SECTIONS:
        body = rule.doc.get(section)
        if not body:
            continue
        out.extend([f"## {section}:", "", body, ""])
        if section == "How to fix":
            extra = rule.doc.get(FOR_THE_FILE)
            if extra:
                out.extend([f"## {FOR_THE_FILE}:", "", extra, ""])
            out.extend(["## Options:", ""])
            out.extend(f"- {line.strip()}" for line in options_lines(rule))
            if not rule.options.model_fields:
                out.append("- none")
            out.extend(
                [f"- severity (default {rule.severity.label}): set in `[rules.{rule.code}]`", ""]
            )
    needs = _needs_lines(rule.needs)
    out.extend(needs)
    return "\n".join(out)


def explain_strength_markdown(strength: StrengthRule) -> str:
    """A strength's manual as Markdown."""
    out = [
        f"**{strength.code} {strength.name}**",
        "",
        f"*{strength.principle}* · a strength: it never changes a status or exit code",
        "",
    ]
    for section in STRENGTH_DOC_SECTIONS:
        body = strength.doc.get(section)
        if body:
            out.extend([f"## {section}:", "", body, ""])
    if strength.contradicted_by:
        out.extend(
            [
                "Not shown when any of these rules finds something: "
                + ", ".join(strength.contradicted_by)
                + ".",
                "",
            ]
        )
    out.extend(_needs_lines(strength.needs))
    return "\n".join(out)

"""A rule's manual as `collabgain explain` prints it (also used by SARIF and Markdown)."""

from __future__ import annotations

from . import DOC_SECTIONS, Rule


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
            out.append("Options:")
            out.extend(options_lines(rule) or ["  none"])
            out.append(f"  severity (default {rule.severity.label}): set in [rules.{rule.code}]")
            out.append("")
    if rule.needs:
        from ..analysis.requirements import REQUIREMENTS

        needs = "; ".join(REQUIREMENTS[n].hint for n in rule.needs)
        out.append(f"Runs only with the data it needs: {needs}.")
        out.append("")
    return "\n".join(out)

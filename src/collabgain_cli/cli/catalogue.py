"""`schema`, `rules`, `explain` and `principles`: the reference the tool carries."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from .common import (
    fail_usage,
    terminal_width,
    use_color,
)
from .options import (
    ColorMode,
    complete_explain,
)

if TYPE_CHECKING:
    from rich.console import RenderableType


def schema() -> None:
    """Print the JSON Schema of the partnership format (for editors and other tools)."""
    import json

    from ..schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def rules_command(
    principle: Annotated[
        str | None, typer.Option("--principle", "-p", help="Only this principle's rules.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Table of every rule and strength (GP): code, name, principle, severity, options."""
    import json

    from ..rules import PRINCIPLES, all_rules, all_strengths

    if principle is not None and principle not in PRINCIPLES:
        fail_usage(f"--principle: unknown principle {principle!r}; one of: {', '.join(PRINCIPLES)}")
    if output_format not in ("text", "json"):
        fail_usage("--format: use text or json")
    chosen = [r for r in all_rules().values() if principle in (None, r.principle)]
    strengths = [s for s in all_strengths().values() if principle in (None, s.principle)]
    if output_format == "json":
        records = [
            {
                "code": r.code,
                "name": r.name,
                "principle": r.principle,
                "severity": r.severity.label,
                "summary": r.summary,
                "options": {k: f.default for k, f in r.options.model_fields.items()},
            }
            for r in chosen
        ]
        records.extend(
            {
                "code": s.code,
                "name": s.name,
                "principle": s.principle,
                "severity": "strength",
                "summary": s.summary,
                "options": {},
            }
            for s in strengths
        )
        sys.stdout.write(json.dumps(records, indent=2) + "\n")
        return
    from rich.table import Table

    # The principle goes under the name and each option on a line of its own, so that the
    # table fits 80 columns without splitting a name or an option.
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Name and principle", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Options", overflow="fold")
    for r in chosen:
        options = "\n".join(f"{k}={f.default}" for k, f in r.options.model_fields.items())
        table.add_row(r.code, f"{r.name}\n  {r.principle}", r.severity.label, options)
    for s in strengths:
        table.add_row(s.code, f"{s.name}\n  {s.principle}", "strength", "")
    print_rich(table)


def print_rich(renderable: RenderableType) -> None:
    """A Rich renderable at the terminal's width (`terminal_width`), without trailing spaces."""
    from ..report.text import text_of

    color = use_color(ColorMode.auto, sys.stdout)
    sys.stdout.write(text_of([renderable], color=color, width=terminal_width()))


def explain(
    rule: Annotated[
        str,
        typer.Argument(
            help="A code a report prints (CG501, CG002, PG402, GP201) or a rule's name "
            "(member-turnover).",
            metavar="CODE",
            autocompletion=complete_explain,
        ),
    ],
) -> None:
    """The documentation of a code: what it finds, why it matters, how to fix it, options,
    example. Every code a report can print: the rules, the strengths (GP), the validity errors
    CG001-CG007 and the portfolio finding PG402."""
    from rich.markdown import Markdown

    from ..codes import CODES, find_code
    from ..rules import all_rules, all_strengths, find_rule, find_strength
    from ..rules.docs import explain_markdown, explain_strength_markdown

    found = find_rule(rule)
    if found is not None:
        print_rich(Markdown(explain_markdown(found)))
        return
    strength = find_strength(rule)
    if strength is not None:
        print_rich(Markdown(explain_strength_markdown(strength)))
        return
    other = find_code(rule)
    if other is not None:
        sys.stdout.write(other.explain())
        return
    import difflib

    candidates = [*all_rules(), *(r.name for r in all_rules().values())]
    candidates += [*all_strengths(), *(s.name for s in all_strengths().values())]
    candidates += [c.code for c in CODES] + [c.name for c in CODES]
    prefixed = [c for c in candidates if c.startswith(rule.strip().upper()) and rule.strip()]
    close = difflib.get_close_matches(rule, candidates, n=1)
    if prefixed:
        hint = f"; name one of the codes it begins: {', '.join(prefixed)}"
    elif close:
        hint = f"; did you mean {close[0]!r}?"
    else:
        hint = "; `collabgain rules` lists them"
    fail_usage(f"unknown code {rule!r}{hint}")


def principles(
    principle: Annotated[
        str | None, typer.Argument(help="One principle's id, e.g. managing-aims.")
    ] = None,
) -> None:
    """The guiding principles and core skills (from principles.yaml), each with its rules."""
    from ..principles import load_catalogue
    from ..rules import all_rules

    catalogue = load_catalogue()
    groups = catalogue.groups
    if principle is not None:
        found = catalogue.get(principle)
        if found is None:
            ids = ", ".join(g.id for g in groups)
            fail_usage(f"unknown principle {principle!r}; one of: {ids}")
        groups = (found,)
    rules = all_rules().values()
    lines: list[str] = []
    for group in groups:
        lines.append(f"{group.number}. {group.title} ({group.id})")
        lines.append(wrap(group.summary, "   "))
        for skill in group.skills:
            lines.append(wrap(f"{skill.title}: {skill.summary}", "   - ", "     "))
        for level in group.levels:
            lines.append(wrap(f"{level.id}: {level.summary}", "   - ", "     "))
        if group.questions:
            lines.append("   Questions to ask:")
            lines.extend(wrap(q, "   - ", "     ") for q in group.questions)
        own = [r for r in rules if r.principle == group.id]
        if own:
            rules_line = "Rules: " + ", ".join(f"{r.code} {r.name}" for r in own)
            lines.append(wrap(rules_line, "   "))
        lines.append("")
    sys.stdout.write("\n".join(lines))


def wrap(text: str, indent: str, hanging: str | None = None) -> str:
    """Text filled to the terminal's width (`terminal_width`), never splitting a word or a code."""
    import textwrap

    return textwrap.fill(
        " ".join(text.split()),
        width=terminal_width(),
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )

"""Codes a report can print that are not rules of a file: validity errors and portfolio findings.

`collabgain explain` finds a rule first, then one of these; shell completion offers them all.
Each manual has the sections of a rule's (What it finds, Why it matters, How to fix, Example).
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Code:
    """A code that is not a rule, with its manual."""

    code: str
    name: str
    group: str
    severity: str
    finds: str
    matters: str
    fix: str
    example: str

    def explain(self) -> str:
        sections = (
            ("What it finds", self.finds),
            ("Why it matters", self.matters),
            ("How to fix", self.fix),
            ("Example", self.example),
        )
        out = [f"{self.code} {self.name}", f"{self.group} · severity: {self.severity}", ""]
        for title, body in sections:
            out.append(f"{title}:")
            out.extend(f"  {line}" if line else "" for line in body.splitlines())
            out.append("")
        return "\n".join(out)


_INVALID = (
    "An invalid file gets no health check: its errors are all it reports, and it fails the\n"
    "run (exit 1) whatever --fail-on says, since nothing else in it can be trusted."
)

CODES: tuple[Code, ...] = (
    Code(
        "CG001",
        "yaml-syntax",
        "validity (the file cannot be checked)",
        "error",
        "Text that is not YAML, a tag other than YAML's standard ones (nothing is ever\n"
        "constructed from a tag), an alias that names no anchor, or a key that cannot be text.",
        _INVALID,
        "Go to the line and column given. The message says what the parser expected; most\n"
        "often a ':' without a space after it, a tab used for indentation, or text holding\n"
        "': ' or ' #' that needs quotes.",
        "partnership:\n  name: Riverside: the next ten years   # write it in quotes",
    ),
    Code(
        "CG002",
        "schema",
        "validity (the file cannot be checked)",
        "error",
        "A value of the wrong type, a missing or unknown key (with the nearest known key), or\n"
        "a value the format does not allow (a status, role or kind not in its list).",
        _INVALID,
        "Write the key or value the message suggests; `collabgain format SECTION` and the\n"
        "JSON Schema (`collabgain schema`) list what each section takes.",
        "activities:\n  - id: larder\n"
        "    budjet: 5000     # unknown key 'budjet'; did you mean 'budget'?",
    ),
    Code(
        "CG003",
        "unknown-reference",
        "validity (the file cannot be checked)",
        "error",
        "An id that names nothing: an organisation, person, network, aim, body or activity\n"
        "that the file does not define.",
        _INVALID,
        "Correct the spelling (the message gives the nearest id), or add what it refers to.",
        "people:\n  - id: ann\n"
        "    organisation: counsil   # unknown organisation; did you mean 'council'?",
    ),
    Code(
        "CG004",
        "duplicate-id",
        "validity (the file cannot be checked)",
        "error",
        "An id used twice in one section.",
        _INVALID + "\nEvery reference to the id would be ambiguous.",
        "Give each entry its own id, and point each reference at the one it means.",
        "organisations:\n  - id: council\n  - id: council     # used twice (first on line 2)",
    ),
    Code(
        "CG005",
        "date-order",
        "validity (the file cannot be checked)",
        "error",
        "Dates out of order: `left` before `joined`, `end` before `start`, `to` before `from`.",
        _INVALID + "\nEvery time-based rule would measure from impossible dates.",
        "Correct one of the two dates.",
        "people:\n  - id: ann\n    joined: 2025-03-01\n    left: 2024-09-30     # before joined",
    ),
    Code(
        "CG006",
        "duplicate-key",
        "validity (the file cannot be checked)",
        "error",
        "The same key twice in one mapping (the second is reported). YAML parsers differ on\n"
        "which one wins, so collabgain refuses to guess.",
        _INVALID,
        "Keep one of the two keys and merge their values.",
        "partnership:\n  established: 2023-01-16\n  established: 2023-02-01   # first on line 2",
    ),
    Code(
        "CG007",
        "input-limits",
        "validity (the file cannot be checked)",
        "error",
        "A file too large (over 128 MiB), nested too deeply (over 64 levels), with aliases\n"
        "standing for more than 1,000,000 values, not UTF-8, empty, or not one mapping document.",
        _INVALID + "\nThe limits keep a hostile file from exhausting memory or time.",
        "Save the file as UTF-8 with one document whose top level is a mapping; write\n"
        "repeated parts out instead of nesting aliases; split a huge file.",
        "# a 'billion laughs' file: each alias stands for ten of the one before\n"
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
    ),
    Code(
        "PG402",
        "portfolio-network-overload",
        "portfolio (collabgain portfolio; not a rule of one file)",
        "warning",
        "A person current in two or more partnership files of a portfolio who sits at more\n"
        "than max_networks tables (default 4, set with --max-networks): the partnerships of\n"
        "the portfolio they are current in, plus the other networks those entries list,\n"
        "each counted once. People are matched across files by name, normalised.",
        "Each partnership sees only its own slice; someone spread across many tables has\n"
        "little time for each, and only the portfolio can show it. A person current in only\n"
        "one file is left to CG402, since that file shows all there is.",
        "Share the representation among more people, or agree with the person which tables\n"
        "they can leave. --select, --ignore and [rules] do not apply to PG402.",
        "# food.yaml lists 'Cllr Ann Lee' with 1 other network, housing.yaml 'Ann Lee' with 2:\n"
        "# 2 partnerships + 3 networks = 5 tables (> 4)",
    ),
)
"""Every code that is not a rule, in code order."""


def find_code(code: str) -> Code | None:
    """A code by its code (any case) or name."""
    key = code.strip()
    return next((c for c in CODES if key.upper() == c.code or key.lower() == c.name), None)

"""What every part of the HTML report writes the same way: text with code spans, and a status
or a severity as a word, a symbol and a colour (never colour alone)."""

from __future__ import annotations

from ...findings import Severity, Status
from ...principles import load_catalogue
from ...safe_text import html_text as _e
from ..board import SEVERITY_SYMBOL, STATUS_SYMBOL


def inline(text: str) -> str:
    """Plain text with `code` spans (collabgain's own manuals and hints), escaped."""
    parts = text.split("`")
    return "".join(
        f"<code>{_e(part)}</code>" if index % 2 else _e(part) for index, part in enumerate(parts)
    )


def status_badge(status: Status) -> str:
    css = "status-" + status.value.replace(" ", "-")
    word = status.value.capitalize()
    return f'<span class="status {css}">{STATUS_SYMBOL[status]} {word}</span>'


def severity_badge(severity: Severity) -> str:
    return f'<span class="sev {severity.label}">{SEVERITY_SYMBOL[severity]} {severity.label}</span>'


def principle_summaries() -> dict[str, str]:
    """Principle id -> its one-paragraph summary, on one line."""
    return {g.id: " ".join(g.summary.split()) for g in load_catalogue().groups}

"""What `collabgain portfolio` says in words, the same in its text and its Markdown."""

from __future__ import annotations

from ..analysis.dates import plural
from ..portfolio import Portfolio


def summary_line(portfolio: Portfolio) -> str:
    """One line of counts that ends every portfolio report."""
    people = len(portfolio.people)
    findings = len(portfolio.findings)
    return (
        f"{plural(len(portfolio.files), 'file')}, {len(portfolio.invalid_files)} invalid; "
        f"{people} {'person' if people == 1 else 'people'} and "
        f"{plural(len(portfolio.organisations), 'organisation')} in several partnerships; "
        f"{plural(findings, 'portfolio finding')}"
    )

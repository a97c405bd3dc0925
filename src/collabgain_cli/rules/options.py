"""What a rule's options model is built from: one base model and the kinds of option.

A rule's options are a pydantic model deriving from `Options`; each field says its kind
(a share, a window of months, a count) with the helpers here, so the bounds of a kind are
written once.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Options(BaseModel):
    """A rule's options: an unknown key is an error, and a value once read never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    """Built on first use: a run that sets no option never builds a rule's validator."""


class NoOptions(Options):
    """A rule without options."""


def share_option(default: float, description: str) -> Any:
    """An option that is a share, from 0 to 1."""
    return Field(default, ge=0, le=1, description=description)


def window_option(default: int, description: str) -> Any:
    """An option that is a number of months to look over (a window, a horizon): at least 1."""
    return Field(default, ge=1, description=description)


def count_option(default: int, description: str, *, least: int = 0) -> Any:
    """An option that is a whole number (days, months, people), at least `least`."""
    return Field(default, ge=least, description=description)

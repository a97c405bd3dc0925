"""The starter partnership file that `collabgain init` writes, fitted to where it goes."""

from __future__ import annotations

import datetime as dt
import re
import shlex

from .loader import starter_text

_AS_OF = re.compile(r"^(  as_of: )\d{4}-\d{2}-\d{2}", re.MULTILINE)
_CHECK = re.compile(r"^(# Check it with:  collabgain check ).*$", re.MULTILINE)


def check_command(name: str) -> str:
    """The command that checks a file of this name, quoted for a shell if it must be."""
    return f"collabgain check {shlex.quote(name)}"


def starter(as_of: dt.date, name: str) -> str:
    """The starter file, true of `as_of`, that tells the user how to check `name`."""
    text = _AS_OF.sub(lambda m: m.group(1) + as_of.isoformat(), starter_text(), count=1)
    return _CHECK.sub(lambda m: "# Check it with:  " + check_command(name), text, count=1)

"""The stack floor: the Typer floor, plus what any check of a partnership file must do with
collabgain's stack before it runs a rule or writes a line.

    python benchmarks/stack_floor.py check FILE -f json

On top of `typer_floor.py` (the same app, the same parameters), its `check` does three things
and nothing else:

1. imports PyYAML (which compiles its reader's patterns, whichever parser is used);
2. defines the file format's pydantic models (`collabgain_cli.model`, which imports nothing
   else of collabgain) and builds their validator, as the first check of a process does;
3. has PyYAML's C parser read each file into events, the least any reading with line and
   column numbers can do.

No cache is kept between processes (pydantic has no supported one), so every check pays
these. `benchmarks/run.py` measures `check -f json` on the typical file against this floor,
and this floor against the Typer floor: whatever the stack costs is in that second ratio.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

sys.path.insert(0, str(Path(__file__).resolve().parent))

import typer_floor


def read(paths: list[str] | None = None, **_options: Any) -> None:
    """The stack's fixed costs and the file's events; no rule, no report."""
    import yaml

    from collabgain_cli.model import Partnership

    Partnership.model_rebuild()  # the validator, built on first use as in a check
    for path in paths or ():
        with open(path, "rb") as handle:
            for _event in yaml.parse(handle, Loader=yaml.CSafeLoader):
                pass


def main() -> None:
    command = typer.main.get_command(typer_floor.app)
    command.commands["check"].callback = read  # type: ignore[attr-defined]
    command(prog_name="collabgain")


if __name__ == "__main__":
    main()

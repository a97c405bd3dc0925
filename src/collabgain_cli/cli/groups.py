"""Options that travel together, declared once.

Typer has no option groups: every command states each of its options in its own signature, so
`--select`, `--ignore`, `--config` and the two pseudonym options were written out again in six
commands. Here each group is a frozen dataclass whose fields are Typer options with their
defaults. A command takes the group as one parameter (`selection: Selection`) and is decorated
with `@grouped`, which puts the group's options in the command's signature where the parameter
stands (so `--help` lists them there) and hands the command the group, built from what was
given.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import os
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .common import fail_usage, make_resolver, transformed
from .options import (
    ConfigOpt,
    ExcludeOpt,
    ExtendExcludeOpt,
    ForceExcludeOpt,
    IgnoreOpt,
    PseudonymiseOpt,
    PseudonymKeyFileOpt,
    SelectOpt,
    ShowFilesOpt,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..config import Resolver
    from ..engine import Settings
    from ..pseudonyms import Pseudonymiser
    from .options import FailOn


class OptionGroup:
    """A dataclass of options a command takes as one parameter (see `grouped`)."""


@dataclasses.dataclass(frozen=True)
class Selection(OptionGroup):
    """Which rules run, and the configuration file they run under."""

    select: SelectOpt = None
    ignore: IgnoreOpt = None
    config_file: ConfigOpt = None

    def resolver(
        self,
        *,
        fail_on: FailOn | None = None,
        output_format: str | None = None,
        files: FileSearch | None = None,
    ) -> Resolver:
        """The configuration of each file (found from it, or named) with these options over it."""
        return make_resolver(
            self.config_file,
            self.select,
            self.ignore,
            fail_on=fail_on,
            output_format=output_format,
            exclude=files.exclude if files else None,
            extend_exclude=files.extend_exclude if files else None,
        )

    def settings(self, as_of: dt.date | None) -> Settings:
        """The rules and their options, as `check` runs them on a file with no configuration
        of its own."""
        from ..config import settings_for

        settings: Settings = settings_for(self.resolver().run, as_of)
        return settings


@dataclasses.dataclass(frozen=True)
class Pseudonyms(OptionGroup):
    """--pseudonymise and its key."""

    pseudonymise: PseudonymiseOpt = False
    pseudonym_key_file: PseudonymKeyFileOpt = None

    def transform(self) -> Pseudonymiser | None:
        """The transform --pseudonymise asks for (None without it); no key is a usage error."""
        if not self.pseudonymise:
            if self.pseudonym_key_file is not None:
                fail_usage("--pseudonym-key-file is used only with --pseudonymise")
            return None
        from ..pseudonyms import KEY_VARIABLE, KeyProblem, Pseudonymiser, pseudonym_key

        try:
            key = pseudonym_key(os.environ.get(KEY_VARIABLE), self.pseudonym_key_file)
        except KeyProblem as exc:
            fail_usage(str(exc))
        return Pseudonymiser(key)

    def applied(self, settings: Settings) -> Settings:
        """`settings` that pseudonymise every partnership when --pseudonymise is given."""
        return transformed(settings, self.transform())


@dataclasses.dataclass(frozen=True)
class FileSearch(OptionGroup):
    """Which of the files below the folders given are searched."""

    exclude: ExcludeOpt = None
    extend_exclude: ExtendExcludeOpt = None
    force_exclude: ForceExcludeOpt = False
    show_files: ShowFilesOpt = False


def grouped(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with each `OptionGroup` parameter spread into the group's options for Typer,
    and gathered back into the group when it is called."""
    signature = inspect.signature(command, eval_str=True)
    spread: list[inspect.Parameter] = []
    groups: dict[str, tuple[Any, tuple[str, ...]]] = {}
    for parameter in signature.parameters.values():
        cls = parameter.annotation
        is_group = isinstance(cls, type) and issubclass(cls, OptionGroup)
        if not (is_group and dataclasses.is_dataclass(cls)):
            spread.append(parameter)
            continue
        hints = typing.get_type_hints(cls, include_extras=True)
        fields = dataclasses.fields(cls)
        groups[parameter.name] = (cls, tuple(f.name for f in fields))
        spread += [
            inspect.Parameter(f.name, parameter.kind, annotation=hints[f.name], default=f.default)
            for f in fields
        ]

    @functools.wraps(command)
    def with_groups(**given: Any) -> None:
        for name, (cls, fields) in groups.items():
            given[name] = cls(**{field: given.pop(field) for field in fields})
        command(**given)

    with_groups.__signature__ = signature.replace(parameters=spread)  # type: ignore[attr-defined]
    with_groups.__annotations__ = {p.name: p.annotation for p in spread}
    return with_groups

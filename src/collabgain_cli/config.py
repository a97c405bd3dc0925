"""collabgain.toml / [tool.collabgain] + command line -> one resolved configuration.

The file is `--config FILE`, else the nearest `collabgain.toml`, or `pyproject.toml` with a
`[tool.collabgain]` table, searched upward from the folder of the file being checked (from the
current folder for the run as a whole: its output `format`, and for standard input), so one run
over several folders may use several files, as ruff does. Keys: `select`, `ignore`, `fail-on`,
`format`, `exclude`, `extend-exclude`, and `[rules.CODE]` tables (a code or a rule name) holding
the rule's options and `severity`. The command line wins over the file. Anything unknown is
a `ConfigError`, which the CLI turns into exit code 2.

The rule registry is imported only where rules are named or run: `validate` reads the
configuration for its exclusions alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .discovery import DEFAULT_EXCLUDE, Exclusion
from .findings import Severity

if TYPE_CHECKING:
    from .engine import Settings

FAIL_ON = ("error", "warning", "info", "never")
KEYS = (
    "select",
    "ignore",
    "fail-on",
    "format",
    "red-rules",
    "exclude",
    "extend-exclude",
    "rules",
    "gains",
)
"""`gains` is read by `collabgain gains` alone (`gains.matcher_for`): its synonyms and score."""
RED_RULES_RANGE = (1, 20)
"""`red-rules`: how many different rules of a principle with warnings make it red."""


class ConfigError(Exception):
    """A configuration that cannot be used; the message names what is wrong."""


@dataclasses.dataclass(frozen=True)
class Config:
    """The resolved configuration of one run."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    format: str = "text"
    rules: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    source: str | None = None
    red_rules: int = 3
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    cli_extend_exclude: tuple[str, ...] = ()
    exclude_source: str = "default"
    """Where `exclude` came from: 'default', '--exclude' or the configuration file."""
    root: Path = dataclasses.field(default_factory=Path.cwd)
    """The folder a pattern with '/' in `exclude` is relative to: the file's folder, or cwd."""

    @property
    def fail_severity(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "fail-on": self.fail_on,
            "format": self.format,
            "red-rules": self.red_rules,
            "rules": {code: dict(values) for code, values in sorted(self.rules.items())},
            "exclude": list(self.exclude),
            "extend-exclude": list(self.extend_exclude),
        }

    def exclusions(self) -> tuple[Exclusion, ...]:
        """The globs that exclude paths, each with the folder it is relative to."""
        where = self.source or "configuration"
        root = Path.cwd() if self.exclude_source == "--exclude" else self.root
        found = [Exclusion(self.exclude, root, self.exclude_source)]
        file_extend = self.extend_exclude[: len(self.extend_exclude) - len(self.cli_extend_exclude)]
        if file_extend:
            found.append(Exclusion(file_extend, self.root, f"'extend-exclude' in {where}"))
        if self.cli_extend_exclude:
            found.append(Exclusion(self.cli_extend_exclude, Path.cwd(), "--extend-exclude"))
        return tuple(found)


def find_config_file(start: Path) -> Path | None:
    """The nearest collabgain.toml, or pyproject.toml with [tool.collabgain], upward."""
    for folder in (start, *start.parents):
        candidate = folder / "collabgain.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "collabgain" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


MAX_MONTHS = 1200
"""The longest window or period a `*_months` option may set: 100 years."""

MAX_CONFIG_BYTES = 1024 * 1024
"""A configuration is a few hundred bytes; a larger file is refused before it is parsed."""


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a configuration file to read

    from .files import TooLarge, read_limited

    try:
        data = read_limited(path, MAX_CONFIG_BYTES)
        return tomllib.loads(data.decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror}") from None
    except TooLarge:
        limit = MAX_CONFIG_BYTES // (1024 * 1024)
        raise ConfigError(f"{path}: larger than {limit} MiB, so not a configuration") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
    except RecursionError:
        raise ConfigError(
            f"{path}: nested too deeply to read; a configuration needs two levels of tables"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def read_config_file(path: Path) -> dict[str, Any]:
    """The collabgain table of a configuration file."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("collabgain")
        if table is None:
            raise ConfigError(f"{path}: has no [tool.collabgain] table")
        return dict(table)
    return data


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _selectors(where: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of rule codes, names or prefixes")
    selectors = _split(value)
    for selector in selectors:
        from .rules import is_known_selector

        if not is_known_selector(selector):
            raise ConfigError(f"{where}: '{key}' names unknown rule {selector!r}{_hint(selector)}")
    return selectors


def _hint(selector: str) -> str:
    from .rules import all_rules

    candidates = [*all_rules(), *(r.name for r in all_rules().values())]
    close = difflib.get_close_matches(selector, candidates, n=1)
    return f"; did you mean {close[0]!r}?" if close else "; `collabgain rules` lists them"


def resolve(
    *,
    config_path: Path | None,
    cwd: Path,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
    output_format: str | None = None,
    formats: Iterable[str] = (),
    exclude: Iterable[str] | None = None,
    extend_exclude: Iterable[str] = (),
) -> Config:
    """Read the configuration file (if any) and lay the command line over it.

    `cwd` is where the search for a file starts: the folder of the file to be checked, or the
    current folder. `exclude` None means the command line did not give `--exclude`.
    """
    path = config_path if config_path is not None else find_config_file(cwd)
    table: dict[str, Any] = {}
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: no such configuration file")
        table = read_config_file(path)
    where = str(path) if path else "configuration"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; allowed keys: {', '.join(KEYS)}")
    file_fail_on = table.get("fail-on", "error")
    if file_fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: 'fail-on' must be one of {', '.join(FAIL_ON)}")
    file_format = table.get("format", "text")
    allowed_formats = tuple(formats)
    if allowed_formats and file_format not in allowed_formats:
        raise ConfigError(f"{where}: 'format' must be one of {', '.join(allowed_formats)}")
    red_rules = table.get("red-rules", 3)
    low, high = RED_RULES_RANGE
    if (
        isinstance(red_rules, bool)
        or not isinstance(red_rules, int)
        or not low <= red_rules <= high
    ):
        raise ConfigError(
            f"{where}: 'red-rules' must be a whole number from {low} to {high} "
            f"(different rules with warnings that make a principle red), not {red_rules!r}"
        )
    cli_select = _selectors("--select", "select", list(select)) if select else ()
    cli_ignore = _selectors("--ignore", "ignore", list(ignore)) if ignore else ()
    file_exclude = _globs(where, "exclude", table.get("exclude"))
    cli_extend = _split(extend_exclude)
    if exclude is not None:
        globs, globs_source = _split(exclude), "--exclude"
    elif file_exclude is not None:
        globs, globs_source = file_exclude, f"'exclude' in {where}"
    else:
        globs, globs_source = DEFAULT_EXCLUDE, "the default exclusions"
    return Config(
        exclude=globs,
        extend_exclude=(
            *(_globs(where, "extend-exclude", table.get("extend-exclude")) or ()),
            *cli_extend,
        ),
        cli_extend_exclude=cli_extend,
        exclude_source=globs_source,
        root=path.parent.absolute() if path else cwd.absolute(),
        select=cli_select or _selectors(where, "select", table.get("select", [])),
        ignore=(*_selectors(where, "ignore", table.get("ignore", [])), *cli_ignore),
        fail_on=fail_on or file_fail_on,
        format=output_format or file_format,
        rules=_rule_tables(where, table.get("rules", {})),
        source=str(path) if path else None,
        red_rules=red_rules,
    )


def _globs(where: str, key: str, value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f'{where}: \'{key}\' must be a list of globs, e.g. ["archive", "*.draft.yaml"]'
        )
    return tuple(value)


class Resolver:
    """The configuration for each file of a run, from the nearest configuration file to it.

    With `--config` every file gets that one. Files in folders that share a configuration
    file share one resolved `Config` (resolved once).
    """

    def __init__(self, config_path: Path | None, cwd: Path, **command_line: Any) -> None:
        self._config_path = config_path
        self._cwd = cwd
        self._command_line = command_line
        self._by_source: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Config] = {}

    @property
    def run(self) -> Config:
        """The configuration of the run as a whole (from the current folder, or --config)."""
        return self.for_folder(self._cwd)

    def for_folder(self, folder: Path) -> Config:
        folder = folder.absolute()
        if folder not in self._by_folder:
            source = self._config_path if self._config_path else _shown(find_config_file(folder))
            if source not in self._by_source:
                self._by_source[source] = resolve(
                    config_path=source, cwd=folder, **self._command_line
                )
            self._by_folder[folder] = self._by_source[source]
        return self._by_folder[folder]

    def for_file(self, path: str) -> Config:
        """The configuration for a file ('-' for standard input: the current folder's)."""
        if path == "-":
            return self.run
        return self.for_folder(Path(path).absolute().parent)


def _shown(path: Path | None) -> Path | None:
    """A configuration file's path relative to the current folder when it is below it."""
    if path is None or not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _rule_tables(where: str, tables: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(tables, dict):
        raise ConfigError(f"{where}: 'rules' must be a table of [rules.CODE] tables")
    out: dict[str, dict[str, Any]] = {}
    for key, values in tables.items():
        from .rules import find_rule

        found = find_rule(key)
        if found is None:
            raise ConfigError(f"{where}: [rules.{key}] names an unknown rule{_hint(key)}")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: [rules.{key}] must be a table")
        values = dict(values)
        severity = values.get("severity")
        if severity is not None and severity not in ("error", "warning", "info"):
            raise ConfigError(
                f"{where}: [rules.{key}] severity must be error, warning or info, not {severity!r}"
            )
        options = {k: v for k, v in values.items() if k != "severity"}
        allowed = list(found.options.model_fields)
        for option in options:
            if option not in allowed:
                listed = ", ".join(allowed) if allowed else "none"
                raise ConfigError(
                    f"{where}: [rules.{key}] unknown option {option!r}; "
                    f"{found.code} takes: severity, {listed}".replace(", none", " only")
                )
        try:
            found.options.model_validate(options, strict=True)
        except ValidationError as exc:
            first = exc.errors(include_input=False)[0]
            option = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"{where}: [rules.{key}] {option}: {first['msg']}") from None
        for option, value in options.items():
            if option.endswith("_months") and not 1 <= value <= MAX_MONTHS:
                raise ConfigError(
                    f"{where}: [rules.{key}] {option} must be between 1 and {MAX_MONTHS} "
                    f"(100 years), not {value}"
                )
        out[found.code] = values
    return out


def settings_for(config: Config, as_of: dt.date | None = None) -> Settings:
    """The engine settings: the selected rules with their severities and options (validated
    here only where the configuration sets some; `resolve` has checked them already)."""
    from .engine import RuleSettings, Settings
    from .rules import all_rules, matches

    chosen = []
    for rule_ in all_rules().values():
        if config.select and not any(matches(rule_, s) for s in config.select):
            continue
        if any(matches(rule_, s) for s in config.ignore):
            continue
        values = dict(config.rules.get(rule_.code, {}))
        severity = values.pop("severity", None)
        chosen.append(
            RuleSettings(
                rule_,
                Severity.parse(severity) if severity else rule_.severity,
                rule_.options.model_validate(values, strict=True) if values else rule_.defaults(),
            )
        )
    return Settings(tuple(chosen), as_of, red_rules=config.red_rules)

"""Many partnership files seen together: an inventory, who and what they share, and PG402.

Each file is loaded once and checked by the engine as `check` would; the worker keeps only the
report and the few names the portfolio needs (people, organisations, networks), so results are
small and cross process boundaries cheaply. Files are matched by normalised name:

- every name: accents dropped, case folded, `&` read as `and`, apostrophes and full stops
  removed (`O'Neill` is `oneill`), other punctuation read as a space, whitespace collapsed;
- organisations, partnerships and networks: a leading `the` and trailing `ltd`, `limited`,
  `cic`, `cio`, `plc`, `llp` or `inc` dropped (`The Quayside Developments Ltd.` is
  `quayside developments`);
- people: leading titles dropped (`Dr`, `Cllr`, `Revd`, `Mr`, `Ms` ...), so `Dr Helen Marsh`
  is `helen marsh`. Two different people with the same name are taken for one; each
  appearance shows its organisation so a reader can tell.

The tables a person sits at are the partnerships in the portfolio where they are current on
that file's as-of date, plus the other networks those entries list, counted once each by
normalised name (a network that is also a partnership of the portfolio counts once).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from .analysis.facts import Facts
from .analysis.keys import organisation_key, person_key
from .engine import Settings
from .findings import FileReport, Severity, unwaived_counts
from .gcpause import paused
from .loader import format_path, load_path
from .pipeline import check
from .records import pickled_by_fields
from .runner import map_files

if TYPE_CHECKING:
    from .portfolio_gains import GainsFile

OVERLOAD_CODE = "PG402"
OVERLOAD_NAME = "portfolio-network-overload"
OVERLOAD_SEVERITY = Severity.WARNING
DEFAULT_MAX_NETWORKS = 4
"""The same limit as CG402's `max_networks`."""


@pickled_by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class PersonEntry:
    """One person as one file records them."""

    path: str
    partnership: str
    id: str
    name: str
    organisation: str | None
    """The name of the organisation they represent, if any."""
    current: bool
    networks: tuple[str, ...]
    """Names of the other networks they list."""
    pointer: str
    line: int
    column: int


@pickled_by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class OrganisationEntry:
    """One organisation as one file records it."""

    path: str
    partnership: str
    id: str
    name: str
    active: bool
    pointer: str
    line: int
    column: int


EntryT = TypeVar("EntryT", "PersonEntry", "OrganisationEntry")


@pickled_by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class FileResult:
    """What the portfolio keeps of one file: its report and the names it shares."""

    report: FileReport
    people: tuple[PersonEntry, ...] = ()
    organisations: tuple[OrganisationEntry, ...] = ()
    gains: GainsFile | None = None
    """Its members' offers and needs, when `--gains` asks for them (from the same load)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Counts:
    """Unwaived findings of one file by severity, and waived ones (errors if invalid)."""

    error: int
    warning: int
    info: int
    waived: int


@dataclasses.dataclass(frozen=True, slots=True)
class _Shared(Generic[EntryT]):
    """Someone found in several partnership files: the key they were matched by, their first
    spelling and every entry."""

    key: str
    name: str
    entries: tuple[EntryT, ...]

    @property
    def partnerships(self) -> int:
        return len({e.path for e in self.entries})


@dataclasses.dataclass(frozen=True, slots=True)
class SharedPerson(_Shared[PersonEntry]):
    """A person found in several partnership files."""

    tables: tuple[str, ...]
    """The distinct partnerships and networks they currently sit at, by first spelling."""


@dataclasses.dataclass(frozen=True, slots=True)
class SharedOrganisation(_Shared[OrganisationEntry]):
    """An organisation found in several partnership files."""


@dataclasses.dataclass(frozen=True, slots=True)
class PortfolioFinding:
    """A finding about the portfolio as a whole, with every place it draws on."""

    code: str
    name: str
    severity: Severity
    subject: str
    message: str
    places: tuple[PersonEntry, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Portfolio:
    """The result of one portfolio run, in a stable order."""

    files: tuple[FileReport, ...]
    people: tuple[SharedPerson, ...]
    organisations: tuple[SharedOrganisation, ...]
    findings: tuple[PortfolioFinding, ...]
    max_networks: int = DEFAULT_MAX_NETWORKS
    fail_on: Severity | None = Severity.ERROR
    tool_version: str = ""

    @property
    def valid_files(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.valid)

    @property
    def invalid_files(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if not f.valid)

    def fails(self, finding: PortfolioFinding) -> bool:
        return self.fail_on is not None and finding.severity >= self.fail_on

    @property
    def failed(self) -> bool:
        """An invalid file or a failing portfolio finding (never with fail_on None)."""
        if self.fail_on is None:
            return False
        return bool(self.invalid_files) or any(self.fails(f) for f in self.findings)


def counts(file_report: FileReport) -> Counts:
    """A file's findings counted as the inventory shows them."""
    found = unwaived_counts(file_report.all_findings)
    return Counts(
        error=found[Severity.ERROR],
        warning=found[Severity.WARNING],
        info=found[Severity.INFO],
        waived=sum(1 for f in file_report.all_findings if f.waived),
    )


def inspect_file(path: str, settings: Settings, gains: bool = False) -> FileResult:
    """Load one file once, check it, and keep its report and shared names (and, with
    `gains`, its offers and needs, as the file records them)."""
    loaded = load_path(path)
    checked = check(loaded, settings)
    report, partnership, source = checked.report, checked.partnership, checked.source
    if partnership is None or source is None or checked.as_of is None:
        return FileResult(report)
    sides = None
    if gains:
        from .portfolio_gains import read_sides

        sides = read_sides(loaded, settings.as_of)
    facts = Facts(partnership, checked.as_of)
    name = partnership.partnership.name
    network_names = {n.id: n.name for n in partnership.networks}
    people = []
    for index, person in enumerate(partnership.people):
        pointer = ("people", index)
        line, column = source.locate(pointer)
        org = facts.orgs.get(person.organisation) if person.organisation else None
        people.append(
            PersonEntry(
                path=report.path,
                partnership=name,
                id=person.id,
                name=person.name,
                organisation=org.name if org else None,
                current=facts.is_current(person),
                networks=tuple(dict.fromkeys(network_names[n] for n in person.networks)),
                pointer=format_path(pointer),
                line=line,
                column=column,
            )
        )
    organisations = []
    for index, org in enumerate(partnership.organisations):
        pointer = ("organisations", index)
        line, column = source.locate(pointer)
        organisations.append(
            OrganisationEntry(
                path=report.path,
                partnership=name,
                id=org.id,
                name=org.name,
                active=facts.is_active(org),
                pointer=format_path(pointer),
                line=line,
                column=column,
            )
        )
    return FileResult(report, tuple(people), tuple(organisations), sides)


def inspect_files(
    files: Sequence[str], settings: Settings, *, jobs: int | None = None, gains: bool = False
) -> list[FileResult]:
    """Every file's result, in the order given; in worker processes when there are many.

    The results are many small records and none is in a cycle: the collector waits while
    they arrive, instead of scanning them all again each time a generation fills."""
    with paused():
        return list(map_files(files, inspect_file, settings, gains, jobs=jobs))


def _tables(entries: Iterable[PersonEntry]) -> tuple[str, ...]:
    """Distinct partnerships and networks of the current entries, by first spelling."""
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.current:
            for table in (entry.partnership, *entry.networks):
                seen.setdefault(organisation_key(table), table)
    return tuple(seen.values())


def _shared_people(results: Sequence[FileResult]) -> list[SharedPerson]:
    grouped: dict[str, list[PersonEntry]] = {}
    for result in results:
        for entry in result.people:
            grouped.setdefault(person_key(entry.name), []).append(entry)
    shared = [
        SharedPerson(key, entries[0].name, tuple(entries), _tables(entries))
        for key, entries in grouped.items()
        if len({e.path for e in entries}) > 1
    ]
    return sorted(shared, key=lambda p: (-p.partnerships, -len(p.tables), p.key))


def _shared_organisations(results: Sequence[FileResult]) -> list[SharedOrganisation]:
    grouped: dict[str, list[OrganisationEntry]] = {}
    for result in results:
        for entry in result.organisations:
            grouped.setdefault(organisation_key(entry.name), []).append(entry)
    shared = [
        SharedOrganisation(key, entries[0].name, tuple(entries))
        for key, entries in grouped.items()
        if len({e.path for e in entries}) > 1
    ]
    return sorted(shared, key=lambda o: (-o.partnerships, o.key))


def _network_overload(people: Iterable[SharedPerson], max_networks: int) -> list[PortfolioFinding]:
    """PG402: a person current in two or more files, at more than `max_networks` tables.

    A person current in one file only is CG402's to judge: that file shows everything.
    """
    findings = []
    for person in people:
        current = tuple(e for e in person.entries if e.current)
        files = len({e.path for e in current})
        if files < 2 or len(person.tables) <= max_networks:
            continue
        findings.append(
            PortfolioFinding(
                code=OVERLOAD_CODE,
                name=OVERLOAD_NAME,
                severity=OVERLOAD_SEVERITY,
                subject=person.key,
                message=(
                    f"'{person.name}' sits at {len(person.tables)} tables across {files} "
                    f"partnership files (> {max_networks}): {'; '.join(person.tables)}"
                ),
                places=current,
            )
        )
    return findings


def build(
    results: Sequence[FileResult],
    *,
    max_networks: int = DEFAULT_MAX_NETWORKS,
    fail_on: Severity | None = Severity.ERROR,
    tool_version: str = "",
) -> Portfolio:
    """The portfolio of these files' results."""
    people = _shared_people(results)
    return Portfolio(
        files=tuple(r.report for r in results),
        people=tuple(people),
        organisations=tuple(_shared_organisations(results)),
        findings=tuple(_network_overload(people, max_networks)),
        max_networks=max_networks,
        fail_on=fail_on,
        tool_version=tool_version,
    )

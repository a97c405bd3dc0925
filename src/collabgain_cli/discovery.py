"""Which files a run checks: the partnership files among the paths given.

A file named on the command line is always checked (with `force_exclude`, the tests below apply
to it too, for pre-commit, which names every staged YAML file). In a folder, every
`*.yaml`/`*.yml` file below it is checked when its top level has a `partnership` key; the others
are skipped with a reason:

- hidden files and folders (a name starting with `.`);
- inside a git work tree, what `.gitignore` (and `.git/info/exclude`, and the global excludes
  file) ignores, asked of one `git check-ignore --stdin` process per work tree as the folders are
  walked, so an ignored folder is never entered (unless it is the folder named on the command
  line: then what is below it is searched regardless of git);
- `exclude` and `extend-exclude` globs, as ruff has them: a pattern without `/` matches a file or
  folder's name anywhere (`node_modules`, `*.draft.yaml`); a pattern with `/` matches the path
  relative to the folder of the configuration that gives it (or the current folder, for the
  command line), `**` for any folders (`archive/**/*.yaml`). An excluded folder is not entered;
- YAML files whose top level has no `partnership` key (a workflow, `.pre-commit-config.yaml`,
  `docker-compose.yml`).

Whether the top level has a `partnership` key is decided without parsing the file where that is
safe: only its unindented lines matter, and in a file whose unindented lines are all comments and
plain `key: value` lines, a `partnership:` line is that key. Anything less plain (a flow mapping,
quoted or complex keys, a second document, a quoted value running onto the next line) is settled
by the YAML parser's event stream, reading only the first document's top-level keys. A merge key
(`<<`) at the top level counts as a `partnership` key, since what it merges may hold one; the
loader then decides.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fnmatch
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import yaml

STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")

DEFAULT_EXCLUDE = ("node_modules", "venv", "site-packages", "__pypackages__")
"""Folders never searched unless `exclude` is set (hidden ones, like `.venv`, are skipped too)."""


class PathError(Exception):
    """A path given on the command line that does not exist."""


@dataclasses.dataclass(frozen=True)
class Exclusion:
    """Glob patterns that exclude paths, and the folder a pattern with `/` is relative to."""

    patterns: tuple[str, ...]
    base: Path
    source: str
    """Where the patterns come from, for the reason a path was skipped ('--exclude', a file)."""


@dataclasses.dataclass(frozen=True)
class Choice:
    """A path and why it is checked or skipped."""

    path: str
    reason: str
    folder: bool = False
    not_partnership: bool = False
    """A YAML file skipped because it is not a partnership file (counted in the run's note)."""


@dataclasses.dataclass(frozen=True)
class Discovery:
    """The files to check, in order, and what was skipped."""

    files: tuple[str, ...]
    checked: tuple[Choice, ...]
    skipped: tuple[Choice, ...]

    @property
    def not_partnership(self) -> tuple[Choice, ...]:
        return tuple(c for c in self.skipped if c.not_partnership)


ExclusionsFor = Callable[[Path], Sequence[Exclusion]]
"""The exclusions that apply in a folder (from the configuration nearest to it)."""


def discover(
    paths: Iterable[str],
    exclusions_for: ExclusionsFor,
    *,
    force_exclude: bool = False,
    git: bool = True,
) -> Discovery:
    """The partnership files among `paths` (files, folders, '-'), as described above."""
    checked: list[Choice] = []
    skipped: list[Choice] = []
    with _GitIgnore(enabled=git) as ignored:
        for raw in paths:
            if raw == STDIN:
                checked.append(Choice(STDIN, "standard input"))
                continue
            path = Path(raw)
            if path.is_dir():
                found_checked: list[Choice] = []
                found_skipped: list[Choice] = []
                # A folder git ignores, named on the command line, is searched as asked.
                asked = _GitIgnore(enabled=False) if ignored(path) else ignored
                _walk(path, exclusions_for, asked, found_checked, found_skipped)
                checked.extend(sorted(found_checked, key=lambda c: c.path))
                skipped.extend(sorted(found_skipped, key=lambda c: c.path))
            elif path.exists():
                if not force_exclude:
                    checked.append(Choice(raw, "named on the command line"))
                    continue
                reason = _excluded(path, exclusions_for(path.parent)) or ignored(path)
                if reason is None:
                    choice = _by_content(raw, path)
                    (checked if choice.not_partnership is False else skipped).append(choice)
                else:
                    skipped.append(Choice(raw, reason))
            else:
                raise PathError(f"{raw}: no such file or folder")
    return Discovery(tuple(c.path for c in checked), tuple(checked), tuple(skipped))


def _walk(
    root: Path,
    exclusions_for: ExclusionsFor,
    ignored: _GitIgnore,
    checked: list[Choice],
    skipped: list[Choice],
) -> None:
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Choice(f"{folder}/", f"cannot read: {exc.strerror}", folder=True))
            continue
        exclusions = exclusions_for(folder)
        candidates: list[tuple[Path, bool]] = []
        for entry in entries:
            path = folder / entry.name
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and not (entry.name.endswith(YAML_SUFFIXES) and entry.is_file()):
                continue
            shown = str(path) + ("/" if is_dir else "")
            if entry.name.startswith("."):
                skipped.append(Choice(shown, "hidden", folder=is_dir))
                continue
            reason = _excluded(path, exclusions)
            if reason is not None:
                skipped.append(Choice(shown, reason, folder=is_dir))
            else:
                candidates.append((path, is_dir))
        # One question to git for the whole folder.
        reasons = ignored.many([path for path, _ in candidates])
        for (path, is_dir), reason in zip(candidates, reasons, strict=True):
            if reason is not None:
                skipped.append(Choice(str(path) + ("/" if is_dir else ""), reason, folder=is_dir))
            elif is_dir:
                folders.append(path)
            else:
                choice = _by_content(str(path), path)
                (skipped if choice.not_partnership else checked).append(choice)


def _by_content(shown: str, path: Path) -> Choice:
    try:
        has_key = has_partnership_key(path)
    except NotReadable as exc:
        return Choice(
            shown, f"not readable as YAML ({exc}); name it to see its errors", False, True
        )
    if has_key:
        return Choice(shown, "has a top-level `partnership` key")
    return Choice(shown, "no top-level `partnership` key", not_partnership=True)


def _excluded(path: Path, exclusions: Sequence[Exclusion]) -> str | None:
    """Why `path` is excluded by a glob, or None."""
    for exclusion in exclusions:
        for pattern in exclusion.patterns:
            if _glob_matches(pattern, path, exclusion.base):
                return f"excluded by {pattern!r} ({exclusion.source})"
    return None


def _glob_matches(pattern: str, path: Path, base: Path) -> bool:
    pattern = pattern.strip().rstrip("/")
    if not pattern:
        return False
    if "/" not in pattern:
        return fnmatch.fnmatchcase(path.name, pattern)
    try:
        relative = path.absolute().relative_to(base.absolute()).as_posix()
    except ValueError:
        return False
    pattern = pattern.removeprefix("./")
    # `*` crosses folders in fnmatch, so `**/` needs only to also match no folder at all.
    candidates = {pattern, pattern.replace("**/", "")}
    return any(fnmatch.fnmatchcase(relative, p) for p in candidates)


class _GitIgnore:
    """`git check-ignore --stdin`, one process per work tree, asked a folder's paths at once."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._processes: dict[Path, _CheckIgnore | None] = {}
        self._toplevels: dict[Path, Path | None] = {}

    def __enter__(self) -> _GitIgnore:
        return self

    def __exit__(self, *_exc: object) -> None:
        for process in self._processes.values():
            if process is not None:
                process.close()

    def __call__(self, path: Path) -> str | None:
        """Why git ignores `path`, or None."""
        return self.many([path])[0]

    def many(self, paths: Sequence[Path]) -> list[str | None]:
        """Why git ignores each of `paths` (all in one folder), or None for each it does not."""
        if not self.enabled or not paths:
            return [None] * len(paths)
        folder = paths[0].parent.absolute()
        toplevel = self._toplevel(folder)
        process = self._process(toplevel) if toplevel is not None else None
        if toplevel is None or process is None:
            return [None] * len(paths)
        relative = [os.path.relpath(path.absolute(), toplevel) for path in paths]
        answers = process.ask(relative)
        if answers is None:
            # git stopped answering (a path inside a submodule, say): ignore nothing more.
            process.close()
            self._processes[toplevel] = None
            return [None] * len(paths)
        return [
            f"ignored by git ({source}:{line}: {pattern})"
            if source and not pattern.startswith("!")
            else None
            for source, line, pattern in answers
        ]

    def _toplevel(self, folder: Path) -> Path | None:
        if folder not in self._toplevels:
            known = next((top for top in self._processes if top in folder.parents), None)
            self._toplevels[folder] = known or _work_tree(folder)
        return self._toplevels[folder]

    def _process(self, toplevel: Path) -> _CheckIgnore | None:
        if toplevel not in self._processes:
            try:
                self._processes[toplevel] = _CheckIgnore(toplevel)
            except OSError:
                self._processes[toplevel] = None
        return self._processes[toplevel]


class _CheckIgnore:
    """One `git check-ignore --stdin -z --verbose --non-matching` process in a work tree."""

    def __init__(self, toplevel: Path) -> None:
        self._process = subprocess.Popen(
            ["git", "check-ignore", "--stdin", "-z", "--verbose", "--non-matching"],
            cwd=toplevel,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "GIT_FLUSH": "1"},
        )
        self._buffer = b""

    def ask(self, relative: Sequence[str]) -> list[tuple[str, str, str]] | None:
        """(source, line, pattern) for each path, empty when nothing matches; None if git fails.

        The paths are written from another thread while the answers are read, so neither
        side can fill its pipe and wait for the other.
        """
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        request = b"".join(os.fsencode(path) + b"\0" for path in relative)
        failed: list[OSError] = []

        def write() -> None:
            try:
                stdin.write(request)
                stdin.flush()
            except OSError as exc:
                failed.append(exc)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        fields_wanted = 4 * len(relative)
        while self._buffer.count(b"\0") < fields_wanted:
            chunk = os.read(stdout.fileno(), 65536)
            if not chunk:
                break
            self._buffer += chunk
        writer.join()
        fields = self._buffer.split(b"\0")
        if failed or len(fields) <= fields_wanted:
            return None
        self._buffer = b"\0".join(fields[fields_wanted:])
        decoded = [field.decode("utf-8", "replace") for field in fields[:fields_wanted]]
        return [(decoded[i], decoded[i + 1], decoded[i + 2]) for i in range(0, fields_wanted, 4)]

    def close(self) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def _work_tree(folder: Path) -> Path | None:
    """The top of the git work tree holding `folder`, or None (not in one, or no git)."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    top = result.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(top) if result.returncode == 0 and top else None


class NotReadable(Exception):
    """A YAML file whose top-level keys cannot be read; the message says where."""


_PLAIN_KEY = re.compile(
    rb"^(?P<key>(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-(?=\S))(?:[^:#\r\n]|:(?=\S)|(?<=\S)#)*?)"
    rb"[ \t]*:(?:[ \t]+(?P<value>.*))?$"
)
_COMMENT_OR_BLANK = re.compile(rb"^(?:#.*)?$")
_DOCUMENT_START = re.compile(rb"^---(?:[ \t]+#.*)?[ \t]*$")
_BOMS = {
    b"\xff\xfe\x00\x00": "utf-32",
    b"\x00\x00\xfe\xff": "utf-32",
    b"\xff\xfe": "utf-16",
    b"\xfe\xff": "utf-16",
}


def has_partnership_key(path: Path) -> bool:
    """Whether the file's (first) YAML document is a mapping with a `partnership` key."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
            handle.seek(0)
            codec = next((c for bom, c in _BOMS.items() if head.startswith(bom)), None)
            if codec is not None:
                lines: Iterable[bytes] = (
                    handle.read().decode(codec, "replace").encode().splitlines()
                )
            else:
                lines = handle
            verdict = _scan(lines)
    except OSError as exc:
        raise NotReadable(exc.strerror or str(exc)) from None
    if verdict is not None:
        return verdict
    return _first_document_has_key(path)


def _scan(lines: Iterable[bytes]) -> bool | None:
    """True/False from the unindented lines, or None when they are not plain enough to tell."""
    started = False
    for number, raw in enumerate(lines):
        line = raw.rstrip(b"\r\n")
        if number == 0:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line or line[:1] in (b" ", b"\t") or _COMMENT_OR_BLANK.match(line):
            continue
        if line.startswith(b"%") and not started:
            continue
        if _DOCUMENT_START.match(line) and not started:
            started = True
            continue
        match = _PLAIN_KEY.match(line)
        if match is None:
            return None
        started = True
        key = match.group("key").rstrip()
        if key == b"<<":
            return None
        if key == b"partnership":
            return True
        value = (match.group("value") or b"").strip()
        if not _complete_on_line(value):
            return None
    return False


def _complete_on_line(value: bytes) -> bool:
    """Whether a value that starts a quoted scalar or flow collection also ends on this line."""
    if not value or value[:1] not in b"\"'[{&!":
        return True
    if value[:1] in b"&!":
        return False
    depth, quote, index = 0, b"", 0
    while index < len(value):
        char = value[index : index + 1]
        if quote == b'"':
            if char == b"\\":
                index += 1
            elif char == b'"':
                quote = b""
        elif quote == b"'":
            if char == b"'":
                if value[index + 1 : index + 2] == b"'":
                    index += 1
                else:
                    quote = b""
        elif char in b"\"'":
            quote = char
        elif char in b"[{":
            depth += 1
        elif char in b"]}":
            depth -= 1
        elif char == b"#" and depth == 0 and value[index - 1 : index] in (b" ", b"\t"):
            break
        index += 1
    return not quote and depth <= 0


def _first_document_has_key(path: Path) -> bool:
    """The parser's answer, from the events of the first document's top level only."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, "rb") as handle:
            return _top_level_has_key(yaml.parse(handle, Loader=loader))
    except OSError as exc:
        raise NotReadable(exc.strerror or str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise NotReadable(f"{where}{exc.problem or exc.context}") from None
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:
        raise NotReadable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None


def _top_level_has_key(events: Iterator[yaml.Event]) -> bool:
    depth = 0
    expecting_key = True
    for event in events:
        if isinstance(event, yaml.DocumentEndEvent):
            return False
        if isinstance(event, yaml.StreamStartEvent | yaml.DocumentStartEvent):
            continue
        if depth == 0:
            if not isinstance(event, yaml.MappingStartEvent):
                return False
            depth = 1
            continue
        if depth == 1:
            if isinstance(event, yaml.MappingEndEvent):
                return False
            if (
                expecting_key
                and isinstance(event, yaml.ScalarEvent)
                and (event.value == "partnership" or (event.value == "<<" and not event.tag))
            ):
                return True
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
            else:
                expecting_key = not expecting_key
            continue
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
            if depth == 1:
                expecting_key = not expecting_key
    return False

"""Reading and writing what the user names, safely: only regular files, never past a size
limit, never over an input or through a link.

A name on the command line can be a FIFO (opening it waits for a writer forever), a device
(`/dev/zero` never ends), a folder given where a file is meant, or a link that leads out of a
checked folder. `read_limited` opens without waiting, looks at what it opened, refuses what is
not a regular file, and reads at most one byte past the limit, whatever `stat` said before.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20

STDIN = "-"


class NotRegularFile(OSError):
    """The path names something other than a regular file."""


class TooLarge(Exception):
    """The file (or standard input) holds more than the limit; `size` is what was seen."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class InputError(Exception):
    """A path that cannot be read at all (missing, a folder with no YAML): a usage error."""


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files, folders (every *.yaml/*.yml below, sorted, hidden folders skipped) and '-'."""
    out: list[str] = []
    for raw in paths:
        if raw == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                # A link in the folder is checked only if it stays in the folder: it might
                # lead to any file on the machine, whose lines errors would quote.
                and inside(path, p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
            )
            out.extend(found)
        elif path.exists():
            out.append(str(path))
        else:
            raise InputError(f"{raw}: no such file or folder")
    return out


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`; `TooLarge` past `limit` bytes.

    Raises `NotRegularFile` (an OSError whose `strerror` says what the path is) for a FIFO,
    a device, a socket or a folder, without blocking on it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile(0, "it is a folder, not a regular file; name a file") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(0, f"it is {kind_of(mode)}, not a regular file; name a file")
        size = os.fstat(descriptor).st_size
        if size > limit:
            raise TooLarge(size)
        return read_stream(handle, limit)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of a stream; `TooLarge` if there are more."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise TooLarge(total)


class IsLink(OSError):
    """The path is a symbolic link, which a forced write would write through."""


def write_new(path: Path, text: str, *, overwrite: bool) -> None:
    """Write a file the user asked for: never replacing one unless `overwrite`, and never
    writing through a link to whatever it points to (`IsLink`)."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    flags |= os.O_TRUNC if overwrite else os.O_EXCL
    if overwrite and path.is_symlink():
        raise IsLink(0, f"is a link to {os.readlink(path)}; remove the link, or name that file")
    descriptor = os.open(path, flags, 0o666)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_report(path: Path, text: str, *, protect: Iterable[str]) -> None:
    """Write a report to `path`, refusing to overwrite any of the input files (by another
    name or a hard link too, or the file given on standard input)."""
    target = path.resolve()
    for source in protect:
        if source == STDIN:
            clash = _stdin_is(path)
        else:
            clash = Path(source).resolve() == target or same_file(source, path)
        if clash:
            raise ValueError("is one of the input files; choose another name")
    path.write_text(text, encoding="utf-8")


def _stdin_is(path: Path) -> bool:
    try:
        return same_file(sys.stdin.fileno(), path)
    except (OSError, ValueError, AttributeError):
        return False


def same_file(a: str | Path | int, b: str | Path | int) -> bool:
    """Whether two paths (or open descriptors) are the same file, hard links included."""
    try:
        first = os.stat(a) if not isinstance(a, int) else os.fstat(a)
        second = os.stat(b) if not isinstance(b, int) else os.fstat(b)
    except (OSError, ValueError):
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def inside(folder: Path, path: Path) -> bool:
    """Whether `path`, links followed, is within `folder` (links followed too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False

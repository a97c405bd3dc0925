"""Reading a survey's files, and replacing a partnership file without ever losing it.

The new content is written to a temporary file beside the original, flushed to disk, given
the original's permissions, and renamed over it in one step: at every moment the file on
disk is either the old version or the new one, never a half-written mix. Just before the
rename the original is read again; if someone changed it meanwhile, nothing is replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

MAX_EXPORT_BYTES = 32 * 1024 * 1024
"""A survey export larger than this is refused unread (ten thousand long responses are a
few MiB)."""


class StoreError(Exception):
    """A file cannot be read or replaced; the message says which and why."""


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, refusing a folder, a missing file, or one over `limit` bytes."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a {what}")
        if size > limit:
            raise StoreError(
                f"{path}: the {what} is too large ({size:,} bytes; the limit is "
                f"{limit // (1024 * 1024)} MiB)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{path}: no such file") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None


def replace_atomically(path: Path, expected: bytes, content: bytes) -> None:
    """Replace the file at `path` (which must still hold `expected`) with `content`."""
    target = path.resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if target.read_bytes() != expected:
            raise StoreError(
                f"{path}: the file changed while the responses were being prepared; nothing "
                "was written, run the import again"
            )
        os.replace(temporary, target)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write the file: {exc.strerror or exc}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()

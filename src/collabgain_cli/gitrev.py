"""Read a partnership file as it was committed: `REV:path` and the file's git history.

Every call runs the `git` command without a shell, in the file's own repository (found from
the file's folder with `git rev-parse --show-toplevel`), and hands back bytes or records;
parsing a file's content is the loader's job. Anything git cannot do (git missing, a folder
outside a repository, an unknown revision) is a `GitError` whose message names the file and
what to do.

`REV:path` names a file at a revision only when `path` is not itself an existing file, `REV`
is not an existing path and does not start with `-`, and `git rev-parse --verify` accepts
`REV` as a commit; so a plain file whose name contains `:` is still read as a file. `path` is
relative to the current folder, like any other path on the command line.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType

from .loader import MAX_FILE_BYTES

# A hook (pre-commit's, say) exports these for its own repository; the file's repository is
# the one around its folder, so they must not leak into the git commands run here.
_REPOSITORY_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_GRAFT_FILE",
    "GIT_SHALLOW_FILE",
    "GIT_INTERNAL_SUPER_PREFIX",
)

# The first field of each record in `git log` output; a NUL can appear in neither a hash, a
# date nor a subject line, and this byte appears in none of them either.
_RECORD = b"\x1e"


class GitError(Exception):
    """Git could not give what was asked for; the message says what to do (exit code 2)."""


class TooLarge(GitError):
    """A committed version over the loader's size limit; it is never read."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


@dataclasses.dataclass(frozen=True, slots=True)
class Commit:
    """A commit that changed the file, with the file's path (from the root) at that commit."""

    commit: str
    date: str
    subject: str
    path: str
    blob: str = ""
    """The file's blob id at this commit, when `history` read it from the log; else empty."""

    @property
    def day(self) -> dt.date:
        """The commit's calendar date, in the committer's own time zone."""
        return dt.date.fromisoformat(self.date[:10])


@dataclasses.dataclass(frozen=True, slots=True)
class Repository:
    """A git repository's working tree root, and a file's path inside it."""

    root: Path
    relative: str


@dataclasses.dataclass(frozen=True, slots=True)
class CommittedFile:
    """A file's bytes as committed, with the commit they come from."""

    spec: str
    commit: Commit
    data: bytes


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_ENV and k != "LANGUAGE"}
    # Git's messages in English, so that "not a git repository" can be recognised.
    env["LC_ALL"] = "C"
    return env


def _command(args: Sequence[str]) -> list[str]:
    return ["git", "--literal-pathspecs", "-c", "log.showSignature=false", *args]


def _cannot_run(exc: OSError, cwd: Path) -> GitError:
    if isinstance(exc, FileNotFoundError):
        return GitError("git is not installed or not on PATH; install git and try again")
    return GitError(f"cannot run git in {cwd}: {exc.strerror or exc}")


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            _command(args), cwd=cwd, capture_output=True, check=False, shell=False, env=_env()
        )
    except OSError as exc:
        raise _cannot_run(exc, cwd) from None


def _reason(result: subprocess.CompletedProcess[bytes]) -> str:
    """Git's own first line of complaint, without its 'fatal: ' prefix."""
    return _complaint(result.stderr, result.returncode)


def _complaint(stderr: bytes, returncode: int | None) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    text = lines[0] if lines else f"git exited with code {returncode}"
    return text.removeprefix("fatal: ").removeprefix("error: ")


def _existing_folder(path: Path) -> Path:
    """The folder a (possibly deleted) file lives in, or its nearest existing ancestor."""
    folder = path.absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


class NotARepository(GitError):
    """The file's folder is in no git repository."""


def repository(path: str, *, command: str) -> Repository:
    """The repository that holds `path`; `command` names what needs git, for the message."""
    if Path(path).is_dir():
        raise GitError(f"{path}: is a folder; give one partnership file")
    folder = _existing_folder(Path(path))
    result = _git(["rev-parse", "--show-toplevel"], folder)
    if result.returncode != 0:
        reason = _reason(result)
        if "not a git repository" in reason:
            raise NotARepository(
                f"{path}: not in a git repository (none found from {folder} upward); "
                f"{command} reads the file's git history, so give a file inside a repository"
            )
        raise GitError(f"{path}: git cannot use the repository around {folder}: {reason}")
    root = Path(os.fsdecode(result.stdout.rstrip(b"\n")))
    absolute = Path(os.path.realpath(Path(path).absolute()))
    try:
        relative = absolute.relative_to(Path(os.path.realpath(root)))
    except ValueError:
        raise GitError(f"{path}: is outside its repository {root}") from None
    return Repository(root, relative.as_posix())


def split_revision(spec: str) -> tuple[str, str] | None:
    """(REV, path) when `spec` may name a file at a revision, else None (a plain path)."""
    revision, colon, path = spec.partition(":")
    if not colon or not revision or not path or revision.startswith("-"):
        return None
    if Path(spec).exists() or Path(revision).exists():
        return None
    return revision, path


def _commit_of(repo: Repository, revision: str) -> Commit | None:
    result = _git(
        ["log", "-1", "--no-walk", "--format=%H%x00%cI%x00%s", f"{revision}^{{commit}}", "--"],
        repo.root,
    )
    if result.returncode != 0:
        return None
    commit, date, subject = result.stdout.rstrip(b"\n").decode("utf-8", "replace").split("\0", 2)
    return Commit(commit, date, subject, repo.relative)


def read_revision(spec: str) -> CommittedFile | None:
    """The file `REV:path` names, or None when `spec` is a plain path."""
    parts = split_revision(spec)
    if parts is None:
        return None
    revision, path = parts
    if Path(path).is_dir():
        raise GitError(f"{spec}: {path} is a folder; give one partnership file")
    try:
        repo = repository(path, command="REV:path")
    except NotARepository:
        raise GitError(
            f"{spec}: no such file, and {path} is not in a git repository, so {revision!r} "
            "cannot be a revision of it"
        ) from None
    verified = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repo.root)
    if verified.returncode != 0:
        raise GitError(
            f"{spec}: no such file, and {revision!r} is not a commit in {repo.root}; "
            "give a file, or REV:path with a branch, tag or commit that `git log` shows"
        )
    commit = _commit_of(repo, revision)
    if commit is None:
        raise GitError(f"{spec}: git cannot read commit {revision!r} in {repo.root}")
    return CommittedFile(spec, commit, read_blob(repo.root, commit, spec))


def _missing(display: str, commit: Commit) -> GitError:
    return GitError(
        f"{display}: {commit.path} does not exist in commit {commit.commit[:7]}; "
        "`git log --follow -- PATH` lists the commits that have it"
    )


def read_blob(root: Path, commit: Commit, display: str) -> bytes:
    """The file's bytes at `commit`, refusing (without reading it) one over the size limit."""
    name = f"{commit.commit}:{commit.path}"
    size = _git(["cat-file", "-s", name], root)
    if size.returncode != 0:
        raise _missing(display, commit)
    count = int(size.stdout.strip() or b"0")
    if count > MAX_FILE_BYTES:
        raise TooLarge(count)
    blob = _git(["cat-file", "blob", name], root)
    if blob.returncode != 0:
        raise GitError(f"{display}: git cannot read {name}: {_reason(blob)}")
    return blob.stdout


def _object_name(commit: Commit) -> str:
    """What `git cat-file` is asked for: the blob id, else `COMMIT:PATH`."""
    return commit.blob or f"{commit.commit}:{commit.path}"


class Blobs:
    """The file's committed versions, read through one `git cat-file --batch` process.

    A history of thousands of versions would otherwise start two git processes a version.
    Each request is one object name on git's input; git answers `<oid> <type> <size>`, the
    bytes and a newline, or `<name> missing`. A version over the size limit is read past in
    pieces, never held, and refused as `read_blob` refuses it. Use it as a context manager,
    so that git is told to stop (its input closed) and waited for.

    Given the commits it will be asked for, in order, it asks git for the next few ahead of
    time, so that git finds one version while this process checks the one before instead
    of each waiting for the other; a commit may be skipped (its answer is read past).
    """

    _CHUNK = 1 << 16
    AHEAD = 16
    """How many versions git is asked for before they are read."""

    def __init__(self, root: Path, commits: Iterable[Commit] = ()) -> None:
        self.root = root
        self._asked: collections.deque[Commit] = collections.deque()
        self._to_ask = iter(commits)
        try:
            self._process = subprocess.Popen(
                _command(["cat-file", "--batch"]),
                cwd=root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                # Git complains only when it stops, in a line or two: read once it has gone.
                stderr=subprocess.PIPE,
                shell=False,
                env=_env(),
            )
        except OSError as exc:
            raise _cannot_run(exc, root) from None

    def __enter__(self) -> Blobs:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        process = self._process
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):  # git has already gone
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()

    def _stopped(self, display: str) -> GitError:
        """Git stopped answering: its own complaint, once it has exited."""
        process = self._process
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert process.stderr is not None
        reason = _complaint(process.stderr.read(), process.returncode)
        return GitError(f"{display}: git cannot read the file's history in {self.root}: {reason}")

    def _ask(self, commit: Commit, display: str) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(os.fsencode(_object_name(commit)) + b"\n")
        except OSError:
            raise self._stopped(display) from None
        self._asked.append(commit)

    def _ask_ahead(self, display: str) -> None:
        if len(self._asked) >= self.AHEAD:
            return
        for commit in self._to_ask:
            if "\n" not in _object_name(commit):
                self._ask(commit, display)
            if len(self._asked) >= self.AHEAD:
                break
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.flush()
        except OSError:
            raise self._stopped(display) from None

    def read(self, commit: Commit, display: str) -> bytes:
        """The file's bytes at `commit` (by its blob id when the log gave it)."""
        if "\n" in _object_name(commit):
            # One request a line: a path with a line break is asked for on its own.
            return read_blob(self.root, commit, display)
        while True:
            self._ask_ahead(display)
            if not self._asked:
                # Not among the commits given (or already passed): asked for now.
                self._ask(commit, display)
                self._ask_ahead(display)
            asked = self._asked.popleft()
            data = self._answer(asked, display, keep=asked == commit)
            if data is not None:
                return data

    def _answer(self, commit: Commit, display: str, *, keep: bool) -> bytes | None:
        """Git's answer for `commit`: its bytes if `keep`, else read past and None."""
        stdout = self._process.stdout
        assert stdout is not None
        header = stdout.readline()
        if not header.endswith(b"\n"):
            raise self._stopped(display)
        fields = header.split()
        if len(fields) != 3 or not fields[2].isdigit():
            # `missing`, or `ambiguous` for a short name: git sends nothing more.
            if not keep:
                return None
            if not commit.blob:
                raise _missing(display, commit)
            raise GitError(
                f"{display}: the repository {self.root} has no copy of {commit.path} as of "
                f"commit {commit.commit[:7]} (object {commit.blob[:12]} is missing, as in a "
                "partial or damaged clone); fetch it (`git fetch`), or check fewer versions "
                "with --since or --max-count"
            )
        size = int(fields[2])
        if not keep or fields[1] != b"blob" or size > MAX_FILE_BYTES:
            self._skip(size + 1, display)
            if not keep:
                return None
            if fields[1] != b"blob":
                raise _missing(display, commit)
            raise TooLarge(size)
        data = stdout.read(size + 1)
        if len(data) != size + 1:
            raise self._stopped(display)
        return data[:size]

    def _skip(self, count: int, display: str) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        while count:
            piece = stdout.read(min(count, self._CHUNK))
            if not piece:
                raise self._stopped(display)
            count -= len(piece)


def history(repo: Repository, *, since: dt.date | None = None) -> list[Commit]:
    """The commits that changed the file, newest first, following renames.

    A merge is one of them when it changed the file on the branch it merged into (its diff
    against its first parent; git 2.31 or later). A commit that deletes the file has no
    version of it and is left out. With `since`, only commits whose own calendar date
    is on or after it are kept (git is asked for a day more, since it compares instants, not
    the committers' dates).
    """
    args = [
        "log",
        "--follow",
        "--diff-merges=first-parent",
        "--raw",
        "--no-abbrev",
        "-z",
        "--format=%x1e%H%x00%cI%x00%s",
    ]
    if since is not None:
        args.append(f"--since={(since - dt.timedelta(days=1)).isoformat()}T00:00:00Z")
    result = _git([*args, "--", repo.relative], repo.root)
    if result.returncode != 0:
        raise GitError(f"{repo.relative}: git log failed in {repo.root}: {_reason(result)}")
    commits: list[Commit] = []
    path = repo.relative
    for record in result.stdout.split(_RECORD)[1:]:
        fields = record.split(b"\0")
        commit, date, subject = (f.decode("utf-8", "replace") for f in fields[:3])
        # `--raw -z`: ":MODE MODE OLD NEW STATUS", then the path (the old and new ones, for
        # a rename or copy), each field ending in a NUL.
        raw = fields[3].lstrip(b"\n").split() if len(fields) > 4 else []
        status = raw[-1] if len(raw) == 5 else b""
        blob = raw[3].decode("ascii", "replace") if len(raw) == 5 else ""
        here = path
        if status[:1] in (b"R", b"C"):
            # A rename: this commit has the new name; older ones have the old name.
            here, path = os.fsdecode(fields[5]), os.fsdecode(fields[4])
        elif status:
            here = path = os.fsdecode(fields[4])
        if status[:1] == b"D":
            continue
        found = Commit(commit, date, subject, here, blob)
        if since is None or found.day >= since:
            commits.append(found)
    return commits

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

import dataclasses
import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

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


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    command = ["git", "--literal-pathspecs", "-c", "log.showSignature=false", *args]
    try:
        return subprocess.run(
            command, cwd=cwd, capture_output=True, check=False, shell=False, env=_env()
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH; install git and try again") from None
    except OSError as exc:
        raise GitError(f"cannot run git in {cwd}: {exc.strerror or exc}") from None


def _reason(result: subprocess.CompletedProcess[bytes]) -> str:
    """Git's own first line of complaint, without its 'fatal: ' prefix."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    text = lines[0] if lines else f"git exited with code {result.returncode}"
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


def read_blob(root: Path, commit: Commit, display: str) -> bytes:
    """The file's bytes at `commit`, refusing (without reading it) one over the size limit."""
    name = f"{commit.commit}:{commit.path}"
    size = _git(["cat-file", "-s", name], root)
    if size.returncode != 0:
        raise GitError(
            f"{display}: {commit.path} does not exist in commit {commit.commit[:7]}; "
            "`git log --follow -- PATH` lists the commits that have it"
        )
    count = int(size.stdout.strip() or b"0")
    if count > MAX_FILE_BYTES:
        raise TooLarge(count)
    blob = _git(["cat-file", "blob", name], root)
    if blob.returncode != 0:
        raise GitError(f"{display}: git cannot read {name}: {_reason(blob)}")
    return blob.stdout


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
        "--name-status",
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
        status = fields[3].lstrip(b"\n") if len(fields) > 4 else b""
        here = path
        if status[:1] in (b"R", b"C"):
            # A rename: this commit has the new name; older ones have the old name.
            here, path = os.fsdecode(fields[5]), os.fsdecode(fields[4])
        elif status:
            here = path = os.fsdecode(fields[4])
        if status[:1] == b"D":
            continue
        found = Commit(commit, date, subject, here)
        if since is None or found.day >= since:
            commits.append(found)
    return commits

"""Every git call newsdesk makes, behind one wall.

Commands run the git program directly (a daily command starts about 0.06 s sooner than through
GitPython, whose import and set-up also start git twice); GitPython is imported only by what
needs its model of a repository (`Repository.raw`: branches and remotes for `sync`). A failed
git command becomes an EnvironmentProblem with one clear line. User text never reaches git as
an option: messages go after `-m`, paths after `--`. Commits go through the git command (not
GitPython's index writer) so that `commit.gpgsign` behaves as the newsroom configured it: a
signing repository gets signed commits or a loud failure, never an unsigned commit. Commits
are built from objects (`commit-tree`), so the repository's `pre-commit` and `commit-msg`
hooks do not run for them: newsdesk's own checks (validation before anything goes live, the
workflow table, `newsdesk audit` in CI) take their place (docs/security.md).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from newsdesk.errors import EnvironmentProblem, shown

if TYPE_CHECKING:
    import git

# Variables a git hook or a parent git process sets that would point our git calls at another
# repository or index. The ones that only configure transport or identity are kept.
_LEAKY_GIT_VARS = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX",
    "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE",
)


class Repository:
    """A git repository as the rest of newsdesk sees it: where its work tree and git folder
    are, paths relative to it, and the objects in it. Every git command goes through
    `run_git`; the GitPython object (`raw`) is made only for `sync`, and never leaves the
    git room."""

    def __init__(self, root: Path, git_dir: Path, common_dir: Path) -> None:
        self.root = root  # the work tree
        self.git_dir = git_dir
        self.common_dir = common_dir  # shared by every work tree of the repository
        self._objects: _CatFile | None = None

    @cached_property
    def raw(self) -> git.Repo:
        import git as gitlib

        return gitlib.Repo(self.root)

    def relative(self, path: Path) -> str:
        """`path` as git names it: relative to the work tree, with forward slashes."""
        return path.absolute().relative_to(self.root).as_posix()

    def object(self, spec: str) -> tuple[str, str, bytes]:
        """(object id, kind, exact bytes) of `spec` ("HEAD:stories/x.md", a commit id),
        through git's long-running `cat-file --batch`; ValueError when there is none."""
        if self._objects is None:
            self._objects = _CatFile(self.root)
        return self._objects.read(spec)


class _CatFile:
    """One `git cat-file --batch` kept running for a repository's single-object reads (a
    story's versions, its commits): a round trip instead of a process each. Ended with the
    repository object, or with newsdesk."""

    def __init__(self, root: Path) -> None:
        import weakref

        from newsdesk.git.batch import start_git

        self._lock = threading.Lock()
        self._process = start_git(root, "cat-file", "--batch")
        weakref.finalize(self, _end, self._process)

    def read(self, spec: str) -> tuple[str, str, bytes]:
        from newsdesk.git.batch import read_answer

        process = self._process
        assert process.stdin is not None
        if "\n" in spec:
            raise ValueError(f"no object named {spec!r}")
        with self._lock:
            try:
                process.stdin.write(spec.encode("utf-8", "surrogateescape") + b"\n")
                process.stdin.flush()
            except OSError:
                raise EnvironmentProblem("git cat-file stopped answering") from None
            found = read_answer(process)
        if found is None:
            raise ValueError(f"no object named {spec!r}")
        return found


def _end(process: subprocess.Popen[bytes]) -> None:
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    with contextlib.suppress(OSError):
        process.wait(timeout=5)


@dataclass(frozen=True)
class Person:
    name: str
    email: str


# git maps its packs into memory whole by default: one walk of a decade's history (a 420 MB
# pack) kept 600 MB resident. With these windows it keeps about 200 MB and is no slower.
_MEMORY_BOUNDS = (("core.packedGitLimit", "128m"), ("core.packedGitWindowSize", "32m"))


def _bound_git_memory() -> None:
    """Give every git process newsdesk starts `_MEMORY_BOUNDS`, through git's environment
    configuration (git 2.31 and later), after any entries already there."""
    try:
        count = int(os.environ.get("GIT_CONFIG_COUNT") or 0)
    except ValueError:
        return  # someone else's malformed setting: git will say so, not newsdesk
    for key, value in _MEMORY_BOUNDS:
        os.environ[f"GIT_CONFIG_KEY_{count}"] = key
        os.environ[f"GIT_CONFIG_VALUE_{count}"] = value
        count += 1
    os.environ["GIT_CONFIG_COUNT"] = str(count)


@cache
def _prepare() -> None:
    """Once per process: no git variable a hook or a parent git set may point newsdesk's git
    at another repository, git's memory is bounded, and git is there."""
    for var in _LEAKY_GIT_VARS:
        os.environ.pop(var, None)
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")  # for GitPython, where it is used
    _bound_git_memory()
    if shutil.which("git") is None:  # the program every command runs
        raise EnvironmentProblem("git is not installed or not on PATH; newsdesk needs it")


def git_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every git process newsdesk starts: this process's, prepared
    (`_prepare`), with git speaking plain English (its messages are shown and parsed), and
    `extra` on top."""
    _prepare()
    return {**os.environ, "LANGUAGE": "C", "LC_ALL": "C", **(extra or {})}


class _GitFailed(Exception):
    def __init__(self, stderr: str) -> None:
        super().__init__(stderr)
        self.stderr = stderr


def _git(cwd: Path, args: list[str], env: dict[str, str] | None = None,
         istream: IO[bytes] | None = None) -> str:
    """Run `git args` in `cwd`: its output as text (a name that is not UTF-8 kept as lone
    surrogates), without the final newline; _GitFailed with git's words when it fails. A
    question `ask_ahead` asked already is answered by the git it started."""
    asked = _asked.pop(_ahead_key(cwd, args), None) if _asked and env is None \
        and istream is None else None
    try:
        if asked is not None:
            stdout, stderr = asked.communicate()
            done = subprocess.CompletedProcess(asked.args, asked.returncode, stdout, stderr)
        else:
            done = subprocess.run(["git", *args], cwd=cwd, env=git_environment(env),
                                  stdin=istream if istream is not None else subprocess.DEVNULL,
                                  capture_output=True, check=False)
    except OSError as error:
        raise _GitFailed(f"cannot run git: {error.strerror}") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.decode("utf-8", "replace")
                         or done.stdout.decode("utf-8", "replace")
                         or f"exit status {done.returncode}")
    out = done.stdout.decode("utf-8", "surrogateescape")
    return out[:-1] if out.endswith("\n") else out


# Questions to git asked before the command got to them (`ask_ahead`), by (folder, args).
_asked: dict[tuple[str, tuple[str, ...]], subprocess.Popen[bytes]] = {}


def _ahead_key(cwd: Path, args: list[str] | tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    return os.path.realpath(cwd), tuple(args)


def ask_ahead(cwd: Path, *args: str) -> None:
    """Start `git args` in `cwd` now, for a command that will ask exactly that later: the
    first `_git` call with the same folder and arguments (and no input or environment of its
    own) takes this git's answer instead of starting another. It lets git work on one CPU
    while Python starts up on another: `git status` over 100,000 story files takes 0.15 s,
    about as long as importing Typer and pydantic. The answer is as of the moment it was
    asked, a fraction of a second before the command would have asked. A question never
    taken is waited for when newsdesk exits (a git that refreshes its index holds the
    index's lock a moment; no newsdesk leaves one holding it behind). Failing to start is
    silent: the command asks again, and says what is wrong then."""
    key = _ahead_key(cwd, args)
    if key in _asked:
        return
    try:
        process = subprocess.Popen(["git", *args], cwd=cwd, env=git_environment(),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
    except (OSError, EnvironmentProblem):
        return
    if not _asked:
        import atexit

        atexit.register(_wait_for_unanswered)
    _asked[key] = process


def _wait_for_unanswered() -> None:
    while _asked:
        _, process = _asked.popitem()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            process.communicate(timeout=30)


def work_tree_status(pathspec: str) -> tuple[str, ...]:
    """The `git status` that names the files under `pathspec` differing from HEAD in the
    work tree (modified, new, deleted), one record each, paths relative to the repository
    whatever the folder it runs in: what `list`, the review queue and `search` ask (and
    `ask_ahead` asks for them)."""
    return ("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--",
            pathspec)


def open_repo(root: Path) -> Repository:
    """The repository `root` is in. Its work tree is named from `root` as given, never with
    symbolic links resolved, so that the paths newsdesk makes from `root` stay inside it."""
    try:
        found = _git(root, ["rev-parse", "--show-cdup", "--git-dir", "--git-common-dir"]
                     ).split("\n")
    except _GitFailed:
        found = []
    if len(found) != 3:
        raise EnvironmentProblem(
            f"{root} is not inside a git repository; a newsroom is a git repository "
            "(run 'git init' there, or 'newsdesk init PATH' for a new newsroom)") from None
    here = root.absolute()
    top, git_dir, common = (Path(os.path.normpath(here / part)) for part in found)
    return Repository(top, git_dir, common)


def _failed(command: str, error: _GitFailed) -> EnvironmentProblem:
    """One line for a failed git command: git's own words, on one line."""
    return _git_failed(command, error.stderr, "no reason given")


def _git_failed(command: str, said: str, otherwise: str) -> EnvironmentProblem:
    detail = " ".join(line.strip() for line in said.splitlines() if line.strip())
    detail = detail.strip().removeprefix("stderr:").strip().strip("'").strip()
    return EnvironmentProblem(f"git {command} failed: {detail or otherwise}")


def path_key(path: str) -> str | bytes:
    """A path git named, as a cache keeps it: as text when it is UTF-8 (every name newsdesk
    makes is, and caches made before this held only such names), as its bytes otherwise
    (git keeps a file name that is not UTF-8 as it is; it reaches Python with lone
    surrogates, which SQLite's text cannot hold)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape")
    return path


def run_git(repo: Repository, *args: str, env: dict[str, str] | None = None) -> str:
    """Run one git command; its failure becomes an EnvironmentProblem naming the command."""
    try:
        return _git(repo.root, list(args), env)
    except _GitFailed as error:
        raise _failed(args[0], error) from None


def run_git_in(folder: Path, *args: str) -> str:
    """`run_git` in a folder of the work tree (pathspecs relative to it)."""
    try:
        return _git(folder, list(args))
    except _GitFailed as error:
        raise _failed(args[0], error) from None


def stream_git(repo: Repository, *args: str, separator: bytes = b"\0") -> Iterator[str]:
    """The output of one git command, record by record as git writes it. A reader that
    stops early (it found what it looked for in the newest commits) ends the process, so
    the cost follows what is read, not the length of the history."""
    try:
        proc = subprocess.Popen(["git", *args], cwd=repo.root, env=git_environment(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as error:
        raise EnvironmentProblem(f"cannot run git: {error.strerror}") from None
    assert proc.stdout is not None and proc.stderr is not None
    stdout, stderr = proc.stdout, proc.stderr
    pending = b""
    try:
        while True:
            chunk = os.read(stdout.fileno(), 65536)
            if not chunk:
                break
            pending += chunk
            *records, pending = pending.split(separator)
            for record in records:
                yield record.decode("utf-8", "surrogateescape")
        if pending:
            yield pending.decode("utf-8", "surrogateescape")
        status = proc.wait()
        if status != 0:
            raise _git_failed(args[0], stderr.read().decode("utf-8", "replace"),
                              f"exit {status}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        stdout.close()
        stderr.close()


def unchanged_blobs(repo: Repository, rel: str) -> dict[str, str]:
    """Blob ids of the files under `rel` whose work-tree content is what git's index holds,
    as `git status` sees it (`ls-files` minus `diff-files`): a caller knows what they hold
    without reading them. Files git was told not to look at (assume-unchanged,
    skip-worktree) are left out, and so is everything in a SHA-256 repository."""
    listed = run_git(repo, "ls-files", "-s", "-v", "-z", "--", rel)
    changed = set(run_git(repo, "diff-files", "--name-only", "-z", "--", rel).split("\0"))
    unchanged: dict[str, str] = {}
    for record in listed.split("\0"):
        if not record.startswith("H "):
            continue
        head, _, path = record.partition("\t")
        _, mode, blob, stage = head.split(" ")
        if stage == "0" and mode in ("100644", "100755") and len(blob) == 40 \
                and path not in changed:
            unchanged[path] = blob
    return unchanged


def user_email(root: Path) -> str:
    repo = open_repo(root)
    try:
        return _git(repo.root, ["config", "--get", "user.email"]).strip()
    except _GitFailed:
        return ""


def check_ready(repo: Repository) -> None:
    """Refuse to commit into a repository that is mid-operation or locked."""
    git_dir = repo.git_dir
    lock = git_dir / "index.lock"
    if lock.exists():
        raise EnvironmentProblem(
            f"{lock} exists: another git process is running, or one crashed. If no git command "
            "is running, remove that file by hand and try again")
    for marker, what in (("rebase-merge", "a rebase"), ("rebase-apply", "a rebase or am"),
                         ("MERGE_HEAD", "a merge"), ("CHERRY_PICK_HEAD", "a cherry-pick"),
                         ("REVERT_HEAD", "a revert")):
        if (git_dir / marker).exists():
            raise EnvironmentProblem(
                f"git is in the middle of {what}; finish or abort it before using newsdesk")
    if _detached(repo):
        raise EnvironmentProblem(
            "HEAD is detached; check out a branch (git switch main) before using newsdesk")
    unmerged = sorted({line.split("\t", 1)[1] for line in run_git(
        repo, "ls-files", "--unmerged").splitlines() if "\t" in line})
    if unmerged:
        raise EnvironmentProblem(
            f"{', '.join(unmerged)} {'has' if len(unmerged) == 1 else 'have'} unresolved merge "
            "conflicts; merge the versions in an editor and 'git add' the file before using "
            "newsdesk (nothing was changed)")


ZERO_SHA = "0" * 40


def _detached(repo: Repository) -> bool:
    """HEAD names a commit rather than a branch (git's HEAD file, as git itself reads it)."""
    try:
        return not (repo.git_dir / "HEAD").read_bytes().startswith(b"ref: ")
    except OSError:
        return False  # git says what is wrong when it runs


def _head_commit(repo: Repository) -> tuple[str | None, str | None]:
    """(commit id, tree id) of HEAD, or (None, None) on an unborn branch: one question to
    the repository's running `cat-file` (a commit object starts with its tree's line)."""
    try:
        sha, kind, raw = repo.object("HEAD")
    except ValueError:
        return None, None
    first = raw.split(b"\n", 1)[0].decode("ascii", "replace")
    if kind != "commit" or not first.startswith("tree "):
        raise EnvironmentProblem(f"HEAD ({sha}) is a {kind} git cannot commit onto")
    return sha, first[5:].strip()


def head_sha(repo: Repository) -> str | None:
    try:
        return _git(repo.root, ["rev-parse", "--verify", "--quiet", "HEAD"]).strip()
    except _GitFailed:
        return None  # an unborn branch: the first commit


def uncommitted(repo: Repository, paths: list[Path]) -> list[str]:
    """Which of `paths` differ from the last commit (changed, staged, deleted or untracked),
    relative to the work tree; filters such as line-ending conversion are applied."""
    work_tree = repo.root
    rels = [p.absolute().relative_to(work_tree).as_posix() for p in paths]
    # GIT_OPTIONAL_LOCKS=0: only look, never refresh the index (a full disk must not fail here)
    out = run_git(repo, "status", "--porcelain", "-z", "--untracked-files=all", "--", *rels,
                  env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    return sorted({entry[3:] for entry in out.split("\0") if len(entry) > 3})


def has_commit_graph(repo: Repository) -> bool:
    info = repo.git_dir / "objects" / "info"
    return (info / "commit-graph").is_file() or (info / "commit-graphs").is_dir()


def extend_commit_graph(repo: Repository, start: bool = False) -> None:
    """Keep git's commit-graph, with its changed-path Bloom filters, covering the newest
    commits. With it, the history of one story in a newsroom of 300,000 commits is read in
    about a second instead of seven (`git log -- PATH` skips the commits that cannot have
    touched the path without opening their trees). A repository that has a graph gets each
    new commit added as a small layer (milliseconds); `start` writes the first one (`newsdesk
    init`, or by hand: `git commit-graph write --reachable --changed-paths`). A failure is
    only a lost speed-up, never a failed command."""
    if not (start or has_commit_graph(repo)):
        return
    with contextlib.suppress(EnvironmentProblem):
        run_git(repo, "commit-graph", "write", "--reachable", "--changed-paths", "--split")


def commit_files(repo: Repository, files: dict[Path, bytes],
                 message: str | Callable[[dict[str, str]], str],
                 author: Person) -> tuple[str, str | None]:
    """Commit `files` with these exact contents, without touching the working tree, and move
    the branch with a compare-and-swap; returns (new sha, previous sha).

    Building the commit from objects (hash-object, mktree, commit-tree) means a crash
    or a refused signature at any point leaves the branch, the index and every file as they
    were; only after the branch moved does the caller write the files. `commit-tree` signs when
    `commit.gpgsign` says so, and fails loudly when it cannot. Other people's staged and dirty
    files are never touched.
    """
    import tempfile

    work_tree = repo.root
    parent, base = _head_commit(repo)
    env = {
        "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email,
    }
    entries: list[tuple[str, str, str]] = []  # (mode, blob sha, path)
    for path, data in files.items():
        rel = path.absolute().relative_to(work_tree).as_posix()
        with tempfile.TemporaryFile() as handle:  # git reads the content from stdin
            handle.write(data)
            handle.seek(0)
            blob = _execute(repo, ["git", "hash-object", "-w", f"--path={rel}", "--stdin"],
                            istream=handle)
        entries.append(("100644", blob, rel))
    if callable(message):  # the message may name the blobs it commits (Newsdesk-Blob)
        message = message({rel: blob for _, blob, rel in entries})
    tree, entries = _tree_with(repo, base, entries)
    args = ["commit-tree", tree, "-m", message]
    if parent is not None:
        args[2:2] = ["-p", parent]
    signing = _wants_signing(repo)
    if signing:
        args.append("-S")  # commit-tree does not read commit.gpgsign by itself
    try:
        sha = run_git(repo, *args, env=env).strip().splitlines()[-1]
    except EnvironmentProblem as problem:
        if signing:
            raise EnvironmentProblem(
                f"this repository signs commits (commit.gpgsign) and signing failed, so "
                f"nothing was committed or changed: {problem.message}") from None
        raise
    with _moving_branch(repo):
        run_git(repo, "update-ref", "-m", message.splitlines()[0], "HEAD", sha,
                parent or ZERO_SHA)
        # One update of git's index for all the files (it is rewritten whole each time). If
        # this fails the commit still stands; `git status` shows the paths as changed.
        with contextlib.suppress(EnvironmentProblem):
            run_git(repo, "update-index", "--add",
                    *(arg for mode, blob, rel in entries
                      for arg in ("--cacheinfo", f"{mode},{blob},{rel}")))
    return sha, parent


def _tree_with(repo: Repository, base: str | None, entries: list[tuple[str, str, str]]
               ) -> tuple[str, list[tuple[str, str, str]]]:
    """The tree `base` with these files put in, and the entries with the modes they keep
    (an executable story stays executable). Only the folders on the way to each file are
    read (from the repository's running `cat-file`) and written (by one `mktree --batch`
    for them all): a newsroom of 100,000 stories is not loaded into an index to change one
    of them, and a commit starts two git processes fewer a folder (about 20 ms a commit)."""
    changes = {rel: (mode, blob) for mode, blob, rel in entries}
    modes: dict[str, str] = {}
    with _TreeMaker(repo) as maker:
        tree = _build_tree(repo, maker, base, "", changes, modes)
    return tree, [(modes.get(rel, mode), blob, rel) for mode, blob, rel in entries]


def _build_tree(repo: Repository, maker: _TreeMaker, tree: str | None, prefix: str,
                changes: dict[str, tuple[str, str]], modes: dict[str, str]) -> str:
    listing = tree_entries(repo, tree) if tree is not None else {}
    below: dict[str, dict[str, tuple[str, str]]] = {}
    for rel, (mode, blob) in changes.items():
        name, slash, rest = rel.partition("/")
        if slash:
            below.setdefault(name, {})[rest] = (mode, blob)
            continue
        old = listing.get(name)
        if old is not None and old[1] == "blob" and old[0] in ("100644", "100755"):
            mode = old[0]
        modes[prefix + name] = mode
        listing[name] = (mode, "blob", blob)
    for name, inner in below.items():
        old = listing.get(name)
        subtree = old[2] if old is not None and old[1] == "tree" else None
        listing[name] = ("040000", "tree",
                         _build_tree(repo, maker, subtree, f"{prefix}{name}/", inner, modes))
    return maker.make(listing)


_KINDS = {"040000": "tree", "160000": "commit"}  # by mode; every other mode is a blob's


def tree_entries(repo: Repository, tree: str) -> dict[str, tuple[str, str, str]]:
    """name -> (mode, kind, object id) of one tree, as `git ls-tree` lists them, read from
    the tree object git keeps: `<mode> <name>\\0<id, raw bytes>` an entry (git writes a
    folder's mode as 40000)."""
    try:
        oid, kind, raw = repo.object(tree)
    except ValueError:
        raise EnvironmentProblem(f"git cannot read tree {tree}") from None
    if kind != "tree":
        raise EnvironmentProblem(f"git object {tree} is a {kind}, not a tree")
    size = len(oid) // 2  # 20 bytes (SHA-1) or 32 (SHA-256)
    listing: dict[str, tuple[str, str, str]] = {}
    position = 0
    try:
        while position < len(raw):
            space = raw.index(b" ", position)
            end = raw.index(b"\0", space)
            mode = raw[position:space].decode("ascii").zfill(6)
            name = raw[space + 1:end].decode("utf-8", "surrogateescape")
            position = end + 1 + size
            if position > len(raw):
                raise ValueError("cut short")
            listing[name] = (mode, _KINDS.get(mode, "blob"), raw[end + 1:position].hex())
    except ValueError:
        raise EnvironmentProblem(f"git tree {tree} cannot be read: it is damaged") from None
    return listing


class _TreeMaker:
    """One `git mktree -z --batch` that writes every tree a commit needs, each answered with
    its id as soon as it is written (a folder's tree names the trees inside it)."""

    def __init__(self, repo: Repository) -> None:
        from newsdesk.git.batch import start_git

        self._process = start_git(repo.root, "mktree", "-z", "--batch")

    def __enter__(self) -> _TreeMaker:
        return self

    def __exit__(self, *_: object) -> None:
        _end(self._process)

    def make(self, listing: dict[str, tuple[str, str, str]]) -> str:
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        # an empty record ends a tree; no entry is ever empty (a tree has a file in it)
        data = b"".join(f"{mode} {kind} {sha}\t{name}".encode("utf-8", "surrogateescape")
                        + b"\0" for name, (mode, kind, sha) in listing.items()) + b"\0"
        try:
            process.stdin.write(data)
            process.stdin.flush()
            answer = process.stdout.readline().strip().decode("ascii", "replace")
        except OSError:
            answer = ""
        if not answer:
            said = b""
            with contextlib.suppress(OSError, ValueError):
                process.stdin.close()
                said = process.stderr.read() if process.stderr is not None else b""
            raise _git_failed("mktree", said.decode("utf-8", "replace"), "no tree written")
        return answer


def _wants_signing(repo: Repository) -> bool:
    try:
        value = _git(repo.root, ["config", "--bool", "--get", "commit.gpgsign"])
    except _GitFailed:
        return False
    return value.strip() == "true"


_MOVING = "newsdesk-moving-branch"  # in the git folder while newsdesk moves the branch


@contextlib.contextmanager
def _moving_branch(repo: Repository) -> Iterator[None]:
    """Mark the moments newsdesk's `update-ref` and `update-index` hold git's ref and index
    locks: a newsdesk killed in them leaves the mark beside the locks, and the next newsdesk
    (holding the newsroom lock, so no other newsdesk is running) knows they are its own and
    removes them."""
    mark = repo.git_dir / _MOVING
    mark.write_text(str(os.getpid()), encoding="utf-8")
    try:
        yield
    finally:
        mark.unlink(missing_ok=True)


def clear_interrupted_branch_move(repo: Repository) -> list[str]:
    """Remove the ref locks a killed newsdesk left while moving the branch (git refuses
    every later commit until they are gone); the names of the locks removed. Locks without
    newsdesk's mark, or with the mark of a process still running, are left to git."""
    mark = repo.git_dir / _MOVING
    try:
        pid = int(mark.read_text(encoding="utf-8").strip() or "0")
    except (OSError, ValueError):
        return []
    if pid and pid != os.getpid():
        try:
            os.kill(pid, 0)
            return []  # still running
        except ProcessLookupError:
            pass
        except PermissionError:
            return []
    removed = []
    for lock in (repo.git_dir / "HEAD.lock", repo.git_dir / "index.lock",
                 repo.git_dir / "refs" / "heads" / f"{branch_name(repo)}.lock"):
        if lock.is_file():
            lock.unlink(missing_ok=True)
            removed.append(lock.name)
    mark.unlink(missing_ok=True)
    return removed


def undo_commit(repo: Repository, sha: str, parent: str | None,
                paths: list[Path]) -> bool:
    """Move the branch back from `sha` to `parent` (only if nothing moved it since) and put
    the index entries of `paths` back, after the files could not be written. False when that
    could not be done (a full disk): the caller must say so, not "nothing was changed"."""
    work_tree = repo.root
    try:
        if parent is None:
            run_git(repo, "update-ref", "-d", "HEAD", sha)
        else:
            run_git(repo, "update-ref", "HEAD", parent, sha)
        rels = [p.absolute().relative_to(work_tree).as_posix() for p in paths]
        if parent is not None:
            run_git(repo, "reset", "--quiet", parent, "--", *rels)
        else:
            run_git(repo, "rm", "--cached", "--quiet", "--ignore-unmatch", "--", *rels)
    except EnvironmentProblem:
        return False
    return True


def blob_bytes(repo: Repository, blob: str) -> bytes:
    """A blob's exact bytes, through git's long-running `cat-file --batch`."""
    return repo.object(blob)[2]


def remove_stale_private_indexes(repo: Repository) -> None:
    """Private index files a killed newsdesk left behind in the git folder."""
    for leftover in repo.git_dir.glob("newsdesk-index-*"):
        try:
            pid = int(leftover.name.rsplit("-", 1)[1])
        except ValueError:
            continue
        if pid != os.getpid() and not _alive(pid):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _execute(repo: Repository, command: list[str], istream: BinaryIO) -> str:
    try:
        return _git(repo.root, command[1:], istream=istream).strip()
    except _GitFailed as error:
        raise _failed(command[1], error) from None


def init_repo(path: Path) -> Repository:
    try:
        path.mkdir(parents=True, exist_ok=True)
        _git(path, ["init", "--quiet"])
    except OSError as error:
        raise EnvironmentProblem(f"cannot create {path}: {error.strerror}") from None
    except _GitFailed as error:
        raise _failed("init", error) from None
    return open_repo(path)


def configured_person(repo: Repository) -> Person | None:
    """git's user.name and user.email for `repo`, if both are set."""
    values = []
    for key in ("user.name", "user.email"):
        try:
            values.append(_git(repo.root, ["config", "--get", key]).strip())
        except _GitFailed:
            return None
    name, email = values
    if not name or not email:
        return None
    return Person(name, email)


def changed_files(repo: Repository, ref: str, under: Path) -> set[Path]:
    """Files under `under` that differ from `ref`, plus untracked ones; `ref` is checked to be
    a commit first, so user text never reaches git as an option."""
    if ref.startswith("-"):
        raise EnvironmentProblem(f"--changed-since {shown(ref)}: not a git revision")
    try:
        _git(repo.root, ["rev-parse", "--verify", "--quiet", "--end-of-options",
                         f"{ref}^{{commit}}"])
    except _GitFailed:
        raise EnvironmentProblem(
            f"--changed-since {shown(ref)}: no such commit, branch or tag in this repository "
            "(in CI, fetch enough history: actions/checkout with fetch-depth: 0)") from None
    work_tree = repo.root
    diff, others = changed_questions(ref, under.absolute().relative_to(work_tree).as_posix())
    for question in (diff, others):  # both at once (asked already if `ahead` could)
        ask_ahead(work_tree, *question)
    names = [n for n in (run_git(repo, *diff) + "\0" + run_git(repo, *others)).split("\0")
             if n]
    return {work_tree / n for n in names}


def changed_questions(ref: str, rel: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What `changed_files` asks git, in the repository's top folder, about the files under
    `rel` (as git names it): which differ from `ref`, and which git does not track."""
    return (("diff", "--name-only", "--no-renames", "-z", "--end-of-options", ref, "--", rel),
            ("ls-files", "--others", "--exclude-standard", "-z", "--", rel))


def branch_name(repo: Repository) -> str:
    """The current branch (also on an unborn branch); 'main' when detached."""
    try:
        return _git(repo.root, ["symbolic-ref", "--short", "HEAD"]).strip()
    except _GitFailed:
        return "main"

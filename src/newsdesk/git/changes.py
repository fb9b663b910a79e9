"""Applying a change to the newsroom: write the files, commit them, or undo both.

This is the one place where a command's edits meet git. Either the files are written and
committed together, or (refusal, failed commit, Ctrl-C) every file is put back as it was and
the index is left as it was found.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.atomic import remove_stale_temp_files, write_bytes_atomic
from newsdesk.errors import EnvironmentProblem
from newsdesk.git import store as gitstore
from newsdesk.git.locks import newsroom_lock

if TYPE_CHECKING:
    from newsdesk.git.store import Repository
    from newsdesk.models.staff import StaffMember
    from newsdesk.newsroom import Newsroom


@dataclass(frozen=True)
class Commit:
    sha: str
    paths: tuple[str, ...]


def trailers(**fields: str) -> str:
    """Machine-readable lines at the end of a commit message (`Newsdesk-Story: <id>`)."""
    lines = []
    for key, value in fields.items():
        name = "Newsdesk-" + "-".join(part.capitalize() for part in key.split("_"))
        flat = " ".join(value.split())
        lines.append(f"{name}: {flat}")
    return "\n".join(lines)


def commit_message(action: str, story_id: str, target: str, source: str | None = None,
                   comment: str | None = None, blob: str | None = None) -> str:
    """newsdesk's commit message: a subject naming the story and the transition, the comment
    (review note, correction, reason) as the body, and trailers that `log` and `audit` read."""
    move = f": {source} -> {target}" if source and source != target else ""
    parts = [f"newsdesk: {action} {story_id}{move}"]
    if comment and comment.strip():
        parts.append(comment.strip())
    fields = {"story": story_id, "action": action}
    if source:
        fields["from"] = source
    fields["status"] = target
    if blob:
        fields["blob"] = blob
    parts.append(trailers(**fields))
    return "\n\n".join(parts)


@contextlib.contextmanager
def locked(newsroom: Newsroom) -> Iterator[Repository]:
    """Hold the newsroom lock around a read-modify-commit; yields the git repository."""
    repo = gitstore.open_repo(newsroom.root)
    timeout = newsroom.config.workflow.lock_timeout_seconds
    with newsroom_lock(repo.git_dir, timeout), newsroom.listing_kept():
        gitstore.clear_interrupted_branch_move(repo)
        for rel in finish_interrupted(newsroom, repo):
            # said here, on stderr, because it happens before whatever the command prints
            sys.stderr.write(f"newsdesk: finished an interrupted change: wrote {rel} as it "
                             "was committed\n")
        yield repo


def finish_interrupted(newsroom: Newsroom, repo: Repository) -> list[str]:
    """Finish a change an earlier newsdesk was killed in the middle of.

    newsdesk commits first and writes the story file after, so a kill (or a full disk that
    also stopped the undo) between the two leaves the branch at newsdesk's commit while the
    file still holds the previous version; a `git commit -a` would then quietly revert the
    change. When the branch's last commit is newsdesk's (it names the blob it committed)
    and the story file still holds exactly the parent's version, the file is written as
    committed. A file someone changed since is never touched. Returns what was finished."""
    from newsdesk.git.history import is_object_id, read_commit

    head = gitstore.head_sha(repo)
    if head is None:
        return []
    commit = read_commit(repo, head)
    blob = commit.trailer("Newsdesk-Blob")
    story_id = commit.trailer("Newsdesk-Story")
    if not blob or not story_id or not is_object_id(blob) or not commit.parents:
        return []
    work_tree = repo.root
    stories_rel = newsroom.stories_dir.absolute().relative_to(work_tree).as_posix()
    # the files that commit changed (not every story at HEAD: 100,000 names in a decade)
    listed = gitstore.run_git(repo, "diff-tree", "-r", "-z", "--name-only", "--no-commit-id",
                              "--no-renames", commit.parents[0], head, "--", stories_rel)
    rels = [r for r in listed.split("\0") if r.rsplit("/", 1)[-1] == f"{story_id}.md"]
    if len(rels) != 1:
        return []
    rel = rels[0]
    path = work_tree / rel
    current = gitstore.run_git(repo, "hash-object", f"--path={rel}", "--", str(path)).strip() \
        if path.exists() else None
    if current == blob:
        return []
    try:
        previous = gitstore.run_git(repo, "rev-parse", "--verify", "--quiet",
                                    f"{commit.parents[0]}:{rel}").strip()
    except EnvironmentProblem:
        previous = None
    if current != previous:
        return []  # someone changed the file since: theirs to commit or discard
    data = gitstore.blob_bytes(repo, blob)
    write_bytes_atomic(path, data)
    mode = gitstore.run_git(repo, "ls-tree", head, "--", rel).split()[0]
    gitstore.run_git(repo, "update-index", "--add", "--cacheinfo", f"{mode},{blob},{rel}")
    return [newsroom.relative(path)]


def _clear_interrupted_writes(newsroom: Newsroom, files: dict[Path, bytes]) -> None:
    """Delete the temp files interrupted writes left beside the files this change writes
    (an atomic write's temp file lies beside its target), or in every month folder when the
    change listed them all anyway (a new story's id). Sweeping 100,000 names for each
    change would cost more than the rest of a `submit`; the temp files are ignored by git
    and by newsdesk meanwhile, and the next change in their folder removes them."""
    listing = newsroom.kept_listing()
    if listing is None:
        listing = {}
        for folder in {str(path.parent) for path in files}:
            with contextlib.suppress(OSError):
                listing[folder] = [entry.name for entry in os.scandir(folder)]
    remove_stale_temp_files(listing)


def apply(newsroom: Newsroom, repo: Repository, files: dict[Path, bytes],
          message: str | Callable[[dict[str, str]], str], member: StaffMember) -> Commit:
    """Commit `files` as `member`, then write them into the working tree. A failure before
    the branch moves changes nothing at all; a failure writing the files moves the branch
    back and restores them."""
    gitstore.check_ready(repo)
    gitstore.remove_stale_private_indexes(repo)
    _clear_interrupted_writes(newsroom, files)
    sha, parent = gitstore.commit_files(repo, files, message,
                                        gitstore.Person(member.name, member.email))
    originals: dict[Path, bytes | None] = {}
    created_dirs: list[Path] = []
    try:
        for path, data in files.items():
            originals[path] = path.read_bytes() if path.exists() else None
            folder = path.parent
            missing = [d for d in (folder, *folder.parents) if not d.exists()]
            folder.mkdir(parents=True, exist_ok=True)
            created_dirs.extend(reversed(missing))
            write_bytes_atomic(path, data)
    except BaseException as error:
        for path, old in originals.items():
            with contextlib.suppress(OSError):
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    write_bytes_atomic(path, old)
        for folder in reversed(created_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        undone = gitstore.undo_commit(repo, sha, parent, list(files))
        if isinstance(error, OSError):
            where = newsroom.relative(Path(error.filename)) if error.filename else "a story"
            if not undone:
                raise EnvironmentProblem(
                    f"cannot write {where}: {error.strerror}. The change was committed "
                    f"({sha[:10]}) but its file could not be written, and the commit could not "
                    "be undone either; your files are as they were. Free some space and run "
                    "any newsdesk command: it finishes the change (or drop it with "
                    f"'git reset --hard {(parent or '')[:10]}')") from None
            raise EnvironmentProblem(f"cannot write {where}: {error.strerror}; nothing was "
                                     "changed") from None
        raise
    gitstore.extend_commit_graph(repo)
    return Commit(sha, tuple(newsroom.relative(p) for p in files))

"""The history index: which commits touched each story, without walking a decade of history
for every `show`, `log` or `approve`.

On a newsroom of 300,000 commits, `git log -- ONE-STORY` visits every commit even with
git's changed-path Bloom filters (about 0.4 s of the half second `show` took), and that
grows with every day's work. The index records, once, every commit that changed a file
under the stories folder and which files it changed, in the order git lists them (oldest
first, parents before children), in one SQLite file under `.newsdesk/cache/`. A command then
asks git one question, the commit HEAD names: the same as the index's, and the story's
commits are one lookup. When HEAD moved, only the new commits are read (`git log
BASE..HEAD`, where BASE is the merge base of the old and the new HEAD); commits that left
the branch (a `sync` that rebased local work, a reset) are dropped first, so a rebase costs
the few commits it moved, not a rebuild.

The index is a cache of what git says, never a second source of truth. It is made by
`newsdesk init` and `newsdesk index`, and kept up to date by the commands that read it;
without it (an older newsroom, a fresh clone, a damaged or locked file) the same commands
ask git directly, with the same answer, as they always did. `newsdesk audit`, the check CI
relies on, never reads it. It is SQLite, not pickle: a tampered file can at worst list the
wrong commits for a story, each of which is then read from git itself; it cannot run code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk import sqlitecache
from newsdesk.errors import EnvironmentProblem
from newsdesk.git import store as gitstore
from newsdesk.git.history import LOG_NAMES, by_commit, is_object_id

if TYPE_CHECKING:
    from newsdesk.git.store import Repository
    from newsdesk.newsroom import Newsroom

FILE = Path(".newsdesk") / "cache" / "history.sqlite"
FORMAT = "1"
_BATCH = 20000  # rows inserted per statement batch while building

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS touch (seq INTEGER PRIMARY KEY, sha TEXT NOT NULL,
                                  path TEXT NOT NULL);  -- see gitstore.path_key
CREATE INDEX IF NOT EXISTS touch_by_path ON touch (path, seq);
CREATE INDEX IF NOT EXISTS touch_by_sha ON touch (sha);
"""


class HistoryIndex:
    """The index of one newsroom: `scope` is its stories folder as git names it."""

    def __init__(self, file: Path, repo: Repository, scope: str) -> None:
        self.file = file
        self.repo = repo
        self.scope = scope.rstrip("/")

    @classmethod
    def of(cls, newsroom: Newsroom, repo: Repository) -> HistoryIndex:
        return cls(newsroom.root / FILE, repo, repo.relative(newsroom.stories_dir))

    def exists(self) -> bool:
        return self.file.is_file()

    def commits(self, rel: str) -> list[str] | None:
        """The commits that changed the file `rel` (as git names it), oldest first, or None
        when the index cannot answer (it does not exist, covers another folder, cannot be
        read or written): the caller then asks git."""
        found = self.commits_of([rel])
        return None if found is None else found[rel]

    def commits_of(self, rels: list[str]) -> dict[str, list[str]] | None:
        """`commits` of each of `rels`, brought up to date with HEAD once for them all (the
        review queue asks for every story in review), or None when the index cannot answer
        for every one of them."""
        if not all(rel.startswith(self.scope + "/") for rel in rels) or not self.exists() \
                or self._shallow():
            return None
        found: dict[str, list[str]] = {}
        try:
            with sqlitecache.connection(self.file) as db:
                if not self._bring_up_to_date(db, create=False):
                    return None
                for rel in rels:
                    rows = db.execute("SELECT sha FROM touch WHERE path = ? ORDER BY seq",
                                      (gitstore.path_key(rel),)).fetchall()
                    shas = [str(sha) for (sha,) in rows]
                    if not all(is_object_id(sha) for sha in shas):
                        return None
                    found[rel] = shas
        except (sqlite3.Error, OSError, EnvironmentProblem):
            return None
        return found

    def update(self) -> int:
        """Create the index or bring it up to date with HEAD; returns the number of commits
        it holds. A file that is not an index (damaged, or something else) is made again;
        failures are EnvironmentProblems naming the file."""
        if self._shallow():  # an index of part of the history would outlive the unshallow
            raise EnvironmentProblem(
                "this is a shallow clone, so the history index cannot be made: fetch the "
                "whole history first (git fetch --unshallow)")
        return sqlitecache.make(self.file, "the history index", self._update)

    def _update(self) -> int:
        with sqlitecache.connection(self.file) as db:
            self._bring_up_to_date(db, create=True)
            (count,) = db.execute("SELECT COUNT(DISTINCT sha) FROM touch").fetchone()
        return int(count)

    def _shallow(self) -> bool:
        """A shallow clone has only part of the history; once deepened, HEAD is the same
        commit, so an index made before would go on answering with part of it."""
        return (self.repo.common_dir / "shallow").exists()

    def _bring_up_to_date(self, db: sqlite3.Connection, create: bool) -> bool:
        """Make the index describe HEAD; False when it cannot (no commit yet, or `create`
        is off and the file is not an index of this folder)."""
        if create:
            db.executescript(_SCHEMA)
        head = gitstore.head_sha(self.repo)
        if head is None:
            return False
        if not create and sqlitecache.meta(db, "head") == head and self._describes_scope(db):
            return True  # the common case: nothing committed since the last command
        with sqlitecache.writing(db):
            ours = self._describes_scope(db)
            if not ours and not create:
                return False
            known = sqlitecache.meta(db, "head") if ours else None  # None: from nothing
            if known != head:
                self._move(db, known, head)
                self._set_meta(db, head)
        return True

    def _describes_scope(self, db: sqlite3.Connection) -> bool:
        return sqlitecache.describes(db, FORMAT, self.scope)

    def _set_meta(self, db: sqlite3.Connection, head: str) -> None:
        db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       [("format", FORMAT), ("scope", self.scope), ("head", head)])

    def _move(self, db: sqlite3.Connection, known: str | None, head: str) -> None:
        """From the commit the index describes to `head`: drop what left the branch, add
        what is new since the two histories last met."""
        base = _merge_base(self.repo, known, head) if known else None
        if base is None:
            self._build(db, head)
            return
        if base != known:
            gone = gitstore.run_git(self.repo, "rev-list", f"{base}..{known}").split()
            db.executemany("DELETE FROM touch WHERE sha = ?", [(sha,) for sha in gone])
        records = gitstore.stream_git(self.repo, "log", *LOG_NAMES, "--topo-order",
                                      "--reverse", f"{base}..{head}", "--", self.scope)
        _insert(db, ((None, sha, path) for sha, paths in by_commit(records)
                     for path in sorted(paths)))

    def _build(self, db: sqlite3.Connection, head: str) -> None:
        """The whole history, newest first as git streams it (with `--reverse` git would
        hold all 300,000 commits before writing the first), numbered down from zero so that
        ascending order is oldest first and later commits are numbered up from there."""
        db.execute("DELETE FROM touch")
        records = gitstore.stream_git(self.repo, "log", *LOG_NAMES, "--topo-order", head,
                                      "--", self.scope)
        rows = ((sha, path) for sha, paths in by_commit(records) for path in sorted(paths))
        _insert(db, ((-number, sha, path) for number, (sha, path) in enumerate(rows, 1)))


def _insert(db: sqlite3.Connection, rows: Iterable[tuple[int | None, str, str]]) -> None:
    batch: list[tuple[int | None, str, str | bytes]] = []
    for seq, sha, path in rows:
        batch.append((seq, sha, gitstore.path_key(path)))
        if len(batch) >= _BATCH:
            db.executemany("INSERT INTO touch (seq, sha, path) VALUES (?, ?, ?)", batch)
            batch = []
    db.executemany("INSERT INTO touch (seq, sha, path) VALUES (?, ?, ?)", batch)


def _merge_base(repo: Repository, known: str, head: str) -> str | None:
    """Where the indexed history and HEAD's last met; None when they never did (or the
    indexed commit no longer exists), and the index starts again."""
    if not is_object_id(known):
        return None
    try:
        base = gitstore.run_git(repo, "merge-base", known, head).strip()
    except EnvironmentProblem:
        return None
    return base if is_object_id(base) else None

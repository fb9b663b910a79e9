"""The summary index: what `list` and `review` show of each story, without reading every
story each time.

A newsroom of a decade holds 100,000 stories; reading and parsing each front matter takes
about 40 seconds, for a review queue of thirty. The index keeps each story's summary
(`Summary`, or the one line saying why it cannot be read) with the git blob of its file and
its status, for the tree of `stories/` at HEAD, in one SQLite file
(`.newsdesk/cache/summaries.sqlite`): a status is one indexed lookup, and a commit that
changes one story changes one row (a JSON file per status, as newsdesk kept it before, made
the first `list` after each commit read and write all 100,000 summaries: two seconds). A
command asks git three questions, all answered from git's own index and object store in C:

- what is the tree of `stories/` at HEAD? The same as last time: nothing to do;
- if not, which files differ between the tree the index was made for and this one
  (`git diff-tree`)? Only those are read, from git's objects;
- which story files differ from HEAD in the work tree, or are new (`git status`)? Those are
  read from disk for this command and never stored, so a reporter's unsaved-to-git edit is
  shown as it is and the index only ever records committed files.

Like the validation cache, it is a cache: safe to delete, made again when it is damaged or
its format or newsdesk's version changes, and it holds JSON, so a tampered one can
misreport a headline in a list but never runs code. A newsroom where it cannot be written
(read-only) reads every story instead. Commands that act on a story (submit, approve,
show) always read the story file itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk import __version__
from newsdesk.errors import EnvironmentProblem, NewsdeskError
from newsdesk.newsroom import STATE_DIR, SYMLINK_REFUSED, is_story_name
from newsdesk.story.store import Summary, summarise_bytes

if TYPE_CHECKING:
    import sqlite3

    from newsdesk.git.store import Repository
    from newsdesk.newsroom import Newsroom

INDEX_FILE = Path(STATE_DIR) / "cache" / "summaries.sqlite"
_JSON_INDEX_DIR = Path(STATE_DIR) / "cache" / "summaries"  # the index of newsdesk before
FORMAT = "2"
UNREADABLE = "unreadable"  # the bucket of stories that cannot be read
_LINK_MODE = "120000"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # rel: relative to the newsroom, as text (bytes for a name that is not UTF-8); bucket:
    # the status, or "unreadable"; record: JSON, [summary or null, problem or null]
    "CREATE TABLE IF NOT EXISTS story (rel PRIMARY KEY, blob TEXT NOT NULL, "
    "bucket TEXT NOT NULL, record TEXT NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS story_bucket ON story (bucket)",
)


class _Damaged(Exception):
    """A row of the index that cannot be what newsdesk wrote."""


@dataclass(frozen=True)
class Indexed:
    """One story file as the index knows it: its summary, or why it cannot be read."""

    rel: str  # relative to the newsroom root, as `list` prints it
    summary: Summary | None
    problem: str | None

    @property
    def bucket(self) -> str:
        return self.summary.status if self.summary is not None else UNREADABLE

    def record(self) -> str:
        """As JSON, in UTF-8 where it can be: a file name that is not UTF-8 (git keeps a
        name's bytes as they are; they reach Python as lone surrogates, which SQLite's
        text cannot hold) is written as JSON escapes, which read back as the same name."""
        fields = [self.summary.__dict__ if self.summary else None, self.problem]
        text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(fields, separators=(",", ":"))
        return text


def stories(newsroom: Newsroom, status: str | None = None) -> list[Indexed] | None:
    """Every story file (or only those with `status`, plus the unreadable ones, whose
    status nobody knows), in the order of `Newsroom.story_files`; None when the newsroom is
    not in a git repository with a commit, where callers read every story instead."""
    from newsdesk.git import store as gitstore

    try:
        repo = gitstore.open_repo(newsroom.root)
        stories_rel = repo.relative(newsroom.stories_dir)
        tree = gitstore.run_git(repo, "rev-parse", "--verify", "-q",
                                f"HEAD:{stories_rel}").strip()
    except NewsdeskError:
        return None
    if not tree:
        return None
    index = _Index(newsroom, repo, stories_rel)
    wanted = None if status is None else {status, UNREADABLE}
    try:
        found = index.entries_at(tree, wanted)
    except EnvironmentProblem:  # it cannot be written here (a read-only newsroom)
        return None
    for rel, item in _work_tree_changes(newsroom, repo, stories_rel).items():
        if item is None or (wanted is not None and item.bucket not in wanted):
            found.pop(rel, None)
        else:
            found[rel] = item
    return [found[rel] for rel in sorted(found, key=story_order)]


def story_order(rel: str) -> tuple[str, ...]:
    return tuple(rel.split("/"))


def is_story(rel_in_stories: str) -> bool:
    parts = rel_in_stories.split("/")
    return len(parts) == 3 and is_story_name(parts[2])


class _Index:
    def __init__(self, newsroom: Newsroom, repo: Repository, stories_rel: str) -> None:
        self.newsroom = newsroom
        self.repo = repo
        self.stories_rel = stories_rel
        self.file = newsroom.root / INDEX_FILE

    def entries_at(self, tree: str, wanted: set[str] | None) -> dict[str, Indexed]:
        """The stories of `tree` (those in the `wanted` buckets), bringing the index to it
        first; a file that is not an index, or holds a row newsdesk did not write, is made
        again from git."""
        from newsdesk import sqlitecache

        def read() -> dict[str, Indexed]:
            with sqlitecache.connection(self.file) as db:
                self._bring_to(db, tree)
                try:
                    return self._entries(db, wanted)
                except _Damaged:
                    with sqlitecache.writing(db):
                        db.execute("DELETE FROM meta")
                    self._bring_to(db, tree)
                    return self._entries(db, wanted)

        return sqlitecache.make(self.file, "the summary index", read)

    def _entries(self, db: sqlite3.Connection, wanted: set[str] | None
                 ) -> dict[str, Indexed]:
        rows = db.execute("SELECT rel, record FROM story") if wanted is None else \
            db.execute(f"SELECT rel, record FROM story WHERE bucket IN "
                       f"({', '.join('?' * len(wanted))})", sorted(wanted))
        out: dict[str, Indexed] = {}
        for key, record in rows:
            rel = key.decode("utf-8", "surrogateescape") if isinstance(key, bytes) else key
            try:
                summary, problem = json.loads(record)
                out[rel] = Indexed(rel, _summary(summary) if summary else None, problem)
            except (TypeError, ValueError, KeyError):
                raise _Damaged(rel) from None
        return out

    def _bring_to(self, db: sqlite3.Connection, tree: str) -> None:
        """Update the index from the tree it was made for to `tree`, reading only the files
        that differ (all of them the first time), as one transaction."""
        from newsdesk import sqlitecache
        from newsdesk.git import store as gitstore

        if self._describes(db) and sqlitecache.meta(db, "tree") == tree:
            return  # the common case: nothing committed since the last command
        with sqlitecache.writing(db):
            for statement in _SCHEMA:
                db.execute(statement)
            known = sqlitecache.meta(db, "tree") if self._describes(db) else None
            if known == tree:
                return  # another newsdesk brought it here meanwhile
            changes = self._changes(known, tree)
            if changes is None:
                db.execute("DELETE FROM story")
                changes = list(listed(gitstore.run_git(self.repo, "ls-tree", "-r", "-z", tree)))
            files: list[tuple[str, str, str]] = []  # (rel, mode, blob) to read
            for path, mode, blob in changes:
                if not is_story(path):
                    continue
                rel = self.newsroom.relative(self.repo.root / self.stories_rel / path)
                db.execute("DELETE FROM story WHERE rel = ?", (gitstore.path_key(rel),))
                if blob is not None:  # None: deleted
                    files.append((rel, mode, blob))
            with self.newsroom.progress_over(len(files), "Indexing") as advance:
                for (rel, _, blob), (bucket, record) in self._summarised(files):
                    db.execute("INSERT INTO story (rel, blob, bucket, record) "
                               "VALUES (?, ?, ?, ?)", (gitstore.path_key(rel), blob, bucket,
                                                       record))
                    if advance is not None:
                        advance(1)
            db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           [("format", FORMAT), ("scope", self.stories_rel),
                            ("newsdesk", __version__), ("tree", tree)])
        _forget_json_index(self.newsroom)

    def _describes(self, db: sqlite3.Connection) -> bool:
        from newsdesk import sqlitecache

        return sqlitecache.describes(db, FORMAT, self.stories_rel) \
            and sqlitecache.meta(db, "newsdesk") == __version__

    def _changes(self, known: str | None, tree: str
                 ) -> list[tuple[str, str, str | None]] | None:
        """What differs from the tree the index describes; None: read everything."""
        from newsdesk.git import store as gitstore

        if not known:
            return None
        try:
            raw = gitstore.run_git(self.repo, "diff-tree", "-r", "-z", "--no-renames",
                                   known, tree)
        except EnvironmentProblem:  # the old tree is gone (gc after a rewrite)
            return None
        return list(differences(raw))

    def _summarised(self, files: list[tuple[str, str, str]]
                    ) -> Iterator[tuple[tuple[str, str, str], tuple[str, str]]]:
        """Each of `files` with its bucket and record: in one process a CPU when there are
        thousands (the whole index made from nothing: 100,000 stories parsed and checked
        against the model), here otherwise, each read through one stream from git."""
        from newsdesk.git.batch import in_workers

        root = self.newsroom.root
        chunks = in_workers(root, files, _summaries_of) or (
            (chunk, _summaries_of(root, chunk))
            for chunk in (files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)))
        for chunk, found in chunks:
            yield from zip(chunk, found, strict=True)


_CHUNK = 1000  # files read through one stream from git, in this process


def _summaries_of(root: Path, files: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(bucket, record) of each (rel, mode, blob) of the newsroom at `root`, its blob read
    through a git of its own: what a worker process does."""
    from newsdesk.git.batch import objects
    from newsdesk.newsroom import Newsroom

    newsroom = Newsroom(root)
    found: list[tuple[str, str]] = []
    for (rel, mode, _), (answer,) in objects(root, ((file, [file[2]]) for file in files)):
        if mode == _LINK_MODE:
            item = Indexed(rel, None, f"{rel}: {SYMLINK_REFUSED}")
        elif answer is None or answer[1] != "blob":
            item = Indexed(rel, None, f"{rel}: cannot read the committed file")
        else:
            item = _indexed(newsroom, rel, answer[2])
        found.append((item.bucket, item.record()))
    return found


def _forget_json_index(newsroom: Newsroom) -> None:
    """The files of the index as newsdesk kept it before (a JSON file per status): 40 MB at
    100,000 stories that nothing reads any more."""
    import shutil

    folder = newsroom.root / _JSON_INDEX_DIR
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def _indexed(newsroom: Newsroom, rel: str, raw: bytes) -> Indexed:
    result = summarise_bytes(newsroom, rel, raw)
    if isinstance(result, Summary):
        return Indexed(rel, result, None)
    return Indexed(rel, None, result)


def listed(raw: str) -> Iterable[tuple[str, str, str | None]]:
    """(path, mode, blob) of each file in `git ls-tree -r -z` output."""
    for record in raw.split("\0"):
        if not record:
            continue
        head, _, path = record.partition("\t")
        mode, kind, blob = head.split(" ")
        if kind == "blob":
            yield path, mode, blob


def differences(raw: str) -> Iterable[tuple[str, str, str | None]]:
    """(path, new mode, new blob or None when deleted) of each file in `git diff-tree -r -z`
    output (":old-mode new-mode old-blob new-blob status" then the path)."""
    fields = raw.split("\0")
    for head, path in zip(fields[0::2], fields[1::2], strict=False):
        if not head.startswith(":"):
            continue
        _, mode, _, blob, status = head[1:].split(" ")
        yield path, mode, None if status.startswith("D") else blob


def _work_tree_changes(newsroom: Newsroom, repo: Repository,
                       stories_rel: str) -> dict[str, Indexed | None]:
    """Story files that differ from HEAD in the work tree (modified, new, deleted), read
    from disk; None for a file that is gone."""
    changed: dict[str, Indexed | None] = {}
    for rel, absolute in changed_in_work_tree(newsroom, repo, stories_rel):
        if absolute.is_symlink():
            changed[rel] = Indexed(rel, None, f"{rel}: {SYMLINK_REFUSED}")
            continue
        try:
            data = absolute.read_bytes()
        except FileNotFoundError:
            changed[rel] = None
            continue
        except OSError as error:
            changed[rel] = Indexed(rel, None, f"{rel}: cannot read: {error.strerror}")
            continue
        changed[rel] = _indexed(newsroom, rel, data)
    return changed


def changed_in_work_tree(newsroom: Newsroom, repo: Repository, stories_rel: str
                         ) -> Iterator[tuple[str, Path]]:
    """(rel, absolute path) of each story file that differs from HEAD in the work tree:
    modified, new or deleted, by `git status`, which answers from git's index in C."""
    from newsdesk.git import store as gitstore
    from newsdesk.newsroom import STORIES_DIR

    # asked in the newsroom's folder, as `newsdesk.cli.ahead` asks it before start-up: its
    # paths are relative to the repository all the same
    raw = gitstore.run_git_in(newsroom.root, *gitstore.work_tree_status(STORIES_DIR))
    prefix = f"{stories_rel}/"
    for record in raw.split("\0"):
        if len(record) < 4 or not record[3:].startswith(prefix):
            continue
        path = record[3:]
        if is_story(path[len(prefix):]):
            absolute = repo.root / path
            yield newsroom.relative(absolute), absolute


def _summary(record: dict[str, Any]) -> Summary:
    return Summary(**{**record, "tags": tuple(record.get("tags", ()))})

"""The text index: which stories could hold a word, so that `search` reads the handful of
stories that might match instead of every file of a decade.

`search` matches text inside headlines, deks, names and body lines, and a story can only
match when every word of the search is somewhere in its file. Reading 100,000 files to find
that out took seconds; the index answers it in milliseconds. It holds, for the tree of
`stories/` at HEAD, the words of each story file (runs of letters, digits and underscores,
case-folded, exactly as `search` splits them) in SQLite's full-text engine (FTS5). A
searched word matches inside words ("kyiv" finds "kyivstar"), so each one is first looked
up in the list of every word the newsroom uses (itself indexed by three-letter pieces,
FTS5's trigram tokenizer), and the stories holding any of those are what FTS5 returns. The
answer is a superset: every story it names is then read from disk and matched exactly as
without the index, so the index can make `search` read more than it needs, never find
less, as long as it describes the committed files:

- it is brought to HEAD's tree by the commands that read it, from the files that differ
  (`git diff-tree`), like the summary index (when the tree it describes is gone, a
  rewritten history collected by `git gc`, it is made again from HEAD's, once);
- story files that differ from HEAD in the work tree (`git status`) are always read, since
  the index records only committed files;
- a file whose words YAML may spell differently (a backslash escape) and a symlink are
  always read too.

Words are stored under numbers of newsdesk's own (FTS5 sees `w17 w2048 ...`), so that
which characters make a word is Python's decision, the same as `search`'s, not the
tokenizer's. A story's old entry is dropped from the list of documents when its file
changes; its words stay in FTS5, unreachable, until `newsdesk index` makes the index again
(it does when such leftovers outnumber the stories). Like every cache here it is safe to
delete (made by `newsdesk init` and `newsdesk index`; without it `search` reads every file),
and SQLite, not pickle: a tampered file can make `search` miss a story, never run code,
and nothing but `search` reads it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk import sqlitecache
from newsdesk.errors import EnvironmentProblem, NewsdeskError
from newsdesk.git import store as gitstore

if TYPE_CHECKING:
    from newsdesk.git.store import Repository
    from newsdesk.newsroom import Newsroom

FILE = Path(".newsdesk") / "cache" / "search.sqlite"
FORMAT = "1"
WORD = re.compile(r"\w+")  # what `search` takes a word to be
# A searched word found inside more of the newsroom's words than this ("e", "the") narrows
# the search too little to be worth a query of thousands of terms; it is matched on reading.
NARROWING_LIMIT = 2000
_WORDS_ASKED = 8  # of a long search, only its rarest words go to FTS5 (the rest on reading)
# Unreachable entries `newsdesk index` tolerates before making the index again, beyond one
# for each story.
_LEFTOVER_ALLOWANCE = 1000
_BATCH = 2000  # stories inserted per statement batch while building
_LINK_MODE = "120000"

_TABLES = {
    "meta": "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "words": "CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT UNIQUE NOT NULL)",
    # paths as gitstore.path_key keeps them; AUTOINCREMENT: a number is never given twice,
    # since FTS5 still holds the words of a story's earlier versions under theirs
    "docs": "CREATE TABLE docs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "path TEXT UNIQUE NOT NULL, every INTEGER NOT NULL)",
    "postings": "CREATE VIRTUAL TABLE postings "
                "USING fts5(terms, content='', detail='none', tokenize='ascii')",
    # each word again, by its three-letter pieces: the words a searched word is part of,
    # without reading the whole list
    "spellings": "CREATE VIRTUAL TABLE spellings "
                 "USING fts5(word, tokenize='trigram case_sensitive 1')",
}


# Every byte but an ASCII letter, digit or underscore (what WORD matches in ASCII text) to a
# space, for `words_of`'s fast path
_ASCII_GAPS = bytes(byte if chr(byte).isascii() and (chr(byte).isalnum() or byte == ord("_"))
                    else ord(" ") for byte in range(256))


def words_of(raw: bytes) -> set[str] | None:
    """The words of a story file as `search` splits a search (WORD, case-folded); None when
    the file must always be read (see `folded`). An ASCII file's words come from
    `bytes.translate` and `split`, the same words in a third of the regular expression's
    time: the bulk of making the index for 100,000 stories."""
    if raw.isascii():
        if b"\\" in raw:
            return None
        return set(raw.lower().translate(_ASCII_GAPS).decode("ascii").split())
    text = folded(raw)
    return None if text is None else set(WORD.findall(text))


def folded(raw: bytes) -> str | None:
    """A story file's text as `search` compares it (case-folded); None when the values YAML
    reads from it may be spelt otherwise in the file (a backslash escape such as "\\u2019"),
    so that only reading the story can say whether it matches."""
    if b"\\" in raw:
        return None
    return raw.decode("utf-8", "replace").casefold()


class TextIndex:
    """The index of one newsroom: `scope` is its stories folder as git names it."""

    def __init__(self, newsroom: Newsroom, repo: Repository) -> None:
        self.newsroom = newsroom
        self.repo = repo
        self.scope = repo.relative(newsroom.stories_dir).rstrip("/")
        self.file = newsroom.root / FILE

    @classmethod
    def of(cls, newsroom: Newsroom) -> TextIndex | None:
        """The newsroom's index, or None outside a git repository."""
        try:
            return cls(newsroom, gitstore.open_repo(newsroom.root))
        except (NewsdeskError, ValueError):
            return None

    def candidates(self, words: Iterable[str]) -> list[str] | None:
        """The stories (paths relative to the newsroom, in story order) that could hold
        every one of `words` (case-folded, as WORD splits them), or None when the index
        cannot narrow the search: it does not exist or cannot be read, there is no commit
        yet, or no word is rare enough. The caller then reads every story."""
        wanted = sorted(set(words))
        if not wanted or not self.file.is_file():
            return None
        try:
            with sqlitecache.connection(self.file) as db:
                if not self._bring_up_to_date(db, create=False):
                    return None
                found = _matching(db, wanted)
        except (sqlite3.Error, OSError, EnvironmentProblem):
            return None
        if found is None:
            return None
        from newsdesk.story.index import changed_in_work_tree, story_order

        try:
            changed = list(changed_in_work_tree(self.newsroom, self.repo, self.scope))
        except EnvironmentProblem:
            return None
        prefix = self.newsroom.relative(self.repo.root / self.scope)
        root = self.newsroom.root
        # a committed file absent from the work tree without git calling it deleted (a
        # sparse checkout) is not there to search, as when every file is listed
        rels = {rel for rel in (f"{prefix}/{path}" for path in found)
                if os.path.lexists(root / rel)}
        for rel, absolute in changed:
            if absolute.exists() or absolute.is_symlink():
                rels.add(rel)  # read from disk, whatever the index says of it
            else:
                rels.discard(rel)  # deleted in the work tree
        return sorted(rels, key=story_order)

    def update(self) -> int:
        """Create the index or bring it up to date with HEAD, making it again when stale
        entries outnumber the stories; returns the number of stories it holds. Failures are
        EnvironmentProblems naming the file."""
        return sqlitecache.make(self.file, "the text index", self._update)

    def _update(self) -> int:
        with sqlitecache.connection(self.file) as db:
            self._bring_up_to_date(db, create=True)
            (count,) = db.execute("SELECT COUNT(*) FROM docs").fetchone()
        return int(count)

    def _tree(self) -> str | None:
        tree = gitstore.run_git(self.repo, "rev-parse", "--verify", "-q",
                                f"HEAD:{self.scope}").strip()
        return tree or None

    def _bring_up_to_date(self, db: sqlite3.Connection, create: bool) -> bool:
        """Make the index describe HEAD's stories; False when it cannot (nothing committed
        there yet, or `create` is off and the file is not an index of this folder)."""
        try:
            tree = self._tree()
        except EnvironmentProblem:
            return False
        if tree is None:  # no story committed yet: an empty index, filled once there is
            if create:
                with sqlitecache.writing(db):
                    if not self._describes_scope(db):
                        _make_tables(db)
                        _set_scope(db, self.scope)
            return False
        if not create and self._describes_scope(db) and sqlitecache.meta(db, "tree") == tree:
            return True  # the common case: nothing committed since the last search
        with sqlitecache.writing(db):
            if not self._describes_scope(db):
                if not create:
                    return False
                _make_tables(db)  # for another folder or format: made again from nothing
                known = None
            else:
                known = sqlitecache.meta(db, "tree")
            if create and _stale(db):
                known = None
            if known != tree:
                self._move(db, known, tree)
            _set_scope(db, self.scope)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('tree', ?)", (tree,))
        return True

    def _describes_scope(self, db: sqlite3.Connection) -> bool:
        return sqlitecache.describes(db, FORMAT, self.scope)

    def _move(self, db: sqlite3.Connection, known: str | None, tree: str) -> None:
        """From the tree the index describes to `tree`, reading only the files that differ
        (every file when the index starts again)."""
        from newsdesk.story.index import differences, is_story, listed

        changes = None
        if known is not None:
            try:
                changes = list(differences(gitstore.run_git(
                    self.repo, "diff-tree", "-r", "-z", "--no-renames", known, tree)))
            except EnvironmentProblem:  # the old tree is gone (gc after a rewrite)
                changes = None
        vocabulary = _Vocabulary(db, fresh=changes is None)
        if changes is None:
            for table in ("meta", "words", "docs", "spellings"):
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT INTO postings (postings) VALUES ('delete-all')")
            db.execute("DELETE FROM sqlite_sequence")  # nothing left to confuse: from 1
            changes = list(listed(gitstore.run_git(self.repo, "ls-tree", "-r", "-z", tree)))
        changes = [change for change in changes if is_story(change[0])]
        dropped = 0
        for path, _, _ in changes:
            dropped += db.execute("DELETE FROM docs WHERE path = ?",
                                  (gitstore.path_key(path),)).rowcount
        _set_leftovers(db, (0 if vocabulary.fresh else _leftovers(db)) + dropped)
        added = [(path, mode, blob) for path, mode, blob in changes if blob is not None]
        with self.newsroom.progress_over(len(added), "Indexing text") as advance:
            self._add(db, vocabulary, added, advance)
        if vocabulary.fresh:
            db.execute("INSERT INTO postings (postings) VALUES ('optimize')")

    def _add(self, db: sqlite3.Connection, vocabulary: _Vocabulary,
             files: Sequence[tuple[str, str, str | None]],
             advance: Callable[[int], None] | None) -> None:
        """Index `files` ((path, mode, blob)): the words of each blob are split in one
        process a CPU when there are thousands (most of making the index from nothing),
        and numbered and stored here."""
        from newsdesk.git.batch import in_workers

        batch: list[tuple[int, str]] = []  # postings waiting to be inserted

        def store(path: str, words: Iterable[str] | None) -> None:
            """One file's entry; `words` None: the file is always read."""
            doc = db.execute("INSERT INTO docs (path, every) VALUES (?, ?)",
                             (gitstore.path_key(path), int(words is None))).lastrowid
            if words is not None and doc is not None:  # FTS5 does not care about the order
                batch.append((doc, " ".join(f"w{vocabulary.number(word)}" for word in words)))
            if len(batch) >= _BATCH:
                _insert(db, batch)
                batch.clear()
            if advance is not None:
                advance(1)

        paths_of: dict[str, list[str]] = {}  # a blob may be the content of several files
        for path, mode, blob in files:
            if mode == _LINK_MODE or not blob:
                store(path, None)
            else:
                paths_of.setdefault(blob, []).append(path)
        blobs = list(paths_of)
        root = self.repo.root
        split = in_workers(root, blobs, _words_of_blobs) or (
            (chunk, _words_of_blobs(root, chunk))  # here, a chunk at a time all the same
            for chunk in (blobs[i:i + _BATCH] for i in range(0, len(blobs), _BATCH)))
        for chunk, words in split:
            for blob, found in zip(chunk, words, strict=True):
                for path in paths_of[blob]:
                    store(path, found)
        _insert(db, batch)


def _words_of_blobs(root: Path, blobs: list[str]) -> list[tuple[str, ...] | None]:
    """The words of each blob (None: always read), read through a git of its own: what a
    worker process does."""
    from newsdesk.git.batch import objects

    found: list[tuple[str, ...] | None] = []
    for _, (answer,) in objects(root, ((blob, [blob]) for blob in blobs)):
        words = words_of(answer[2]) if answer is not None and answer[1] == "blob" else None
        found.append(None if words is None else tuple(words))
    return found


class _Vocabulary:
    """Every word the newsroom's stories use, each under a number of its own."""

    def __init__(self, db: sqlite3.Connection, fresh: bool) -> None:
        self.db = db
        self.fresh = fresh  # an index made from nothing: no word is known yet
        self._numbers: dict[str, int] = {}

    def number(self, word: str) -> int:
        known = self._numbers.get(word)
        if known is not None:
            return known
        row = None if self.fresh else self.db.execute(
            "SELECT id FROM words WHERE word = ?", (word,)).fetchone()
        if row is None:
            number = self.db.execute("INSERT INTO words (word) VALUES (?)", (word,)).lastrowid
            assert number is not None
            self.db.execute("INSERT INTO spellings (rowid, word) VALUES (?, ?)",
                            (number, word))
        else:
            number = int(row[0])
        self._numbers[word] = number
        return number


def _make_tables(db: sqlite3.Connection) -> None:
    for name, statement in _TABLES.items():
        db.execute(f"DROP TABLE IF EXISTS {name}")
        db.execute(statement)


def _insert(db: sqlite3.Connection, rows: list[tuple[int, str]]) -> None:
    db.executemany("INSERT INTO postings (rowid, terms) VALUES (?, ?)", rows)


def _matching(db: sqlite3.Connection, words: list[str]) -> set[str] | None:
    """Paths (in the stories folder) of the indexed stories that may hold every word; None
    when no word narrows the search."""
    groups: list[list[int]] = []
    for word in words:
        numbers = [int(number) for (number,) in db.execute(
            "SELECT rowid FROM spellings WHERE spellings MATCH ? LIMIT ?",
            (f'"{word}"', NARROWING_LIMIT + 1))] if len(word) >= 3 else \
            [int(number) for (number,) in db.execute(  # too short for three-letter pieces
                "SELECT id FROM words WHERE instr(word, ?) > 0 LIMIT ?",
                (word, NARROWING_LIMIT + 1))]
        if len(numbers) <= NARROWING_LIMIT:
            groups.append(numbers)
    if not groups:
        return None
    groups = sorted(groups, key=len)[:_WORDS_ASKED]  # the rarest narrow enough
    found = {_read(path) for (path,) in db.execute("SELECT path FROM docs WHERE every = 1")}
    if all(groups):
        query = " AND ".join("(" + " OR ".join(f"w{number}" for number in group) + ")"
                             for group in groups)
        found.update(_read(path) for (path,) in db.execute(
            "SELECT path FROM docs WHERE id IN "
            "(SELECT rowid FROM postings WHERE postings MATCH ?)", (query,)))
    return found


def _read(stored: object) -> str:
    if isinstance(stored, bytes):
        return stored.decode("utf-8", "surrogateescape")
    if not isinstance(stored, str):
        raise sqlite3.DatabaseError("the text index holds a path that is neither text nor bytes")
    return stored


def _set_scope(db: sqlite3.Connection, scope: str) -> None:
    db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                   [("format", FORMAT), ("scope", scope)])


def _leftovers(db: sqlite3.Connection) -> int:
    """Entries FTS5 still holds for files that changed since (contentless tables cannot
    forget a document without being told its words again)."""
    value = sqlitecache.meta(db, "leftovers")
    return int(value) if value is not None and value.isdigit() else 0


def _set_leftovers(db: sqlite3.Connection, count: int) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('leftovers', ?)",
               (str(count),))


def _stale(db: sqlite3.Connection) -> bool:
    (stories,) = db.execute("SELECT COUNT(*) FROM docs").fetchone()
    return _leftovers(db) > max(int(stories), _LEFTOVER_ALLOWANCE)

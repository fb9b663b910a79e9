"""What newsdesk's SQLite caches (the history and text indexes) share: how a connection is
opened, how a damaged file is made again, and their table of facts about themselves.

A cache file is newsdesk's own and safe to delete: one that SQLite says is not a database
(cut short, overwritten, something else) is deleted and made again, while a locked,
read-only or full disk is the machine's problem and is reported, naming the file."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from newsdesk.errors import EnvironmentProblem

Made = TypeVar("Made")
WAIT_SECONDS = 30.0  # for another newsdesk process that is bringing a cache up to date


@contextlib.contextmanager
def connection(file: Path) -> Iterator[sqlite3.Connection]:
    """A connection in autocommit mode: transactions are begun by hand (BEGIN IMMEDIATE,
    one writer at a time)."""
    db = sqlite3.connect(file, timeout=WAIT_SECONDS, isolation_level=None)
    try:
        yield db
    finally:
        db.close()


def make(file: Path, what: str, build: Callable[[], Made]) -> Made:
    """Run `build` (create the cache at `file` or bring it up to date) and return what it
    returns; a file that is not a database is deleted and built again. Failures are
    EnvironmentProblems naming the file and `what` ("the text index")."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        try:
            return build()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError):
                raise  # locked, read-only, a full disk: not the file's fault
            file.unlink()
            return build()
    except (sqlite3.Error, OSError) as error:
        raise EnvironmentProblem(f"{file}: cannot write {what}: {error}") from None


def meta(db: sqlite3.Connection, key: str) -> str | None:
    """One value of the cache's `meta (key, value)` table."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def describes(db: sqlite3.Connection, form: str, scope: str) -> bool:
    """Whether the cache was made in format `form` for the stories folder `scope`; an empty
    or foreign file (no meta table) is not."""
    try:
        return meta(db, "format") == form and meta(db, "scope") == scope
    except sqlite3.OperationalError:
        return False


@contextlib.contextmanager
def writing(db: sqlite3.Connection) -> Iterator[None]:
    """One transaction by one writer at a time (BEGIN IMMEDIATE: readers and other writers
    wait for it), committed at the end or rolled back by any exception, Ctrl-C included."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")

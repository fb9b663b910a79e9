"""The findings of a story kept for the next look at it: the review queue checks every story in
review on every view, and most of them have not changed since the last one.

Findings are kept by the story file's path and the digest of its bytes, under a context made
of everything else they can depend on: newsdesk's version and code, `newsdesk.yaml` (the rules
and their settings) and `staff.yaml` (the roster). What the check asked about other stories
(does this related id exist, is this id held by two files) is kept with them, and asked again
before they are reused: only the same answers reuse them. A check that read another story (a
translation's original) or looked at every id (a suggestion for a mistyped one) is not kept.
Like the other caches it lives in `.newsdesk/cache/`, holds JSON (a tampered one can misstate
findings, never run code), is safe to delete, and is left alone where it cannot be written.

The queue that finds every story's findings kept never builds the rules at all (their
imports and patterns cost about 50 ms) nor runs them (about 1.5 ms a story).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk import sqlitecache
from newsdesk.check.findings import Finding
from newsdesk.errors import EnvironmentProblem
from newsdesk.newsroom import STATE_DIR

if TYPE_CHECKING:
    from newsdesk.check.engine import Engine
    from newsdesk.newsroom import Newsroom
    from newsdesk.story.reader import ParsedStory

FILE = Path(STATE_DIR) / "cache" / "findings.sqlite"
FORMAT = "1"
_SCHEMA = ("CREATE TABLE IF NOT EXISTS story (rel TEXT PRIMARY KEY, context TEXT NOT NULL, "
           "digest TEXT NOT NULL, asked TEXT NOT NULL, findings TEXT NOT NULL) WITHOUT ROWID")
# The sets a check may ask about, by the name kept with its answers.
IDS, DUPLICATES = "ids", "duplicates"


@dataclass
class _Asked(AbstractSet[str]):
    """One of the context's sets of ids, noting each question asked of it and its answer;
    a look at the whole set makes what was found not worth keeping."""

    inner: AbstractSet[str]
    kind: str
    log: list[tuple[str, str, bool]]
    whole: list[bool] = field(default_factory=list)

    def __contains__(self, item: object) -> bool:
        answer = item in self.inner
        if isinstance(item, str):
            self.log.append((self.kind, item, answer))
        else:
            self.whole.append(True)
        return answer

    def __iter__(self) -> Iterator[str]:
        self.whole.append(True)
        return iter(self.inner)

    def __len__(self) -> int:
        self.whole.append(True)
        return len(self.inner)


def digest_of(parsed: ParsedStory) -> str:
    """The digest of the story file's bytes as they were read (line endings and a BOM as
    they are on disk)."""
    source = parsed.source
    return hashlib.sha1(source.encode(source.text), usedforsecurity=False).hexdigest()


def check_noting(engine: Engine, parsed: ParsedStory, rel: str, expected_id: str
                 ) -> tuple[list[Finding], list[tuple[str, str, bool]] | None]:
    """The story's findings, and the questions the check asked about other stories with
    their answers (None when the findings are not the story's alone)."""
    ctx = engine.ctx
    log: list[tuple[str, str, bool]] = []
    ids, duplicates = ctx.story_ids, ctx.duplicate_ids
    asked_ids, asked_duplicates = _Asked(ids, IDS, log), _Asked(duplicates, DUPLICATES, log)
    ctx.story_ids, ctx.duplicate_ids = asked_ids, asked_duplicates
    try:
        findings = engine.check_parsed(parsed, rel, expected_id)
    finally:
        ctx.story_ids, ctx.duplicate_ids = ids, duplicates
    if ctx.read_others or asked_ids.whole or asked_duplicates.whole:
        return findings, None
    return findings, log


class StoryCache:
    """The kept findings of one newsroom, for its settings as they are now."""

    def __init__(self, newsroom: Newsroom) -> None:
        from newsdesk.check.cache import context_key

        self.file = newsroom.root / FILE
        # newsdesk's version and code, newsdesk.yaml and staff.yaml; no story ids: what a
        # check asked of them is kept with its findings
        self.context = context_key(newsroom.root, ()) + FORMAT
        self._writable = True

    def get(self, rel: str, digest: str, sets: dict[str, AbstractSet[str]]
            ) -> list[Finding] | None:
        """The findings kept for this file with these bytes, if every question their check
        asked of `sets` (by name) has the same answer now."""
        if not self.file.is_file():
            return None
        try:
            with sqlitecache.connection(self.file) as db:
                row = db.execute("SELECT asked, findings FROM story WHERE rel = ? AND "
                                 "context = ? AND digest = ?",
                                 (rel, self.context, digest)).fetchone()
        except sqlite3.Error:
            return None  # damaged or foreign: made again by the next `put`
        if row is None:
            return None
        try:
            if any((item in sets[kind]) != answer for kind, item, answer in json.loads(row[0])):
                return None
            return [Finding.from_record(record) for record in json.loads(row[1])]
        except (ValueError, KeyError, TypeError):
            return None  # not what newsdesk wrote: checked again, and written over

    def put(self, rel: str, digest: str, asked: list[tuple[str, str, bool]],
            findings: list[Finding]) -> None:
        """Keep the findings; a newsroom where they cannot be kept (read-only, a full
        disk, a lock held too long) is checked afresh each time, without a word."""
        if not self._writable:
            return
        row = (rel, self.context, digest, json.dumps(asked),
               json.dumps([f.record() for f in findings], ensure_ascii=False))

        def write() -> None:
            with sqlitecache.connection(self.file) as db:
                db.execute(_SCHEMA)
                with sqlitecache.writing(db):
                    db.execute("INSERT OR REPLACE INTO story VALUES (?, ?, ?, ?, ?)", row)

        try:
            sqlitecache.make(self.file, "the findings cache", write)
        except EnvironmentProblem:
            self._writable = False


def kept_findings(newsroom: Newsroom) -> Callable[[ParsedStory, str, str], list[Finding]]:
    """A story's findings (for `show`, `review ID` and the queue): from the cache where the
    story and everything its check asked about are as they were, otherwise checked (the
    rules built once, when first needed) and kept."""
    from newsdesk.check.validation import build_engine
    from newsdesk.newsroom import LazyIds

    cache = StoryCache(newsroom)
    sets: dict[str, AbstractSet[str]] = {
        IDS: LazyIds(newsroom.story_ids, newsroom.has_story),
        DUPLICATES: LazyIds(newsroom.duplicate_ids, newsroom.is_duplicate_id)}
    engines: list[Engine] = []

    def findings_of(parsed: ParsedStory, rel: str, expected_id: str) -> list[Finding]:
        digest = digest_of(parsed)
        kept = cache.get(rel, digest, sets)
        if kept is not None:
            return kept
        if not engines:
            engines.append(build_engine(newsroom))
        found, asked = check_noting(engines[0], parsed, rel, expected_id)
        if asked is not None:
            cache.put(rel, digest, asked, found)
        return found

    return findings_of

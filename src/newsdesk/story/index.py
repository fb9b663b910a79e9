"""The summary index: what `list` and `review` show of each story, without reading every
story each time.

A newsroom of a decade holds 100,000 stories; reading and parsing each front matter takes
about 40 seconds, for a review queue of thirty. The index keeps each story's summary
(`Summary`, or the one line saying why it cannot be read) under the git blob of its file,
for the tree of `stories/` at HEAD, in one JSON file per status under
`.newsdesk/cache/summaries/`. A command then asks git three questions, all answered from
git's own index and object store in C:

- what is the tree of `stories/` at HEAD? The same as last time: nothing to do;
- if not, which files differ between the tree the index was made for and this one
  (`git diff-tree`)? Only those are read, from git's objects;
- which story files differ from HEAD in the work tree, or are new (`git status`)? Those are
  read from disk for this command and never stored, so a reporter's unsaved-to-git edit is
  shown as it is and the index only ever records committed files.

Like the validation cache, it is a cache: safe to delete, rebuilt when its format or
newsdesk's version changes, and JSON, so a tampered one can misreport a headline in a list
but never runs code. Commands that act on a story (submit, approve, show) always read the
story file itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk import __version__
from newsdesk.atomic import write_text_atomic
from newsdesk.errors import EnvironmentProblem, NewsdeskError
from newsdesk.newsroom import STATE_DIR, SYMLINK_REFUSED, is_story_name
from newsdesk.story.store import Summary, summarise_bytes

if TYPE_CHECKING:
    from newsdesk.git.store import Repository
    from newsdesk.newsroom import Newsroom

INDEX_DIR = Path(STATE_DIR) / "cache" / "summaries"
FORMAT = 1
UNREADABLE = "unreadable"  # the bucket of stories that cannot be read
_LINK_MODE = "120000"


class _Damaged(Exception):
    """A file of the index that cannot be what newsdesk wrote."""


@dataclass(frozen=True)
class Indexed:
    """One story file as the index knows it: its summary, or why it cannot be read."""

    rel: str  # relative to the newsroom root, as `list` prints it
    summary: Summary | None
    problem: str | None

    @property
    def bucket(self) -> str:
        return self.summary.status if self.summary is not None else UNREADABLE

    def record(self, blob: str) -> list[Any]:
        return [blob, self.summary.__dict__ if self.summary else None, self.problem]


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
        index.bring_to(tree)
        found = index.entries(wanted)
    except _Damaged:  # a file of the index was cut short or edited: made again from git
        index.forget()
        index.bring_to(tree)
        found = index.entries(wanted)
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
        self.folder = newsroom.root / INDEX_DIR
        self.meta = self._load_meta()
        self._buckets: dict[str, dict[str, list[Any]]] = {}

    def _load_meta(self) -> dict[str, Any]:
        try:
            meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(meta, dict) or meta.get("format") != FORMAT \
                or meta.get("newsdesk") != __version__ \
                or not isinstance(meta.get("buckets"), list) \
                or not isinstance(meta.get("tree"), str):
            return {}
        return meta

    def forget(self) -> None:
        self.meta = {}
        self._buckets = {}

    def bucket(self, name: str) -> dict[str, list[Any]]:
        if name not in self._buckets:
            entries: dict[str, list[Any]] = {}
            if self.meta and name in self.meta["buckets"]:
                try:
                    entries = json.loads((self.folder / f"{name}.json").read_text(
                        encoding="utf-8"))
                except (OSError, ValueError):
                    raise _Damaged(name) from None
                if not isinstance(entries, dict):
                    raise _Damaged(name)
            self._buckets[name] = entries
        return self._buckets[name]

    def entries(self, wanted: set[str] | None) -> dict[str, Indexed]:
        names = self.meta.get("buckets", []) if wanted is None else \
            [b for b in self.meta.get("buckets", []) if b in wanted]
        out: dict[str, Indexed] = {}
        for name in names:
            try:
                for rel, (_, summary, problem) in self.bucket(name).items():
                    out[rel] = Indexed(rel, _summary(summary) if summary else None, problem)
            except (TypeError, ValueError, KeyError):
                raise _Damaged(name) from None
        return out

    def bring_to(self, tree: str) -> None:
        """Update the index from the tree it was made for to `tree`, reading only the files
        that differ (all of them the first time)."""
        from newsdesk.git import store as gitstore

        if self.meta.get("tree") == tree:
            return
        if self.meta.get("tree"):
            try:
                raw = gitstore.run_git(self.repo, "diff-tree", "-r", "-z", "--no-renames",
                                       self.meta["tree"], tree)
            except EnvironmentProblem:  # the old tree is gone (gc after a rewrite)
                self.meta = {}
                raw = None
        if not self.meta.get("tree"):
            self._buckets = {}
            self.meta = {"buckets": []}
            raw = gitstore.run_git(self.repo, "ls-tree", "-r", "-z", tree)
            changes = list(listed(raw))
        else:
            assert raw is not None
            changes = list(differences(raw))
        location: dict[str, str] = {}
        for name in list(self.meta["buckets"]):
            for rel in self.bucket(name):
                location[rel] = name
        changes = [change for change in changes if is_story(change[0])]
        with self.newsroom.progress_over(len(changes), "Indexing") as advance:
            self._apply(changes, location, advance)
        self.meta = {"format": FORMAT, "newsdesk": __version__, "tree": tree,
                     "buckets": sorted(self._buckets)}
        self._save()

    def _apply(self, changes: list[tuple[str, str, str | None]], location: dict[str, str],
               advance: Callable[[int], None] | None) -> None:
        for path, mode, blob in changes:
            if advance is not None:
                advance(1)
            rel = self.newsroom.relative(self.repo.root / self.stories_rel / path)
            old = location.pop(rel, None)
            if old is not None:
                self.bucket(old).pop(rel, None)
            if blob is None:
                continue  # deleted
            item = self._read_blob(rel, mode, blob)
            self.bucket(item.bucket)[rel] = item.record(blob)
            location[rel] = item.bucket

    def _read_blob(self, rel: str, mode: str, blob: str) -> Indexed:
        if mode == _LINK_MODE:
            return Indexed(rel, None, f"{rel}: {SYMLINK_REFUSED}")
        try:
            _, _, raw = self.repo.object(blob)
        except ValueError:
            return Indexed(rel, None, f"{rel}: cannot read the committed file")
        return _indexed(self.newsroom, rel, raw)

    def _save(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, entries in self._buckets.items():
                write_text_atomic(self.folder / f"{name}.json", _json_text(entries))
            write_text_atomic(self.folder / "meta.json", json.dumps(self.meta))
        except OSError:
            pass  # a read-only newsroom simply goes without an index


def _json_text(entries: dict[str, list[Any]]) -> str:
    """The bucket as JSON, in UTF-8 where it can be; a file name that is not UTF-8 (git
    keeps a name's bytes as they are, and they reach Python as lone surrogates) is written
    as JSON escapes, which read back as the same name."""
    text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(entries, separators=(",", ":"))
    return text


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

    raw = gitstore.run_git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=all",
                           "--no-renames", "--", stories_rel)
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

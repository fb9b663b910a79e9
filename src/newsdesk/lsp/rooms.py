"""The newsrooms an editor session touches, each read once and read again when it changes.

A reporter may have stories of two newsrooms open at once; each story is checked with its own
newsroom's `newsdesk.yaml`, roster and story ids. A room notices by itself when
`newsdesk.yaml` or `staff.yaml` changed on disk (their size and modification time are part of
its fingerprint), so a client that sends no file-watch events still gets fresh settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import NewsdeskError
from newsdesk.newsroom import (
    CONFIG_FILE,
    STAFF_FILE,
    STORIES_DIR,
    Newsroom,
    find_root,
    is_story_name,
)

if TYPE_CHECKING:
    from newsdesk.check.engine import Engine
    from newsdesk.models.config import NewsroomConfig
    from newsdesk.models.staff import Roster

@dataclass(frozen=True)
class StoryEntry:
    """What hover and completion say about another story: read from its front matter."""

    id: str
    path: str
    headline: str
    status: str


@dataclass
class Room:
    """One newsroom as the server sees it. `problem` is set when its settings cannot be read;
    then `engine` is None and every story in it gets that one diagnostic."""

    root: Path
    fingerprint: tuple[tuple[int, int], ...]
    engine: Engine | None = None
    config: NewsroomConfig | None = None
    roster: Roster | None = None
    problem: str | None = None
    story_files: dict[str, str] = field(default_factory=dict)  # id -> path from the root
    _entries: dict[str, StoryEntry | None] = field(default_factory=dict)

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def story(self, story_id: str) -> StoryEntry | None:
        """Another story's headline and status, read from disk the first time it is asked for
        (a newsroom of 100,000 stories is listed, not read, when the server starts)."""
        if story_id not in self._entries:
            self._entries[story_id] = _read_entry(self.root, story_id,
                                                  self.story_files.get(story_id))
        return self._entries[story_id]


def _fingerprint(root: Path) -> tuple[tuple[int, int], ...]:
    out = []
    for name in (CONFIG_FILE, STAFF_FILE):
        try:
            stat = (root / name).stat()
            out.append((stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append((-1, -1))
    return tuple(out)


def _read_entry(root: Path, story_id: str, rel: str | None) -> StoryEntry | None:
    from newsdesk.story.reader import StoryFormatError, parse

    if rel is None:
        return None
    try:
        data = parse((root / rel).read_bytes()).loaded.data
    except (OSError, StoryFormatError):
        return StoryEntry(story_id, rel, "", "")
    if not isinstance(data, dict):
        return StoryEntry(story_id, rel, "", "")
    return StoryEntry(story_id, rel, str(data.get("headline") or ""),
                      str(data.get("status") or ""))


def _build(root: Path) -> Room:
    from newsdesk.check.validation import build_engine

    room = Room(root, _fingerprint(root))
    newsroom = Newsroom(root)
    try:
        room.config = newsroom.config
        if (root / STAFF_FILE).exists():
            room.roster = newsroom.roster
        room.story_files = {rel.rsplit("/", 1)[1][:-3]: rel for _, rel in newsroom.story_files()}
        room.engine = build_engine(newsroom, frozenset(room.story_files))
    except NewsdeskError as error:
        room.problem = error.message
        room.engine = None
    return room


class Rooms:
    """Every newsroom seen so far, by root."""

    def __init__(self) -> None:
        self._rooms: dict[Path, Room] = {}

    def root_of(self, path: Path) -> Path | None:
        """The newsroom that holds a story file, or None for any other file."""
        if path.suffix != ".md" or not is_story_name(path.name):
            return None
        try:
            root = find_root(path.parent if path.parent.is_dir() else Path.cwd())
        except NewsdeskError:
            return None
        try:
            path.resolve().relative_to((root / STORIES_DIR).resolve())
        except ValueError:
            return None
        return root

    def room(self, root: Path) -> Room:
        room = self._rooms.get(root)
        if room is None or room.fingerprint != _fingerprint(root):
            room = self._rooms[root] = _build(root)
        return room

    def forget(self, root: Path) -> None:
        """Read the newsroom again next time (a story was added, a setting changed)."""
        self._rooms.pop(root, None)

    def forget_all(self) -> None:
        self._rooms.clear()

"""The newsroom: where it is on disk, its settings, its roster, and its story files.

Commands find the newsroom the way git finds `.git`: by walking up from the working folder to
the one holding `newsdesk.yaml`. Settings and roster are read on first use only, so a command
that needs neither pays nothing for them.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from newsdesk.errors import EnvironmentProblem, FileProblem, UsageError
from newsdesk.story.ids import check_id

if TYPE_CHECKING:
    from pydantic import BaseModel

    from newsdesk.models.config import NewsroomConfig
    from newsdesk.models.staff import Roster, StaffMember

CONFIG_FILE = "newsdesk.yaml"
STAFF_FILE = "staff.yaml"
STORIES_DIR = "stories"
SCHEMAS_DIR = "schemas"
STATE_DIR = ".newsdesk"
MAX_CONFIG_BYTES = 1_000_000
SYMLINK_REFUSED = "is a symbolic link; newsdesk does not follow links for story files"

M = TypeVar("M", bound="BaseModel")
ProgressFactory = Callable[[int, str],
                           contextlib.AbstractContextManager[Callable[[int], None] | None]]


def _folders_in(folder: str) -> list[str]:
    """The folders in `folder`, linked ones included; none when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return [entry.path for entry in entries if entry.is_dir()]
    except OSError:
        return []


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds newsdesk.yaml."""
    start = start.absolute()
    if not start.is_dir():
        raise EnvironmentProblem(f"{start}: no such folder")
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise EnvironmentProblem(
        f"not a newsroom: no {CONFIG_FILE} in {start} or any folder above it "
        "(run 'newsdesk init PATH' to create one)")


def load_yaml_model(path: Path, model: type[M], display: str) -> M:
    """Read a YAML settings file into `model`; any problem is one FileProblem with its line."""
    from newsdesk.models.check import validate
    from newsdesk.yamlsafe import YamlProblem, load_yaml

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(display, "file not found") from None
    except OSError as error:
        raise FileProblem(display, f"cannot read: {error.strerror}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise FileProblem(display, f"file is over {MAX_CONFIG_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise FileProblem(display, "not valid UTF-8", line) from None
    try:
        loaded = load_yaml(text)
    except YamlProblem as problem:
        raise FileProblem(display, problem.message, problem.line, problem.column) from None
    instance, problems = validate(model, loaded)
    if instance is None:
        first = min(problems, key=lambda p: (p.line, p.column))
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise FileProblem(display, first.message + more, first.line, first.column)
    return instance


_STORY_NAME = re.compile(r"(?!\.)[^\s~#]*\.md")


def is_story_name(name: str) -> bool:
    """Is a file in a month folder a story? Dot-files (editor swap files, newsdesk's own
    temporary files) and scratch copies (`notes copy.md`, `story.md~`) are not; any other
    `.md` file is, so that a badly named story is reported rather than ignored."""
    return _STORY_NAME.fullmatch(name) is not None


class LazyIds(AbstractSet[str]):
    """A set of story ids listed from the newsroom on first use. A command that checks one
    story (submit, approve, the review queue) asks only whether its related ids exist, which
    most stories never make it ask; a newsroom of 100,000 is then never listed for it."""

    def __init__(self, make: Callable[[], AbstractSet[str]],
                 contains: Callable[[str], bool] | None = None) -> None:
        self._make = make
        self._contains = contains  # answers one id without listing them all
        self._ids: AbstractSet[str] | None = None

    def _get(self) -> AbstractSet[str]:
        if self._ids is None:
            self._ids = self._make()
        return self._ids

    def __contains__(self, item: object) -> bool:
        if self._ids is None and self._contains is not None and isinstance(item, str):
            return self._contains(item)
        return item in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


class Newsroom:
    """One newsroom repository."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._story_files: list[tuple[Path, str]] | None = None
        self._story_rels: list[str] | None = None
        self._listing: dict[str, list[str]] | None = None  # see `listing_kept`
        self._keep_listing = False
        self._months: list[str] | None = None  # see `month_folders_kept`
        # Called with 1 for each story `each_story` hands out: the CLI's progress bar.
        self.on_story: Callable[[int], None] | None = None
        # Opens a progress bar for work on `total` stories that does not go through
        # `each_story` (building the summary index); set by the CLI, None elsewhere.
        self.progress: ProgressFactory | None = None

    def progress_over(self, total: int, label: str
                      ) -> contextlib.AbstractContextManager[Callable[[int], None] | None]:
        """A progress bar the CLI shows for `total` stories, or nothing."""
        if self.progress is None:
            return contextlib.nullcontext(None)
        return self.progress(total, label)

    @classmethod
    def find(cls, start: Path | None = None) -> Newsroom:
        return cls(find_root(start or Path.cwd()))

    @property
    def stories_dir(self) -> Path:
        return self.root / STORIES_DIR

    @cached_property
    def config(self) -> NewsroomConfig:
        from newsdesk.models.config import NewsroomConfig

        config = load_yaml_model(self.root / CONFIG_FILE, NewsroomConfig, CONFIG_FILE)
        return config

    @cached_property
    def roster(self) -> Roster:
        from newsdesk.models.staff import Roster

        roster = load_yaml_model(self.root / STAFF_FILE, Roster, STAFF_FILE)
        desks = self.config.desk_ids()
        for index, member in enumerate(roster.staff):
            if member.desk not in desks:
                raise FileProblem(
                    STAFF_FILE,
                    f"staff[{index}].desk: {member.desk!r} is not a desk in {CONFIG_FILE} "
                    f"(desks: {', '.join(sorted(desks))})")
        return roster

    def relative(self, path: Path) -> str:
        try:
            return path.absolute().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def story_files(self) -> list[tuple[Path, str]]:
        """Every story file with its path relative to the root, in a stable order
        (stories/YYYY/MM/<id>.md). Listed once per command: large newsrooms list 10,000s."""
        if self._story_files is None:
            root = self.root
            self._story_files = [(root / rel, rel) for rel in self.story_rels()]
        return self._story_files

    def story_rels(self) -> list[str]:
        """`story_files()` without the Path objects, which cost more than the listing itself
        in a newsroom of 100,000 stories: for commands that need only names and ids."""
        if self._story_rels is None:
            self._story_rels = list(self._scan())
        return self._story_rels

    def _scan(self) -> Iterator[str]:
        base = self.stories_dir
        if not base.is_dir():
            return
        prefix = f"{STORIES_DIR}/"
        for year in sorted(os.scandir(base), key=lambda e: e.name):
            if not year.is_dir(follow_symlinks=False):
                continue
            for month in sorted(os.scandir(year.path), key=lambda e: e.name):
                if not month.is_dir(follow_symlinks=False):
                    continue
                rel_folder = f"{prefix}{year.name}/{month.name}/"
                for name in sorted(e.name for e in os.scandir(month.path)
                                   if is_story_name(e.name)):
                    yield rel_folder + name

    def each_story(self) -> Iterator[tuple[Path, str]]:
        """`story_files()` for a loop that works on every story, reporting progress."""
        for item in self.story_files():
            yield item
            if self.on_story is not None:
                self.on_story(1)

    def story_paths(self) -> Iterator[Path]:
        for path, _ in self.story_files():
            yield path

    def story_ids(self) -> set[str]:
        return {rel.rsplit("/", 1)[1][:-3] for rel in self.story_rels()}

    def duplicate_ids(self) -> frozenset[str]:
        """Ids that more than one story file holds (in different month folders)."""
        seen: set[str] = set()
        twice: set[str] = set()
        for rel in self.story_rels():
            story_id = rel.rsplit("/", 1)[1][:-3]
            (twice if story_id in seen else seen).add(story_id)
        return frozenset(twice)

    def is_duplicate_id(self, story_id: str) -> bool:
        """Whether more than one story file holds `story_id`: one look per month folder."""
        try:
            check_id(story_id)
        except UsageError:
            return False
        return len(self._files_of(story_id)) > 1

    def has_story(self, story_id: str) -> bool:
        """Whether a story file holds `story_id`, without listing the newsroom."""
        try:
            check_id(story_id)
        except UsageError:
            return False
        return bool(self._files_of(story_id))

    def id_taken(self, story_id: str) -> bool:
        """Whether a story file's name equals `story_id` ignoring case (two such files would
        collide on a case-insensitive checkout): one look per month folder, not a listing
        of every id."""
        wanted = f"\0{story_id.lower()}.md\0"
        listing = self._listing if self._listing is not None else self._list_folders()
        if self._keep_listing:
            self._listing = listing
        base = str(self.stories_dir)
        # each folder's names as one string (no name holds a NUL), lowered and searched at
        # C speed: name by name in Python this was 9 ms of `new` at 100,000 stories
        return any(wanted in ("\0" + "\0".join(names) + "\0").lower()
                   for folder, names in listing.items() if folder != base)

    @contextlib.contextmanager
    def listing_kept(self) -> Iterator[None]:
        """Keep the listing of the month folders that `id_taken` makes for the rest of a
        change made under the newsroom lock (where nothing else writes there): the change's
        clearing of what interrupted writes left then sweeps every folder in it, at no
        extra cost, and a second id looked for lists nothing again."""
        self._keep_listing = True
        try:
            yield
        finally:
            self._keep_listing = False
            self._listing = None

    def kept_listing(self) -> dict[str, list[str]] | None:
        """The listing `id_taken` made during this change, if it made one."""
        return self._listing

    def _list_folders(self) -> dict[str, list[str]]:
        listing: dict[str, list[str]] = {}
        if not self.stories_dir.is_dir():
            return listing
        for folder in (str(self.stories_dir), *self.month_folders()):
            try:
                # names only (no DirEntry, no Path a name): 100,000 of them in a decade
                listing[folder] = os.listdir(folder)  # noqa: PTH208
            except OSError:
                continue
        return listing

    def month_folders(self) -> Iterator[str]:
        """The stories/YYYY/MM folders, as `glob("*/*/")` finds them (no hidden folders, no
        symbolic links), without glob's per-name pattern matching in Python: a look for
        one name across 100,000 stories is a listing of each folder."""
        base = self.stories_dir
        if not base.is_dir():
            return
        for year in os.scandir(base):
            if year.name.startswith(".") or not year.is_dir(follow_symlinks=False):
                continue
            for month in os.scandir(year.path):
                if not month.name.startswith(".") and month.is_dir(follow_symlinks=False):
                    yield month.path

    def _files_of(self, story_id: str) -> list[Path]:
        """The story files named `story_id` (more than one is a duplicate id): what
        `glob("*/*/ID.md")` finds (hidden and linked folders included, a linked file that
        leads nowhere left out), one look per month folder and not a listing of the
        newsroom, without glob's matching of every folder name in Python (2 ms a story at
        100,000, for each story of the review queue)."""
        name = f"{story_id}.md"
        found: list[Path] = []
        months = self._months if self._months is not None else self._month_folders()
        for month in months:
            path = os.path.join(month, name)  # noqa: PTH118 - strings: a look a folder
            if os.path.exists(path):  # noqa: PTH110 - follows links, as glob does
                found.append(Path(path))
        return sorted(found)

    def _month_folders(self) -> list[str]:
        """The folders `_files_of` looks in: stories/*/*/, hidden and linked ones too."""
        return [month for year in _folders_in(str(self.stories_dir))
                for month in _folders_in(year)]

    @contextlib.contextmanager
    def month_folders_kept(self) -> Iterator[None]:
        """For work that looks up many ids at once (the review queue): the year and month
        folders are listed once for them all, not a dozen times an id."""
        self._months = self._month_folders()
        try:
            yield
        finally:
            self._months = None

    def story_path(self, story_id: str) -> Path:
        """The file of story `story_id`; the id is checked before any file system call."""
        check_id(story_id)
        matches = self._files_of(story_id)
        if not matches:
            raise UsageError(f"no story with id {story_id!r} in {STORIES_DIR}/")
        if len(matches) > 1:
            listed = ", ".join(self.relative(m) for m in matches)
            raise EnvironmentProblem(
                f"story id {story_id!r} is used by more than one file: {listed}")
        return self.safe_story_file(matches[0])

    def safe_story_file(self, path: Path) -> Path:
        """Refuse a story file that is a symlink or lies outside the newsroom."""
        rel = self.relative(path)
        if path.is_symlink():
            raise EnvironmentProblem(f"{rel}: {SYMLINK_REFUSED}")
        try:
            path.resolve().relative_to(self.root.resolve())
        except ValueError:
            raise EnvironmentProblem(f"{rel}: lies outside the newsroom") from None
        return path

    def acting_member(self) -> StaffMember:
        """The staff member whose email is git's user.email here; exit 2 when there is none."""
        from newsdesk.git import store as gitstore

        email = gitstore.user_email(self.root)
        if not email:
            raise EnvironmentProblem(
                "git user.email is not set; set it with: "
                "git config user.email you@newsroom.example")
        member = self.roster.by_email(email)
        if member is None:
            raise EnvironmentProblem(
                f"{email} is not on the roster in {STAFF_FILE}: only staff can change stories")
        return member

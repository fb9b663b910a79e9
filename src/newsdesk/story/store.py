"""Story operations shared by the commands: create, load, summarise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import FileProblem, NewsdeskError, UsageError
from newsdesk.git import changes
from newsdesk.models.enums import Status
from newsdesk.story.ids import check_id, slugify, unique_id
from newsdesk.story.reader import ParsedStory, StoryFormatError, parse, read_model
from newsdesk.timefmt import iso_utc

if TYPE_CHECKING:
    from newsdesk.models.staff import StaffMember
    from newsdesk.models.story import Story
    from newsdesk.newsroom import Newsroom

NEW_BODY = """
Write the story here. The first image in `images` is the lead image; a body image
`![alt text](images/file.jpg)` must name a `src` declared in `images`.
"""
# The placeholder in the newsroom's language (newsdesk.yaml `language`); others get English.
NEW_BODIES = {
    "en": NEW_BODY,
    "uk": """
Пишіть матеріал тут. Перше зображення в `images` — головне; зображення в тексті
`![опис](images/file.jpg)` має називати `src`, оголошений в `images`.
""",
}


@dataclass(frozen=True)
class Created:
    id: str
    path: str
    status: str
    commit: str


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def create_story(newsroom: Newsroom, member: StaffMember, headline: str,
                 desk: str | None = None, byline: list[str] | None = None,
                 story_id: str | None = None, template: str | None = None) -> Created:
    """Write and commit a new draft; every argument is checked before anything is touched."""
    from newsdesk.rules.base import primary_language
    from newsdesk.story.writer import render_new

    extra: dict[str, Any] = {}
    body = NEW_BODIES.get(primary_language(newsroom.config.language), NEW_BODY)
    if template is not None:
        from newsdesk.newsroom import templates

        extra, template_body = templates.load(newsroom.root, template)
        body = template_body if template_body.startswith("\n") else "\n" + template_body

    headline = " ".join(headline.split())
    if not headline:
        raise UsageError("the headline is empty")
    if story_id is not None:
        check_id(story_id)
    desk = desk or member.desk
    if desk not in newsroom.config.desk_ids():
        raise UsageError(f"unknown desk {desk!r}; desks: "
                         f"{', '.join(sorted(newsroom.config.desk_ids()))}")
    authors = [member.id]
    for author in byline or []:
        if newsroom.roster.by_id(author) is None:
            raise UsageError(f"byline: {author!r} is not on the roster in staff.yaml")
        if author not in authors:
            authors.append(author)
    created = now()
    with changes.locked(newsroom) as repo:
        if story_id is not None:
            if newsroom.id_taken(story_id):
                raise UsageError(f"a story with id {story_id!r} already exists")
            new_id = story_id
        else:
            new_id = unique_id(slugify(headline), newsroom.id_taken)
        path = newsroom.stories_dir / f"{created:%Y}" / f"{created:%m}" / f"{new_id}.md"
        fields: dict[str, Any] = {
            "id": new_id, "status": Status.DRAFT.value, "headline": headline, "dek": None,
            "desk": desk,
            "byline": authors, "created": created, "updated": created,
            "published_at": None, "embargo_until": None, "tags": [], "images": [],
            "people": [], "editor_note": None, "anonymous_sources": [], "related": [],
            "corrections": [],
        }
        fields.update(extra)
        text = render_new(fields, body)
        check = read_model(parse(text.encode("utf-8")), new_id)
        if check.model is None:
            raise UsageError(f"template {template!r} gives an invalid story: "
                             f"{check.problems[0].message}")
        message = changes.commit_message("new", new_id, Status.DRAFT)
        commit = changes.apply(newsroom, repo, {path: text.encode("utf-8")}, message, member)
    return Created(new_id, newsroom.relative(path), Status.DRAFT, commit.sha)


def load(newsroom: Newsroom, story_id: str) -> tuple[Path, ParsedStory, Story]:
    """A story that parses and matches the schema; otherwise a FileProblem with its line."""
    return load_path(newsroom, newsroom.story_path(story_id))


def parse_file(newsroom: Newsroom, path: Path) -> ParsedStory:
    rel = newsroom.relative(path)
    max_bytes = newsroom.config.limits.max_story_bytes
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        raise FileProblem(rel, f"cannot read: {error.strerror}") from None
    try:
        return parse(raw, max_bytes)
    except StoryFormatError as error:
        raise FileProblem(rel, error.message, error.line, error.column) from None


@dataclass(frozen=True)
class Summary:
    id: str
    status: str
    headline: str
    byline: list[str]
    desk: str
    updated: str
    path: str
    created: str = ""
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, story: Story, rel: str) -> Summary:
        return cls(story.id, story.status.value, story.headline, list(story.byline),
                   story.desk, iso_utc(story.updated), rel, iso_utc(story.created),
                   tuple(story.tags))

    def record(self) -> dict[str, object]:
        """The stable JSON shape of a story in `list --format json` (docs/cli.md)."""
        return {"id": self.id, "status": self.status, "headline": self.headline,
                "byline": self.byline, "desk": self.desk, "tags": list(self.tags),
                "created": self.created, "updated": self.updated, "path": self.path}


@dataclass(frozen=True)
class Readable:
    path: Path
    rel: str
    parsed: ParsedStory
    story: Story


def readable(newsroom: Newsroom, problems: list[str] | None = None,
             worth_reading: Callable[[bytes], bool] | None = None,
             rels: list[str] | None = None) -> Iterator[Readable]:
    """Every story (or those at `rels`, relative to the root) that parses and matches the
    schema, in order; the one-line problem of each story that does not goes to `problems`
    (the commands that read many stories report them as notes and carry on; validate is
    where they become findings). A broken newsdesk.yaml is the newsroom's problem, not each
    story's: it stops the command here."""
    newsroom.config  # noqa: B018 - raises FileProblem for a broken newsdesk.yaml
    chosen = newsroom.each_story() if rels is None else \
        ((newsroom.root / rel, rel) for rel in rels)
    for path, rel in chosen:
        if worth_reading is not None:
            try:  # a cheap look at the bytes first: most stories need no parsing at all
                if not worth_reading(path.read_bytes()):
                    continue
            except OSError:
                pass  # reading it properly says what is wrong
        try:
            _, parsed, story = load_path(newsroom, path)
        except NewsdeskError as error:
            if problems is not None:
                problems.append(error.message)
            continue
        yield Readable(path, rel, parsed, story)


def readable_with_status(newsroom: Newsroom, status: str) -> Iterator[Readable]:
    """The stories with `status` that parse and match the schema, found through the summary
    index (so a queue of thirty does not read a decade of stories) and then read whole."""
    from newsdesk.story import index

    indexed = index.stories(newsroom, status)
    if indexed is None:
        yield from (item for item in readable(newsroom) if item.story.status == status)
        return
    for entry in indexed:
        if entry.summary is None or entry.summary.status != status:
            continue
        path = newsroom.root / entry.rel
        try:
            _, parsed, story = load_path(newsroom, path)
        except NewsdeskError:
            continue  # a broken story is validate's business
        if story.status == status:
            yield Readable(path, entry.rel, parsed, story)


def summaries(newsroom: Newsroom, problems: list[str], status: str | None = None
              ) -> Iterator[Summary]:
    """Front-matter summaries of every story (or of those with `status`), from the summary
    index where the newsroom has one; unreadable ones are reported in `problems`."""
    from newsdesk.story import index

    indexed = index.stories(newsroom, status)
    if indexed is None:
        for item in readable(newsroom, problems):
            if status is None or item.story.status == status:
                yield Summary.of(item.story, item.rel)
        return
    for entry in indexed:
        if entry.summary is not None:
            yield entry.summary
        elif entry.problem is not None:
            problems.append(entry.problem)


def load_path(newsroom: Newsroom, path: Path) -> tuple[Path, ParsedStory, Story]:
    rel = newsroom.relative(path)
    parsed = parse_file(newsroom, newsroom.safe_story_file(path))
    return path, parsed, _modelled(parsed, rel, path.stem)


def _modelled(parsed: ParsedStory, rel: str, expected_id: str) -> Story:
    read_model(parsed, expected_id)
    if parsed.model is None:
        first = parsed.problems[0]
        line, column, message = first.line, first.column, first.message
        more = f" (and {len(parsed.problems) - 1} more)" if len(parsed.problems) > 1 else ""
        raise FileProblem(rel, message + more, line, column)
    return parsed.model


def summarise_bytes(newsroom: Newsroom, rel: str, raw: bytes) -> Summary | str:
    """The summary of a story file's bytes, or the one line `list` prints for a story it
    skips (the same line reading the file itself gives)."""
    try:
        parsed = parse(raw, newsroom.config.limits.max_story_bytes)
    except StoryFormatError as error:
        return FileProblem(rel, error.message, error.line, error.column).message
    try:
        story = _modelled(parsed, rel, rel.rsplit("/", 1)[-1].removesuffix(".md"))
    except FileProblem as problem:
        return problem.message
    return Summary.of(story, rel)

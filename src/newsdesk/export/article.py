"""The exported view of a story, shared by every export format."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from newsdesk.timefmt import iso_utc

if TYPE_CHECKING:
    from newsdesk.models.staff import Roster
    from newsdesk.models.story import Image, Story

WORDS_PER_MINUTE = 230
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .,'’-]{1,60}?)\s+(?:--|—|–)\s")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Author:
    id: str
    name: str
    title: str | None
    bio: str | None


@dataclass(frozen=True)
class Teaser:
    id: str
    headline: str
    dek: str | None
    url: str


@dataclass
class Article:
    story: Story
    body: str  # Markdown, as written
    newsroom: str
    base_url: str
    language: str
    authors: list[Author]
    related: list[Teaser] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.story.id

    @property
    def url(self) -> str:
        return f"{self.base_url}{self.story.id}.html"

    @property
    def uri(self) -> str:
        return f"{self.base_url}stories/{self.story.id}"

    @property
    def lead(self) -> Image | None:
        return self.story.images[0] if self.story.images else None

    @cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.body))

    @property
    def read_minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    @property
    def published(self) -> dt.datetime:
        return self.story.published_at or self.story.updated

    @property
    def located(self) -> str | None:
        match = _DATELINE.match(self.body)
        return match.group(1).strip().title() if match else None

    @cached_property
    def body_html(self) -> str:
        from newsdesk.export.markdown_render import render_body

        return render_body(self.body, {i.src: i for i in self.story.images})

    @property
    def byline_text(self) -> str:
        names = [a.name for a in self.authors]
        if len(names) > 1:
            return "By " + ", ".join(names[:-1]) + " and " + names[-1]
        return "By " + names[0] if names else ""


def build(story: Story, body: str, roster: Roster | None, newsroom: str, base_url: str,
          language: str, headlines: dict[str, tuple[str, str | None]]) -> Article:
    """`headlines` maps story ids to (headline, dek) for related-story teasers."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    authors = []
    for staff_id in story.byline:
        member = roster.by_id(staff_id) if roster else None
        authors.append(Author(staff_id, member.name if member else staff_id,
                              member.title if member else None, member.bio if member else None))
    related = [Teaser(other, *headlines[other], url=f"{base}{other}.html")
               for other in story.related if other in headlines]
    return Article(story, strip_comments(body), newsroom, base, language, authors, related)


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def strip_comments(body: str) -> str:
    """HTML comments (suppression directives, notes to the desk) are for the newsroom: with
    raw HTML off they would print as text, so no export ever carries them."""
    if "<!--" not in body:
        return body
    return _COMMENT.sub("", body)


iso = iso_utc

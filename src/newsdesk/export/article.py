"""The exported view of a story, shared by every export format."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from newsdesk.rules.base import primary_language
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


@dataclass(frozen=True)
class Alternate:
    """The same story in another language (`translation_of`, either way round)."""

    id: str
    language: str
    url: str


class Public(NamedTuple):
    """What a page may show of another public story: a teaser, or a link to a translation."""

    headline: str
    dek: str | None
    language: str | None = None
    translation_of: str | None = None


# The words a page prints around the story, per language (the story's language decides);
# a language not listed gets English.
LABELS: dict[str, dict[str, str]] = {
    "en": {"by": "By", "and": "and", "updated": "Updated", "read": "min read",
           "editor_note": "Editor’s note:", "corrections": "Corrections",
           "author": "About the author", "authors": "About the authors", "related": "Related",
           "preview": "Preview: this story is", "translations": "Also in"},
    "uk": {"by": "Автор:", "and": "і", "updated": "Оновлено", "read": "хв читання",
           "editor_note": "Примітка редакції:", "corrections": "Виправлення",
           "author": "Про автора", "authors": "Про авторів", "related": "Читайте також",
           "preview": "Попередній перегляд: статус матеріалу —", "translations": "Також"},
}


@dataclass
class Article:
    story: Story
    body: str  # Markdown, as written
    newsroom: str
    base_url: str
    language: str
    authors: list[Author]
    related: list[Teaser] = field(default_factory=list)
    translations: list[Alternate] = field(default_factory=list)

    @property
    def labels(self) -> dict[str, str]:
        return LABELS.get(primary_language(self.language), LABELS["en"])

    def date_text(self, moment: dt.datetime | dt.date) -> str:
        """A date (and time, in UTC) the way the story's language writes it, from the
        Unicode CLDR data Babel carries: "November 28, 2026 16:37 UTC", "28 листопада 2026
        р. 16:37 UTC"."""
        from babel.dates import format_date, format_time

        locale = _locale(self.language)
        if not isinstance(moment, dt.datetime):
            return str(format_date(moment, format="long", locale=locale))
        moment = moment.astimezone(dt.UTC)
        return (f"{format_date(moment.date(), format='long', locale=locale)} "
                f"{format_time(moment, format='HH:mm', locale=locale)} UTC")

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
        words = self.labels
        if len(names) > 1:
            return f"{words['by']} " + ", ".join(names[:-1]) + f" {words['and']} " + names[-1]
        return f"{words['by']} {names[0]}" if names else ""


@lru_cache(maxsize=32)
def _locale(language: str) -> Any:
    """Babel's locale for an IETF tag; English for a tag Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def translations_by_original(headlines: dict[str, Public]) -> dict[str, set[str]]:
    """The ids of each public story's public translations, made once for an export (asked
    of every story for every story, it made exporting 100,000 stories quadratic)."""
    found: dict[str, set[str]] = {}
    for other, seen in headlines.items():
        if seen.translation_of:
            found.setdefault(seen.translation_of, set()).add(other)
    return found


def build(story: Story, body: str, roster: Roster | None, newsroom: str, base_url: str,
          language: str, headlines: dict[str, Public],
          translated: dict[str, set[str]]) -> Article:
    """`headlines` maps the ids of public stories to what a teaser or a translation link
    shows of them; `translated` is `translations_by_original(headlines)`."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    authors = []
    for staff_id in story.byline:
        member = roster.by_id(staff_id) if roster else None
        authors.append(Author(staff_id, member.name if member else staff_id,
                              member.title if member else None, member.bio if member else None))
    related = [Teaser(other, headlines[other].headline, headlines[other].dek,
                      url=f"{base}{other}.html")
               for other in story.related if other in headlines]
    counterparts = {story.translation_of} if story.translation_of else set()
    counterparts |= translated.get(story.id, set())
    translations = [Alternate(other, headlines[other].language or language,
                              f"{base}{other}.html")
                    for other in sorted(counterparts) if other in headlines and other != story.id]
    return Article(story, strip_comments(body), newsroom, base, language, authors, related,
                   translations)


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def strip_comments(body: str) -> str:
    """HTML comments (suppression directives, notes to the desk) are for the newsroom: with
    raw HTML off they would print as text, so no export ever carries them."""
    if "<!--" not in body:
        return body
    return _COMMENT.sub("", body)


iso = iso_utc

"""Finding stories: filters and sorting for `list`, and `search` across headlines, bodies and
people, with the matching line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import UsageError
from newsdesk.newsroom import Newsroom
from newsdesk.story.store import Summary
from newsdesk.timefmt import iso_utc

SORT_KEYS = ("updated", "created", "id", "headline", "status", "desk")


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    desk: str | None = None
    byline: str | None = None
    tag: str | None = None
    since: dt.datetime | None = None

    def match(self, row: Summary) -> bool:
        return ((self.status is None or row.status == self.status)
                and (self.desk is None or row.desk == self.desk)
                and (self.byline is None or self.byline in row.byline)
                and (self.tag is None or self.tag.casefold() in {t.casefold() for t in row.tags})
                and (self.since is None or row.updated >= iso_utc(self.since)))


def parse_since(value: str | None) -> dt.datetime | None:
    """`2025-03-04`, `2025-03-04T09:30`, or a relative `7d` / `12h`."""
    if value is None:
        return None
    text = value.strip()
    now = dt.datetime.now(dt.UTC)
    if text[:-1].isdigit() and text[-1:] in ("d", "h"):
        amount = int(text[:-1])
        return now - (dt.timedelta(days=amount) if text.endswith("d") else
                      dt.timedelta(hours=amount))
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since {value!r}: use a date (2025-03-04), a date and time "
                         "(2025-03-04T09:30), or an age (7d, 12h)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def sort(rows: list[Summary], key: str, reverse: bool) -> list[Summary]:
    if key not in SORT_KEYS:
        raise UsageError(f"--sort must be one of {', '.join(SORT_KEYS)}")
    newest_first = key in ("updated", "created")
    return sorted(rows, key=lambda r: (getattr(r, key).casefold() if key == "headline"
                                       else getattr(r, key), r.id),
                  reverse=newest_first != reverse)


@dataclass(frozen=True)
class Hit:
    story_id: str
    path: str
    field: str  # headline | dek | people | body
    line: int
    text: str
    status: str

    def record(self) -> dict[str, Any]:
        return {"id": self.story_id, "path": self.path, "field": self.field, "line": self.line,
                "text": self.text, "status": self.status}


def _may_hold(raw: bytes, words: list[str]) -> bool:
    """False only when the file cannot hold a match: some word of the search is nowhere in
    its text. A story whose front matter uses escapes ("\\u2019") is always read, since its
    text and the value YAML gives differ; folded lines and quoting do not matter, because
    each word is looked for on its own. Parsing is what costs; this test is a hundred times
    cheaper, so a search reads only the stories that could match."""
    from newsdesk.story.textindex import folded

    text = folded(raw) if words else None
    return text is None or all(word in text for word in words)


def search(newsroom: Newsroom, text: str, filters: Filters, problems: list[str]) -> list[Hit]:
    from newsdesk.story.store import readable
    from newsdesk.story.textindex import WORD, TextIndex

    needle = text.casefold().strip()
    if not needle:
        raise UsageError("search needs some text")
    hits: list[Hit] = []
    words = WORD.findall(needle)
    index = TextIndex.of(newsroom) if words else None
    rels = index.candidates(words) if index is not None else None  # None: read them all
    for item in readable(newsroom, problems, worth_reading=lambda raw: _may_hold(raw, words),
                         rels=rels):
        parsed, story, rel = item.parsed, item.story, item.rel
        summary = Summary.of(story, rel)
        if not filters.match(summary):
            continue
        source = parsed.source
        fields: list[tuple[str, tuple[str | int, ...], str | None]] = [
            ("headline", ("headline",), story.headline), ("dek", ("dek",), story.dek)]
        fields += [("people", ("people", i, "name"), p.name) for i, p in enumerate(story.people)]
        for name, key, value in fields:
            if value and needle in value.casefold():
                hits.append(Hit(story.id, rel, name, parsed.where(key)[0], value,
                                summary.status))
        for number, line in enumerate(source.body.split("\n"), start=source.body_first_line):
            if needle in line.casefold():
                hits.append(Hit(story.id, rel, "body", number, line.strip(), summary.status))
    return hits

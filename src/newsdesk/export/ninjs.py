"""IPTC ninjs 2.2 (News in JSON): one `<id>.json` per story, valid against the schema in
`tests/fixtures/schemas/ninjs-schema_2.2.json`.

ninjs 2.2 has no `creditline`; an image's credit goes to its association's `by` and
`copyrightnotice`, and the lead image is the association named `lead`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdesk.atomic import write_text_atomic
from newsdesk.export import ExportContext
from newsdesk.export.article import Article, iso
from newsdesk.models.enums import Status

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
_PUBSTATUS = {Status.PUBLISHED: "usable", Status.KILLED: "canceled"}


def _absolute(base: str, src: str) -> str:
    return src if "://" in src else base + src.lstrip("/")


def document(article: Article) -> dict[str, Any]:
    story = article.story
    doc: dict[str, Any] = {
        "uri": article.uri,
        "standard": {"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": "newsdesk-story",
        "version": str(1 + len(story.corrections)),
        "firstcreated": iso(story.created),
        "versioncreated": iso(story.updated),
        "contentcreated": iso(story.created),
        "pubstatus": _PUBSTATUS.get(story.status, "withheld"),
        "language": article.language,
        "title": story.headline,
        "slugline": story.id,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": story.headline}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": article.body_html,
                    "wordcount": article.words, "charcount": len(article.body)}],
        "by": article.byline_text.removeprefix("By "),
        "copyrightholder": article.newsroom,
        "copyrightnotice": f"© {story.created.year} {article.newsroom}",
        "renditions": [{"name": "html", "href": article.url, "contenttype": "text/html"}],
    }
    if story.embargo_until is not None:
        doc["embargoed"] = iso(story.embargo_until)
    descriptions = []
    if story.dek:
        descriptions.append({"role": "summary", "contenttype": "text/plain", "value": story.dek})
    if story.editor_note:
        descriptions.append({"role": "editorsnote", "contenttype": "text/plain",
                             "value": story.editor_note})
    for correction in story.corrections:
        descriptions.append({"role": "correction", "contenttype": "text/plain",
                             "value": f"{iso(correction.date)}: {correction.text}"})
    if story.kill_reason:
        descriptions.append({"role": "killnotice", "contenttype": "text/plain",
                             "value": story.kill_reason})
    if descriptions:
        doc["descriptions"] = descriptions
    people: list[dict[str, Any]] = [
        {"name": a.name, "rel": "author", "literal": a.id} for a in article.authors]
    for person in story.people:
        entry: dict[str, Any] = {"name": person.name, "rel": person.role.value}
        if person.callsign:
            entry["literal"] = f"callsign {person.callsign}"
        people.append(entry)
    doc["people"] = people
    if story.tags:
        doc["subjects"] = [{"name": tag, "rel": "about", "literal": tag} for tag in story.tags]
    if article.located:
        doc["located"] = article.located
    if article.related:
        doc["altids"] = [{"role": "related", "value": t.url} for t in article.related]
    if story.images:
        doc["associations"] = [_image(article, index, image)
                               for index, image in enumerate(story.images)]
    return doc


def _image(article: Article, index: int, image: Any) -> dict[str, Any]:
    href = _absolute(article.base_url, image.src)
    association: dict[str, Any] = {
        "name": "lead" if index == 0 else f"image{index + 1}",
        "uri": href,
        "type": "picture",
        "renditions": [{"name": "original", "href": href}],
    }
    descriptions = []
    if image.caption:
        descriptions.append({"role": "caption", "contenttype": "text/plain",
                             "value": image.caption})
    if image.alt:
        descriptions.append({"role": "alt", "contenttype": "text/plain", "value": image.alt})
    if descriptions:
        association["descriptions"] = descriptions
    if image.credit:
        association["by"] = image.credit
        association["copyrightnotice"] = image.credit
    return association


def write(articles: Iterable[Article], out: Path, context: ExportContext) -> list[Path]:
    written = []
    for article in articles:
        path = out / f"{article.id}.json"
        write_text_atomic(path, json.dumps(document(article), ensure_ascii=False, indent=2)
                          + "\n")
        written.append(path)
    return written

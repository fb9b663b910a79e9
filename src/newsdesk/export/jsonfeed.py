"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the news feed as `feed.json`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdesk.atomic import write_text_atomic
from newsdesk.export import ExportContext
from newsdesk.export.article import Article, iso


def feed(articles: list[Article], newsroom: str, base_url: str, language: str) -> dict[str, Any]:
    base = base_url if base_url.endswith("/") else base_url + "/"
    items = []
    for article in sorted(articles, key=lambda a: a.published, reverse=True):
        story = article.story
        item: dict[str, Any] = {
            "id": article.uri,
            "url": article.url,
            "title": story.headline,
            "content_html": article.body_html,
            "date_published": iso(article.published),
            "date_modified": iso(story.updated),
            "authors": [{"name": a.name} for a in article.authors],
            "language": article.language,
        }
        if story.dek:
            item["summary"] = story.dek
        if article.lead is not None:
            item["image"] = article.lead.src if "://" in article.lead.src else \
                base + article.lead.src.lstrip("/")
        if story.tags:
            item["tags"] = list(story.tags)
        items.append(item)
    return {"version": "https://jsonfeed.org/version/1.1", "title": newsroom,
            "home_page_url": base, "feed_url": base + "feed.json", "language": language,
            "items": items}


def write(articles: Iterable[Article], out: Path, context: ExportContext) -> list[Path]:
    newsroom, base_url, language = context.newsroom, context.base_url, context.language
    path = out / "feed.json"
    # a feed is one document: its items are held together (the archive's whole text)
    write_text_atomic(path, json.dumps(feed(list(articles), newsroom, base_url, language),
                                       ensure_ascii=False, indent=2) + "\n")
    return [path]

"""Markdown for static-site generators: front matter cut down to what Hugo, Jekyll or Eleventy
need, the body as written, and each image's caption and credit beneath it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsdesk.atomic import write_text_atomic
from newsdesk.export.article import Article, iso

_IMAGE_LINE = re.compile(r"^([ \t]*!\[[^\]\n]*\]\([ \t]*<?([^)\s>]+)>?[^)\n]*\)[ \t]*)$",
                         re.MULTILINE)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def render(article: Article) -> str:
    story = article.story
    lines = ["---", f"title: {_q(story.headline)}", f"slug: {_q(story.id)}",
             f"date: {iso(article.published)}", f"lastmod: {iso(story.updated)}"]
    if story.dek:
        lines.append(f"description: {_q(story.dek)}")
    lines.append("authors: [" + ", ".join(_q(a.name) for a in article.authors) + "]")
    if story.tags:
        lines.append("tags: [" + ", ".join(_q(t) for t in story.tags) + "]")
    if article.lead is not None:
        lines.append(f"image: {_q(article.lead.src)}")
        if article.lead.credit:
            lines.append(f"image_credit: {_q(article.lead.credit)}")
    lines += ["---", ""]
    if article.lead is not None:
        lines.append(f"![{article.lead.alt or ''}]({article.lead.src})")
        lines.append(_credit_line(article.lead.caption, article.lead.credit))
        lines.append("")
    if story.editor_note:
        lines += [f"> **Editor's note:** {story.editor_note}", ""]
    images = {i.src: i for i in story.images}

    def with_credit(match: re.Match[str]) -> str:
        image = images.get(match.group(2))
        if image is None:
            return match.group(1)
        return match.group(1).rstrip() + "\n" + _credit_line(image.caption, image.credit)

    lines.append(_IMAGE_LINE.sub(with_credit, article.body).rstrip("\n"))
    if story.corrections:
        lines += ["", "## Corrections", ""]
        lines += [f"- {iso(c.date)[:10]}: {c.text}" for c in story.corrections]
    return "\n".join(lines) + "\n"


def _credit_line(caption: str | None, credit: str | None) -> str:
    parts = [p for p in (caption, f"({credit})" if credit else None) if p]
    return f"*{' '.join(parts)}*" if parts else ""


def write(articles: list[Article], out: Path) -> list[Path]:
    written = []
    for article in articles:
        path = out / f"{article.id}.md"
        write_text_atomic(path, render(article))
        written.append(path)
    return written

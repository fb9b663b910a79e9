"""Markdown for static-site generators: front matter cut down to what Hugo, Jekyll or Eleventy
need, the body as written, and each image's caption and credit beneath it."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path

from newsdesk.atomic import write_text_atomic
from newsdesk.export import ExportContext
from newsdesk.export.article import Article, iso

_IMAGE_LINE = re.compile(r"^([ \t]{0,100}!\[[^\[\]\n]{0,1000}\]\([ \t]{0,100}<?"
                         r"([^)\s>\[\]]{1,2048})>?[^)\n]{0,1000}\)[ \t]{0,100})$", re.MULTILINE)


# Raw HTML and unsafe links are made harmless the way the HTML export makes them: a static
# site generator renders this Markdown, often with raw HTML on.
_CODE = re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]*`", re.DOTALL)
_TAG = re.compile(r"(?<!\]\()<(?=[A-Za-z/!?])")
_LINK_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]*)|^(\s*\[[^\]\n]+\]:\s*<?)(\S+)",
                          re.MULTILINE)
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]()!#|~])")


def _text(value: str) -> str:
    """A caption, credit or note as plain text inside Markdown: no HTML, no Markdown."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(" ".join(value.split()),
                                                          quote=False))


def _safe_link(url: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    return url if md.validateLink(md.normalizeLink(url)) else "#"


def safe_body(body: str) -> str:
    """The body with raw HTML shown as text and `javascript:` (and other unsafe) link
    targets replaced by `#`; code is left exactly as written."""
    out: list[str] = []
    position = 0
    for code in [*_CODE.finditer(body), None]:
        end = code.start() if code is not None else len(body)
        prose = _TAG.sub("&lt;", body[position:end])

        def fix(match: re.Match[str]) -> str:
            if match.group(1) is not None:
                return match.group(1) + _safe_link(match.group(2))
            return match.group(3) + _safe_link(match.group(4))

        out.append(_LINK_TARGET.sub(fix, prose))
        if code is not None:
            out.append(code.group())
            position = code.end()
    return "".join(out)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def render(article: Article) -> str:
    story = article.story
    lines = ["---", f"title: {_q(story.headline)}", f"slug: {_q(story.id)}",
             f"date: {iso(article.published)}", f"lastmod: {iso(story.updated)}",
             f"lang: {_q(article.language)}"]
    if article.translations:  # the key static-site generators pair translations by
        lines.append(f"translationKey: {_q(story.translation_of or story.id)}")
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
        lines.append(f"![{_text(article.lead.alt or '')}]({_safe_link(article.lead.src)})")
        lines.append(_credit_line(article.lead.caption, article.lead.credit))
        lines.append("")
    if story.editor_note:
        lines += [f"> **Editor's note:** {_text(story.editor_note)}", ""]
    images = {i.src: i for i in story.images}

    def with_credit(match: re.Match[str]) -> str:
        image = images.get(match.group(2))
        if image is None:
            return match.group(1)
        return match.group(1).rstrip() + "\n" + _credit_line(image.caption, image.credit)

    lines.append(_IMAGE_LINE.sub(with_credit, safe_body(article.body)).rstrip("\n"))
    if story.corrections:
        lines += ["", "## Corrections", ""]
        lines += [f"- {iso(c.date)[:10]}: {_text(c.text)}" for c in story.corrections]
    return "\n".join(lines) + "\n"


def _credit_line(caption: str | None, credit: str | None) -> str:
    parts = [p for p in (_text(caption) if caption else None,
                         f"({_text(credit)})" if credit else None) if p]
    return f"*{' '.join(parts)}*" if parts else ""


def write(articles: Iterable[Article], out: Path, context: ExportContext) -> list[Path]:
    written = []
    for article in articles:
        path = out / f"{article.id}.md"
        write_text_atomic(path, render(article))
        written.append(path)
    return written

"""Story Markdown to HTML with markdown-it-py: raw HTML off (a `<script>` in a story shows as
text), unsafe link schemes refused by markdown-it's own validator, and each body image
followed by its caption and credit from the story's `images`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from newsdesk.models.story import Image


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.add_render_rule("image", _image_rule)
    return md


def render_body(markdown: str, images: dict[str, Image]) -> str:
    md = _parser()
    env: dict[str, Any] = {"images": images}
    tokens = md.parse(markdown, env)
    return str(md.renderer.render(tokens, md.options, env)).replace(
        "<img", '<img loading="lazy"')


def _image_rule(renderer: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = escape("".join(child.content for child in token.children or []))
    image = env.get("images", {}).get(src)
    html = f'<img src="{escape(src)}" alt="{alt}">'
    if image is not None:
        parts = []
        if image.caption:
            parts.append(f'<span class="image-caption">{escape(image.caption)}</span>')
        if image.credit:
            parts.append(f'<span class="image-credit">{escape(image.credit)}</span>')
        if parts:
            html += f'<span class="image-note">{" ".join(parts)}</span>'
    return html

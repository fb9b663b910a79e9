"""Every image has a credit, a caption and alt text, and every body image is declared.

A photo without a credit takes a photographer's work and exposes the newsroom to claims; a
photo without alt text shuts out readers using screen readers; an undeclared body image
(`![alt](images/x.jpg)` whose `src` is not in `images`) bypasses all three checks.
Placeholder text ("TBD", "credit", "unknown", ...) counts as empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from newsdesk.rules.base import Context, Problem, RuleOptions
from newsdesk.rules.text.spans import mask_non_prose
from newsdesk.substring import contains

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "photo-credit"
SEVERITY = "error"

# Every part has a length bound, so the pattern runs in linear time on hostile input (a long
# run of "![" or "![a](" would otherwise be retried from every position).
_BODY_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]{0,1000})\]\(\s{0,100}<?"
                         r"(?P<src>[^)\s>\[\]]{1,2048})>?(?:\s{1,100}[\"'][^)\n]{0,1000})?\)")


class Options(RuleOptions):
    placeholders: list[str] = Field(
        default_factory=lambda: ["tbd", "tba", "tk", "credit", "unknown", "n/a", "na", "none",
                                 "todo", "xxx", "photo", "caption", "alt", "?", "-"],
        description="Values that count as empty (compared case-insensitively).")


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    placeholders = {p.casefold() for p in options.placeholders}

    def empty(value: str | None) -> bool:
        return value is None or value.strip().strip(".").casefold() in placeholders | {""}

    for index, image in enumerate(story.images):
        for field, what in (("credit", "a credit"), ("caption", "a caption"),
                            ("alt", "alt text")):
            value = getattr(image, field)
            if empty(value):
                path: tuple[str | int, ...] = ("images", index, field)
                known = ("images", index, field) in doc.loaded.positions
                line, column = doc.where(path if known else ("images", index))
                shown = f" ({value.strip()!r} is a placeholder)" if value and value.strip() else ""
                yield Problem(line, column,
                              f"image {image.src!r} has no {field}{shown}: every photo needs "
                              f"{what}",
                              _suggestion(field))
    body = doc.source.body
    if not contains(body, "!["):
        return
    declared = {image.src for image in story.images}
    for match in _BODY_IMAGE.finditer(mask_non_prose(body, links=False)):
        src = match.group("src")
        line, column = doc.source.body_position(match.start())
        if src not in declared:
            yield Problem(line, column,
                          f"body image {src!r} is not declared in images, so it has no "
                          "credit, caption or alt text on record",
                          f"add it to images with src: {src}, credit, caption and alt")
        elif not match.group("alt").strip():
            yield Problem(line, column, f"body image {src!r} has empty alt text",
                          "describe the image between the brackets: ![...]")


def _suggestion(field: str) -> str:
    return {
        "credit": "credit the photographer and agency, e.g. 'Name/Agency'",
        "caption": "say who and what is shown, where and when",
        "alt": "describe what the image shows for readers who cannot see it",
    }[field]

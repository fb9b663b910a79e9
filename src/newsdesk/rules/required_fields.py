"""What each status demands before a story may hold it.

A story in review needs what an editor needs to judge it; a published story needs what a
reader sees on the page: by default a dek (the standfirst), a lead image (the first entry in
`images`) and its publication time. Each status's list is configurable with the story's
field names (`published: [dek, images, published_at, tags]`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from newsdesk.rules.base import Context, Problem, RuleOptions

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "required-fields"
SEVERITY = "error"

_WHAT = {
    "dek": "a dek (the standfirst under the headline)",
    "images": "a lead image (the first entry in images)",
    "published_at": "its publication time (published_at)",
    "tags": "at least one tag",
    "editor_note": "an editor's note",
}


class Options(RuleOptions):
    draft: list[str] = Field(default_factory=list)
    review: list[str] = Field(default_factory=lambda: ["dek"])
    published: list[str] = Field(default_factory=lambda: ["dek", "images", "published_at"])
    spiked: list[str] = Field(default_factory=list)
    killed: list[str] = Field(default_factory=list)

    @field_validator("draft", "review", "published", "spiked", "killed")
    @classmethod
    def _known_fields(cls, fields: list[str]) -> list[str]:
        from newsdesk.models.story import Story

        for name in fields:
            if name not in Story.model_fields:
                raise ValueError(f"{name!r} is not a story field")
        return fields


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    status = story.status.value
    for name in getattr(options, status):
        value = getattr(story, name)
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            path = (name,)
            line, column = doc.key_where(path) if path in doc.loaded.key_positions \
                else doc.where(("status",))
            yield Problem(line, column,
                          f"a {status} story needs {_WHAT.get(name, name)}",
                          f"fill in {name}")

"""Headlines fit where readers meet them.

Search results, social cards and news apps cut long headlines, usually somewhere past 100
characters, and the cut part is often the news. A headline longer than `max_length`
characters is reported so the desk can tighten it; `max_length` is configurable. No fix: a
person rewrites a headline.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from newsdesk.rules.base import Context, Problem, RuleOptions

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "headline-length"
SEVERITY = "warning"


class Options(RuleOptions):
    max_length: int = Field(110, ge=20, description="Longest headline, in characters.")


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    length = len(" ".join(story.headline.split()))
    if length > options.max_length:
        line, column = doc.where(("headline",))
        yield Problem(line, column,
                      f"the headline is {length} characters long, over {options.max_length}: "
                      "search results and social cards will cut it",
                      "tighten it; keep the news in the first 70 characters")

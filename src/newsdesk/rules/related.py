"""Related ids, and the story a translation translates, are stories in the newsroom.

Related-story teasers are built from these ids, and a translation links to its original; a
typo or a deleted story would leave a dead link under a published story.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.rules.base import Context, Problem, RuleOptions

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "related"
SEVERITY = "error"


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    references: list[tuple[tuple[str | int, ...], str, str, str]] = [
        (("related", index), other, "related story", "related to itself")
        for index, other in enumerate(story.related)]
    if story.translation_of is not None:
        references.append((("translation_of",), story.translation_of,
                           "translation_of: story", "a translation of itself"))
    for where, other, what, itself in references:
        line, column = doc.where(where)
        if other == story.id:
            yield Problem(line, column, f"a story cannot be {itself}")
        elif other not in ctx.story_ids:
            close = difflib.get_close_matches(other, list(ctx.story_ids), n=1)
            yield Problem(line, column, f"{what} {other!r} does not exist",
                          f"did you mean {close[0]!r}?" if close else None)

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
    from newsdesk.storyfile import ParsedStory

ID = "related"
SEVERITY = "error"


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    for index, other in enumerate(story.related):
        line, column = doc.where(("related", index))
        if other == story.id:
            yield Problem(line, column, "a story cannot be related to itself")
        elif other not in ctx.story_ids:
            close = difflib.get_close_matches(other, list(ctx.story_ids), n=1)
            yield Problem(line, column, f"related story {other!r} does not exist",
                          f"did you mean {close[0]!r}?" if close else None)
    original = story.translation_of
    if original is not None:
        line, column = doc.where(("translation_of",))
        if original == story.id:
            yield Problem(line, column, "a story cannot be a translation of itself")
        elif original not in ctx.story_ids:
            close = difflib.get_close_matches(original, list(ctx.story_ids), n=1)
            yield Problem(line, column, f"translation_of: story {original!r} does not exist",
                          f"did you mean {close[0]!r}?" if close else None)

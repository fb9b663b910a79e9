"""Byline ids are on the roster.

A byline names who answers for the story; an id that is not in `staff.yaml` (a typo, or a
colleague who left) would publish a story nobody on staff stands behind, and exports could
not show the author's title and bio.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.rules.base import Context, Problem, RuleOptions

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "byline"
SEVERITY = "error"


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    if ctx.roster is None:
        line, column = doc.where(("byline",))
        yield Problem(line, column, "there is no staff.yaml, so no byline can be checked",
                      "add staff.yaml with the newsroom's roster")
        return
    known = [m.id for m in ctx.roster.staff]
    for index, author in enumerate(story.byline):
        if ctx.roster.by_id(author) is None:
            line, column = doc.where(("byline", index))
            close = difflib.get_close_matches(author, known, n=1)
            yield Problem(line, column, f"byline {author!r} is not on the roster in staff.yaml",
                          f"did you mean {close[0]!r}?" if close else
                          "add them to staff.yaml or fix the id")
    seen: set[str] = set()
    for index, author in enumerate(story.byline):
        if author in seen:
            line, column = doc.where(("byline", index))
            yield Problem(line, column, f"byline lists {author!r} twice")
        seen.add(author)

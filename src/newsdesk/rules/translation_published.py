"""A translation goes out together with the story it translates.

A translation published while its original is not (a draft, in review, killed) gives readers
one version of a story the newsroom has not stood behind in the other language. The other
way round is how translations are made (the original first, its translation a day later),
so a draft translation of a published story is no finding. When going out first is
intended, an editor says why in the story:
`<!-- newsdesk: disable-file translation-published -- the original runs on Monday -->`.

Checked on the translation (the story with `translation_of`), reading its original; such a
story is never served from the validation cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.models.enums import Status
from newsdesk.rules.base import Context, Problem, RuleOptions

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "translation-published"
SEVERITY = "error"


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    if story.status != Status.PUBLISHED or story.translation_of in (None, story.id):
        return
    original = ctx.other_story(story.translation_of or "")
    if original is None or original.status == Status.PUBLISHED:
        return  # a missing or broken original is another rule's finding
    line, column = doc.where(("status",))
    yield Problem(line, column,
                  f"published while {original.id!r}, the story this translates, is "
                  f"{original.status.value}: the two versions go out together",
                  "publish the original too, or say why not: <!-- newsdesk: disable-file "
                  "translation-published -- why -->")

"""Direct quotes say who said them.

A quotation with no speaker in its paragraph leaves readers unable to weigh it and editors
unable to check it. A paragraph of the body that holds a quotation of five or more words in
double quotes, and no attribution (said, says, told, according to, wrote, asked, added, ...),
is reported. Short quoted phrases (titles, scare quotes) are left alone, and so is a
paragraph whose quote runs on from an attributed one. No fix: a person names the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from newsdesk.rules.base import Context, Problem, RuleOptions
from newsdesk.rules.texts import mask_non_prose

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.storyfile import ParsedStory

ID = "quote-attribution"
SEVERITY = "warning"

_QUOTE = re.compile(r"[\"“]([^\"“”\n]+(?:\n[^\"“”\n]+)*)[\"”]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class Options(RuleOptions):
    min_words: int = Field(5, ge=2, description="Shorter quoted phrases are not checked.")
    verbs: list[str] = Field(default_factory=lambda: [
        "said", "says", "say", "told", "tells", "according to", "wrote", "writes", "asked",
        "asks", "added", "adds", "recalled", "recalls", "explained", "explains", "posted",
        "stated", "insisted", "noted", "notes", "warned", "warns", "replied", "answered",
        "shouted", "argued", "argues", "claimed", "claims", "quoted", "admitted", "calling",
        "called", "described", "describes"],
        description="Words that attribute a quote.")


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    body = doc.source.body
    if '"' not in body and "“" not in body:
        return
    verbs = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in options.verbs) + r")\b",
                       re.IGNORECASE)
    prose = mask_non_prose(body)
    offset = 0
    for paragraph in re.split(r"(\n[ \t]*\n)", prose):
        start = offset
        offset += len(paragraph)
        if paragraph.strip() == "" or paragraph.lstrip().startswith(("#", ">", "![")):
            continue
        quotes = [m for m in _QUOTE.finditer(paragraph)
                  if len(_WORD.findall(m.group(1))) >= options.min_words]
        if not quotes or verbs.search(paragraph):
            continue
        first = quotes[0]
        line, column = doc.source.body_position(start + first.start())
        yield Problem(line, column, "a quotation with no speaker in its paragraph",
                      "say who said it (\"..., she said\" or \"according to ...\")")

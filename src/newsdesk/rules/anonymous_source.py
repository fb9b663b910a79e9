"""Every unnamed source is declared, with the reason it is unnamed.

"A source told", "sources said", "citing undisclosed sources", "on condition of anonymity":
each time the body leans on someone it does not name, the story must say in
`anonymous_sources` who that is (as the body describes them) and why they cannot be named,
so that an editor can weigh it and readers can trust it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.rules.base import Context, Problem, RuleOptions
from newsdesk.rules.texts import mask_non_prose

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.storyfile import ParsedStory

ID = "anonymous-source"
SEVERITY = "error"

_COUNT = r"(?:a|an|one|two|three|four|several|multiple|many|other)"
UNNAMED = re.compile(
    r"\b(?:"
    rf"{_COUNT}\s+(?:[\w-]+\s+){{0,3}}?sources?\s+(?:told|said|say|says|confirmed|added|"
    r"in|at|close\s+to|within|inside|familiar\s+with)"
    r"|sources\s+(?:said|say|told|tell|confirmed|close\s+to|familiar\s+with)"
    r"|citing\s+(?:undisclosed|unnamed|anonymous|unidentified)\s+(?:[\w-]+\s+)?sources?"
    r"|(?:undisclosed|unnamed|anonymous|unidentified)\s+(?:[\w-]+\s+)?"
    r"(?:sources?|officials?|diplomats?|officers?)"
    r"|on\s+(?:the\s+)?condition\s+of\s+anonymity"
    r"|(?:people|persons?|a\s+person|officials?)\s+familiar\s+with"
    r"|who\s+(?:asked|declined|requested|spoke\s+on\s+condition)\s+not\s+to\s+be\s+"
    r"(?:named|identified)"
    r"|speaking\s+anonymously"
    rf"|according\s+to\s+{_COUNT}\s+(?:[\w-]+\s+){{0,2}}?sources?"
    r")\b",
    re.IGNORECASE,
)


# Every pattern above contains one of these; most bodies contain none, and a substring test
# is far cheaper than the pattern.
_NEEDLES = ("source", "anonym", "familiar with", "not to be", "unnamed", "undisclosed",
            "unidentified")


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    for index, source in enumerate(story.anonymous_sources):
        if not (source.justification and source.justification.strip()):
            line, column = doc.where(("anonymous_sources", index))
            yield Problem(line, column,
                          f"anonymous source {source.description!r} has no justification",
                          "say why the source cannot be named and who on the desk knows them")
    if story.anonymous_sources:
        return
    lowered = doc.source.body.lower()
    if not any(needle in lowered for needle in _NEEDLES):
        return
    body = mask_non_prose(doc.source.body)
    for match in UNNAMED.finditer(body):
        line, column = doc.source.body_position(match.start())
        yield Problem(line, column,
                      f"unnamed source ({' '.join(match.group().split())!r}) but no "
                      "anonymous_sources entry",
                      "add anonymous_sources: [{description: ..., justification: ...}]")

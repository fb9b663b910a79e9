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

_COUNT = (r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|"
          r"some|other|\d+|another|one\s+of\s+the|two\s+of\s+the|both)")
# Who an unnamed source is: the head noun of "a senior military source", "four U.S. officials".
_NOUN = (r"(?:sources?|officials?|diplomats?|insiders?|aides?|officers?|persons?|people|"
         r"lawmakers?|advisers?|advisors?|executives?|commanders?|negotiators?|staffers?|"
         r"employees?|representatives?|interlocutors?|analysts?\s+close)")
_SAYS = (r"(?:said|says|say|told|tells|tell|confirmed|confirms|added|described|describes|"
         r"explained|claimed|claims|insisted|warned|noted|reported|revealed|acknowledged|"
         r"according|suggested|disclosed|indicated|stressed|argued|predicted)")
_WORDS = r"(?:[\w.’'-]+\s+)"
UNNAMED = re.compile(
    r"\b(?:"
    # "on condition of anonymity", "under the condition of anonymity"
    r"(?:on|under)\s+(?:the\s+)?condition\s+(?:of\s+|that\s+(?:they|he|she)\s+not\s+be\s+)"
    r"(?:anonymity|named|identified)"
    # "who declined to be named", "who asked not to be identified", "who requested anonymity"
    r"|who\s+(?:asked|declined|requested|refused|wished|wanted|spoke\s+on\s+condition)\s+"
    r"(?:not\s+)?(?:to\s+be\s+)?(?:named|identified|anonymity)"
    r"|(?:asking|asked|requesting)\s+(?:not\s+to\s+be\s+(?:named|identified)|anonymity|"
    r"that\s+(?:his|her|their)\s+names?\s+not\s+be\s+(?:used|published|given))"
    r"|who\s+(?:was|were|is|are)\s+not\s+authori[sz]ed\s+to\s+(?:speak|comment|discuss|talk)"
    r"|speaking\s+(?:anonymously|on\s+background|on\s+(?:the\s+)?condition)"
    r"|on\s+background"
    # "citing a source in ...", "citing two security sources", "citing people familiar ..."
    rf"|citing\s+(?:{_COUNT}\s+)?{_WORDS}{{0,3}}?(?:sources?|officials?|insiders?|people|persons?)"
    # "people familiar with", "a person close to the president"
    r"|(?:people|persons?|sources?|officials?|someone)\s+(?:familiar\s+with|close\s+to|"
    r"connected\s+to|briefed\s+on|with\s+knowledge\s+of|knowledgeable\s+about)"
    # "according to one of the officials", "according to sources close to ..."
    rf"|according\s+to\s+(?:{_COUNT}\s+)?{_WORDS}{{0,3}}?{_NOUN}\b(?!\s+(?:of|for)\s+[A-Z])"
    # "sources in the General Staff", "the paper's sources in the council"
    r"|(?:[\w]+['’]s\s+)?sources\s+(?:in|within|inside|at|among|close\s+to|connected\s+to|"
    r"familiar\s+with|said|say|says|told|tell|confirmed|claimed|report)"
    # "unnamed officials", "an anonymous source"
    r"|(?:undisclosed|unnamed|anonymous|unidentified)\s+(?:[\w-]+\s+){0,2}?" + _NOUN +
    # "four U.S. officials said", "a senior military source told", "an official in the prime
    # minister's office said": a count, up to four words, a source noun, an optional
    # prepositional phrase, and a reporting verb
    rf"|{_COUNT}\s+{_WORDS}{{0,4}}?{_NOUN}\s+(?:(?:in|at|with|from|inside|within|close\s+to|"
    rf"near)\s+{_WORDS}{{0,6}}?)?{_SAYS}\b"
    # "Officials told the newspaper": a bare plural subject at the start of a clause
    rf"|(?:(?<=^)|(?<=[.;:]\s)|(?<=\n))(?:officials|sources|diplomats|insiders)\s+{_SAYS}\b"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
# A source with a name is not anonymous: "Anna Hrytsenko, a Ukrainian official in charge of
# reconstruction, told reporters".
_NAMED_BEFORE = re.compile(r"[A-Z][\w’'-]+,\s*$")


# Every pattern above contains one of these; most bodies contain none, and a substring test
# is far cheaper than the pattern.
_NEEDLES = ("source", "anonym", "familiar", "not to be", "unnamed", "undisclosed",
            "unidentified", "official", "diplomat", "insider", "aide", "officer", "people",
            "person", "background", "authoriz", "authoris", "name", "close to", "adviser",
            "advisor", "lawmaker", "executive", "commander", "negotiator", "staffer",
            "employee", "representative", "interlocutor", "analyst")


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
        if match.group().lower().startswith(("a ", "an ")) and _NAMED_BEFORE.search(
                body, max(0, match.start() - 40), match.start()):
            continue  # an appositive to a name: "Anna Hrytsenko, a Ukrainian official, ..."
        line, column = doc.source.body_position(match.start())
        yield Problem(line, column,
                      f"unnamed source ({' '.join(match.group().split())!r}) but no "
                      "anonymous_sources entry",
                      "add anonymous_sources: [{description: ..., justification: ...}]")

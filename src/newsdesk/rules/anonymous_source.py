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
from newsdesk.rules.text.normalise import lower_case
from newsdesk.rules.text.spans import mask_non_prose
from newsdesk.rules.text.wordsearch import Substrings

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "anonymous-source"
SEVERITY = "error"
LANGUAGES = ("en", "uk")

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
    r")",
    re.IGNORECASE | re.MULTILINE,
)
# "four U.S. officials said", "a senior military source told", "an official in the prime
# minister's office said": a count, up to four words, a source noun, an optional
# prepositional phrase, and a reporting verb. Matched from the noun (lower case text), with
# the count looked for in the words before it: nouns are rare, counts are everywhere.
_NOUN_SAYS = re.compile(
    rf"(?<![a-z]){_NOUN}\s+(?:(?:in|at|with|from|inside|within|close\s+to|near)\s+{_WORDS}{{0,6}}?)?"
    rf"{_SAYS}\b")
# What every _NOUN starts with: found by the automaton, which is many times faster than
# letting the pattern try every position of a long story.
_NOUN_STEMS = ("source", "official", "diplomat", "insider", "aide", "officer", "person",
               "people", "lawmaker", "advis", "executive", "commander", "negotiator", "staffer",
               "employee", "representative", "interlocutor", "analyst")
_COUNT_BEFORE = re.compile(rf"(?<![\w’'-]){_COUNT}\s+{_WORDS}{{0,4}}$")
# Every other phrase holds one of these.
_KEYWORDS = ("anonym", "condition", "not to be", "authori", "background", "citing", "familiar",
             "close to", "connected to", "according to", "unnamed", "undisclosed",
             "unidentified", "sources", "briefed on", "knowledge", "not be used",
             "not be published", "not be given", "declined", "requested", "refused")
_CLAUSE_START = re.compile(r"(?:^|[.;:!?]\s|\n)$")
# A source with a name is not anonymous: "Anna Hrytsenko, a Ukrainian official in charge of
# reconstruction, told reporters".
_NAMED_BEFORE = re.compile(r"[A-Z][\w’'-]+,\s*$")


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
    body = mask_non_prose(doc.source.body)
    if ctx.language_of(story) == "uk":
        from newsdesk.rules.text.ukrainian.sources import phrases
    else:
        phrases = _phrases
    for start, phrase in phrases(body):
        line, column = doc.source.body_position(start)
        yield Problem(line, column,
                      f"unnamed source ({' '.join(phrase.split())!r}) but no "
                      "anonymous_sources entry",
                      "add anonymous_sources: [{description: ..., justification: ...}]")


# One automaton for the keywords and the noun stems: a single pass over the story finds every
# place the grammar needs to look (40 separate scans did before).
_TRIGGERS = Substrings((*_KEYWORDS, *_NOUN_STEMS))
_STEMS = frozenset(_NOUN_STEMS)


def _noun_says(lowered: str, nouns: list[int]) -> list[re.Match[str]]:
    """Every _NOUN_SAYS phrase, in order, found from its noun."""
    ordered: list[re.Match[str]] = []
    for position in nouns:
        if ordered and position < ordered[-1].end():
            continue  # as finditer: no overlaps
        said = _NOUN_SAYS.match(lowered, position)
        if said is not None:
            ordered.append(said)
    return ordered


def _phrases(body: str) -> list[tuple[int, str]]:
    """(offset, phrase) of every unnamed-source phrase, in order."""
    lowered = lower_case(body)
    if len(lowered) != len(body):  # a few letters lower-case to two; keep offsets honest
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in body)
    found: dict[int, str] = {}
    # the full grammar runs only around the rare words every such phrase holds
    windows: list[list[int]] = []
    nouns: list[int] = []
    for key, position, _ in _TRIGGERS.find(lowered):
        if key in _STEMS:
            # inside a word ("resources", "personal") the noun pattern's lookbehind fails:
            # decided here, without trying the pattern
            if not (position and "a" <= lowered[position - 1] <= "z"):
                nouns.append(position)
        else:
            windows.append([max(0, position - 40), position + 200])
    windows.sort()
    merged: list[list[int]] = []
    for window in windows:
        if merged and window[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], window[1])
        else:
            merged.append(window)
    for start, end in merged:
        for match in UNNAMED.finditer(body, start, min(end, len(body))):
            found.setdefault(match.start(), match.group())
    for said in _noun_says(lowered, sorted(set(nouns))):
        position = said.start()
        count = _COUNT_BEFORE.search(lowered, max(0, position - 60), position)
        if count:
            found.setdefault(count.start(), body[count.start():said.end()])
        elif _CLAUSE_START.search(lowered, max(0, position - 3), position) \
                and lowered[position:said.end()].split()[0].endswith("s"):
            # "Officials told the newspaper": a bare plural opening a clause
            found.setdefault(position, body[position:said.end()])
    out: list[tuple[int, str]] = []
    covered = -1
    for start, phrase in sorted(found.items()):
        if start < covered:
            continue  # the same phrase, found from another of its words
        covered = start + len(phrase)
        if phrase.lower().startswith(("a ", "an ")) and _NAMED_BEFORE.search(
                body, max(0, start - 40), start):
            continue  # an appositive to a name: "Anna Hrytsenko, a Ukrainian official, ..."
        out.append((start, phrase))
    return out

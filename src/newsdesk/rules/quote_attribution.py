"""Direct quotes say who said them.

A quotation with no speaker in its paragraph leaves readers unable to weigh it and editors
unable to check it. A paragraph of the body that holds a quotation of five or more words in
double quotes, and no attribution, is reported. Attribution is any of the reporting verbs
newsrooms use (said, told, admitted, complained, joked, criticized, affirmed, explained,
wrote, reports, according to, "the statement read:", ...). Not reported: short quoted
phrases; a quote that runs on from a paragraph that names its speaker; quoted titles,
slogans and terms (after "the film", "her book", "signs reading", "calls it", "a term", or
written in Title Case). No fix: a person names the speaker.

In Ukrainian copy quotes in «» count too, and the reporting verbs are matched by dictionary
form in every tense and gender ("каже", "розповіла", "визнав", "поскаржилася"), with "за
словами ..."; titles are recognised by the word before them ("фільм", "книжка", "гасло").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from newsdesk.rules.base import Context, Problem, RuleOptions
from newsdesk.rules.text.spans import mask_non_prose

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "quote-attribution"
SEVERITY = "warning"
LANGUAGES = ("en", "uk")

_QUOTE = re.compile(r"[\"“]([^\"“”\n]+(?:\n[^\"“”\n]+)*)[\"”]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


_VERBS = """said says say saying told tells tell according wrote writes write asked asks
added adds recalled recalls explained explains posted posts stated states insisted insists
noted notes warned warns replied replies answered answers shouted shouts argued argues
claimed claims quoted admitted admits calling called described describes complained
complains affirmed affirms joked jokes criticized criticised criticizes criticises reported
reports announced announces acknowledged acknowledges conceded concedes confirmed confirms
declared declares emphasized emphasised stressed stresses urged urges pleaded pleads vowed
vows predicted predicts suggested suggests whispered whispers cried cries
laughed laughs sighed sighs exclaimed exclaims remembered remembers
objected objects protested protests boasted boasts lamented laments mused
muses remarked remarks responded responds countered counters tweeted
texted messaged commented comments testified testifies told recounted recounts""".split()
# A quote after one of these is a title, a slogan or a term, not speech.
_NAMING = re.compile(
    r"(?:\b(?:film|movie|documentary|book|novel|memoir|series|show|song|album|play|poem|"
    r"exhibition|article|essay|report|headline|campaign|slogan|motto|signs?|banners?|placards?|"
    r"posters?|reading|titled|entitled|called|calls|dubbed|named|labelled|labeled|termed|"
    r"so-called|known\s+as|phrase|term|word|words|hashtag|operation|project|programme|program|"
    r"motto)\W{0,3}(?:\w+\W+){0,3}?)$", re.IGNORECASE)
_AFTER_TERM = re.compile(r"^\W{0,3}\s*(?:a|the)\s+(?:term|phrase|slogan|word|euphemism|name)\b",
                         re.IGNORECASE)
_READ = re.compile(r"\b(?:read|reads|reading)\s*:", re.IGNORECASE)


# Ukrainian copy: quotes in «» too, reporting verbs matched by dictionary form in any tense
# and gender ("каже", "розповіла", "визнав", "поскаржилася"), "за словами ...".
_QUOTE_UK = re.compile(r"[«\"“„]([^«»\"“”„\n]+(?:\n[^«»\"“”„\n]+)*)[»\"”“]")
_UK_VERBS = frozenset("""казати сказати розповісти розповідати заявити заявляти додати додавати
пояснити пояснювати зазначити зазначати наголосити наголошувати повідомити повідомляти
відповісти відповідати запитати питати визнати визнавати підтвердити підтверджувати
попередити попереджати написати писати уточнити уточнювати згадати згадувати жартувати
пожартувати поскаржитися скаржитися вигукнути вигукувати зізнатися зізнаватися додати
переконувати запевнити запевняти нагадати нагадувати прокоментувати коментувати
розповісти сказав каже кажуть процитувати цитувати стверджувати заперечити заперечувати
дописати резюмувати підсумувати""".split())
_UK_PHRASES = ("за словами", "як зазначив", "як зазначила", "як пише", "як повідомив",
               "як повідомила", "як розповів", "як розповіла", "цитує", "цитата")
_UK_NAMING = re.compile(
    r"(?:\b(?:фільм\w*|кіно|документальн\w*|книг\w*|роман\w*|пісн\w*|альбом\w*|"
    r"вистав\w*|серіал\w*|гасл\w*|операці\w*|проєкт\w*|проект\w*|програм\w*|назв\w*|"
    r"так\s+зван\w*|називають|називає|виставк\w*|кампані\w*|плакат\w*|напис\w*|"
    r"газет\w*|видання|журнал\w*|статт\w*)\W{0,3}(?:\w+\W+){0,3}?)$", re.IGNORECASE)


class Options(RuleOptions):
    min_words: int = Field(5, ge=2, description="Shorter quoted phrases are not checked.")
    verbs: list[str] = Field(default_factory=lambda: list(dict.fromkeys(_VERBS)),
                             description="Words that attribute a quote.")


@dataclass(frozen=True)
class Compiled:
    min_words: int
    single: frozenset[str]  # one-word verbs
    phrases: tuple[str, ...]  # "according to", "went on"


def prepare(options: Options) -> Compiled:
    """The verb lists, lower-cased once per run rather than once per story."""
    return Compiled(options.min_words,
                    frozenset(v.lower() for v in options.verbs if " " not in v),
                    tuple(v.lower() for v in options.verbs if " " in v))


def _is_title(paragraph: str, quote: re.Match[str], ukrainian: bool = False) -> bool:
    """A quoted title, slogan or term rather than speech."""
    naming = _UK_NAMING if ukrainian else _NAMING
    if naming.search(paragraph[max(0, quote.start() - 60):quote.start()]):
        return True
    if ukrainian:
        return False  # Ukrainian titles are written in sentence case
    if _AFTER_TERM.match(paragraph[quote.end():quote.end() + 30]):
        return True
    words = _WORD.findall(quote.group(1))
    capitalised = [w for w in words if w[:1].isupper()]
    return len(words) >= 3 and len(capitalised) >= 0.6 * len(words)


def _attributed_uk(outside: str) -> bool:
    """Ukrainian attribution: a reporting verb in any form, or "за словами ..."."""
    from newsdesk.rules.text.ukrainian.morphology import lemmas

    if any(p in outside for p in _UK_PHRASES):
        return True
    return any(not _UK_VERBS.isdisjoint(lemmas(word)) for word in _WORD.findall(outside))


def check(doc: ParsedStory, story: Story, ctx: Context, options: Compiled
          ) -> Iterator[Problem]:
    body = doc.source.body
    ukrainian = ctx.language_of(story) == "uk"
    if '"' not in body and "“" not in body and not (ukrainian and "«" in body):
        return
    single, phrases = options.single, options.phrases
    quote_pattern = _QUOTE_UK if ukrainian else _QUOTE
    openings = "\"“«„" if ukrainian else "\"“"

    def attributed(paragraph: str) -> bool:
        # the speaker is named outside the quotation marks, never by the quoted words
        outside = quote_pattern.sub(lambda m: " " * len(m.group()), paragraph).lower()
        if ukrainian:
            return _attributed_uk(outside)
        return bool(not single.isdisjoint(_WORD.findall(outside))
                    or any(p in outside for p in phrases) or _READ.search(outside))

    prose = mask_non_prose(body)
    offset = 0
    previous: str | None = None  # the previous paragraph, when a quote may run on from it
    previous_ran_on = False
    for paragraph in re.split(r"(\n[ \t]*\n)", prose):
        start = offset
        offset += len(paragraph)
        if paragraph.strip() == "":
            continue
        if paragraph.lstrip().startswith(("#", ">", "![")):
            previous, previous_ran_on = None, False
            continue
        quotes = [] if not any(c in paragraph for c in openings) else [
            m for m in quote_pattern.finditer(paragraph)
            if len(_WORD.findall(m.group(1))) >= options.min_words
            and not _is_title(paragraph, m, ukrainian)]
        runs_on = False
        if quotes and not attributed(paragraph):
            runs_on = paragraph.lstrip()[:1] in openings and previous is not None and (
                previous_ran_on or attributed(previous))
            if not runs_on:
                line, column = doc.source.body_position(start + quotes[0].start())
                yield Problem(line, column, "a quotation with no speaker in its paragraph",
                              "say who said it (\"..., she said\" or \"according to ...\")")
        previous, previous_ran_on = paragraph, runs_on

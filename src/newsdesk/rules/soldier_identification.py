"""Soldiers appear by first name and callsign only: in `people`, and wherever the story is read.

A full name lets the enemy find a soldier's family; Ukraine's military asks the press to
identify its people by first name and callsign, and newsrooms do. This rule reads each
sentence, and its neighbours, the way a standards editor would:

- a `people` entry with role `soldier` must have a one-word `name` and a `callsign`; a person
  with a callsign is a soldier;
- a declared soldier's first name followed by a surname (`Tymur Bondarenko`,
  `Tymur "Bulat" Bondarenko`) is reported;
- a person named in full is a soldier when a rank or military role is attached to the name
  (`Sgt. Ivan Petrenko`, `drone operator Ivan Petrenko`, `a serviceman of the 28th Brigade,
  Ivan Petrovych Savchuk`), when an appositive says so even past an age (`Andriy Kovalchuk,
  27, a machine gunner`), when the sentence says they serve (`has fought in Bakhmut`,
  `commands a company`, `of the 93rd Brigade`, `was mobilized`), or when the next sentence
  does (`He has served as a drone operator since 2022`); one plural role names two people
  (`Sappers Ivan ... and Petro ...`, `Ivan ... and Petro ..., both sappers`), and a name
  given as someone's (`a sniper known as Bulava, whose real name is ...`) is theirs;
- a surname alone is reported too: after a rank (`Lt. Yaremchuk`), before a callsign
  (`Boychuk, whose call sign is ...`), and every later mention of a soldier's surname
  (`..., Marchenko said`), each at its own line.

The newsroom's decisions: **generals and admirals are public figures** by rank;
**spokespersons and press officers** speaking on the record are public figures even when they
hold a rank; foreign and retired officers who comment in public are public figures; people
named with a civilian title or job (President, mayor, nurse, farmer) are not soldiers, and
neither is someone whose husband, son or mother serves. The listed `public_figures` are
matched under every transliteration (Valery Zaluzhny is Valerii Zaluzhnyi).

**A person declared in `people` with any role other than `soldier` is never treated as a
soldier.** That is how an editor clears what the rule cannot know: a war-crimes suspect named
by prosecutors, a fallen soldier the state has named, a public figure who serves. The
declared name is matched under every transliteration too.

Everything published is read as it is published: headline, dek, captions, alt text, image
credits, tags, corrections, the kill reason, the editor's note and the body, including code,
table cells and the text of HTML comments. Text is read as the page shows it: emphasis and
code marks, HTML entities, diacritics, invisible characters (zero-width, combining marks,
Braille blanks, Hangul fillers), fullwidth and mathematical letters, no-break spaces and
Cyrillic look-alike letters do not hide a surname, and neither does lower or upper case. A
line break inside a paragraph is the space it is on the page: a name wrapped at the end of a
line, in a block quote too, is one name. A name never runs across a field, a sentence end or
the end of a block (a heading, a list item, a table row). No rewrite is offered: a person
decides.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import Field

from newsdesk.models.enums import PersonRole
from newsdesk.rules.base import Context, Problem, RuleOptions
from newsdesk.rules.text.military import (
    AMBIGUOUS_UNITS,
    LEXICON,
    PLURAL,
    Cue,
    MilitaryFinder,
)
from newsdesk.rules.text.names import (
    NOT_NAMES,
    could_be_name,
    first_names,
    is_first_name,
    looks_like_surname,
    lower_case_first_names,
    name_key,
    plain,
    same_person,
    word_key,
)
from newsdesk.rules.text.normalise import (
    CAPITALS,
    Normalised,
    normalise,
    soft_breaks_as_spaces,
)
from newsdesk.rules.text.sentences import (
    Token,
    paragraph_around,
    quoted_end,
    sentence_spans,
    span_length,
    tokenize,
)
from newsdesk.rules.text.spans import (
    JoinedSpans,
    QuotesOriginal,
    TextSpan,
    joined,
    published_spans,
)
from newsdesk.rules.text.wordsearch import Substrings, ascii_shadow

if TYPE_CHECKING:
    from newsdesk.models.story import Person, Story
    from newsdesk.story.reader import ParsedStory

ID = "soldier-identification"
SEVERITY = "error"
LANGUAGES = ("en", "uk")  # Ukrainian copy: rules/text/ukrainian/soldiers.py
# One comment must not silence the rule that keeps soldiers safe (newsdesk.yaml can allow it).
SUPPRESSIBLE = False

PUBLIC_FIGURES = [
    "Volodymyr Zelensky", "Valerii Zaluzhnyi", "Oleksandr Syrskyi", "Kyrylo Budanov",
    "Andrii Hnatov", "Mykhailo Drapatyi", "Yurii Sodol", "Serhii Naiev", "Rustem Umerov",
    "Denys Shmyhal", "Oleksii Reznikov", "Oleksandr Tarnavskyi", "Oleksii Neizhpapa",
    "Yurii Ihnat", "Dmytro Pletenchuk", "Andrii Demchenko", "Viktor Tregubov",
    "Vladimir Putin", "Valery Gerasimov", "Sergei Shoigu", "Andrei Belousov",
    "Yevgeny Prigozhin", "Denys Prokopenko",
]
# Words after a declared soldier's first name that are not a surname.
NOT_SURNAMES = frozenset([
    "and", "or", "but", "nor", "the", "a", "an", "said", "says", "say", "told", "tells",
    "asked", "asks", "added", "adds", "was", "is", "are", "were", "who", "whose", "with",
    "from", "in", "on", "at", "to", "of", "for", "as", "has", "had", "have", "did", "does",
    "will", "would", "can", "could", "may", "might", "also", "then", "now", "still", "recalls",
    "remembers", "explains", "laughs", "smiles", "nods", "shouts", "writes", "continues",
    "points", "looks", "walks", "stands", "sits", "checks", "calls", "watches", "knows",
    "thinks", "hopes", "wants", "i", "he", "she", "they", "we", "it", "his", "her", "their",
    "our", "its", "not", "never", "always", "just", "only", "again", "too", "keeps", "leads",
    "runs", "flies"
])
_QUOTES_OPEN = "\"“«'‘„"
_QUOTES_CLOSE = "\"”»'’“"
_REPORTING = frozenset([
    "said", "says", "told", "tells", "added", "adds", "recalled", "recalls", "explained",
    "explains", "thinks", "thought", "believes", "believed", "hopes", "hoped", "wrote",
    "writes", "according", "asked", "asks", "insisted", "insists", "noted", "notes", "warned",
    "warns", "claimed", "claims"
])
_COPULA = frozenset([
    "is", "was", "as", "became", "becomes", "remains", "been", "now", "a", "an", "the", "former"
])
_MEMBERSHIP = frozenset([
    "of", "with", "in", "from", "into", "joined", "join", "his", "her", "their", "my", "its",
    "our", "at"
])
_MILITARY_QUALIFIERS = frozenset([
    "assault", "drone", "reconnaissance", "recon", "medical", "rifle", "artillery", "mortar",
    "howitzer", "tank", "air", "special", "airborne", "mechanized", "mechanised", "motorized",
    "infantry", "marine", "separate", "territorial", "border", "evacuation", "sapper",
    "engineering", "sniper", "signals", "combat", "rocket"
])
_HISTORIC = frozenset(["soviet", "red", "imperial", "insurgent", "tsarist", "confederate"])
_PRONOUNS = frozenset(["he", "she", "his", "her", "him"])
_CALLSIGN = frozenset({("callsign",), ("call", "sign"), ("call-sign",), ("nom", "de", "guerre"),
                       ("codename",), ("nickname",)})
_LETTERS = re.compile(r"[^\W\d_]+")
_CALLSIGN_WORDS = frozenset(part for phrase in _CALLSIGN for word in phrase
                            for part in _LETTERS.findall(word))


@lru_cache(maxsize=1)
def _military_finder() -> MilitaryFinder:
    """Which sentences hold a military word or a callsign word: every soldier verdict needs
    one. (Its automaton is built on first use, not when the rule is imported.)"""
    return MilitaryFinder(LEXICON, _CALLSIGN_WORDS)


_AGE = re.compile(r"^\d{1,2}(?:-year-old)?$")


class Options(RuleOptions):
    public_figures: list[str] = Field(
        default_factory=lambda: list(PUBLIC_FIGURES),
        description="People always named in full (matched under every transliteration).")
    extra_public_figures: list[str] = Field(default_factory=list,
                                            description="Added to `public_figures`.")


@dataclass(frozen=True)
class Compiled:
    public: dict[str, list[str]]  # public figures by the key of their surname


def _by_surname(names: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for name in names:
        key = name_key(name)
        if key:
            index.setdefault(key[-1], []).append(name)
    return index


def prepare(options: Options) -> Compiled:
    return Compiled(_by_surname([*options.public_figures, *options.extra_public_figures]))


@dataclass
class _Reading(QuotesOriginal):
    """One span of prose, read: normalised text and its sentences, split into words on
    demand (most sentences of a story can name nobody and are never split)."""

    span: TextSpan | JoinedSpans
    normal: Normalised
    spans: list[tuple[int, int, int]]  # (start, end, paragraph) of each sentence
    candidates: list[int]  # sentences that could name someone
    _tokens: dict[int, list[Token]] = field(default_factory=dict)
    _military_in: dict[int, bool] = field(default_factory=dict)

    def sentence(self, number: int) -> list[Token]:
        tokens = self._tokens.get(number)
        if tokens is None:
            start, end, _ = self.spans[number]
            tokens = self._tokens[number] = tokenize(self.normal.text, start, end)
        return tokens

    def military_near(self, number: int) -> bool:
        """Whether the sentence or a neighbour in its paragraph holds a word that can begin a
        rank, role, unit, service verb or callsign: every soldier verdict needs one, and
        most sentences that name someone (officials, credits, places) have none nearby, so
        they are never split into words."""
        return any(self._military(other) for other in (number, number - 1, number + 1)
                   if other == number or self.same_paragraph(number, other))

    def _military(self, number: int) -> bool:
        known = self._military_in.get(number)
        if known is None:
            start, end, _ = self.spans[number]
            lowered = self.normal.lowered
            if len(lowered) == len(self.normal.text):
                known = _military_finder().holds(lowered[start:end])
            else:  # lower-casing moved offsets ("İ"): split the sentence itself
                words = _LETTERS.findall(self.normal.text[start:end].lower())
                known = LEXICON.may_hold_military(words) or not _CALLSIGN_WORDS.isdisjoint(words)
            self._military_in[number] = known
        return known

    def same_paragraph(self, one: int, other: int) -> bool:
        return 0 <= other < len(self.spans) and self.spans[one][2] == self.spans[other][2]



@dataclass(frozen=True)
class _Mention:
    sentence: int
    first: int  # token index of the first name word
    last: int  # token index of the last name word
    words: tuple[Token, ...]

    @property
    def full(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _State:
    """What the rule has learnt about the story so far."""

    # names that are cleared (declared non-soldiers, public figures, staff), by surname key:
    # one index per source, the run-wide ones built once
    allowed_by_surname: tuple[dict[str, list[str]], ...]
    soldiers: list[Person]
    callsigns: frozenset[str]
    surnames: dict[str, str] = field(default_factory=dict)  # plain surname -> full name
    reported: set[tuple[int, int]] = field(default_factory=set)
    # (reading, offset) of every character of a name already reported in full: its surname
    # is not reported a second time
    covered: set[tuple[int, int]] = field(default_factory=set)

    def cover(self, reading: _Reading, start: int, end: int) -> None:
        key = id(reading)
        self.covered.update((key, offset) for offset in range(start, end))

    def is_covered(self, reading: _Reading, offset: int) -> bool:
        return (id(reading), offset) in self.covered


def check(doc: ParsedStory, story: Story, ctx: Context, options: Compiled) -> Iterator[Problem]:
    yield from _check_people(doc, story)
    if ctx.language_of(story) == "uk":
        from newsdesk.rules.text.ukrainian import soldiers as ukrainian

        cleared = [p.name for p in story.people if p.role != PersonRole.SOLDIER]
        cleared += [name for names in options.public.values() for name in names]
        cleared += sorted(ctx.staff_names)
        yield from ukrainian.check(doc, story, cleared, [
            p for p in story.people if p.role == PersonRole.SOLDIER and p.name.strip()])
        return
    soldiers = [p for p in story.people if p.role == PersonRole.SOLDIER and p.name.strip()]
    allowed = [p.name for p in story.people if p.role != PersonRole.SOLDIER]
    state = _State((_by_surname(allowed), options.public, _staff_index(ctx.staff_names)), soldiers,
                   frozenset(plain(p.callsign) for p in soldiers if p.callsign))
    readings = [_read(span) for span in joined(published_spans(doc, story))]
    found: list[tuple[tuple[int, int], Problem]] = []
    for reading in readings:
        for problem in [*_declared_with_surname(reading, state),
                        *_named_by_military_context(reading, state),
                        *_mixed_script_words(reading)]:
            found.append(((problem.line, problem.column), problem))
    for reading in readings:
        for problem in _later_surnames(reading, state):
            found.append(((problem.line, problem.column), problem))
    for where, problem in sorted(found, key=lambda item: item[0]):
        if where not in state.reported:
            state.reported.add(where)
            yield problem


_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# Two capitalised words in a row (maybe a full stop or a quoted callsign between: "Lt.
# Yaremchuk", 'Tymur "Bulat" Bondarenko'), or a capitalised word before a callsign: the
# least any name this rule reports needs. (The word is matched possessively: when what
# follows is no name, trying every shorter prefix of the word cannot make it one.)
_CAPITALISED = re.compile(
    rf"([{CAPITALS}][\w'’-]*+)(?=\.?[ \t]+(?:[{_QUOTES_OPEN}][^\n{_QUOTES_CLOSE}]"
    rf"{{1,40}}[{_QUOTES_CLOSE}][ \t]+)?[{CAPITALS}]|(?P<call>,?[ \t]+(?:whose[ \t]+)?"
    rf"(?i:call[ \t-]*sign)))")
# Where `_CAPITALISED` can match in copy whose letters are all ASCII, found in its bytes with
# every capital made one marker byte (\x01) and every other non-ASCII character one "?": a
# pattern that opens with one literal byte is searched at memory speed, one that opens with a
# class of capitals a character at a time. It accepts everything `_CAPITALISED` accepts there
# (quotes and dashes may be any "?"), so only its hits are tried with `_CAPITALISED`.
_MARKED = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"\x01" * 26)
_MAY_START = re.compile(
    rb"\x01(?=[\w\x01'?-]*+(?:\.?[ \t]+(?:[\"'?][^\n]{1,40}[\"'?][ \t]+)?\x01"
    rb"|,?[ \t]+(?:[w\x01][h\x01][o\x01][s\x01][e\x01][ \t]+)?"
    rb"[c\x01][a\x01][l\x01][l\x01][ \t-]*[s\x01][i\x01][g\x01][n\x01]))")


def capitalised(text: str, ascii_letters: bool) -> list[re.Match[str]]:
    """`_CAPITALISED.finditer(text)`; `ascii_letters`: the text's only non-ASCII characters
    are punctuation (typeset copy), so its capitals are A-Z and can be found in its bytes."""
    if not ascii_letters:
        return list(_CAPITALISED.finditer(text))
    found: list[re.Match[str]] = []
    end = 0
    for hit in _MAY_START.finditer(ascii_shadow(text).translate(_MARKED)):
        start = hit.start()
        if start < end:
            continue  # inside the word of the last match, where finditer never looks
        match = _CAPITALISED.match(text, start)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def _read(span: TextSpan | JoinedSpans) -> _Reading:
    normal = soft_breaks_as_spaces(normalise(span.text, markup=True))
    text = normal.text
    # where a name could start: two capitalised words, a capitalised word before a callsign,
    # or, for a name written all in lower case ("sgt. ivan petrenko"), a given name
    starts = [m.start() for m in capitalised(text, normal.typeset or text.isascii())
              if _could_start(m)]
    starts += [start for _, start, _ in lower_case_first_names().find(text)]
    if not starts:
        return _Reading(span, normal, [], [])
    spans: list[tuple[int, int, int]] = []
    done = -1
    for start in sorted(starts):
        if start < done:
            continue
        first, done = paragraph_around(text, start)
        spans += sentence_spans(text, first, done)
    beginnings = [start for start, _, _ in spans]
    candidates = sorted({max(0, bisect_right(beginnings, s) - 1) for s in starts})
    return _Reading(span, normal, spans, candidates)


def _could_start(match: re.Match[str]) -> bool:
    word = match.group(1)
    if word.lower() in NOT_NAMES:
        return False
    start = match.start()
    if start and (match.string[start - 1].isalnum() or match.string[start - 1] in "_'’-"):
        return False  # a capital inside a word ("McDonald"), not the start of a name
    # a given name before a callsign is how soldiers should be named ('Yurii, callsign
    # "Yar"'); a surname before one is not, and a declared soldier is checked apart
    return match.group("call") is None or not is_first_name(word)


# --- who is named ------------------------------------------------------------------------------

def _mentions(sentence: list[Token], index: int, cue_tokens: set[int]) -> list[_Mention]:
    """Runs of name words in one sentence: 'Ivan Petrovych Savchuk', 'Tymur "Bulat"
    Bondarenko', or one capitalised word. Never across a line break that is left (one inside
    a paragraph was made a space by `soft_breaks_as_spaces`) or punctuation (a quoted
    callsign inside a name is the one exception)."""
    found: list[_Mention] = []
    position = 0
    # only capitalised words and possible given names can open a name (a lower-case ASCII
    # word without an apostrophe is its own plain form, looked up at once)
    givens = first_names()
    openers = [i for i, t in enumerate(sentence) if t.kind == "word" and (
        t.text[:1].isupper() or t.lower in givens or not t.lower.isascii()
        or "'" in t.lower or "’" in t.lower)]
    for opener in openers:
        if opener < position:
            continue
        position = opener
        token = sentence[position]
        if not _name_word(token, position, cue_tokens, first=True):
            position += 1
            continue
        words = [token]
        cursor = position + 1
        while cursor < len(sentence) and len(words) < 4:
            nxt = sentence[cursor]
            if nxt.newline_before:
                break
            if nxt.text in _QUOTES_OPEN and len(words) == 1:
                close = quoted_end(sentence, cursor, _QUOTES_CLOSE)
                if close is not None and close + 1 < len(sentence) \
                        and _name_word(sentence[close + 1], close + 1, cue_tokens) \
                        and not sentence[close + 1].newline_before:
                    cursor = close + 1
                    continue
                break
            if nxt.kind == "word" and len(nxt.text) == 1 and nxt.text.isupper() \
                    and cursor + 1 < len(sentence) and sentence[cursor + 1].text == ".":
                cursor += 2  # a middle initial
                continue
            if not _name_word(nxt, cursor, cue_tokens, lower_ok=is_first_name(words[0].text)):
                break
            if len(words) > 1 and nxt.text.isupper() and not looks_like_surname(nxt.text):
                break  # in ALL CAPS a third capitalised word is no evidence of a name
            words.append(nxt)
            if nxt.text.endswith(("'s", "’s", "'", "’")):
                break
            cursor += 1
        found.append(_Mention(index, position, position + span_length(sentence, words) - 1,
                              tuple(words)))
        position = cursor if len(words) > 1 else position + 1
    return found


def _name_word(token: Token, index: int, cue_tokens: set[int], first: bool = False,
               lower_ok: bool = False) -> bool:
    if token.kind != "word" or index in cue_tokens:
        return False
    if could_be_name(token.text):
        return True
    if first:
        return is_first_name(token.text)
    return lower_ok and looks_like_surname(token.text)


def _is_person(mention: _Mention) -> bool:
    """Two or more name words that are a person's name, not a place or a unit."""
    if not mention.full:
        return False
    first, last = mention.words[0], mention.words[-1]
    if is_first_name(first.text):
        return True
    if len(mention.words) == 2 and is_first_name(last.text) and looks_like_surname(first.text):
        return True  # surname first, as official lists write it: "Petrenko Ivan"
    return first.capitalised and looks_like_surname(last.text)


# --- is the person a soldier ----------------------------------------------------------------

@dataclass(frozen=True)
class _Verdict:
    soldier: bool
    reason: str = ""


_CLEAR = _Verdict(False)


def _named_by_military_context(reading: _Reading, state: _State) -> Iterator[Problem]:
    for number in reading.candidates:
        if not reading.military_near(number):
            continue
        sentence = reading.sentence(number)
        if not sentence:
            continue
        cues = LEXICON.cues(sentence)
        cue_tokens = {i for cue in cues for i in range(cue.first, cue.last + 1)}
        mentions = _mentions(sentence, number, cue_tokens)
        verdicts: dict[int, _Verdict | None] = {}
        for index, mention in enumerate(mentions):
            if _is_declared_soldier(mention, state):
                continue  # _declared_with_surname reports these
            if _allowed(mention, state):
                continue
            if not mention.full:
                yield from _surname_alone(reading, sentence, cues, mention, state)
                continue
            verdicts[index] = _judge(reading, number, sentence, cues, mention, mentions)
        _share_between_pairs(sentence, cues, mentions, verdicts)
        for index, verdict in verdicts.items():
            if verdict is not None and verdict.soldier:
                yield _full_name_problem(reading, mentions[index], verdict.reason, state)


def _share_between_pairs(sentence: list[Token], cues: list[Cue], mentions: list[_Mention],
                         verdicts: dict[int, _Verdict | None]) -> None:
    """Two names joined by "and" that one plural role describes ("Paratroopers Ivan ... and
    Petro ...", "Ivan ... and Petro ..., both sappers,") are both soldiers when one is; a
    singular role stays with its own name ("Sgt. Ivan ... and Olena ...")."""
    for index in range(len(mentions) - 1):
        one, other = mentions[index], mentions[index + 1]
        if index not in verdicts or index + 1 not in verdicts \
                or other.first != one.last + 2 or sentence[one.last + 1].lower != "and":
            continue
        plural_before = any(c.phrase in PLURAL and 0 < one.first - c.last <= 2 for c in cues)
        after = [t.lower for t in sentence[other.last + 1:other.last + 3]]
        both_after = after[:1] == [","] and after[1:] in (["both"], ["all"])
        if not (plural_before or both_after):
            continue
        soldier = next((v for v in (verdicts[index], verdicts[index + 1])
                        if v is not None and v.soldier), None)
        if soldier is not None:
            for shared in (index, index + 1):
                current = verdicts[shared]
                if current is None or not current.soldier:
                    verdicts[shared] = soldier


def _judge(reading: _Reading, number: int, sentence: list[Token], cues: list[Cue],
           mention: _Mention, mentions: list[_Mention]) -> _Verdict | None:
    before = [c for c in cues if c.last < mention.first and mention.first - c.last <= 7
              and not _mention_between(mentions, c.last, mention.first)]
    after_end = _next_mention_start(mentions, mention, len(sentence))
    apposition = _apposition(sentence, mention.last + 1, after_end,
                             {c.first for c in cues})
    inside = [c for c in cues if apposition[0] <= c.first < apposition[1]]
    if any(c.kind in ("public", "general") for c in before if mention.first - c.last <= 5) \
            or any(c.kind in ("public", "general") for c in inside):
        return _CLEAR
    if not (_is_person(mention) or (before and mention.first - before[-1].last <= 2
                                    and before[-1].kind in ("rank", "role"))):
        return None  # two capitalised words that are not a person's name
    # 0. "a sniper known as Bulava, whose real name is ...": the name of someone described
    if _named_as(sentence, mention) and any(c.kind in ("rank", "role") and c.last < mention.first
                                            and not _related(sentence, c) for c in cues):
        return _Verdict(True, "the name given to the soldier described before it")
    # 1. what is attached right before the name
    if before and mention.first - before[-1].last <= 4:
        verdict = _attached(sentence, cues, before[-1], mention)
        if verdict is not None:
            return verdict
    # 2. "Dziuba's brigade": a possessive name owning a unit
    if mention.words[-1].text.endswith(("'s", "’s")):
        owned = next((c for c in cues if c.first == mention.last + 1), None)
        if owned is not None and owned.kind == "unit":
            return _Verdict(True, f"a member of a {_named(owned)}")
    # 3. an appositive after it (past an age)
    verdict = _in_span(sentence, inside, apposition, appositive=True)
    if verdict is not None:
        return verdict
    # 4. the rest of the sentence up to the next person
    rest = (apposition[1], after_end)
    verdict = _in_span(sentence, [c for c in cues if rest[0] <= c.first < rest[1]], rest)
    if verdict is not None:
        return verdict
    # 5. further back in the sentence
    for cue in reversed(before):
        if cue.kind in ("rank", "role") and not _related(sentence, cue):
            return _Verdict(True, f"the {_named(cue)} before the name")
        if cue.kind == "verb" and _verb_describes(sentence, cue, mention):
            return _Verdict(True, f"{_named(cue)!r} before the name")
        if cue.kind == "unit" and _member(sentence, cue) and not _related(sentence, cue):
            return _Verdict(True, f"a member of a {_named(cue)}")
    # 6. the neighbouring sentences
    return _neighbours(reading, number, mention)


def _attached(sentence: list[Token], cues: list[Cue], cue: Cue,
              mention: _Mention) -> _Verdict | None:
    # "the mother of a soldier, Iryna ..." is the mother; "the family of Sgt. Mariia ..." and
    # "the mother of drone operator Ivan ..." name the soldier.
    comma = any(t.text == "," for t in sentence[cue.last + 1:mention.first])
    if comma and _related(sentence, cue):
        return _CLEAR
    if cue.kind == "civil":
        if _preceded_by(sentence, cue.first, {"former", "ex"}):
            return None
        return _CLEAR
    if cue.kind == "rank":
        if _public_rank(cues, cue):
            return _CLEAR
        return _Verdict(True, f"the rank {_named(cue)!r}")
    if cue.kind == "role":
        if cue.phrase == ("defender",) and _sporting(cues):
            return _CLEAR
        return _Verdict(True, f"the role {_named(cue)!r}")
    if cue.kind == "unit" and (cue.phrase[0] not in AMBIGUOUS_UNITS
                               or _qualified(sentence, cue)):
        return _Verdict(True, f"a member of a {_named(cue)}")
    return None


def _in_span(sentence: list[Token], cues: list[Cue], span: tuple[int, int],
             appositive: bool = False) -> _Verdict | None:
    """Cues in an appositive or a predicate: relations block, a civilian job clears (unless a
    'who' clause says the person serves), a role, rank, membership or service verb convicts."""
    reported = False
    civil_at: int | None = None
    for cue in cues:
        words_before = [t.lower for t in sentence[span[0]:cue.first] if t.kind == "word"]
        if any(w in _REPORTING for w in words_before):
            reported = True
        if cue.kind == "relation":
            if _parent_of_count(sentence, cue) or _co_subject(sentence, cue):
                continue  # "a father of three" is the person; "and his brother ... both"
            return _CLEAR  # "whose husband serves": the rest is about someone else
        if cue.kind == "civil":
            if _preceded_by(sentence, cue.first, {"former", "ex", "retired", "to"}) or reported:
                continue  # a past job, or a verb ("used to coach")
            if _before_the_war(sentence):
                continue  # "Before the war, Ivan ... was a teacher": a past job
            if _volunteer_in_unit(sentence, cues, cue):
                continue  # "a volunteer with the territorial defence" serves in it
            if not appositive and not _preceded_by(sentence, cue.first, _COPULA, reach=3):
                continue  # in a predicate, a job counts only as "is a nurse", "as a teacher"
            if civil_at is None:
                civil_at = cue.first
            continue
        if cue.kind == "rank" and _public_rank(cues, cue):
            continue  # "a retired colonel", "a US Army sergeant"
        military = _military(sentence, cue, appositive, reported)
        if military is None:
            continue
        if civil_at is not None and not any(
                t.lower in ("who", "whose", "and", "now") for t in sentence[civil_at:cue.first]):
            continue
        return military
    if civil_at is not None:
        return _CLEAR
    return None


_COUNTS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def _parent_of_count(sentence: list[Token], cue: Cue) -> bool:
    following = [t.lower for t in sentence[cue.last + 1:cue.last + 3]]
    return cue.phrase in (("father",), ("mother",)) and following[:1] == ["of"] \
        and len(following) == 2 and (following[1] in _COUNTS or following[1].isdigit())


def _co_subject(sentence: list[Token], cue: Cue) -> bool:
    """"Nestor ... and his brother Ostap both serve": the relative is a second subject of
    the same predicate, not someone the rest of the sentence is about instead."""
    before = _words_before(sentence, cue.first, 2)
    after = [t.lower for t in sentence[cue.last + 1:cue.last + 5]]
    if before not in (["and", "his"], ["and", "her"]) or "both" not in after[:-1]:
        return False
    return after[after.index("both") + 1] in _SHARED_PREDICATES


# What "both" shares between two subjects when it is their service: "both serve in".
_SHARED_PREDICATES = frozenset({"serve", "served", "fight", "fought", "are", "were", "joined"})


def _before_the_war(sentence: list[Token]) -> bool:
    words = [t.lower for t in sentence if t.kind == "word"]
    return any(words[i:i + 3] in (["before", "the", "war"], ["before", "the", "invasion"])
               for i, word in enumerate(words) if word == "before")


# In an appositive, a role after these is someone else ("who cooks for paratroopers");
# "one of the gunners" and "with the paratroopers" still say what the person is.
_NOT_MEMBERSHIP = frozenset({"for", "to", "by", "about", "from"})
# "former" alone is no predicate either: "the cafe hires former sappers"
_PREDICATE = _COPULA - {"a", "an", "the", "former"}


def _words_before(sentence: list[Token], index: int, tokens: int) -> list[str]:
    """The words (lower case) among the `tokens` tokens before `index`."""
    return [t.lower for t in sentence[max(0, index - tokens):index] if t.kind == "word"]


def _object_of_preposition(sentence: list[Token], cue: Cue) -> bool:
    words = _words_before(sentence, cue.first, 2)
    if words and words[-1] in ("the", "a", "an"):
        words.pop()
    return bool(words) and words[-1] in _NOT_MEMBERSHIP


def _verb_describes(sentence: list[Token], cue: Cue, mention: _Mention) -> bool:
    """A service verb before the name that is about it: the opening phrase of its sentence
    ("Mobilised in 2023, Ivan ... digs trenches") or a passive with the name as its agent
    ("The battery is commanded by Ivan ...")."""
    between = [t for t in sentence[cue.last + 1:mention.first] if t.kind == "word"]
    if [t.lower for t in between] == ["by"]:
        return cue.phrase[-1] == "commanded"
    opening = all(t.kind != "word" for t in sentence[:cue.first])
    return opening and sentence[mention.first - 1].text == "," and len(between) <= 4


def _named_as(sentence: list[Token], mention: _Mention) -> bool:
    """Whether the name is given as someone's name: "whose real name is", "his name is"."""
    return _words_before(sentence, mention.first, 4)[-2:] in (["name", "is"], ["name", "was"])


# What may stand between "volunteer" and the unit it serves in: "a volunteer with the 3rd
# Assault Brigade", "a volunteer in the territorial defence".
_VOLUNTEER_LINKS = frozenset({"with", "in", "of", "for", "the", "a", "an", "its"})


def _volunteer_in_unit(sentence: list[Token], cues: list[Cue], cue: Cue) -> bool:
    if cue.phrase != ("volunteer",):
        return False
    unit = next((c for c in cues if c.first > cue.last), None)
    if unit is None or unit.kind != "unit":
        return False
    between = [t for t in sentence[cue.last + 1:unit.first] if t.kind == "word"]
    return bool(between) and between[0].lower in ("with", "in") and len(between) <= 4 \
        and all(t.lower in _VOLUNTEER_LINKS or t.text[:1].isdigit() for t in between)


def _military(sentence: list[Token], cue: Cue, appositive: bool,
              reported: bool) -> _Verdict | None:
    if cue.kind == "verb":
        if reported:
            return None
        if _historic(sentence, cue.last + 1, cue.last + 5):
            return None
        return _Verdict(True, f"{_named(cue)!r} in the same sentence")
    if cue.kind in ("rank", "role"):
        if reported:
            return None
        if appositive and _object_of_preposition(sentence, cue):
            return None  # "Olena ..., who cooks for paratroopers,"
        # a predicate: "is a sniper", "became a medic"; an article alone is no predicate
        # ("watched a sapper clear the field", "the funeral of the soldier")
        if appositive or _preceded_by(sentence, cue.first, _PREDICATE, reach=3):
            return _Verdict(True, f"the {cue.kind} {_named(cue)!r}")
        return None
    if cue.kind == "unit":
        if _historic(sentence, cue.first - 3, cue.first):
            return None
        # "his unit", "whose brigade", "whose unit" (but "whose company makes bread")
        possessive = _preceded_by(sentence, cue.first, {"his", "her", "their"}, reach=4) or (
            _preceded_by(sentence, cue.first, {"whose"}, reach=4)
            and (cue.phrase[0] not in AMBIGUOUS_UNITS or cue.phrase == ("unit",)))
        if reported and not possessive:
            return None
        if cue.phrase[0] in AMBIGUOUS_UNITS and not _qualified(sentence, cue) and not possessive:
            return None
        if possessive or _member(sentence, cue):
            return _Verdict(True, f"a member of a {_named(cue)}")
    return None


def _neighbours(reading: _Reading, number: int, mention: _Mention) -> _Verdict | None:
    """'He has served as a drone operator since 2022' after the name; 'We met a rifleman from
    the 115th Brigade.' before a sentence that opens with the name."""
    if reading.same_paragraph(number, number + 1):
        following = reading.sentence(number + 1)
        opening = [t.lower for t in following[:6] if t.kind in ("word", "num")]
        surname = plain(mention.words[-1].text)
        refers = any(w in _PRONOUNS for w in opening) or surname in map(plain, opening) or any(
            w.endswith("year-old") for w in opening) or "former" in opening
        if refers:
            cues = LEXICON.cues(following)
            cue_tokens = {i for c in cues for i in range(c.first, c.last + 1)}
            others = [m for m in _mentions(following, number + 1, cue_tokens)
                      if _is_person(m)]
            limit = others[0].first if others else len(following)
            verdict = _in_span(following, [c for c in cues if c.first < limit], (0, limit),
                               appositive=False)
            if verdict is None:
                # "The 25-year-old marine was freed": a role that is the subject itself
                for cue in cues:
                    if cue.first < 6 and cue.kind in ("role", "rank") \
                            and _preceded_by(following, cue.first, {"the", "a"}, reach=4):
                        verdict = _Verdict(True, f"the {_named(cue)!r} in the next sentence")
                        break
            if verdict is not None and verdict.soldier:
                return _Verdict(True, f"{verdict.reason.replace(' in the same sentence', '')}"
                                      " in the next sentence")
    if mention.first <= 1 and reading.same_paragraph(number, number - 1):
        previous = reading.sentence(number - 1)
        cues = LEXICON.cues(previous)
        cue_tokens = {i for c in cues for i in range(c.first, c.last + 1)}
        if not any(_is_person(m) for m in _mentions(previous, number - 1, cue_tokens)):
            for cue in cues:
                if cue.kind == "role" and _preceded_by(previous, cue.first, {"a", "an"},
                                                       reach=3):
                    return _Verdict(True, f"the {_named(cue)!r} in the sentence before")
    return None


def _surname_alone(reading: _Reading, sentence: list[Token], cues: list[Cue],
                   mention: _Mention, state: _State) -> Iterator[Problem]:
    """'Lt. Yaremchuk', 'Boychuk, whose call sign is ...': a surname with no first name."""
    word = mention.words[0]
    if is_first_name(word.text) or plain(word.text) in state.callsigns:
        return
    rank = next((c for c in cues if c.kind == "rank" and 0 < mention.first - c.last <= 2), None)
    reason = None
    if rank is not None and not _public_rank(cues, rank):
        reason = f"after the rank {_named(rank)!r}"
    if reason is None and _callsign_follows(sentence, mention.last + 1):
        reason = "next to a callsign"
    if reason is None and _given_as_surname(sentence, mention) and any(
            c.kind in ("rank", "role", "unit", "verb") for c in cues):
        reason = "given as the surname of someone the sentence describes as serving"
    if reason is None:
        return
    surname = plain(word.text)
    state.surnames.setdefault(surname, word.text)
    start, end = word.start, _name_end(word)
    state.cover(reading, start, end)
    written = reading.original(start, end)
    yield Problem(*reading.at(start, end),
                  f"{written!r} is a soldier's surname ({reason}): soldiers are identified "
                  "by first name and callsign only",
                  "use the soldier's first name and callsign instead of the surname. If this "
                  "person is not a soldier or is a public figure, declare them in people with "
                  "their role (for example role: official) and this rule leaves them alone")


def _given_as_surname(sentence: list[Token], mention: _Mention) -> bool:
    """'whose surname is Petrenko', 'his surname, Petrenko,', 'last name Petrenko'."""
    words = _words_before(sentence, mention.first, 3)
    while words and words[-1] in ("is", "was"):
        words.pop()
    return words[-1:] == ["surname"] or words[-2:] in (["last", "name"], ["family", "name"])


def _callsign_follows(sentence: list[Token], start: int) -> bool:
    """'Boychuk, whose call sign is', 'Levchenko, callsign Dnipro', 'Boychuk (call sign'."""
    cursor = start
    while cursor < len(sentence) and sentence[cursor].text in (",", "(", "—", "–"):
        cursor += 1
    if cursor < len(sentence) and sentence[cursor].lower in ("whose", "with", "alias", "aka"):
        cursor += 1
    if cursor < len(sentence) and sentence[cursor].lower in ("a", "the", "his", "her"):
        cursor += 1
    words = [t.lower for t in sentence[cursor:cursor + 3]]
    return any(tuple(words[:len(phrase)]) == phrase for phrase in _CALLSIGN)


def _full_name_problem(reading: _Reading, mention: _Mention, reason: str,
                       state: _State) -> Problem:
    first, last = mention.words[0], mention.words[-1]
    state.surnames.setdefault(plain(last.text), reading.original(first.start, _name_end(last)))
    state.cover(reading, first.start, last.end)
    written = reading.original(first.start, _name_end(last))
    given = reading.original(first.start, first.end)
    return Problem(*reading.at(first.start, _name_end(last)),
                   f"{written!r} names a soldier in full ({reason}): soldiers are identified "
                   "by first name and callsign only",
                   f"keep the first name and callsign ({given} \"...\") and drop the surname "
                   "here and wherever else it appears. If this person is not a soldier, or is a "
                   "public figure the newsroom names in full (an official, a suspect named by "
                   "prosecutors, a fallen soldier the state has named), declare them in people "
                   "with that role (for example role: official) and this rule leaves them alone")


def _name_end(token: Token) -> int:
    for ending in ("'s", "’s", "'", "’"):
        if token.text.endswith(ending):
            return token.end - len(ending)
    return token.end


# --- later mentions -------------------------------------------------------------------------

def _later_surnames(reading: _Reading, state: _State) -> Iterator[Problem]:
    if not state.surnames:
        return
    text = reading.normal.text
    lowered = reading.normal.lowered
    for surname, full in state.surnames.items():
        if len(lowered) == len(text) and surname not in lowered:
            continue  # the common case, decided without a pattern
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(surname)}(?![\w-])", re.IGNORECASE)
        for match in pattern.finditer(text):
            start, end = match.span()
            word = match.group()
            if state.is_covered(reading, start):
                continue
            if not word[:1].isupper() and not looks_like_surname(word):
                continue  # "the crew outside" is not the surname Outside
            where = reading.at(start, end)
            if where in state.reported:
                continue
            written = reading.original(start, end)
            yield Problem(*where,
                          f"{written!r} is the surname of a soldier named here ({full!r}): "
                          "soldiers are identified by first name and callsign only",
                          "use the soldier's first name or callsign instead of the surname")


# --- helpers ----------------------------------------------------------------------------------

def _allowed(mention: _Mention, state: _State) -> bool:
    surname = word_key(mention.words[-1].text)
    return any(same_person(mention.text, other) for index in state.allowed_by_surname
               for other in index.get(surname, ()))


@lru_cache(maxsize=4)
def _staff_index(staff_names: frozenset[str]) -> dict[str, list[str]]:
    """The newsroom's staff by surname: built once per run, not once per story."""
    return _by_surname(sorted(staff_names))


def _is_declared_soldier(mention: _Mention, state: _State) -> bool:
    key = word_key(mention.words[0].text)
    return any(word_key(s.name.split()[0]) == key for s in state.soldiers)


def _named(cue: Cue) -> str:
    return " ".join(cue.phrase)


def _preceded_by(sentence: list[Token], index: int, words: set[str] | frozenset[str],
                 reach: int = 2, past_commas: bool = True) -> bool:
    seen = 0
    cursor = index - 1
    skipped = (",", "-", "'", "’") if past_commas else ("-", "'", "’")
    while cursor >= 0 and seen < reach:
        token = sentence[cursor]
        if token.kind in ("word", "num"):
            if token.lower in words:
                return True
            seen += 1
        elif token.text not in skipped:
            return False
        cursor -= 1
    return False


def _related(sentence: list[Token], cue: Cue) -> bool:
    """'the mother of a soldier', 'whose husband serves': the cue is about someone else."""
    relations = {"husband", "wife", "son", "daughter", "brother", "sister", "father",
                 "mother", "fiance", "fiancé", "boyfriend", "girlfriend", "partner",
                 "grandson", "widow", "friend", "children", "parents", "family", "relatives"}
    return _preceded_by(sentence, cue.first, relations, reach=4)


def _member(sentence: list[Token], cue: Cue) -> bool:
    """"of the 1st Separate Special Purpose Brigade", "joined the army": a membership word
    before the unit, within six words and the same clause (not past a comma: "a mother of
    three, sews uniforms for the brigade")."""
    return _preceded_by(sentence, cue.first, _MEMBERSHIP, reach=6, past_commas=False)


def _qualified(sentence: list[Token], cue: Cue) -> bool:
    for token in sentence[max(0, cue.first - 3):cue.first]:
        if token.kind == "num" or token.lower in _MILITARY_QUALIFIERS:
            return True
    return len(cue.phrase) > 1


def _historic(sentence: list[Token], start: int, end: int) -> bool:
    return any(t.lower in _HISTORIC for t in sentence[max(0, start):end])


def _public_rank(cues: list[Cue], rank: Cue) -> bool:
    """A rank that makes no soldier of the name: a foreign or retired officer's (who comment
    in public as public figures: "US Army Lt. ...", "a retired colonel"), or a team
    captain's."""
    if any(c.kind == "foreign" and 0 <= rank.first - c.last <= 4 for c in cues):
        return True
    return rank.phrase[0] in ("captain", "capt", "cpt") and _sporting(cues)


def _sporting(cues: list[Cue]) -> bool:
    return any(c.kind == "sport" for c in cues)


def _mention_between(mentions: list[_Mention], start: int, end: int) -> bool:
    return any(start < m.first and m.last < end and _is_person(m) for m in mentions)


def _next_mention_start(mentions: list[_Mention], mention: _Mention, default: int) -> int:
    later = [m.first for m in mentions if m.first > mention.last and _is_person(m)]
    return min(later) if later else default


# What an appositive after an age opens with, besides a cue ("Ivan ..., 34, sapper,"): after
# "Halyna ..., 68," any other lower-case word is her verb ("watched a sapper clear the field").
_APPOSITIVE_OPENERS = frozenset({
    "a", "an", "the", "one", "his", "her", "their", "both", "from", "of", "with", "in", "at",
    "who", "whose", "now", "once", "formerly", "also", "still", "himself", "herself",
})


def _apposition(sentence: list[Token], start: int, limit: int,
                cue_starts: set[int]) -> tuple[int, int]:
    """The appositive after a name (', 27, a machine gunner with the 44th Brigade,'), skipping
    an age; (start, start) when there is none."""
    if start >= limit or sentence[start].text not in (",", "("):
        return start, start
    cursor = start + 1
    if cursor < limit and _AGE.match(sentence[cursor].text) and cursor + 1 < limit \
            and sentence[cursor + 1].text in (",", ")"):
        cursor += 2
        if sentence[cursor - 1].text == ")" and cursor < limit and sentence[cursor].text == ",":
            cursor += 1  # "Ivan ... (34), a sniper"
        if cursor < limit and sentence[cursor].kind == "word" and cursor not in cue_starts \
                and sentence[cursor].text.islower() \
                and sentence[cursor].lower not in _APPOSITIVE_OPENERS:
            return start, start  # the sentence goes on with the person's verb
    end = cursor
    while end < limit and sentence[end].text not in (",", ")", ";", "—", "–"):
        end += 1
    return cursor, end


# --- declared soldiers --------------------------------------------------------------------

_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_AFTER_FIRST_NAME = re.compile(
    rf"(?P<call>\s*(?:,\s*(?i:call\s*sign|callsign)\s*)?[{_QUOTES_OPEN}][^\n{_QUOTES_CLOSE}]"
    rf"{{1,40}}[{_QUOTES_CLOSE}],?|\s*\((?i:call\s*sign|callsign)?\s*[^)\n]{{1,40}}\)"
    rf"|\s*,\s*(?i:call\s*sign|callsign)\s+[^\W\d_][\w'’-]*\s*,)?"
    rf"(?P<after>[ \t]+(?P<word>[^\W\d_][\w'’-]*))?")


def _declared_with_surname(reading: _Reading, state: _State) -> Iterator[Problem]:
    if not state.soldiers:
        return
    firsts = tuple(_given_name(s.name) for s in state.soldiers)
    pattern, owners, search = _given_names_pattern(firsts)
    for start, end in _given_name_hits(reading, pattern, search):
        for number in owners.get(plain(reading.normal.text[start:end]), ()):
            problem = _declared_mention(reading, state, state.soldiers[number], start, end)
            if problem is not None:
                yield problem


def _given_name_hits(reading: _Reading, pattern: re.Pattern[str],
                     search: Substrings) -> list[tuple[int, int]]:
    """Where a declared given name stands as a whole word. Found by one automaton pass over
    the lower-case text for every spelling; the pattern only when lower-casing moved offsets."""
    text = reading.normal.text
    lowered = reading.normal.lowered
    if len(lowered) != len(text):
        return [m.span() for m in pattern.finditer(text)]
    hits = set()
    for _, position, end in search.find(lowered):
        if not (position and _glued(lowered[position - 1])) \
                and not (end < len(lowered) and _glued(lowered[end])):
            hits.add((position, end))
    return sorted(hits)


def _glued(char: str) -> bool:
    """A character that makes a match part of a longer word ("Ivanka" holds no "Ivan")."""
    return char.isalnum() or char in "_'’-"


def _declared_mention(reading: _Reading, state: _State, soldier: Person, start: int,
                      given_end: int) -> Problem | None:
    """A declared soldier's given name, and what follows it: a surname is a finding."""
    text = reading.normal.text
    callsign = (soldier.callsign or "").strip()
    match = _AFTER_FIRST_NAME.match(text, given_end)
    if match is None or not match.group("word"):
        return None
    word = match.group("word")
    end = match.end()
    if callsign and plain(word) == plain(callsign) and not match.group("call"):
        following = _NEXT_WORD.match(text, match.end())
        if following is None or "\n" in following.group(0):
            return None
        word, end = following.group(1), following.end()
    if plain(word) in NOT_SURNAMES or (callsign and plain(word) == plain(callsign)):
        return None
    if not (word[:1].isupper() or looks_like_surname(word)):
        return None
    if word.endswith(("'s", "’s")):
        word, end = word[:-2], end - 2
    state.surnames.setdefault(plain(word), reading.original(start, end))
    state.cover(reading, start, end)
    written = reading.original(start, end)
    given = text[start:given_end]
    shown = f'{given} "{callsign}"' if callsign else given
    return Problem(*reading.at(start, end),
                   f"soldier {given} appears with a surname in {written!r}: "
                   "soldiers are identified by first name and callsign only",
                   f"use the first name and callsign: {shown}")


@lru_cache(maxsize=256)
def _given_name(declared: str) -> str:
    return normalise(declared).text.split()[0]


@lru_cache(maxsize=256)
def _spellings(first: str) -> tuple[str, ...]:
    """The declared given name and its other spellings (Tymur, Timur)."""
    key = word_key(first)
    found = {plain(first)} | {n for n in first_names() if _same_given_name(n, first, key)}
    return tuple(sorted(found, key=len, reverse=True))


@lru_cache(maxsize=256)
def _given_names_pattern(firsts: tuple[str, ...]
                         ) -> tuple[re.Pattern[str], dict[str, list[int]], Substrings]:
    """One pattern and one automaton for every spelling of every declared soldier's given
    name, and which soldiers (by position) each spelling belongs to: one scan of the text for
    all of them. (Built once per set of names: stories of one beat repeat them.)"""
    owners: dict[str, list[int]] = {}
    for number, first in enumerate(firsts):
        for spelling in _spellings(first):
            owners.setdefault(spelling, []).append(number)
    words = "|".join(re.escape(s) for s in sorted(owners, key=len, reverse=True))
    return (re.compile(rf"(?<![\w'’-])(?:{words})(?![\w'’-])", re.IGNORECASE), owners,
            Substrings(owners))


def _same_given_name(word: str, declared: str, key: str) -> bool:
    """Tymur and Timur, Dmytro and Dmitry are one given name; Tymur and Tamara are not."""
    if word_key(word) != key:
        return False
    mine, theirs = plain(word), plain(declared)
    return mine == theirs or (is_first_name(word)
                              and SequenceMatcher(None, mine, theirs).ratio() >= 0.6)


def _mixed_script_words(reading: _Reading) -> Iterator[Problem]:
    for start, end in reading.normal.mixed:
        word = reading.normal.text[start:end]
        if word[:1].isupper():
            yield Problem(*reading.at(start, end),
                          f"the word {reading.original(start, end)!r} mixes Latin and Cyrillic "
                          "letters, which hides a name from checks and search",
                          f"retype it in one alphabet ({word})")


def _check_people(doc: ParsedStory, story: Story) -> Iterator[Problem]:
    for index, person in enumerate(story.people):
        normal = normalise(person.name)
        invisible = normal.text != person.name
        words = normal.text.split()
        if person.role == PersonRole.SOLDIER:
            if len(words) > 1 or invisible:
                line, column = doc.where(("people", index, "name"))
                yield Problem(line, column,
                              f"soldier {person.name!r} is named with more than a first name "
                              "in people: soldiers are identified by first name and callsign "
                              "only", f"name: {words[0] if words else ''}")
            if not (person.callsign and person.callsign.strip()):
                line, column = doc.where(("people", index))
                yield Problem(line, column,
                              f"soldier {person.name!r} has no callsign",
                              "add callsign: ... as the soldier's unit gave it")
        elif person.callsign and person.callsign.strip():
            line, column = doc.where(("people", index, "role"))
            yield Problem(line, column,
                          f"{person.name!r} has a callsign but is declared as "
                          f"{person.role.value}: a person with a callsign is a soldier",
                          "role: soldier (first name only), or remove the callsign")

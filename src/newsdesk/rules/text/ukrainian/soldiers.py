"""Soldiers named in full in Ukrainian copy.

The English rule's decisions, read the Ukrainian way. A name is a given name (any case: the
dictionary gives "Олександрові" as "Олександр") followed by one or two capitalised words,
maybe with a callsign in quotes between ("Максим «Вуж» Сидорчук"). A person is a soldier when
a rank, role or unit stands before the name *in the same case* ("старшому лейтенанту Романові
Яремчуку"; "мати бійця Ірина ..." is the mother: the role is genitive, the name nominative),
when the words after it say so ("..., кулеметник", "з 47-ї бригади", "служить у ...", "з
позивним «Лис»"), or when the next sentence of the paragraph does ("Він служить оператором
дронів"). Generals, admirals, spokespersons and officials are public figures; civilian jobs,
family, sport and streets named after people clear a name. A rank before a surname alone
("капітан Бондарчук") is a finding, and so is every later mention of a soldier's surname, in
any case ("Онищенка").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk.rules.base import Problem
from newsdesk.rules.text.names import same_person, word_key
from newsdesk.rules.text.normalise import (
    Normalised,
    normalise,
    soft_breaks_as_spaces,
)
from newsdesk.rules.text.sentences import (
    Token,
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
from newsdesk.rules.text.ukrainian.lexicon import MILITARY, Cue, find_cues
from newsdesk.rules.text.ukrainian.morphology import (
    analyser,
    given_name,
    has_cyrillic,
    is_surname_form,
    lemmas,
    tags,
    transliterate,
)

if TYPE_CHECKING:
    from newsdesk.models.story import Person, Story
    from newsdesk.story.reader import ParsedStory

_QUOTES_OPEN = "«\"“„"
_QUOTES_CLOSE = "»\"”“"
_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})
_PRONOUNS = frozenset({"він", "вона", "його", "її", "йому", "їй", "ним", "нею"})
_MEMBERSHIP = frozenset({"з", "із", "зі", "у", "в", "до"})
_WINDOW = 5  # tokens between a cue and the name it describes
# "звання старшого лейтенанта Назарові ...": after these the rank is a title the person is
# given, in the genitive whatever the person's case
_TITLE_WORDS = frozenset({"звання", "званням", "званні"})
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


@dataclass
class _Sentence:
    tokens: list[Token]
    paragraph: int
    cues: list[Cue] = field(default_factory=list)


@dataclass(frozen=True)
class _Mention:
    first: int
    last: int  # token indexes of the first and last name word
    words: tuple[Token, ...]  # the name words (a callsign in quotes is not one)
    surname_first: bool = False  # "Петренко Іван (Васильович)", as official lists write it

    @property
    def full(self) -> bool:
        return len(self.words) > 1

    @property
    def given(self) -> Token:
        return self.words[1] if self.surname_first else self.words[0]

    @property
    def surname(self) -> Token:
        return self.words[0] if self.surname_first else self.words[-1]


@dataclass
class _Reading(QuotesOriginal):
    span: TextSpan | JoinedSpans
    normal: Normalised
    sentences: list[_Sentence]



@dataclass
class _State:
    cleared: list[str]  # declared non-soldiers, public figures and staff (any script)
    soldiers: list[Person]
    # every dictionary form of a soldier's surname -> the name as first written
    surnames: dict[str, str] = field(default_factory=dict)

    def learn(self, surname: str, full: str) -> None:
        for lemma in lemmas(surname):
            self.surnames.setdefault(lemma, full)
    covered: set[tuple[int, int]] = field(default_factory=set)  # (reading, offset)
    reported: set[tuple[int, int]] = field(default_factory=set)


def check(doc: ParsedStory, story: Story, cleared: list[str],
          soldiers: list[Person]) -> Iterator[Problem]:
    """`cleared`: names never treated as soldiers (declared with another role, the public
    figures of the settings, the newsroom's staff), in Latin or Cyrillic letters."""
    analyser()  # loaded once, here: a run without Ukrainian stories never loads it
    state = _State(cleared, soldiers)
    readings = [_read(span) for span in joined(published_spans(doc, story))]
    found: list[Problem] = []
    for index, reading in enumerate(readings):
        found += _declared(reading, index, state)
        found += _by_context(reading, index, state)
    for index, reading in enumerate(readings):
        found += _later(reading, index, state)
        found += _mixed_script(reading, index, state)
    for problem in sorted(found, key=lambda p: (p.line, p.column)):
        if (problem.line, problem.column) not in state.reported:
            state.reported.add((problem.line, problem.column))
            yield problem


def _read(span: TextSpan | JoinedSpans) -> _Reading:
    normal = soft_breaks_as_spaces(normalise(span.text, markup=True))
    text = normal.text
    sentences: list[_Sentence] = []
    bounds = [0, *(i for m in _PARAGRAPH.finditer(text) for i in m.span()), len(text)]
    for paragraph in range(len(bounds) // 2):
        for start, stop, _ in sentence_spans(text, bounds[2 * paragraph],
                                             bounds[2 * paragraph + 1]):
            tokens = tokenize(text, start, stop)
            if tokens:
                sentence = _Sentence(tokens, paragraph)
                sentence.cues = _cues(tokens)
                sentences.append(sentence)
    return _Reading(span, normal, sentences)


def _cues(tokens: list[Token]) -> list[Cue]:
    cues = find_cues([t.text if t.kind == "word" else "" for t in tokens])
    # "мати" is also the verb "to have": a relation is a noun
    return [c for c in cues if c.kind != "relation" or "NOUN" in tags(tokens[c.first].text)]


# --- names ------------------------------------------------------------------------------------

def _mentions(sentence: _Sentence) -> list[_Mention]:
    tokens = sentence.tokens
    cue_tokens = {i for c in sentence.cues for i in range(c.first, c.last + 1)}
    found: list[_Mention] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != "word" or not token.capitalised or index in cue_tokens:
            index += 1
            continue
        if given_name(token.text) is None:
            reversed_name = _surname_first(tokens, index, cue_tokens)
            if reversed_name is not None:
                found.append(reversed_name)
                index = reversed_name.last + 1
            else:
                index += 1
            continue
        words = [token]
        cursor = index + 1
        while cursor < len(tokens) and len(words) < 3:
            nxt = tokens[cursor]
            if nxt.newline_before:
                break
            if nxt.text in _QUOTES_OPEN and len(words) == 1:
                close = quoted_end(tokens, cursor, _QUOTES_CLOSE)
                if close is not None and close + 1 < len(tokens) \
                        and _name_word(tokens[close + 1], close + 1, cue_tokens):
                    cursor = close + 1
                    continue
                break
            if not _name_word(nxt, cursor, cue_tokens):
                break
            words.append(nxt)
            cursor += 1
        found.append(_Mention(index, index + span_length(tokens, words) - 1, tuple(words)))
        index = cursor if len(words) > 1 else index + 1
    return found


def _surname_first(tokens: list[Token], index: int, cue_tokens: set[int]) -> _Mention | None:
    """"Петренко Іван" or "Петренко Іван Васильович": a surname the dictionary knows, then
    a given name (and a patronymic), in one case."""
    words = [tokens[index]]
    for cursor in range(index + 1, min(index + 3, len(tokens))):
        token = tokens[cursor]
        if token.newline_before or not _name_word(token, cursor, cue_tokens):
            break
        if len(words) == 1 and given_name(token.text) is None:
            return None
        if len(words) == 2 and "Patr" not in tags(token.text):
            break
        words.append(token)
    if len(words) < 2 or not is_surname_form(words[0].text) \
            or not _cases(words[0].text) & _cases(words[1].text, given_name(words[1].text)):
        return None
    return _Mention(index, index + len(words) - 1, tuple(words), True)


def _name_word(token: Token, index: int, cue_tokens: set[int]) -> bool:
    return token.kind == "word" and token.capitalised and index not in cue_tokens \
        and not token.text.isupper()


@lru_cache(maxsize=65536)
def _cases(word: str, lemma: str | None = None) -> frozenset[str]:
    """The cases the word can stand in (as a form of `lemma`, when given); every case for an
    indeclinable or unknown word."""
    found: set[str] = set()
    for parse in analyser().parse(word.lower()):
        if lemma is not None and parse.normal_form != lemma:
            continue
        if "Fixd" in parse.tag:
            return _CASES
        cases = parse.tag.grammemes & _CASES
        # the dictionary leaves the case out of some base forms ("NOUN,anim masc"): nominative
        found.update(cases or {"nomn"})
    return frozenset(found) or _CASES


def _cue_cases(sentence: _Sentence, cue: Cue) -> frozenset[str]:
    """The cases of the phrase's noun ("старшому лейтенанту" -> dative)."""
    for token in sentence.tokens[cue.first:cue.last + 1]:
        for lemma in cue.phrase:
            if "NOUN" in tags(token.text) and lemma in lemmas(token.text):
                return _cases(token.text, lemma)
    return _CASES


def _name_cases(mention: _Mention) -> frozenset[str]:
    word = mention.given.text
    return _cases(word, given_name(word))


def _agrees(sentence: _Sentence, cue: Cue, mention: _Mention) -> bool:
    """A cue describes the name when they stand in the same case (apposition), or when it is
    instrumental ("служить навідником")."""
    cases = _cue_cases(sentence, cue)
    return bool(cases & _name_cases(mention)) or "ablt" in cases


# --- who is a soldier ---------------------------------------------------------------------------

def _by_context(reading: _Reading, key: int, state: _State) -> Iterator[Problem]:
    for number, sentence in enumerate(reading.sentences):
        callsign = any(t.text in _QUOTES_OPEN for t in sentence.tokens)
        if not callsign and not any(c.kind in MILITARY for c in sentence.cues) and \
                not _next_is_military(reading, number):
            continue
        mentions = _mentions(sentence)
        reasons: dict[int, str | None] = {}
        for index, mention in enumerate(mentions):
            if _declared_soldier(mention, state) or _cleared(mention, state):
                continue
            if not mention.full:
                continue
            reasons[index] = _soldier(reading, number, mention, mentions)
        _share_between_pairs(sentence, mentions, reasons)
        for index, reason in reasons.items():
            if reason:
                yield _full_problem(reading, key, mentions[index], reason, state)
        yield from _rank_with_surname(reading, key, sentence, mentions, state)


def _share_between_pairs(sentence: _Sentence, mentions: list[_Mention],
                         reasons: dict[int, str | None]) -> None:
    """Two names joined by "та", "і" or "й" that one plural role describes ("Десантники Іван
    ... та Олег ...", "Іван ... та Олег ..., обидва сапери,") are both soldiers when one is; a
    singular role stays with its own name."""
    tokens = sentence.tokens
    for index in range(len(mentions) - 1):
        one, other = mentions[index], mentions[index + 1]
        if index not in reasons or index + 1 not in reasons or other.first != one.last + 2 \
                or tokens[one.last + 1].lower not in ("та", "і", "й"):
            continue
        plural_before = any(c.kind in ("rank", "role") and 0 < one.first - c.last <= 2
                            and any("plur" in tags(t.text) for t in tokens[c.first:c.last + 1])
                            for c in sentence.cues)
        after = [t.lower for t in tokens[other.last + 1:other.last + 3]]
        both_after = after[:1] == [","] and after[1:] in (["обидва"], ["обидві"], ["обоє"])
        if not (plural_before or both_after):
            continue
        reason = reasons[index] or reasons[index + 1]
        if reason:
            reasons[index] = reasons[index] or reason
            reasons[index + 1] = reasons[index + 1] or reason


def _soldier(reading: _Reading, number: int, mention: _Mention,
             mentions: list[_Mention]) -> str | None:
    sentence = reading.sentences[number]
    tokens = sentence.tokens
    if mention.first and tokens[mention.first - 1].lower in ("імені", "ім"):
        return None
    named_as = {t.lower.replace("'", "’") for t in tokens[max(0, mention.first - 3):mention.first]
                if t.kind == "word"}
    if named_as & {"ім’я", "прізвище"} and any(
            c.kind in ("rank", "role", "callsign") and c.last < mention.first
            for c in sentence.cues):
        return "the name given to the soldier described before it"  # "справжнє ім’я якого"
    before = [c for c in sentence.cues if c.last < mention.first
              and mention.first - c.last <= _WINDOW
              and not any(m.first > c.last and m.last < mention.first for m in mentions)]
    sporting = any(c.kind == "sport" for c in sentence.cues)
    if any(c.kind in ("public", "general", "honorific", "foreign") for c in before):
        return None
    if before:
        nearest = before[-1]
        if nearest.kind == "verb" and mention.first - nearest.last == 1:
            # the subject after its verb: "Батареєю командує Іван ..."
            return f"the words {_written(sentence, nearest)!r} before the name"
        if nearest.kind in ("civil", "relation"):
            return None
        if any(c.kind == "relation" for c in before):
            return None  # "мати бійця Ірина": someone's relative
        titled = nearest.first and tokens[nearest.first - 1].lower in _TITLE_WORDS
        if nearest.kind in ("rank", "role") and (titled or _agrees(sentence, nearest, mention)):
            if sporting and nearest.phrase[0] in ("капітан", "захисник"):
                return None
            return f"the {nearest.kind} {_written(sentence, nearest)!r} before the name"
        military = [c for c in before if c.kind in ("rank", "role")
                    and _agrees(sentence, c, mention)]
        if military and not sporting:
            return f"the {military[-1].kind} {_written(sentence, military[-1])!r} before the name"
    end = next((m.first for m in mentions if m.first > mention.last), len(tokens))
    for cue in (c for c in sentence.cues if mention.last < c.first < end):
        if cue.kind in ("public", "general", "civil", "relation", "honorific", "foreign"):
            if cue.first - mention.last <= 4 and mention.last + 1 < len(tokens) \
                    and tokens[mention.last + 1].text in (",", "—", "–", "("):
                return None  # an apposition that makes them someone else
            continue
        if cue.kind == "sport" or sporting:
            return None
        if cue.kind == "callsign" and cue.first - mention.last <= 6:
            return "a callsign next to the name"
        if cue.kind == "verb":
            return f"the words {_written(sentence, cue)!r} after the name"
        if cue.kind in ("rank", "role") and _agrees(sentence, cue, mention):
            return f"the {cue.kind} {_written(sentence, cue)!r} after the name"
        if cue.kind == "unit" and (cue.first - mention.last <= 4 or any(
                t.lower in _MEMBERSHIP for t in tokens[mention.last + 1:cue.first])):
            return f"a member of {_written(sentence, cue)!r}"
    if _quoted_callsign(mention, tokens):
        return "a callsign between the given name and the surname"
    if number + 1 < len(reading.sentences) and _next_is_military(reading, number):
        return "the next sentence says they serve"
    return None


def _quoted_callsign(mention: _Mention, tokens: list[Token]) -> bool:
    return any(t.text in _QUOTES_OPEN for t in tokens[mention.first:mention.last + 1])


def _next_is_military(reading: _Reading, number: int) -> bool:
    """The next sentence of the same paragraph speaks of "him" or "her" serving, and names
    nobody of its own."""
    if number + 1 >= len(reading.sentences):
        return False
    this, nxt = reading.sentences[number], reading.sentences[number + 1]
    if nxt.paragraph != this.paragraph or _mentions(nxt):
        return False
    pronoun = next((i for i, t in enumerate(nxt.tokens) if t.lower in _PRONOUNS), None)
    if pronoun is None:
        return False
    return any(c.kind in ("rank", "role", "verb") and c.first > pronoun for c in nxt.cues)


def _rank_with_surname(reading: _Reading, key: int, sentence: _Sentence,
                       mentions: list[_Mention], state: _State) -> Iterator[Problem]:
    """"капітан Бондарчук", "наказ сержанта Коваля": a rank or role right before a surname."""
    tokens = sentence.tokens
    named = {i for m in mentions for i in range(m.first, m.last + 1)}
    named |= {i for c in sentence.cues for i in range(c.first, c.last + 1)}  # "боєць ТрО"
    if any(c.kind == "sport" for c in sentence.cues):
        return
    for cue in sentence.cues:
        if cue.kind not in ("rank", "role"):
            continue
        index = cue.last + 1
        if index >= len(tokens) or index in named:
            continue
        token = tokens[index]
        if not _name_word(token, index, set()) or given_name(token.text) is not None:
            continue
        if not is_surname_form(token.text) and tags(token.text):
            continue  # a word the dictionary knows, but not as a surname
        if not _cases(token.text) & _cue_cases(sentence, cue):
            continue
        if any(_cleared_name(token.text, other) for other in state.cleared):
            continue
        state.learn(token.text, token.text)
        state.covered.update((key, o) for o in range(token.start, token.end))
        written = reading.original(token.start, token.end)
        yield Problem(*reading.at(token.start, token.end),
                      f"{written!r} is a soldier's surname (after the {cue.kind} "
                      f"{_written(sentence, cue)!r}): soldiers are identified by first name "
                      "and callsign only",
                      "use the soldier's first name or callsign instead of the surname")


def _written(sentence: _Sentence, cue: Cue) -> str:
    return " ".join(t.text for t in sentence.tokens[cue.first:cue.last + 1])


def _full_problem(reading: _Reading, key: int, mention: _Mention, reason: str,
                  state: _State) -> Problem:
    first, last = mention.words[0], mention.words[-1]
    state.learn(mention.surname.text, reading.original(first.start, last.end))
    state.covered.update((key, o) for o in range(first.start, last.end))
    written = reading.original(first.start, last.end)
    given = reading.original(mention.given.start, mention.given.end)
    return Problem(*reading.at(first.start, last.end),
                   f"{written!r} names a soldier in full ({reason}): soldiers are identified "
                   "by first name and callsign only",
                   f"keep the first name and callsign ({given} «...») and drop the surname "
                   "here and wherever else it appears, in every case. If this person is not a "
                   "soldier, or is a public figure the newsroom names in full (an official, a "
                   "suspect named by prosecutors, a fallen soldier the state has named), "
                   "declare them in people with that role (for example role: official) and "
                   "this rule leaves them alone")


# --- declared and cleared people ----------------------------------------------------------------

def _nominatives(word: str) -> list[str]:
    """The word's nominative forms: the given name, else each dictionary form."""
    name = given_name(word)
    if name is not None:
        return [name]
    return sorted(lemmas(word))


def _latin_forms(mention: _Mention) -> list[str]:
    firsts = _nominatives(mention.given.text)
    lasts = _nominatives(mention.surname.text) if mention.full else [""]
    return [transliterate(f"{first} {last}".strip()) for first in firsts for last in lasts]


def _cleared(mention: _Mention, state: _State) -> bool:
    if not state.cleared:
        return False
    cyrillic, latin = _cleared_index(tuple(state.cleared))
    surname = mention.surname.text
    for words in cyrillic:
        if lemmas(words[-1]) & lemmas(surname) and (
                len(words) == 1 or not mention.full
                or lemmas(words[0]) & lemmas(mention.given.text)
                or given_name(words[0]) == given_name(mention.given.text)):
            return True
    for form in _latin_forms(mention):
        for other in latin.get(word_key(form.split()[-1]), ()):
            if same_person(form, other):
                return True
    return False


@lru_cache(maxsize=64)
def _cleared_index(cleared: tuple[str, ...]) -> tuple[list[list[str]], dict[str, list[str]]]:
    """Cleared names written in Cyrillic (as word lists), and those written in Latin by the
    key of their surname: a story with hundreds of names compares each with a few."""
    cyrillic: list[list[str]] = []
    latin: dict[str, list[str]] = {}
    for name in cleared:
        words = name.split()
        if not words:
            continue
        if has_cyrillic(name):
            cyrillic.append(words)
        else:
            latin.setdefault(word_key(words[-1]), []).append(name)
    return cyrillic, latin


def _cleared_name(surname: str, other: str) -> bool:
    words = other.split()
    if not words:
        return False
    if has_cyrillic(other):
        return bool(lemmas(words[-1]) & lemmas(surname))
    return any(word_key(transliterate(form)) == word_key(words[-1])
               for form in _nominatives(surname))


def _declared_soldier(mention: _Mention, state: _State) -> bool:
    return any(_given_matches(mention.given.text, s.name) for s in state.soldiers)


def _given_matches(word: str, declared: str) -> bool:
    parts = declared.split()
    if not parts:
        return False
    first = parts[0]
    if has_cyrillic(first):
        return given_name(word) == given_name(first) is not None or \
            bool(lemmas(word) & lemmas(first))
    return any(word_key(transliterate(form)) == word_key(first) for form in _nominatives(word))


def _declared(reading: _Reading, key: int, state: _State) -> Iterator[Problem]:
    """A declared soldier's given name followed by a surname."""
    if not state.soldiers:
        return
    for sentence in reading.sentences:
        for mention in _mentions(sentence):
            if not mention.full:
                continue
            soldier = next((s for s in state.soldiers
                            if _given_matches(mention.given.text, s.name)), None)
            if soldier is None:
                continue
            yield _full_problem(reading, key, mention,
                                f"{soldier.name!r} is declared a soldier in people", state)


# --- later mentions and evasions ----------------------------------------------------------------

def _later(reading: _Reading, key: int, state: _State) -> Iterator[Problem]:
    if not state.surnames:
        return
    for sentence in reading.sentences:
        for token in sentence.tokens:
            if token.kind != "word" or not token.capitalised \
                    or (key, token.start) in state.covered:
                continue
            forms = lemmas(token.text)
            full = next((state.surnames[f] for f in sorted(forms) if f in state.surnames), None)
            if full is None:
                continue
            written = reading.original(token.start, token.end)
            yield Problem(*reading.at(token.start, token.end),
                          f"{written!r} is the surname of a soldier named here ({full!r}): "
                          "soldiers are identified by first name and callsign only",
                          "use the soldier's first name or callsign instead of the surname")


def _mixed_script(reading: _Reading, key: int, state: _State) -> Iterator[Problem]:
    for start, end in reading.normal.mixed:
        word = reading.normal.text[start:end]
        if word[:1].isupper() and (key, start) not in state.covered:
            yield Problem(*reading.at(start, end),
                          f"the word {reading.original(start, end)!r} mixes Latin and Cyrillic "
                          "letters, which hides a name from checks and search",
                          f"retype it in one alphabet ({word})")

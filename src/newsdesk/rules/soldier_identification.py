"""Soldiers appear by first name and callsign only: in `people`, and wherever the story is read.

A full name lets the enemy find a soldier's family; Ukraine's military asks the press to
identify its people by first name and callsign, and newsrooms do. This rule catches what a
careful editor would:

- a `people` entry with role `soldier` must have a one-word `name` and a `callsign`; the
  front matter never holds a soldier's surname, and a person with a callsign is a soldier;
- in the body (and headline, dek, captions, alt text, editor's note) a declared soldier's
  first name followed by a capitalised word that is not the callsign is a surname
  (`Tymur Bondarenko`, `Tymur "Bulat" Bondarenko`);
- an undeclared person named in full next to a military rank, role or unit
  (`Sgt. Ivan Petrenko`, `drone operator Ivan Petrenko`, `Ivan Petrenko, a gunner`,
  `Ivan Petrenko of the 93rd Brigade`, `Ivan Petrenko, who has fought with the battalion`).

Not flagged: a first name with its callsign in the usual forms (`Tymur "Bulat"`,
`Tymur, callsign "Bulat"`, `Tymur (callsign Bulat)`); people declared as official, civilian,
source or other; the configured `public_figures` (commanders who speak publicly); staff
names; names after a civilian title (President, Minister, spokesman, nurse...).
Text is normalised first (NFKC, invisible characters removed, no-break spaces folded,
Cyrillic look-alike letters inside Latin words folded, ALL CAPS matched), and a capitalised
word that mixes Latin and Cyrillic letters is reported as suspect. No rewrite is offered: a
person decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from newsdesk.rules.base import Context, Problem, RuleOptions
from newsdesk.rules.normalise import Normalised, normalise
from newsdesk.rules.texts import TextSpan, spans

if TYPE_CHECKING:
    from newsdesk.models.story import Person, Story
    from newsdesk.storyfile import ParsedStory

ID = "soldier-identification"
SEVERITY = "error"

RANKS = [
    "Private", "Pvt.", "Junior Sergeant", "Jr. Sgt.", "Sergeant", "Sgt.", "Senior Sergeant",
    "Sr. Sgt.", "Staff Sergeant", "Staff Sgt.", "Master Sergeant", "Master Sgt.",
    "Chief Sergeant", "Chief Sgt.", "Corporal", "Cpl.", "Lance Corporal", "Junior Lieutenant",
    "Jr. Lt.", "Lieutenant", "Lt.", "Senior Lieutenant", "Sr. Lt.", "Captain", "Capt.",
    "Major", "Maj.", "Lieutenant Colonel", "Lt. Col.", "Colonel", "Col.", "Brigadier General",
    "Brig. Gen.", "Major General", "Maj. Gen.", "Lieutenant General", "Lt. Gen.", "General",
    "Gen.", "Warrant Officer", "Ensign",
]
ROLES = [
    "soldier", "serviceman", "servicewoman", "service member", "servicemember", "commander",
    "drone operator", "drone pilot", "gunner", "machine gunner", "medic", "combat medic",
    "sniper", "paratrooper", "marine", "infantryman", "scout", "platoon commander",
    "company commander", "battalion commander", "battery commander", "mortarman",
    "artilleryman", "tank driver", "tank commander", "fighter", "sapper", "assault trooper",
    "stormtrooper", "border guard", "national guardsman", "guardsman", "rifleman",
    "grenadier", "radio operator", "reconnaissance officer", "recon officer", "deputy commander",
    "squad leader", "veteran",
]
UNITS = [
    "brigade", "battalion", "regiment", "company", "platoon", "division", "corps", "squad",
    "detachment", "battery", "legion", "armed forces", "army", "national guard", "marines",
    "territorial defense", "territorial defence", "assault forces",
]
CIVILIAN_TITLES = [
    "President", "Prime Minister", "Minister", "Deputy Minister", "spokesman", "spokeswoman",
    "spokesperson", "Mayor", "Governor", "Ambassador", "Senator", "Secretary", "Chancellor",
    "nurse", "doctor", "surgeon", "photographer", "journalist", "reporter", "teacher",
    "priest", "volunteer", "lawmaker", "MP", "Speaker", "Chairman", "CEO", "analyst",
    "professor", "Judge", "Prosecutor",
]
PUBLIC_FIGURES = [
    "Volodymyr Zelensky", "Valerii Zaluzhnyi", "Oleksandr Syrskyi", "Kyrylo Budanov",
    "Andrii Hnatov", "Mykhailo Drapatyi", "Yurii Sodol", "Serhii Naiev", "Rustem Umerov",
    "Denys Shmyhal", "Oleksii Reznikov", "Vladimir Putin", "Valery Gerasimov",
    "Sergei Shoigu", "Andrei Belousov", "Yevgeny Prigozhin",
]
# Words that follow a first name without being a surname (mostly seen in ALL CAPS text).
NOT_SURNAMES = {
    "and", "or", "but", "nor", "the", "a", "an", "said", "says", "say", "told", "tells",
    "asked", "asks", "added", "adds", "was", "is", "are", "were", "who", "whose", "with",
    "from", "in", "on", "at", "to", "of", "for", "as", "has", "had", "have", "did", "does",
    "will", "would", "can", "could", "may", "might", "also", "then", "now", "still", "recalls",
    "remembers", "explains", "laughs", "smiles", "nods", "shouts", "writes", "continues",
    "points", "looks", "walks", "stands", "sits", "checks", "calls", "watches", "knows",
    "thinks", "hopes", "wants", "says,", "i", "he", "she", "they", "we", "it", "his", "her",
    "their", "our", "its", "not", "never", "always", "just", "only", "again", "too",
}

_QUOTE_OPEN = "\"“«'‘„"
_QUOTE_CLOSE = "\"”»'’“"
_WORD_TAIL = r"[\w'’-]*"


class Options(RuleOptions):
    public_figures: list[str] = Field(default_factory=lambda: list(PUBLIC_FIGURES))
    extra_public_figures: list[str] = Field(default_factory=list)
    ranks: list[str] = Field(default_factory=lambda: list(RANKS))
    roles: list[str] = Field(default_factory=lambda: list(ROLES))
    units: list[str] = Field(default_factory=lambda: list(UNITS))
    civilian_titles: list[str] = Field(default_factory=lambda: list(CIVILIAN_TITLES))


@dataclass(frozen=True)
class Compiled:
    names: re.Pattern[str]  # two capitalised words in a row (maybe a callsign between)
    cue_before: re.Pattern[str]  # a rank or role right before a name
    cue_after: re.Pattern[str]  # ", a gunner", "of the 93rd Brigade", ", who has fought"
    civilian_before: re.Pattern[str]
    public: frozenset[str]


def _alternation(words: list[str]) -> str:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(escaped if word.endswith(".") else escaped + r"\b")
    return "(?:" + "|".join(parts) + ")"


_NAME = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]+)?"
_CALLSIGN_MID = rf"(?:\s+[{_QUOTE_OPEN}][^\n{_QUOTE_CLOSE}]{{1,40}}[{_QUOTE_CLOSE}])?"
# Only the first word is consumed and the rest is a lookahead, so that candidates overlap: in
# "General Oleksandr Syrskyi" both "General Oleksandr" and "Oleksandr Syrskyi" are found.
# Starting with a capital lets the regex engine skip ahead fast; finding candidates first and
# looking for military cues only around them is many times faster than one pattern tried at
# every position.
_FIRST = r"[A-Z](?:[a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z'’]+(?:-[A-Z][A-Z'’]+)?)"  # = _NAME
_CANDIDATE = (rf"(?P<first>{_FIRST})(?=(?P<rest>{_CALLSIGN_MID}\s+(?P<last>{_NAME})"
              r"(?![\w'’-])))")
_WORD_CHARS = "'’-_"
_WINDOW = 60


def prepare(options: Options) -> Compiled:
    cue = _alternation([*options.ranks, *options.roles])
    unit = _alternation(options.units)
    cue_before = re.compile(rf"(?i:(?<![\w-]){cue}),?\s+$")
    cue_after = re.compile(
        rf",\s+(?i:(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?{cue})"
        rf"|,?\s+(?i:(?:of|from|with|in)\s+the\s+(?:[\w-]+\s+){{0,4}}?{unit})"
        r",?|,\s+(?i:who\s+(?:has\s+|had\s+)?(?:fought|fights|serves|served|commands|"
        r"commanded)\b)")
    civilian_before = re.compile(rf"(?i:{_alternation(options.civilian_titles)})\s*$")
    public = frozenset(_key(n) for n in [*options.public_figures,
                                          *options.extra_public_figures])
    return Compiled(re.compile(_CANDIDATE), cue_before, cue_after, civilian_before, public)


def _key(name: str) -> str:
    return " ".join(normalise(name).text.split()).casefold()


@dataclass(frozen=True)
class _Prose:
    """A text span with its normalised form; positions map back to the file."""

    span: TextSpan
    normal: Normalised

    def original(self, start: int, end: int) -> str:
        origin = self.normal.origin(start)
        return self.span.text[origin:self.normal.origin(end - 1) + 1]

    def at(self, start: int, end: int) -> tuple[int, int]:
        return self.span.locate(self.normal.origin(start), self.original(start, end))


def check(doc: ParsedStory, story: Story, ctx: Context, options: Compiled) -> Iterator[Problem]:
    yield from _check_people(doc, story)
    soldiers = [p for p in story.people if p.role.value == "soldier" and p.name.strip()]
    allowed = {_key(p.name) for p in story.people if p.role.value != "soldier"}
    allowed |= options.public | {_key(n) for n in ctx.staff_names}
    seen: set[tuple[int, int]] = set()
    for span in spans(doc, story):
        prose = _Prose(span, normalise(span.text))
        found = [*_declared_with_surname(prose, soldiers),
                 *_named_by_military_context(prose, options, allowed),
                 *_mixed_script_words(prose)]
        for problem in found:
            if (problem.line, problem.column) not in seen:
                seen.add((problem.line, problem.column))
                yield problem


def _named_by_military_context(prose: _Prose, options: Compiled,
                               allowed: set[str]) -> Iterator[Problem]:
    text = prose.normal.text
    for match in options.names.finditer(text):
        start, end = match.start("first"), match.end("rest")
        if start and (text[start - 1].isalnum() or text[start - 1] in _WORD_CHARS):
            continue  # a capital inside a word ("McDonald"), not the start of a name
        before = options.cue_before.search(text, max(0, start - _WINDOW), start)
        if before is None and options.cue_after.match(text, end) is None:
            continue
        full = " ".join(text[start:end].split())
        if _key(_strip_callsign(full)) in allowed or _key(full) in allowed:
            continue
        if before is None and options.civilian_before.search(text, max(0, start - _WINDOW),
                                                             start):
            continue
        yield Problem(*prose.at(start, end),
                      f"{full!r} is named in full next to a military rank, role or unit: "
                      "soldiers are identified by first name and callsign only",
                      "declare the person in people (role: soldier, first name and "
                      "callsign) and drop the surname, or, if they are not a soldier or "
                      "are a public figure, declare them with their role")


def _mixed_script_words(prose: _Prose) -> Iterator[Problem]:
    for start, end in prose.normal.mixed:
        word = prose.normal.text[start:end]
        if word[:1].isupper():
            yield Problem(*prose.at(start, end),
                          f"the word {prose.original(start, end)!r} mixes Latin and Cyrillic "
                          "letters, which hides a name from checks and search",
                          f"retype it in one alphabet ({word})")


def _strip_callsign(full: str) -> str:
    return re.sub(rf"\s+[{_QUOTE_OPEN}][^{_QUOTE_CLOSE}]*[{_QUOTE_CLOSE}]", "", full)


def _check_people(doc: ParsedStory, story: Story) -> Iterator[Problem]:
    for index, person in enumerate(story.people):
        normal = normalise(person.name)
        invisible = normal.index is not None and len(normal.text) != len(person.name)
        words = normal.text.split()
        if person.role.value == "soldier":
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


_NEXT_WORD = re.compile(rf"\s+([^\W\d_]{_WORD_TAIL})")
_AFTER_FIRST_NAME = re.compile(
    rf"(?P<call>\s*(?:,\s*(?i:callsign)\s*)?[{_QUOTE_OPEN}][^\n{_QUOTE_CLOSE}]{{1,40}}"
    rf"[{_QUOTE_CLOSE}]|\s*\((?i:callsign)?\s*[^)\n]{{1,40}}\))?"
    rf"(?P<after>\s+(?P<word>[^\W\d_]{_WORD_TAIL}))?")


def _occurrences(text: str, lowered: str, first: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Each whole-word occurrence of a first name (any case), matched with what follows it.
    `str.find` on lowercased text is many times faster than a case-insensitive pattern."""
    needle = first.lower()
    position = lowered.find(needle)
    while position >= 0:
        end = position + len(needle)
        before = text[position - 1] if position else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
            match = _AFTER_FIRST_NAME.match(text, end)
            if match is not None:
                yield position, match
        position = lowered.find(needle, position + 1)


def _declared_with_surname(prose: _Prose, soldiers: list[Person]) -> Iterator[Problem]:
    text = prose.normal.text
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lowercase to two; keep offsets aligned
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for soldier in soldiers:
        first = normalise(soldier.name).text.split()[0]
        callsign = (soldier.callsign or "").strip()
        for name_start, match in _occurrences(text, lowered, first):
            word = match.group("word")
            if not word:
                continue
            candidates = [word]
            if callsign and word.casefold() == callsign.casefold() and not match.group("call"):
                following = _NEXT_WORD.match(text, match.end())
                if following is None:
                    continue
                candidates = [following.group(1)]
            surname = candidates[0]
            if not surname[:1].isupper() or surname.casefold() in NOT_SURNAMES:
                continue
            if callsign and surname.casefold() == callsign.casefold():
                continue
            line, column = prose.at(name_start, match.end())
            shown = f'{first} "{callsign}"' if callsign else first
            yield Problem(line, column,
                          f"soldier {first} appears with a surname ({surname!r}): soldiers "
                          "are identified by first name and callsign only",
                          f"use the first name and callsign: {shown}")

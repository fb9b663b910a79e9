"""The newsroom's spellings: Kyiv, not Kiev; Ukraine, not "the Ukraine".

Spelling Ukrainian places by their Russian-era transliterations repeats an imperial naming
that Ukraine has asked the world to drop, and readers notice. Terms are configurable
(`terms` replaces the defaults, `extra_terms` adds to them); matching is word-bounded and
keeps the original's case (KIEV -> KYIV, Kiev's -> Kyiv's). It checks the body and the
headline, dek, captions, alt text and editor's note, never code, URLs or image paths, and
skips any configured `exceptions` phrase (a historical name quoted as it was, say).

Fix: safe. `newsdesk validate --fix` replaces the spelling in place, keeping its case; a
spelling that quoting or line folding split in the front matter is reported, not fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from newsdesk.rules.base import Context, Problem, RuleOptions, TextFix
from newsdesk.rules.texts import spans

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.storyfile import ParsedStory

ID = "house-style"
SEVERITY = "warning"


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    use: str = Field(description="The house spelling.")
    instead_of: list[str] = Field(min_length=1, description="Spellings to replace.")
    unless_followed_by: list[str] = Field(
        default_factory=list, description="Words after the match that make it correct usage.")


_ADJECTIVAL = ["war", "crisis", "conflict", "deal", "policy", "aid", "border", "issue",
               "question", "talks", "package", "peace", "summit", "ceasefire", "invasion",
               "front", "desk", "envoy", "plan", "strategy", "negotiations", "agreement",
               "support", "funding", "bill", "vote", "debate", "situation", "truce", "file"]

DEFAULT_TERMS = [
    Term(use="Kyiv", instead_of=["Kiev"]),
    Term(use="Kharkiv", instead_of=["Kharkov"]),
    Term(use="Odesa", instead_of=["Odessa"]),
    Term(use="Mykolaiv", instead_of=["Nikolaev", "Nikolayev", "Mykolayiv"]),
    Term(use="Luhansk", instead_of=["Lugansk"]),
    Term(use="Chornobyl", instead_of=["Chernobyl"]),
    Term(use="Zaporizhzhia", instead_of=["Zaporozhye", "Zaporozhe", "Zaporizhia"]),
    Term(use="Dnipro", instead_of=["Dnepr", "Dnipropetrovsk", "Dnepropetrovsk"]),
    Term(use="Lviv", instead_of=["Lvov"]),
    Term(use="Rivne", instead_of=["Rovno"]),
    Term(use="Vinnytsia", instead_of=["Vinnitsa"]),
    Term(use="Chernihiv", instead_of=["Chernigov"]),
    Term(use="Zhytomyr", instead_of=["Zhitomir"]),
    Term(use="Ternopil", instead_of=["Ternopol"]),
    Term(use="Uzhhorod", instead_of=["Uzhgorod"]),
    Term(use="Cherkasy", instead_of=["Cherkassy"]),
    Term(use="Kryvyi Rih", instead_of=["Krivoy Rog", "Kryvyi Rig"]),
    Term(use="Ivano-Frankivsk", instead_of=["Ivano-Frankovsk"]),
    Term(use="Kropyvnytskyi", instead_of=["Kirovograd", "Kirovohrad"]),
    Term(use="Khmelnytskyi", instead_of=["Khmelnitsky", "Khmelnitskiy"]),
    Term(use="Bakhmut", instead_of=["Artemovsk", "Artemivsk"]),
    Term(use="Donbas", instead_of=["Donbass"]),
    Term(use="Ukraine", instead_of=["the Ukraine"], unless_followed_by=_ADJECTIVAL),
]


class Options(RuleOptions):
    terms: list[Term] = Field(default_factory=lambda: list(DEFAULT_TERMS))
    extra_terms: list[Term] = Field(default_factory=list)
    exceptions: list[str] = Field(
        default_factory=lambda: ["Kievan Rus", "Kiev Governorate", "Kiev Military District"],
        description="Phrases left alone wherever they appear (case-insensitive).")


@dataclass(frozen=True)
class Compiled:
    pattern: re.Pattern[str]
    # Every wrong form as a tuple of its lowercase ASCII word tokens: a story can only match
    # if all of one form's tokens occur in it, consecutively.
    needles: tuple[tuple[bytes, ...], ...]
    use: dict[str, str]  # lowercased wrong form -> house form
    not_before: dict[str, re.Pattern[str]]
    exceptions: re.Pattern[str] | None
    forms: dict[bytes, list[str]] = field(default_factory=dict)  # joined tokens -> wrong forms

    def narrowed(self, possible: tuple[bytes, ...]) -> re.Pattern[str]:
        """The pattern for just the wrong forms this story could contain (cached)."""
        return _narrowed_pattern(tuple(sorted(w for key in possible
                                              for w in self.forms.get(key, ()))))


@lru_cache(maxsize=256)
def _narrowed_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return _pattern(list(words))


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alternatives) + r")\b",
        re.IGNORECASE)


def prepare(options: Options) -> Compiled:
    use: dict[str, str] = {}
    not_before: dict[str, re.Pattern[str]] = {}
    for term in [*options.terms, *options.extra_terms]:
        for wrong in term.instead_of:
            use[wrong.casefold()] = term.use
            if term.unless_followed_by:
                words = "|".join(re.escape(w) for w in term.unless_followed_by)
                not_before[wrong.casefold()] = re.compile(rf"\s+(?:{words})\b", re.IGNORECASE)
    pattern = _pattern(list(use))
    exceptions = None
    if options.exceptions:
        exceptions = re.compile("|".join(re.escape(e) for e in options.exceptions),
                                re.IGNORECASE)
    needles = tuple(sorted({tuple(tokens(wrong)) for wrong in use}))
    forms: dict[bytes, list[str]] = {}
    for wrong in use:
        forms.setdefault(b" ".join(tokens(wrong)), []).append(wrong)
    return Compiled(pattern, needles, use, not_before, exceptions, forms)


# Lowercase ASCII letters and digits stay; every other byte (including UTF-8 sequences)
# becomes a space, so splitting gives the ASCII word tokens.
_TOKEN_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122)
    else 32 for c in range(256))


def tokens(text: str) -> list[bytes]:
    return text.encode("utf-8", "replace").translate(_TOKEN_TABLE).split()


def candidates(text: str, needles: tuple[tuple[bytes, ...], ...]) -> tuple[bytes, ...]:
    """The wrong forms (as joined tokens) that could match `text`; empty when none can.
    A cheap superset check in C-speed byte operations, run before any pattern."""
    words = tokens(text)
    present = set(words)
    found = [n for n in needles if n[0] in present and all(t in present for t in n)]
    if any(len(n) > 1 for n in found):
        pairs = set(pairwise(words))
        found = [n for n in found if len(n) == 1 or all(p in pairs for p in pairwise(n))]
    return tuple(b" ".join(n) for n in found)


def keep_case(original: str, replacement: str) -> str:
    """KIEV -> KYIV, Kiev -> Kyiv, kiev -> kyiv; 'The Ukraine' -> 'Ukraine'."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].islower() and replacement[:1].isupper() and " " not in original:
        return replacement.lower()
    return replacement


def check(doc: ParsedStory, story: Story, ctx: Context, options: Compiled) -> Iterator[Problem]:
    possible = candidates(doc.source.text, options.needles)
    if not possible:
        return  # the common case: no pattern runs at all
    pattern = options.narrowed(possible)
    for span in spans(doc, story):
        text = span.text
        if not candidates(text, options.needles):
            continue
        skip: list[tuple[int, int]] = []
        if options.exceptions is not None:
            skip = [m.span() for m in options.exceptions.finditer(text)]
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in skip):
                continue
            found = match.group()
            key = " ".join(found.split()).casefold()
            after = options.not_before.get(key)
            if after is not None and after.match(text, end):
                continue
            house = keep_case(found, options.use[key])
            line, column = span.locate(start, found)
            where = span.file_offset(start, found)
            fix = TextFix(where, where + len(found), house) if where is not None else None
            yield Problem(line, column, f"house style: {house!r}, not {found!r}",
                          f"write {house}", fix)

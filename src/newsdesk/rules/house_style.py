"""The newsroom's spellings: Kyiv, not Kiev; Ukraine, not "the Ukraine".

Spelling Ukrainian places by their Russian-era transliterations repeats an imperial naming
that Ukraine has asked the world to drop, and readers notice. Terms are configurable
(`terms` replaces the defaults, `extra_terms` adds to them); matching is word-bounded and
keeps the original's case (KIEV -> KYIV, Kiev's -> Kyiv's). It checks the body and the
headline, dek, captions, alt text and editor's note, never code, URLs or image paths, and
skips any configured `exceptions` phrase (a historical name quoted as it was, say).

Official oblast names keep the old city name (`Dnipropetrovsk Oblast`, `Kirovohrad region`)
and are left alone; e-mail addresses, URLs, link targets and code are never checked.

Fix: safe. `newsdesk validate --fix` replaces the spelling in place, keeping its case. It never
rewrites someone else's words or a name: inside quoted speech (straight, curly or angle
quotes, block quotes), a title in emphasis (`*Kiev Nights*`) or link text, the spelling is
reported without a fix, and so is one that quoting or line folding split in the front matter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from newsdesk.rules.base import Context, Problem, RuleOptions, TextFix
from newsdesk.rules.text.normalise import lower_case
from newsdesk.rules.text.spans import spans
from newsdesk.rules.text.wordsearch import Phrases

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "house-style"
SEVERITY = "warning"
LANGUAGES = ("en", "uk")


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

# Official names of oblasts still carry the Soviet-era city name: "Dnipropetrovsk Oblast",
# "Kirovohrad region" are correct and left alone.
_OBLAST = ["Oblast", "oblast", "region", "Region", "province", "Province", "oblast's",
           "region's"]

# The house spelling is the official 2010 Ukrainian transliteration of each place (KMU
# resolution 55); the wrong forms are the Russian-era spellings real copy still uses.
DEFAULT_TERMS = [
    Term(use="Kyiv", instead_of=["Kiev"]),
    Term(use="Kharkiv", instead_of=["Kharkov"]),
    Term(use="Odesa", instead_of=["Odessa"]),
    Term(use="Mykolaiv", instead_of=["Nikolaev", "Nikolayev", "Mykolayiv"]),
    Term(use="Luhansk", instead_of=["Lugansk"]),
    Term(use="Chornobyl", instead_of=["Chernobyl"]),
    Term(use="Zaporizhzhia", instead_of=["Zaporozhye", "Zaporozhe", "Zaporizhia"]),
    Term(use="Dnipro", instead_of=["Dnepr", "Dnepropetrovsk"]),
    Term(use="Dnipro", instead_of=["Dnipropetrovsk"], unless_followed_by=_OBLAST),
    Term(use="Lviv", instead_of=["Lvov"]),
    Term(use="Rivne", instead_of=["Rovno"]),
    Term(use="Vinnytsia", instead_of=["Vinnitsa"]),
    Term(use="Chernihiv", instead_of=["Chernigov"]),
    Term(use="Zhytomyr", instead_of=["Zhitomir"]),
    Term(use="Ternopil", instead_of=["Ternopol"]),
    Term(use="Uzhhorod", instead_of=["Uzhgorod"]),
    Term(use="Cherkasy", instead_of=["Cherkassy"]),
    Term(use="Kryvyi Rih", instead_of=["Krivoy Rog", "Kryvyi Rig", "Krivoi Rog"]),
    Term(use="Ivano-Frankivsk", instead_of=["Ivano-Frankovsk"]),
    Term(use="Kropyvnytskyi", instead_of=["Kirovograd"]),
    Term(use="Kropyvnytskyi", instead_of=["Kirovohrad"], unless_followed_by=_OBLAST),
    Term(use="Khmelnytskyi", instead_of=["Khmelnitsky", "Khmelnitskiy"]),
    Term(use="Bakhmut", instead_of=["Artemovsk", "Artemivsk"]),
    Term(use="Donbas", instead_of=["Donbass"]),
    Term(use="Izium", instead_of=["Izyum"]),
    Term(use="Kupiansk", instead_of=["Kupyansk"]),
    Term(use="Avdiivka", instead_of=["Avdeevka", "Avdeyevka"]),
    Term(use="Sievierodonetsk", instead_of=["Severodonetsk", "Sieverodonetsk"]),
    Term(use="Lysychansk", instead_of=["Lisichansk"]),
    Term(use="Prypiat", instead_of=["Pripyat"]),
    Term(use="Kremenchuk", instead_of=["Kremenchug"]),
    Term(use="Horlivka", instead_of=["Gorlovka"]),
    Term(use="Sloviansk", instead_of=["Slavyansk", "Slaviansk"]),
    Term(use="Kostiantynivka", instead_of=["Konstantinovka", "Kostyantynivka"]),
    Term(use="Berdiansk", instead_of=["Berdyansk"]),
    Term(use="Irpin", instead_of=["Irpen"]),
    Term(use="Hostomel", instead_of=["Gostomel"]),
    Term(use="Boryspil", instead_of=["Borispol"]),
    Term(use="Vyshhorod", instead_of=["Vyshgorod"]),
    Term(use="Chuhuiv", instead_of=["Chuguev", "Chuguyev"]),
    Term(use="Vuhledar", instead_of=["Ugledar"]),
    Term(use="Kurakhove", instead_of=["Kurakhovo"]),
    Term(use="Chasiv Yar", instead_of=["Chasov Yar"]),
    Term(use="Kreminna", instead_of=["Kremennaya"]),
    Term(use="Rubizhne", instead_of=["Rubezhnoye", "Rubezhnoe"]),
    Term(use="Popasna", instead_of=["Popasnaya"]),
    Term(use="Enerhodar", instead_of=["Energodar"]),
    Term(use="Orikhiv", instead_of=["Orekhov"]),
    Term(use="Huliaipole", instead_of=["Gulyaipole", "Gulyaypole"]),
    Term(use="Pavlohrad", instead_of=["Pavlograd"]),
    Term(use="Kamianske", instead_of=["Kamenskoye"]),
    Term(use="Bilhorod-Dnistrovskyi", instead_of=["Belgorod-Dnestrovsky"]),
    Term(use="Kamianets-Podilskyi", instead_of=["Kamenets-Podolsky"]),
    Term(use="Bila Tserkva", instead_of=["Belaya Tserkov"]),
    Term(use="Toretsk", instead_of=["Dzerzhinsk"]),
    Term(use="Ukraine", instead_of=["the Ukraine"], unless_followed_by=_ADJECTIVAL),
]



def _cases(wrong: str, right: str, endings: list[tuple[str, str]]) -> list[Term]:
    """A Russian place name in its cases and the Ukrainian form in each (stems + endings)."""
    return [Term(use=right + r_end, instead_of=[wrong + w_end]) for w_end, r_end in endings]


# Ukrainian copy: "в Україні", not "на Україні" (the old form treats the country as a
# region), and the Ukrainian forms of places that Russian-language sources spell their way.
DEFAULT_UK_TERMS = [
    Term(use="в Україні", instead_of=["на Україні"]),
    Term(use="в Україну", instead_of=["на Україну"]),
    Term(use="з України", instead_of=["с Украины"]),
    *_cases("Киев", "Києв", [("а", "а"), ("у", "у"), ("е", "і"), ("ом", "ом")]),
    Term(use="Київ", instead_of=["Киев"]),
    *_cases("Харьков", "Харков", [("а", "а"), ("у", "у"), ("е", "і"), ("ом", "ом")]),
    Term(use="Харків", instead_of=["Харьков"]),
    *_cases("Николаев", "Миколаєв", [("а", "а"), ("у", "у"), ("е", "і"), ("ом", "ом")]),
    Term(use="Миколаїв", instead_of=["Николаев"]),
    *_cases("Чернигов", "Чернігов", [("а", "а"), ("у", "у"), ("е", "і"), ("ом", "ом")]),
    Term(use="Чернігів", instead_of=["Чернигов"]),
    *_cases("Днепр", "Дніпр", [("а", "а"), ("у", "у"), ("е", "і"), ("ом", "ом")]),
    Term(use="Дніпро", instead_of=["Днепр"]),
    Term(use="Львів", instead_of=["Львов"]),
    Term(use="Львові", instead_of=["Львове"]),
    Term(use="Кривий Ріг", instead_of=["Кривой Рог"]),
    Term(use="Кривого Рогу", instead_of=["Кривого Рога"]),
    Term(use="Кривому Розі", instead_of=["Кривом Роге"]),
    Term(use="Запоріжжя", instead_of=["Запорожье", "Запорожья"]),
    Term(use="Запоріжжю", instead_of=["Запорожью"]),
    Term(use="Рівне", instead_of=["Ровно"]),
    Term(use="Одеса", instead_of=["Одесса"]),
    Term(use="Одеси", instead_of=["Одессы"]),
    Term(use="Одесі", instead_of=["Одессе"]),
    Term(use="Одесу", instead_of=["Одессу"]),
    *_cases("Луганск", "Луганськ", [("", ""), ("а", "а"), ("е", "у"), ("ом", "ом")]),
    *_cases("Донецк", "Донецьк", [("", ""), ("а", "а"), ("е", "у"), ("ом", "ом")]),
    *_cases("Краматорск", "Краматорськ", [("", ""), ("а", "а"), ("е", "у")]),
    *_cases("Славянск", "Слов'янськ", [("", ""), ("а", "а"), ("е", "у")]),
    *_cases("Северодонецк", "Сєвєродонецьк", [("", ""), ("а", "а"), ("е", "у")]),
    *_cases("Лисичанск", "Лисичанськ", [("", ""), ("а", "а"), ("е", "у")]),
    *_cases("Купянск", "Куп'янськ", [("", ""), ("а", "а"), ("е", "у")]),
    *_cases("Чернобыл", "Чорнобил", [("ь", "ь"), ("я", "я"), ("е", "і")]),
    *_cases("Мариупол", "Маріупол", [("ь", "ь"), ("я", "я"), ("е", "і")]),
    Term(use="Тернополі", instead_of=["Тернополе"]),
    Term(use="Тернопіль", instead_of=["Тернополь"]),
    *_cases("Авдеевк", "Авдіївк", [("а", "а"), ("и", "и"), ("е", "у"), ("у", "у")]),
    *_cases("Горловк", "Горлівк", [("а", "а"), ("и", "и"), ("е", "у"), ("у", "у")]),
    *_cases("Винниц", "Вінниц", [("а", "я"), ("ы", "і"), ("е", "і"), ("у", "ю")]),
    Term(use="Черкаси", instead_of=["Черкассы"]),
    Term(use="Кременчук", instead_of=["Кременчуг"]),
    Term(use="Ізюм", instead_of=["Изюм"]),
    Term(use="Прип'ять", instead_of=["Припять"]),
    Term(use="Івано-Франківськ", instead_of=["Ивано-Франковск"]),
]


class Options(RuleOptions):
    terms: list[Term] = Field(default_factory=lambda: list(DEFAULT_TERMS))
    extra_terms: list[Term] = Field(default_factory=list)
    uk_terms: list[Term] = Field(
        default_factory=lambda: list(DEFAULT_UK_TERMS),
        description="The terms for Ukrainian copy (`language: uk`), in place of `terms`.")
    extra_uk_terms: list[Term] = Field(default_factory=list, description="Added to `uk_terms`.")
    uk_apostrophe: str | None = Field(
        None, pattern="^['’ʼ]$",
        description="The apostrophe Ukrainian copy uses (', ’ or ʼ); by default, the one a "
                    "story uses most, so that it is used consistently.")
    exceptions: list[str] = Field(
        default_factory=lambda: ["Kievan Rus", "Kiev Governorate", "Kiev Military District"],
        description="Phrases left alone wherever they appear (case-insensitive).")


@dataclass(frozen=True)
class Compiled:
    # Every wrong form, found whole-word in the lower-case text in one pass: the patterns
    # below run only for the forms a story holds.
    search: Phrases
    use: dict[str, str]  # lowercased wrong form -> house form
    not_before: dict[str, re.Pattern[str]]
    exceptions: re.Pattern[str] | None
    forms: dict[str, list[str]] = field(default_factory=dict)  # found form -> wrong forms
    ukrainian: Compiled | None = None  # the same for Ukrainian copy
    uk_apostrophe: str | None = None

    def possible(self, text: str) -> tuple[str, ...]:
        """The wrong forms `text` could hold; empty (the common case) when none can."""
        return tuple(sorted(self.search.present(lower_case(text))))

    def narrowed(self, possible: tuple[str, ...]) -> re.Pattern[str]:
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
    from dataclasses import replace

    english = _compile([*options.terms, *options.extra_terms], options.exceptions)
    return replace(english, uk_apostrophe=options.uk_apostrophe, ukrainian=_compile(
        [*options.uk_terms, *options.extra_uk_terms], options.exceptions))


def _compile(terms: list[Term], exception_list: list[str]) -> Compiled:
    use: dict[str, str] = {}
    not_before: dict[str, re.Pattern[str]] = {}
    for term in terms:
        for wrong in term.instead_of:
            use[wrong.casefold()] = term.use
            if term.unless_followed_by:
                words = "|".join(re.escape(w) for w in term.unless_followed_by)
                not_before[wrong.casefold()] = re.compile(rf"\s+(?:{words})\b", re.IGNORECASE)
    exceptions = None
    if exception_list:
        exceptions = re.compile("|".join(re.escape(e) for e in exception_list), re.IGNORECASE)
    forms: dict[str, list[str]] = {}
    for wrong in use:
        forms.setdefault(" ".join(wrong.lower().split()), []).append(wrong)
    return Compiled(Phrases(forms), use, not_before, exceptions, forms)


def keep_case(original: str, replacement: str) -> str:
    """KIEV -> KYIV, Kiev -> Kyiv, kiev -> kyiv; 'The Ukraine' -> 'Ukraine'."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].islower() and replacement[:1].isupper() and " " not in original:
        return replacement.lower()
    return replacement


# Where a spelling is reported but never rewritten: someone else's words (quoted speech in
# straight, curly or angle quotes, a block quote), a title in emphasis, and link text (a
# publication's or a page's own name). E-mail addresses are not prose at all.
_PROTECTED = re.compile(
    # the lookahead names every way a zone can begin, so that the alternatives are tried
    # only there (five times faster than trying all of them at every character)
    r"(?=[\"“«„'‘*_\[>]|^[ \t])"
    r"(?:(?P<quote>\"[^\"\n]*(?:\n(?![ \t]*\n)[^\"\n]*)*\"|“[^”]*?”|«[^»]*?»|„[^“”]*?[“”]"
    r"|(?<![\w’'])['‘][^'‘’\n]+?['’](?![\w’'])|^[ \t]*>[^\n]*)"
    r"|(?P<title>(?<![*\w])\*{1,2}[^*\n]+\*{1,2}(?![*\w])|(?<![_\w])_{1,2}[^_\n]+_{1,2}(?![_\w]))"
    # link text; the target after it may already be blanked out as non-prose
    r"|(?P<link>\[[^\]\[\n]*(?:\](?=\()|(?=\s{3}))))",
    re.MULTILINE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WHY = {"quote": "quoted words", "title": "a title", "link": "link text"}


def _protected(text: str) -> list[tuple[int, int, str]]:
    if not any(c in text for c in "\"“«„'‘>*_["):
        return []
    return [(m.start(), m.end(), m.lastgroup or "quote") for m in _PROTECTED.finditer(text)]


def check(doc: ParsedStory, story: Story, ctx: Context, options: Compiled) -> Iterator[Problem]:
    if ctx.language_of(story) == "uk" and options.ukrainian is not None:
        from newsdesk.rules.text.ukrainian import style

        found = [*_terms(doc, story, options.ukrainian),
                 *style.russian_letters(doc, story, _protected),
                 *style.apostrophes(doc, story, options.uk_apostrophe, _protected)]
        seen: set[tuple[int, int]] = set()
        for problem in sorted(found, key=lambda p: (p.line, p.column)):
            if (problem.line, problem.column) not in seen:  # a term's letters are the term's
                seen.add((problem.line, problem.column))
                yield problem
        return
    yield from _terms(doc, story, options)


def _terms(doc: ParsedStory, story: Story, options: Compiled) -> Iterator[Problem]:
    possible = options.possible(doc.source.text)
    if not possible:
        return  # the common case: no pattern runs at all
    pattern = options.narrowed(possible)
    for span in spans(doc, story):
        text = span.text
        if not options.possible(text):
            continue
        skip: list[tuple[int, int]] = []
        if options.exceptions is not None:
            skip = [m.span() for m in options.exceptions.finditer(text)]
        if "@" in text:
            skip += [m.span() for m in _EMAIL.finditer(text)]
        zones = _protected(text)  # in order, never overlapping: found by bisection
        zone_starts = [a for a, _, _ in zones]
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
            index = bisect_right(zone_starts, start) - 1
            zone = zones[index][2] if index >= 0 and end <= zones[index][1] else None
            if zone is not None:
                yield Problem(line, column, f"house style: {house!r}, not {found!r} (in "
                              f"{_WHY[zone]}: not fixed automatically)",
                              f"if these are not someone's exact words or a name, write "
                              f"{house}; otherwise leave them, or add the phrase to the rule's "
                              "exceptions")
                continue
            where = span.file_offset(start, found)
            fix = TextFix(where, where + len(found), house) if where is not None else None
            yield Problem(line, column, f"house style: {house!r}, not {found!r}",
                          f"write {house}", fix)

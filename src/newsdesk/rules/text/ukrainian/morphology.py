"""Ukrainian words in every grammatical case.

"Олександр Петренко", "Олександра Петренка" and "Олександрові Петренку" are one person; a
rank is "сержант", "сержанта" or "сержантові". Rules compare words by their dictionary forms
(lemmas), which pymorphy3 gives from the Ukrainian dictionary of the LanguageTool project. The
analyser takes about 0.1 s to load, so it is loaded the first time a Ukrainian story is read,
never by a run that has none.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer

APOSTROPHES = "'’ʼ"


def has_cyrillic(text: str) -> bool:
    """Whether the text holds a Cyrillic letter: a name or callsign written in Ukrainian."""
    return any("\u0400" <= c <= "\u04ff" for c in text)


@lru_cache(maxsize=1)
def analyser() -> MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _plain(word: str) -> str:
    """Lower case with one apostrophe (the dictionary writes ')."""
    lowered = word.lower()
    for mark in APOSTROPHES[1:]:
        lowered = lowered.replace(mark, "'")
    return lowered


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form the word can be of, and the word itself (lower case)."""
    plain = _plain(word)
    return frozenset({plain, *(p.normal_form for p in analyser().parse(plain))})


@lru_cache(maxsize=65536)
def tags(word: str) -> frozenset[str]:
    """The grammemes of every reading of the word that the dictionary knows ("Surn", "Name",
    "Patr", "NOUN", "ADJF", "VERB" ...)."""
    found: set[str] = set()
    for parse in analyser().parse(_plain(word)):
        if _from_dictionary(parse):  # a guess from the word's ending is no reading
            found.update(parse.tag.grammemes)
    return frozenset(found)


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, str]:
    """Every case form of every listed given name, to its nominative."""
    text = resources.files("newsdesk").joinpath("data/lexicon/uk-given-names.txt").read_text(
        encoding="utf-8")
    forms: dict[str, str] = {}
    morph = analyser()
    for line in text.splitlines():
        name = _plain(line.strip())
        if not name or name.startswith("#"):
            continue
        forms.setdefault(name, name)
        for parse in morph.parse(name):
            if "Name" in parse.tag and parse.normal_form == name:
                for form in parse.lexeme:
                    if "plur" not in form.tag:
                        forms.setdefault(form.word, name)
    return forms


@lru_cache(maxsize=65536)
def given_name(word: str) -> str | None:
    """The nominative of a given name in any case ("Романові" -> "роман"), or None: from the
    newsroom's list, else from the dictionary's own given names (singular readings only)."""
    plain = _plain(word)
    listed = _given_name_forms().get(plain)
    if listed is not None:
        return listed
    for parse in analyser().parse(plain):
        if "Name" in parse.tag and "plur" not in parse.tag and _from_dictionary(parse):
            return str(parse.normal_form)
    return None


def _from_dictionary(parse: object) -> bool:
    """A reading the dictionary holds, not one guessed from the word's ending."""
    stack = getattr(parse, "methods_stack", ())
    return not stack or type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def is_surname_form(word: str) -> bool:
    """Whether the dictionary reads the word as a surname or a patronymic in some case."""
    return not tags(word).isdisjoint({"Surn", "Patr"})


def same_word(one: str, other: str) -> bool:
    """Two forms of one word ("Петренка" and "Петренкові")."""
    return not lemmas(one).isdisjoint(lemmas(other))


def transliterate(text: str) -> str:
    """Ukrainian text in Latin letters under the official 2010 rules (Cabinet of Ministers
    resolution 55): Тимур -> Tymur, Юрій -> Yurii, Згурський -> Zghurskyi."""
    from translitua import UkrainianKMU, translit

    return str(translit(text, UkrainianKMU))


def nominative_name(words: list[str]) -> str:
    """A name written in some case, in the nominative, the way `people` declares it
    ("Олександра Петренка" -> "Олександр Петренко")."""
    out: list[str] = []
    for index, word in enumerate(words):
        form = given_name(word) if index == 0 else None
        if form is None:
            readings = [p for p in analyser().parse(_plain(word))
                        if not {"Surn", "Patr", "Name"}.isdisjoint(p.tag.grammemes)
                        and _from_dictionary(p)]
            form = str(readings[0].normal_form) if readings else word
        out.append(form[:1].upper() + form[1:] if word[:1].isupper() else form)
    return " ".join(out)


def same_given_name(word: str, declared: str) -> bool:
    """A given name in any case is the declared one ("Тимуром" and "Тимур")."""
    mine = given_name(word)
    return mine is not None and mine == given_name(declared)

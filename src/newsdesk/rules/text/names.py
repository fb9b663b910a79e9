"""Telling a person's name from other capitalised words, and one person from another.

Two capitalised words are a person's name when the first is a given name (`first-names.txt`)
or the last has the form of a Ukrainian or Russian surname (-enko, -chuk, -skyi, -ov ...).
That is what keeps "Ukrainian Troops", "Kharkiv Oblast" and a Title Case caption from being
read as names, and lets a lower-case "ivan petrenko" still be one.

`name_key` folds the spellings transliteration produces into one key, so Valery Zaluzhny,
Valerii Zaluzhnyi and Valeriy Zaluzhniy are one person, and so are Alexander Syrsky and
Oleksandr Syrskyi, or a declared Dmytro and the body's Dmitry.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from newsdesk.rules.text.wordsearch import Phrases

_SURNAME_ENDINGS = (
    "enko", "chuk", "czuk", "iuk", "yuk", "uk", "yk", "ik", "ak", "ets", "ych", "ovych",
    "evych", "iv", "yiv", "ov", "ova", "ev", "eva", "yov", "in", "ina", "yn", "yna", "skyi",
    "skyy", "skiy", "sky", "ski", "skii", "ska", "tskyi", "tska", "zkyi", "ko", "nyk", "nik",
    "shyn", "yshyn", "ishin", "ar", "yar", "ai", "ii", "yi", "ei", "ets", "ienko", "ylo",
    "ych", "ich", "ovich", "evich", "dze", "shvili", "ian", "yan", "ovski", "owski", "ewski",
)
# Capitalised words that start sentences, name months, places or institutions, or qualify a
# noun, and are never the first word of a person's name here.
NOT_NAMES = frozenset([
    "a", "an", "the", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
    "you", "his", "her", "their", "our", "its", "my", "your", "and", "or", "but", "nor", "so",
    "yet", "for", "of", "in", "on", "at", "to", "from", "by", "with", "as", "into", "onto",
    "over", "under", "after", "before", "since", "during", "about", "against", "between",
    "through", "without", "within", "around", "near", "across", "behind", "said", "says",
    "told", "tells", "asked", "added", "according", "also", "then", "now", "still", "when",
    "while", "where", "who", "whose", "which", "what", "why", "how", "if", "unless", "because",
    "although", "though", "once", "there", "here", "not", "never", "no", "yes", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "ukraine", "ukraine's", "ukrainian", "ukrainians", "russia", "russia's",
    "russian", "russians", "kyiv", "kharkiv", "moscow", "kremlin", "europe", "european",
    "america", "american", "western", "eastern", "northern", "southern", "east", "west",
    "north", "south", "central", "oblast", "region", "district", "city", "village", "town",
    "street", "square", "brigade", "battalion", "regiment", "company", "platoon", "division",
    "corps", "army", "navy", "forces", "force", "group", "guard", "guards", "national",
    "territorial", "defence", "defense", "ministry", "general", "staff", "command", "president",
    "minister", "mayor", "governor", "photo", "photograph", "read", "more", "see", "also",
    "source", "update", "soldiers", "troops", "fighters", "servicemen", "drones", "drone",
    "tanks", "tank", "artillery", "missile", "missiles"
])

_TRANSLIT = (
    ("x", "ks"), ("kh", "h"), ("zh", "z"), ("sch", "s"), ("shch", "s"), ("ch", "c"),
    ("sh", "s"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("w", "v"), ("g", "h"),
    ("'", ""), ("’", ""), ("-", ""),
)
_VOWELS = re.compile(r"[aeiouyj]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    text = resources.files("newsdesk").joinpath("data/lexicon/first-names.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def lower_case_first_names() -> Phrases:
    """Given names written in lower case ("sgt. ivan petrenko"), found in one pass."""
    return Phrases(first_names())


@lru_cache(maxsize=65536)
def plain(word: str) -> str:
    """Lower case, diacritics and a possessive ending dropped."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    out = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    for ending in ("'s", "’s", "'", "’"):
        if out.endswith(ending):
            return out[: -len(ending)]
    return out


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    return plain(word) in first_names()


@lru_cache(maxsize=65536)
def looks_like_surname(word: str) -> bool:
    lowered = plain(word)
    return len(lowered) > 3 and lowered not in NOT_NAMES and lowered.endswith(_SURNAME_ENDINGS)


def could_be_name(word: str) -> bool:
    """A capitalised word that may be part of a person's name."""
    return word[:1].isupper() and plain(word) not in NOT_NAMES and not word.isdigit()


@lru_cache(maxsize=4096)
def word_key(word: str) -> str:
    """One transliteration-proof key per word: consonants after folding spelling variants."""
    folded = plain(word)
    for source, target in _TRANSLIT:
        folded = folded.replace(source, target)
    skeleton = _VOWELS.sub("", folded)
    return _DOUBLE.sub(r"\1", skeleton) or folded


def name_key(name: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", name))


def same_person(name: str, other: str) -> bool:
    """Do two written names plausibly denote the same person? The surnames must agree; the
    given names must agree where both are written."""
    mine, theirs = name_key(name), name_key(other)
    if not mine or not theirs or mine[-1] != theirs[-1]:
        return False
    if len(mine) == 1 or len(theirs) == 1:
        return True
    return mine[0] == theirs[0]

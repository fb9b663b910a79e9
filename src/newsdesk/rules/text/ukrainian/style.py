"""House style that only Ukrainian copy has: Russian letters inside Ukrainian words, and one
apostrophe used throughout (the newsroom's choice, or the one the story uses most)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from newsdesk.rules.base import Problem, TextFix
from newsdesk.rules.text.spans import TextSpan, spans

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

Zones = Callable[[str], list[tuple[int, int, str]]]

# ы, э, ъ, ё are Russian letters; a word that holds one is Russian or mistyped
_RUSSIAN_WORD = re.compile(r"\b\w*[ыэъёЫЭЪЁ]\w*\b")
# an apostrophe between two Cyrillic letters (м'ясо, п’ять, обʼєкт)
_APOSTROPHE = re.compile(r"(?<=[а-яіїєґА-ЯІЇЄҐ])['’ʼ](?=[а-яіїєґА-ЯІЇЄҐ])")


def russian_letters(doc: ParsedStory, story: Story, zones: Zones) -> Iterator[Problem]:
    """Reported without a fix: only the writer knows the Ukrainian word meant."""
    for span in spans(doc, story):
        if not any(c in span.text for c in "ыэъёЫЭЪЁ"):
            continue
        for match in _RUSSIAN_WORD.finditer(span.text):
            word = match.group()
            letters = sorted({c for c in word if c in "ыэъёЫЭЪЁ"})
            line, column = span.locate(match.start(), word)
            yield Problem(line, column,
                          f"house style: {word!r} holds the Russian letter"
                          f"{'s' if len(letters) > 1 else ''} {', '.join(letters)}: Ukrainian "
                          "copy is written in Ukrainian letters",
                          "write the Ukrainian word (і, е, ', ї or є in place of ы, э, ъ, ё); "
                          "a quotation in Russian belongs in quotes")


def apostrophes(doc: ParsedStory, story: Story, chosen: str | None,
                zones: Zones) -> Iterator[Problem]:
    """Every apostrophe that is not the newsroom's (or the story's most used) one; fixed
    in place, except in quoted words and titles."""
    found: list[tuple[TextSpan, int, str]] = []
    for span in spans(doc, story):
        found += [(span, m.start(), m.group()) for m in _APOSTROPHE.finditer(span.text)]
    if not found:
        return
    counts = Counter(mark for _, _, mark in found)
    house = chosen or max(counts, key=lambda mark: (counts[mark], mark == "’"))
    # each span's protected zones, found once (in order, not overlapping)
    span_zones: dict[int, tuple[list[int], list[int]]] = {}
    for span, start, mark in found:
        if mark == house:
            continue
        line, column = span.locate(start, mark)
        if id(span) not in span_zones:
            listed = zones(span.text)
            span_zones[id(span)] = ([a for a, _, _ in listed], [b for _, b, _ in listed])
        starts, ends = span_zones[id(span)]
        zone = bisect_right(starts, start) - 1
        protected = zone >= 0 and start < ends[zone]
        where = None if protected else span.file_offset(start, mark)
        fix = TextFix(where, where + 1, house) if where is not None else None
        yield Problem(line, column,
                      f"house style: the apostrophe {house!r}, not {mark!r} (one apostrophe "
                      "throughout the story)", f"write {house}", fix)

"""Many words and phrases found in one pass of compiled code.

The wording rules ask the same question of every story: does any of these few hundred words
occur, and where? Splitting a 6 KB story into words to ask it costs about 0.1 ms in Python; an
Aho-Corasick automaton compiled in Rust (ahocorasick-rs) answers in about 0.02 ms, and the
pure-Python-driven pyahocorasick took as long as the split. Texts are searched as given:
callers lower-case them first (the keys are lower case).

The automaton scans a text's bytes a third faster than the text itself (no character offsets
to work out): `str.isascii` answers without reading the text, and an ASCII text is searched as
bytes, whose offsets are its character offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick_rs

from newsdesk.rules.text.memo import by_identity


class Automaton:
    """The same keys over text and over UTF-8 bytes: ASCII text is scanned as bytes."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        # a DFA scans about three times faster than the default NFA; for a few hundred short
        # keys its memory is small
        dfa = ahocorasick_rs.Implementation.DFA
        self._text = ahocorasick_rs.AhoCorasick(keys, implementation=dfa)
        self._bytes = ahocorasick_rs.BytesAhoCorasick([key.encode() for key in keys],
                                                      implementation=dfa)
        self._ascii_keys = all(key.isascii() and "?" not in key for key in keys)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(key index, start, end) of every occurrence, overlapping ones included, by end
        offset (an overlapping search reports matches as it reaches their ends)."""
        if text.isascii():  # a non-ASCII key cannot match, and offsets are the same
            return self._bytes.find_matches_as_indexes(text.encode(), overlapping=True)
        if self._ascii_keys:
            # an ASCII key without "?" matches the shadow exactly where it matches the text
            # (typeset copy, with curly quotes, is scanned a quarter faster than as text)
            return self._bytes.find_matches_as_indexes(ascii_shadow(text), overlapping=True)
        # (counting the hits of a byte scan back in characters cost more than it saved)
        return self._text.find_matches_as_indexes(text, overlapping=True)


def ascii_shadow(text: str) -> bytes:
    """The text as ASCII bytes with each other character one "?": offsets stay character
    offsets."""
    return text.encode() if text.isascii() else _shadow(text)


@by_identity(4)  # several scans read the same story
def _shadow(text: str) -> bytes:
    return text.encode("ascii", "replace")


class Substrings:
    """Every occurrence of any key, overlapping ones included, anywhere in a text."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = tuple(dict.fromkeys(keys))
        self._automaton = Automaton(self.keys)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(key, start, end) of each occurrence, by end position."""
        keys = self.keys
        return [(keys[index], start, end) for index, start, end
                in self._automaton.matches(text)]


def _is_word_char(char: str) -> bool:
    return char.isalnum()


class Phrases:
    """Whole-word occurrences of words and phrases: a key never matches inside a longer word
    ("kiev" is not found in "kievan"), and the words of a phrase may be parted by any run of
    blanks or line breaks ("the\\n  ukraine" is "the ukraine")."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(dict.fromkeys(" ".join(p.split()) for p in phrases if p.split()))
        # the automaton holds each phrase's last word; the words before it are checked
        # against the text right before the hit, which is rare next to a full scan
        last_words: dict[str, list[str]] = {}
        for phrase in self.phrases:
            last_words.setdefault(phrase.rsplit(" ", 1)[-1], []).append(phrase)
        self._last = tuple(last_words)
        self._phrases_ending = tuple(tuple(last_words[word]) for word in self._last)
        self._automaton = Automaton(self._last)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(phrase, start, end) of each whole-word occurrence, in order of position."""
        found: list[tuple[str, int, int]] = []
        for index, start, end in self._automaton.matches(text):
            if (start and _is_word_char(text[start - 1])) or \
                    (end < len(text) and _is_word_char(text[end])):
                continue
            for phrase in self._phrases_ending[index]:
                if " " not in phrase:
                    found.append((phrase, start, end))
                    continue
                before = _words_before(phrase)
                window_start = max(0, start - len(phrase) - 80)
                preceded = before.search(text, window_start, start)
                if preceded is not None:
                    found.append((phrase, preceded.start(), end))
        found.sort(key=lambda hit: hit[1])
        return found

    def present(self, text: str) -> set[str]:
        """The phrases that occur in `text` at least once."""
        return {phrase for phrase, _, _ in self.find(text)}


@lru_cache(maxsize=1024)
def _words_before(phrase: str) -> re.Pattern[str]:
    """A phrase's words before its last, ending where the last word begins."""
    words = phrase.split(" ")[:-1]
    # searched with endpos at the last word's start, where \Z then matches
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"\s+\Z")

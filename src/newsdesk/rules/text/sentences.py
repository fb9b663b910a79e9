"""Words and sentences of prose, for rules that must read a sentence and its neighbours.

A person's name never crosses a line, a field or a sentence end: "Photo: Marek Novak" and the
next paragraph's first word are not one name, and neither are the last word of one sentence
and the first of the next. The splitter knows the abbreviations news copy puts before names
(Sgt., Lt. Col., Dr., U.S.), so "Sgt. Ivan Petrenko" stays in one sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*['’]?)"
    r"|(?P<num>\d+(?:[.,:]\d+)*[^\W\d_]*(?:[-–][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])")
# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset({
    "sgt", "lt", "lieut", "col", "capt", "cpt", "maj", "gen", "pvt", "cpl", "spc", "pfc",
    "brig", "adm", "cmdr", "cdr", "sr", "jr", "mr", "mrs", "ms", "dr", "st", "no", "vs",
    "u.s", "u.k", "e.g", "i.e", "etc", "approx", "prof", "rev", "gov", "sen", "rep", "ft",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ave",
    "inc", "corp", "co", "ltd", "dept", "sqn", "bn", "bde", "div", "regt", "gen.-maj",
})


class Token(NamedTuple):
    """A word, a number or one punctuation mark, with its offsets in the text. A tuple: a
    story has thousands of them, and tuples are the cheapest objects Python makes."""

    text: str
    start: int
    end: int
    kind: str  # word | num | punct
    newline_before: bool  # a line break lies between this token and the previous one
    lower: str

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


_new_token = tuple.__new__  # builds a Token without the Python-level __new__ frame


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    matches = _TOKEN.finditer(text, start, stop)
    if text.find("\n", start, stop) < 0:  # the common case: no line break to look for
        return [_new_token(Token, (m.group(), m.start(), m.end(), m.lastgroup or "punct",
                                   False, m.group().lower())) for m in matches]
    tokens: list[Token] = []
    previous_end = start
    find = text.find
    for match in matches:
        value = match.group()
        begin = match.start()
        tokens.append(_new_token(Token, (value, begin, match.end(), match.lastgroup or "punct",
                                         find("\n", previous_end, begin) >= 0,
                                         value.lower())))
        previous_end = match.end()
    return tokens


# Where a sentence may end: end punctuation (with closing quotes or brackets) before a space,
# a blank line, or a line that opens a new Markdown block (heading, quote, table, list).
# (Every branch starts with a character of one class, which the regular-expression engine
# then skips to: a group around a whole branch hid that and made the scan twice as slow.)
_BOUNDARY = re.compile(
    r"[.!?…][\"'”’»)\]]*(?=\s)|\n(?:(?P<blank>[ \t]*\n)|(?=[ \t]*(?:[#>|*+-]|\d+\.\s)))")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")


def sentence_spans(text: str, begin: int = 0, finish: int | None = None
                   ) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence of `text[begin:finish]`; paragraphs are
    numbered from `begin`. Found with one regular-expression pass, so only the sentences a
    rule cares about need splitting into words."""
    spans: list[tuple[int, int, int]] = []
    start = begin
    paragraph = begin
    length = len(text) if finish is None else finish
    for match in _BOUNDARY.finditer(text, begin, length):
        end = match.end()
        mark = match.group()
        if mark[0] in ".!?…":
            following = end
            while following < length and text[following] in " \t\n":
                following += 1
            if following < length and text[following].islower():
                continue
            if mark[0] == ".":
                word = _LAST_WORD.search(text, max(start, match.start() - 12), match.start())
                if word and ((len(word.group(1)) == 1 and word.group(1).isupper())
                             or word.group(1).lower() in ABBREVIATIONS):
                    continue
        if text[start:end].strip():
            spans.extend(_pieces(text, start, end, paragraph))
        if match.group("blank"):
            paragraph += 1
        start = end
    if text[start:length].strip():
        spans.extend(_pieces(text, start, length, paragraph))
    return spans


# Prose sentences are short; anything longer (a list without full stops, hostile input) is
# read in overlapping pieces, so the work per sentence, and so per story, stays linear. The
# overlap is longer than any name, so no name falls between two pieces.
_PIECE, _OVERLAP = 1500, 200


def _pieces(text: str, start: int, end: int, paragraph: int) -> list[tuple[int, int, int]]:
    if end - start <= _PIECE + _OVERLAP:
        return [(start, end, paragraph)]
    out = []
    position = start
    while position < end:
        stop = min(end, position + _PIECE + _OVERLAP)
        if stop < end:
            blank = text.rfind(" ", position + _PIECE, stop)
            stop = blank if blank > position else stop
        out.append((position, stop, paragraph))
        if stop >= end:
            break
        following = text.find(" ", position + _PIECE - _OVERLAP, stop)
        position = following + 1 if following > position else position + _PIECE
    return out


def paragraph_around(text: str, position: int) -> tuple[int, int]:
    """The paragraph (between blank lines) that holds `position`."""
    start = text.rfind("\n\n", 0, position)
    end = text.find("\n\n", position)
    return (0 if start < 0 else start + 1), (len(text) if end < 0 else end)


def quoted_end(tokens: list[Token], start: int, closing: str) -> int | None:
    """The index of the quote mark that closes the one at `start`, when only a few words on
    one line stand between them (a callsign inside a name: 'Tymur "Bulat" Bondarenko',
    "Максим «Вуж» Сидорчук"); None otherwise."""
    for cursor in range(start + 1, min(start + 6, len(tokens))):
        if tokens[cursor].text in closing:
            return cursor
        if tokens[cursor].kind != "word" or tokens[cursor].newline_before:
            return None
    return None


def span_length(tokens: list[Token], words: list[Token]) -> int:
    """How many tokens a name's words cover, from the first to the last (a quoted callsign
    between them included)."""
    first = tokens.index(words[0])
    return tokens.index(words[-1], first) - first + 1

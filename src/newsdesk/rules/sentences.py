"""Words and sentences of prose, for rules that must read a sentence and its neighbours.

A person's name never crosses a line, a field or a sentence end: "Photo: Marek Novak" and the
next paragraph's first word are not one name, and neither are the last word of one sentence
and the first of the next. The splitter knows the abbreviations news copy puts before names
(Sgt., Lt. Col., Dr., U.S.), so "Sgt. Ivan Petrenko" stays in one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_CLOSERS = frozenset("\"'”’»)]")
_ENDS = frozenset(".!?…")


@dataclass(frozen=True, slots=True)
class Token:
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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    tokens: list[Token] = []
    previous_end = start
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind = match.lastgroup or "punct"
        value = match.group()
        tokens.append(Token(value, match.start(), match.end(), kind,
                            "\n" in text[previous_end:match.start()], value.lower()))
        previous_end = match.end()
    return tokens


def _is_abbreviation(tokens: list[Token], index: int) -> bool:
    """Is the full stop at `index` the end of an abbreviation or an initial?"""
    if index == 0:
        return False
    before = tokens[index - 1]
    if before.end != tokens[index].start or before.kind != "word":
        return False
    if len(before.text) == 1 and before.text.isupper():
        return True  # an initial: "J. Smith", or "U.S." letter by letter
    return before.lower in ABBREVIATIONS


def sentences(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into sentences; a blank line or a new Markdown block always ends one."""
    out: list[list[Token]] = []
    current: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if current and token.newline_before:
            gap = text[current[-1].end:token.start]
            if gap.count("\n") > 1 or token.text in "#>|-*+" or (
                    token.kind == "num" and index + 1 < len(tokens)
                    and tokens[index + 1].text == "." and token.newline_before):
                out.append(current)
                current = []
        current.append(token)
        if token.text in _ENDS and not (token.text == "." and _is_abbreviation(tokens, index)):
            while index + 1 < len(tokens) and tokens[index + 1].text in _CLOSERS \
                    and not tokens[index + 1].newline_before:
                index += 1
                current.append(tokens[index])
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or not following.text[:1].islower():
                out.append(current)
                current = []
        index += 1
    if current:
        out.append(current)
    return out

"""Text as a careful editor reads it, whatever bytes hide it.

A surname split by a zero-width space, joined by a no-break space, written with a Cyrillic
`е` inside a Latin word, in fullwidth letters or ALL CAPS still reads as a surname to anyone
who wants to find the soldier. Rules that protect people match against this normalised text
and map positions back to the original with `origin`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Anything that NFKC, space folding or invisible-character stripping could change.
_SPECIAL = re.compile(
    "[\u00a0\u00ad\u0370-\u03ff\u0400-\u04ff\u1680\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\ufeff\uff00-\uffef\ufb00-\ufb06]")
# Letters that look Latin. Folded only inside words that also hold Latin letters, so a
# quotation in Ukrainian stays as it is.
_HOMOGLYPHS = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ї": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "к": "k", "ԛ": "q", "ԝ": "w", "ո": "n",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    "ο": "o", "α": "a", "ν": "v", "ι": "i", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H",
    "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")
_NON_LATIN_LETTER = re.compile(r"[^\W\dA-Za-z_]")


@dataclass(frozen=True)
class Normalised:
    text: str
    index: list[int] | None  # normalised offset -> original offset; None when identical
    mixed: list[tuple[int, int]]  # spans (normalised) of words that mixed scripts

    def origin(self, offset: int) -> int:
        if self.index is None:
            return offset
        if offset >= len(self.index):
            return self.index[-1] + 1 if self.index else 0
        return self.index[offset]


def normalise(text: str) -> Normalised:
    if _SPECIAL.search(text) is None:
        return Normalised(text, None, [])
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width space, joiners, soft hyphen, BOM, bidi marks
            continue
        if category == "Zs":
            out.append(" ")
            index.append(position)
            continue
        folded = unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char
        for piece in folded:
            out.append(piece)
            index.append(position)
    normal = "".join(out)
    mixed: list[tuple[int, int]] = []
    chars = list(normal)
    for word in _WORD.finditer(normal):
        value = word.group()
        if _LATIN.search(value) and _NON_LATIN_LETTER.search(value):
            folded_word = value.translate(_HOMOGLYPHS)
            chars[word.start():word.end()] = folded_word
            mixed.append(word.span())
    return Normalised("".join(chars), index, mixed)

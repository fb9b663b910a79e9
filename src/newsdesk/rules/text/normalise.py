"""Text as a careful editor reads it, whatever bytes hide it.

A surname split by a zero-width space, a combining grapheme joiner or a Hangul filler, joined
by a no-break space or `&nbsp;`, written with a Cyrillic `е` inside a Latin word, in
fullwidth or mathematical bold letters, with diacritics, or cut in two by `**emphasis**`,
backticks or an HTML comment still reads as a surname on the published page. Rules that
protect people match against this normalised text and map positions back to the original
with `origin`.

The map is kept as runs (a normalised offset where a stretch of copied text starts, and where
it came from), so plain text costs one regular-expression scan and no per-character work.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from newsdesk.rules.text.memo import by_identity

# Characters that render as nothing, beyond category Cf (removed too): the combining grapheme
# joiner and variation selectors (Mn, removed with every combining mark), Braille blank,
# Hangul fillers, Khmer inherent vowels, Mongolian free variation selectors.
_BLANK = frozenset("\u2800\u3164\uffa0\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f")
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
# The way back, for a word that is mostly Cyrillic ("Пeтренко" with a Latin e).
_TO_CYRILLIC = str.maketrans({
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і",
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С",
    "T": "Т", "X": "Х", "I": "І",
})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")
# Non-ASCII is looked at one character at a time (with the combining marks that follow it);
# ASCII is copied in runs, and so is Cyrillic: a Ukrainian text keeps its letters (й, ї are
# not a Latin reader's diacritics) unless a combining mark has split one in two. (Single
# character classes find what needs looking at: an alternation tried at every offset made
# the scan of plain English text three times slower.)
_SPECIAL = re.compile(r"[^\x00-\x7f][\u0300-\u036f]*")
# (written as what it is not: a range up to U+10FFFF takes 8 ms to compile)
_ATTENTION = re.compile(r"[^\x00-\x7f\u0400-\u04ff]")
_COMBINING = re.compile(r"[\u0300-\u036f]")
# In the reader's view, markup is looked at too: an HTML comment (shown to nobody), an
# entity (shown as its character), emphasis and code marks (shown as nothing) and table bars
# (shown as a cell border).
_MARKUP_CHARS = "<&*_`~|"
# Found in two steps: one character class finds where markup or non-ASCII may start (a
# single class scans several times faster than an alternation tried at every offset), and
# the pattern for that character decides.
# (Spelt as what it leaves out, which sre tests faster: ASCII but <&*_`~|, and Cyrillic.)
_MARKUP_START = re.compile(r"[^\x00-\x25\x27-\x29\x2b-\x3b\x3d-\x5e\x61-\x7b\x7d\x7f\u0400-\u04ff]")
_ASCII_MARKUP_START = re.compile(r"[<&*_`~|]")
# Punctuation of typeset copy that a reader sees as it is (no letter, no compatibility form).
_TYPOGRAPHIC = "’‘“”—–«»"
_WITHOUT_TYPOGRAPHIC = str.maketrans("", "", _TYPOGRAPHIC)
_ASCII_BYTES = bytes(range(128))
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_LATIN_LETTER = re.compile(r"[^\W\dA-Za-z_]")  # never ASCII
_WORD_CHAR = re.compile(r"\w")


@dataclass(eq=False)
class Normalised:
    """The reader's view of a text. (Built for every field of every story: plain, with
    shared empty defaults, it is built three times faster than a frozen dataclass with list
    factories. Treat it as read-only.)"""

    text: str
    # Runs: starts[i] is a normalised offset from which characters come from sources[i]
    # onwards; `exact[i]` says whether the run is a one-to-one copy (offsets advance
    # together) or a replacement (every offset maps to the run's source start).
    starts: Sequence[int] = ()
    sources: Sequence[int] = ()
    exact: Sequence[bool] = ()
    mixed: Sequence[tuple[int, int]] = ()  # words that mixed scripts
    comments: Sequence[tuple[int, int]] = ()  # original spans
    typeset: bool = False  # ASCII with at most `_TYPOGRAPHIC` punctuation, left as it was

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, asked for by several checks. Lower-casing text that is not
        plain ASCII looks every character up; typeset copy has no other letters than ASCII
        ones, which its bytes lower-case at memory speed."""
        return lower_case(self.text) if self.typeset else self.text.lower()

    @property
    def index(self) -> list[int] | None:
        """None when the text came through unchanged."""
        return None if not self.starts else [self.origin(i) for i in range(len(self.text))]

    def origin(self, offset: int) -> int:
        if not self.starts:
            return offset
        run = bisect_right(self.starts, offset) - 1
        if run < 0:
            return offset
        if self.exact[run]:
            return self.sources[run] + offset - self.starts[run]
        return self.sources[run]


class _Builder:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.exact: list[bool] = []

    def copy(self, text: str, source: int) -> None:
        if text:
            self._run(source, True)
            self.pieces.append(text)
            self.length += len(text)

    def replace(self, text: str, source: int) -> None:
        if text:
            self._run(source, len(text) == 1)
            self.pieces.append(text)
            self.length += len(text)

    def _run(self, source: int, exact: bool) -> None:
        if (self.exact and exact and self.exact[-1]
                and self.sources[-1] + self.length - self.starts[-1] == source):
            return  # continues the previous exact run
        self.starts.append(self.length)
        self.sources.append(source)
        self.exact.append(exact)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """What a reader sees of one non-ASCII character (and the combining marks after it),
    with a Latin reader's diacritics dropped; a Cyrillic letter is composed, not folded."""
    if len(char) > 1:
        composed = unicodedata.normalize("NFC", char)
        if len(composed) == 1 and _CYRILLIC.match(composed):
            return composed
        return "".join(_fold_char(c) for c in char)
    category = unicodedata.category(char)
    if category in ("Cf", "Mn", "Me") or char in _BLANK:
        return ""
    if category == "Zs":
        return " "
    folded = unicodedata.normalize("NFKC", char)
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Me"))


def normalise(text: str, markup: bool = False) -> Normalised:
    """`markup=True` gives the reader's view of Markdown (see `_MARKUP_START`)."""
    as_it_is = text.isascii() or _only_typographic(text)
    if as_it_is and (not markup or not any(c in text for c in _MARKUP_CHARS)):
        # the common case, decided at the speed of a string scan
        return Normalised(text, typeset=True)
    find: Callable[[str, int], re.Match[str] | None] = (
        _find_ascii_markup if as_it_is else _find_markup if markup else _find_special)
    match = find(text, 0)
    if match is None:
        return _with_mixed_words(text, _Builder(), [])
    out = _Builder()
    comments: list[tuple[int, int]] = []
    position = 0
    while match is not None:
        start, end = match.span()
        out.copy(text[position:start], position)
        token = match.group()
        if token.startswith("<!--"):
            comments.append((start, end))
            out.replace(" ", start)
        elif token.startswith("&"):
            decoded = html.unescape(token)
            out.replace(_fold_char(decoded) if decoded > "\x7f" else decoded, start)
        elif token in "*_`~":
            pass
        elif token == "|":
            out.replace(" ", start)
        elif token in _BLANK:
            # a blank inside a word hides nothing; between words it is a space
            following = text[end:end + 1]
            out.replace("" if following.islower() else " ", start)
        else:
            out.replace(_fold_char(token), start)
        position = end
        match = find(text, position)
    out.copy(text[position:], position)
    return _with_mixed_words("".join(out.pieces), out, comments)


def _with_mixed_words(normal: str, out: _Builder, comments: list[tuple[int, int]]
                      ) -> Normalised:
    """Words that mix Latin and Cyrillic letters, folded into the script most of their
    letters are in (offsets do not move)."""
    mixed = _mixed_words(normal)
    if mixed:
        pieces: list[str] = []
        done = 0
        for start, end in mixed:
            value = normal[start:end]
            cyrillic = len(_CYRILLIC.findall(value))
            table = _TO_CYRILLIC if cyrillic > len(_LATIN.findall(value)) else _HOMOGLYPHS
            pieces += [normal[done:start], value.translate(table)]  # one letter for one
            done = end
        normal = "".join([*pieces, normal[done:]])
    return Normalised(normal, out.starts, out.sources, out.exact, mixed, comments)


def _mixed_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word holding both a Latin letter and another script's letter.

    Found from the rarer of the two (asking every word of a story costs a millisecond in
    Python): in English copy from its few non-ASCII characters (curly quotes and dashes are
    skipped at once), in Ukrainian copy from its few Latin letters. Both find the same words.
    """
    if text.isascii() or _only_typographic(text):
        return []
    mostly_other = len(text.encode()) - len(text) > len(text) // 4
    return _words_holding_both(text, _LATIN if mostly_other else _NON_ASCII)


def _words_holding_both(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    other = _NON_LATIN_LETTER if anchor is _LATIN else _LATIN
    found: list[tuple[int, int]] = []
    position = 0
    while (hit := anchor.search(text, position)) is not None:
        start = hit.start()
        if anchor is _NON_ASCII and not _NON_LATIN_LETTER.match(text, start):
            position = start + 1  # punctuation, a digit, a mark: in no mixed word
            continue
        while start and _WORD_CHAR.match(text, start - 1):
            start -= 1
        word = _WORD.match(text, start)
        assert word is not None
        if other.search(text, word.start(), word.end()):
            found.append(word.span())
        position = word.end()
    return found


def _only_typographic(text: str) -> bool:
    """Whether every non-ASCII character is punctuation a reader sees as it is: English copy
    set with curly quotes and dashes holds nothing else, and then needs no character-by-
    character look."""
    return _typeset_bytes(text) is not None


def _typeset_bytes(text: str) -> bytes | None:
    """The text's UTF-8 when its only non-ASCII characters are `_TYPOGRAPHIC`, else None.
    (Asked of the few non-ASCII characters alone: the UTF-8 with its ASCII bytes deleted,
    both at memory speed.)"""
    encoded = text.encode()
    rest = encoded.translate(None, _ASCII_BYTES).decode()
    return None if rest.translate(_WITHOUT_TYPOGRAPHIC) else encoded


@by_identity(4)  # the soldier, anonymous-source and house-style rules read one body
def lower_case(text: str) -> str:
    """`text.lower()`, twice as fast for typeset copy: a text with curly quotes or dashes is
    stored two bytes a character, and lower-casing it looks every character up, while its
    letters, all ASCII, lower-case in its UTF-8 bytes at memory speed."""
    if text.isascii():
        return text.lower()
    encoded = _typeset_bytes(text)
    return text.lower() if encoded is None else encoded.lower().decode()


def _find_ascii_markup(text: str, position: int) -> re.Match[str] | None:
    """`_find_markup` for a text whose only non-ASCII characters are `_TYPOGRAPHIC`."""
    return _find_markup(text, position, _ASCII_MARKUP_START)


def _find_special(text: str, position: int) -> re.Match[str] | None:
    """The next non-ASCII character `normalise` rewrites, with its combining marks."""
    while (hit := _ATTENTION.search(text, position)) is not None:
        found = _special_at(text, hit.start(), position)
        if found is not None:
            return found
        position = hit.end()
    return None


def _special_at(text: str, start: int, position: int) -> re.Match[str] | None:
    """Cyrillic letters are copied as they are; one that a combining mark follows (и and a
    breve for й) is taken with its marks, to be composed. None for a character a reader sees
    as it is (curly quotes, dashes: the common non-ASCII of English copy)."""
    if start > position and _COMBINING.match(text, start) \
            and "\u0400" <= text[start - 1] <= "\u04ff":
        start -= 1
    found = _SPECIAL.match(text, start)
    if found is not None and found.end() - start == 1 and _fold_char(found.group()) == \
            found.group():
        return None
    return found


def _find_markup(text: str, position: int, starts: re.Pattern[str] = _MARKUP_START
                 ) -> re.Match[str] | None:
    """The next stretch `normalise` rewrites in the reader's view: an HTML comment, an
    entity, an emphasis, code or table mark, or a non-ASCII character with its marks."""
    while True:
        hit = starts.search(text, position)
        if hit is None:
            return None
        start = hit.start()
        char = text[start]
        if char == "<":
            found = _COMMENT.match(text, start)
        elif char == "&":
            found = _ENTITY.match(text, start)
        elif char in "*_`~|":
            return hit
        else:
            found = _special_at(text, start, position)
        if found is not None:
            return found
        position = start + 1  # a "<" or "&" that begins nothing, a character left as it is


# A line break inside a paragraph is a space on the page (Markdown's soft break), and copy is
# often wrapped at a fixed width: a name cut by the end of a line ("drone operator Stepan\n
# Kharytonenko") reads as one, inside a block quote too ("> ... Stepan\n> Kharytonenko").
# The breaks a name could cross are those after a word or a full stop and before a capital;
# found from the line break, which the engine skips to at memory speed. The line before must
# not be one that ends its block whatever follows (a heading, a table row), and a quote
# marker after the break continues only a quote (after a plain line it opens one).
# The capitals that can open a name, as a character class's contents (Latin, Cyrillic).
CAPITALS = "A-ZÀ-ÞА-ЯІЇЄҐ"
_SOFT_BREAK = re.compile(rf"\n(?<=\S\n)(?=([ \t]*(?:>[ \t]*)*)[{CAPITALS}])")
_BLOCK_LINE = re.compile(r"[ \t]{0,3}[#|]")
_QUOTED_LINE = re.compile(r"[ \t]{0,3}>")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*(?:>[ \t]*)*")


def soft_breaks_as_spaces(normal: Normalised) -> Normalised:
    """`normal` with each line break inside a paragraph that a name could cross (and the
    quote markers after it) read as the spaces they are on the page (offsets do not move);
    `normal` itself when there is none."""
    text = normal.text
    blanks: list[tuple[int, int]] = []
    for match in _SOFT_BREAK.finditer(text):
        at = match.start()
        line = text.rfind("\n", 0, at) + 1
        if _BLOCK_LINE.match(text, line):
            continue
        if ">" in match.group(1) and not _QUOTED_LINE.match(text, line):
            continue
        blanks.append((at, match.end(1)))
    if not blanks:
        return normal
    pieces: list[str] = []
    position = 0
    for start, stop in blanks:
        pieces += [text[position:start], text[start:stop].replace("\n", " ").replace(">", " ")]
        position = stop
    pieces.append(text[position:])
    return replace(normal, text="".join(pieces))


def as_shown(text: str) -> str:
    """Words of the original text as a finding quotes them: on one line, as the page shows
    them."""
    return _LINE_BREAK.sub(" ", text) if "\n" in text else text

"""The reader's view of a text, checked against a slow and obvious reference.

`normalise` finds what it rewrites with single character classes and looks for words that mix
scripts from the rarer script only; the reference below tries one alternation at every offset
and asks every word. Both must give the same text, the same map back to the original, the same
mixed words and the same comments, whatever the text.
"""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.rules.text import normalise as module
from newsdesk.rules.text.normalise import as_shown, normalise, soft_breaks_as_spaces

_REFERENCE_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|[*_`~|]|[^\x00-\x7f][\u0300-\u036f]*", re.DOTALL)
_REFERENCE_SPECIAL = re.compile(r"[^\x00-\x7f][\u0300-\u036f]*")


def _cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def reference(text: str, markup: bool) -> tuple[str, list[int], list[tuple[int, int]],
                                                list[tuple[int, int]]]:
    """(text, origin of every offset, mixed words, comments), the slow way."""
    pattern = _REFERENCE_MARKUP if markup else _REFERENCE_SPECIAL
    pieces: list[tuple[str, int, bool]] = []  # (text, source, exact)
    comments: list[tuple[int, int]] = []
    position = 0
    match = pattern.search(text)
    while match is not None:
        start, end = match.span()
        token = match.group()
        pieces.append((text[position:start], position, True))
        if len(token) == 1 and _cyrillic(token):
            pieces.append((token, start, True))  # a Cyrillic letter stays itself
        elif token.startswith("<!--"):
            comments.append((start, end))
            pieces.append((" ", start, True))
        elif token.startswith("&"):
            decoded = html.unescape(token)
            pieces.append((module._fold_char(decoded) if decoded > "\x7f" else decoded,
                           start, False))
        elif token in "*_`~":
            pass
        elif token == "|":
            pieces.append((" ", start, True))
        elif token in module._BLANK:
            pieces.append(("" if text[end:end + 1].islower() else " ", start, True))
        else:
            pieces.append((module._fold_char(token), start, False))
        position = end
        match = pattern.search(text, position)
    pieces.append((text[position:], position, True))
    normal = ""
    origin: list[int] = []
    for piece, source, exact in pieces:
        for offset, _ in enumerate(piece):
            origin.append(source + offset if exact else source)
        normal += piece
    mixed = [w.span() for w in re.finditer(r"\w+", normal)
             if re.search(r"[A-Za-z]", w.group()) and re.search(r"[^\W\dA-Za-z_]", w.group())]
    for start, end in mixed:
        value = normal[start:end]
        cyrillic = len(re.findall(r"[\u0400-\u04ff]", value))
        table = module._TO_CYRILLIC if cyrillic > len(re.findall(r"[A-Za-z]", value)) \
            else module._HOMOGLYPHS
        normal = normal[:start] + value.translate(table) + normal[end:]
    return normal, origin, mixed, comments


PIECES = ["a", "B", "kyiv", " ", "\n", "Петренко", "Пeтренко", "й", "и\u0306", "\u0301", "«", "–",
          "é", "’", "“", "—", "\u00a0", "\u200b", "\u2800", "\u3164", "*", "_", "`", "~", "|",
          "<!-- hidden -->", "<", "&nbsp;", "&#32;", "&amp", "&", "x1б", "a٣", "²", "Ｋｏ",
          "𝐒𝐞𝐫𝐡𝐢𝐢", "Ševchenko", "1"]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.booleans())
def test_the_fast_reader_agrees_with_the_slow_reference(text: str, markup: bool) -> None:
    normal = normalise(text, markup=markup)
    expected, origin, mixed, comments = reference(text, markup)
    assert normal.text == expected
    assert [normal.origin(i) for i in range(len(normal.text))] == origin
    assert list(normal.mixed) == mixed
    assert list(normal.comments) == comments


@given(st.lists(st.sampled_from(["Петро", "Пeтро", "Kyiv", "Kиїв", " ", "’", "FPV", "5"]),
                max_size=60).map("".join))
def test_mixed_words_are_the_same_found_from_either_script(text: str) -> None:
    # English copy is searched from its non-ASCII characters, Ukrainian from its Latin
    # letters: each must find every word that mixes the two
    from_other = module._words_holding_both(text, module._NON_ASCII)
    from_latin = module._words_holding_both(text, module._LATIN)
    every = [w.span() for w in re.finditer(r"\w+", text)
             if re.search(r"[A-Za-z]", w.group()) and re.search(r"[^\W\dA-Za-z_]", w.group())]
    assert from_other == from_latin == every


def test_a_cyrillic_letter_split_from_its_mark_is_composed() -> None:
    normal = normalise("Андріи\u0306 and Кии\u0306")
    assert normal.text == "Андрій and Кий"
    assert normal.mixed == []


def test_curly_quotes_and_dashes_do_not_mix_scripts() -> None:
    text = "“Kovalenko’s unit” — said Пeтренко"
    normal = normalise(text, markup=True)
    assert normal.text == "“Kovalenko’s unit” — said Петренко"
    assert [text[a:b] for a, b in normal.mixed] == ["Пeтренко"]


def test_markup_and_other_scripts_are_found_by_one_class() -> None:
    # the class is spelt by what it leaves out; it must be exactly the markup marks and every
    # character that is neither ASCII nor Cyrillic
    for code in range(0x110000):
        char = chr(code)
        expected = char in module._MARKUP_CHARS or (code > 0x7F and not 0x400 <= code <= 0x4FF)
        assert bool(module._MARKUP_START.match(char)) == expected, hex(code)


def test_typographic_punctuation_is_seen_as_it_is() -> None:
    # copy whose only non-ASCII characters are these takes the plain-text path: each must be
    # left as it is by the full reading and be no letter (never part of a mixed word)
    for char in module._TYPOGRAPHIC:
        assert module._fold_char(char) == char
        assert not char.isalnum()


@given(st.lists(st.sampled_from(["Kyiv", "SGT", " ", "’", "“", "—", "«", "Петро", "É", "&amp;",
                                 "*"]), max_size=30).map("".join), st.booleans())
def test_lower_case_is_the_texts_own(text: str, markup: bool) -> None:
    normal = normalise(text, markup=markup)
    assert normal.lowered == normal.text.lower()


@given(st.lists(st.sampled_from(["Kyiv", "SGT", " ", "’", "“", "—", "«", "»", "–", "‘", "”",
                                 "Петро", "É", "İ", "ẞ", "\u2000", "ΣΑΣ"]),
                max_size=30).map("".join))
def test_fast_lower_case_is_str_lower(text: str) -> None:
    # typeset copy is lower-cased through its bytes, any other text by str.lower
    assert module.lower_case(text) == text.lower()


def test_a_text_lower_cased_again_is_not_lower_cased_twice() -> None:
    body = "Sgt. Ivan Petrenko’s crew — at dawn"
    first = module.lower_case(body)
    assert module.lower_case(body) is first
    # an equal text that is another object is lower-cased afresh, to the same result
    other = "".join([body[:5], body[5:]])
    assert other is not body and module.lower_case(other) == first


def test_a_line_break_inside_a_paragraph_before_a_capital_is_a_space() -> None:
    text = "drone operator Stepan\nKharytonenko and\n  Lt.\nOleh said, and\nthen left"
    joined = soft_breaks_as_spaces(normalise(text, markup=True))
    assert joined.text == "drone operator Stepan Kharytonenko and   Lt. Oleh said, and\nthen left"


def test_breaks_that_end_a_block_stay() -> None:
    for text in ("Shells fell.\n\nOleh said", "## A heading\nOleh said",
                 "| a | b |\nOleh said", "- one item\n- Two items", "one\n\n  Two"):
        normal = normalise(text, markup=True)
        assert soft_breaks_as_spaces(normal) is normal, text


@given(st.text(alphabet="ab AB.#|>-\n\t", max_size=60))
def test_joining_soft_breaks_moves_no_offset(text: str) -> None:
    normal = normalise(text, markup=True)
    joined = soft_breaks_as_spaces(normal)
    assert len(joined.text) == len(normal.text)
    pairs = zip(normal.text, joined.text, strict=True)
    assert all(a == b or (a in "\n>" and b == " ") for a, b in pairs)
    assert [joined.origin(i) for i in range(len(text))] == \
        [normal.origin(i) for i in range(len(text))]


def test_quoted_words_are_on_one_line() -> None:
    assert as_shown("Stepan\n   Kharytonenko") == "Stepan Kharytonenko"
    assert as_shown("Stepan Kharytonenko") == "Stepan Kharytonenko"


def test_a_name_wrapped_inside_a_block_quote_is_joined_but_a_new_quote_is_not() -> None:
    quoted = normalise("> said Stepan\n> Kharytonenko", markup=True)
    assert soft_breaks_as_spaces(quoted).text == "> said Stepan   Kharytonenko"
    opened = normalise("said Stepan\n> Kharytonenko", markup=True)
    assert soft_breaks_as_spaces(opened) is opened
    assert as_shown("Stepan\n> Kharytonenko") == "Stepan Kharytonenko"

"""Cue phrases of the military lexicon, checked against a slow and obvious reference that
tries every word (the lexicon itself only looks at words that can open a phrase)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.rules.text.military import (
    _LETTERS,
    _MODIFIERS,
    LEXICON,
    Cue,
    Lexicon,
    MilitaryFinder,
)
from newsdesk.rules.text.sentences import Token, tokenize


def reference(lexicon: Lexicon, tokens: list[Token]) -> list[Cue]:
    words = [(i, t) for i, t in enumerate(tokens) if t.kind == "word"]
    found: list[Cue] = []
    position = 0
    while position < len(words):
        index, token = words[position]
        key = token.lower.rstrip("'’")
        if key.endswith(("'s", "’s")):
            key = key[:-2]
        matched = next((phrase for phrase in lexicon.by_first.get(key, ())
                        if lexicon._matches(tokens, words, position, phrase)), None)
        if matched is None or (matched in _MODIFIERS and position + 1 < len(words)
                               and lexicon._role_at(tokens, words, position + 1)):
            position += 1
            continue
        found.append(Cue(lexicon.kind_of[matched], index, words[position + len(matched) - 1][0],
                         matched))
        position += len(matched)
    return found


_WORDS = st.sampled_from([
    "Lt.", "Col.", "lieutenant", "colonel", "general", "major", "chief", "sapper", "head",
    "medic", "drone", "operator", "has", "served", "in", "the", "brigade's", "Brigade",
    "commander’s", "of", "93rd", "Ivan", "Petrenko", "said", ",", ".", "machine", "gunner",
    "machine-gunner", "spokesman", "U.S.", "retired", "captain", "pitch", "scored", "sons'",
    "o'clock", "prisoner", "war", "POW", "tank", "driver", "\n"])


@given(st.lists(_WORDS, max_size=25).map(" ".join))
def test_cues_are_those_found_by_trying_every_word(text: str) -> None:
    tokens = tokenize(text)
    assert LEXICON.cues(tokens) == reference(LEXICON, tokens)


def test_a_title_before_a_role_gives_way_to_the_role() -> None:
    cues = LEXICON.cues(tokenize("the chief sapper and Lt. Col. Petrenko"))
    assert [(c.kind, c.phrase) for c in cues] == [
        ("role", ("sapper",)), ("rank", ("lt", "col"))]


_ALSO = frozenset({"callsign", "call", "sign"})
_PIECES = st.sampled_from([
    "served", " in ", "the", "army", "armyworm", "3rd", "brigade2", "_unit", "drone", " ",
    "operator", "volunteer", "fighter", "missing", "action", "call", "sign", "x", ".", "\n",
    "é", "’", "during", "served during", "medic", "medicine", "pow", "power"])


@given(st.lists(_PIECES, max_size=20).map("".join), st.data())
def test_the_finder_answers_as_splitting_each_sentence(text: str, data: st.DataObject) -> None:
    finder = MilitaryFinder(LEXICON, _ALSO)
    lowered = text.lower()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words = _LETTERS.findall(lowered[start:end])
    expected = LEXICON.may_hold_military(words) or not _ALSO.isdisjoint(words)
    assert finder.holds(lowered[start:end]) == expected

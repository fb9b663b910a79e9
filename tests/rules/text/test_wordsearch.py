"""The one-pass word search the wording rules rely on: whole words only, phrases across any
blank run, every occurrence reported (a missed one would be a missed finding)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.rules.text.wordsearch import Phrases, Substrings


def test_a_key_inside_a_longer_word_is_not_a_whole_word() -> None:
    search = Phrases(["kiev"])
    assert search.find("kievan rus, kiev's mayor, old-kiev") == [
        ("kiev", 12, 16), ("kiev", 30, 34)]


def test_the_words_of_a_phrase_may_be_parted_by_any_blank_run() -> None:
    search = Phrases(["the ukraine", "krivoy rog"])
    text = "in the\n   ukraine and krivoy\trog; not xthe ukraine nor the ukrainex"
    assert search.find(text) == [("the ukraine", 3, 17), ("krivoy rog", 22, 32)]


def test_phrases_sharing_a_last_word_are_each_found() -> None:
    search = Phrases(["chasov yar", "yar"])
    assert search.present("near chasov yar") == {"chasov yar", "yar"}


def test_substrings_report_overlapping_keys_with_their_offsets() -> None:
    search = Substrings(["source", "sources", "anonym"])
    assert search.find("sources, anonymously") == [
        ("source", 0, 6), ("sources", 0, 7), ("anonym", 9, 15)]


def test_offsets_count_characters_not_bytes() -> None:
    search = Phrases(["kiev"])
    text = "«Київ» — kiev"
    [(_, start, end)] = search.find(text)
    assert text[start:end] == "kiev"


WORDS = ["kiev", "odessa", "the ukraine", "lvov", "krivoy rog", "yar"]


@given(st.lists(st.sampled_from([*"ab ,.\n", "kiev", "the", "ukraine", "krivoy", "rog",
                                 "yar", "odessa", "lvov", "  "]), max_size=40).map("".join))
def test_finds_exactly_what_a_word_bounded_pattern_finds(text: str) -> None:
    search = Phrases(WORDS)
    expected = {w for w in WORDS
                if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, w.split())) + r"(?!\w)",
                             text)}
    assert search.present(text) == expected


@given(st.lists(st.sampled_from([*"ab ,.\n", "kiev", "київ", "é", "lvov", "sources"]),
                max_size=30).map("".join))
def test_ascii_and_other_texts_report_every_key_at_its_characters(text: str) -> None:
    # an ASCII text is searched as bytes, any other as text: both must agree with str.find
    keys = ["kiev", "київ", "lvov", "source", "sources"]
    search = Substrings(keys)
    expected = sorted((key, start, start + len(key)) for key in keys
                      for start in range(len(text)) if text.startswith(key, start))
    assert sorted(search.find(text)) == expected


@given(st.lists(st.sampled_from([*"ab ,.?\n", "kiev", "’", "“", "—", "київ", "é", "lvov",
                                 "sources", "\U0001d400"]), max_size=30).map("".join))
def test_ascii_keys_in_any_text_are_found_at_their_characters(text: str) -> None:
    # ASCII keys search a non-ASCII text as bytes with each other character one "?"; a key
    # holding "?" or a non-ASCII character makes the search go through the text instead
    for keys in (["kiev", "lvov", "source", "sources"], ["kiev", "a?b"]):
        search = Substrings(keys)
        expected = sorted((key, start, start + len(key)) for key in keys
                          for start in range(len(text)) if text.startswith(key, start))
        assert sorted(search.find(text)) == expected


def test_the_ascii_shadow_keeps_offsets_and_is_made_once_per_text() -> None:
    from newsdesk.rules.text.wordsearch import ascii_shadow

    text = "«Київ» — Kyiv’s"
    shadow = ascii_shadow(text)
    assert len(shadow) == len(text) and shadow.endswith(b"Kyiv?s")
    assert ascii_shadow(text) is shadow

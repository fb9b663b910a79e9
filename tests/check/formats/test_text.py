"""The human format shows each finding with a window of its source line."""

from __future__ import annotations

from newsdesk.check.formats.text import SNIPPET_WIDTH, snippet


def test_short_line_is_shown_whole_with_the_caret_under_the_column() -> None:
    assert snippet("Sgt. Ivan Petrenko fires.", 6) == ("Sgt. Ivan Petrenko fires.", 5)


def test_a_match_far_into_a_long_line_stays_visible() -> None:
    line = "word " * 200 + "Petrenko" + " tail" * 100
    column = line.index("Petrenko") + 1
    shown, caret = snippet(line, column)
    assert shown[caret:caret + len("Petrenko")] == "Petrenko"
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) <= SNIPPET_WIDTH + 2


def test_a_match_at_the_end_of_a_long_line() -> None:
    line = "x" * 500 + " Koval"
    shown, caret = snippet(line, len(line) - 4)
    assert shown[caret:] == "Koval"
    assert not shown.endswith("…")

"""`contains` is `in`, only faster when a character of the needle is missing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.substring import contains

# small alphabets, so that needles are often found, half-found and missing
_TEXT = st.text(alphabet="ab](<!-\r\n ", max_size=40)


@given(_TEXT, st.text(alphabet="ab](<!-\r\n ", min_size=1, max_size=5))
def test_contains_is_the_in_operator(text: str, needle: str) -> None:
    assert contains(text, needle) == (needle in text)


@pytest.mark.parametrize(("text", "needle", "expected"), [
    ("see [the map](maps/1.png)", "](", True),
    ("a ] and a ( apart", "](", False),  # both characters, not together
    ("no brackets here", "](", False),
    ("line\r\nline", "\r\n", True),
    ("<<<<<<< HEAD", "<<<<<<<", True),
    ("<<<<<< six", "<<<<<<<", False),
])
def test_markers(text: str, needle: str, expected: bool) -> None:
    assert contains(text, needle) is expected

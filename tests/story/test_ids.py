"""Story ids: user input is checked as typed; generated ids are always safe."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.errors import UsageError
from newsdesk.story.ids import MAX_LEN, check_id, id_problem, slugify, unique_id

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize("raw", [
    "../x", "..", "/abs", "a/b", "a\u2215b", "-rf", "--output=x", "ａｂｃ", "ab\u200bc",
    "k\u0456ev", "CON", "Abc", "ab", "a" * 81, "abc-", "a--b", "con", "", " abc", "abc\n",
])
def test_unsafe_ids_are_refused_as_typed(raw: str) -> None:
    assert id_problem(raw) is not None
    with pytest.raises(UsageError, match="invalid story id"):
        check_id(raw)


@pytest.mark.parametrize("raw", ["abc", "kremlin-policy-shift", "a1-b2-c3", "x" * 80])
def test_safe_ids_pass_unchanged(raw: str) -> None:
    assert check_id(raw) == raw


@pytest.mark.parametrize(("headline", "slug"), [
    ("Kremlin says policy shift 'largely aligns'", "kremlin-says-policy-shift-largely-aligns"),
    ("Київ і Харків під обстрілом", "kyiv-i-kharkiv-pid-obstrilom"),
    ("Щедрик у Запоріжжі", "shchedryk-u-zaporizhzhi"),
    ("Москва объявила", "moskva-obyavila"),
    ("Zürich café’s menu", "zurich-cafes-menu"),
])
def test_slugify_transliterates(headline: str, slug: str) -> None:
    assert slugify(headline) == slug


def test_unique_id_adds_a_suffix_on_collision() -> None:
    taken = {"kyiv-news", "kyiv-news-2"}
    assert unique_id("kyiv-news", lambda c: c in taken) == "kyiv-news-3"
    assert unique_id("", lambda c: False) == "story"
    assert unique_id("ab", lambda c: False) == "ab-story"


@given(st.text(max_size=300))
def test_slugify_always_yields_a_safe_id(headline: str) -> None:
    slug = unique_id(slugify(headline), lambda c: False)
    assert SAFE.match(slug) and 3 <= len(slug) <= MAX_LEN
    assert id_problem(slug) is None


@given(st.text(max_size=100))
def test_checked_ids_are_never_normalised(raw: str) -> None:
    if id_problem(raw) is None:
        assert check_id(raw) == raw and SAFE.match(raw)
    else:
        with pytest.raises(UsageError):
            check_id(raw)

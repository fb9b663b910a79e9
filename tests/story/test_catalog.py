"""Search reads only the stories that could match, and finds exactly what reading every story
finds: across folded and escaped YAML, people, and the body."""

from __future__ import annotations

import pytest

from newsdesk.newsroom import Newsroom as Room
from newsdesk.story import catalog
from tests.conftest import Newsroom

FOLDED = """---
id: folded-story
status: draft
headline: >-
  Power returns to
  Kharkiv after the strike
dek: "Engineers\\u2019 night shift in the cold"
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
people:
  - name: Olha Marchenko
    role: civilian
---
The substation crew worked until dawn.
"""


def hits(root: object, text: str) -> list[tuple[str, str, int]]:
    found = catalog.search(Room(root), text, catalog.Filters(), [])  # type: ignore[arg-type]
    return sorted((h.story_id, h.field, h.line) for h in found)


@pytest.mark.parametrize("text", ["returns to kharkiv", "ENGINEERS’ NIGHT", "marchenko",
                                  "substation crew", "kyiv", "snow", "—", "e"])
def test_search_finds_what_reading_every_story_finds(
        sample_newsroom: Newsroom, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sample_newsroom.write("stories/2025/03/folded-story.md", FOLDED)
    quick = hits(sample_newsroom.root, text)
    monkeypatch.setattr(catalog, "_may_hold", lambda raw, words: True)
    assert quick == hits(sample_newsroom.root, text)


def test_a_folded_headline_and_an_escaped_dek_are_found(sample_newsroom: Newsroom) -> None:
    sample_newsroom.write("stories/2025/03/folded-story.md", FOLDED)
    assert ("folded-story", "headline", 4) in hits(sample_newsroom.root, "returns to kharkiv")
    assert ("folded-story", "dek", 7) in hits(sample_newsroom.root, "engineers’ night")


def test_the_quick_look_skips_files_without_every_word() -> None:
    assert not catalog._may_hold(b"headline: Power returns", ["power", "kharkiv"])
    assert catalog._may_hold(b"headline: Power in KHARKIV", ["power", "kharkiv"])
    assert catalog._may_hold(b'dek: "\\u041a"', ["kharkiv"])  # escapes: always read

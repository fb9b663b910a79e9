"""One story checked by a command (submit, approve, the queue): the newsroom's ids are listed
only if the story's rules need them, and the verdicts are those of a whole-newsroom run."""

from __future__ import annotations

from newsdesk.check.validation import build_engine
from newsdesk.newsroom import Newsroom as Room
from tests.conftest import Newsroom

STORY = """---
id: {id}
status: draft
headline: A story
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
related: {related}
---
Body.
"""


def check(root: Room, rel: str) -> list[tuple[str, str]]:
    engine = build_engine(root)
    found = engine.check_file(root.root / rel, rel)
    return sorted((f.rule, f.message) for f in found if f.rule in ("related", "schema"))


def test_a_story_without_related_ids_lists_nothing(newsroom: Newsroom) -> None:
    newsroom.write("stories/2025/03/alone.md", STORY.format(id="alone", related="[]"))
    room = Room(newsroom.root)
    assert check(room, "stories/2025/03/alone.md") == []
    assert room._story_rels is None  # the 100,000-file listing never happened


def test_lazy_ids_give_the_verdicts_of_a_full_listing(newsroom: Newsroom) -> None:
    newsroom.write("stories/2025/03/twin.md", STORY.format(id="twin", related="[]"))
    newsroom.write("stories/2025/04/twin.md", STORY.format(id="twin", related="[]"))
    newsroom.write("stories/2025/04/linked.md",
                   STORY.format(id="linked", related="[twin, no-such-story]"))
    room = Room(newsroom.root)
    lazy = [check(room, rel) for rel in ("stories/2025/03/twin.md", "stories/2025/04/linked.md")]
    full_room = Room(newsroom.root)
    engine = build_engine(full_room, frozenset(full_room.story_ids()))
    full = [sorted((f.rule, f.message) for f in engine.check_file(newsroom.root / rel, rel)
                   if f.rule in ("related", "schema"))
            for rel in ("stories/2025/03/twin.md", "stories/2025/04/linked.md")]
    assert lazy == full
    assert any("also the id of another story file" in m for _, m in lazy[0])
    assert any("no-such-story" in m for _, m in lazy[1])

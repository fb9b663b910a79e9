"""The round-trip guarantee: a change to a field changes that field's lines only."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import pytest

from newsdesk.story.reader import parse
from newsdesk.story.writer import render_new, update_front_matter
from tests.conftest import FIXTURES

WHEN = dt.datetime(2025, 3, 5, 8, 0, tzinfo=dt.UTC)


def publish(data: Any) -> None:
    data["status"] = "published"
    data["updated"] = WHEN
    data["published_at"] = WHEN
    data["corrections"].append({"date": WHEN, "text": "An earlier version misspelled a name."})


def test_golden_file_roundtrip_changes_only_the_changed_fields() -> None:
    before = (FIXTURES / "roundtrip" / "before.md").read_bytes()
    expected = (FIXTURES / "roundtrip" / "after.md").read_text(encoding="utf-8")
    parsed = parse(before)
    out = update_front_matter(parsed.source, publish)
    assert out == expected, "".join(difflib.unified_diff(
        expected.splitlines(True), out.splitlines(True)))


def test_changed_lines_are_exactly_the_changed_fields() -> None:
    before = (FIXTURES / "roundtrip" / "before.md").read_text(encoding="utf-8")
    parsed = parse(before.encode())
    out = update_front_matter(parsed.source, lambda d: d.__setitem__("status", "review"))
    removed = [line for line in difflib.ndiff(before.splitlines(), out.splitlines())
               if line.startswith(("- ", "+ "))]
    assert removed == ["- status: draft", "+ status: review"]


@pytest.mark.parametrize(("bom", "newline"), [(False, "\r\n"), (True, "\n"), (True, "\r\n")])
def test_bom_and_line_endings_are_kept(bom: bool, newline: str) -> None:
    text = (FIXTURES / "roundtrip" / "before.md").read_text(encoding="utf-8")
    raw = (("\ufeff" if bom else "") + text.replace("\n", newline)).encode()
    parsed = parse(raw)
    out = parsed.source.encode(update_front_matter(parsed.source, publish))
    expected_text = (FIXTURES / "roundtrip" / "after.md").read_text(encoding="utf-8")
    expected = (("\ufeff" if bom else "") + expected_text.replace("\n", newline)).encode()
    assert out == expected


def test_new_story_text_reads_back_without_anchors() -> None:
    text = render_new({"id": "abc", "created": WHEN, "updated": WHEN, "tags": [],
                       "headline": "It's: a \"test\" #1"}, "\nBody\n")
    parsed = parse(text.encode())
    assert parsed.loaded.data["headline"] == "It's: a \"test\" #1"
    assert parsed.loaded.data["created"] == WHEN == parsed.loaded.data["updated"]
    assert "&" not in text and "tags: []" in text
    assert parsed.source.body == "\nBody\n"


def test_text_that_yaml_11_would_misread_is_quoted_when_written() -> None:
    tricky = ["NO", "yes", "1.10", "2025-03-04", "null", "~", "0x1F", "on"]
    text = render_new({"id": "abc", "created": WHEN, "tags": tricky}, "")
    assert parse(text.encode()).loaded.data["tags"] == tricky
    parsed = parse(text.encode())
    edited = update_front_matter(parsed.source, lambda d: d.__setitem__("dek", "Off"))
    assert parse(edited.encode()).loaded.data["dek"] == "Off"
    assert "dek: 'Off'" in edited


# --- a transition's fields written in place ---------------------------------------------------

TRANSITIONS: list[dict[str, Any]] = [
    {"status": "review", "updated": WHEN},  # submit
    {"status": "published", "updated": WHEN, "published_at": WHEN},  # approve
    {"status": "draft", "updated": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)},
]


def _both_ways(raw: bytes, values: dict[str, Any]) -> tuple[str, str, bool]:
    """The text `set_fields` writes, the text the round-trip writer writes, and whether the
    lines were written in place."""
    from newsdesk.story.writer import _set_lines, set_fields

    parsed = parse(raw)
    quick = _set_lines(parse(raw), values) is not None
    fields = set_fields(parse(raw), values).source.text

    def change(data: Any) -> None:
        for key, value in values.items():
            data[key] = value

    return fields, update_front_matter(parsed.source, change), quick


def _stories() -> list[Any]:
    from tests.conftest import CHECKOUT

    found = sorted((FIXTURES / "rules").rglob("*.md")) + sorted(
        (CHECKOUT / "stories").rglob("*.md")) + [FIXTURES / "roundtrip" / "before.md"]
    return [pytest.param(path, id=path.name) for path in found]


@pytest.mark.parametrize("path", _stories())
def test_a_transition_writes_what_the_round_trip_writer_writes(path: Any) -> None:
    """Every fixture and sample story, each kind of transition: byte for byte the text of
    the round-trip writer, in place wherever its fields are one-line entries."""
    raw = path.read_bytes()
    try:
        data = parse(raw).loaded.data
    except Exception:  # a fixture that does not parse is not a story to move
        pytest.skip("does not parse")
    for values in TRANSITIONS:
        fields, round_trip, quick = _both_ways(raw, values)
        assert fields == round_trip
        if isinstance(data, dict) and all(
                isinstance(data.get(key), str | dt.date | type(None)) for key in values) \
                and set(values) <= set(data) and b"#" not in raw and b"\r" not in raw:
            assert quick or b"\n  " in raw, "a plain story was not written in place"


FRONT = """\
---
id: bridge
status: draft
headline: A bridge reopens
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
published_at: null
tags: []
---
Body.
"""


@pytest.mark.parametrize(("old", "new"), [
    ("status: draft\n", "status: draft  # waiting for the photo\n"),
    ("status: draft\n", "status: 'draft'\n"),
    ("status: draft\n", 'status: "draft"\n'),
    ("status: draft\n", "status:    draft\n"),
    ("status: draft\n", "status: >-\n  draft\n"),
    ("status: draft\n", "status:\n  draft\n"),
    ("status: draft\n", "status: draft\n# a note about the headline\n"),
    ("status: draft\n", "status: draft\n\n"),
    ("published_at: null\n", ""),  # approve must add it
    ("published_at: null\n", "published_at:\n"),
    ("published_at: null\n", "published_at: ~\n"),
    ("updated: 2025-03-04T11:02:00Z\n", "updated: 2025-03-04 11:02:00+00:00\n"),
    ("updated: 2025-03-04T11:02:00Z\n", "updated: '2025-03-04T11:02:00Z'\n"),
    ("desk: news\n", "desk: news\nstatus2: x\n"),
    ("tags: []\n", "tags:\n  - status: draft\n"),
    ("id: bridge\n", "id: bridge\r\n"),
])
def test_odd_entries_are_written_as_the_round_trip_writer_writes_them(old: str,
                                                                       new: str) -> None:
    raw = FRONT.replace(old, new, 1).encode()
    for values in TRANSITIONS:
        fields, round_trip, _ = _both_ways(raw, values)
        assert fields == round_trip, "".join(difflib.unified_diff(
            round_trip.splitlines(True), fields.splitlines(True)))


def test_a_plain_story_is_written_in_place_line_for_line() -> None:
    fields, _, quick = _both_ways(FRONT.encode(), TRANSITIONS[1])
    assert quick
    changed = [line for line in difflib.ndiff(FRONT.splitlines(), fields.splitlines())
               if line.startswith(("- ", "+ "))]
    assert changed == ["- status: draft", "+ status: published",
                       "- updated: 2025-03-04T11:02:00Z", "+ updated: 2025-03-05T08:00:00Z",
                       "- published_at: null", "+ published_at: 2025-03-05T08:00:00Z"]

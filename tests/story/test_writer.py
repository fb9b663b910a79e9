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

"""The findings cache behind the review queue, on a real newsroom through the installed CLI:
findings are reused while the story and everything its check asked about hold, and only
then; a check that read another story or every id is never kept; a damaged cache changes
nothing the editor sees."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsdesk.check.story_cache import FILE
from tests.conftest import MINIMAL_STORY, Newsroom

ALPHA = "stories/2025/03/alpha.md"


def _in_review(newsroom: Newsroom, rel: str, story_id: str, extra: str = "") -> None:
    text = MINIMAL_STORY.format(id=story_id).replace("status: draft", "status: review")
    newsroom.write(rel, text.replace("desk: news\n", f"desk: news\n{extra}"))


def _queue(newsroom: Newsroom) -> dict[str, dict[str, int]]:
    result = newsroom.run("review", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {item["id"]: item["findings"] for item in result.json()}


def _validated(newsroom: Newsroom, rel: str) -> dict[str, int]:
    """What validate, without any cache, finds in the story: the queue's counts."""
    result = newsroom.run("validate", rel, "--format", "json", "--no-cache")
    findings = result.json()["findings"]
    return {severity: sum(1 for f in findings if f["severity"] == severity)
            for severity in ("error", "warning", "info")}


def _same_as_validate(newsroom: Newsroom, rel: str, story_id: str) -> dict[str, int]:
    counts = _queue(newsroom)[story_id]
    assert {k: counts[k] for k in ("error", "warning", "info")} == _validated(newsroom, rel)
    return counts


def _kept(newsroom: Newsroom) -> dict[str, Any]:
    with sqlite3.connect(newsroom.root / FILE) as db:
        return dict(db.execute("SELECT rel, findings FROM story").fetchall())


FAKE = 3  # errors the falsified findings claim


def _falsify(newsroom: Newsroom, rel: str) -> None:
    """Make the kept findings of `rel` claim FAKE errors: a queue that shows them used the
    kept findings, one that shows the real count checked the story again."""
    from newsdesk.check.findings import Finding

    fake = [Finding(rel, 1, 1, "related", "error", "fake").record()] * FAKE
    with sqlite3.connect(newsroom.root / FILE) as db:
        assert db.execute("UPDATE story SET findings = ? WHERE rel = ?",
                          (json.dumps(fake), rel)).rowcount == 1


def test_findings_are_reused_while_what_they_depend_on_holds(newsroom: Newsroom) -> None:
    _in_review(newsroom, "stories/2025/04/beta.md", "beta")
    _in_review(newsroom, ALPHA, "alpha", "related: [beta]\n")
    newsroom.commit_all()
    base = _same_as_validate(newsroom, ALPHA, "alpha")["error"]  # a review story needs a dek
    assert base != FAKE and ALPHA in _kept(newsroom)
    _falsify(newsroom, ALPHA)
    assert _queue(newsroom)["alpha"]["error"] == FAKE  # reused: nothing it asked changed

    # the related story goes: the question "does beta exist?" has another answer
    (newsroom.root / "stories/2025/04/beta.md").unlink()
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] == base + 1
    # (a check that looked for a suggestion among every id was not kept) and back: the
    # same bytes and the same answers as when the findings were kept, which are reused
    _in_review(newsroom, "stories/2025/04/beta.md", "beta")
    assert _queue(newsroom)["alpha"]["error"] == FAKE
    (newsroom.root / FILE).unlink()
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] == base

    # a second file with alpha's id: "is alpha held by two files?" has another answer
    _falsify(newsroom, ALPHA)
    newsroom.write("stories/2025/05/alpha.md", (newsroom.root / ALPHA).read_text())
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] == base + 1
    (newsroom.root / "stories/2025/05/alpha.md").unlink()
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] == base

    # the story itself changes
    _falsify(newsroom, ALPHA)
    _in_review(newsroom, ALPHA, "alpha", "related: [beta]\ndek: A dek.\n")
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] == base - 1
    _falsify(newsroom, ALPHA)
    _in_review(newsroom, ALPHA, "alpha", "related: [beta]\n")

    # the roster changes: taras is no longer on staff, so the byline is wrong
    _falsify(newsroom, ALPHA)
    roster = (newsroom.root / "staff.yaml").read_text()
    start = roster.index("  - id: taras-reporter")
    end = roster.index("  - id: iryna-editor")
    newsroom.write("staff.yaml", roster[:start] + roster[end:])
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] > base

    # the settings change: a rule is switched off
    newsroom.write("staff.yaml", roster)
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] == base
    _falsify(newsroom, ALPHA)
    settings = (newsroom.root / "newsdesk.yaml").read_text()
    assert "\n  required-fields:\n" in settings
    newsroom.write("newsdesk.yaml", settings.replace(
        "\n  required-fields:\n", "\n  required-fields:\n    enabled: false\n", 1))
    assert _same_as_validate(newsroom, ALPHA, "alpha")["error"] == base - 1


def test_a_check_that_read_another_story_or_every_id_is_not_kept(newsroom: Newsroom) -> None:
    """A translation's check reads its original, which may change alone; a mistyped
    related id makes the check look through every id for a suggestion: neither is kept."""
    _in_review(newsroom, "stories/2025/03/original.md", "original")
    _in_review(newsroom, "stories/2025/03/translated.md", "translated",
               "language: uk\ntranslation_of: original\n")
    _in_review(newsroom, "stories/2025/03/typo.md", "typo", "related: [orignal]\n")
    newsroom.commit_all()
    queue = _queue(newsroom)
    assert set(queue) == {"original", "translated", "typo"}
    kept = _kept(newsroom)
    assert "stories/2025/03/original.md" in kept
    assert "stories/2025/03/translated.md" not in kept
    assert "stories/2025/03/typo.md" not in kept
    _same_as_validate(newsroom, "stories/2025/03/typo.md", "typo")


def test_a_damaged_cache_changes_nothing_the_editor_sees(newsroom: Newsroom) -> None:
    _in_review(newsroom, "stories/2025/04/beta.md", "beta")
    _in_review(newsroom, ALPHA, "alpha", "related: [beta]\n")
    newsroom.commit_all()
    expected = _queue(newsroom)
    cache = newsroom.root / FILE
    cache.write_bytes(b"not a database at all" * 100)
    assert _queue(newsroom) == expected
    assert ALPHA in _kept(newsroom)  # made again
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE story SET asked = 'garbage', findings = '{\"no\": 1}'")
    assert _queue(newsroom) == expected
    cache.unlink()
    cache.mkdir()  # something else where the cache would be: checked every time
    assert _queue(newsroom) == expected


def test_one_story_shows_its_kept_findings_too(newsroom: Newsroom) -> None:
    """The editor opens a story the queue has just checked (`review ID`, `show`): its
    findings come from the cache while the story is as it was."""
    _in_review(newsroom, "stories/2025/04/beta.md", "beta")
    _in_review(newsroom, ALPHA, "alpha", "related: [beta]\n")
    newsroom.commit_all()

    def shown() -> list[dict[str, Any]]:
        result = newsroom.run("review", "alpha", "--format", "json")
        assert result.returncode == 0, result.stderr
        return [f for f in result.json()["findings"] if f["severity"] == "error"]

    def shown_by_show() -> list[dict[str, Any]]:
        result = newsroom.run("show", "alpha", "--format", "json")
        assert result.returncode == 0, result.stderr
        return [f for f in result.json()["findings"] if f["severity"] == "error"]

    before = shown()
    assert ALPHA in _kept(newsroom) and shown_by_show() == before
    _falsify(newsroom, ALPHA)
    assert [f["message"] for f in shown()] == ["fake"] * FAKE
    assert [f["message"] for f in shown_by_show()] == ["fake"] * FAKE
    _in_review(newsroom, ALPHA, "alpha", "related: [beta]\ntags: [kyiv]\n")
    assert shown() == before == shown_by_show()

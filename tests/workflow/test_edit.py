"""Editing by the workflow's rules, in process (the CLI's editor loop is tested in
tests/cli/test_edit.py): who may, what an edit must keep, the commit, and the rescue of a
refused edit. Real newsrooms in temporary git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import Refused
from newsdesk.newsroom import Newsroom as Library
from newsdesk.workflow import edit
from tests.conftest import EDITOR, OUTSIDER, Newsroom


@pytest.fixture
def story(newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(key, newsroom.env[key])
    rel = newsroom.run("new", "--headline", "Snow in Kyiv").stdout.strip()
    return newsroom.root / rel


def test_a_saved_edit_is_committed_with_a_fresh_updated_time(newsroom: Newsroom,
                                                             story: Path) -> None:
    text = story.read_text()
    updated = next(line for line in text.splitlines() if line.startswith("updated:"))
    story.write_text(text.replace(updated, "updated: 2025-01-01T00:00:00Z"))
    newsroom.commit_all("an older story")
    session = edit.begin(Library(newsroom.root), "snow-in-kyiv")
    assert session.scratch.read_bytes() == story.read_bytes()
    assert "stories/" not in session.scratch.relative_to(newsroom.root).as_posix()
    edited = session.original.replace(b"headline: Snow in Kyiv", b"headline: Deep snow in Kyiv")
    result, problem = edit.check(session, edited)
    assert problem is None and result is not None
    head = newsroom.head()
    edit.save(session, result, edited)
    edit.end(session)
    assert not session.scratch.exists()
    assert newsroom.head() != head
    text = story.read_text()
    assert "headline: Deep snow in Kyiv" in text
    assert "updated: 2025-01-01T00:00:00Z" not in text  # `updated` was refreshed
    assert "updated: 20" in text
    assert newsroom.git("status", "--porcelain") == ""


def test_an_edit_that_breaks_the_story_or_moves_its_status_is_explained(
        newsroom: Newsroom, story: Path) -> None:
    session = edit.begin(Library(newsroom.root), "snow-in-kyiv")
    broken = session.original.replace(b"desk: news", b"desk: [news")
    result, problem = edit.check(session, broken)
    assert result is None and problem is not None
    assert problem.startswith(f"{session.rel}:")
    moved = session.original.replace(b"status: draft", b"status: published")
    result, problem = edit.check(session, moved)
    assert result is None and problem is not None
    assert "the status changes only through the workflow" in problem


def test_a_refused_edit_is_kept_and_the_story_is_not_touched(newsroom: Newsroom,
                                                            story: Path) -> None:
    before = story.read_bytes()
    session = edit.begin(Library(newsroom.root), "snow-in-kyiv")
    with pytest.raises(Refused) as refused:
        edit.refuse(session, b"my unsaved paragraph", "the story does not parse")
    rescued = next((newsroom.root / ".newsdesk" / "rescued").glob("snow-in-kyiv-*.md"))
    assert rescued.read_bytes() == b"my unsaved paragraph"
    assert newsroom.root.joinpath(refused.value.message.rsplit(" ", 1)[1]) == rescued
    assert story.read_bytes() == before


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(newsroom: Newsroom,
                                                            story: Path) -> None:
    session = edit.begin(Library(newsroom.root), "snow-in-kyiv")
    edited = session.original + b"My new paragraph.\n"
    result, _ = edit.check(session, edited)
    assert result is not None
    story.write_bytes(session.original + b"Someone else's paragraph.\n")
    with pytest.raises(Refused, match="changed on disk while you were editing"):
        edit.save(session, result, edited)
    assert story.read_bytes().endswith(b"Someone else's paragraph.\n")


def test_only_an_editor_or_the_byline_may_edit(newsroom: Newsroom, story: Path) -> None:
    newsroom.act_as(EDITOR)
    assert edit.begin(Library(newsroom.root), "snow-in-kyiv").member.id == "olena-editor"
    newsroom.act_as(OUTSIDER)
    with pytest.raises(Exception, match="not on the roster"):
        edit.begin(Library(newsroom.root), "snow-in-kyiv")

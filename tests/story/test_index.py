"""The summary index on real newsrooms: whatever git and the work tree hold, `list` and the
review queue see exactly what reading every story would show, and the index only ever
records committed files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsdesk.cli.validate_cmd import GIT_INDEX_MIN_FILES
from newsdesk.newsroom import Newsroom as Room
from newsdesk.story import index
from newsdesk.story.store import Summary, readable, readable_with_status, summaries
from tests.conftest import EDITOR, Newsroom, in_review, make_nested_newsroom, published

INDEX = Path(".newsdesk") / "cache" / "summaries.sqlite"


def stored(root: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    """Rows of the index file itself, as the last command left it."""
    db = sqlite3.connect(root / INDEX)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def damage(root: Path, sql: str, *args: object) -> None:
    db = sqlite3.connect(root / INDEX)
    try:
        db.execute(sql, args)
        db.commit()
    finally:
        db.close()


@pytest.fixture(autouse=True)
def _git_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process git calls see the test's own git configuration, as the CLI's do."""
    for key in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(key, env[key])


def by_reading(root: Path) -> tuple[list[Summary], list[str]]:
    """What `list` showed before the index: every story read and parsed."""
    problems: list[str] = []
    rows = [Summary.of(item.story, item.rel) for item in readable(Room(root), problems)]
    return rows, problems


def by_index(root: Path, status: str | None = None) -> tuple[list[Summary], list[str]]:
    problems: list[str] = []
    return list(summaries(Room(root), problems, status)), problems


def draft(room: Newsroom, headline: str) -> str:
    result = room.run("new", "--headline", headline)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_index_shows_what_reading_every_story_shows(newsroom: Newsroom) -> None:
    published(newsroom, "Snow in Kyiv")
    in_review(newsroom, "Trains return to Kharkiv")
    draft(newsroom, "A draft about bread")
    assert by_index(newsroom.root) == by_reading(newsroom.root)
    [(tree,)] = stored(newsroom.root, "SELECT value FROM meta WHERE key = 'tree'")
    assert tree == newsroom.git("rev-parse", "HEAD:stories").strip()
    buckets = {bucket for (bucket,) in stored(newsroom.root, "SELECT bucket FROM story")}
    assert buckets == {"draft", "review", "published"}


def test_a_status_reads_only_its_bucket_and_matches_a_filter(newsroom: Newsroom) -> None:
    published(newsroom, "Snow in Kyiv")
    rel = in_review(newsroom, "Trains return to Kharkiv")
    rows, _ = by_index(newsroom.root, "review")
    assert [r.path for r in rows] == [rel]
    everything, _ = by_reading(newsroom.root)
    assert rows == [r for r in everything if r.status == "review"]


def test_a_commit_is_followed_by_reading_only_what_changed(newsroom: Newsroom) -> None:
    rel = in_review(newsroom, "Trains return to Kharkiv")
    by_index(newsroom.root)  # the index now reflects this HEAD
    newsroom.act_as(EDITOR)
    story_id = rel.rsplit("/", 1)[1][:-3]
    assert newsroom.run("review", story_id, "--approve").returncode == 0
    rows, _ = by_index(newsroom.root)
    assert [(r.path, r.status) for r in rows] == [(rel, "published")]
    # moved between buckets, not copied
    assert stored(newsroom.root, "SELECT bucket FROM story WHERE rel = ?", rel) == [
        ("published",)]


def test_work_tree_edits_are_shown_but_never_recorded(newsroom: Newsroom) -> None:
    rel = draft(newsroom, "A draft about bread")
    by_index(newsroom.root)
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("A draft about bread", "Bread, edited"))
    rows, _ = by_index(newsroom.root)
    assert [r.headline for r in rows] == ["Bread, edited"]
    [(record,)] = stored(newsroom.root, "SELECT record FROM story WHERE rel = ?", rel)
    assert "Bread, edited" not in str(record) and "A draft about bread" in str(record)


def test_new_and_deleted_files_in_the_work_tree(newsroom: Newsroom) -> None:
    kept = draft(newsroom, "A draft about bread")
    gone = draft(newsroom, "A draft about water")
    by_index(newsroom.root)
    (newsroom.root / gone).unlink()
    copy = newsroom.root / kept.replace("a-draft-about-bread", "a-copy-of-bread")
    copy.write_text((newsroom.root / kept).read_text().replace(
        "id: a-draft-about-bread", "id: a-copy-of-bread"))
    assert by_index(newsroom.root) == by_reading(newsroom.root)
    assert sorted(r.id for r in by_index(newsroom.root)[0]) == [
        "a-copy-of-bread", "a-draft-about-bread"]


def test_a_broken_story_is_reported_the_same_way(newsroom: Newsroom) -> None:
    rel = draft(newsroom, "A draft about bread")
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("status: draft", "status: [draft"))
    newsroom.commit_all("break it")
    rows, problems = by_index(newsroom.root, "draft")
    assert rows == []
    assert problems == by_reading(newsroom.root)[1]
    assert problems and problems[0].startswith(rel)


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100])
def test_a_damaged_index_file_is_made_again(newsroom: Newsroom, garbage: bytes) -> None:
    in_review(newsroom, "Trains return to Kharkiv")
    by_index(newsroom.root)
    (newsroom.root / INDEX).write_bytes(garbage)
    assert by_index(newsroom.root) == by_reading(newsroom.root)
    damage(newsroom.root, "UPDATE meta SET value = '0000' WHERE key = 'tree'")
    assert by_index(newsroom.root) == by_reading(newsroom.root)


@pytest.mark.parametrize("record", [b"\xff\xfe", "[1, 2]", '{"x": 5}', '[{"id": 1}, null]',
                                    '{"stories/2025/03/x.md": ["b", {"id": 1}, null]}'])
def test_a_damaged_row_is_noticed_even_when_nothing_changed(
        newsroom: Newsroom, record: str | bytes) -> None:
    """A row edited by hand, with the rest of the index current: the index is made again
    from git, never read as 'no stories' or a crash."""
    rel = in_review(newsroom, "Trains return to Kharkiv")
    newsroom.run("new", "--headline", "A draft about bread")
    expected = by_reading(newsroom.root)
    by_index(newsroom.root)
    damage(newsroom.root, "UPDATE story SET record = ? WHERE bucket = 'review'", record)
    assert [r.path for r in by_index(newsroom.root, "review")[0]] == [rel]
    damage(newsroom.root, "UPDATE story SET record = ? WHERE bucket = 'review'", record)
    newsroom.run("new", "--headline", "Another draft")  # the tree moves: an update, not a read
    rows, _ = by_index(newsroom.root)
    assert [r.path for r in rows if r.status == "review"] == [rel]
    assert len(rows) == len(expected[0]) + 1


def test_where_the_index_cannot_be_written_every_story_is_read(newsroom: Newsroom) -> None:
    in_review(newsroom, "Trains return to Kharkiv")
    (newsroom.root / INDEX).parent.mkdir(parents=True, exist_ok=True)
    (newsroom.root / INDEX).mkdir()  # where the file would be: no database can be made
    assert index.stories(Room(newsroom.root)) is None
    assert by_index(newsroom.root) == by_reading(newsroom.root)


def test_the_index_files_of_an_older_newsdesk_are_cleared(newsroom: Newsroom) -> None:
    in_review(newsroom, "Trains return to Kharkiv")
    old = newsroom.root / ".newsdesk" / "cache" / "summaries"
    old.mkdir(parents=True)
    (old / "published.json").write_text("{}")
    assert by_index(newsroom.root) == by_reading(newsroom.root)
    assert not old.exists()


def test_outside_git_every_story_is_read(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "stories").mkdir(parents=True)
    assert index.stories(Room(root)) is None


def test_the_review_queue_reads_only_stories_in_review(newsroom: Newsroom) -> None:
    published(newsroom, "Snow in Kyiv")
    rel = in_review(newsroom, "Trains return to Kharkiv")
    found = [item.rel for item in readable_with_status(Room(newsroom.root), "review")]
    assert found == [rel]


def test_a_newsroom_in_a_folder_of_a_larger_repository(tmp_path: Path,
                                                       env: dict[str, str]) -> None:
    """The index and the warm validate speak git's paths (from the repository's root) and
    newsdesk's (from the newsroom's): a newsroom inside a bigger repository gets both right."""
    _, room = make_nested_newsroom(tmp_path, env)
    rel = draft(room, "A story about Kiev")
    assert by_index(room.root) == by_reading(room.root)
    assert [r.path for r in by_index(room.root, "draft")[0]] == [rel]
    # enough stories for validate's cache and for the blob ids from git's index
    story = (room.root / rel).read_text()
    story_id = rel.rsplit("/", 1)[1][:-3]
    for number in range(GIT_INDEX_MIN_FILES):
        filler = f"filler-{number:03d}"
        room.write(f"stories/2024/01/{filler}.md", story.replace(story_id, filler)
                   .replace("about Kiev", "about Lviv"))
    room.commit_all("an archive")
    first = room.run("validate", "--format", "json").json()
    warm = room.run("validate", "--format", "json").json()
    assert first == warm and [f["rule"] for f in warm["findings"]] == ["house-style"]
    entries = json.loads((room.root / ".newsdesk/cache/validate.json").read_text())["entries"]
    assert entries[rel][0] == room.git("rev-parse", f"HEAD:desk/{rel}").strip()
    path = room.root / rel
    path.write_text(path.read_text().replace("about Kiev", "about Kyiv"))
    assert room.run("validate", "--format", "json").json()["findings"] == []
    [entry] = [r for r in by_index(room.root)[0] if r.path == rel]
    assert entry.headline == "A story about Kyiv"


def test_the_index_made_in_worker_processes_equals_the_one_made_here(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    """Made from nothing, the index is filled by one process a CPU when there are
    thousands of stories: the same rows as made here, broken and linked files included."""
    from newsdesk.git import batch

    published(newsroom, "Snow in Kyiv")
    in_review(newsroom, "Trains return to Kharkiv")
    rel = draft(newsroom, "A draft about bread")
    newsroom.write("stories/2025/03/broken.md", "---\nid: [unclosed\n---\nText.\n")
    (newsroom.root / "stories/2025/03/linked.md").symlink_to(newsroom.root / rel)
    newsroom.commit_all("a broken and a linked file")

    def made() -> list[tuple[object, ...]]:
        (newsroom.root / INDEX).unlink(missing_ok=True)
        by_index(newsroom.root)
        return stored(newsroom.root, "SELECT rel, blob, bucket, record FROM story ORDER BY rel")

    here = made()
    monkeypatch.setattr(batch, "WORKER_MIN_BLOBS", 0)
    monkeypatch.setattr(batch, "_CHUNK", 1)  # more chunks than are let wait at once
    assert made() == here
    assert {bucket for _, _, bucket, _ in here} == {"draft", "review", "published",
                                                   "unreadable"}
    assert by_index(newsroom.root) == by_reading(newsroom.root)

"""The text index on real newsrooms: `search` through it finds exactly what reading every
story finds, whatever git and the work tree hold, while reading only the stories that could
match; a damaged, foreign or stale index is never believed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.git import batch
from newsdesk.newsroom import Newsroom as Room
from newsdesk.story import catalog, textindex
from newsdesk.story.textindex import TextIndex
from tests.conftest import NEWSDESK, Newsroom, make_nested_newsroom, published

INDEX = Path(".newsdesk") / "cache" / "search.sqlite"

ESCAPED = """---
id: {id}
status: draft
headline: "Bakers\\u2019 {word} shift"
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
---
Bread before dawn.
"""


@pytest.fixture(autouse=True)
def _git_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process git calls see the test's own git configuration, as the CLI's do."""
    for key in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(key, env[key])


def found(root: Path, text: str) -> list[tuple[str, str, int, str]]:
    problems: list[str] = []
    hits = catalog.search(Room(root), text, catalog.Filters(), problems)
    return [(h.path, h.field, h.line, h.text) for h in hits] + [("note", p, 0, "")
                                                                  for p in problems]


def by_reading(root: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[
        str, str, int, str]]:
    """What `search` finds reading every story file, as it did before the index."""
    with monkeypatch.context() as patch:
        patch.setattr(TextIndex, "candidates", lambda self, words: None)
        return found(root, text)


def candidates(root: Path, *words: str) -> list[str] | None:
    index = TextIndex.of(Room(root))
    assert index is not None
    return index.candidates(list(words))


def draft(room: Newsroom, headline: str) -> str:
    result = room.run("new", "--headline", headline)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def append(room: Newsroom, rel: str, text: str) -> None:
    path = room.root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def canoe_then_barge(room: Newsroom) -> str:
    """A draft with a canoe, committed and indexed, then edited (not committed) to say
    barge instead."""
    rel = draft(room, "A ferry at dawn")
    append(room, rel, "A lone canoe.\n")
    room.commit_all("a canoe")
    assert candidates(room.root, "canoe") == [rel]
    path = room.root / rel
    path.write_text(path.read_text(encoding="utf-8").replace("canoe", "barge"),
                    encoding="utf-8")
    return rel


SEARCHES = ["snow", "kyiv", "SNOW IN", "ferry", "bakers’ night", "night", "zebra crossing",
            "—", "e", "draft-only", "2025", "k"]


def test_init_makes_the_index_and_search_keeps_it_up_to_date(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (newsroom.root / INDEX).is_file()
    published(newsroom, "Snow in Kyiv")
    rel = draft(newsroom, "A ferry at dawn")
    assert candidates(newsroom.root, "ferry") == [rel]
    with sqlite3.connect(newsroom.root / INDEX) as db:
        tree = db.execute("SELECT value FROM meta WHERE key = 'tree'").fetchone()[0]
    assert tree == newsroom.git("rev-parse", "HEAD:stories").strip()
    for text in SEARCHES:
        assert found(newsroom.root, text) == by_reading(newsroom.root, text, monkeypatch)


def test_only_the_stories_holding_every_word_are_read(newsroom: Newsroom) -> None:
    snow = published(newsroom, "Snow in Kyiv")
    ferry = draft(newsroom, "A ferry in the snow")
    bread = draft(newsroom, "Bread queues in Kharkiv")
    assert candidates(newsroom.root, "snow") == sorted([snow, ferry])
    assert candidates(newsroom.root, "snow", "ferry") == [ferry]
    assert candidates(newsroom.root, "harki") == [bread]  # inside a word
    assert candidates(newsroom.root, "nowhere") == []


def test_the_work_tree_is_always_read_and_never_recorded(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = draft(newsroom, "A ferry at dawn")
    gone = draft(newsroom, "Zebra crossing repainted")
    candidates(newsroom.root, "ferry")  # the index now holds HEAD
    append(newsroom, kept, "A zebra crossing was painted by the pier.\n")
    (newsroom.root / gone).unlink()
    new = "stories/2025/03/bakers-night.md"
    newsroom.write(new, ESCAPED.format(id="bakers-night", word="night"))
    assert candidates(newsroom.root, "zebra") == [new, kept]  # edited, new: read; deleted: not
    assert new in (candidates(newsroom.root, "ferry") or [])  # untracked: always read
    for text in SEARCHES:
        assert found(newsroom.root, text) == by_reading(newsroom.root, text, monkeypatch)
    with sqlite3.connect(newsroom.root / INDEX) as db:
        paths = {p for (p,) in db.execute("SELECT path FROM docs")}
    assert not any("bakers-night" in p for p in paths)  # only committed files are recorded


def test_a_file_git_keeps_out_of_the_work_tree_is_not_searched(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a sparse checkout git keeps committed files out of the work tree without calling
    them deleted; `search` looks at the files that are there, as it always has."""
    rel = draft(newsroom, "A ferry at dawn")
    newsroom.git("update-index", "--skip-worktree", rel)
    (newsroom.root / rel).unlink()
    assert newsroom.git("status", "--porcelain").strip() == ""
    assert candidates(newsroom.root, "ferry") == []
    assert found(newsroom.root, "ferry") == by_reading(newsroom.root, "ferry", monkeypatch) == []


def test_commits_are_followed_file_by_file(newsroom: Newsroom,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rel = canoe_then_barge(newsroom)
    newsroom.commit_all("the canoe becomes a barge")
    assert candidates(newsroom.root, "canoe") == []
    assert candidates(newsroom.root, "barge") == [rel]
    with sqlite3.connect(newsroom.root / INDEX) as db:
        leftovers = db.execute("SELECT value FROM meta WHERE key = 'leftovers'").fetchone()
    assert leftovers == ("1",)  # the old version's words, unreachable
    newsroom.git("rm", "-q", rel)
    newsroom.commit_all("gone")
    assert candidates(newsroom.root, "barge") == []
    for text in SEARCHES:
        assert found(newsroom.root, text) == by_reading(newsroom.root, text, monkeypatch)


def test_a_rewritten_and_collected_history_makes_the_index_again(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tree the index describes can vanish (an amended commit, then `git gc`): the
    index cannot be brought forward from it and is made again, from HEAD's tree."""
    rel = canoe_then_barge(newsroom)
    newsroom.git("commit", "-q", "-a", "--amend", "-m", "a barge")
    newsroom.git("reflog", "expire", "--expire=now", "--all")
    newsroom.git("gc", "-q", "--prune=now")
    assert candidates(newsroom.root, "barge") == [rel]
    assert candidates(newsroom.root, "canoe") == []
    with sqlite3.connect(newsroom.root / INDEX) as db:  # made anew: nothing left over
        assert db.execute("SELECT value FROM meta WHERE key = 'leftovers'").fetchone() == ("0",)
    assert found(newsroom.root, "barge") == by_reading(newsroom.root, "barge", monkeypatch)


def test_escaped_and_linked_story_files_are_always_read(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    escaped = "stories/2025/03/bakers-night.md"
    newsroom.write(escaped, ESCAPED.format(id="bakers-night", word="night"))
    linked = newsroom.root / "stories/2025/03/linked.md"
    linked.symlink_to(newsroom.root / escaped)
    newsroom.commit_all("an escaped story and a link to it")
    assert candidates(newsroom.root, "nowhere") == sorted([escaped, linked.relative_to(
        newsroom.root).as_posix()])
    for text in ("bakers’ night", "nowhere", "bread"):
        assert found(newsroom.root, text) == by_reading(newsroom.root, text, monkeypatch)
    assert any(kind == "note" and "linked.md" in what
               for kind, what, _, _ in found(newsroom.root, "bread"))


def test_a_file_name_that_is_not_utf8_is_indexed_and_found(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    """git keeps a name's bytes; the index keeps them too, and `search` and `list` name the
    file as `validate` does instead of failing."""
    name = os.fsdecode(b"stories/2025/03/bakers-\xffnight.md")
    newsroom.write(name, ESCAPED.format(id="bakers-night", word="ferry").replace("\\u2019", "s"))
    newsroom.commit_all("a badly named story")
    assert candidates(newsroom.root, "ferry") == [name]
    assert found(newsroom.root, "ferry") == by_reading(newsroom.root, "ferry", monkeypatch)
    for args in (["search", "ferry"], ["list"]):
        result = newsroom.run(*args)
        assert "internal error" not in result.stderr and result.returncode in (0, 1), result


def test_the_index_made_in_worker_processes_is_the_one_made_here(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    rels = [draft(newsroom, f"Ferry number {n} at dawn") for n in range(6)]
    newsroom.write("stories/2025/03/bakers-night.md", ESCAPED.format(id="bakers-night",
                                                                    word="night"))
    (newsroom.root / "stories/2025/03/linked.md").symlink_to(newsroom.root / rels[0])
    newsroom.write("stories/2025/03/same-as-first.md", (newsroom.root / rels[0]).read_text())
    newsroom.commit_all("an escaped story, a link and a copy")
    words = sorted({word for path in (newsroom.root / "stories").rglob("*.md")
                    if not path.is_symlink()
                    for word in textindex.words_of(path.read_bytes()) or ()})

    def made() -> tuple[list[tuple[str, int]], list[list[str] | None]]:
        (newsroom.root / INDEX).unlink()
        index = TextIndex.of(Room(newsroom.root))
        assert index is not None and index.update() == 9
        with sqlite3.connect(newsroom.root / INDEX) as db:
            docs = sorted(db.execute("SELECT path, every FROM docs"))
        return docs, [candidates(newsroom.root, word) for word in words]

    here = made()
    monkeypatch.setattr(batch, "WORKER_MIN_BLOBS", 0)
    monkeypatch.setattr(batch, "_CHUNK", 1)  # more chunks than are let wait at once
    assert made() == here
    assert here[0][:3] == [("2025/03/bakers-night.md", 1), ("2025/03/linked.md", 1),
                           ("2025/03/same-as-first.md", 0)]  # always read: escaped, linked


def test_a_word_inside_too_many_words_does_not_narrow(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    ferry = draft(newsroom, "A ferry at dawn")
    draft(newsroom, "Fresh bread")
    monkeypatch.setattr(textindex, "NARROWING_LIMIT", 1)
    assert candidates(newsroom.root, "e") is None  # in "ferry", "fresh", ...: read them all
    assert candidates(newsroom.root, "e", "ferry") == [ferry]  # the rare word narrows
    assert found(newsroom.root, "e") == by_reading(newsroom.root, "e", monkeypatch)


def test_a_long_search_asks_only_its_rarest_words_and_loses_nothing(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    rel = draft(newsroom, "A ferry at dawn")
    draft(newsroom, "Bread at dawn")
    words = sorted(textindex.words_of((newsroom.root / rel).read_bytes()) or ())
    assert len(words) > 12  # more than FTS5 is asked about
    assert rel in (candidates(newsroom.root, *words) or [])
    assert candidates(newsroom.root, *words, "nowhere") == []
    text = " ".join(words[:20])
    assert found(newsroom.root, text) == by_reading(newsroom.root, text, monkeypatch)


def test_a_damaged_or_foreign_index_is_not_believed_and_is_made_again(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    rel = draft(newsroom, "A ferry at dawn")
    file = newsroom.root / INDEX
    file.write_bytes(b"not a database at all" * 100)
    assert candidates(newsroom.root, "ferry") is None
    assert found(newsroom.root, "ferry") == by_reading(newsroom.root, "ferry", monkeypatch)
    room = Room(newsroom.root)
    index = TextIndex.of(room)
    assert index is not None and index.update() == 1
    assert candidates(newsroom.root, "ferry") == [rel]
    with sqlite3.connect(file) as db:  # an index of another folder
        db.execute("UPDATE meta SET value = 'elsewhere' WHERE key = 'scope'")
    assert candidates(newsroom.root, "ferry") is None
    assert index.update() == 1
    assert candidates(newsroom.root, "ferry") == [rel]


def test_leftovers_beyond_the_stories_make_the_index_again(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    rel = draft(newsroom, "A ferry at dawn")
    candidates(newsroom.root, "ferry")
    for word in ("barge", "raft", "canoe"):
        append(newsroom, rel, f"A {word}.\n")
        newsroom.commit_all(word)
        candidates(newsroom.root, "ferry")
    monkeypatch.setattr(textindex, "_LEFTOVER_ALLOWANCE", 2)
    index = TextIndex.of(Room(newsroom.root))
    assert index is not None and index.update() == 1
    with sqlite3.connect(newsroom.root / INDEX) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'leftovers'").fetchone() == ("0",)
        assert db.execute("SELECT MIN(id) FROM docs").fetchone() == (1,)  # numbered anew
    assert candidates(newsroom.root, "canoe") == [rel]


def test_a_newsroom_in_a_folder_of_a_larger_repository(
        tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, room = make_nested_newsroom(tmp_path, env)
    rel = draft(room, "A ferry at dawn")
    assert candidates(room.root, "ferry") == [rel]
    assert found(room.root, "ferry") == by_reading(room.root, "ferry", monkeypatch)


def test_concurrent_searches_bring_the_index_up_to_date_once(newsroom: Newsroom) -> None:
    for n in range(6):
        draft(newsroom, f"Ferry number {n}")
    runs = [subprocess.Popen([NEWSDESK, "search", "ferry"], cwd=newsroom.root,
                             env=newsroom.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(6)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert len({out for out, _ in outputs}) == 1
    assert outputs[0][0].count("[headline]") == 6


@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8"))
       | st.text(st.characters(max_codepoint=127), max_size=200).map(str.encode))
def test_the_fast_ascii_words_are_the_words_search_splits(raw: bytes) -> None:
    text = textindex.folded(raw)
    expected = None if text is None else set(textindex.WORD.findall(text))
    assert textindex.words_of(raw) == expected

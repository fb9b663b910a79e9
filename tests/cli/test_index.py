"""`newsdesk index` and the history index through the installed CLI: `log`, `show` and the
two-person check of `approve` answer the same with the index, without it, and while several
commands bring it up to date at once."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import EDITOR, NEWSDESK, SECOND_EDITOR, Newsroom, in_review, published

INDEX = ".newsdesk/cache/history.sqlite"
TEXT_INDEX = ".newsdesk/cache/search.sqlite"


def test_init_starts_the_history_and_text_indexes(newsroom: Newsroom) -> None:
    assert (newsroom.root / INDEX).is_file()
    assert (newsroom.root / TEXT_INDEX).is_file()


def test_index_makes_every_cache_and_says_what_it_holds(newsroom: Newsroom) -> None:
    published(newsroom)
    (newsroom.root / INDEX).unlink()
    (newsroom.root / TEXT_INDEX).unlink()
    result = newsroom.run("index")
    assert result.returncode == 0, result.stderr
    assert (newsroom.root / INDEX).is_file() and (newsroom.root / TEXT_INDEX).is_file()
    assert "(text index: 1 file)" in result.stdout
    assert (newsroom.root / ".git/objects/info/commit-graphs").is_dir()
    commits = len(newsroom.git("log", "--format=%H", "--", "stories").split())
    assert f"indexed {commits} commits that changed a story and 1 story" in result.stdout
    quiet = newsroom.run("-q", "index")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_log_and_show_say_the_same_with_and_without_the_index(newsroom: Newsroom) -> None:
    story_id = "snow-in-kyiv"
    published(newsroom)
    newsroom.act_as(EDITOR)
    assert newsroom.run("correct", story_id, "-m", "The town is Irpin.").returncode == 0
    with_index = [newsroom.run("log", story_id, "--format", "json").stdout,
                  newsroom.run("show", story_id, "--format", "json").stdout]
    (newsroom.root / INDEX).unlink()
    without = [newsroom.run("log", story_id, "--format", "json").stdout,
               newsroom.run("show", story_id, "--format", "json").stdout]
    assert with_index == without
    actions = [e["action"] for e in newsroom.run("log", story_id, "--format", "json").json()]
    assert [a for a in actions if a] == ["new", "submit", "approve", "correct"]
    assert not (newsroom.root / INDEX).exists()  # a reader never creates it


def test_the_two_person_rule_holds_with_the_index(newsroom: Newsroom) -> None:
    story_id = "snow-in-kyiv"
    rel = in_review(newsroom)
    newsroom.act_as(EDITOR)  # an editor who changes the text cannot approve it
    text = (newsroom.root / rel).read_text(encoding="utf-8")
    newsroom.write(rel, text.replace("\n---\n", "\n---\nAn editor's sentence.\n", 1))
    newsroom.commit_all("tighten the top")
    assert newsroom.run("index").returncode == 0
    refused = newsroom.run("review", story_id, "--approve")
    assert refused.returncode != 0
    assert "two people see every story" in refused.stderr
    newsroom.act_as(SECOND_EDITOR)
    approved = newsroom.run("review", story_id, "--approve")
    assert approved.returncode == 0, approved.stderr


def test_concurrent_readers_bring_the_index_up_to_date_once(newsroom: Newsroom) -> None:
    story_id = "snow-in-kyiv"
    published(newsroom)
    expected = newsroom.run("log", story_id, "--format", "json").stdout
    newsroom.write("notes.txt", "not a story\n")
    newsroom.commit_all("a commit the index has not seen")

    def log(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run([NEWSDESK, "log", story_id, "--format", "json"],
                              cwd=newsroom.root, env=newsroom.env, capture_output=True,
                              text=True, timeout=60, check=False)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(log, range(6)))
    assert [r.returncode for r in results] == [0] * 6, [r.stderr for r in results]
    assert {r.stdout for r in results} == {expected}


def test_a_damaged_index_does_not_break_log(newsroom: Newsroom) -> None:
    story_id = "snow-in-kyiv"
    published(newsroom)
    expected = newsroom.run("log", story_id).stdout
    (newsroom.root / INDEX).write_bytes(b"\x00garbage" * 100)
    result = newsroom.run("log", story_id)
    assert result.returncode == 0 and result.stdout == expected and result.stderr == ""
    assert newsroom.run("index").returncode == 0
    assert newsroom.run("log", story_id).stdout == expected

"""`newsdesk new` through the installed CLI, in real git repositories."""

from __future__ import annotations

import json

import pytest

from tests.conftest import OUTSIDER, Newsroom


def test_new_commits_a_draft_as_the_acting_reporter(newsroom: Newsroom) -> None:
    before = newsroom.head()
    result = newsroom.run("new", "--headline", "Kremlin says policy shift 'largely aligns'")
    assert result.returncode == 0, result.stderr
    rel = result.stdout.strip()
    assert rel.startswith("stories/")
    assert rel.endswith("/kremlin-says-policy-shift-largely-aligns.md")
    text = (newsroom.root / rel).read_text()
    assert "status: draft" in text
    assert "byline:\n  - taras-reporter" in text and "desk: news" in text
    log = newsroom.git("log", "-1", "--format=%an <%ae>|%cn|%s|%(trailers:only,unfold)")
    author, committer, subject, trailers = log.split("|", 3)
    assert author == "Taras Reporter <taras@newsroom.example>"
    assert committer == "Taras Reporter"
    assert "kremlin-says-policy-shift-largely-aligns" in subject
    assert "Newsdesk-Story: kremlin-says-policy-shift-largely-aligns" in trailers
    assert "Newsdesk-Status: draft" in trailers
    files = newsroom.git("diff", "--name-only", before, "HEAD").split()
    assert files == [rel]
    assert newsroom.run("validate", rel).returncode == 0


def test_new_json_output_and_collision_suffix(newsroom: Newsroom) -> None:
    first = newsroom.run("new", "--headline", "Kyiv update", "--format", "json").json()
    second = newsroom.run("new", "--headline", "Kyiv update", "--format", "json").json()
    assert first["id"] == "kyiv-update" and first["status"] == "draft"
    assert second["id"] == "kyiv-update-2"
    assert second["path"].endswith("/kyiv-update-2.md")
    assert (newsroom.root / second["path"]).exists()


def test_new_transliterates_cyrillic_headlines(newsroom: Newsroom) -> None:
    result = newsroom.run("new", "--headline", "Обстріл Харкова", "--format", "json")
    assert result.json()["id"] == "obstril-kharkova"


def test_new_with_desk_byline_and_id(newsroom: Newsroom) -> None:
    result = newsroom.run("new", "--headline", "Front", "--desk", "frontline",
                          "--byline", "olena-editor", "--id", "front-report", "--format", "json")
    assert result.returncode == 0, result.stderr
    text = (newsroom.root / result.json()["path"]).read_text()
    assert "desk: frontline" in text
    assert "  - taras-reporter\n  - olena-editor" in text


@pytest.mark.parametrize("bad", ["../x", "..", "/abs", "a/b", "-rf", "--output=x", "CON",
                                 "ab", "k\u0456ev", "x" * 81, "a\u2215b"])
def test_unsafe_ids_are_refused_before_anything_happens(newsroom: Newsroom, bad: str) -> None:
    before, head = newsroom.snapshot(), newsroom.head()
    result = newsroom.run("new", "--headline", "Hi", f"--id={bad}")
    assert result.returncode == 2
    assert "invalid story id" in result.stderr and "Traceback" not in result.stderr
    assert newsroom.snapshot() == before and newsroom.head() == head


@pytest.mark.parametrize(("args", "words"), [
    (["--desk", "sports"], "unknown desk 'sports'"),
    (["--byline", "nobody-here"], "'nobody-here' is not on the roster"),
    (["--id", "kyiv-update"], "already exists"),
])
def test_bad_arguments_are_refused_cleanly(newsroom: Newsroom, args: list[str],
                                           words: str) -> None:
    newsroom.run("new", "--headline", "Kyiv update")
    before, head = newsroom.snapshot(), newsroom.head()
    result = newsroom.run("new", "--headline", "Another", *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert newsroom.snapshot() == before and newsroom.head() == head


def test_an_id_that_differs_only_in_case_is_taken(newsroom: Newsroom) -> None:
    """On a case-insensitive checkout `Kyiv-Update.md` and `kyiv-update.md` are one file, so
    a new story never takes an id an existing file holds in another case."""
    newsroom.write("stories/2024/11/Kyiv-Update.md", "---\nid: Kyiv-Update\n---\n")
    newsroom.commit_all("a file from a careless import")
    result = newsroom.run("new", "--headline", "Kyiv update")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("/kyiv-update-2.md")
    refused = newsroom.run("new", "--headline", "Another", "--id", "kyiv-update")
    assert refused.returncode == 2 and "already exists" in refused.stderr


def test_someone_not_on_the_roster_cannot_create(newsroom: Newsroom) -> None:
    newsroom.act_as(OUTSIDER)
    head = newsroom.head()
    result = newsroom.run("new", "--headline", "Hi")
    assert result.returncode == 2
    assert "someone@elsewhere.example is not on the roster" in result.stderr
    assert newsroom.head() == head
    # ...but can still read and validate.
    assert newsroom.run("list").returncode == 0
    assert newsroom.run("validate").returncode == 0


def test_missing_headline_off_a_terminal_is_a_usage_error(newsroom: Newsroom) -> None:
    result = newsroom.run("new", input="")
    assert result.returncode == 2
    assert "--headline is required" in result.stderr


def test_new_leaves_unrelated_dirty_files_alone(newsroom: Newsroom) -> None:
    newsroom.write("notes.txt", "private notes\n")
    newsroom.write("staff.yaml", (newsroom.root / "staff.yaml").read_text() + "# edited\n")
    newsroom.git("add", "notes.txt")
    result = newsroom.run("new", "--headline", "Only mine")
    assert result.returncode == 0, result.stderr
    committed = newsroom.git("show", "--name-only", "--format=", "HEAD").split()
    assert committed == [result.stdout.strip()]
    status = newsroom.git("status", "--porcelain")
    assert "A  notes.txt" in status and " M staff.yaml" in status


def test_list_json_after_new(newsroom: Newsroom) -> None:
    newsroom.run("new", "--headline", "One")
    rows = json.loads(newsroom.run("list", "--format", "json").stdout)
    assert [(r["id"], r["status"], r["byline"]) for r in rows] == [
        ("one", "draft", ["taras-reporter"])]

"""The editor's queue and the review view with its diff since the last submission."""

from __future__ import annotations

import re

from tests.conftest import EDITOR, REPORTER, Newsroom, make_publishable


def submitted(newsroom: Newsroom, headline: str) -> str:
    newsroom.act_as(REPORTER)
    rel = newsroom.run("new", "--headline", headline).stdout.strip()
    make_publishable(newsroom, rel)
    assert newsroom.run("submit", rel.rsplit("/", 1)[1][:-3]).returncode == 0
    return rel


def test_queue_lists_stories_in_review_oldest_first(newsroom: Newsroom) -> None:
    submitted(newsroom, "First in")
    rel = newsroom.run("new", "--headline", "Still a draft").stdout.strip()
    assert rel
    second = submitted(newsroom, "Second in")
    (newsroom.root / second).write_text((newsroom.root / second).read_text().replace(
        "Kyiv woke", "Kiev woke"))
    newsroom.commit_all("typo")
    newsroom.act_as(EDITOR)
    queue = newsroom.run("review", "--format", "json").json()
    assert [item["id"] for item in queue] == ["first-in", "second-in"]
    assert queue[0]["desk"] == "news" and queue[0]["byline"] == ["taras-reporter"]
    assert queue[0]["findings"] == {"error": 0, "warning": 0, "info": 0, "suppressed_error": 0}
    assert queue[1]["findings"]["warning"] == 1
    assert queue[0]["waiting_seconds"] >= queue[1]["waiting_seconds"] >= 0
    text = newsroom.run("review").stdout.splitlines()
    assert text[0].startswith("first-in") and "[clean]" in text[0]
    assert "[1 warning]" in text[1]


def test_review_view_shows_what_changed_since_the_last_submission(newsroom: Newsroom) -> None:
    rel = submitted(newsroom, "Changing story")
    newsroom.act_as(EDITOR)
    first = newsroom.run("review", "changing-story")
    assert first.returncode == 0
    assert "first submission" in first.stdout
    assert newsroom.run("review", "changing-story", "--request-changes", "-m",
                        "Say when the snow started.").returncode == 0
    newsroom.act_as(REPORTER)
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("Kyiv woke to snow and silence.",
                                             "Kyiv woke to snow and silence at 5 a.m."))
    newsroom.commit_all("add the time")
    assert newsroom.run("submit", "changing-story").returncode == 0
    newsroom.act_as(EDITOR)
    view = newsroom.run("review", "changing-story")
    assert view.returncode == 0
    assert "-Kyiv woke to snow and silence.\n" in view.stdout
    assert "+Kyiv woke to snow and silence at 5 a.m.\n" in view.stdout
    assert "request-changes by Olena Editor" in view.stdout
    assert "Say when the snow started." in view.stdout
    data = newsroom.run("review", "changing-story", "--format", "json").json()
    assert "+Kyiv woke to snow and silence at 5 a.m." in data["diff"]
    assert data["comments"][0]["comment"] == "Say when the snow started."
    # one clock for people and one for machines, whatever the committer's time zone
    when = data["comments"][0]["when"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", when), when
    queue = newsroom.run("review", "--format", "json").json()
    assert queue and all(item["submitted"].endswith("Z") for item in queue)
    shown = f"on {when[:10]} {when[11:16]} UTC: Say when the snow started."
    assert shown in view.stdout
    logged = newsroom.run("log", "changing-story", "--format", "json").json()
    assert all(entry["when"].endswith("Z") for entry in logged)
    assert f"{when[:10]} {when[11:16]} UTC" in newsroom.run("log", "changing-story").stdout

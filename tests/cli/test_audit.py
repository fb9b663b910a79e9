"""`newsdesk audit` catches statuses reached outside the workflow."""

from __future__ import annotations

from tests.conftest import EDITOR, REPORTER, SECOND_EDITOR, Newsroom, make_publishable


def test_clean_history_passes(newsroom: Newsroom) -> None:
    rel = newsroom.run("new", "--headline", "Proper story").stdout.strip()
    make_publishable(newsroom, rel)
    newsroom.run("submit", "proper-story")
    newsroom.act_as(EDITOR)
    assert newsroom.run("review", "proper-story", "--approve").returncode == 0
    result = newsroom.run("audit")
    assert result.returncode == 0, result.stdout
    assert "1 stories audited: 0 problems" in result.stdout


def test_hand_forged_published_status_is_caught(newsroom: Newsroom) -> None:
    rel = newsroom.run("new", "--headline", "Forged story").stdout.strip()
    make_publishable(newsroom, rel)
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("status: draft", "status: published"))
    newsroom.commit_all("publish it myself")
    result = newsroom.run("audit", "--format", "json")
    assert result.returncode == 1
    [problem] = result.json()["problems"]
    assert problem["id"] == "forged-story" and problem["status"] == "published"
    assert "without a newsdesk transition" in problem["message"]
    assert problem["commit"] == newsroom.head()


def test_self_approval_with_forged_trailers_is_caught(newsroom: Newsroom) -> None:
    rel = newsroom.run("new", "--headline", "Self approved").stdout.strip()
    make_publishable(newsroom, rel)
    newsroom.run("submit", "self-approved")
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("status: review", "status: published"))
    newsroom.git("add", "-A")
    newsroom.git("commit", "-q", "-m", "newsdesk: approve self-approved: review -> published\n\n"
                 "Newsdesk-Story: self-approved\nNewsdesk-Action: approve\n"
                 "Newsdesk-From: review\nNewsdesk-Status: published")
    result = newsroom.run("audit")
    assert result.returncode == 1
    assert "approve must be made by an editor who is not on the byline" in result.stdout
    assert "(by Taras Reporter <taras@newsroom.example>)" in result.stdout


def test_story_born_published_is_caught(newsroom: Newsroom) -> None:
    newsroom.act_as(SECOND_EDITOR)
    newsroom.write("stories/2025/03/born-published.md", """---
id: born-published
status: published
headline: Born published
desk: news
byline: [iryna-editor]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
---
Body.
""")
    newsroom.commit_all("add")
    result = newsroom.run("audit")
    assert result.returncode == 1
    assert "first appeared with status published" in result.stdout
    newsroom.act_as(REPORTER)

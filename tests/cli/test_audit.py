"""`newsdesk audit` catches statuses reached outside the workflow."""

from __future__ import annotations

from tests.conftest import EDITOR, REPORTER, SECOND_EDITOR, Newsroom, make_publishable


def forge_approval(room: Newsroom, rel: str) -> None:
    """Publish a story in review by hand, under a commit message that copies newsdesk's
    approval and its trailers."""
    story_id = rel.rsplit("/", 1)[1][:-3]
    path = room.root / rel
    path.write_text(path.read_text().replace("status: review", "status: published"))
    room.git("add", "-A")
    room.git("commit", "-q", "-m", f"newsdesk: approve {story_id}: review -> published\n\n"
             f"Newsdesk-Story: {story_id}\nNewsdesk-Action: approve\n"
             "Newsdesk-From: review\nNewsdesk-Status: published")


def test_clean_history_passes(newsroom: Newsroom) -> None:
    rel = newsroom.run("new", "--headline", "Proper story").stdout.strip()
    make_publishable(newsroom, rel)
    newsroom.run("submit", "proper-story")
    newsroom.act_as(EDITOR)
    assert newsroom.run("review", "proper-story", "--approve").returncode == 0
    result = newsroom.run("audit")
    assert result.returncode == 0, result.stdout
    assert "1 story audited: 0 problems" in result.stdout


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
    forge_approval(newsroom, rel)
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


def test_since_judges_only_stories_changed_after_the_commit_over_their_whole_history(
        newsroom: Newsroom) -> None:
    """CI's incremental audit: what changed after the last audited commit is judged as the
    full audit judges it (an approval by someone who wrote the story before that commit is
    still caught); what did not change is not read at all."""
    old = newsroom.run("new", "--headline", "Old forged story").stdout.strip()
    make_publishable(newsroom, old)
    path = newsroom.root / old
    path.write_text(path.read_text().replace("status: draft", "status: published"))
    newsroom.commit_all("publish it myself")  # a problem from before the audited commit
    written = newsroom.run("new", "--headline", "Written before").stdout.strip()
    make_publishable(newsroom, written)
    newsroom.run("submit", "written-before")
    audited = newsroom.head()
    newsroom.act_as(REPORTER)  # the writer forges an approval after the audited commit
    forge_approval(newsroom, written)
    full = newsroom.run("audit", "--format", "json").json()
    since = newsroom.run("audit", "--since", audited, "--format", "json")
    assert since.returncode == 1
    assert [p["id"] for p in since.json()["problems"]] == ["written-before"]
    assert since.json()["stories_checked"] == 1
    assert [p for p in full["problems"] if p["id"] == "written-before"] == \
        since.json()["problems"]
    assert {p["id"] for p in full["problems"]} == {"old-forged-story", "written-before"}


def test_since_nothing_changed_and_bad_references(newsroom: Newsroom) -> None:
    newsroom.run("new", "--headline", "Quiet story")
    result = newsroom.run("audit", "--since", "HEAD")
    assert result.returncode == 0
    assert "0 stories changed since HEAD audited: 0 problems" in result.stdout
    for bad in ("no-such-ref", "--upload-pack=evil"):
        refused = newsroom.run("audit", f"--since={bad}")
        assert refused.returncode == 2, refused.stderr
        assert "--since" in refused.stderr and "Traceback" not in refused.stderr

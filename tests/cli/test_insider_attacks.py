"""Attacks by an insider with push access and plain git, each performed for real in a real
repository, against the installed CLI: the audit catches them, and the CLI refuses what it
must. (docs/security.md says what newsdesk guarantees and what needs the git host.)"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import (
    EDITOR,
    REPORTER,
    SECOND_EDITOR,
    Newsroom,
    in_review,
    make_publishable,
    published,
)


def audit(room: Newsroom) -> tuple[int, list[dict[str, str]]]:
    result = room.run("audit", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, result.json()["problems"]


def forge(room: Newsroom, action: str, story_id: str, source: str | None, target: str,
          comment: str = "") -> None:
    """Commit everything with a message that claims a newsdesk transition, as plain git
    lets anyone do."""
    trailers = [f"Newsdesk-Story: {story_id}", f"Newsdesk-Action: {action}"]
    if source:
        trailers.append(f"Newsdesk-From: {source}")
    trailers.append(f"Newsdesk-Status: {target}")
    body = f"{comment}\n\n" if comment else ""
    room.git("add", "-A")
    room.git("commit", "-q", "-m", f"newsdesk: {action} {story_id}\n\n{body}"
             + "\n".join(trailers))


def set_byline(room: Newsroom, rel: str, *ids: str) -> None:
    path = room.root / rel
    path.write_text(re.sub(r"byline:\n(?:  - .*\n)+|byline: \[.*\]\n",
                           f"byline: [{', '.join(ids)}]\n", path.read_text(), count=1))


def set_status(room: Newsroom, rel: str, old: str, new: str) -> None:
    path = room.root / rel
    path.write_text(path.read_text().replace(f"status: {old}", f"status: {new}"))


def test_a_message_cannot_forge_an_approval_record(newsroom: Newsroom) -> None:
    """Point 1: control characters the old log parser split on, in a reporter's own message,
    shaped like an editor's approval record."""
    room = newsroom
    rel = in_review(room)
    set_status(room, rel, "review", "published")
    fake = (f"{'a' * 40}\x1fOlena Editor\x1folena@newsroom.example\x1f2025-03-04T10:00:00+00:00"
            "\x1fnewsdesk: approve snow-in-kyiv: review -> published\n\nNewsdesk-Story: "
            "snow-in-kyiv\nNewsdesk-Action: approve\nNewsdesk-From: review\n"
            "Newsdesk-Status: published\x1d")
    message = room.root.parent / "message.txt"
    message.write_bytes(f"tidy up\n\n\x1e{fake}\n".encode())
    room.git("add", "-A")
    room.git("commit", "-q", "-F", str(message))
    code, problems = audit(room)
    assert code == 1
    [problem] = problems
    # the message's own trailers claim an approval: the reporter's, which is refused
    assert "approve must be made by an editor" in problem["message"]
    assert "(by Taras Reporter <taras@newsroom.example>)" in problem["message"]
    log = room.run("log", "snow-in-kyiv", "--format", "json").json()
    assert log[-1]["author"] == "Taras Reporter"
    assert not any(entry.get("sha", entry.get("commit")) == "a" * 40 for entry in log)


def test_a_status_change_inside_a_merge_is_judged(newsroom: Newsroom) -> None:
    """Point 2: the branch changes something harmless; the merge itself publishes."""
    room = newsroom
    rel = in_review(room)
    room.git("checkout", "-q", "-b", "side")
    room.write("notes.txt", "harmless\n")
    room.commit_all("notes")
    room.git("checkout", "-q", "-")
    room.git("merge", "-q", "--no-ff", "--no-commit", "side")
    set_status(room, rel, "review", "published")
    room.git("add", "-A")
    room.git("commit", "-q", "-m", "Merge branch 'side'")
    code, problems = audit(room)
    assert code == 1
    assert "without a newsdesk transition" in problems[0]["message"]
    assert problems[0]["commit"] == room.head()


def test_an_editor_who_wrote_the_story_cannot_approve_it_off_the_byline(
        newsroom: Newsroom) -> None:
    """Point 3: take yourself off the byline, approve, and put yourself back."""
    room = newsroom
    room.act_as(EDITOR)
    rel = room.run("new", "--headline", "My own story").stdout.strip()
    make_publishable(room, rel)
    set_byline(room, rel, "olena-editor", "taras-reporter")
    room.commit_all("add Taras")
    assert room.run("submit", "my-own-story").returncode == 0
    set_byline(room, rel, "taras-reporter")
    room.commit_all("byline fix")
    result = room.run("review", "my-own-story", "--approve")
    assert result.returncode == 1 and "you changed its text" in result.stderr
    set_status(room, rel, "review", "published")  # so she approves by hand
    forge(room, "approve", "my-own-story", "review", "published")
    code, problems = audit(room)
    assert code == 1
    assert "olena-editor approved a story they wrote, changed or were on the byline of" \
        in problems[0]["message"]


def test_correct_cannot_republish_unreviewed_text(newsroom: Newsroom) -> None:
    """Point 4: through the CLI (refused) and by hand (caught)."""
    room = newsroom
    rel = published(room)
    path = room.root / rel
    path.write_text(path.read_text().replace("headline: Snow in Kyiv",
                                             "headline: Something else entirely"))
    before, head = room.snapshot(), room.head()
    result = room.run("correct", "snow-in-kyiv", "-m", "Fixed a date.")
    assert result.returncode == 1
    assert f"{rel} has changes that are not committed" in result.stderr
    assert room.snapshot() == before and room.head() == head
    forge(room, "correct", "snow-in-kyiv", None, "published", comment="Fixed a date.")
    code, problems = audit(room)
    assert code == 1
    assert "the correction also changed the story's text" in problems[0]["message"]


def test_a_proper_correction_passes_the_audit(newsroom: Newsroom) -> None:
    room = newsroom
    published(room)
    assert room.run("correct", "snow-in-kyiv", "-m", "Fixed a date.").returncode == 0
    assert audit(room) == (0, [])


def test_the_audit_judges_each_commit_by_the_roster_of_its_time(
        newsroom: Newsroom) -> None:
    """Point 6: an editor who leaves does not turn CI red; a later promotion does not
    legitimise a reporter's self-approval."""
    room = newsroom
    published(room)
    room.act_as(EDITOR)
    staff = room.root / "staff.yaml"
    text = staff.read_text()
    staff.write_text(text[:text.index("  - id: olena-editor")]
                     + text[text.index("  - id: taras-reporter"):])
    room.commit_all("Olena leaves")
    assert audit(room) == (0, [])

    room.act_as(SECOND_EDITOR)
    rel = in_review(room, "Self approved")
    room.act_as(REPORTER)
    set_status(room, rel, "review", "published")
    forge(room, "approve", "self-approved", "review", "published")
    staff.write_text(staff.read_text().replace("role: reporter", "role: editor"))
    room.commit_all("promote Taras")
    code, problems = audit(room)
    assert code == 1
    assert [p["id"] for p in problems] == ["self-approved"]
    assert "approve must be made by" in problems[0]["message"]


def test_deleting_a_published_story_is_caught_and_moves_and_reverts_keep_history(
        newsroom: Newsroom) -> None:
    """Point 7."""
    room = newsroom
    rel = published(room)
    moved = rel.replace("stories/", "stories/1999/01/", 1).split("/")
    moved_rel = "/".join([*moved[:3], moved[-1]])
    (room.root / moved_rel).parent.mkdir(parents=True, exist_ok=True)
    room.git("mv", rel, moved_rel)
    room.git("commit", "-q", "-m", "file it under another month")
    assert audit(room) == (0, [])
    room.git("rm", "-q", moved_rel)
    room.git("commit", "-q", "-m", "withdraw quietly")
    code, problems = audit(room)
    assert code == 1
    assert problems[0]["id"] == "snow-in-kyiv" and problems[0]["status"] == "deleted"
    assert "a kill is the way to withdraw" in problems[0]["message"]
    room.git("revert", "--no-edit", "HEAD")
    assert audit(room) == (0, [])


def test_a_story_over_the_size_limit_is_still_audited(newsroom: Newsroom) -> None:
    """Point 8: the size cap protects validation, never the audit."""
    room = newsroom
    rel = in_review(room)
    path = room.root / rel
    path.write_text(path.read_text().replace("status: review", "status: published")
                    + "A long paragraph. " * 80_000)
    room.commit_all("publish a very long story by hand")
    code, problems = audit(room)
    assert code == 1
    assert problems[0]["id"] == "snow-in-kyiv"


def test_a_committed_file_that_cannot_be_read_is_reported_as_unreadable(
        newsroom: Newsroom) -> None:
    """A story whose front matter is broken cannot be judged: the audit says so, in words
    that fit a file that was committed, and fails."""
    room = newsroom
    room.write("stories/2025/03/broken.md", "---\nid: broken\nstatus: [unclosed\n---\nText.\n")
    room.commit_all("a broken story")
    code, problems = audit(room)
    assert code == 1
    assert [(p["path"], p["status"]) for p in problems] == [
        ("stories/2025/03/broken.md", "unreadable")]
    assert "cannot be read as a story" in problems[0]["message"]
    text = room.run("audit")
    assert text.returncode == 1
    assert text.stdout.splitlines()[0] == (
        "stories/2025/03/broken.md: unreadable: the file cannot be read as a story (newsdesk "
        "validate says why), so no change to it can be judged")


def test_a_shallow_clone_says_so(newsroom: Newsroom, tmp_path: Path) -> None:
    room = newsroom
    published(room)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{room.root}",
                    str(shallow)], check=True, env=room.env)
    result = room.run("audit", cwd=shallow)
    assert result.returncode == 2
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr


def test_permissions_come_from_what_is_committed(newsroom: Newsroom) -> None:
    """Point 9: an uncommitted roster or byline grants nothing."""
    room = newsroom
    rel = in_review(room)
    staff = room.root / "staff.yaml"
    staff.write_text(staff.read_text().replace("role: reporter", "role: editor"))
    before, head = room.snapshot(), room.head()
    result = room.run("review", "snow-in-kyiv", "--approve")
    assert result.returncode == 1
    assert "staff.yaml has changes that are not committed" in result.stderr
    assert room.snapshot() == before and room.head() == head
    room.git("checkout", "--", "staff.yaml")
    room.act_as(EDITOR)
    set_byline(room, rel, "taras-reporter", "olena-editor")
    result = room.run("review", "snow-in-kyiv", "--request-changes", "-m", "x")
    assert result.returncode == 1 and "not committed" in result.stderr


def test_an_approval_is_tied_to_the_text_it_published(newsroom: Newsroom) -> None:
    """Point 10: someone pushes a sentence while the editor approves; replaying the approval
    on top of it (what `sync`'s rebase does) publishes text the editor never saw."""
    room = newsroom
    rel = published(room)
    approval = room.head()
    assert "Newsdesk-Blob: " in room.git("log", "-1", "--format=%B")
    room.git("reset", "-q", "--hard", "HEAD~1")
    room.act_as(REPORTER)
    path = room.root / rel
    path.write_text(path.read_text() + "A sentence nobody reviewed.\n")
    room.commit_all("one more line")
    room.git("cherry-pick", approval)
    assert "A sentence nobody reviewed." in path.read_text()
    code, problems = audit(room)
    assert code == 1
    assert "not the one that was approved" in problems[0]["message"]


def test_the_soldier_rule_cannot_be_silenced_and_editors_see_silenced_errors(
        newsroom: Newsroom) -> None:
    """Point 5: one comment does not hide a soldier's surname from the editor's queue."""
    room = newsroom
    rel = in_review(room)
    path = room.root / rel
    text = path.read_text().replace("status: review", "status: draft")
    path.write_text(text + "<!-- newsdesk: disable-next-line soldier-identification -- "
                    "he agreed -->\nDrone operator Andrii Kovalchuk flies at night.\n")
    room.commit_all("a line for the editor")
    result = room.run("validate", rel)
    assert result.returncode == 1
    assert "names a soldier in full" in result.stdout
    assert "the soldier-identification rule cannot be silenced" in result.stdout
    room.act_as(REPORTER)
    room.run("submit", "snow-in-kyiv")
    room.act_as(EDITOR)
    queue = room.run("review").stdout
    assert "[clean]" not in queue and "error" in queue

    config = room.root / "newsdesk.yaml"
    config.write_text(config.read_text().replace(
        "  soldier-identification:\n", "  soldier-identification:\n    suppressible: true\n", 1))
    room.commit_all("this newsroom allows silencing the soldier rule")
    queue = room.run("review").stdout
    assert "1 suppressed error]" in queue
    view = room.run("review", "snow-in-kyiv").stdout
    assert "names a soldier in full" in view and "suppressed: he agreed" in view


def test_an_editor_who_changed_the_text_cannot_approve_it(newsroom: Newsroom) -> None:
    """The CLI refuses at once what the audit would report: the editor edited the story in
    review, so another editor must approve it."""
    room = newsroom
    rel = in_review(room)
    room.act_as(EDITOR)
    path = room.root / rel
    path.write_text(path.read_text() + "An editor's sentence.\n")
    room.commit_all("tighten the lede")
    before, head = room.snapshot(), room.head()
    result = room.run("review", "snow-in-kyiv", "--approve")
    assert result.returncode == 1
    assert "you changed its text" in result.stderr
    assert room.snapshot() == before and room.head() == head
    room.act_as(SECOND_EDITOR)
    assert room.run("review", "snow-in-kyiv", "--approve").returncode == 0
    assert audit(room) == (0, [])


def test_a_status_trailer_that_disagrees_with_the_file_is_reported(newsroom: Newsroom) -> None:
    rel = newsroom.run("new", "--headline", "Trailer and file").stdout.strip()
    # a submit the table allows (draft -> review by the byline) whose trailer claims more
    set_status(newsroom, rel, "draft", "review")
    forge(newsroom, "submit", "trailer-and-file", "draft", "published")
    result = newsroom.run("audit", "--format", "json")
    assert result.returncode == 1
    messages = [p["message"] for p in result.json()["problems"]]
    assert any("the commit says published but the file says review" in m
               for m in messages), messages

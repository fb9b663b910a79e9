"""Every transition and every refusal, through the installed CLI, in real repositories: the
file, the commit's author, message and trailers, and that a refusal changes nothing."""

from __future__ import annotations

import pytest

from tests.conftest import EDITOR, OUTSIDER, REPORTER, SECOND_EDITOR, Newsroom, make_publishable


def draft(newsroom: Newsroom, headline: str = "Snow in Kyiv", publishable: bool = True) -> str:
    newsroom.act_as(REPORTER)
    rel = newsroom.run("new", "--headline", headline).stdout.strip()
    if publishable:
        make_publishable(newsroom, rel)
    return rel


def last_commit(newsroom: Newsroom) -> dict[str, str]:
    fmt = "%an%x1f%ae%x1f%cn%x1f%s%x1f%b%x1f%(trailers:only,unfold)"
    author, email, committer, subject, body, trailers = newsroom.git(
        "log", "-1", f"--format={fmt}").split("\x1f")
    files = newsroom.git("show", "--name-only", "--format=", "HEAD").split()
    return {"author": author, "email": email, "committer": committer, "subject": subject,
            "body": body.strip(), "trailers": trailers.strip(), "files": " ".join(files)}


def field(newsroom: Newsroom, rel: str, name: str) -> str:
    for line in (newsroom.root / rel).read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip()
    return ""


def test_full_life_of_a_story(newsroom: Newsroom) -> None:
    rel = draft(newsroom)
    result = newsroom.run("submit", "snow-in-kyiv")
    assert result.returncode == 0, result.stderr
    assert "snow-in-kyiv: draft -> review" in result.stdout
    assert field(newsroom, rel, "status") == "review"
    commit = last_commit(newsroom)
    assert commit["author"] == "Taras Reporter" and commit["committer"] == "Taras Reporter"
    assert commit["subject"] == "newsdesk: submit snow-in-kyiv: draft -> review"
    assert "Newsdesk-Story: snow-in-kyiv" in commit["trailers"]
    assert "Newsdesk-Action: submit" in commit["trailers"]
    assert "Newsdesk-From: draft" in commit["trailers"]
    assert "Newsdesk-Status: review" in commit["trailers"]
    assert commit["files"] == rel

    newsroom.act_as(EDITOR)
    result = newsroom.run("review", "snow-in-kyiv", "--request-changes", "-m",
                          "Please name the street.")
    assert result.returncode == 0, result.stderr
    assert field(newsroom, rel, "status") == "draft"
    commit = last_commit(newsroom)
    assert commit["author"] == "Olena Editor" and commit["body"].startswith(
        "Please name the street.")

    newsroom.act_as(REPORTER)
    assert newsroom.run("submit", "snow-in-kyiv").returncode == 0
    newsroom.act_as(EDITOR)
    result = newsroom.run("review", "snow-in-kyiv", "--approve", "-m", "Good to go.")
    assert result.returncode == 0, result.stdout + result.stderr
    assert field(newsroom, rel, "status") == "published"
    assert field(newsroom, rel, "published_at").startswith("20")
    assert field(newsroom, rel, "published_at") == field(newsroom, rel, "updated")

    result = newsroom.run("correct", "snow-in-kyiv", "-m", "An earlier version misnamed "
                          "the street.")
    assert result.returncode == 0, result.stderr
    text = (newsroom.root / rel).read_text()
    assert "corrections:\n  - date: 20" in text
    assert "    text: An earlier version misnamed the street.\n" in text
    assert field(newsroom, rel, "status") == "published"

    result = newsroom.run("kill", "snow-in-kyiv", "-m", "Legal complaint upheld.")
    assert result.returncode == 0, result.stderr
    assert field(newsroom, rel, "status") == "killed"
    assert field(newsroom, rel, "kill_reason") == "Legal complaint upheld."
    assert (newsroom.root / rel).exists()

    log = newsroom.run("log", "snow-in-kyiv", "--format", "json").json()
    actions = [e["action"] for e in log]
    assert actions == ["new", None, "submit", "request-changes", "submit", "approve",
                       "correct", "kill"]
    assert log[3]["comment"] == "Please name the street." and log[3]["author"] == "Olena Editor"
    text_log = newsroom.run("log", "snow-in-kyiv").stdout
    assert "edit (outside newsdesk)" in text_log and "    Please name the street." in text_log
    show = newsroom.run("show", "snow-in-kyiv").stdout
    assert "request-changes by Olena Editor" in show and "Please name the street." in show
    assert "killed because: Legal complaint upheld." in show


def test_approve_is_refused_while_errors_remain(newsroom: Newsroom) -> None:
    rel = draft(newsroom, publishable=False)
    assert newsroom.run("submit", "snow-in-kyiv").returncode == 0  # warns, hands over
    newsroom.act_as(EDITOR)
    before, head = newsroom.snapshot(), newsroom.head()
    result = newsroom.run("review", "snow-in-kyiv", "--approve")
    assert result.returncode == 1
    assert "required-fields" in result.stdout and "cannot be published" in result.stderr
    assert newsroom.snapshot() == before and newsroom.head() == head
    assert field(newsroom, rel, "status") == "review"


def test_submit_shows_findings_but_hands_over(newsroom: Newsroom) -> None:
    draft(newsroom, "Night in Kiev", publishable=False)
    result = newsroom.run("submit", "night-in-kiev")
    assert result.returncode == 0
    assert "house-style" in result.stderr and "the editor will see them" in result.stderr


@pytest.mark.parametrize(("who", "args", "words"), [
    (REPORTER, ["review", "snow-in-kyiv", "--approve"], "an editor who is not on the byline"),
    (EDITOR, ["submit", "snow-in-kyiv"], "cannot submit a story that is review"),
    (EDITOR, ["kill", "snow-in-kyiv", "-m", "x"], "cannot kill a story that is review"),
    (EDITOR, ["correct", "snow-in-kyiv", "-m", "x"], "Possible from review: approve"),
    (REPORTER, ["review", "snow-in-kyiv", "--request-changes", "-m", "x"], "must be made by"),
])
def test_refusals_change_no_byte_and_add_no_commit(newsroom: Newsroom, who: tuple[str, str],
                                                   args: list[str], words: str) -> None:
    draft(newsroom)
    assert newsroom.run("submit", "snow-in-kyiv").returncode == 0
    newsroom.act_as(who)
    before, head = newsroom.snapshot(), newsroom.head()
    result = newsroom.run(*args)
    assert result.returncode == 1, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert newsroom.snapshot() == before and newsroom.head() == head


def test_editor_on_the_byline_cannot_approve(newsroom: Newsroom) -> None:
    newsroom.act_as(EDITOR)
    rel = newsroom.run("new", "--headline", "Editor story").stdout.strip()
    make_publishable(newsroom, rel)
    assert newsroom.run("submit", "editor-story").returncode == 0
    own = newsroom.run("review", "editor-story", "--approve")
    assert own.returncode == 1 and "two people see every story" in own.stderr
    newsroom.act_as(SECOND_EDITOR)
    other = newsroom.run("review", "editor-story", "--approve")
    assert other.returncode == 0, other.stdout + other.stderr
    assert last_commit(newsroom)["author"] == "Iryna Editor"


def test_usage_errors(newsroom: Newsroom) -> None:
    draft(newsroom)
    newsroom.run("submit", "snow-in-kyiv")
    newsroom.act_as(EDITOR)
    head = newsroom.head()
    for args, words in ((["review", "snow-in-kyiv", "--request-changes"], "needs a comment"),
                        (["review", "snow-in-kyiv", "--approve", "--request-changes"],
                         "choose one"),
                        (["review", "--approve"], "need a story id"),
                        (["review", "nope-story", "--approve"], "no story with id")):
        result = newsroom.run(*args)
        assert result.returncode == 2, args
        assert words in result.stderr
    assert newsroom.head() == head


def test_outsider_cannot_transition(newsroom: Newsroom) -> None:
    draft(newsroom)
    newsroom.act_as(OUTSIDER)
    result = newsroom.run("submit", "snow-in-kyiv")
    assert result.returncode == 2 and "not on the roster" in result.stderr


def test_spike_from_draft_and_review(newsroom: Newsroom) -> None:
    rel = draft(newsroom)
    assert newsroom.run("spike", "snow-in-kyiv", "-m", "Overtaken by events").returncode == 0
    assert field(newsroom, rel, "status") == "spiked"
    assert last_commit(newsroom)["body"].startswith("Overtaken by events")
    result = newsroom.run("submit", "snow-in-kyiv")
    assert result.returncode == 1 and "final status" in result.stderr


def test_edit_is_refused_for_status_changes(newsroom: Newsroom) -> None:
    import shlex
    import sys

    rel = draft(newsroom)
    script = newsroom.root.parent / "forge.py"
    script.write_text("import sys\nfrom pathlib import Path\np = Path(sys.argv[1])\n"
                      "p.write_text(p.read_text().replace('status: draft', "
                      "'status: published'))\n")
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    head = newsroom.head()
    result = newsroom.run("edit", "snow-in-kyiv", env={"EDITOR": editor})
    assert result.returncode == 1 and "only through the workflow" in result.stderr
    assert field(newsroom, rel, "status") == "draft" and newsroom.head() == head


def test_a_correction_that_names_a_soldier_in_full_is_refused(newsroom: Newsroom) -> None:
    """Corrections are published text: `correct -m` cannot slip a soldier's surname past the
    soldier rule, and the refusal changes no file and makes no commit."""
    rel = draft(newsroom)
    assert newsroom.run("submit", "snow-in-kyiv").returncode == 0
    newsroom.act_as(EDITOR)
    assert newsroom.run("review", "snow-in-kyiv", "--approve").returncode == 0
    before, head = newsroom.snapshot(), newsroom.head()
    result = newsroom.run("correct", "snow-in-kyiv", "-m", "An earlier version misspelled "
                          "the surname of drone operator Andrii Kovalchuk.")
    assert result.returncode == 1
    assert "soldier-identification" in result.stdout + result.stderr
    assert "'Andrii Kovalchuk' names a soldier in full" in result.stdout + result.stderr
    assert newsroom.snapshot() == before and newsroom.head() == head
    assert field(newsroom, rel, "status") == "published"

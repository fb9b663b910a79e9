"""git asked ahead: which command lines start `git status` before Typer is imported, and
that the commands then show exactly what they showed without it (run as a user runs them,
from the newsroom, from a folder below it, through -C, in a newsroom nested in a larger
repository)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli.ahead import changed_since, command_of, lists_stories
from tests.conftest import MINIMAL_STORY, NEWSDESK, Newsroom


@pytest.mark.parametrize(("argv", "expected"), [
    (["list"], ("list", [])),
    (["-q", "list", "--status", "review"], ("list", ["--status", "review"])),
    (["--quiet", "review"], ("review", [])),
    (["search", "Kyiv", "--format", "json"], ("search", ["Kyiv", "--format", "json"])),
    (["review", "story-1", "--approve"], ("review", ["story-1", "--approve"])),
])
def test_the_command_is_read_after_the_global_options(argv: list[str],
                                                      expected: tuple[str, list[str]]) -> None:
    found = command_of(argv)
    assert found is not None
    assert (found[1], found[2]) == expected
    assert found[0] == Path()


def test_minus_c_names_the_folder_either_way() -> None:
    for argv in (["-C", "sub/room", "list"], ["-Csub/room", "list"]):
        found = command_of(argv)
        assert found is not None and found[0] == Path("sub") / "room"
        assert found[1] == "list"


@pytest.mark.parametrize("argv", [[], ["--version"], ["--help"], ["-C"], ["--root", "x", "list"],
                                  ["-q"]])
def test_anything_else_before_the_command_starts_nothing(argv: list[str]) -> None:
    assert command_of(argv) is None


@pytest.mark.parametrize(("command", "rest", "lists"), [
    ("list", [], True),
    ("list", ["--status", "review", "--format", "json"], True),
    ("search", ["bridge"], True),
    ("review", [], True),
    ("review", ["--format", "json"], True),
    ("review", ["--format=json"], True),
    ("review", ["-m", "a note"], True),
    ("review", ["story-1"], False),  # one story: no listing, maybe a commit
    ("review", ["story-1", "--approve"], False),
    ("review", ["--approve", "story-1"], False),
    ("review", ["--format"], True),  # Typer says what is missing; a status is harmless
    ("list", ["--help"], False),
    ("review", ["-h"], False),
    ("submit", ["story-1"], False),
    ("new", ["--headline", "list"], False),
    ("validate", [], False),
])
def test_only_the_commands_that_list_stories_ask_ahead(command: str, rest: list[str],
                                                       lists: bool) -> None:
    assert lists_stories(command, rest) is lists


def _story(newsroom: Newsroom, rel: str, story_id: str, status: str = "review") -> None:
    text = MINIMAL_STORY.format(id=story_id).replace("status: draft", f"status: {status}")
    newsroom.write(rel, text)


def test_list_the_queue_and_search_show_uncommitted_edits_from_every_folder(
        newsroom: Newsroom) -> None:
    """An edit not yet committed, a new file and a deleted one are what the answer of the
    status asked ahead carries: each command shows them, wherever it is started from."""
    _story(newsroom, "stories/2025/03/kept.md", "kept")
    _story(newsroom, "stories/2025/03/edited.md", "edited", status="draft")
    _story(newsroom, "stories/2025/03/gone.md", "gone")
    newsroom.commit_all()
    _story(newsroom, "stories/2025/03/edited.md", "edited")  # draft -> review, uncommitted
    _story(newsroom, "stories/2025/04/fresh.md", "fresh")  # never committed
    (newsroom.root / "stories/2025/03/gone.md").unlink()
    below = newsroom.root / "stories" / "2025"
    for where in ({}, {"cwd": below}):
        listed = newsroom.run("list", "--status", "review", "--format", "json", **where)
        assert listed.returncode == 0, listed.stderr
        assert sorted(s["id"] for s in listed.json()) == ["edited", "fresh", "kept"]
    queue = newsroom.run("-C", "stories", "review", "--format", "json")
    assert queue.returncode == 0, queue.stderr
    assert sorted(item["id"] for item in queue.json()) == ["edited", "fresh", "kept"]
    found = newsroom.run("search", "Body", "--format", "json", cwd=below)
    assert found.returncode == 0, found.stderr
    assert sorted(s["id"] for s in found.json()) == ["edited", "fresh", "kept"]


def test_a_newsroom_inside_a_larger_repository(newsroom: Newsroom) -> None:
    """git's answer names paths from the repository's top whatever folder asked: a newsroom
    one folder down lists its uncommitted stories the same."""
    inner = newsroom.root / "desk"
    inner.mkdir()
    for name in ("newsdesk.yaml", "staff.yaml"):
        (newsroom.root / name).rename(inner / name)
    newsroom.commit_all("the newsroom moves one folder down")
    _story(newsroom, "desk/stories/2025/03/moved.md", "moved")
    newsroom.commit_all()
    _story(newsroom, "desk/stories/2025/03/added.md", "added")
    for listed in (newsroom.run("list", "--format", "json", cwd=inner),
                   newsroom.run("-C", "desk", "list", "--format", "json")):
        assert listed.returncode == 0, listed.stderr
        assert sorted(s["id"] for s in listed.json()) == ["added", "moved"]


def test_outside_a_newsroom_the_command_says_so_as_before(newsroom: Newsroom,
                                                          tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = newsroom.run("list", cwd=elsewhere)
    assert result.returncode != 0
    assert "not a newsroom" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_folder_that_is_gone_leaves_every_command_as_it_was(newsroom: Newsroom,
                                                               tmp_path: Path) -> None:
    """Reading the command line never looks at the current folder: `--version` works in a
    folder deleted under the shell, and `list` there says what is wrong in one line."""
    gone = tmp_path / "gone"
    gone.mkdir()
    code = ("import os, subprocess, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
            "done = [subprocess.run([sys.argv[2], *args], capture_output=True, text=True) "
            "for args in (['--version'], ['list'])]; "
            "print(repr([(d.returncode, d.stdout, d.stderr) for d in done]))")
    out = subprocess.run([sys.executable, "-c", code, str(gone), NEWSDESK],
                         capture_output=True, text=True, check=True, env=newsroom.env).stdout
    (version, listed) = ast.literal_eval(out)
    assert version[0] == 0 and version[1].startswith("newsdesk ")
    assert listed[0] != 0 and len(listed[2].strip().splitlines()) == 1


@pytest.mark.parametrize(("command", "rest", "ref"), [
    ("validate", ["--changed-since", "origin/main"], "origin/main"),
    ("validate", ["--changed-since=HEAD~1", "--format", "json"], "HEAD~1"),
    ("validate", ["--changed-since", "a", "--changed-since", "b"], "b"),  # Typer takes the last
    ("validate", ["stories/x.md", "--changed-since", "v1.0"], "v1.0"),
    ("validate", ["--changed-since", "--format"], None),  # an option, not a ref
    ("validate", ["--changed-since=-x"], None),
    ("validate", ["--", "--changed-since", "HEAD"], None),  # after --: paths
    ("validate", ["--changed-since"], None),
    ("validate", ["--changed-since", "HEAD", "--help"], None),
    ("validate", ["stories/x.md"], None),
    ("list", ["--changed-since", "HEAD"], None),
])
def test_the_ref_of_validate_changed_since_is_read_without_doubt(
        command: str, rest: list[str], ref: str | None) -> None:
    assert changed_since(command, rest) == ref


def test_validate_changed_since_finds_changed_and_untracked_stories(
        newsroom: Newsroom) -> None:
    """The two questions asked ahead (changed since REF, untracked) are the command's: a
    story changed after the commit, one added and not committed, and none of the others."""
    for name in ("same", "edited"):
        newsroom.write(f"stories/2025/03/{name}.md", MINIMAL_STORY.format(id=name))
    newsroom.commit_all()
    edited = newsroom.root / "stories/2025/03/edited.md"
    edited.write_text(edited.read_text().replace("Body.", "Body, edited."))
    newsroom.write("stories/2025/04/added.md", MINIMAL_STORY.format(id="added"))
    for args in (("--changed-since", "HEAD"), ("--changed-since=HEAD",)):
        result = newsroom.run("validate", *args, "--format", "json")
        assert result.returncode in (0, 1), result.stderr
        assert result.json()["files_checked"] == 2
    bad = newsroom.run("validate", "--changed-since", "no-such-ref")
    assert bad.returncode == 2 and "no such commit" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1

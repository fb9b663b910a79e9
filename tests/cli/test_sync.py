"""Two reporters, two clones, one bare remote: `newsdesk sync` brings their work together."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import EDITOR, REPORTER, SECOND_EDITOR, Newsroom, make_newsroom


def clone(bare: Path, where: Path, env: dict[str, str], who: tuple[str, str]) -> Newsroom:
    subprocess.run(["git", "clone", "-q", str(bare), str(where)], env=env, check=True)
    room = Newsroom(where, env)
    room.act_as(who)
    return room


def setup(tmp_path: Path, env: dict[str, str]) -> tuple[Newsroom, Newsroom]:
    origin = make_newsroom(tmp_path / "origin", env)
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(origin.root), str(bare)], env=env,
                   check=True)
    return clone(bare, tmp_path / "a", env, REPORTER), clone(bare, tmp_path / "b", env,
                                                             SECOND_EDITOR)


def test_different_stories_both_land(tmp_path: Path, env: dict[str, str]) -> None:
    a, b = setup(tmp_path, env)
    assert a.run("new", "--headline", "From A").returncode == 0
    assert b.run("new", "--headline", "From B").returncode == 0
    first = a.run("sync")
    assert first.returncode == 0, first.stderr
    assert "0 commits in, 1 out" in first.stdout
    second = b.run("sync")
    assert second.returncode == 0, second.stderr
    assert "1 commit in, 1 out" in second.stdout
    assert a.run("sync").returncode == 0
    ids_a = {s["id"] for s in a.run("list", "--format", "json").json()}
    ids_b = {s["id"] for s in b.run("list", "--format", "json").json()}
    assert ids_a == ids_b == {"from-a", "from-b"}
    assert a.git("log", "--merges", "--oneline") == ""  # rebased, linear


def test_same_story_conflict_loses_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    a, b = setup(tmp_path, env)
    rel = a.run("new", "--headline", "Shared story").stdout.strip()
    assert a.run("sync").returncode == 0
    assert b.run("sync").returncode == 0
    b.act_as(EDITOR)
    for room, words in ((a, "Version A of the paragraph."), (b, "Version B of the paragraph.")):
        path = room.root / rel
        path.write_text(path.read_text().rstrip("\n").rsplit("\n", 1)[0] + f"\n{words}\n")
        room.commit_all(f"edit {words}")
    assert a.run("sync").returncode == 0
    head_b = b.head()
    result = b.run("sync")
    assert result.returncode == 1
    assert rel in result.stderr and "nothing was lost" in result.stderr
    assert "git pull --rebase" in result.stderr
    assert b.head() == head_b
    assert "Version B of the paragraph." in (b.root / rel).read_text()
    assert not (b.root / ".git" / "rebase-merge").exists()
    remote_text = b.git("show", f"origin/main:{rel}")
    assert "Version A of the paragraph." in remote_text


def test_sync_without_remote(newsroom: Newsroom) -> None:
    result = newsroom.run("sync")
    assert result.returncode == 2 and "no git remote" in result.stderr


def test_sync_never_merges_into_uncommitted_work(tmp_path: Path, env: dict[str, str]) -> None:
    """Point 17: with uncommitted edits, sync refuses (exit 1) instead of stashing them and
    leaving conflict markers behind; nothing changes."""
    a, b = setup(tmp_path, env)
    rel = a.run("new", "--headline", "Shared story").stdout.strip()
    assert a.run("sync").returncode == 0 and b.run("sync").returncode == 0
    path_a = a.root / rel
    path_a.write_text(path_a.read_text() + "Pushed by A.\n")
    a.commit_all("A's line")
    assert a.run("sync").returncode == 0
    path_b = b.root / rel
    path_b.write_text(path_b.read_text() + "Not yet committed by B.\n")
    before, head = b.snapshot(), b.head()
    result = b.run("sync")
    assert result.returncode == 1
    assert rel in result.stderr and "uncommitted changes" in result.stderr
    assert b.snapshot() == before and b.head() == head
    assert "<<<<<<<" not in path_b.read_text()


def test_conflict_markers_and_unmerged_files_stop_every_command(newsroom: Newsroom) -> None:
    room = newsroom
    rel = room.run("new", "--headline", "Marked story").stdout.strip()
    path = room.root / rel
    path.write_text(path.read_text() + "<<<<<<< HEAD\nOne version.\n=======\nAnother.\n"
                    ">>>>>>> origin/main\n")
    room.commit_all("a careless merge")
    result = room.run("validate", rel)
    assert result.returncode == 1 and "conflict markers" in result.stdout
    result = room.run("submit", "marked-story")
    assert result.returncode == 1 and "conflict markers" in result.stderr

    room.git("checkout", "-q", "-b", "other")
    path.write_text(path.read_text().replace("One version.", "Other branch."))
    room.commit_all("other")
    room.git("checkout", "-q", "-")
    path.write_text(path.read_text().replace("One version.", "This branch."))
    room.commit_all("this")
    subprocess.run(["git", "merge", "-q", "other"], cwd=room.root, env=room.env,
                   capture_output=True, check=False)
    result = room.run("new", "--headline", "Anything")
    assert result.returncode == 2
    assert "merge" in result.stderr and "Traceback" not in result.stderr


def test_an_interrupted_sync_is_rolled_back_by_the_next(tmp_path: Path,
                                                         env: dict[str, str]) -> None:
    """A sync killed in the middle of its rebase leaves git mid-rebase; the next sync goes
    back to where the first started (nothing lost) and completes."""
    a, b = setup(tmp_path, env)
    assert a.run("new", "--headline", "From A").returncode == 0
    assert a.run("sync").returncode == 0
    assert b.run("new", "--headline", "From B").returncode == 0
    head_b = b.head()
    b.git("fetch", "-q")
    subprocess.run(["git", "rebase", "-q", "--exec", "false", "origin/main"], cwd=b.root,
                   env=b.env, capture_output=True, check=False)  # stops mid-rebase
    assert (b.root / ".git" / "rebase-merge").exists()
    result = b.run("sync")
    assert result.returncode == 0, result.stderr
    assert "interrupted earlier sync was rolled back" in result.stderr
    assert b.git("rev-list", "--count", "origin/main..HEAD").strip() == "0"  # all pushed
    assert b.git("log", "-1", "--format=%s", "HEAD") == b.git(
        "log", "-1", "--format=%s", head_b)  # B's story, replayed on top of A's
    ids = {s["id"] for s in b.run("list", "--format", "json").json()}
    assert ids == {"from-a", "from-b"}

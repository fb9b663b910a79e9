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

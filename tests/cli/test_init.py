"""`newsdesk init` through the installed CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import NEWSDESK, Newsroom, clean_env


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSDESK, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)


def test_init_makes_a_committed_newsroom_with_the_user_on_the_roster(
        tmp_path: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", "config", "--global", "user.name", "Olena Editor"], env=env, check=True)
    subprocess.run(["git", "config", "--global", "user.email", "olena@newsroom.example"],
                   env=env, check=True)
    result = run(["init", "desk", "--name", "The Kyiv Desk"], tmp_path, env)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "desk"
    for name in ("newsdesk.yaml", "staff.yaml", ".gitignore", "stories",
                 "schemas/story.schema.json", "schemas/newsdesk.schema.json",
                 "schemas/staff.schema.json"):
        assert (root / name).exists(), name
    assert 'newsroom: "The Kyiv Desk"' in (root / "newsdesk.yaml").read_text()
    assert "olena@newsroom.example" in (root / "staff.yaml").read_text()
    room = Newsroom(root, env)
    assert room.git("status", "--porcelain") == ""
    assert room.git("log", "--format=%an|%s").strip() == "Olena Editor|newsdesk: init newsroom"
    # The new user can start writing at once.
    created = room.run("new", "--headline", "First story")
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip().endswith("/first-story.md")


def test_init_refuses_an_existing_newsroom(newsroom: Newsroom) -> None:
    before = newsroom.snapshot()
    result = newsroom.run("init", str(newsroom.root))
    assert result.returncode == 2
    assert "already" in result.stderr and "Traceback" not in result.stderr
    assert newsroom.snapshot() == before


def test_init_without_git_identity_writes_but_does_not_commit(
        tmp_path: Path, home: Path) -> None:
    env = clean_env(home)
    result = run(["init", "desk"], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert "user.email" in result.stderr
    assert (tmp_path / "desk" / "newsdesk.yaml").exists()
    log = subprocess.run(["git", "log"], cwd=tmp_path / "desk", env=env, capture_output=True,
                         text=True, check=False)
    assert log.returncode != 0  # no commit yet


def test_global_dash_c_option_and_walking_up(newsroom: Newsroom, tmp_path: Path) -> None:
    assert newsroom.run("new", "--headline", "Walk up").returncode == 0
    deep = newsroom.root / "stories"
    assert "walk-up" in newsroom.run("list", cwd=deep).stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert "walk-up" in newsroom.run("-C", str(newsroom.root), "list", cwd=elsewhere).stdout
    outside = newsroom.run("list", cwd=elsewhere)
    assert outside.returncode == 2
    assert "not a newsroom" in outside.stderr


def test_init_in_a_folder_of_an_existing_repository(tmp_path: Path, env: dict[str, str]) -> None:
    outer = tmp_path / "monorepo"
    subprocess.run(["git", "init", "-q", "-b", "main", str(outer)], env=env, check=True)
    room = Newsroom(outer, env)
    room.act_as(("Olena Editor", "olena@newsroom.example"))
    (outer / "README").write_text("other project\n")
    room.commit_all("root")
    result = run(["init", "desk"], outer, env)
    assert result.returncode == 0, result.stderr
    assert not (outer / "desk" / ".git").exists()  # no nested repository
    assert f"existing git repository at {outer}" in result.stdout
    desk = Newsroom(outer / "desk", env)
    created = desk.run("new", "--headline", "Inside the monorepo")
    assert created.returncode == 0, created.stderr
    assert "desk/stories/" in room.git("show", "--name-only", "--format=", "HEAD")
    assert desk.run("submit", "inside-the-monorepo").returncode == 0
    assert [e["action"] for e in desk.run("log", "inside-the-monorepo", "--format",
                                          "json").json()] == ["new", "submit"]

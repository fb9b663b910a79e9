"""A plain git repository with a stories folder, driven by git itself, for the tests of
newsdesk's readers of history."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from newsdesk.git import store


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
         ) -> store.Repository:
    for key in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(key, env[key])
    root = tmp_path / "room"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for key, value in (("user.name", "Olena Editor"), ("user.email", "olena@example.org")):
        git(root, "config", key, value)
    (root / "stories").mkdir()
    return store.open_repo(root)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, text=True,
                          capture_output=True).stdout


def commit(repo: store.Repository, files: dict[str, str | None], message: str) -> str:
    """Write (or, for None, delete) `files` and commit everything; returns the new id."""
    for rel, text in files.items():
        path = repo.root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", message)
    return git(repo.root, "rev-parse", "HEAD").strip()

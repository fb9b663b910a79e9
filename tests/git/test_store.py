"""The git wall in process, on real temporary repositories: a commit newsdesk makes can be
undone only while nothing has moved the branch since."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from newsdesk.errors import EnvironmentProblem
from newsdesk.git import store


@pytest.fixture
def repo(repo: store.Repository) -> store.Repository:
    """The plain repository of conftest.py, with a first commit made by newsdesk."""
    first = repo.root / "first.md"
    store.commit_files(repo, {first: b"one\n"}, "first", store.Person("O", "o@e.org"))
    first.write_bytes(b"one\n")
    return repo


def _commit(repo: store.Repository, name: str, data: bytes) -> str:
    path = repo.root / name
    sha, _ = store.commit_files(repo, {path: data}, name, store.Person("O", "o@e.org"))
    path.write_bytes(data)
    return sha


def test_undo_moves_the_branch_back_while_nothing_moved_it(repo: store.Repository) -> None:
    parent = store.head_sha(repo)
    sha = _commit(repo, "second.md", b"two\n")
    assert store.head_sha(repo) == sha
    assert store.undo_commit(repo, sha, parent, [repo.root / "second.md"])
    assert store.head_sha(repo) == parent


def test_undo_refuses_once_the_branch_has_moved(repo: store.Repository) -> None:
    parent = store.head_sha(repo)
    sha = _commit(repo, "second.md", b"two\n")
    later = _commit(repo, "third.md", b"three\n")  # someone committed on top meanwhile
    assert not store.undo_commit(repo, sha, parent, [repo.root / "second.md"])
    assert store.head_sha(repo) == later  # their commit is not thrown away


def test_a_repository_names_paths_as_git_does(repo: store.Repository) -> None:
    assert repo.relative(repo.root / "stories" / "a.md") == "stories/a.md"
    name, kind, data = repo.object("HEAD:first.md")
    assert kind == "blob" and data == b"one\n" and len(name) == 40
    for missing in ("HEAD:missing.md", "HEAD:first.md\nHEAD:first.md", "no-such-ref"):
        with pytest.raises(ValueError):
            repo.object(missing)
    # the one reader goes on answering after refusals, and for every kind of object
    assert repo.object(name) == (name, "blob", b"one\n")
    head = store.head_sha(repo)
    assert head is not None and repo.object(head)[1] == "commit"
    assert repo.object("HEAD^{tree}")[1] == "tree"


def test_a_repository_opened_through_a_link_or_a_subfolder_keeps_the_given_path(
        repo: store.Repository, tmp_path: Path) -> None:
    """The work tree is named from the path given (a link is not resolved), so that paths
    newsdesk makes from it are inside it; a subfolder finds its repository;
    a folder outside any repository, or one that does not exist, is one clear line."""
    link = tmp_path / "linked-room"
    link.symlink_to(repo.root, target_is_directory=True)
    through_link = store.open_repo(link / "stories")
    assert through_link.root == link
    assert through_link.git_dir.resolve() == repo.git_dir.resolve()
    assert through_link.common_dir.resolve() == repo.git_dir.resolve()
    assert through_link.relative(link / "stories" / "a.md") == "stories/a.md"
    assert store.open_repo(repo.root / "stories").root == repo.root
    outside = tmp_path / "outside"
    outside.mkdir()
    for folder in (outside, tmp_path / "missing"):
        with pytest.raises(EnvironmentProblem, match="is not inside a git repository"):
            store.open_repo(folder)


def test_a_failed_git_command_is_one_line_in_git_words(repo: store.Repository) -> None:
    with pytest.raises(EnvironmentProblem) as raised:
        store.run_git(repo, "rev-parse", "--verify", "no-such-branch")
    assert raised.value.message.startswith("git rev-parse failed: fatal:")
    assert "\n" not in raised.value.message


def _graph_layers(repo: store.Repository) -> list[str]:
    chain = repo.git_dir / "objects" / "info" / "commit-graphs" / "commit-graph-chain"
    return chain.read_text().split() if chain.exists() else []


def test_the_commit_graph_is_started_once_and_then_follows_each_commit(
        repo: store.Repository) -> None:
    store.extend_commit_graph(repo)  # no graph yet: nothing is written behind one's back
    assert not store.has_commit_graph(repo)
    store.extend_commit_graph(repo, start=True)
    assert store.has_commit_graph(repo)
    first = _graph_layers(repo)
    _commit(repo, "second.md", b"two\n")
    store.extend_commit_graph(repo)
    assert len(_graph_layers(repo)) > len(first) or _graph_layers(repo) != first
    verified = subprocess.run(["git", "-C", str(repo.root), "commit-graph", "verify"],
                              capture_output=True, text=True, check=False)
    assert verified.returncode == 0, verified.stderr
    listed = subprocess.run(["git", "-C", str(repo.root), "log", "--format=%s", "--",
                             "second.md"], capture_output=True, text=True, check=True)
    assert listed.stdout.split() == ["second.md"]


def _tree(repo: store.Repository) -> dict[str, tuple[str, str]]:
    out = subprocess.run(["git", "-C", str(repo.root), "ls-tree", "-r", "-z", "HEAD"],
                         capture_output=True, text=True, check=True).stdout
    listed = {}
    for record in filter(None, out.split("\0")):
        head, _, name = record.partition("\t")
        mode, _, sha = head.split(" ")
        listed[name] = (mode, sha)
    return listed


def _blob(data: bytes) -> str:
    return subprocess.run(["git", "hash-object", "--stdin"], input=data, capture_output=True,
                          check=True).stdout.decode().strip()


def test_a_commit_changes_only_its_files_and_keeps_their_modes(repo: store.Repository) -> None:
    """The tree is built folder by folder (mktree); the result must be the old tree with the
    files put in: new folders made, neighbours and executable modes kept."""
    store.commit_files(repo, {repo.root / "stories/2025/03/a.md": b"a\n"}, "a",
                       store.Person("O", "o@e.org"))
    subprocess.run(["git", "-C", str(repo.root), "reset", "-q", "--hard"], check=True)
    tool = repo.root / "tools" / "run.sh"
    tool.parent.mkdir()
    tool.write_bytes(b"#!/bin/sh\n")
    tool.chmod(0o755)
    subprocess.run(["git", "-C", str(repo.root), "add", "tools/run.sh"], check=True)
    subprocess.run(["git", "-C", str(repo.root), "commit", "-q", "-m", "tool"], check=True)
    before = _tree(repo)
    store.commit_files(repo, {repo.root / "stories/2025/03/b.md": b"b\n",
                              repo.root / "stories/2026/01/c.md": b"c\n",
                              tool: b"#!/bin/sh\necho\n"}, "three", store.Person("O", "o@e.org"))
    after = _tree(repo)
    assert after == {**before, "stories/2025/03/b.md": ("100644", _blob(b"b\n")),
                     "stories/2026/01/c.md": ("100644", _blob(b"c\n")),
                     "tools/run.sh": ("100755", _blob(b"#!/bin/sh\necho\n"))}


def _dead_pid() -> int:
    finished = subprocess.Popen(["true"])
    finished.wait()
    return finished.pid


def test_ref_locks_a_killed_newsdesk_left_are_cleared(repo: store.Repository) -> None:
    """A newsdesk killed inside `update-ref` leaves git's ref locks and its own mark; the
    next one removes exactly those, and commits again."""
    lock = repo.git_dir / "HEAD.lock"
    lock.write_text("")
    (repo.git_dir / "newsdesk-moving-branch").write_text(str(_dead_pid()))
    assert store.clear_interrupted_branch_move(repo) == ["HEAD.lock"]
    assert not lock.exists() and not (repo.git_dir / "newsdesk-moving-branch").exists()
    _commit(repo, "after.md", b"after\n")


def test_ref_locks_of_others_are_left_to_git(repo: store.Repository) -> None:
    lock = repo.git_dir / "HEAD.lock"
    lock.write_text("")  # someone's own `git commit`: no newsdesk mark
    assert store.clear_interrupted_branch_move(repo) == []
    assert lock.exists()
    alive = subprocess.Popen(["sleep", "30"])
    try:
        (repo.git_dir / "newsdesk-moving-branch").write_text(str(alive.pid))
        assert store.clear_interrupted_branch_move(repo) == []  # that newsdesk still runs
        assert lock.exists()
    finally:
        alive.kill()
        alive.wait()

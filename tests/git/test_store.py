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
                         capture_output=True, check=True).stdout.decode("utf-8",
                                                                        "surrogateescape")
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


def _ls_tree(repo: store.Repository, tree: str) -> dict[str, tuple[str, str, str]]:
    out = subprocess.run(["git", "-C", str(repo.root), "ls-tree", "-z", tree],
                         capture_output=True, check=True).stdout
    listed = {}
    for record in filter(None, out.split(b"\0")):
        head, _, name = record.partition(b"\t")
        mode, kind, sha = head.decode().split(" ")
        listed[name.decode("utf-8", "surrogateescape")] = (mode, kind, sha)
    return listed


def test_a_tree_read_from_its_object_is_what_ls_tree_lists(repo: store.Repository) -> None:
    """Folders, an executable, a symbolic link, a submodule, a name that is not UTF-8 and
    names with spaces and tabs: each entry as `git ls-tree` gives it, and a commit next to
    them all keeps every one."""
    root = repo.root
    (root / "stories" / "2025").mkdir(parents=True)
    (root / "stories" / "2025" / "a b\tc.md").write_bytes(b"spaces\n")
    (root / "run.sh").write_bytes(b"#!/bin/sh\n")
    (root / "run.sh").chmod(0o755)
    (root / "link").symlink_to("first.md")
    odd = root.joinpath(b"caf\xe9.md".decode("utf-8", "surrogateescape"))
    odd.write_bytes(b"latin-1 name\n")
    git = ["git", "-C", str(root)]
    subprocess.run([*git, "add", "-A"], check=True)
    head = store.head_sha(repo)
    subprocess.run([*git, "update-index", "--add", "--cacheinfo", f"160000,{head},module"],
                   check=True)
    subprocess.run([*git, "commit", "-q", "-m", "odd entries"], check=True)
    tree = subprocess.run([*git, "rev-parse", "HEAD^{tree}"], capture_output=True, text=True,
                          check=True).stdout.strip()
    entries = store.tree_entries(repo, tree)
    assert entries == _ls_tree(repo, tree)
    assert {kind for _, kind, _ in entries.values()} == {"blob", "tree", "commit"}
    before = _tree(repo)
    store.commit_files(repo, {root / "stories/2025/new.md": b"new\n"}, "beside them",
                       store.Person("O", "o@e.org"))
    assert _tree(repo) == {**before, "stories/2025/new.md": ("100644", _blob(b"new\n"))}


def test_a_damaged_or_wrong_tree_is_one_clear_problem(repo: store.Repository) -> None:
    head = store.head_sha(repo)
    assert head is not None
    with pytest.raises(EnvironmentProblem, match="is a commit, not a tree"):
        store.tree_entries(repo, head)
    with pytest.raises(EnvironmentProblem, match="cannot read tree"):
        store.tree_entries(repo, "0" * 40)


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


def test_a_question_asked_ahead_is_answered_by_the_git_started_then(
        repo: store.Repository) -> None:
    """`ask_ahead` starts git at once; the first matching call takes that git's answer (as
    of when it was asked), and the next one asks again."""
    (repo.root / "new.md").write_bytes(b"new\n")
    args = store.work_tree_status(".")
    store.ask_ahead(repo.root, *args)
    store.ask_ahead(repo.root, *args)  # asked twice: one git
    assert len(store._asked) == 1
    store._asked[store._ahead_key(repo.root, args)].wait()
    (repo.root / "later.md").write_bytes(b"later\n")  # after git answered
    answered = store.run_git_in(repo.root, *args)
    assert "new.md" in answered and "later.md" not in answered
    assert not store._asked
    assert "later.md" in store.run_git_in(repo.root, *args)


def test_a_question_asked_ahead_in_another_form_is_asked_again(
        repo: store.Repository) -> None:
    args = store.work_tree_status(".")
    store.ask_ahead(repo.root, *args)
    store._asked[store._ahead_key(repo.root, args)].wait()
    (repo.root / "later.md").write_bytes(b"later\n")
    # its own environment, or other arguments: not the question asked ahead
    assert "later.md" in store._git(repo.root, list(args), env={"GIT_OPTIONAL_LOCKS": "0"})
    assert "later.md" in store.run_git_in(repo.root, *args[:-1], "later.md")
    assert len(store._asked) == 1
    store._wait_for_unanswered()  # what newsdesk does at exit
    assert not store._asked


def test_a_failed_question_asked_ahead_fails_in_git_words(tmp_path: Path) -> None:
    args = store.work_tree_status(".")
    store.ask_ahead(tmp_path, *args)
    with pytest.raises(EnvironmentProblem, match=r"git status failed: .*not a git repository"):
        store.run_git_in(tmp_path, *args)
    assert not store._asked

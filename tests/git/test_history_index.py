"""The history index against git itself, on real repositories with branches, merges,
deletions, rewritten history and damaged index files: for every story it must list exactly
the commits `git log -- PATH` lists, or step aside so that git is asked."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from newsdesk.errors import EnvironmentProblem
from newsdesk.git import store
from newsdesk.git.history import commits_touching, story_commits
from newsdesk.git.history_index import FILE, HistoryIndex
from tests.git.conftest import commit, git


def _index(repo: store.Repository) -> HistoryIndex:
    return HistoryIndex(repo.root / FILE, repo, "stories")


def _from_git(repo: store.Repository, rel: str) -> list[str]:
    return [sha for sha, _ in commits_touching(repo, rel)]


def _every_story(repo: store.Repository) -> set[str]:
    out = git(repo.root, "log", "--all", "--name-only", "--format=", "--", "stories")
    return {line for line in out.splitlines() if line.startswith("stories/")}


def _is_ancestor(repo: store.Repository, older: str, newer: str) -> bool:
    done = subprocess.run(["git", "-C", str(repo.root), "merge-base", "--is-ancestor",
                           older, newer], check=False)
    return done.returncode == 0


def _agrees_with_git(repo: store.Repository, index: HistoryIndex) -> None:
    """Same commits for every story as git's own walk, parents always before children."""
    stories = _every_story(repo)
    assert stories
    for rel in stories:
        indexed = index.commits(rel)
        assert indexed is not None, rel
        answer = story_commits(repo, repo.root / rel, index)
        assert sorted(answer) == sorted(_from_git(repo, rel)), rel
        assert len(set(answer)) == len(answer)
        for i, later in enumerate(answer):
            for earlier in answer[i + 1:]:
                assert not _is_ancestor(repo, earlier, later) or earlier == later, rel


def _linear_history(repo: store.Repository) -> None:
    commit(repo, {"stories/a.md": "a1\n", "newsdesk.yaml": "name: x\n"}, "add a")
    commit(repo, {"stories/b.md": "b1\n"}, "add b")
    commit(repo, {"stories/a.md": "a2\n", "stories/b.md": "b2\n"}, "both")
    commit(repo, {"newsdesk.yaml": "name: y\n"}, "not a story")


def test_a_linear_history_is_listed_exactly_as_git_lists_it(
        repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    assert index.update() == 3  # the commit that touched no story is not in it
    for rel in ("stories/a.md", "stories/b.md"):
        assert story_commits(repo, repo.root / rel, index) == _from_git(repo, rel)


def test_branches_merges_deletions_and_restores_agree_with_git(
        repo: store.Repository) -> None:
    _linear_history(repo)
    git(repo.root, "checkout", "-q", "-b", "side")
    commit(repo, {"stories/side.md": "s1\n", "stories/a.md": "a-side\n"}, "side work")
    git(repo.root, "checkout", "-q", "main")
    commit(repo, {"stories/b.md": "b3\n"}, "main work")
    git(repo.root, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    commit(repo, {"stories/b.md": None}, "delete b")
    commit(repo, {"stories/b.md": "b2\n"}, "restore b")
    commit(repo, {"stories/2024/05/moved.md": "a-side\n", "stories/a.md": None}, "move a")
    index = _index(repo)
    index.update()
    _agrees_with_git(repo, index)


def test_new_commits_are_added_by_the_next_reader(repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    index.update()
    newest = commit(repo, {"stories/a.md": "a3\n", "stories/c.md": "c1\n"}, "later")
    assert index.commits("stories/a.md") is not None
    assert story_commits(repo, repo.root / "stories/a.md", index)[-1] == newest
    assert story_commits(repo, repo.root / "stories/c.md", index) == [newest]
    with sqlite3.connect(index.file) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'head'").fetchone() == (newest,)


def test_commits_that_left_the_branch_are_dropped(repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    gone = commit(repo, {"stories/a.md": "rebased away\n"}, "local work")
    index.update()
    assert gone in (index.commits("stories/a.md") or [])
    git(repo.root, "reset", "-q", "--hard", "HEAD~1")
    kept = commit(repo, {"stories/a.md": "what landed\n"}, "landed")
    answer = index.commits("stories/a.md")
    assert answer is not None and gone not in answer and answer[-1] == kept
    _agrees_with_git(repo, index)


def test_an_unrelated_history_starts_the_index_again(repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    index.update()
    before = set(index.commits("stories/a.md") or [])
    git(repo.root, "checkout", "-q", "--orphan", "fresh")
    only = commit(repo, {"stories/z.md": "z\n"}, "a new start")  # a.md and b.md carried
    for rel in ("stories/a.md", "stories/b.md", "stories/z.md"):
        assert index.commits(rel) == [only]
    assert before and only not in before


def test_without_an_index_git_is_asked_and_nothing_is_written(
        repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    assert index.commits("stories/a.md") is None
    assert story_commits(repo, repo.root / "stories/a.md", index) == _from_git(
        repo, "stories/a.md")
    assert not index.file.exists()


def test_a_path_outside_its_folder_is_not_answered(repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    index.update()
    assert index.commits("newsdesk.yaml") is None
    assert index.commits("storiesx/a.md") is None
    assert HistoryIndex(index.file, repo, "elsewhere").commits("elsewhere/a.md") is None


@pytest.mark.parametrize("damage", [b"not a database at all", b""])
def test_a_damaged_index_steps_aside_and_is_made_again(
        repo: store.Repository, damage: bytes) -> None:
    _linear_history(repo)
    index = _index(repo)
    index.update()
    index.file.write_bytes(damage)
    if damage:
        assert index.commits("stories/a.md") is None
    assert story_commits(repo, repo.root / "stories/a.md", index) == _from_git(
        repo, "stories/a.md")
    assert index.update() == 3
    assert index.commits("stories/a.md") == _from_git(repo, "stories/a.md")


def test_rows_that_are_not_commit_ids_are_not_believed(repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    index.update()
    with sqlite3.connect(index.file) as db:
        db.execute("UPDATE touch SET sha = '--output=/tmp/x' WHERE path = 'stories/a.md'")
    assert index.commits("stories/a.md") is None
    assert story_commits(repo, repo.root / "stories/a.md", index) == _from_git(
        repo, "stories/a.md")


def test_an_index_before_the_first_commit_is_empty(repo: store.Repository) -> None:
    index = _index(repo)
    assert index.update() == 0
    assert index.commits("stories/a.md") is None  # no HEAD yet: git is asked


def test_git_processes_get_bounded_pack_windows_after_existing_settings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "user.name")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "Kept Name")
    for n in ("1", "2"):  # registered so that the test leaves the environment as it was
        monkeypatch.setenv(f"GIT_CONFIG_KEY_{n}", "")
        monkeypatch.setenv(f"GIT_CONFIG_VALUE_{n}", "")
    store._bound_git_memory()

    def setting(key: str) -> str:
        return subprocess.run(["git", "config", "--get", key], check=True, text=True,
                              capture_output=True).stdout.strip()

    assert setting("user.name") == "Kept Name"
    assert setting("core.packedGitLimit") == "128m"
    assert setting("core.packedGitWindowSize") == "32m"


def test_a_shallow_clone_gets_no_index_and_is_answered_by_git(
        repo: store.Repository, tmp_path: Path) -> None:
    _linear_history(repo)
    commit(repo, {"stories/a.md": "a3\n"}, "later")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
                   check=True)
    shallow = store.open_repo(clone)
    index = HistoryIndex(clone / FILE, shallow, "stories")
    with pytest.raises(EnvironmentProblem, match="shallow clone"):
        index.update()
    assert not index.file.exists()
    assert story_commits(shallow, clone / "stories/a.md", index) == _from_git(
        shallow, "stories/a.md")


def test_an_index_made_before_the_history_was_cut_is_not_believed(
        repo: store.Repository) -> None:
    _linear_history(repo)
    index = _index(repo)
    index.update()
    (repo.git_dir / "shallow").write_text(git(repo.root, "rev-parse", "HEAD"))
    assert index.commits("stories/a.md") is None


def test_an_index_of_another_folder_is_made_again_for_this_one(
        repo: store.Repository) -> None:
    _linear_history(repo)
    other = commit(repo, {"desk/x.md": "x\n"}, "another folder")
    _index(repo).update()  # HEAD stays where it is from here on
    moved = HistoryIndex(repo.root / FILE, repo, "desk")
    moved.update()
    assert moved.commits("desk/x.md") == [other]
    assert _index(repo).commits("stories/a.md") is None  # the file now describes desk/


def test_a_file_name_that_is_not_utf8_is_indexed(repo: store.Repository) -> None:
    """git keeps a name's bytes, which reach Python as lone surrogates; the index keeps them
    as bytes and answers for that file as git does."""
    rel = os.fsdecode(b"stories/bakers-\xffnight.md")
    first = commit(repo, {rel: "one\n"}, "a badly named story")
    second = commit(repo, {rel: "two\n"}, "edited")
    index = _index(repo)
    assert index.update() == 2
    assert index.commits(rel) == [first, second]
    assert story_commits(repo, repo.root / rel, index) == story_commits(
        repo, repo.root / rel, None)


def _submit(rel: str) -> str:
    return f"submit {rel}\n\nNewsdesk-Action: submit"


def test_the_last_submits_from_the_index_are_those_of_gits_walk(
        repo: store.Repository) -> None:
    """The review queue's "submitted" time: each story's newest `submit` commit, read from
    its commits in the index, is the one git's walk of the stories folder finds; a story
    never submitted has none, and edits after a submission do not hide it."""
    from newsdesk.git.history import last_submits

    commit(repo, {"stories/a.md": "a1\n", "stories/b.md": "b1\n"}, "start")
    first_a = commit(repo, {"stories/a.md": "a2\n"}, _submit("a"))
    commit(repo, {"stories/b.md": "b2\n", "stories/never.md": "n\n"}, "edits")
    git(repo.root, "checkout", "-q", "-b", "side")
    side_b = commit(repo, {"stories/b.md": "b-side\n"}, _submit("b"))
    git(repo.root, "checkout", "-q", "main")
    last_a = commit(repo, {"stories/a.md": "a3\n"}, _submit("a"))
    git(repo.root, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    commit(repo, {"stories/a.md": "a4 fixed a typo\n"}, "a plain edit after submitting")
    paths = [repo.root / "stories" / name for name in ("a.md", "b.md", "never.md")]
    index = _index(repo)
    index.update()
    walked = last_submits(repo, paths, repo.root / "stories")
    indexed = last_submits(repo, paths, repo.root / "stories", index)
    assert {p.name: e.sha for p, e in indexed.items()} == {"a.md": last_a, "b.md": side_b}
    assert {p: e.sha for p, e in walked.items()} == {p: e.sha for p, e in indexed.items()}
    assert first_a != last_a
    assert index.commits_of([repo.relative(p) for p in paths]) is not None
    assert index.commits_of(["elsewhere/a.md"]) is None  # outside its folder: git is asked

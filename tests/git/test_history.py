"""Reading history with object ids (`raw_commits`) lists the same commits and paths as
reading it by name (`commits_touching`), with the ids git holds at each side of each
change: root commits, deletions, merges and moves included."""

from __future__ import annotations

from newsdesk.git import store
from newsdesk.git.history import commits_touching, raw_commits, raw_commits_under
from tests.git.conftest import commit, git


def _blob(repo: store.Repository, sha: str, rel: str) -> str:
    return git(repo.root, "rev-parse", f"{sha}:{rel}").strip()


def test_raw_commits_match_commits_touching_with_the_ids_at_each_side(
        repo: store.Repository) -> None:
    root = commit(repo, {"stories/a.md": "a1\n", "other.txt": "x\n"}, "root")
    commit(repo, {"stories/a.md": "a2\n", "stories/b.md": "b1\n"}, "two stories")
    commit(repo, {"other.txt": "y\n"}, "no story")
    git(repo.root, "checkout", "-q", "-b", "side")
    commit(repo, {"stories/c.md": "c1\n"}, "side")
    git(repo.root, "checkout", "-q", "main")
    commit(repo, {"stories/b.md": None}, "delete b")
    git(repo.root, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    commit(repo, {"stories/2024/01/a.md": "a2\n", "stories/a.md": None}, "move a")
    raw = raw_commits(repo, "stories")
    by_name = commits_touching(repo, "stories")
    assert [c.sha for c in raw] == [sha for sha, _ in by_name]
    assert [{p for p, _, _ in c.changes} for c in raw] == [paths for _, paths in by_name]
    assert raw[0].sha == root and raw[0].parents == ()
    for c in raw:
        if len(c.parents) > 1:
            assert all(old == new == "" for _, old, new in c.changes)
            continue
        for path, old, new in c.changes:
            before = _blob(repo, c.parents[0], path) if c.parents and old.strip("0") else None
            after = _blob(repo, c.sha, path) if new.strip("0") else None
            assert (old.strip("0") and old) == (before or ""), (c.sha, path)
            assert (new.strip("0") and new) == (after or ""), (c.sha, path)
    assert any(not new.strip("0") for c in raw for _, _, new in c.changes)  # a deletion


def test_a_range_and_several_paths(repo: store.Repository) -> None:
    start = commit(repo, {"stories/a.md": "a1\n", "stories/b.md": "b1\n"}, "root")
    later = commit(repo, {"stories/a.md": "a2\n", "stories/b.md": "b2\n"}, "both")
    raw = raw_commits(repo, "stories/a.md", revisions=f"{start}..HEAD")
    assert [(c.sha, [p for p, _, _ in c.changes]) for c in raw] == [(later, ["stories/a.md"])]


def test_a_whole_folder_read_by_relative_paths_matches_the_pathspec_walk(
        repo: store.Repository) -> None:
    """`raw_commits_under` (git's --relative, no pathspec) lists exactly what the pathspec
    walk lists: merges, deletions, commits outside the folder and a sibling folder whose
    name starts with the folder's (stories2/) included."""
    commit(repo, {"stories/a.md": "a1\n", "stories2/x.md": "x\n", "other.txt": "x\n"}, "root")
    commit(repo, {"stories2/x.md": "x2\n"}, "only the sibling folder")
    commit(repo, {"stories/a.md": "a2\n", "stories/b.md": "b1\n"}, "two stories")
    git(repo.root, "checkout", "-q", "-b", "side")
    commit(repo, {"stories/c.md": "c1\n", "other.txt": "z\n"}, "side")
    git(repo.root, "checkout", "-q", "main")
    commit(repo, {"stories/b.md": None, "stories2/x.md": None}, "delete b")
    git(repo.root, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    commit(repo, {"other.txt": "w\n"}, "outside")
    commit(repo, {"stories/2024/01/a.md": "a2\n", "stories/a.md": None}, "move a")
    under = raw_commits_under(repo, "stories")
    assert under == raw_commits(repo, "stories")
    assert len(under) == 6 and any(len(c.parents) == 2 for c in under)
    assert all(p.startswith("stories/") for c in under for p, _, _ in c.changes)

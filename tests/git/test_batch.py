"""Many objects through one `git cat-file` stream, on a real repository: every answer in
the order asked, and what is not there is None, whatever its name looks like."""

from __future__ import annotations

import pytest

from newsdesk.errors import EnvironmentProblem
from newsdesk.git import store
from newsdesk.git.batch import object_ids, objects
from tests.git.conftest import commit, git


def test_groups_come_back_in_order_with_each_object(repo: store.Repository) -> None:
    first = commit(repo, {"stories/a b.md": "one\n", "staff.yaml": "staff: []\n"}, "first")
    second = commit(repo, {"stories/a b.md": "two\n"}, "second")
    blob = git(repo.root, "rev-parse", f"{first}:stories/a b.md").strip()
    groups = [("commit", [second]), ("by path", [f"{first}:stories/a b.md",
                                                f"{second}:stories/a b.md"]),
              ("by id", [blob]), ("nothing", [])]
    answers = list(objects(repo.root, groups))
    assert [tag for tag, _ in answers] == ["commit", "by path", "by id", "nothing"]
    (_, [(sha, kind, data)]) = answers[0]
    assert (sha, kind) == (second, "commit") and data.startswith(b"tree ")
    assert [a[2] for a in answers[1][1] if a] == [b"one\n", b"two\n"]
    assert answers[2][1] == [(blob, "blob", b"one\n")]
    assert answers[3][1] == []


def test_what_is_not_there_is_none_and_the_stream_goes_on(repo: store.Repository) -> None:
    sha = commit(repo, {"stories/a.md": "one\n"}, "first")
    asked = [f"{sha}:stories/missing file.md", "0" * 40, f"{sha}:stories/a.md\nHEAD",
             "no such missing", f"{sha}:stories/a.md"]
    [(_, found)] = list(objects(repo.root, [("all", asked)]))
    assert found[:4] == [None, None, None, None]
    assert found[4] is not None and found[4][2] == b"one\n"


def test_a_reader_that_stops_early_leaves_no_process_behind(repo: store.Repository) -> None:
    sha = commit(repo, {"stories/a.md": "one\n"}, "first")
    stream = objects(repo.root, ((n, [sha]) for n in range(100000)))
    assert next(stream)[0] == 0
    stream.close()  # the writer thread meets a closed pipe and ends


def test_a_broken_repository_is_one_clear_error(repo: store.Repository) -> None:
    commit(repo, {"stories/a.md": "one\n"}, "first")
    not_a_repo = repo.root.parent / "elsewhere"
    not_a_repo.mkdir()
    with pytest.raises(EnvironmentProblem, match="git cat-file"):
        list(objects(not_a_repo, [("x", ["HEAD"])]))


def test_object_ids_answer_every_name(repo: store.Repository) -> None:
    sha = commit(repo, {"stories/a.md": "one\n", "staff.yaml": "staff: []\n"}, "first")
    ids = object_ids(repo.root, [f"{sha}:staff.yaml", f"{sha}:nope.yaml", "bad\nname",
                                 f"{sha}:stories/a.md"])
    assert ids[0] == git(repo.root, "rev-parse", f"{sha}:staff.yaml").strip()
    assert ids[1] is None and ids[2] is None
    assert ids[3] == git(repo.root, "rev-parse", f"{sha}:stories/a.md").strip()

"""`audit --since` in process: asking git for the changed stories by name and filtering one
pass over the whole stories folder give the same verdicts."""

from __future__ import annotations

import pytest

from newsdesk.git import batch
from newsdesk.newsroom import Newsroom as Room
from newsdesk.workflow import audit
from tests.conftest import REPORTER, Newsroom, in_review, published


@pytest.fixture(autouse=True)
def _git_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(key, env[key])


def test_both_ways_of_reading_the_changed_stories_agree(newsroom: Newsroom,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    published(newsroom, "Snow in Kyiv")
    start = newsroom.head()
    rel = in_review(newsroom, "Trains return to Kharkiv")
    newsroom.act_as(REPORTER)  # the reporter publishes their own story by hand
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("status: review", "status: published"))
    newsroom.commit_all("publish it myself")
    by_name = audit.audit(Room(newsroom.root), start)
    monkeypatch.setattr(audit, "SINCE_PATHSPECS", 0)
    by_folder = audit.audit(Room(newsroom.root), start)
    assert by_name == by_folder
    checked, problems = by_name
    assert checked == 1 and [p.path for p in problems] == [rel]


def _counting_objects_asked_alone(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The objects the audit's own process asks git for one at a time (a version read
    again after it was forgotten, a roster), as they are asked."""
    from newsdesk.git.store import Repository

    asked: list[str] = []
    one_object = Repository.object

    def counted(self: Repository, spec: str) -> tuple[str, str, bytes]:
        asked.append(spec)
        return one_object(self, spec)

    monkeypatch.setattr(Repository, "object", counted)
    return asked


def _one_object_at_a_time(room: Room) -> tuple[int, list[audit.AuditProblem]]:
    """The audit read the simple way (each story version and roster asked of git by
    "<commit>:<path>", one at a time): what the streamed reading must equal."""
    from newsdesk.git import store as gitstore
    from newsdesk.git.history import commits_touching, read_commit

    repo = gitstore.open_repo(room.root)
    reader = audit._Reader(repo, "staff.yaml")
    stories: dict[str, audit._Story] = {}
    for sha, paths in commits_touching(repo, "stories"):
        commit = read_commit(repo, sha)
        roster = reader.roster(commit.parents[0] if commit.parents else None)
        changes: list[audit._Change] = [
            (p, [reader.state(q, p) for q in commit.parents], reader.state(sha, p))
            for p in sorted(paths) if p.endswith(".md")]
        audit._judge_commit(commit, roster, changes, stories)
    return audit._report(room, repo.root, stories)


def _history_with_every_kind_of_change(newsroom: Newsroom) -> None:
    """Clean transitions, a self-publication, a publication inside a merge, a move, a
    deleted published story, a roster change, a story that cannot be parsed and a revert
    to a version read before."""
    published(newsroom, "Snow in Kyiv")
    rel = in_review(newsroom, "Trains return to Kharkiv")
    newsroom.act_as(REPORTER)
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("status: review", "status: published"))
    newsroom.commit_all("publish it myself")
    merged = in_review(newsroom, "Ferries cross the Dnipro")
    newsroom.git("checkout", "-q", "-b", "side")
    newsroom.write("notes.txt", "harmless\n")
    newsroom.commit_all("notes")
    newsroom.git("checkout", "-q", "-")
    newsroom.git("merge", "-q", "--no-ff", "--no-commit", "side")
    target = newsroom.root / merged
    target.write_text(target.read_text().replace("status: review", "status: published"))
    newsroom.commit_all("Merge branch 'side'")
    gone = published(newsroom, "Bridges reopen in Zaporizhzhia")
    moved = "stories/1999/01/" + gone.rsplit("/", 1)[1]
    (newsroom.root / moved).parent.mkdir(parents=True, exist_ok=True)
    newsroom.git("mv", gone, moved)
    newsroom.commit_all("file it under another month")
    newsroom.git("rm", "-q", moved)
    newsroom.commit_all("withdraw quietly")
    newsroom.write("stories/2025/03/broken.md", "---\nid: [unclosed\n---\nText.\n")
    newsroom.commit_all("a broken file")
    staff = newsroom.root / "staff.yaml"
    staff.write_text(staff.read_text().replace("role: editor", "role: reporter", 1))
    newsroom.commit_all("a demotion")
    edited = newsroom.root / in_review(newsroom, "Schools open in Odesa")
    newsroom.act_as(REPORTER)
    edited.write_text(edited.read_text() + "A sentence taken back.\n")
    newsroom.commit_all("an edit")
    newsroom.git("revert", "--no-edit", "HEAD")  # the earlier version, read once more


def test_streamed_parallel_and_one_at_a_time_readings_agree(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    _history_with_every_kind_of_change(newsroom)
    room = Room(newsroom.root)
    streamed = audit.audit(room)
    monkeypatch.setattr(batch, "WORKER_MIN_BLOBS", 0)
    asked_alone = _counting_objects_asked_alone(monkeypatch)
    in_parallel = audit.audit(room)
    in_parallel_asked = asked_alone[:]
    # one version a chunk: each commit is judged while the workers are still reading the
    # versions of later commits, and waits for its own rather than reading it again
    monkeypatch.setattr(batch, "_CHUNK", 1)
    asked_alone.clear()
    interleaved = audit.audit(room)
    assert asked_alone == in_parallel_asked
    simple = _one_object_at_a_time(room)
    assert streamed == in_parallel == interleaved == simple
    checked, problems = streamed
    assert checked >= 5
    assert {p.status for p in problems} >= {"published", "deleted"}
    assert len(problems) >= 3

"""`newsdesk audit`: did every story reach its status the way the workflow allows?

The author of a git commit is whatever the committer typed into `user.email`, so a reporter
can forge `status: published` by hand, or approve their own story under an editor's name only
with a forged email. The audit reads the history of every story and reports each one whose
current status was not reached through an allowed transition by an allowed person, judged
with the roster as it is now. Real enforcement is this audit as a required CI check, plus
protected branches, required reviews and signed commits on the server (docs/security.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk import gitstore
from newsdesk.history import histories
from newsdesk.newsroom import Newsroom
from newsdesk.storyfile import StoryFormatError, parse
from newsdesk.workflow import Actor, allowed

if TYPE_CHECKING:
    import git


@dataclass(frozen=True)
class AuditProblem:
    path: str
    story_id: str
    status: str
    sha: str
    message: str

    def record(self) -> dict[str, Any]:
        return {"path": self.path, "id": self.story_id, "status": self.status,
                "commit": self.sha, "message": self.message}


def _state_at(repo: git.Repo, sha: str, git_rel: str) -> tuple[str, list[str]] | None:
    """(status, byline) of the story in commit `sha`, or None if it was absent or unreadable.
    Blobs come through GitPython's one long-running `git cat-file --batch`."""
    try:
        raw = repo.git.get_object_data(f"{sha}:{git_rel}")[3]
    except ValueError:
        return None
    try:
        data = parse(raw).loaded.data
    except StoryFormatError:
        return None
    if not isinstance(data, dict):
        return None
    byline = data.get("byline")
    return str(data.get("status")), [str(b) for b in byline] if isinstance(byline, list) else []


def _current_status(path: Path) -> str:
    try:
        data = parse(path.read_bytes()).loaded.data
    except (OSError, StoryFormatError):
        return "?"
    return str(data.get("status")) if isinstance(data, dict) else "?"


def audit(newsroom: Newsroom) -> tuple[int, list[AuditProblem]]:
    repo = gitstore.open_repo(newsroom.root)
    work_tree = Path(repo.working_tree_dir or newsroom.root)
    roster = newsroom.roster
    problems: list[AuditProblem] = []
    checked = 0
    everything = histories(repo, newsroom.stories_dir)
    for path, rel in newsroom.each_story():
        checked += 1
        git_rel = path.absolute().relative_to(work_tree).as_posix()
        entries = everything.get(git_rel, [])
        previous: tuple[str, list[str]] | None = None
        last_change: tuple[str, str | None] | None = None  # (sha, reason) of the latest change
        status = ""
        for entry in entries:
            state = _state_at(repo, entry.sha, git_rel)
            if state is None:
                previous = None
                continue
            status, byline = state
            if previous is None:
                reason = None if status == "draft" else (
                    f"the story first appeared with status {status}; new stories start as draft")
                last_change = (entry.sha, reason)
            elif previous[0] != status:
                source = previous[0]
                member = roster.by_email(entry.email)
                actor = Actor(member.id, member.role.value) if member else None
                # Judged against both bylines: an approver may not drop themselves from it.
                reason = allowed(source, status, entry.action, actor,
                                 sorted(set(previous[1]) | set(byline)))
                if reason is None and entry.target not in (None, status):
                    reason = f"the commit says {entry.target} but the file says {status}"
                if reason is not None:
                    reason += f" (by {entry.author} <{entry.email}>)"
                last_change = (entry.sha, reason)
            previous = state
        if last_change is not None and last_change[1] is not None:
            problems.append(AuditProblem(rel, path.stem, status, last_change[0], last_change[1]))
        elif not entries:
            current = _current_status(path)
            if current != "draft":
                problems.append(AuditProblem(rel, path.stem, current, "",
                                             f"the story is {current} but was never committed"))
    return checked, problems

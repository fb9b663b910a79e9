"""`newsdesk sync`: bring the newsroom up to date with its remote and share local commits.

Pull with rebase (newsdesk commits are small and per story, so they replay cleanly), then
push. When two people changed the same story, the rebase is aborted so that both versions
stay exactly as they were, and the message says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk import gitstore
from newsdesk.errors import EnvironmentProblem, Refused
from newsdesk.newsroom import Newsroom

if TYPE_CHECKING:
    import git


@dataclass(frozen=True)
class Synced:
    pulled: int
    pushed: int
    branch: str
    remote: str


def sync(newsroom: Newsroom) -> Synced:
    from newsdesk import changes

    with changes.locked(newsroom) as repo:
        gitstore.check_ready(repo)
        branch = repo.active_branch.name
        tracking = repo.active_branch.tracking_branch()
        if tracking is None:
            remotes = [r.name for r in repo.remotes]
            if not remotes:
                raise EnvironmentProblem("this newsroom has no git remote to sync with "
                                         "(git remote add origin URL)")
            remote, upstream = remotes[0], f"{remotes[0]}/{branch}"
        else:
            remote, upstream = tracking.remote_name, tracking.name
        gitstore.run_git(repo, "fetch", "--quiet", "--", remote)
        has_upstream = _rev_exists(repo, upstream)
        before = gitstore.run_git(repo, "rev-parse", "HEAD")
        pulled = 0
        if has_upstream:
            pulled = int(gitstore.run_git(repo, "rev-list", "--count",
                                          f"HEAD..{upstream}") or 0)
            try:
                gitstore.run_git(repo, "rebase", "--quiet", "--autostash",
                                 upstream)
            except EnvironmentProblem:
                conflicted = gitstore.run_git(
                    repo, "diff", "--name-only", "--diff-filter=U").split()
                gitstore.run_git(repo, "rebase", "--abort")
                after = gitstore.run_git(repo, "rev-parse", "HEAD")
                assert after == before, "rebase --abort must restore the branch"
                files = ", ".join(conflicted) or "the same files"
                raise Refused(
                    f"your commits and {upstream} both changed {files}; nothing was lost: "
                    f"your branch is as it was and {upstream} is untouched. To combine them, "
                    f"run 'git pull --rebase', merge the two versions of each story in an "
                    f"editor, 'git add' them, 'git rebase --continue', then 'newsdesk sync' "
                    f"again (or ask the other writer which version stands)") from None
        ahead = int(gitstore.run_git(repo, "rev-list", "--count",
                                     f"{upstream}..HEAD" if has_upstream else "HEAD") or 0)
        if ahead:
            gitstore.run_git(repo, "push", "--quiet", remote,
                             f"HEAD:refs/heads/{branch}")
    return Synced(pulled, ahead, branch, remote)


def _rev_exists(repo: git.Repo, rev: str) -> bool:
    try:
        gitstore.run_git(repo, "rev-parse", "--verify", "--quiet",
                         f"{rev}^{{commit}}")
    except EnvironmentProblem:
        return False
    return True

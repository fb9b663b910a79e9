"""`newsdesk sync`: bring the newsroom up to date with its remote and share local commits.

Pull with rebase (newsdesk commits are small and per story, so they replay cleanly), then
push. When two people changed the same story, the rebase is aborted so that both versions
stay exactly as they were, and the message says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.errors import EnvironmentProblem, Refused
from newsdesk.git import store as gitstore
from newsdesk.newsroom import Newsroom

if TYPE_CHECKING:
    from newsdesk.git.store import Repository


@dataclass(frozen=True)
class Synced:
    pulled: int
    pushed: int
    branch: str
    remote: str
    rolled_back: bool = False  # an interrupted earlier sync was undone first


def sync(newsroom: Newsroom) -> Synced:
    from newsdesk.git import changes

    rolled_back = False
    with changes.locked(newsroom) as repo:
        if (repo.git_dir / "rebase-merge").exists() \
                or (repo.git_dir / "rebase-apply").exists():
            # a sync killed mid-rebase: going back to where it started loses nothing
            gitstore.run_git(repo, "rebase", "--abort")
            rolled_back = True
        gitstore.check_ready(repo)
        dirty = [line[3:] for line in gitstore.run_git(
            repo, "status", "--porcelain", "--untracked-files=no").splitlines() if line]
        if dirty:
            raise Refused(
                f"{', '.join(dirty[:5])}{' and more' if len(dirty) > 5 else ''} "
                f"{'has' if len(dirty) == 1 else 'have'} uncommitted changes; commit them "
                "(newsdesk edit, or git commit) or put them aside (git stash) before syncing, "
                "so that nothing is merged into them unseen (nothing was changed)")
        branch = repo.raw.active_branch.name
        tracking = repo.raw.active_branch.tracking_branch()
        if tracking is None:
            remotes = [r.name for r in repo.raw.remotes]
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
                gitstore.run_git(repo, "rebase", "--quiet", upstream)
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
    return Synced(pulled, ahead, branch, remote, rolled_back)


def _rev_exists(repo: Repository, rev: str) -> bool:
    try:
        gitstore.run_git(repo, "rev-parse", "--verify", "--quiet",
                         f"{rev}^{{commit}}")
    except EnvironmentProblem:
        return False
    return True

"""What an editor looks at: the queue of stories in review, and one story with its findings,
its review comments and what changed since it was last submitted."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.check.findings import SEVERITIES
from newsdesk.check.story_cache import kept_findings
from newsdesk.git import store as gitstore
from newsdesk.git.history import Entry, story_history
from newsdesk.models.enums import Severity, Status
from newsdesk.newsroom import Newsroom
from newsdesk.timefmt import for_people, iso_utc

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from newsdesk.check.findings import Finding
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory
    from newsdesk.story.store import Readable


@dataclass
class QueueItem:
    story_id: str
    headline: str
    desk: str
    byline: list[str]
    submitted: dt.datetime
    waiting: dt.timedelta
    counts: dict[str, int]
    path: str

    def record(self) -> dict[str, Any]:
        return {"id": self.story_id, "headline": self.headline, "desk": self.desk,
                "byline": self.byline, "submitted": iso_utc(self.submitted),
                "waiting_seconds": int(self.waiting.total_seconds()),
                "findings": self.counts, "path": self.path}


def review_queue(newsroom: Newsroom, stories: list[Readable] | None = None
                 ) -> list[QueueItem]:
    """Stories in review, longest waiting first. `stories`: the newsroom's stories when the
    caller has read them already (the dashboard), so that each is read once."""
    from newsdesk.git.history import last_submits
    from newsdesk.git.history_index import HistoryIndex
    from newsdesk.story.store import readable_with_status

    if stories is None:  # a broken story is validate's business, not the queue's
        stories = list(readable_with_status(newsroom, Status.REVIEW))
    in_review = [item for item in stories if item.story.status == Status.REVIEW]
    if not in_review:
        return []
    repo = gitstore.open_repo(newsroom.root)
    submits = last_submits(repo, [item.path for item in in_review], newsroom.stories_dir,
                           HistoryIndex.of(newsroom, repo))
    now = dt.datetime.now(dt.UTC)
    findings_of = kept_findings(newsroom)
    with newsroom.month_folders_kept():
        items = [_queued(item, submits, findings_of, now) for item in in_review]
    items.sort(key=lambda i: i.submitted)
    return items


def _queued(item: Readable, submits: dict[Path, Entry], findings_of: Callable[
        [ParsedStory, str, str], list[Finding]], now: dt.datetime) -> QueueItem:
    """One story's line in the queue: when it was submitted, what its check found."""
    path, rel, parsed, story = item.path, item.rel, item.parsed, item.story
    submit = submits.get(path)
    submitted = submit.when if submit else story.updated
    checked = findings_of(parsed, rel, path.stem)
    findings = [f for f in checked if not f.suppressed]
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    # an error silenced in the story is the editor's business: always shown
    counts["suppressed_error"] = sum(1 for f in checked
                                     if f.suppressed and f.severity == Severity.ERROR)
    return QueueItem(story.id, story.headline, story.desk, list(story.byline), submitted,
                     now - submitted, counts, rel)


@dataclass
class ReviewView:
    story: Story
    path: str
    findings: list[Finding]
    diff: list[str] | None  # None: no earlier submission to compare with
    previous_sha: str
    comments: list[Entry]

    def record(self) -> dict[str, Any]:
        return {"id": self.story.id, "path": self.path,
                "story": self.story.model_dump(mode="json"),
                "findings": [f.record() for f in self.findings],
                "diff": None if self.diff is None else "".join(self.diff),
                "comments": [{"action": e.action, "author": e.author, "email": e.email,
                              "when": iso_utc(e.when), "comment": e.comment}
                             for e in self.comments]}


def review_view(newsroom: Newsroom, story_id: str) -> ReviewView:
    from newsdesk.git.history_index import HistoryIndex
    from newsdesk.story.store import load

    path, parsed, story = load(newsroom, story_id)
    rel = newsroom.relative(path)
    # from the findings cache: the editor opens a story the queue has just checked
    findings = [f for f in kept_findings(newsroom)(parsed, rel, path.stem)
                if not f.suppressed or f.severity == Severity.ERROR]
    repo = gitstore.open_repo(newsroom.root)
    entries = story_history(repo, path, HistoryIndex.of(newsroom, repo))
    submits = [e for e in entries if e.action == "submit"]
    diff: list[str] | None = None
    previous = ""
    if len(submits) >= 2:
        previous = submits[-2].sha

        work_tree = repo.root
        git_rel = path.absolute().relative_to(work_tree).as_posix()
        old = gitstore.run_git(repo, "show", f"{previous}:{git_rel}")
        new = parsed.source.text
        diff = list(difflib.unified_diff(
            (old.replace("\r\n", "\n") + "\n").splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{rel} (submitted {for_people(submits[-2].when)})",
            tofile=f"{rel} (now)"))
    comments = [e for e in entries if e.comment]
    return ReviewView(story, rel, findings, diff, previous, comments)


def comments_for(newsroom: Newsroom, story_id: str) -> list[Entry]:
    from newsdesk.git.history_index import HistoryIndex

    path = newsroom.story_path(story_id)
    repo = gitstore.open_repo(newsroom.root)
    return [e for e in story_history(repo, path, HistoryIndex.of(newsroom, repo))
            if e.comment]

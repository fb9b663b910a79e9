"""`submit`, `review`, `correct`, `spike`, `kill`, `log`: moving stories through the desk."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from newsdesk.cli.output import echo, info, print_json, story_progress, use_colour, warn
from newsdesk.errors import UsageError
from newsdesk.newsroom import Newsroom
from newsdesk.timefmt import age, for_people, iso_utc
from newsdesk.workflow.table import Action

if TYPE_CHECKING:
    from newsdesk.check.findings import Finding
    from newsdesk.git.history import Entry


def _print_findings(newsroom: Newsroom, findings: list[Finding], stream: Any = None) -> None:
    from newsdesk.check.findings import Report
    from newsdesk.cli.validate_cmd import render

    if not findings:
        return
    report = Report(files_checked=1, findings=[f for f in findings if not f.suppressed],
                    suppressed=[f for f in findings if f.suppressed])
    text = render(newsroom, report, "text", show_suppressed=True)
    (stream or sys.stdout).write(text + "\n")


def transition(story_id: str, action: Action, comment: str | None) -> None:
    from newsdesk.workflow.transitions import RefusedWithFindings, move

    newsroom = Newsroom.find()
    try:
        moved = move(newsroom, story_id, action, comment)
    except RefusedWithFindings as refused:
        _print_findings(newsroom, refused.findings)
        raise
    from newsdesk.cli import output

    if moved.findings and not output.QUIET:
        note = "; the editor will see them" if action == Action.SUBMIT else ""
        warn(f"{story_id} has {len(moved.findings)} finding(s){note}:")
        _print_findings(newsroom, moved.findings, sys.stderr)
    info(f"{moved.story_id}: {moved.source} -> {moved.target} ({moved.commit[:10]})")


def review(story_id: str | None, approve: bool, request_changes: bool, comment: str | None,
           output: str) -> None:
    if approve and request_changes:
        raise UsageError("choose one of --approve and --request-changes")
    if story_id is None:
        if approve or request_changes or comment:
            raise UsageError("--approve and --request-changes need a story id")
        queue(output)
        return
    if approve:
        transition(story_id, Action.APPROVE, comment)
    elif request_changes:
        transition(story_id, Action.REQUEST_CHANGES, comment)
    else:
        if comment:
            raise UsageError("-m goes with --approve or --request-changes")
        review_one(story_id, output)


def queue(output: str) -> None:
    from newsdesk.workflow.review import review_queue

    newsroom = Newsroom.find()
    items = review_queue(newsroom)
    if output == "json":
        print_json([item.record() for item in items])
        return
    if not items:
        echo("the review queue is empty")
        return
    width = max(len(i.story_id) for i in items)
    for item in items:
        counts = ", ".join(f"{n} {s.replace('_', ' ')}{'s' if n != 1 else ''}"
                           for s, n in item.counts.items() if n) or "clean"
        echo(f"{item.story_id:<{width}}  {item.desk:<14}  {age(item.waiting):>8}  "
             f"{', '.join(item.byline)}  [{counts}]  {item.headline}")


def review_one(story_id: str, output: str) -> None:
    from newsdesk.workflow.review import review_view

    newsroom = Newsroom.find()
    view = review_view(newsroom, story_id)
    if output == "json":
        print_json(view.record())
        return
    story = view.story
    echo(f"{story.headline}  [{story.status.value}]")
    if story.dek:
        echo(story.dek)
    echo(f"by {', '.join(story.byline)} · desk {story.desk} · {view.path}")
    echo("")
    if view.findings:
        _print_findings(newsroom, view.findings)
    else:
        echo("findings: none")
    echo("")
    if view.diff is None:
        echo("first submission: no earlier submitted version to compare with")
    elif not view.diff:
        echo("no changes since the last submission")
    else:
        echo(f"changes since the previous submission ({view.previous_sha[:10]}):")
        colour = use_colour()
        for line in view.diff:
            if colour and line.startswith("+") and not line.startswith("+++"):
                line = f"\x1b[32m{line}\x1b[0m"
            elif colour and line.startswith("-") and not line.startswith("---"):
                line = f"\x1b[31m{line}\x1b[0m"
            echo(line.rstrip("\n"))
    for entry in view.comments:
        echo("")
        echo(f"{entry.action} by {entry.author} on {for_people(entry.when)}: {entry.comment}")


def log(story_id: str, output: str) -> None:
    from newsdesk.git import store as gitstore
    from newsdesk.git.history import story_history
    from newsdesk.git.history_index import HistoryIndex

    newsroom = Newsroom.find()
    path = newsroom.story_path(story_id)
    repo = gitstore.open_repo(newsroom.root)
    entries = story_history(repo, path, HistoryIndex.of(newsroom, repo))
    if output == "json":
        print_json([_entry_record(e) for e in entries])
        return
    if not entries:
        echo(f"{story_id}: no commits yet")
        return
    for entry in entries:
        what = entry.action or "edit (outside newsdesk)"
        echo(f"{for_people(entry.when)}  {entry.sha[:10]}  "
             f"{entry.author} <{entry.email}>  {what}  {entry.transition}".rstrip())
        if entry.comment:
            for line in entry.comment.splitlines():
                echo(f"    {line}")


def run_audit(output: str, since: str | None = None) -> int:

    from newsdesk.workflow.audit import audit

    newsroom = Newsroom.find()
    with story_progress(newsroom, "Auditing"):
        checked, problems = audit(newsroom, since)
    if output == "json":
        print_json({"stories_checked": checked, "problems": [p.record() for p in problems]})
    else:
        for problem in problems:
            echo(f"{problem.path}: {problem.status}: {problem.message}"
                 + (f" [{problem.sha[:10]}]" if problem.sha else ""))
        scope = f" changed since {since}" if since else ""
        echo(f"{checked} stor{'y' if checked == 1 else 'ies'}{scope} audited: "
             f"{len(problems)} problem"
             f"{'s' if len(problems) != 1 else ''}")
    return 1 if problems else 0


def run_sync() -> None:
    from newsdesk.git.sync import sync

    result = sync(Newsroom.find())
    if result.rolled_back:
        warn("an interrupted earlier sync was rolled back to where it started first")
    info(f"synced {result.branch} with {result.remote}: {result.pulled} commit"
         f"{'s' if result.pulled != 1 else ''} in, {result.pushed} out")


def run_index() -> None:
    from newsdesk.newsroom.upkeep import make_indexes

    made = make_indexes(Newsroom.find())
    info(f"indexed {made.commits} commit{'s' if made.commits != 1 else ''} that changed a "
         f"story and {made.stories} stor{'y' if made.stories == 1 else 'ies'} (text index: "
         f"{made.searchable} file{'s' if made.searchable != 1 else ''}); git's commit-graph "
         "written")


def _entry_record(entry: Entry) -> dict[str, Any]:
    return {"sha": entry.sha, "author": entry.author, "email": entry.email,
            "when": iso_utc(entry.when), "action": entry.action, "from": entry.source,
            "to": entry.target, "comment": entry.comment, "subject": entry.subject}


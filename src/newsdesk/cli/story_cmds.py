"""`new`, `list`, `show`, `edit`: a reporter's commands."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from newsdesk.cli.output import echo, index_progress, info, print_json, story_progress, warn
from newsdesk.errors import EnvironmentProblem, UsageError
from newsdesk.newsroom import Newsroom
from newsdesk.timefmt import for_people, iso_utc

if TYPE_CHECKING:
    from newsdesk.story.catalog import Filters


def new(headline: str | None, desk: str | None, byline: list[str], story_id: str | None,
        output: str, template: str | None = None) -> None:
    from newsdesk.story.ids import check_id
    from newsdesk.story.store import create_story

    if story_id is not None:
        check_id(story_id)  # before anything else touches the file system or git
    newsroom = Newsroom.find()
    member = newsroom.acting_member()
    if headline is None:
        if not sys.stdin.isatty():
            raise UsageError("--headline is required when not on a terminal")
        headline = typer.prompt("Headline")
    created = create_story(newsroom, member, headline, desk, byline, story_id, template)
    if output == "json":
        print_json({"id": created.id, "path": created.path, "status": created.status})
    else:
        echo(created.path)


def filters(status: str | None, desk: str | None, byline: str | None, tag: str | None,
            since: str | None) -> Filters:
    """The list and search filters as one record, checked."""
    from newsdesk.models.enums import Status
    from newsdesk.story.catalog import Filters, parse_since

    if status is not None and status not in {s.value for s in Status}:
        raise UsageError(f"--status must be one of {', '.join(s.value for s in Status)}")
    return Filters(status, desk, byline, tag, parse_since(since))


def list_stories(chosen: Filters, sort_key: str, reverse: bool, output: str) -> None:
    from newsdesk.story.catalog import sort
    from newsdesk.story.store import summaries

    newsroom = Newsroom.find()
    problems: list[str] = []
    with index_progress(newsroom):
        rows = sort([s for s in summaries(newsroom, problems, chosen.status)
                     if chosen.match(s)], sort_key,
                    reverse)
    for problem in problems:
        warn(f"skipped {problem}")
    if output == "json":
        print_json([r.record() for r in rows])
        return
    if not rows:
        info("no stories match")
        return
    width = max(len(r.id) for r in rows)
    for r in rows:
        echo(f"{r.id:<{width}}  {r.status:<9}  {r.updated[:16].replace('T', ' ')}  "
             f"{', '.join(r.byline)}  {r.headline}")


def search(text: str, chosen: Filters, output: str) -> int:
    from newsdesk.story.catalog import search as run_search

    newsroom = Newsroom.find()
    problems: list[str] = []
    with story_progress(newsroom, "Searching"):
        hits = run_search(newsroom, text, chosen, problems)
    for problem in problems:
        warn(f"skipped {problem}")
    if output == "json":
        print_json([hit.record() for hit in hits])
        return 0  # an empty list is the answer in JSON
    for hit in hits:
        echo(f"{hit.path}:{hit.line}: [{hit.field}] {hit.text}")
    if not hits:
        info(f"no story mentions {text!r}")
        return 1
    return 0


def show(story_id: str, output: str) -> None:
    from newsdesk.check.story_cache import kept_findings
    from newsdesk.story.store import load

    newsroom = Newsroom.find()
    path, parsed, story = load(newsroom, story_id)
    rel = newsroom.relative(path)
    findings = kept_findings(newsroom)(parsed, rel, path.stem)
    active = [f for f in findings if not f.suppressed]
    comments = _comments(newsroom, story_id)
    if output == "json":
        print_json({"path": rel, "story": story.model_dump(mode="json"),
                    "body": parsed.source.body,
                    "findings": [f.record() for f in active],
                    "comments": [{"action": e.action, "author": e.author, "email": e.email,
                                  "when": iso_utc(e.when), "comment": e.comment}
                                 for e in comments]})
        return
    echo(story.headline)
    if story.dek:
        echo(story.dek)
    echo("")
    fields: list[tuple[str, Any]] = [
        ("id", story.id), ("status", story.status.value), ("desk", story.desk),
        ("byline", ", ".join(story.byline)), ("created", _when(story.created)),
        ("updated", _when(story.updated)), ("published", _when(story.published_at)),
        ("embargo until", _when(story.embargo_until)), ("tags", ", ".join(story.tags)),
        ("images", len(story.images)), ("related", ", ".join(story.related)), ("path", rel),
    ]
    for name, value in fields:
        if value not in (None, "", 0):
            echo(f"  {name + ':':<15}{value}")
    if story.people:
        echo("  people:")
        for person in story.people:
            callsign = f' "{person.callsign}"' if person.callsign else ""
            echo(f"    - {person.name}{callsign} ({person.role.value})")
    if story.editor_note:
        echo(f"  editor's note: {story.editor_note}")
    for correction in story.corrections:
        echo(f"  correction ({correction.date}): {correction.text}")
    if story.kill_reason:
        echo(f"  killed because: {story.kill_reason}")
    echo("")
    for entry in comments:
        echo(f"{entry.action or 'comment'} by {entry.author} "
             f"({for_people(entry.when)}): {entry.comment}")
    if comments:
        echo("")
    if active:
        echo(f"findings ({len(active)}):")
        for f in active:
            echo(f"  {f.line}:{f.column}  {f.severity}  {f.message}  [{f.rule}]")
    else:
        echo("findings: none")


def _comments(newsroom: Newsroom, story_id: str) -> list[Any]:
    """Review comments from git history; a newsroom folder that is not (yet) a git
    repository simply has none."""
    from newsdesk.workflow.review import comments_for

    try:
        return comments_for(newsroom, story_id)
    except EnvironmentProblem:
        return []


def _when(value: dt.datetime | None) -> str | None:
    return for_people(value) if value else None


def edit(story_id: str) -> None:
    """Open the story in $VISUAL/$EDITOR until it is saved, refused or left unchanged: the
    rules of editing live in `workflow.edit`; here only the editor and the questions."""
    from newsdesk.workflow import edit as editing

    session = editing.begin(Newsroom.find(), story_id)
    try:
        while True:
            _run_editor(session.scratch)
            edited = session.scratch.read_bytes()
            if edited == session.original:
                info(f"{session.rel}: no changes")
                return
            result, problem = editing.check(session, edited)
            if result is not None:
                break
            if not (sys.stdin.isatty() and typer.confirm(f"{problem}\nEdit again?",
                                                         default=True)):
                editing.refuse(session, edited, problem or "the edit cannot be saved")
    finally:
        editing.end(session)
    assert result is not None  # the loop leaves only with a story that can be saved
    editing.save(session, result, edited)
    info(f"{session.rel}: saved and committed")


def _run_editor(path: Path) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = [*shlex.split(editor), str(path)]
        completed = subprocess.run(command, check=False)
    except (OSError, ValueError) as error:
        raise EnvironmentProblem(f"cannot start the editor {editor!r}: {error}") from None
    if completed.returncode != 0:
        raise EnvironmentProblem(
            f"the editor {editor!r} exited with status {completed.returncode}; nothing was saved")

"""`export` and `preview`."""

from __future__ import annotations

import tempfile
from pathlib import Path

from newsdesk.cli.output import echo, story_progress, warn
from newsdesk.newsroom import Newsroom


def export(ids: list[str], fmt: str, out: Path, include_unpublished: bool) -> int:
    from newsdesk.export.run import export as run_export

    newsroom = Newsroom.find()
    with story_progress(newsroom, "Exporting"):
        result = run_export(newsroom, ids, fmt, out, include_unpublished)
    for story_id, why in result.skipped:
        warn(f"skipped {story_id}: {why} (--include-unpublished exports it for a preview)")
    for story_id, findings in result.blocked:
        first = findings[0]
        warn(f"not exported {story_id}: {len(findings)} error finding(s), first "
             f"{first.path}:{first.line}:{first.column}: {first.message} [{first.rule}]")
    for problem in result.unreadable:
        warn(f"not exported (unreadable): {problem}")
    for path in result.written:
        echo(str(path))
    return 1 if result.blocked or result.unreadable else 0


def preview(story_id: str, open_browser: bool) -> None:
    from newsdesk.export.run import preview as run_preview
    from newsdesk.story.ids import check_id

    newsroom = Newsroom.find()
    newsroom.story_path(check_id(story_id))  # a bad or unknown id creates nothing
    folder = Path(tempfile.mkdtemp(prefix=f"newsdesk-preview-{story_id}-"))
    page = run_preview(newsroom, story_id, folder)
    echo(str(page))
    if open_browser:
        import webbrowser

        webbrowser.open(page.as_uri())


def report(out: Path) -> None:
    from newsdesk.export import dashboard

    newsroom = Newsroom.find()
    data = dashboard.collect(newsroom)
    for problem in data.unreadable:
        warn(f"unreadable: {problem}")
    echo(str(dashboard.write(data, out, newsroom.root)))

"""`newsdesk edit`: a story changed in the writer's own editor, by the rules of the workflow.

Who may edit (an editor, or someone on the byline, while the story is a draft or in review),
where the editor's copy lives (outside `stories/`, so nothing reads it as a story even if
newsdesk is killed while the editor is open), what an edit must keep (a story that parses,
the same status: status changes only through transitions), and the commit under the lock
(refused when the file changed on disk meanwhile). A refused edit is never lost: it is kept
under `.newsdesk/rescued/`. The CLI only runs the editor and asks whether to try again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from newsdesk.errors import Refused
from newsdesk.models.enums import Status

if TYPE_CHECKING:
    from newsdesk.models.staff import StaffMember
    from newsdesk.newsroom import Newsroom
    from newsdesk.story.reader import ParsedStory


@dataclass(frozen=True)
class EditSession:
    newsroom: Newsroom
    story_id: str
    path: Path
    rel: str
    status: Status
    original: bytes
    scratch: Path  # the copy the editor opens
    member: StaffMember


def begin(newsroom: Newsroom, story_id: str) -> EditSession:
    """Check that the acting member may edit the story, and lay out the editor's copy."""
    from newsdesk.newsroom import STATE_DIR
    from newsdesk.story.store import load
    from newsdesk.workflow.table import Actor, Who, may

    member = newsroom.acting_member()
    path, _, story = load(newsroom, story_id)
    if story.status not in (Status.DRAFT, Status.REVIEW):
        raise Refused(f"{story_id} is {story.status.value}: only drafts and stories in review "
                      "are edited; a published story changes through 'newsdesk correct'")
    if not may(Who.EDITOR_OR_ON_BYLINE, Actor(member.id, member.role.value), story.byline):
        raise Refused(f"{story_id} may be edited by an editor or someone on its byline; "
                      f"you are {member.id} ({member.role.value})")
    original = path.read_bytes()
    scratch = newsroom.root / STATE_DIR / "editing" / f"{story_id}.md"
    scratch.parent.mkdir(parents=True, exist_ok=True)
    scratch.write_bytes(original)
    return EditSession(newsroom, story_id, path, newsroom.relative(path), story.status,
                       original, scratch, member)


def check(session: EditSession, edited: bytes) -> tuple[ParsedStory | None, str | None]:
    """The edited story, or why it cannot be saved (with its file position)."""
    from newsdesk.story.reader import StoryFormatError, parse, read_model

    rel = session.rel
    try:
        result = parse(edited, session.newsroom.config.limits.max_story_bytes)
    except StoryFormatError as error:
        return None, f"{rel}:{error.line}:{error.column}: {error.message}"
    read_model(result, session.path.stem)
    if result.model is None:
        first = result.problems[0]
        return None, f"{rel}:{first.line}:{first.column}: {first.message}"
    if result.model.status != session.status:
        line, column = result.where(("status",))
        return None, (f"{rel}:{line}:{column}: the status changes only through the workflow "
                      "(submit, review, correct, spike, kill), not by editing it")
    return result, None


def end(session: EditSession) -> None:
    session.scratch.unlink(missing_ok=True)


def save(session: EditSession, result: ParsedStory, edited: bytes) -> None:
    """Commit the edit (with a fresh `updated`), unless the file changed on disk meanwhile."""
    from newsdesk.git import changes
    from newsdesk.story.store import now
    from newsdesk.story.writer import update_front_matter

    def touch(data: Any) -> None:
        data["updated"] = now()

    text = update_front_matter(result.source, touch)
    with changes.locked(session.newsroom) as repo:
        if session.path.read_bytes() != session.original:
            refuse(session, edited, f"{session.rel} changed on disk while you were editing")
        message = changes.commit_message("edit", session.story_id, session.status.value)
        changes.apply(session.newsroom, repo, {session.path: result.source.encode(text)},
                      message, session.member)


def refuse(session: EditSession, edited: bytes, reason: str) -> NoReturn:
    """Keep the writer's text somewhere safe, then refuse: the story file stays as it was."""
    from newsdesk.atomic import write_bytes_atomic
    from newsdesk.newsroom import STATE_DIR

    newsroom = session.newsroom
    rescue_dir = newsroom.root / STATE_DIR / "rescued"
    rescue_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    rescue = rescue_dir / f"{session.story_id}-{stamp}.md"
    counter = 1
    while rescue.exists():  # a second refused edit never overwrites the first
        counter += 1
        rescue = rescue_dir / f"{session.story_id}-{stamp}-{counter}.md"
    write_bytes_atomic(rescue, edited)
    raise Refused(f"{reason}; the story was not changed, your edit is saved in "
                  f"{newsroom.relative(rescue)}")

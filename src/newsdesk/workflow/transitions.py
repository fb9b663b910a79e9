"""Making a workflow transition happen: check the table, change the front matter, validate
what would go live, write and commit, or refuse and change nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from newsdesk.check.findings import Finding
from newsdesk.errors import FileProblem, Refused
from newsdesk.git import changes
from newsdesk.models.enums import Severity
from newsdesk.newsroom import Newsroom
from newsdesk.workflow.table import Action, Actor, decide


class RefusedWithFindings(Refused):
    """A transition to `published` refused because the story has error findings."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


@dataclass
class Moved:
    story_id: str
    path: str
    source: str
    target: str
    commit: str
    findings: list[Finding] = field(default_factory=list)


def move(newsroom: Newsroom, story_id: str, action: Action, comment: str | None = None) -> Moved:
    from newsdesk.check.validation import build_engine
    from newsdesk.git import store as gitstore
    from newsdesk.newsroom import CONFIG_FILE, STAFF_FILE
    from newsdesk.story.store import load, now
    from newsdesk.story.writer import rewrite_front_matter, set_fields

    with changes.locked(newsroom) as repo:
        try:
            path, parsed, story = load(newsroom, story_id)
        except FileProblem as problem:
            raise Refused(f"{problem.message}; fix the story before it can move") from None
        rel = newsroom.relative(path)
        # Who may do what, the byline and the text are decided from what is committed: a
        # transition never carries edits nobody committed, and never reads a roster or rule
        # settings someone changed in their working copy.
        dirty = gitstore.uncommitted(repo, [path, newsroom.root / STAFF_FILE,
                                            newsroom.root / CONFIG_FILE])
        if dirty:
            raise Refused(
                f"cannot {action.value} {story_id}: {', '.join(dirty)} "
                f"{'has' if len(dirty) == 1 else 'have'} changes that are not committed, and "
                "a transition never carries them; commit them (newsdesk edit, or git commit) "
                "or discard them (git restore FILE) first (nothing was changed)")
        member = newsroom.acting_member()
        actor = Actor(member.id, member.role.value)
        source = story.status.value
        transition = decide(action, source, actor, story.byline, comment)
        if action == Action.APPROVE:
            from newsdesk.workflow.audit import writers_since_approval

            if member.email.lower() in writers_since_approval(newsroom, repo, path):
                raise Refused(
                    f"approve must be made by an editor who did not write or change "
                    f"{story_id} since its last approval; you changed its text (two people "
                    "see every story: ask another editor)")
        moment = now()
        fields: dict[str, str | dt.datetime] = {"status": transition.target.value,
                                               "updated": moment}
        if action == Action.APPROVE:
            fields["published_at"] = moment

        def change(data: Any) -> None:
            for key, value in fields.items():
                data[key] = value
            if action == Action.CORRECT:
                corrections = data.get("corrections")
                entry = {"date": moment, "text": " ".join((comment or "").split())}
                if corrections is None:
                    data["corrections"] = [entry]
                else:
                    corrections.append(entry)
            if action == Action.KILL:
                data["kill_reason"] = " ".join((comment or "").split())

        # a correction grows a list and a kill may add a field: the round-trip writer's
        # work; the other transitions rewrite their fields' lines (set_fields)
        rewritten = rewrite_front_matter(parsed.source, change) \
            if action in (Action.CORRECT, Action.KILL) else set_fields(parsed, fields)
        new_bytes = parsed.source.encode(rewritten.source.text)
        engine = build_engine(newsroom)
        # the story as it would go live, checked from the parse the writer made to verify it
        # (the size limit still applies to the bytes that would be written)
        checked = engine.check_bytes(new_bytes, rel, story_id) \
            if len(new_bytes) > engine.max_bytes else \
            engine.check_parsed(rewritten, rel, story_id)
        findings = [f for f in checked if not f.suppressed]
        errors = [f for f in findings if f.severity == Severity.ERROR]
        if transition.goes_live and errors:
            raise RefusedWithFindings(
                f"{story_id} cannot be {transition.target}: {len(errors)} error finding"
                f"{'s' if len(errors) != 1 else ''} (nothing was changed)", findings)
        git_rel = repo.relative(path)

        def message(blobs: dict[str, str]) -> str:
            # the exact file this transition publishes, for `audit` to hold it to
            return changes.commit_message(action.value, story_id, transition.target, source,
                                          comment, blob=blobs[git_rel])

        commit = changes.apply(newsroom, repo, {path: new_bytes}, message, member)
    return Moved(story_id, rel, source, transition.target, commit.sha, findings)

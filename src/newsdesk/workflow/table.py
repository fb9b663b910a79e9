"""The editorial workflow: which transitions exist, from which status, and who may make them.

One table, no side effects: commands ask `decide()` before touching anything, and
`newsdesk audit` asks `allowed()` of every status change it finds in git history.

    draft --submit--> review --approve--> published --correct--> published
      ^                 |                     |
      +-request-changes-+                     +--kill--> killed
    draft/review --spike--> spiked
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from newsdesk.errors import Refused, UsageError
from newsdesk.models.enums import StaffRole, Status


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_CHANGES = "request-changes"
    CORRECT = "correct"
    SPIKE = "spike"
    KILL = "kill"


class Who(StrEnum):
    """Who may make a transition. Two people see every published story: an approving or
    returning editor is never on the story's byline."""

    ON_BYLINE = "a reporter or editor on the byline"
    EDITOR_NOT_ON_BYLINE = "an editor who is not on the byline"
    EDITOR_OR_ON_BYLINE = "an editor, or someone on the byline"
    EDITOR = "an editor"


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status
    who: Who
    needs_comment: bool = False
    goes_live: bool = False  # refused while the story has error-severity findings

    def describe(self) -> str:
        return f"{self.action.value} (-> {self.target}, by {self.who.value})"


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Action.SUBMIT, frozenset({Status.DRAFT}), Status.REVIEW, Who.ON_BYLINE),
    Transition(Action.APPROVE, frozenset({Status.REVIEW}), Status.PUBLISHED,
               Who.EDITOR_NOT_ON_BYLINE, goes_live=True),
    Transition(Action.REQUEST_CHANGES, frozenset({Status.REVIEW}), Status.DRAFT,
               Who.EDITOR_NOT_ON_BYLINE, needs_comment=True),
    Transition(Action.CORRECT, frozenset({Status.PUBLISHED}), Status.PUBLISHED,
               Who.EDITOR_OR_ON_BYLINE, needs_comment=True, goes_live=True),
    Transition(Action.SPIKE, frozenset({Status.DRAFT, Status.REVIEW}), Status.SPIKED,
               Who.EDITOR_OR_ON_BYLINE),
    Transition(Action.KILL, frozenset({Status.PUBLISHED}), Status.KILLED, Who.EDITOR,
               needs_comment=True),
)


@dataclass(frozen=True)
class Actor:
    staff_id: str
    role: str  # reporter | editor


def may(who: Who, actor: Actor, byline: Sequence[str]) -> bool:
    on_byline = actor.staff_id in byline
    editor = actor.role == StaffRole.EDITOR
    return {
        Who.ON_BYLINE: on_byline,
        Who.EDITOR_NOT_ON_BYLINE: editor and not on_byline,
        Who.EDITOR_OR_ON_BYLINE: editor or on_byline,
        Who.EDITOR: editor,
    }[who]


def find(action: Action, status: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.action == action and status in t.sources), None)


def possible_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if status in t.sources]


def allowed(source: str, target: str, action: str | None, actor: Actor | None,
            byline: Sequence[str]) -> str | None:
    """Why a status change seen in history is not allowed, or None when it is."""
    if action is None:
        return f"status changed {source} -> {target} without a newsdesk transition"
    try:
        transition = find(Action(action), source)
    except ValueError:
        return f"unknown newsdesk action {action!r}"
    if transition is None or transition.target != target:
        return f"{action} cannot take a story from {source} to {target}"
    if actor is None:
        return f"{action} was made by someone not on the roster"
    if not may(transition.who, actor, byline):
        return f"{action} must be made by {transition.who.value}"
    return None


def decide(action: Action, status: str, actor: Actor, byline: Sequence[str],
           comment: str | None = None) -> Transition:
    """The transition to make, or Refused with what is possible from here and by whom."""
    transition = find(action, status)
    if transition is None:
        options = possible_from(status)
        listed = "; ".join(t.describe() for t in options) or "none (this is a final status)"
        raise Refused(f"cannot {action.value} a story that is {status}. "
                      f"Possible from {status}: {listed}")
    if not may(transition.who, actor, byline):
        extra = ""
        if transition.who == Who.EDITOR_NOT_ON_BYLINE and actor.staff_id in byline:
            extra = " (you are on its byline: two people see every story)"
        raise Refused(f"{action.value} must be made by {transition.who.value}; "
                      f"you are {actor.staff_id} ({actor.role}){extra}")
    if transition.needs_comment and not (comment and comment.strip()):
        raise UsageError(f"{action.value} needs a comment: add -m TEXT")
    return transition

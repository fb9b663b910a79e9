"""The transition table itself: pure, no git."""

from __future__ import annotations

import pytest

from newsdesk.errors import Refused, UsageError
from newsdesk.workflow.table import Action, Actor, allowed, decide

REPORTER = Actor("taras", "reporter")
EDITOR = Actor("olena", "editor")


@pytest.mark.parametrize(("action", "status", "actor", "byline", "target"), [
    (Action.SUBMIT, "draft", REPORTER, ["taras"], "review"),
    (Action.SUBMIT, "draft", EDITOR, ["olena"], "review"),
    (Action.APPROVE, "review", EDITOR, ["taras"], "published"),
    (Action.REQUEST_CHANGES, "review", EDITOR, ["taras"], "draft"),
    (Action.CORRECT, "published", EDITOR, ["taras"], "published"),
    (Action.CORRECT, "published", REPORTER, ["taras"], "published"),
    (Action.SPIKE, "draft", REPORTER, ["taras"], "spiked"),
    (Action.SPIKE, "review", EDITOR, ["taras"], "spiked"),
    (Action.KILL, "published", EDITOR, ["taras"], "killed"),
])
def test_allowed_transitions(action: Action, status: str, actor: Actor, byline: list[str],
                             target: str) -> None:
    assert decide(action, status, actor, byline, comment="why").target == target


@pytest.mark.parametrize(("action", "status", "actor", "byline", "words"), [
    (Action.SUBMIT, "draft", REPORTER, ["olena"], "on the byline"),
    (Action.APPROVE, "review", REPORTER, ["olena"], "an editor who is not on the byline"),
    (Action.APPROVE, "review", EDITOR, ["olena"], "two people see every story"),
    (Action.APPROVE, "draft", EDITOR, ["taras"], "Possible from draft: submit"),
    (Action.KILL, "published", REPORTER, ["taras"], "must be made by an editor"),
    (Action.SUBMIT, "killed", REPORTER, ["taras"], "none (this is a final status)"),
    (Action.CORRECT, "draft", EDITOR, ["taras"], "cannot correct a story that is draft"),
])
def test_refusals_say_what_is_possible_and_by_whom(action: Action, status: str, actor: Actor,
                                                   byline: list[str], words: str) -> None:
    with pytest.raises(Refused) as caught:
        decide(action, status, actor, byline, comment="why")
    assert words in caught.value.message


@pytest.mark.parametrize("action", [Action.REQUEST_CHANGES, Action.KILL])
def test_comment_is_required(action: Action) -> None:
    status = "review" if action == Action.REQUEST_CHANGES else "published"
    with pytest.raises(UsageError, match="-m TEXT"):
        decide(action, status, EDITOR, ["taras"], comment="  ")


def test_audit_judgement() -> None:
    assert allowed("review", "published", "approve", EDITOR, ["taras"]) is None
    assert "without a newsdesk transition" in str(allowed("draft", "published", None, EDITOR, []))
    assert "cannot take a story from draft" in str(
        allowed("draft", "published", "approve", EDITOR, ["taras"]))
    assert "an editor who is not on the byline" in str(
        allowed("review", "published", "approve", EDITOR, ["olena"]))
    assert "not on the roster" in str(allowed("review", "published", "approve", None, []))

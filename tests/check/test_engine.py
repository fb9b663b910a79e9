"""The engine: configuration of rules, and inline suppression."""

from __future__ import annotations

import pytest

from newsdesk.errors import FileProblem
from tests.rules.helpers import check_text

STORY = """---
id: test-story
status: draft
headline: Strikes on Kiev
desk: news
byline: [daryna-savchuk]
created: 2025-03-01T06:00:00Z
updated: 2025-03-02T10:00:00Z
---
{body}
"""


def test_severity_can_be_changed_and_rules_switched_off() -> None:
    text = STORY.format(body="Body.")
    [default] = [f for f in check_text(text) if f.rule == "house-style"]
    assert default.severity == "warning"
    [raised] = [f for f in check_text(text, settings={"house-style": {"severity": "error"}})
                if f.rule == "house-style"]
    assert raised.severity == "error"
    assert not [f for f in check_text(text, settings={"house-style": {"enabled": False}})
                if f.rule == "house-style"]


def test_rule_options_replace_and_extend_terms() -> None:
    text = STORY.format(body="We flew to Kiev and Kherson.")
    settings = {"house-style": {"extra_terms": [{"use": "Khersonshchyna",
                                                 "instead_of": ["Kherson"]}]}}
    messages = [f.message for f in check_text(text, settings=settings)
                if f.rule == "house-style"]
    assert "house style: 'Khersonshchyna', not 'Kherson'" in messages
    assert sum("Kyiv" in m for m in messages) == 2
    replaced = {"house-style": {"terms": [{"use": "Khersonshchyna", "instead_of": ["Kherson"]}]}}
    messages = [f.message for f in check_text(text, settings=replaced) if f.rule == "house-style"]
    assert messages == ["house style: 'Khersonshchyna', not 'Kherson'"]


@pytest.mark.parametrize(("settings", "words"), [
    ({"house-styl": {"severity": "error"}}, "unknown rule id 'house-styl' (did you mean"),
    ({"parse": {"enabled": False}}, "rules.parse: this rule cannot be switched off"),
    ({"house-style": {"colour": "red"}}, "rules.house-style.colour"),
    ({"required-fields": {"published": ["deck"]}}, "'deck' is not a story field"),
])
def test_bad_rule_settings_are_refused_with_the_file_named(settings: dict[str, dict[str, object]],
                                                           words: str) -> None:
    with pytest.raises(FileProblem) as caught:
        check_text(STORY.format(body="Body."), settings=settings)
    assert caught.value.message.startswith("newsdesk.yaml")
    assert words in caught.value.message


def test_suppression_forms_and_counting() -> None:
    body = ("<!-- newsdesk: disable-next-line house-style -- quoting a 2014 document -->\n"
            "Kiev, 2014.\n"
            "Kiev again. <!-- newsdesk: disable-line house-style -- a quoted sign -->\n"
            "Kiev a third time.\n")
    findings = [f for f in check_text(STORY.format(body=body)) if f.rule == "house-style"]
    suppressed = [(f.line, f.reason) for f in findings if f.suppressed]
    active = [f.line for f in findings if not f.suppressed]
    assert suppressed == [(11, "quoting a 2014 document"), (12, "a quoted sign")]
    assert active == [4, 13]


def test_front_matter_comment_and_whole_file_suppression() -> None:
    text = STORY.format(body="Kiev.").replace(
        "headline: Strikes on Kiev",
        "headline: Strikes on Kiev  # newsdesk: disable-line house-style -- 1990s archive title")
    findings = [f for f in check_text(text) if f.rule == "house-style"]
    assert [(f.line, f.suppressed) for f in findings] == [(4, True), (10, False)]
    whole = STORY.format(body="<!-- newsdesk: disable-file house-style -- a 1990s reprint -->\n"
                              "Kiev.")
    assert all(f.suppressed for f in check_text(whole) if f.rule == "house-style")


def test_core_rules_cannot_be_silenced() -> None:
    text = STORY.format(body="<!-- newsdesk: disable-file schema -- no -->").replace(
        "status: draft", "status: live")
    findings = check_text(text)
    assert any(f.rule == "schema" and not f.suppressed for f in findings)
    assert any(f.rule == "suppression" and "cannot be silenced" in f.message for f in findings)

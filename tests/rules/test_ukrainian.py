"""Ukrainian copy: word forms, the rules that read it, and what a rule that cannot read a
story's language says. The labelled passages (benchmarks/editorial/passages/uk-*.yaml) pin
the rules' verdicts; these tests pin the parts under them."""

from __future__ import annotations

import pytest

from newsdesk.check.engine import Engine, resolve_rules
from newsdesk.models.config import RuleSettings
from newsdesk.rules.base import Context, primary_language
from newsdesk.rules.text.normalise import normalise
from newsdesk.rules.text.ukrainian.lexicon import find_cues
from newsdesk.rules.text.ukrainian.morphology import (
    given_name,
    lemmas,
    same_word,
    transliterate,
)
from tests.rules.helpers import check_text

HEAD = """---
id: test-story
status: draft
headline: Заголовок
desk: frontline
byline: [petro-hnatiuk]
created: 2025-03-01T06:00:00Z
updated: 2025-03-02T10:00:00Z
"""


def story(body: str, extra: str = "language: uk\n") -> str:
    return HEAD + extra + "---\n" + body + "\n"


def soldier_findings(body: str, extra: str = "language: uk\n",
                     settings: dict[str, dict[str, object]] | None = None) -> list[str]:
    return [f.message for f in check_text(story(body, extra), settings=settings)
            if f.rule == "soldier-identification"]


@pytest.mark.parametrize(("word", "name"), [
    ("Олександр", "олександр"), ("Олександра", "олександр"), ("Олександрові", "олександр"),
    ("Андрієві", "андрій"), ("Ольгою", "ольга"), ("Соломії", "соломія"), ("Петренко", None),
])
def test_given_names_are_known_in_every_case(word: str, name: str | None) -> None:
    assert given_name(word) == name


def test_a_surname_in_two_cases_is_one_word() -> None:
    assert same_word("Петренка", "Петренкові")
    assert same_word("Коваля", "Коваль")
    assert not same_word("Петренка", "Коваленка")
    assert "сержант" in lemmas("сержантові")


def test_transliteration_is_the_official_one() -> None:
    assert transliterate("Тимур Булат") == "Tymur Bulat"
    assert transliterate("Юрій Згурський") == "Yurii Zghurskyi"


def test_a_hyphenated_rank_is_read_whole_before_its_parts() -> None:
    cues = find_cues(["генерал-майора", "Андрія"])
    assert [(c.kind, c.phrase) for c in cues] == [("general", ("генерал-майор",))]
    assert [c.kind for c in find_cues(["оператор-сапер"])] == ["role"]


def test_normalising_keeps_ukrainian_letters_and_folds_a_mixed_word_into_cyrillic() -> None:
    assert normalise("Сергій Коваль, їжак, обʼєкт").text == "Сергій Коваль, їжак, обʼєкт"
    # й written as и + combining breve is one letter again, not a folded и
    assert normalise("Сергии\u0306").text == "Сергий"
    mixed = normalise("Пeтренко")  # a Latin e
    assert mixed.text == "Петренко" and mixed.mixed == [(0, 8)]


def test_the_same_sentence_in_other_cases_is_caught() -> None:
    for body, name in [
        ("Старший сержант Олександр Петренко перевірив рацію.", "Олександр Петренко"),
        ("Ми говорили зі старшим сержантом Олександром Петренком.", "Олександром Петренком"),
        ("Нагороду вручили старшому сержанту Олександрові Петренку.",
         "Олександрові Петренку"),
    ]:
        messages = soldier_findings(body)
        assert len(messages) == 1 and repr(name) in messages[0], body


def test_a_role_in_another_case_describes_someone_else() -> None:
    assert soldier_findings("Мати бійця Ірина Коваленко чекає на сина.") == []
    assert soldier_findings("Бійчиня Ірина Коваленко чекає на ротацію.") != []


def test_later_mentions_in_any_case_are_findings_at_their_own_line() -> None:
    body = ("Сапер Ілля Войтенко прийшов добровольцем.\n\nПро Войтенка кажуть, що він "
            "не боїться. Войтенкові двадцять років.")
    found = [f for f in check_text(story(body)) if f.rule == "soldier-identification"]
    assert [(f.line, f.column) for f in found] == [(11, 7), (13, 5), (13, 41)]


def test_a_declared_non_soldier_is_cleared_in_latin_or_cyrillic_letters() -> None:
    body = "Прокурори повідомили про підозру російському військовому Івану Сидорову."
    assert soldier_findings(body) != []
    for name in ("Іван Сидоров", "Ivan Sydorov"):
        extra = f'language: uk\npeople: [{{name: "{name}", role: other}}]\n'
        assert soldier_findings(body, extra) == [], name


def test_public_figures_from_the_settings_match_their_ukrainian_spelling() -> None:
    body = "Полковник Андрій Захарченко відвідав позиції бригади."
    assert soldier_findings(body) != []
    settings = {"soldier-identification": {"extra_public_figures": ["Andrii Zakharchenko"]}}
    assert soldier_findings(body, settings=settings) == []


def test_the_newsroom_language_is_the_default_and_the_story_can_override_it() -> None:
    body = "Старший сержант Олександр Петренко перевірив рацію."
    rules = resolve_rules({})
    ukrainian = Engine(rules, Context(roster=None, story_ids=frozenset(), language="uk"))
    english = Engine(rules, Context(roster=None, story_ids=frozenset()))
    text = story(body, extra="").encode()
    assert [f for f in ukrainian.check_bytes(text, "stories/test-story.md", "test-story")
            if f.rule == "soldier-identification"]
    assert not [f for f in english.check_bytes(text, "stories/test-story.md", "test-story")
                if f.rule == "soldier-identification"]
    assert primary_language("uk-UA") == "uk" and primary_language("EN_gb") == "en"


def test_a_rule_that_cannot_read_the_language_says_so_once() -> None:
    text = story("Der Soldat Ivan Petrenko prüft das Funkgerät.", extra="language: de\n")
    findings = check_text(text)
    unread = sorted(f.rule for f in findings if "cannot read 'de' copy" in f.message)
    assert unread == ["anonymous-source", "house-style", "quote-attribution",
                      "soldier-identification"]
    assert {f.severity for f in findings if f.rule in unread} == {"info"}
    assert all(f.line == 9 for f in findings if f.rule in unread)  # the `language` line
    uk = check_text(story("Тимур, позивний «Булат», не спить."))
    assert [f.rule for f in uk if "cannot read" in f.message] == []  # every rule reads it


def test_a_rule_switched_off_says_nothing_about_languages() -> None:
    settings = {"quote-attribution": RuleSettings.model_validate({"enabled": False})}
    engine = Engine(resolve_rules(settings), Context(roster=None, story_ids=frozenset()))
    text = story("Тимур, позивний «Булат», не спить.").encode()
    assert not [f for f in engine.check_bytes(text, "stories/test-story.md", "test-story")
                if "cannot read" in f.message]


def test_the_editor_note_is_suggested_in_the_story_language() -> None:
    extra = 'language: uk\npeople: [{name: "Тимур", callsign: "Булат", role: soldier}]\n'
    found = [f for f in check_text(story("Тимур не спить.", extra)) if f.rule == "editor-note"]
    assert found and "Відповідно до протоколів безпеки" in (found[0].suggestion or "")


def test_ukrainian_house_style_fixes_keep_quoted_words() -> None:
    body = "Ціни на Україні зросли. «Ми не поїдемо з Киева», — сказала жінка."
    found = [f for f in check_text(story(body)) if f.rule == "house-style"]
    assert [(f.message.split(":")[1].strip(), f.fix is not None) for f in found] == [
        ("'в Україні', not 'на Україні'", True), ("'Києва', not 'Киева' (in quoted words", False)]


def test_the_newsroom_can_choose_the_apostrophe() -> None:
    body = "М'ясо, п'ять і дев’ять."
    default = [f for f in check_text(story(body)) if f.rule == "house-style"]
    assert [f.message for f in default] == [
        "house style: the apostrophe \"'\", not '’' (one apostrophe throughout the story)"]
    chosen = [f for f in check_text(story(body), settings={
        "house-style": {"uk_apostrophe": "ʼ"}}) if f.rule == "house-style"]
    assert len(chosen) == 3 and all(f.fix and f.fix[2] == "ʼ" for f in chosen)


def test_a_name_wrapped_at_a_line_end_is_one_name() -> None:
    messages = soldier_findings("Старший сержант Олександр\nПетренко перевірив рацію.")
    assert len(messages) == 1 and "'Олександр Петренко'" in messages[0]


@pytest.mark.parametrize("body", [
    "Десантники Іван Петренко та Олег Савчук ділять бліндаж.",
    "Іван Петренко та Олег Савчук, обидва сапери, розмінували дорогу.",
])
def test_one_plural_role_names_both(body: str) -> None:
    assert len(soldier_findings(body)) == 2


def test_a_singular_rank_stays_with_its_own_name() -> None:
    messages = soldier_findings("Сержант Іван Петренко та Олена Коваль говорили про школу.")
    assert len(messages) == 1 and "'Іван Петренко'" in messages[0]


@pytest.mark.parametrize(("body", "found"), [
    ("Батареєю командує Іван Петренко.", 1),  # the subject after its verb
    ("Іван Петренко навчає новобранців на полігоні.", 1),
    ("Про це розповідає Іван Петренко.", 0),
    ("Вчителька Олена Коваль навчає дітей у метро.", 0),
])
def test_service_verbs_on_either_side_of_the_name(body: str, found: int) -> None:
    assert len(soldier_findings(body)) == found


@pytest.mark.parametrize(("body", "name"), [
    ("Петренко Іван, снайпер, цілиться на світанку.", "Петренко Іван"),
    ("Старший сержант Петренко Іван Васильович загинув під Бахмутом.",
     "Петренко Іван Васильович"),
])
def test_a_name_written_surname_first_is_a_full_name(body: str, name: str) -> None:
    messages = soldier_findings(body)
    assert len(messages) == 1 and repr(name) in messages[0]


def test_a_surname_first_name_is_learnt_by_its_surname() -> None:
    messages = soldier_findings("Снайпер Петренко Іван цілиться. Петренко не спить.")
    assert len(messages) == 2 and "'Петренко' is the surname" in messages[1]


def test_a_civilian_written_surname_first_is_left_alone() -> None:
    assert soldier_findings("Вчителька Коваль Олена веде уроки в метро.") == []


def test_a_callsign_s_real_name_given_away_is_found() -> None:
    body = "Штурмом керував боєць із позивним Булава, справжнє ім’я якого Матвій Гордійчук."
    messages = soldier_findings(body)
    assert len(messages) == 1 and "'Матвій Гордійчук'" in messages[0]
    assert soldier_findings("Поетеса, справжнє ім’я якої Марина Шевчук, читала вірші.") == []

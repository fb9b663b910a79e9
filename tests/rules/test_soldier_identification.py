"""The soldier rule: catches what a careful editor would, and does not cry wolf."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.rules.soldier_identification import _CAPITALISED, capitalised
from tests.rules.helpers import check_text

STORY = """---
id: test-story
status: draft
headline: {headline}
desk: frontline
byline: [petro-hnatiuk]
created: 2025-03-01T06:00:00Z
updated: 2025-03-02T10:00:00Z
people:
  - name: Tymur
    callsign: Bulat
    role: soldier
  - name: Dmitry Peskov
    role: official
  - name: Nadiia Koval
    role: civilian
editor_note: Soldiers are identified by first names and callsigns only.
---
{body}
"""


def soldier_findings(body: str, headline: str = "A plain headline") -> list[tuple[int, str]]:
    findings = check_text(STORY.format(body=body, headline=headline))
    return [(f.line, f.message) for f in findings if f.rule == "soldier-identification"]


@pytest.mark.parametrize("body", [
    'Tymur Bondarenko watches the screens.',
    'Tymur "Bulat" Bondarenko watches the screens.',
    'Tymur “Bulat” Bondarenko watches the screens.',
    'TYMUR BONDARENKO WATCHES THE SCREENS.',
    'tymur Bondarenko watches.',
    'Tymur Bondar\u200benko watches.',      # zero-width space inside the surname
    'Tymur Bondar\u00adenko watches.',      # soft hyphen
    'Tymur\u00a0Bondarenko watches.',       # no-break space
    'Tymur Bondar\u0435nko watches.',       # Cyrillic е inside a Latin name
    'T\u0443mur Bondarenko watches.',       # Cyrillic у inside the first name
    'Ｔｙｍｕｒ Ｂｏｎｄａｒｅｎｋｏ watches.',  # fullwidth letters
    'Tymur Bulat Bondarenko watches.',
    'Sgt. Ivan Petrenko fires.',
    'Lt. Col. Oleh Shevchenko of the 3rd Assault Brigade spoke.',
    'Drone operator Andrii Koval flies at night.',
    'The unit commander, Mykola "Grim" Bondar, spoke.',
    'commander Mykola "Grim" Bondar spoke.',
    'Andrii Koval, a 34-year-old machine gunner, spoke.',
    'Andrii Koval of the 93rd Brigade spoke.',
    'Andrii Koval, who has fought with the battalion since 2022, spoke.',
    'Andrii Koval, who serves in the 47th Mechanized Brigade, spoke.',
    'Combat medic Olha Savchenko treats the wounded.',
    'SGT. IVAN PETRENKO FIRES.',
    'The drone operator Andrii\nKoval flies at night.',  # copy wrapped at a fixed width
    'The drone operator Andrii\n   Koval flies at night.',  # a list item's next line
    'Sgt.\nIvan Petrenko fires.',
    '"It costs us," said Sgt. Ivan Petrenko.',  # "us", the pronoun, is no US Army
    'Andrii Koval, a volunteer with the territorial defence, stood guard.',
    'Andrii Koval, a volunteer in the 47th Brigade, stood guard.',
    'A sniper known as Bulava, whose real name is Andrii Koval, led the assault.',
    'Andrii Koval, an infantry officer, lost a leg.',
    'Andrii Koval, 34, sapper, cleared the field.',
    'Andrii Koval (34), a sniper, aims at dawn.',
    'Koval Andrii, a sniper, aims at dawn.',  # surname first, as official lists write it
    'The battery is commanded by Andrii Koval.',
    'Mobilised in 2023, Andrii Koval now digs trenches near Pokrovsk.',
    'Sniper Andrii, whose surname is Hnatyshyn, aims at dawn.',
    'Andrii Koval trains recruits at a base in western Ukraine.',
    'Andrii Koval has been at the front since 2014.',
    'Andrii Koval, who goes by the call sign Grim, smiled.',
    '> "We hold," said drone operator Andrii\n> Koval.',  # wrapped inside a pull quote
    'Andrii Koval, 41, a father of three from Chernihiv, joined the 1st Tank Brigade.',
    '"The drones never stop," Andrii Koval, a platoon leader, told reporters.',
    'Andrii Koval, whose unit holds a village near Toretsk, said it.',
    'A former IT worker, Andrii Koval now flies reconnaissance drones.',
    'Before the war, Andrii Koval was a teacher. Now he is a sniper.',
    'Andrii Koval of the 1st Separate Special Purpose Brigade described the assault.',
])
def test_flagged(body: str) -> None:
    assert soldier_findings(body), body


@pytest.mark.parametrize("body", [
    'Tymur "Bulat" watches the screens.',
    'Tymur, callsign "Bulat", watches the screens.',
    'Tymur (callsign Bulat) watches the screens.',
    'Tymur (Bulat) watches.',
    "Tymur's crew fires at dawn.",
    'Tymur Bulat watches the screens.',
    'Tymur and his crew fire at dawn.',
    'TYMUR AND HIS CREW FIRE AT DAWN.',
    'We met Tymur. Bondarenko Street was empty.',
    'Kremlin spokesman Dmitry Peskov told state television that Moscow was ready.',
    'Foreign Minister Sergey Lavrov praised the shift.',
    'Mayor Ihor Terekhov opened the school.',
    'Nadiia Koval, a nurse, treats the wounded.',
    'General Oleksandr Syrskyi visited the front.',
    'Commander-in-Chief Oleksandr Syrskyi visited the front.',
    'President Volodymyr Zelensky met the commanders.',
    'Petro Hnatiuk reported from the front with the brigade.',
    'The battalion commander, Tymur, said little.',
    'A major Russian offensive began in the spring.',
    'The 93rd Brigade held the line near Bakhmut.',
    'Soldiers of the brigade rested in Kramatorsk.',
    'US Army Sgt. John Miller said the drills were over.',
    'Andrii Koval, a volunteer with a Kyiv charity, drove the van.',
    'Halyna Ostapenko watched a sapper clear her potato field.',
    'Halyna Ostapenko, 68, watched a sapper clear her potato field.',
    'Olena Koval, who cooks for paratroopers, opened a cafe.',
    'Olena Koval attended the funeral of the soldier.',
    'Teachers Halyna Yurchenko and Vira Kostiuk hold lessons in a metro station.',
    'The company is led by Andrii Koval.',
    'Teacher Olena, whose surname is Koval, teaches maths.',
    'Born in Lviv, Olena Koval teaches maths.',
    'Volunteer Olena Koval has been at the front since 2014 with aid.',
    'Tymur, whose call sign is Bulat, smiled.',
    'Founded by veterans, the cafe run by Olena Koval hires former sappers.',
    'Ivan Petrenko, a retired colonel, now teaches history.',
    'Olena Koval, a mother of two whose husband serves, waits.',
    'Before the war, Olena Koval was a teacher. Now she runs a shelter.',
    'Olena Koval, whose company makes bread, opened a shop.',
    'Olena Koval, a mother of three, sews uniforms for the brigade.',
    'Olena Koval and her son Ivan both live in Kyiv; he serves in the 72nd Brigade.',
])
def test_not_flagged(body: str) -> None:
    assert soldier_findings(body) == [], body


def test_headline_and_captions_are_checked_too() -> None:
    found = soldier_findings("Body.", headline="Tymur Bondarenko holds the line")
    assert found and found[0][0] == 4


@pytest.mark.parametrize(("people", "words"), [
    ("  - name: Tymur Bondarenko\n    callsign: Bulat\n    role: soldier\n",
     "named with more than a first name"),
    ("  - name: Tymur\n    role: soldier\n", "has no callsign"),
    ("  - name: Tymur\u00a0Bondarenko\n    callsign: Bulat\n    role: soldier\n",
     "named with more than a first name"),
    ("  - name: Tymur\u200bBondarenko\n    callsign: Bulat\n    role: soldier\n",
     "named with more than a first name"),
    ("  - name: Oksana\n    callsign: Lisa\n    role: civilian\n",
     "has a callsign but is declared as civilian"),
])
def test_people_entries(people: str, words: str) -> None:
    text = STORY.format(body="Body.", headline="H").replace(
        "  - name: Tymur\n    callsign: Bulat\n    role: soldier\n", people)
    messages = [f.message for f in check_text(text) if f.rule == "soldier-identification"]
    assert any(words in m for m in messages), messages


def test_finding_points_at_the_first_name_in_the_original_text() -> None:
    findings = check_text(STORY.format(body="Calm.\nAt dawn Tymur Bondar\u200benko fires.",
                                       headline="H"))
    found = [f for f in findings if f.rule == "soldier-identification"]
    assert [(f.line, f.column) for f in found] == [(20, 9)]
    assert found[0].suggestion == 'use the first name and callsign: Tymur "Bulat"'


def test_public_figures_are_configurable() -> None:
    body = "Sgt. Ivan Petrenko fires."
    text = STORY.format(body=body, headline="H")
    assert [f for f in check_text(text) if f.rule == "soldier-identification"]
    settings = {"soldier-identification": {"extra_public_figures": ["Ivan Petrenko"]}}
    assert not [f for f in check_text(text, settings=settings)
                if f.rule == "soldier-identification"]


# Pieces of typeset copy: capitals, words, stops, blanks, straight and curly quotes, dashes,
# callsign wording in any case, line breaks.
_PIECES = st.sampled_from([
    "Ivan", "P", "etrenko", "McDonald", "a", "x1", "_", "-", "'", "’", "‘", "“", "”", "«", "»",
    "—", "–", '"', ".", ",", " ", "  ", "\t", "\n", "call sign", "CALL-SIGN", "Callsign",
    "whose ", "WHOSE ", "?", "Lt.", "O’Neil"])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_name_starts_found_in_bytes_are_the_pattern_s_own(text: str) -> None:
    expected = [(m.span(), m.group("call")) for m in _CAPITALISED.finditer(text)]
    assert [(m.span(), m.group("call")) for m in capitalised(text, True)] == expected
    assert [(m.span(), m.group("call")) for m in capitalised(text, False)] == expected


def test_a_name_wrapped_at_a_line_end_is_quoted_on_one_line() -> None:
    findings = [f for f in check_text(STORY.format(
        body="The drone operator Andrii\nKoval flies at night. Koval is 30.",
        headline="A plain headline")) if f.rule == "soldier-identification"]
    assert [f.message.split(" names")[0] for f in findings[:1]] == ["'Andrii Koval'"]
    assert all("\n" not in f.message for f in findings)
    assert len(findings) == 2  # the full name, and the surname after it


@pytest.mark.parametrize("body", [
    "Sappers Andrii Koval and Ivan Petrenko cleared the road.",
    "Andrii Koval and Ivan Petrenko, both sappers, cleared the road.",
])
def test_one_plural_role_names_both(body: str) -> None:
    names = sorted(message.split("'")[1] for _, message in soldier_findings(body))
    assert names == ["Andrii Koval", "Ivan Petrenko"]


def test_a_singular_role_stays_with_its_own_name() -> None:
    found = soldier_findings("Sgt. Andrii Koval and Olena Savchuk, a teacher, spoke.")
    assert [message.split("'")[1] for _, message in found] == ["Andrii Koval"]

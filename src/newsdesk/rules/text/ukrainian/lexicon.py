"""The words around a name that tell who a person is, in Ukrainian: ranks, roles, units and
service verbs (a soldier), generals, spokespersons and officials (public figures), civilian
jobs and family (someone else). Each entry is a phrase of dictionary forms, so it matches in
every case and gender the dictionary knows ("старшому лейтенанту", "старша лейтенантка")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsdesk.rules.text.ukrainian.morphology import lemmas, tags

_KINDS: dict[str, tuple[str, ...]] = {
    # ranks of the Armed Forces (2020 scheme), the Navy and the older forms copy still uses
    "rank": (
        "солдат", "солдатка", "старший солдат", "матрос", "старший матрос", "рекрут",
        "молодший сержант", "сержант", "сержантка", "старший сержант", "головний сержант",
        "штаб-сержант", "майстер-сержант", "старший майстер-сержант",
        "головний майстер-сержант", "старшина", "головний старшина", "штаб-старшина",
        "майстер-старшина", "молодший лейтенант", "лейтенант", "лейтенантка",
        "старший лейтенант", "капітан", "капітанка", "капітан-лейтенант", "майор",
        "підполковник", "полковник", "капітан третього рангу", "капітан другого рангу",
        "капітан першого рангу", "прапорщик", "старший прапорщик", "курсант", "курсантка",
    ),
    "role": (
        "військовослужбовець", "військовослужбовиця", "військовий", "військова", "боєць",
        "бійчиня", "воїн", "воїнка", "захисник", "захисниця", "оборонець", "штурмовик",
        "штурмовичка", "десантник", "десантниця", "прикордонник", "прикордонниця",
        "нацгвардієць", "нацгвардійка", "гвардієць", "тероборонівець", "тероборонівка",
        "морпіх", "морський піхотинець", "піхотинець", "розвідник", "розвідниця", "снайпер",
        "снайперка", "кулеметник", "кулеметниця", "гранатометник", "мінометник", "навідник",
        "навідниця", "артилерист", "артилеристка", "танкіст", "сапер", "саперка", "медик",
        "медикиня", "бойовий медик", "бойова медикиня", "санінструктор", "санінструкторка",
        "військовий лікар", "військова лікарка", "оператор бпла", "операторка бпла",
        "оператор дрон", "оператор дрона", "операторка дрон", "оператор безпілотник",
        "оператор рсзв", "оператор fpv", "начальник штаб", "начальник розвідка",
        "заступник командира", "зв'язківець", "зв'язківиця", "механік-водій", "командир",
        "командирка", "заступник командир", "полонений", "полонена", "доброволець",
        "добровольця", "добровольчий", "стрілець", "льотчик", "льотчиця", "побратим",
        "посестра", "ветеран", "ветеранка", "мобілізований", "мобілізована", "азовець",
        "пілот fpv", "водій-механік", "стрілець-помічник", "гранатометниця",
    ),
    "unit": (
        "бригада", "батальйон", "рота", "взвод", "полк", "дивізіон", "загін", "підрозділ",
        "омбр", "омпбр", "оштбр", "ошбр", "ошб", "одшбр", "омбр", "обро", "отро", "зсу",
        "нгу", "тро", "дшв", "дпсу", "гур", "ссо", "вмс", "нацгвардія", "тероборона",
        "сили тро", "сили оборони", "піхота", "відділення", "розрахунок", "екіпаж",
        "штурмова група", "розвідка", "аеророзвідка", "артилерія", "аеророзвідник",
    ),
    "verb": ("служити", "воювати", "мобілізувати", "командувати", "мобілізуватися",
             "воює", "служить", "відслужити", "демобілізувати", "навчати новобранець",
             "тренувати новобранець"),
    "callsign": ("позивний", "позивна", "позивне"),
    # generals and admirals are public figures by rank (the newsroom's decision)
    "general": (
        "генерал", "генерал-майор", "генерал-лейтенант", "генерал-полковник",
        "бригадний генерал", "адмірал", "віце-адмірал", "контр-адмірал", "маршал",
        "генералка",
    ),
    # spokespersons on the record, officials and offices
    "public": (
        "речник", "речниця", "спікер", "спікерка", "пресофіцер", "прес-офіцер",
        "пресофіцерка", "пресслужба", "прес-служба", "представник", "представниця",
        "президент", "міністр", "міністерка", "прем'єр", "прем'єр-міністр", "депутат",
        "депутатка", "нардеп", "голова", "мер", "губернатор", "очільник", "очільниця", "посол",
        "посолка", "секретар", "секретарка", "омбудсман", "омбудсманка", "прокурор",
        "прокурорка", "генпрокурор", "суддя", "командувач", "головнокомандувач",
        "начальник генштаб", "начальник генерального штаб", "заступник міністр", "радник",
        "радниця", "керівник", "керівниця", "директор", "директорка", "очільник ова",
    ),
    "civil": (
        "вчитель", "вчителька", "учитель", "учителька", "лікар", "лікарка", "волонтер",
        "волонтерка", "фермер", "фермерка", "пенсіонер", "пенсіонерка", "журналіст",
        "журналістка", "фотограф", "фотографиня", "фотокореспондент", "інженер", "інженерка",
        "письменник", "письменниця", "режисер", "режисерка", "художник", "художниця",
        "співак", "співачка", "актор", "акторка", "гетьман", "священник", "кухар", "кухарка",
        "агроном", "агрономка", "нападник", "футболіст", "тренер", "тренерка", "голкіпер",
        "воротар", "спортсмен", "спортсменка", "підприємець", "підприємиця", "економіст",
        "науковець", "студент", "студентка", "школяр", "школярка", "медсестра", "продавчиня",
        "продавець", "водій", "водійка", "рятувальник", "рятувальниця", "поліцейський",
        "поліцейська", "мешканець", "мешканка", "жителька", "житель", "історик", "поет",
        "поетеса", "музикант", "композитор", "митець", "архітектор", "адвокат", "адвокатка",
        "правозахисник", "правозахисниця", "аналітик", "аналітикиня", "експерт", "експертка",
    ),
    "relation": (
        "мати", "матір", "мама", "батько", "тато", "дружина", "чоловік", "син", "донька",
        "дочка", "сестра", "брат", "вдова", "вдовець", "наречена", "наречений", "родина",
        "бабуся", "дідусь", "онук", "онука", "рідний", "родич", "родичка",
    ),
    # where a name is a street, an honorific title or a memorial, not a person in the story
    "honorific": (
        "вулиця", "проспект", "площа", "бульвар", "провулок", "імені", "ім'я", "пам'ятник",
        "музей", "премія", "орден", "університет", "школа", "бібліотека",
    ),
    "foreign": (
        "сша", "американський", "британський", "нато", "у відставка", "відставний",
        "пентагон", "армія сша", "німецький", "французький", "польський",
    ),
    "sport": (
        "гол", "матч", "збірна", "команда", "чемпіонат", "футбол", "турнір", "клуб", "ліга",
        "сезон", "тренер", "забити",
    ),
}

MILITARY = frozenset({"rank", "role", "unit", "verb", "callsign"})


@dataclass(frozen=True)
class Cue:
    kind: str
    first: int  # token index of the phrase's first word
    last: int  # token index of its last word
    phrase: tuple[str, ...]


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, phrases in _KINDS.items():
        for phrase in phrases:
            words = tuple(phrase.split())
            table.setdefault(words[0], []).append((words, kind))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # the longest phrase wins
    return table


@lru_cache(maxsize=65536)
def _part_lemmas(word: str) -> frozenset[str]:
    """For a hyphenated word, each part's dictionary forms ("оператор-сапер")."""
    found: set[str] = set()
    if "-" in word:
        for part in word.split("-"):
            if part:
                found.update(lemmas(part))
    return frozenset(found)


def find_cues(words: list[str]) -> list[Cue]:
    """Every phrase of the lexicon in a sentence's words ("" for a non-word token). The
    longest phrase wins; a hyphenated word is read whole before its parts are ("генерал-
    майор" is a general, not a major); adjectives may stand between a phrase's words
    ("оператор розвідувального дрона", "командир першої роти")."""
    table = _by_first_word()
    word_sets = [lemmas(w) if w else frozenset() for w in words]
    found: list[Cue] = []
    index = 0
    while index < len(words):
        matched: tuple[tuple[str, ...], str, int] | None = None
        for firsts in (word_sets[index], _part_lemmas(words[index])):
            for first in sorted(firsts):
                for phrase, kind in table.get(first, ()):
                    if matched is not None and len(phrase) <= len(matched[0]):
                        continue
                    last = _phrase_end(words, word_sets, index, phrase)
                    if last is not None:
                        matched = (phrase, kind, last)
            if matched is not None:
                break
        if matched is None:
            index += 1
            continue
        found.append(Cue(matched[1], index, matched[2], matched[0]))
        index = matched[2] + 1
    return found


_ADJECTIVE_SKIPS = 2


def _phrase_end(words: list[str], word_sets: list[frozenset[str]], index: int,
                phrase: tuple[str, ...]) -> int | None:
    """The index of the phrase's last word when it starts at `index`, else None."""
    position = index
    for part in phrase[1:]:
        position += 1
        skipped = 0
        while position < len(words) and not _holds(words, word_sets, position, part):
            if skipped == _ADJECTIVE_SKIPS or not _adjective(words[position]):
                return None
            skipped += 1
            position += 1
        if position >= len(words):
            return None
    return position


def _holds(words: list[str], word_sets: list[frozenset[str]], position: int,
           part: str) -> bool:
    return part in word_sets[position] or part in _part_lemmas(words[position])


def _adjective(word: str) -> bool:
    found = tags(word) if word else frozenset()
    return "ADJF" in found and "NOUN" not in found

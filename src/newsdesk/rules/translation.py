"""A translation and the story it translates agree on who is in them.

A bilingual newsroom publishes one story in English and in Ukrainian. The two must name the
same people the same way, under the official Ukrainian transliteration (Cabinet of Ministers
resolution 55 of 2010: Тимур «Булат» is Tymur "Bulat", not "Timur"), and protect the same
soldiers: a soldier declared in one version and not the other is named in full in one of
them. Like soldier-identification, a story cannot silence this rule inline. When the two go
out is `translation-published`'s business.

The check is made on the translation (the story with `translation_of`), reading its original;
such a story is checked afresh on every run, never served from the validation cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.models.enums import PersonRole
from newsdesk.rules.base import Context, Problem, RuleOptions
from newsdesk.rules.text.names import same_person
from newsdesk.rules.text.ukrainian.morphology import has_cyrillic, transliterate

if TYPE_CHECKING:
    from newsdesk.models.story import Person, Story
    from newsdesk.story.reader import ParsedStory

ID = "translation"
SEVERITY = "error"
# it protects soldiers, as soldier-identification does (newsdesk.yaml can allow it)
SUPPRESSIBLE = False


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    if story.translation_of is None or story.translation_of == story.id:
        return  # no translation, or the related rule's finding
    original = ctx.other_story(story.translation_of)
    if original is None:
        return  # a missing or broken original is the related rule's (or its own) finding
    for index, person in enumerate(story.people):
        line, column = doc.where(("people", index, "name"))
        counterpart = _counterpart(person, original.people)
        if counterpart is None:
            yield Problem(line, column,
                          f"{person.name!r} is not among the people of {original.id!r}, "
                          "the story this translates",
                          f"declare them in {original.id!r} too (same role, same callsign), "
                          "or correct the name here")
            continue
        yield from _spelling(doc, index, person, counterpart, original.id)
    for other in original.people:
        if other.role == PersonRole.SOLDIER and _counterpart(other, story.people) is None:
            line, column = doc.where(("people",)) if story.people \
                else doc.where(("translation_of",))
            yield Problem(line, column,
                          f"the soldier {other.name!r} of {original.id!r} is not declared "
                          "here: the translation does not protect them",
                          f"add {{name: {_shown(other.name, story)}, callsign: ..., role: "
                          "soldier}} to people")


def _counterpart(person: Person, others: list[Person]) -> Person | None:
    """The same person in the other version: by name under any transliteration, else by
    callsign."""
    for other in others:
        if same_person(_latin(person.name), _latin(other.name)):
            return other
    if person.callsign:
        for other in others:
            if other.callsign and _latin(other.callsign).casefold() == \
                    _latin(person.callsign).casefold():
                return other
    return None


def _spelling(doc: ParsedStory, index: int, person: Person, other: Person,
              original: str) -> Iterator[Problem]:
    line, column = doc.where(("people", index, "name"))
    if (person.role == PersonRole.SOLDIER) != (other.role == PersonRole.SOLDIER):
        yield Problem(line, column,
                      f"{person.name!r} is declared {person.role.value} here and "
                      f"{other.role.value} in {original!r}: a soldier is protected in both "
                      "versions or in neither",
                      "give them the same role in both stories")
    for field, mine, theirs in (("name", person.name, other.name),
                                ("callsign", person.callsign, other.callsign)):
        if not mine or not theirs:
            continue
        expected = _official(mine, theirs)
        if expected is not None:
            where = doc.where(("people", index, field))
            yield Problem(*where,
                          f"{mine!r} and {theirs!r} ({original!r}) disagree: the official "
                          f"transliteration of the Ukrainian is {expected!r}",
                          f"write {expected} in the English version")


def _official(mine: str, theirs: str) -> str | None:
    """When one side is Cyrillic and the other Latin, the official Latin form if the Latin
    side differs from it (Timur for Тимур); None when they agree or neither is Cyrillic."""
    if has_cyrillic(mine) == has_cyrillic(theirs):
        return None
    cyrillic, latin = (mine, theirs) if has_cyrillic(mine) else (theirs, mine)
    official = _latin(cyrillic)
    return None if official.casefold() == latin.strip().casefold() else official


def _latin(text: str) -> str:
    if not has_cyrillic(text):
        return text.strip()
    return transliterate(text.strip())


def _shown(name: str, story: Story) -> str:
    return name if story.language is None or has_cyrillic(name) else _latin(name)

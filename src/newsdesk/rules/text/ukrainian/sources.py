"""Unnamed sources in Ukrainian copy: "джерело в Офісі президента", "на умовах анонімності",
"співрозмовник видання", "за даними джерел", "поінформоване джерело", in their case forms.

A spring ("б'є джерело з чистою водою"), a source of energy or funding, open sources (OSINT)
and a named interlocutor ("наш співрозмовник, агроном Степан Ткач") are not sources.
"""

from __future__ import annotations

import re

from newsdesk.rules.text.ukrainian.morphology import given_name, tags

_A = "['’ʼ]"
_SOURCE = r"джерел\w*"
_PHRASES = re.compile(
    r"(?<!\w)(?:"
    r"на\s+умовах\s+анонімності"
    r"|(?:по)?(?:бажав|бажала|бажали|просив|просила|просили)\s+(?:залишитися\s+анонімн\w*|"
    rf"не\s+називати\s+(?:(?:його|її|їхні|їхнє|свого|своє|свої|своїх)\s+)?"
    rf"(?:ім{_A}?я|імені|імена|прізвищ\w*))"
    r"|не\s+(?:уповноважен\w+|мають?\s+права|мав\s+права|мала\s+права)\s+"
    r"(?:коментувати|говорити|публічно|розголошувати)"
    rf"|за\s+(?:даними|словами|інформацією|твердженням)\s+(?:[\w-]+\s+){{0,2}}?{_SOURCE}"
    rf"|посилаючись\s+на\s+(?:[\w-]+\s+){{0,2}}?{_SOURCE}"
    rf"|(?:поінформован|обізнан|власн|анонімн|неназван|високопоставлен|урядов|дипломатичн"
    rf"|військов)\w*\s+{_SOURCE}"
    rf"|{_SOURCE}\s+(?:повідомил\w*|розповіл\w*|каже|кажуть|сказал\w*|заявил\w*|стверджу\w*"
    r"|підтвердил\w*|повідомляє|повідомляють|наголошу\w*|уточнил\w*)"
    rf"|{_SOURCE}(?:\s+«[^»\n]{{1,60}}»)?\s+(?P<prep>в|у|серед|з|із|зі|при)\s+(?P<next>[\w-]+)"
    rf"|{_SOURCE},?\s+близьк\w*\s+до"
    r"|(?P<talker>співрозмовни\w*)"
    r")",
    re.IGNORECASE)
_NOT_PEOPLE = re.compile(r"(?:відкрит\w*|природн\w*|альтернативн\w*|відновлюван\w*)\s+$",
                         re.IGNORECASE)
_NAMED_AFTER = re.compile(r"\s*[,—–-]\s*(?:[\w-]+\s+){0,3}?([А-ЯІЇЄҐ][\w'’ʼ-]+)\s+"
                          r"[А-ЯІЇЄҐ][\w'’ʼ-]+")


def phrases(body: str) -> list[tuple[int, str]]:
    """(offset, phrase) of every unnamed-source phrase, in order."""
    found: list[tuple[int, str]] = []
    for match in _PHRASES.finditer(body):
        if _NOT_PEOPLE.search(body, max(0, match.start() - 30), match.start()):
            continue  # "з відкритих джерел": open sources
        prep, following = match.group("prep"), match.group("next")
        if prep and prep.lower() in ("з", "із", "зі") and following and \
                "gent" not in tags(following) and not following[:1].isupper():
            continue  # "джерело з чистою водою": a spring
        if match.group("talker"):
            named = _NAMED_AFTER.match(body, match.end())
            if named is not None and given_name(named.group(1)) is not None:
                continue  # "наш співрозмовник, агроном Степан Ткач"
            tail = re.match(r"\s+[\w-]+", body[match.end():])
            phrase = match.group() + (tail.group() if tail else "")
            found.append((match.start(), phrase))
            continue
        found.append((match.start(), match.group()))
    return found

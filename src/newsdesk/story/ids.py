"""Story ids: checking what a user typed, and making a safe one from a headline.

An id becomes a file name and appears in git commands, so a user-given id is checked on the
raw input and never "cleaned up" into something else: `../x` is refused, not turned into `x`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from newsdesk.errors import UsageError, shown

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_LEN = 3
MAX_LEN = 80
# Device names Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {
    f"lpt{i}" for i in range(10)
}
# File names the exports write beside the stories' own (index.html, feed.json).
_EXPORT_NAMES = {"index", "feed"}
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэёъЫЭЁЪ")
_APOSTROPHES = "'’ʼ`´"


def id_problem(raw: str) -> str | None:
    """Why `raw` is not a valid story id, or None when it is."""
    if not MIN_LEN <= len(raw) <= MAX_LEN:
        return f"must be {MIN_LEN} to {MAX_LEN} characters long (got {len(raw)})"
    if not ID_PATTERN.fullmatch(raw):
        return (
            "may hold only lowercase ASCII letters, digits and single hyphens between them "
            "(pattern ^[a-z0-9]+(-[a-z0-9]+)*$)"
        )
    if raw in _RESERVED:
        return "is a reserved device name on some systems"
    if raw in _EXPORT_NAMES:
        return "is a name the exports use for their own files (index.html, feed.json)"
    return None


def check_id(raw: str) -> str:
    """Return `raw` unchanged if it is a safe id; otherwise raise a UsageError naming it."""
    problem = id_problem(raw)
    if problem is not None:
        raise UsageError(f"invalid story id {shown(raw)}: it {problem}")
    return raw


def _transliterate(text: str) -> str:
    if not any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    from translitua import RussianInternationalPassport, UkrainianKMU, translit

    letters = set(text)
    table: Any = UkrainianKMU
    if letters & _RUSSIAN_ONLY and not letters & _UKRAINIAN_ONLY:
        table = RussianInternationalPassport
    return str(translit(text, table))


def slugify(headline: str) -> str:
    """A lowercase ASCII slug for `headline`, at most MAX_LEN characters, cut at a word."""
    text = unicodedata.normalize("NFKC", headline)
    text = _transliterate(text)
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LEN:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:MAX_LEN]
    return slug


def unique_id(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free; short bases are padded to be valid."""
    if len(base) < MIN_LEN:
        base = f"{base}-story" if base else "story"
    if base in _RESERVED:
        base = f"{base}-story"
    candidate = base
    n = 2
    while taken(candidate):
        suffix = f"-{n}"
        candidate = base[: MAX_LEN - len(suffix)].rstrip("-") + suffix
        n += 1
    return candidate

"""Remembering what was computed from a story's text, by the text's identity.

Several rules and scans derive the same thing from one story body (its lower case, its ASCII
shadow). `functools.lru_cache` would key it by the text's hash, which for a fresh 6 KB
string means reading it all again (about 1.5% of a typeset story's validation); the rules
hand the same string object around, so its identity is key enough."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")


def by_identity(size: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Remember a one-text function's results for the last `size` text objects."""

    def decorate(function: Callable[[str], T]) -> Callable[[str], T]:
        # (text, result); holding the text keeps its id from being reused
        recent: deque[tuple[str, T]] = deque(maxlen=size)

        @wraps(function)
        def remembered(text: str) -> T:
            for known, result in tuple(recent):  # (a copy made at once: safe beside threads)
                if known is text:
                    return result
            result = function(text)
            recent.appendleft((text, result))
            return result

        return remembered

    return decorate

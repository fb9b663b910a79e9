"""Every pattern runs in linear time: a story under the size cap cannot stall validation or
export. Each hostile body (long runs of blanks, `![`, `](`, directive prefixes, comment
openings, capitalised words) is checked at two sizes; four times the input must cost well
under sixteen times the time (what a quadratic pattern costs), measured in CPU time, best of
three runs."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from newsdesk.check.engine import Engine, resolve_rules
from newsdesk.export.markdown import safe_body
from newsdesk.rules.base import Context

pytestmark = pytest.mark.timing

HEAD = ("---\nid: test-story\nstatus: draft\nheadline: A headline\ndesk: news\n"
        "byline: [x-y]\ncreated: 2025-03-01T06:00:00Z\nupdated: 2025-03-01T06:00:00Z\n---\n")

HOSTILE: dict[str, Callable[[int], str]] = {
    "blanks": lambda n: "a" + " " * n + "b\n",
    "blanks-then-text": lambda n: ("x \t" * (n // 3)) + "\n",
    "image-openings": lambda n: "![" * (n // 2),
    "image-targets": lambda n: "![a](" * (n // 5),
    "link-targets": lambda n: "](" * (n // 2),
    "directive-prefixes": lambda n: "<!-- newsdesk: disable-line " * (n // 28),
    "directive-blanks": lambda n: "<!-- newsdesk: disable-line house-style" + " " * n + "x",
    "comment-openings": lambda n: "<!--" * (n // 4),
    "capitalised-words": lambda n: "Aa " * (n // 3),
    "surnames-and-callsigns": lambda n: "Aa, callsign " * (n // 13),
    "names": lambda n: "Ivan Petrenko " * (n // 14),
    "source-phrases": lambda n: "a source in the " * (n // 16),
    "quoted-house-style-terms": lambda n: '"Kiev" and Kiev ' * (n // 16),
}


def _cpu(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return max(best, 1e-4)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_validation_is_linear(name: str) -> None:
    engine = Engine(resolve_rules({}), Context(roster=None, story_ids=frozenset()))

    def run(size: int) -> Callable[[], object]:
        raw = (HEAD + HOSTILE[name](size)).encode()
        return lambda: engine.check_bytes(raw, "stories/test-story.md", "test-story")

    small, large = _cpu(run(8_000)), _cpu(run(32_000))
    assert large / small < 9, f"{name}: 4x the input took {large / small:.1f}x the time"


# Ukrainian copy goes through its own reading (word forms, cases, later surnames).
UKRAINIAN: dict[str, Callable[[int], str]] = {
    "soldiers-and-surnames": lambda n: "".join(
        f"Сержант Олександр Петренко{chr(1072 + i % 30)} каже, що Петренка чекають. "
        for i in range(n // 64)),
    "fixes": lambda n: "Ціни на Україні зросли, м'ясо і п’ять. " * (n // 40),
    "cyrillic-capitals": lambda n: "Аа " * (n // 3),
    "sources": lambda n: "джерело в уряді " * (n // 16),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(UKRAINIAN))
def test_ukrainian_validation_is_linear(name: str) -> None:
    engine = Engine(resolve_rules({}), Context(roster=None, story_ids=frozenset()))

    def run(size: int) -> Callable[[], object]:
        raw = (HEAD.replace("desk: news", "language: uk\ndesk: news")
               + UKRAINIAN[name](size)).encode()
        return lambda: engine.check_bytes(raw, "stories/test-story.md", "test-story")

    run(100)()  # the morphological analyser loads once, outside the measurement
    small, large = _cpu(run(8_000)), _cpu(run(32_000))
    assert large / small < 9, f"{name}: 4x the input took {large / small:.1f}x the time"


@pytest.mark.parametrize("name", ["image-openings", "link-targets", "comment-openings"])
def test_markdown_export_is_linear(name: str) -> None:
    small = _cpu(lambda: safe_body(HOSTILE[name](20_000)))
    large = _cpu(lambda: safe_body(HOSTILE[name](80_000)))
    assert large / small < 9

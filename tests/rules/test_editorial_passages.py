"""Every labelled passage of the editorial evaluation set (`benchmarks/editorial/`) is a case:
the rule must report exactly the labelled names, surnames, phrases and spellings, no others,
and never offer a fix where the label forbids one. A passage the rules still get wrong is
listed in `known-failures.yaml` with the reason and runs as a strict xfail, so fixing it
(or breaking a passing one) shows up in CI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "editorial"))

import evaluate

PASSAGES = evaluate.load()
KNOWN = evaluate.known_failures()


def _case(passage: evaluate.Passage) -> object:
    marks = [pytest.mark.xfail(reason=KNOWN[passage.id], strict=True)] \
        if passage.id in KNOWN else []
    return pytest.param(passage, id=passage.id, marks=marks)


@pytest.mark.parametrize("passage", [_case(p) for p in PASSAGES])
def test_passage(passage: evaluate.Passage) -> None:
    result = evaluate.evaluate(passage)
    problems = list(evaluate.describe(result))
    assert result.exact, "\n".join(problems)


def test_the_set_is_big_enough_and_balanced() -> None:
    english = [p for p in PASSAGES if p.language == "en"]
    assert len(english) >= 300
    clean = [p for p in english if p.clean]
    assert len(clean) >= len(english) - len(clean)
    assert {p.rule for p in english} == {"soldier-identification", "anonymous-source",
                                         "house-style", "quote-attribution"}


def test_the_ukrainian_set_is_big_enough_and_covers_both_sides() -> None:
    ukrainian = [p for p in PASSAGES if p.language == "uk"]
    assert len(ukrainian) >= 150
    for rule in ("soldier-identification", "anonymous-source", "house-style"):
        passages = [p for p in ukrainian if p.rule == rule]
        assert any(p.clean for p in passages) and any(not p.clean for p in passages), rule
    soldier = [p for p in ukrainian if p.rule == "soldier-identification"]
    assert sum(p.clean for p in soldier) >= 50


def test_known_failures_name_real_passages() -> None:
    assert set(KNOWN) <= {p.id for p in PASSAGES}


def test_the_scorer_catches_a_miss_and_a_false_alarm() -> None:
    """The scorer itself can fail: a label the rule cannot find is a miss, and a finding no
    label explains is a false alarm."""
    missed = evaluate.Passage("t1", "soldier-identification", "", "Ivan Petrenko bakes bread.",
                              labels=[evaluate.Label("full", "Ivan Petrenko")])
    assert evaluate.evaluate(missed).missed
    alarm = evaluate.Passage("t2", "soldier-identification", "", "Sgt. Ivan Petrenko fires.")
    assert evaluate.evaluate(alarm).false_alarms

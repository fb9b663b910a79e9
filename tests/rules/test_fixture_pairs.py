"""Every rule has a fixture pair: a story that breaks it (with the exact findings expected
in `expected.yaml`: line, column and message) and one that passes every rule."""

from __future__ import annotations

import pytest
import yaml

from newsdesk.rules import registry
from tests.rules.helpers import RULE_FIXTURES, check_file

RULE_DIRS = sorted(p.name for p in RULE_FIXTURES.iterdir() if p.is_dir())


def test_every_rule_with_a_check_has_a_fixture_pair() -> None:
    checked = {rid for rid, info in registry().items() if info.check is not None}
    assert checked | {"suppression"} <= set(RULE_DIRS)


# A rule that reads more than one language has a pair per language: `breaks-RULE-uk.md`,
# `expected-uk.yaml` and `passes-RULE-uk.md` for Ukrainian copy.
PAIRS = [(rule, suffix) for rule in RULE_DIRS for suffix in ("", "-uk")
         if (RULE_FIXTURES / rule / f"breaks-{rule}{suffix}.md").exists()]


def test_every_rule_that_reads_ukrainian_has_a_ukrainian_pair() -> None:
    ukrainian = {rid for rid, info in registry().items()
                 if info.languages is not None and "uk" in info.languages}
    assert ukrainian == {rule for rule, suffix in PAIRS if suffix == "-uk"}


@pytest.mark.parametrize(("rule", "suffix"), PAIRS)
def test_breaking_fixture_gives_exactly_the_expected_findings(rule: str, suffix: str) -> None:
    expected = yaml.safe_load((RULE_FIXTURES / rule / f"expected{suffix}.yaml").read_text())
    findings = [f for f in check_file(RULE_FIXTURES / rule / f"breaks-{rule}{suffix}.md")
                if f.rule == rule and not f.suppressed]
    got = [(f.line, f.column) for f in findings]
    assert got == [(line, column) for line, column, _ in expected]
    for finding, (_, _, words) in zip(findings, expected, strict=True):
        assert words in finding.message
        assert finding.severity == registry()[rule].severity
        assert finding.path == f"{rule}/breaks-{rule}{suffix}.md"


@pytest.mark.parametrize(("rule", "suffix"), PAIRS)
def test_passing_fixture_is_clean_under_every_rule(rule: str, suffix: str) -> None:
    findings = [f for f in check_file(RULE_FIXTURES / rule / f"passes-{rule}{suffix}.md")
                if not f.suppressed and f.severity != "info"]
    assert findings == []

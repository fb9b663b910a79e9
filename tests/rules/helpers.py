"""Running the rule engine on fixture stories, as the CLI would, without a subprocess."""

from __future__ import annotations

from pathlib import Path

from newsdesk.check.engine import Engine, resolve_rules
from newsdesk.check.findings import Finding
from newsdesk.models.config import RuleSettings
from newsdesk.models.staff import Roster
from newsdesk.models.story import Story
from newsdesk.newsroom import load_yaml_model
from newsdesk.rules.base import Context
from tests.conftest import FIXTURES

RULE_FIXTURES = FIXTURES / "rules"


def fixture_ids() -> frozenset[str]:
    return frozenset(p.stem for p in RULE_FIXTURES.glob("*/*.md"))


def engine(settings: dict[str, dict[str, object]] | None = None) -> Engine:
    roster = load_yaml_model(RULE_FIXTURES / "staff.yaml", Roster, "staff.yaml")
    rules = resolve_rules({k: RuleSettings.model_validate(v) for k, v in
                           (settings or {}).items()})
    ctx = Context(roster=roster, story_ids=fixture_ids(),
                  staff_names=frozenset(m.name for m in roster.staff), read_story=read_fixture)
    return Engine(rules, ctx)


def read_fixture(story_id: str) -> Story | None:
    """Another fixture story by id, as the newsroom's story reader gives it to rules."""
    from newsdesk.story.reader import parse, read_model

    for path in RULE_FIXTURES.glob(f"*/{story_id}.md"):
        return read_model(parse(path.read_bytes()), story_id).model
    return None


def check_text(text: str, story_id: str = "test-story",
               settings: dict[str, dict[str, object]] | None = None) -> list[Finding]:
    return engine(settings).check_bytes(text.encode("utf-8"), f"stories/{story_id}.md", story_id)


def check_file(path: Path, settings: dict[str, dict[str, object]] | None = None) -> list[Finding]:
    return engine(settings).check_file(path, path.relative_to(RULE_FIXTURES).as_posix())

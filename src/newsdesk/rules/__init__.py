"""The rule registry: every rule id newsdesk knows, in one explicit table.

Adding a rule is one new module in this package and one line here.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from newsdesk.rules.base import RuleInfo

_MODULES = (
    "parse",
    "schema",
    "suppression",
    "soldier_identification",
    "photo_credit",
    "image_source",
    "editor_note",
    "house_style",
    "byline",
    "related",
    "translation",
    "translation_published",
    "required_fields",
    "anonymous_source",
    "whitespace",
    "headline_length",
    "quote_attribution",
)

# Rules the engine runs itself and that configuration cannot switch off.
CORE_RULES = frozenset({"parse", "schema"})


@cache
def registry() -> dict[str, RuleInfo]:
    rules: dict[str, RuleInfo] = {}
    for name in _MODULES:
        info = RuleInfo.from_module(import_module(f"newsdesk.rules.{name}"))
        rules[info.id] = info
    return rules

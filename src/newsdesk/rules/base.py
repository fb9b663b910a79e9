"""What a rule is: an id, a default severity, options, and a check.

A rule is one module (see `photo_credit.py` for a small one) holding `ID`, `SEVERITY`, an
`Options` model and a `check()` generator; its module docstring is its documentation. Rules
never decide their severity or whether they are enabled: the engine stamps both from
`newsdesk.yaml`, as yamllint does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict

from newsdesk.problems import Problem, TextFix

__all__ = ["Context", "Problem", "RuleInfo", "RuleOptions", "TextFix"]

if TYPE_CHECKING:
    from newsdesk.models.staff import Roster
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory


class RuleOptions(BaseModel):
    """Base of every rule's options: unknown option names are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class Context:
    """What rules may know beyond the story itself."""

    roster: Roster | None
    story_ids: AbstractSet[str]
    staff_names: frozenset[str] = field(default_factory=frozenset)
    duplicate_ids: AbstractSet[str] = field(default_factory=frozenset)  # held by two files
    language: str = "en"  # the newsroom's default language (newsdesk.yaml `language`)
    # Reads another story of the newsroom (None when it cannot be read). A story whose check
    # read another is never served from the validation cache: the other may change alone.
    read_story: Callable[[str], Story | None] | None = None
    read_others: bool = False  # set while checking a story that read another

    def other_story(self, story_id: str) -> Story | None:
        if self.read_story is None:
            return None
        self.read_others = True
        return self.read_story(story_id)

    def language_of(self, story: Story) -> str:
        """The primary subtag of the story's language ("uk" for "uk-UA"), lower case."""
        return primary_language(story.language or self.language)


def primary_language(tag: str) -> str:
    return tag.split("-", 1)[0].split("_", 1)[0].lower()


class CheckFunction(Protocol):
    def __call__(self, doc: ParsedStory, story: Story, ctx: Context,
                 options: Any) -> Iterator[Problem]: ...


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: str
    options: type[RuleOptions]
    check: CheckFunction | None  # None for rules the engine applies itself (parse, schema)
    doc: str
    # Turns validated options into what `check` receives (compiled patterns, say), once per
    # run instead of once per story.
    prepare: Callable[[Any], Any] | None = None
    # May a story silence this rule inline? A rule protecting people says no (`SUPPRESSIBLE =
    # False` in its module); the newsroom can change it in newsdesk.yaml.
    suppressible: bool = True
    # The languages whose copy the rule can read (primary subtags); None for a rule that does
    # not read wording. A story in another language gets one info finding instead of a
    # silent pass (`LANGUAGES` in the module).
    languages: frozenset[str] | None = None

    @classmethod
    def from_module(cls, module: ModuleType) -> RuleInfo:
        return cls(
            id=module.ID,
            severity=str(module.SEVERITY),
            options=getattr(module, "Options", RuleOptions),
            check=getattr(module, "check", None),
            doc=(module.__doc__ or "").strip(),
            prepare=getattr(module, "prepare", None),
            suppressible=bool(getattr(module, "SUPPRESSIBLE", True)),
            languages=frozenset(module.LANGUAGES) if hasattr(module, "LANGUAGES") else None,
        )

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.id

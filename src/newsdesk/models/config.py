"""`newsdesk.yaml`: the newsroom's settings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

from newsdesk.models.common import OneLine, ShortId, Text
from newsdesk.models.enums import Severity


class Desk(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: ShortId
    name: Text


class RuleSettings(BaseModel):
    """One rule's settings: `enabled`, `severity`, and the rule's own options beside them.
    The options are checked against each rule's declared option model by the rule engine."""

    model_config = ConfigDict(extra="allow", frozen=True)
    enabled: StrictBool = True
    severity: Severity | None = None
    suppressible: StrictBool | None = Field(
        None, description="May a story silence this rule's findings with an inline comment? "
                          "Default: yes, except for soldier-identification.")

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class WorkflowSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    stale_draft_days: StrictInt = Field(
        14, ge=1, description="A draft untouched this long is stale.")
    lock_timeout_seconds: StrictInt = Field(
        30, ge=0, description="How long a command waits for another newsdesk process.")


class Limits(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max_story_bytes: StrictInt = Field(1_000_000, ge=1024, description="Larger files are refused.")


class CiSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    install: OneLine | None = Field(
        None, description="The one-line command CI runs to install newsdesk (default: pip "
                          "install newsdesk==<this version>). Point it at your own package "
                          "index or a hash-pinned requirements file.")


class NewsroomConfig(BaseModel):
    """The whole of `newsdesk.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    newsroom: OneLine = Field(description="The publication's name, shown in exports.")
    url: OneLine = Field(description="Base URL for links and ids in exports.")
    language: OneLine = "en"
    desks: list[Desk] = Field(min_length=1)
    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    workflow: WorkflowSettings = Field(default_factory=WorkflowSettings)
    limits: Limits = Field(default_factory=Limits)
    ci: CiSettings = Field(default_factory=CiSettings)

    @field_validator("url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an absolute http(s) URL, like https://news.example/")
        return value

    @field_validator("desks")
    @classmethod
    def _unique_desks(cls, desks: list[Desk]) -> list[Desk]:
        seen: set[str] = set()
        for desk in desks:
            if desk.id in seen:
                raise ValueError(f"desk id {desk.id!r} is listed twice")
            seen.add(desk.id)
        return desks

    def desk_ids(self) -> set[str]:
        return {d.id for d in self.desks}

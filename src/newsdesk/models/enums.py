"""The closed sets of words newsdesk's files and commands use: a story's status, a person's
role in a story, a staff member's role, a finding's severity. Defined once, here, with no
heavy import, so that any module (the CLI's start-up included) can name them instead of
writing the strings."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"
    SPIKED = "spiked"
    KILLED = "killed"


class PersonRole(StrEnum):
    SOLDIER = "soldier"
    OFFICIAL = "official"
    CIVILIAN = "civilian"
    SOURCE = "source"
    OTHER = "other"


class StaffRole(StrEnum):
    REPORTER = "reporter"
    EDITOR = "editor"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

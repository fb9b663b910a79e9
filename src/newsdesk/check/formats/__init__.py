"""Output formats for findings. Each is one module with a `render(report, ...) -> str` fed
from the same list of Finding records, as sqlfluff builds every format from one list."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"

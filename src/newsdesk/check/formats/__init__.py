"""Output formats for findings: a registry of modules with one signature,
`render(report, options) -> str`, each fed from the same list of Finding records (as sqlfluff
builds every format from one list). Adding a format is one module and one enum member."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.check.findings import Report


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


def _no_source(path: str, line: int) -> str:
    return ""


@dataclass(frozen=True)
class RenderOptions:
    """What a format may need beyond the findings; each uses what applies to it."""

    show_suppressed: bool = False
    strict: bool = False  # warnings fail the run too (JUnit marks them failures)
    paths: list[str] = field(default_factory=list)  # every file checked, clean ones included
    source_line: Callable[[str, int], str] = _no_source  # a finding's line, for the text format
    colour: bool = False


def render(output: OutputFormat | str, report: Report, options: RenderOptions) -> str:
    module = import_module(f"{__name__}.{OutputFormat(output).value}")
    text: str = module.render(report, options)
    return text

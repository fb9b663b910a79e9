"""A problem at a line and column: the one shape every layer reports in.

The YAML reader, the story reader, the model check and every rule say what is wrong and
where with this type, and the engine turns it into a `Finding` (which adds the file, the rule
and the severity). Lines and columns count from 1 in the file itself, front matter included,
so nothing between the layers converts a position by hand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextFix:
    """Replace `source.text[start:end]` (offsets in the newline-normalised file text) with
    `replacement`. Only fixes that cannot change meaning are offered this way; a rule whose
    remedy needs judgement gives a suggestion instead."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    column: int
    message: str
    suggestion: str | None = None
    fix: TextFix | None = None


class ProblemError(Exception):
    """A problem that stops reading: the YAML or the story file cannot be read at all."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.problem = Problem(line, column, message)

    @property
    def message(self) -> str:
        return self.problem.message

    @property
    def line(self) -> int:
        return self.problem.line

    @property
    def column(self) -> int:
        return self.problem.column

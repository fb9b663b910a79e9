"""A finding: one problem in one story file, as every output format reports it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.models.enums import Severity

SEVERITIES = tuple(severity.value for severity in Severity)


@dataclass(slots=True)
class Finding:
    path: str  # relative to the newsroom root, with forward slashes
    line: int  # 1-based, in the story file itself (front matter included)
    column: int  # 1-based, in characters
    rule: str
    severity: str  # error | warning | info
    message: str
    suggestion: str | None = None
    suppressed: bool = False
    reason: str | None = None  # the suppression's reason
    # A safe fix: replace bytes [start, end) of the file with `replacement` (UTF-8 text whose
    # "\n" stands for the file's own line ending).
    fix: tuple[int, int, str] | None = None

    def record(self) -> dict[str, Any]:
        """The contract's JSON record; suppression keys only where they apply."""
        out: dict[str, Any] = {
            "path": self.path, "line": self.line, "column": self.column, "rule": self.rule,
            "severity": self.severity, "message": self.message, "suggestion": self.suggestion,
        }
        if self.suppressed:
            out["suppressed"] = True
            out["reason"] = self.reason
        if self.fix is not None:
            out["fix"] = {"start_byte": self.fix[0], "end_byte": self.fix[1],
                          "replacement": self.fix[2]}
        return out

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Finding:
        fix = record.get("fix")
        return cls(record["path"], record["line"], record["column"], record["rule"],
                   record["severity"], record["message"], record.get("suggestion"),
                   bool(record.get("suppressed", False)), record.get("reason"),
                   (fix["start_byte"], fix["end_byte"], fix["replacement"]) if fix else None)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


@dataclass
class Report:
    """The result of checking a set of files."""

    files_checked: int
    findings: list[Finding]
    suppressed: list[Finding]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        if strict:
            return any(f.severity in (Severity.ERROR, Severity.WARNING) for f in self.findings)
        return any(f.severity == Severity.ERROR for f in self.findings)

"""Human output: findings grouped per file, each with its source line and a caret."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from newsdesk.findings import Finding, Report

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(report: Report, source_line: Callable[[str, int], str],
           show_suppressed: bool = False, colour: bool = False) -> str:
    def paint(text: str, style: str) -> str:
        if not colour:
            return text
        codes = {"red": "31", "yellow": "33", "cyan": "36", "bold": "1", "dim": "2"}
        return f"\x1b[{codes[style]}m{text}\x1b[0m"

    shown = list(report.findings)
    if show_suppressed:
        shown += report.suppressed
    shown.sort(key=Finding.sort_key)
    lines: list[str] = []
    for path, group in groupby(shown, key=lambda f: f.path):
        lines.append(paint(path, "bold"))
        for finding in group:
            label = paint(finding.severity, _COLOURS.get(finding.severity, "bold"))
            note = f" (suppressed: {finding.reason})" if finding.suppressed else ""
            lines.append(f"  {finding.line}:{finding.column}  {label}  {finding.message}  "
                         f"[{finding.rule}]{note}")
            text = source_line(path, finding.line)
            if text:
                shown_text = text.expandtabs(4)[:200]
                lines.append(f"      {shown_text}")
                caret_at = min(max(finding.column - 1, 0), len(shown_text))
                lines.append("      " + " " * caret_at + paint("^", "dim"))
            if finding.suggestion:
                lines.append(f"      suggestion: {finding.suggestion}")
        lines.append("")
    errors, warnings, infos = (report.count(s) for s in ("error", "warning", "info"))
    summary = (f"{report.files_checked} file{'s' if report.files_checked != 1 else ''} checked: "
               f"{errors} error{'s' if errors != 1 else ''}, "
               f"{warnings} warning{'s' if warnings != 1 else ''}, {infos} info")
    if report.suppressed:
        summary += f", {len(report.suppressed)} suppressed"
    lines.append(summary)
    return "\n".join(lines)

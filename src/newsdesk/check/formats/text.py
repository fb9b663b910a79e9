"""Human output: findings grouped per file, each with its source line and a caret."""

from __future__ import annotations

from itertools import groupby

from newsdesk.check.findings import SEVERITIES, Finding, Report
from newsdesk.check.formats import RenderOptions

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


SNIPPET_WIDTH = 160


def snippet(line: str, column: int, width: int = SNIPPET_WIDTH) -> tuple[str, int]:
    """The part of a source line around a column, and where the caret goes in it: a long
    line is cut to a window with the match in view, marked with an ellipsis on each cut
    side, so the finding is always visible."""
    text = line.expandtabs(4)
    at = min(max(column - 1, 0), len(text))
    if len(text) <= width:
        return text, at
    start = max(0, min(at - width // 3, len(text) - width))
    end = start + width
    shown = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return shown, at - start + (1 if start else 0)


def render(report: Report, options: RenderOptions) -> str:
    source_line, colour = options.source_line, options.colour
    def paint(text: str, style: str) -> str:
        if not colour:
            return text
        codes = {"red": "31", "yellow": "33", "cyan": "36", "bold": "1", "dim": "2"}
        return f"\x1b[{codes[style]}m{text}\x1b[0m"

    shown = list(report.findings)
    if options.show_suppressed:
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
                shown_text, caret_at = snippet(text, finding.column)
                lines.append(f"      {shown_text}")
                lines.append("      " + " " * caret_at + paint("^", "dim"))
            if finding.suggestion:
                lines.append(f"      suggestion: {finding.suggestion}")
        lines.append("")
    errors, warnings, infos = (report.count(s) for s in SEVERITIES)
    summary = (f"{report.files_checked} file{'s' if report.files_checked != 1 else ''} checked: "
               f"{errors} error{'s' if errors != 1 else ''}, "
               f"{warnings} warning{'s' if warnings != 1 else ''}, {infos} info")
    if report.suppressed:
        summary += f", {len(report.suppressed)} suppressed"
    lines.append(summary)
    return "\n".join(lines)

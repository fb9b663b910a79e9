"""GitHub Actions workflow commands: each finding annotates the pull request's diff.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

from newsdesk.check.findings import Report
from newsdesk.check.formats import RenderOptions

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for finding in report.findings:
        message = finding.message
        if finding.suggestion:
            message += f"\n\nSuggestion: {finding.suggestion}"
        lines.append(
            f"::{_LEVEL.get(finding.severity, 'error')} file={_property(finding.path)},"
            f"line={finding.line},col={finding.column},"
            f"title={_property('newsdesk ' + finding.rule)}::{_data(message)}")
    errors = report.count("error")
    warnings = report.count("warning")
    lines.append(f"newsdesk: {report.files_checked} files checked, {errors} errors, "
                 f"{warnings} warnings, {len(report.suppressed)} suppressed")
    return "\n".join(lines)

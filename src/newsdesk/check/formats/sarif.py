"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure DevOps, ...).

Suppressed findings are included with an in-source suppression and its justification, as
SARIF intends, so dashboards count them without alerting on them.
"""

from __future__ import annotations

import json
from typing import Any

from newsdesk import __version__
from newsdesk.check.findings import Finding, Report
from newsdesk.check.formats import RenderOptions

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(report: Report, options: RenderOptions) -> str:
    from newsdesk.rules import registry

    rules = list(registry().values())
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = [_result(f, index) for f in report.findings]
    results += [_result(f, index) for f in report.suppressed]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newsdesk",
                "version": __version__,
                "informationUri": "https://newsdesk.example/docs/rules",
                "rules": [{
                    "id": rule.id,
                    "name": "".join(part.capitalize() for part in rule.id.split("-")),
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": rule.doc or rule.summary},
                    "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                    "help": {"text": rule.doc or rule.summary},
                } for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"NEWSROOM_ROOT": {
                "description": {"text": "The newsroom's root folder (holding newsdesk.yaml)."}}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    message = finding.message
    if finding.suggestion:
        message += f" Suggestion: {finding.suggestion}"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVEL.get(finding.severity, "error"),
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": finding.path, "uriBaseId": "NEWSROOM_ROOT"},
            "region": {"startLine": finding.line, "startColumn": finding.column},
        }}],
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                   "justification": finding.reason or ""}]
    return result

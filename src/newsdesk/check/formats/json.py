"""The contract's JSON: `{"files_checked": N, "findings": [...]}`."""

from __future__ import annotations

import json
from typing import Any

from newsdesk.check.findings import Report


def render(report: Report, show_suppressed: bool = False) -> str:
    payload: dict[str, Any] = {
        "files_checked": report.files_checked,
        "findings": [f.record() for f in report.findings],
        "suppressed": len(report.suppressed),
    }
    if show_suppressed:
        payload["suppressed_findings"] = [f.record() for f in report.suppressed]
    return json.dumps(payload, ensure_ascii=False, indent=2)

"""The contract's JSON: `{"files_checked": N, "findings": [...]}`."""

from __future__ import annotations

import json
from typing import Any

from newsdesk.check.findings import Report
from newsdesk.check.formats import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    payload: dict[str, Any] = {
        "files_checked": report.files_checked,
        "findings": [f.record() for f in report.findings],
        "suppressed": len(report.suppressed),
    }
    if options.show_suppressed:
        payload["suppressed_findings"] = [f.record() for f in report.suppressed]
    return json.dumps(payload, ensure_ascii=False, indent=2)

"""JUnit XML for CI test tabs: one test case per story file, failing when it has findings
that fail the run."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from newsdesk.check.findings import Finding, Report
from newsdesk.check.formats import RenderOptions
from newsdesk.models.enums import Severity


def render(report: Report, options: RenderOptions) -> str:
    failing = {Severity.ERROR, Severity.WARNING} if options.strict else {Severity.ERROR}
    by_path = {path: list(group) for path, group in
               groupby(sorted(report.findings, key=Finding.sort_key), key=lambda f: f.path)}
    all_paths = sorted(set(options.paths) | set(by_path))
    failures = sum(1 for p in all_paths if any(f.severity in failing for f in by_path.get(p, [])))
    suites = ET.Element("testsuites", name="newsdesk", tests=str(len(all_paths)),
                        failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="newsdesk validate",
                          tests=str(len(all_paths)), failures=str(failures), errors="0",
                          skipped="0")
    for path in all_paths:
        findings = by_path.get(path, [])
        classname = path.rsplit("/", 1)[0].replace("/", ".") if "/" in path else "stories"
        case = ET.SubElement(suite, "testcase", classname=classname, name=path, file=path)
        bad = [f for f in findings if f.severity in failing]
        lines = [f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]"
                 + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
                 for f in findings]
        if bad:
            failure = ET.SubElement(case, "failure", type=bad[0].rule,
                                    message=f"{len(bad)} finding(s): {bad[0].message}")
            failure.text = "\n".join(lines)
        elif lines:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(lines)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)

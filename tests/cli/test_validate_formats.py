"""`newsdesk validate` output formats, --strict, --show-suppressed and --changed-since,
through the installed CLI."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema

from tests.conftest import FIXTURES, MINIMAL_STORY, Newsroom

BAD = """\
---
id: bad-story
status: draft
headline: Strikes on Kiev
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
images:
  - src: images/a.jpg
    caption: A street.
    alt: An empty street.
---
Body, with a comma: and 100% of it.
<!-- newsdesk: disable-next-line house-style -- quoting a 2014 document -->
Kiev in 2014.
"""
WARN_ONLY = BAD.replace("id: bad-story", "id: warn-story").replace(
    "    caption: A street.", "    caption: A street.\n    credit: Taras Reporter/The Desk")


def setup(newsroom: Newsroom) -> None:
    newsroom.write("stories/2025/03/bad-story.md", BAD)
    newsroom.write("stories/2025/03/warn-story.md", WARN_ONLY)


def test_json_counts_suppressed_and_lists_them_on_request(newsroom: Newsroom) -> None:
    setup(newsroom)
    result = newsroom.run("validate", "--format", "json")
    assert result.returncode == 1
    data = result.json()
    assert data["files_checked"] == 2
    rules = sorted({(f["path"], f["rule"]) for f in data["findings"]})
    assert rules == [("stories/2025/03/bad-story.md", "house-style"),
                     ("stories/2025/03/bad-story.md", "photo-credit"),
                     ("stories/2025/03/warn-story.md", "house-style")]
    assert data["suppressed"] == 2 and "suppressed_findings" not in data
    shown = newsroom.run("validate", "--format", "json", "--show-suppressed").json()
    assert [f["reason"] for f in shown["suppressed_findings"]] == ["quoting a 2014 document"] * 2
    contract = {"path", "line", "column", "rule", "severity", "message", "suggestion"}
    for finding in data["findings"]:
        assert contract <= set(finding) <= contract | {"fix"}
    credit = next(f for f in data["findings"] if f["rule"] == "photo-credit")
    assert set(credit) == contract
    style = next(f for f in data["findings"] if f["rule"] == "house-style")
    assert style["fix"]["replacement"] == "Kyiv"


def test_strict_makes_warnings_fail(newsroom: Newsroom) -> None:
    newsroom.write("stories/2025/03/warn-story.md", WARN_ONLY)
    assert newsroom.run("validate").returncode == 0
    assert newsroom.run("validate", "--strict").returncode == 1


def test_github_annotations(newsroom: Newsroom) -> None:
    setup(newsroom)
    lines = newsroom.run("validate", "--format", "github").stdout.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+$")
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all(pattern.match(line) for line in annotations)
    credit = next(line for line in annotations if "photo-credit" in line)
    assert credit.startswith("::error file=stories/2025/03/bad-story.md,line=10,col=5,")
    assert "%0A" in credit and "\n" not in credit


def test_sarif_is_valid_against_the_oasis_schema(newsroom: Newsroom) -> None:
    setup(newsroom)
    result = newsroom.run("validate", "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"house-style", "photo-credit"}
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 2
    assert suppressed[0]["suppressions"][0]["justification"] == "quoting a 2014 document"
    rule_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert "soldier-identification" in rule_ids


def test_junit_xml(newsroom: Newsroom) -> None:
    setup(newsroom)
    root = ET.fromstring(newsroom.run("validate", "--format", "junit").stdout)
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["stories/2025/03/bad-story.md"].find("failure") is not None
    assert cases["stories/2025/03/warn-story.md"].find("failure") is None
    strict = ET.fromstring(newsroom.run("validate", "--format", "junit", "--strict").stdout)
    assert strict.get("failures") == "2"


def test_changed_since_checks_only_changed_stories(newsroom: Newsroom) -> None:
    newsroom.write("stories/2025/03/bad-story.md", BAD)
    newsroom.commit_all("bad story")
    base = newsroom.head()
    newsroom.write("stories/2025/03/warn-story.md", WARN_ONLY)
    data = newsroom.run("validate", "--changed-since", base, "--format", "json").json()
    assert data["files_checked"] == 1
    assert {f["path"] for f in data["findings"]} == {"stories/2025/03/warn-story.md"}
    newsroom.commit_all("warn story")
    data = newsroom.run("validate", "--changed-since", "HEAD~1", "--format", "json").json()
    assert data["files_checked"] == 1
    nothing = newsroom.run("validate", "--changed-since", "HEAD", "--format", "json").json()
    assert nothing["files_checked"] == 0


def test_changed_since_refuses_bad_refs(newsroom: Newsroom) -> None:
    for ref in ("no-such-branch", "--output=x"):
        result = newsroom.run("validate", f"--changed-since={ref}")
        assert result.returncode == 2, ref
        assert "--changed-since" in result.stderr and "Traceback" not in result.stderr


def test_shards_are_disjoint_and_together_check_every_story_once(newsroom: Newsroom) -> None:
    """`validate --shard K/N`: N matrix jobs find exactly what one whole run finds."""
    for number in range(12):
        newsroom.write(f"stories/2025/0{number % 9 + 1}/story-{number}.md",
                       MINIMAL_STORY.format(id=f"story-{number}").replace(
                           "Body.", "Sgt. Ivan Petrenko fires." if number % 3 == 0 else "Body."))
    newsroom.commit_all("twelve stories")
    whole = newsroom.run("validate", "--format", "json").json()
    for parts in (1, 3, 5):
        checked = 0
        findings: list[dict[str, object]] = []
        for part in range(1, parts + 1):
            result = newsroom.run("validate", "--format", "json", "--shard", f"{part}/{parts}")
            assert result.returncode in (0, 1), result.stderr
            checked += result.json()["files_checked"]
            findings += result.json()["findings"]
        assert checked == whole["files_checked"] == 12
        key = lambda f: (f["path"], f["line"], f["column"], f["rule"])  # noqa: E731
        assert sorted(findings, key=key) == sorted(whole["findings"], key=key)
    bad = newsroom.run("validate", "--shard", "4/3")
    assert bad.returncode == 2 and "--shard must be K/N" in bad.stderr

"""The docs say what the code does: the rule reference is generated, and the CI recipes in
docs/ci.md run as written in a real newsroom."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from newsdesk.rules import reference as ruledocs
from tests.conftest import NEWSDESK, Newsroom

ROOT = Path(__file__).resolve().parent.parent
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")

BAD_STORY = """---
id: pr-story
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
Body.
"""


def yaml_blocks() -> list[object]:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", CI_DOC, re.DOTALL)]


def test_rule_reference_is_current() -> None:
    """docs/rules.md is the generated rule reference followed by the accuracy table, and both
    match the code and the evaluation set as they are now."""
    sys.path.insert(0, str(ROOT / "benchmarks" / "editorial"))
    import evaluate

    results = [evaluate.evaluate(p) for p in evaluate.load()]
    expected = ruledocs.markdown() + evaluate.docs_section(results)
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == expected, (
        "run: python benchmarks/editorial/evaluate.py --write-docs")


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "newsdesk-validate")
    assert hook["entry"] == "newsdesk validate" and hook["language"] == "python"
    assert re.search(hook["files"], "stories/2025/03/x.md")


def test_pre_commit_fix_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "newsdesk-fix")
    assert hook["entry"] == "newsdesk validate --fix"


def pr_newsroom(newsroom: Newsroom) -> None:
    newsroom.git("update-ref", "refs/remotes/origin/main", "HEAD")
    newsroom.git("switch", "-q", "-c", "feature")
    newsroom.write("stories/2025/03/pr-story.md", BAD_STORY)
    newsroom.commit_all("add a story")


def test_github_workflow_steps_run_as_written(newsroom: Newsroom) -> None:
    workflow = next(b for b in yaml_blocks() if isinstance(b, dict) and "jobs" in b)
    steps = workflow["jobs"]["validate"]["steps"]
    commands = [s["run"] for s in steps if str(s.get("run", "")).startswith("newsdesk")]
    assert len(commands) == 4
    pr_newsroom(newsroom)
    pr = commands[0].replace("${{ github.base_ref }}", "main")
    result = newsroom.run(*shlex.split(pr)[1:])
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=stories/2025/03/pr-story.md,line=4,col=22,")
    assert lines[1].startswith("::error file=stories/2025/03/pr-story.md,line=10,col=5,")
    assert newsroom.run(*shlex.split(commands[2])[1:]).returncode == 0  # schema check
    assert newsroom.run(*shlex.split(commands[3])[1:]).returncode == 0  # audit


def test_gitlab_job_runs_as_written(newsroom: Newsroom) -> None:
    job = next(b for b in yaml_blocks() if isinstance(b, dict) and "newsdesk" in b)["newsdesk"]
    pr_newsroom(newsroom)
    script = "\n".join(line for line in job["script"] if not line.startswith("pip install"))
    script = script.replace("newsdesk ", f"{shlex.quote(NEWSDESK)} ")
    completed = subprocess.run(["bash", "-c", script], cwd=newsroom.root, env=newsroom.env,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 1
    report = (newsroom.root / job["artifacts"]["reports"]["junit"]).read_text()
    assert "<testsuites" in report and 'failures="1"' in report


def documented_keys() -> dict[str, list[set[str]]]:
    """command heading -> the key sets its section documents, in order."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    out: dict[str, list[set[str]]] = {}
    for section in text.split("\n## ")[1:]:
        heading, _, body = section.partition("\n")
        flat = " ".join(body.split())
        out[heading.strip()] = [
            {k.strip() for k in match.split(",")}
            for match in re.findall(r"keys: ([a-z_]+(?:, [a-z_]+)*)", flat)]
    return out


def test_cli_reference_keys_match_real_output(sample_newsroom: Newsroom) -> None:
    docs = documented_keys()
    room = sample_newsroom

    def data(*args: str) -> Any:
        result = room.run(*args, "--format", "json")
        assert result.returncode in (0, 1), result.stderr
        return result.json()

    room.act_as(("Daryna Savchuk", "daryna@kyivdesk.example"))
    created = data("new", "--headline", "Docs check")
    assert set(created) == docs["newsdesk new --format json"][0]
    assert set(data("list")[0]) == docs["newsdesk list --format json"][0]
    shown = data("show", "docs-check")
    assert set(shown) == docs["newsdesk show ID --format json"][0]
    assert room.run("submit", "docs-check").returncode == 0
    room.act_as(("Oksana Lytvyn", "oksana@kyivdesk.example"))
    assert room.run("review", "docs-check", "--request-changes", "-m", "More.").returncode == 0
    comment = data("show", "docs-check")["comments"][0]
    assert set(comment) == docs["newsdesk show ID --format json"][1]
    assert set(data("log", "docs-check")[0]) == docs["newsdesk log ID --format json"][0]
    room.act_as(("Daryna Savchuk", "daryna@kyivdesk.example"))
    assert room.run("submit", "docs-check").returncode == 0
    assert set(data("review")[0]) == docs["newsdesk review --format json"][0]
    assert set(data("review", "docs-check")) == docs["newsdesk review ID --format json"][0]
    assert set(data("search", "Docs")[0]) == docs["newsdesk search TEXT --format json"][0]
    validated = data("validate")
    assert set(validated) == docs["newsdesk validate --format json"][0]
    assert set(validated["findings"][0]) == docs["newsdesk validate --format json"][1]
    audited = room.run("audit", "--format", "json").json()
    assert set(audited) == docs["newsdesk audit --format json"][0]


def test_incremental_audit_step_runs_as_written(newsroom: Newsroom) -> None:
    step = next(s for b in yaml_blocks() if isinstance(b, list) for s in b
                if "audit --since" in str(s.get("run", "")))
    pr_newsroom(newsroom)
    for start in ("origin/main", newsroom.git("rev-parse", "HEAD~1").strip()):
        command = re.sub(r"\$\{\{.*\}\}", start, step["run"])
        result = newsroom.run(*shlex.split(command)[1:])
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"1 story changed since {start} audited: 0 problems" in result.stdout

"""The docs say what the code does: the rule reference is generated, and the CI recipes in
docs/ci.md run as written in a real newsroom."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import yaml

from newsdesk import ruledocs
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
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == ruledocs.markdown()


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

"""The pre-commit hooks, run for real by pre-commit against this repository, as a newsroom
would use them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import Newsroom

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or "pre-commit"

STORY = """---
id: hook-story
status: draft
headline: Night in Kiev
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
---
Quiet streets.""" + "   \n"


def test_fix_hook_fixes_and_fails_then_validate_hook_passes(newsroom: Newsroom,
                                                            tmp_path: Path) -> None:
    path = newsroom.write("stories/2025/03/hook-story.md", STORY)
    newsroom.git("add", "-A")
    env = {**newsroom.env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{Path(sys.executable).parent}:{newsroom.env['PATH']}"}

    def hook(hook_id: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook_id, "--files",
                               "stories/2025/03/hook-story.md"], cwd=newsroom.root, env=env,
                              capture_output=True, text=True, timeout=600, check=False)

    fixed = hook("newsdesk-fix")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "files were modified by this hook" in fixed.stdout
    assert path.read_text() == STORY.replace("Kiev", "Kyiv").replace("streets.   ", "streets.")
    validated = hook("newsdesk-validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr

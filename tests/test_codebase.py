"""The house stays tidy: ruff, mypy, the sample newsroom and its schemas are checked as tests,
so the README's single test command covers them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = run(str(BIN / "ruff"), "check", "--no-cache", "src", "tests", "benchmarks", "fuzz")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean(tmp_path: Path) -> None:
    result = run(str(BIN / "mypy"), "--cache-dir", str(tmp_path / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [["validate", "--strict", "--no-cache"],
                                     ["schema", "check"]])
def test_sample_newsroom_is_clean(command: list[str]) -> None:
    result = run(str(BIN / "newsdesk"), *command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_git_wall() -> None:
    """Only the git room holds GitPython: every other module gets a `Repository` (its root,
    relative paths, objects) and runs git through `newsdesk.git.store`."""
    import ast

    package = ROOT / "src" / "newsdesk"
    crossing = []
    for path in package.rglob("*.py"):
        if path.relative_to(package).parts[0] == "git":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            imported = ([a.name for a in node.names] if isinstance(node, ast.Import)
                        else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "git" or name.startswith("git.") for name in imported):
                crossing.append(f"{path.relative_to(package)}:{node.lineno} imports GitPython")
            if isinstance(node, ast.Attribute) and node.attr in ("raw", "working_tree_dir"):
                crossing.append(f"{path.relative_to(package)}:{node.lineno} .{node.attr}")
    assert not crossing, crossing

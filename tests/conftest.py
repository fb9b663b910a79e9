"""Shared fixtures: real newsrooms in temporary git repositories, and the installed CLI.

Every test runs with its own HOME and global git config, so nothing from the machine (or a
git hook's environment) leaks in, and the `newsdesk` run is the console script installed in
the same environment as this Python, started as a user would start it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CHECKOUT = Path(__file__).resolve().parent.parent
NEWSDESK = shutil.which("newsdesk", path=str(Path(sys.executable).parent)) or "newsdesk"

EDITOR = ("Olena Editor", "olena@newsroom.example")
REPORTER = ("Taras Reporter", "taras@newsroom.example")
SECOND_EDITOR = ("Iryna Editor", "iryna@newsroom.example")
OUTSIDER = ("Someone Else", "someone@elsewhere.example")

MINIMAL_STORY = """\
---
id: {id}
status: draft
headline: A good headline
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
---
Body.
"""
"""The smallest valid draft: format with id=..."""

STAFF_YAML = """\
staff:
  - id: olena-editor
    name: Olena Editor
    email: olena@newsroom.example
    role: editor
    desk: news
    title: Head of News
    bio: Olena edits the news desk.
  - id: taras-reporter
    name: Taras Reporter
    email: taras@newsroom.example
    role: reporter
    desk: news
    title: Reporter
    bio: Taras covers Kyiv.
  - id: iryna-editor
    name: Iryna Editor
    email: iryna@newsroom.example
    role: editor
    desk: frontline
    title: Frontline editor
    bio: Iryna edits the frontline desk.
"""


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Newsroom:
    """A newsroom in a temporary git repository, driven through the installed CLI."""

    root: Path
    env: dict[str, str]
    user: tuple[str, str] = field(default=REPORTER)

    def run(self, *args: str, cwd: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 60) -> Result:
        completed = subprocess.run(
            [NEWSDESK, *args], cwd=cwd or self.root, capture_output=True, text=True,
            input=input, env={**self.env, **(env or {})}, timeout=timeout, check=False)
        return Result(completed.returncode, completed.stdout, completed.stderr)

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True,
                              env=self.env, check=True).stdout

    def act_as(self, who: tuple[str, str]) -> None:
        self.git("config", "user.name", who[0])
        self.git("config", "user.email", who[1])
        self.user = who

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def commit_all(self, message: str = "test setup") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def snapshot(self) -> dict[str, bytes]:
        """Every file outside .git and .newsdesk (the cache), to prove a refused command
        changed nothing."""
        out = {}
        for path in sorted(self.root.rglob("*")):
            parts = path.relative_to(self.root).parts
            if ".git" in parts or ".newsdesk" in parts or not path.is_file():
                continue
            out[path.relative_to(self.root).as_posix()] = path.read_bytes()
        return out


PUBLISHABLE_FIELDS = """\
dek: A short standfirst for the story.
tags: [kyiv]
images:
  - src: images/street.jpg
    caption: A street in Kyiv on a winter morning.
    credit: Taras Reporter/The Test Desk
    alt: An empty street with snow on parked cars.
"""


def make_publishable(room: Newsroom, rel: str) -> None:
    """Give a new draft what a published story needs, committed as a plain edit."""
    path = room.root / rel
    text = path.read_text(encoding="utf-8")
    for key in ("dek: null\n", "tags: []\n", "images: []\n"):
        text = text.replace(key, "")
    text = text.replace("desk: ", PUBLISHABLE_FIELDS + "desk: ", 1)
    text = text.rstrip("\n").split("---\n")
    path.write_text("---\n".join(text[:2]) + "---\nKyiv woke to snow and silence.\n",
                    encoding="utf-8")
    room.commit_all(f"make {rel} publishable")


def published(room: Newsroom, headline: str = "Snow in Kyiv") -> str:
    """A story written by the reporter and approved by the editor, through the CLI."""
    room.act_as(REPORTER)
    rel = room.run("new", "--headline", headline).stdout.strip()
    make_publishable(room, rel)
    story_id = rel.rsplit('/', 1)[1][:-3]
    assert room.run("submit", story_id).returncode == 0
    room.act_as(EDITOR)
    result = room.run("review", story_id, "--approve")
    assert result.returncode == 0, result.stdout + result.stderr
    return rel


def in_review(room: Newsroom, headline: str = "Snow in Kyiv") -> str:
    room.act_as(REPORTER)
    rel = room.run("new", "--headline", headline).stdout.strip()
    make_publishable(room, rel)
    assert room.run("submit", rel.rsplit('/', 1)[1][:-3]).returncode == 0
    return rel


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "NEWSDESK_")) and k not in ("EDITOR", "VISUAL")}
    gitconfig = home / ".gitconfig"
    if not gitconfig.exists():
        gitconfig.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
                             encoding="utf-8")
    env.update({"HOME": str(home), "GIT_CONFIG_GLOBAL": str(gitconfig),
                "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1", "LC_ALL": "C.UTF-8",
                "PYTHONIOENCODING": "utf-8"})
    env.pop("FORCE_COLOR", None)
    return env


# --- the inner loop and the outer ring ------------------------------------------------------
# Tests that run the installed `newsdesk` (or git hooks, a browser, an editor, a build) in
# subprocesses are the outer ring, marked `slow`; `pytest -m "not slow"` is the inner loop of
# in-process tests on the library, under a minute.

_OUTER_RING_FOLDERS = ("cli", "lsp", "export", "packaging")
_OUTER_RING_FILES = ("test_pre_commit_hooks.py", "test_codebase.py", "test_docs.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    for item in items:
        parts = item.path.relative_to(tests).parts
        if parts[0] in _OUTER_RING_FOLDERS or parts[-1] in _OUTER_RING_FILES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _untraced_timing(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that measures CPU time runs without the coverage tracer: tracing costs more per
    call than per byte and would turn a linear ratio into noise. (Under `pytest --cov` a
    worker may run two coverage instances, pytest-cov's and the one `patch = subprocess`
    starts; stopping one resumes the other, so the trace function itself is lifted.)"""
    if request.node.get_closest_marker("timing") is None:
        yield
        return
    tracer = sys.gettrace()
    sys.settrace(None)
    try:
        yield
    finally:
        sys.settrace(tracer)


# --- no test writes into the checkout ---------------------------------------------------------
# Tests work in temporary folders. The run itself may leave Python's and pytest's caches; any
# other new file in the checkout fails the run, naming it.

_RUNNER_LEFTOVERS = ("__pycache__", ".pytest_cache", ".coverage", "htmlcov")


def _new_files_in_checkout() -> set[str]:
    listed = subprocess.run(["git", "-C", str(CHECKOUT), "status", "--porcelain", "--ignored",
                             "--untracked-files=all"], capture_output=True, text=True,
                            check=False).stdout
    return {line[3:] for line in listed.splitlines()
            if line[:2] in ("??", "!!") and not line[3:].startswith((".venv", "src/newsdesk.egg"))
            and not any(part.startswith(_RUNNER_LEFTOVERS) for part in line[3:].split("/"))}


def pytest_configure(config: pytest.Config) -> None:
    import tempfile

    from hypothesis import settings
    from hypothesis.configuration import set_hypothesis_home_dir

    # hypothesis keeps its examples in memory and its other files in the temporary folder,
    # not in .hypothesis/ of the checkout
    set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / "newsdesk-tests-hypothesis"))
    # no deadline: how long one example takes depends on what else the two CPUs are doing;
    # speed is measured in benchmarks/, never asserted by a property test
    settings.register_profile("newsdesk", database=None, deadline=None)
    settings.load_profile("newsdesk")
    if not hasattr(config, "workerinput"):  # the controller, not an xdist worker
        config.stash[_BEFORE] = _new_files_in_checkout()


_BEFORE = pytest.StashKey[set[str]]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    written = sorted(_new_files_in_checkout() - before)
    if written:
        sys.stderr.write("\ntests wrote into the checkout (they must use temporary folders):\n"
                         + "".join(f"  {name}\n" for name in written[:20]))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return clean_env(home)


def make_newsroom(root: Path, env: dict[str, str], user: tuple[str, str] = REPORTER) -> Newsroom:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], env=env, check=True)
    room = Newsroom(root, env)
    room.act_as(EDITOR)
    result = room.run("init", str(root), "--name", "The Test Desk",
                      "--url", "https://news.example/")
    assert result.returncode == 0, result.stderr
    room.write("staff.yaml", STAFF_YAML)
    room.commit_all("roster")
    room.act_as(user)
    return room


def make_nested_newsroom(tmp_path: Path, env: dict[str, str]) -> tuple[Newsroom, Newsroom]:
    """A website's repository (with a file of its own committed) and a newsroom made by
    `newsdesk init desk` in a folder of it: (the repository, the newsroom)."""
    repo = tmp_path / "site"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], env=env, check=True)
    outer = Newsroom(repo, env)
    outer.act_as(EDITOR)
    outer.write("README.md", "the website, with a ferry\n")
    outer.commit_all("site")
    subprocess.run([NEWSDESK, "init", "desk", "--name", "Desk", "--url", "https://d.example/"],
                   cwd=repo, env=env, check=True, capture_output=True)
    return outer, Newsroom(repo / "desk", env)


@pytest.fixture
def newsroom(tmp_path: Path, env: dict[str, str]) -> Newsroom:
    """An initialised newsroom with a three-person roster; acting as the reporter."""
    return make_newsroom(tmp_path / "newsroom", env)


REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sample_newsroom(tmp_path: Path, env: dict[str, str]) -> Newsroom:
    """A copy of this repository's own sample newsroom, committed in a fresh git repo."""
    root = tmp_path / "sample"
    root.mkdir()
    for name in ("newsdesk.yaml", "staff.yaml"):
        shutil.copy(REPO_ROOT / name, root / name)
    for folder in ("stories", "images", "schemas"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], env=env, check=True)
    room = Newsroom(root, env)
    room.act_as(("Oksana Lytvyn", "oksana@kyivdesk.example"))
    room.commit_all("sample newsroom")
    return room


@pytest.fixture
def fixture_text() -> Iterator[Any]:
    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")
    yield read

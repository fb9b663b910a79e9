"""Terminal manners: a progress bar and colour only for a person at a terminal (never when
piped, in CI, or with NO_COLOR), and shell completion that knows the story ids."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.conftest import NEWSDESK, Newsroom

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "benchmarks"))
from generate import generate


def in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal, as a person would see it."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([NEWSDESK, *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def dialogue(args: list[str], cwd: Path, env: dict[str, str], prompt: bytes,
             answer: bytes) -> tuple[int, bytes]:
    """Run on a pseudo-terminal, wait for `prompt`, type `answer`, return (status, screen)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([NEWSDESK, *args], cwd=cwd, env=env, stdin=follower,
                               stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    screen = b""
    while prompt not in screen:
        screen += os.read(leader, 1024)
    os.write(leader, answer)
    while True:
        try:
            data = os.read(leader, 1024)
        except OSError:
            break
        if not data:
            break
        screen += data
    os.close(leader)
    return process.wait(timeout=60), screen


def terminal_env(env: dict[str, str]) -> dict[str, str]:
    out = {k: v for k, v in env.items() if k not in ("NO_COLOR", "CI")}
    out["TERM"] = "xterm-256color"
    out["COLUMNS"] = "100"
    return out


def test_progress_and_colour_only_on_a_terminal(tmp_path: Path, env: dict[str, str]) -> None:
    root = generate(tmp_path / "newsroom", 40)
    code, screen = in_terminal(["validate", "-j", "1", "--no-cache"], root, terminal_env(env))
    assert code == 1
    assert "Validating" in screen  # the progress bar
    assert "\x1b[31merror\x1b[0m" in screen  # coloured severity
    piped = subprocess.run([NEWSDESK, "validate", "-j", "1", "--no-cache"], cwd=root,
                           env=terminal_env(env), capture_output=True, text=True, check=False)
    assert "Validating" not in piped.stderr and "\x1b[" not in piped.stdout + piped.stderr
    code, screen = in_terminal(["validate", "-j", "1", "--no-cache"], root,
                               {**terminal_env(env), "NO_COLOR": "1"})
    assert "\x1b[31m" not in screen and "Validating" in screen
    code, screen = in_terminal(["validate", "-j", "1", "--no-cache"], root,
                               {**terminal_env(env), "CI": "true"})
    assert "Validating" not in screen
    # list shows a bar only while it builds the summary index (its first run here)
    for command, label in ((["list"], "Indexing"), (["search", "battery"], "Searching"),
                           (["audit"], "Auditing")):
        code, screen = in_terminal(command, root, terminal_env(env))
        assert label in screen, command
        piped = subprocess.run([NEWSDESK, *command], cwd=root, env=terminal_env(env),
                               capture_output=True, text=True, check=False)
        assert label not in piped.stderr + piped.stdout
    code, screen = in_terminal(["list"], root, terminal_env(env))
    assert "Indexing" not in screen and "Reading" not in screen  # a warm index: no bar


def test_completion_offers_story_ids(sample_newsroom: Newsroom) -> None:
    env = {**sample_newsroom.env, "_NEWSDESK_COMPLETE": "complete_bash",
           "COMP_WORDS": "newsdesk show ho", "COMP_CWORD": "2"}
    result = subprocess.run([NEWSDESK], cwd=sample_newsroom.root, env=env, capture_output=True,
                            text=True, check=False)
    assert result.stdout.split() == ["holding-the-line-near-pokrovsk",
                                     "holding-the-line-near-pokrovsk-uk"]
    env["COMP_WORDS"] = "newsdesk submit "
    result = subprocess.run([NEWSDESK], cwd=sample_newsroom.root, env=env, capture_output=True,
                            text=True, check=False)
    assert len(result.stdout.split()) == 6
    outside = subprocess.run([NEWSDESK], cwd="/", env=env, capture_output=True, text=True,
                             check=False)
    assert outside.stdout.strip() == "" and "Traceback" not in outside.stderr


def test_new_asks_for_a_missing_headline_on_a_terminal(newsroom: Newsroom) -> None:
    code, screen = dialogue(["new"], newsroom.root, newsroom.env, b"Headline",
                            "Прифронтовий Харків\n".encode())
    assert code == 0, screen
    assert b"stories/" in screen and b"/pryfrontovyi-kharkiv.md" in screen
    assert newsroom.run("show", "pryfrontovyi-kharkiv").returncode == 0


def test_edit_offers_to_reopen_an_invalid_edit_on_a_terminal(newsroom: Newsroom,
                                                            tmp_path: Path) -> None:
    rel = newsroom.run("new", "--headline", "Second try").stdout.strip()
    script = tmp_path / "two-tries.py"
    counter = tmp_path / "count"
    script.write_text(
        "import sys\nfrom pathlib import Path\np = Path(sys.argv[1])\n"
        f"c = Path({str(counter)!r})\nn = int(c.read_text()) if c.exists() else 0\n"
        "c.write_text(str(n + 1))\n"
        "text = p.read_text()\n"
        "if n == 0:\n    p.write_text(text.replace('status: draft', 'status: [draft'))\n"
        "else:\n    p.write_text(text.replace('status: [draft', 'status: draft') + 'Fixed.\\n')\n")
    env = {**newsroom.env, "EDITOR": f"{sys.executable} {script}"}
    code, screen = dialogue(["edit", "second-try"], newsroom.root, env, b"Edit again?", b"y\n")
    assert code == 0, screen
    assert counter.read_text() == "2"
    assert (newsroom.root / rel).read_text().endswith("Fixed.\n")
    assert newsroom.git("log", "-1", "--format=%s").strip() == "newsdesk: edit second-try"

"""git in awkward states: a lock held by another newsdesk, a stale index.lock, a signing
repository without a key, a detached HEAD, a rebase in progress, no repository at all."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Newsroom


def test_concurrent_newsdesk_is_told_who_holds_the_lock(newsroom: Newsroom) -> None:
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text().replace("lock_timeout_seconds: 30",
                                                 "lock_timeout_seconds: 1"))
    newsroom.commit_all("short lock timeout")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time, filelock, pathlib\n"
         "lock = filelock.FileLock(sys.argv[1]); lock.acquire()\n"
         "pathlib.Path(sys.argv[2]).write_text('pid 4242 (\\'newsdesk submit x\\')')\n"
         "print('ready', flush=True); time.sleep(30)",
         str(newsroom.root / ".git" / "newsdesk.lock"),
         str(newsroom.root / ".git" / "newsdesk.lock.owner")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        head = newsroom.head()
        started = time.monotonic()
        result = newsroom.run("new", "--headline", "Blocked")
        assert result.returncode == 2
        assert "the newsroom is busy: pid 4242" in result.stderr
        assert time.monotonic() - started < 20
        assert newsroom.head() == head
    finally:
        holder.kill()
        holder.wait()
    assert newsroom.run("new", "--headline", "Free again").returncode == 0


def test_stale_index_lock_is_named_and_kept(newsroom: Newsroom) -> None:
    lock = newsroom.root / ".git" / "index.lock"
    lock.write_text("")
    before = newsroom.snapshot()
    result = newsroom.run("new", "--headline", "Locked out")
    assert result.returncode == 2
    assert str(lock) in result.stderr and "remove that file by hand" in result.stderr
    assert lock.exists() and newsroom.snapshot() == before


def test_signing_repository_without_a_key_fails_loudly(newsroom: Newsroom,
                                                       tmp_path: Path) -> None:
    fake_gpg = tmp_path / "fake-gpg"
    fake_gpg.write_text("#!/bin/sh\necho 'gpg: signing failed: No secret key' >&2\nexit 2\n")
    fake_gpg.chmod(0o755)
    newsroom.git("config", "commit.gpgsign", "true")
    newsroom.git("config", "gpg.program", str(fake_gpg))
    before, head = newsroom.snapshot(), newsroom.head()
    result = newsroom.run("new", "--headline", "Unsigned")
    assert result.returncode == 2
    assert "signs commits (commit.gpgsign) and signing failed" in result.stderr
    assert "gpg failed to sign" in result.stderr
    assert newsroom.head() == head and newsroom.snapshot() == before
    assert newsroom.git("status", "--porcelain") == ""


def test_detached_head_and_rebase_in_progress(newsroom: Newsroom) -> None:
    newsroom.git("checkout", "-q", "--detach")
    result = newsroom.run("new", "--headline", "Detached")
    assert result.returncode == 2 and "HEAD is detached" in result.stderr
    newsroom.git("checkout", "-q", "main")
    (newsroom.root / ".git" / "rebase-merge").mkdir()
    result = newsroom.run("new", "--headline", "Rebasing")
    assert result.returncode == 2 and "middle of a rebase" in result.stderr


def test_not_a_git_repository(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    room = Newsroom(root, env)
    subprocess.run(["git", "init", "-q", str(root)], env=env, check=True)
    room.act_as(("Olena Editor", "olena@newsroom.example"))
    assert room.run("init", str(root)).returncode == 0
    subprocess.run(["rm", "-rf", str(root / ".git")], check=True)
    result = room.run("new", "--headline", "No git")
    assert result.returncode == 2
    assert "not inside a git repository" in result.stderr or "user.email" in result.stderr
    assert room.run("validate").returncode == 0  # reading needs no git


def test_git_missing_from_path(newsroom: Newsroom) -> None:
    bin_dir = Path(sys.executable).parent
    result = newsroom.run("new", "--headline", "No git", env={"PATH": str(bin_dir)})
    assert result.returncode == 2
    assert "git is not installed or not on PATH" in result.stderr
    assert "Traceback" not in result.stderr


def test_signing_repository_gets_signed_commits(newsroom: Newsroom, tmp_path: Path) -> None:
    fake_gpg = tmp_path / "signing-gpg"
    fake_gpg.write_text(
        "#!/bin/sh\ncat >/dev/null\n"
        "echo '[GNUPG:] SIG_CREATED D 1 8 00 1700000000 FAKEKEY' >&2\n"
        "printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n"
        "-----END PGP SIGNATURE-----\\n'\n")
    fake_gpg.chmod(0o755)
    newsroom.git("config", "commit.gpgsign", "true")
    newsroom.git("config", "gpg.program", str(fake_gpg))
    newsroom.git("config", "user.signingkey", "FAKEKEY")
    result = newsroom.run("new", "--headline", "Signed story")
    assert result.returncode == 0, result.stderr
    raw = newsroom.git("cat-file", "-p", "HEAD")
    assert "gpgsig -----BEGIN PGP SIGNATURE-----" in raw
    assert "Newsdesk-Story: signed-story" in raw


def test_git_is_asked_for_its_version_only_by_gitpythons_import(newsroom: Newsroom,
                                                                tmp_path: Path) -> None:
    """A wrapper named `git` first on PATH records every git process newsdesk starts. GitPython
    asks `git version` twice when it is imported (once per process, not switchable); newsdesk
    itself asks none (it used to ask before every git call: 15 of 26 processes of `new`)."""
    real_git = shutil.which("git", path=newsroom.env["PATH"])
    assert real_git is not None
    calls = tmp_path / "git-calls"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho "$1" >> {shlex.quote(str(calls))}\n'
                       f'exec {shlex.quote(real_git)} "$@"\n')
    wrapper.chmod(0o755)
    env = {**newsroom.env, "PATH": f"{wrapper.parent}{os.pathsep}{newsroom.env['PATH']}"}
    for command in (["new", "--headline", "Counting git calls"],
                    ["submit", "counting-git-calls"]):
        calls.write_text("")
        result = newsroom.run(*command, env=env)
        assert result.returncode == 0, result.stderr
        started = calls.read_text().split()
        assert started, "the wrapper saw no git process"
        assert started.count("version") <= 2, started
        assert len(started) - started.count("version") >= 3  # the real work was recorded


def test_no_git_on_path_is_one_clear_line(newsroom: Newsroom, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result = newsroom.run("new", "--headline", "No git here", env={"PATH": str(empty)})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "newsdesk: git is not installed or not on PATH; newsdesk needs it")

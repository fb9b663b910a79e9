"""Bad input, faults and concurrency lose nothing: each case through the installed CLI in a
real git repository, ending in one clear message, the right exit status, no traceback, and no
file changed unless stated."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_STORY, NEWSDESK, Newsroom, make_newsroom, make_publishable

GOOD = MINIMAL_STORY


def one_line_error(result: object) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    return stderr


@pytest.mark.parametrize(("front", "words"), [
    ("headline: !!python/object/apply:os.system ['touch /tmp/pwned']", "explicit YAML tags"),
    ("headline: !Foo bar", "explicit YAML tags"),
    ("headline: &a x\ndek: *a", "anchors"),
    ("headline: " + "[" * 1000 + "]" * 1000, "nesting"),
])
def test_hostile_yaml_is_refused_everywhere(newsroom: Newsroom, front: str, words: str) -> None:
    text = GOOD.format(id="hostile").replace("headline: A good headline", front)
    rel = "stories/2025/03/hostile.md"
    newsroom.write(rel, text)
    newsroom.commit_all("hostile")
    before, head = newsroom.snapshot(), newsroom.head()
    validate = newsroom.run("validate", rel, "--format", "json")
    assert validate.returncode == 1
    [finding] = validate.json()["findings"]
    assert finding["rule"] == "parse" and words in finding["message"]
    for args in (["show", "hostile"], ["submit", "hostile"]):
        result = newsroom.run(*args)
        assert result.returncode in (1, 2)
        assert words in one_line_error(result)
    assert newsroom.snapshot() == before and newsroom.head() == head
    assert not Path("/tmp/pwned").exists()


def test_alias_bomb_is_refused_quickly(newsroom: Newsroom) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "---\n" + "\n".join(lines) + "\n---\nBody.\n"
    rel = "stories/2025/03/bomb-story.md"
    newsroom.write(rel, text)
    started = time.monotonic()
    result = newsroom.run("validate", rel, "--format", "json")
    assert time.monotonic() - started < 20  # generous: expanding it would never finish
    assert result.returncode == 1
    assert "anchors" in result.json()["findings"][0]["message"]


def test_size_cap_is_configurable_and_a_50mb_line_is_refused(newsroom: Newsroom) -> None:
    rel = "stories/2025/03/huge-line.md"
    (newsroom.root / rel).parent.mkdir(parents=True, exist_ok=True)
    with (newsroom.root / rel).open("w") as handle:
        handle.write("---\nid: huge-line\nheadline: ")
        handle.write("x" * 50_000_000)
        handle.write("\n---\n")
    result = newsroom.run("validate", rel, "--format", "json")
    assert result.returncode == 1
    assert "over the 1,000,000-byte limit" in result.json()["findings"][0]["message"]
    (newsroom.root / rel).unlink()
    small = newsroom.write("stories/2025/03/small-cap.md", GOOD.format(id="small-cap")
                           + "x" * 3000 + "\n")
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text().replace("max_story_bytes: 1000000",
                                                 "max_story_bytes: 2048"))
    result = newsroom.run("validate", str(small), "--format", "json")
    assert "over the 2,048-byte limit" in result.json()["findings"][0]["message"]


def test_bom_and_crlf_survive_a_transition(newsroom: Newsroom) -> None:
    rel = "stories/2025/03/windows-story.md"
    raw = ("\ufeff" + GOOD.format(id="windows-story")).replace("\n", "\r\n").encode()
    newsroom.write(rel, raw)
    newsroom.commit_all("windows story")
    assert newsroom.run("submit", "windows-story").returncode == 0
    after = (newsroom.root / rel).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"status: review\r\n" in after and b"\n" not in after.replace(b"\r\n", b"")
    assert after.replace(b"status: review", b"status: draft").split(b"updated:")[0] == \
        raw.split(b"updated:")[0]


def test_case_only_collision_is_refused(newsroom: Newsroom) -> None:
    newsroom.write("stories/2025/03/Kyiv-News.md", GOOD.format(id="Kyiv-News"))
    result = newsroom.run("new", "--headline", "Kyiv news", "--id", "kyiv-news")
    assert result.returncode == 2 and "already exists" in one_line_error(result)
    generated = newsroom.run("new", "--headline", "Kyiv news", "--format", "json")
    assert generated.json()["id"] == "kyiv-news-2"


def test_symlinked_story_pointing_outside_is_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD.format(id="evil-link"))
    original = outside.read_bytes()
    link = newsroom.root / "stories/2025/03/evil-link.md"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    for args in (["show", "evil-link"], ["submit", "evil-link"], ["edit", "evil-link"]):
        result = newsroom.run(*args, env={"EDITOR": "true"})
        assert result.returncode in (1, 2)
        assert "symbolic link" in one_line_error(result)
    validate = newsroom.run("validate", "--format", "json")
    assert any("symbolic link" in f["message"] for f in validate.json()["findings"])
    assert outside.read_bytes() == original


@pytest.mark.parametrize(("file", "old", "new", "where"), [
    ("staff.yaml", "name: Taras Reporter", 'name: "Taras\\n[core]\\n\\tsshCommand = evil"',
     "staff.yaml:"),
    ("staff.yaml", "email: taras@newsroom.example", 'email: "taras@newsroom.example\\nx"',
     "staff.yaml:"),
    ("newsdesk.yaml", 'newsroom: "The Test Desk"', 'newsroom: "Desk\\n[core]"',
     "newsdesk.yaml:"),
])
def test_config_values_with_newlines_are_refused(newsroom: Newsroom, file: str, old: str,
                                                 new: str, where: str) -> None:
    path = newsroom.root / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    head = newsroom.head()
    result = newsroom.run("new", "--headline", "Injected")
    assert result.returncode == 2
    assert where in one_line_error(result)
    assert newsroom.head() == head


@pytest.mark.parametrize("surname", ["Bondar\u200benko", "BONDARENKO", "Bondar\u0435nko",
                                     "Bondar\u00adenko", "\u00a0Bondarenko"])
def test_soldier_rule_resists_evasion(newsroom: Newsroom, surname: str) -> None:
    text = GOOD.format(id="evasion").replace("---\nBody.", (
        "people:\n  - name: Tymur\n    callsign: Bulat\n    role: soldier\n"
        "editor_note: First names and callsigns only.\n---\n"
        f"At dawn Tymur {surname.strip()} fired.").replace("Tymur \u00a0", "Tymur\u00a0"))
    if surname.startswith("\u00a0"):
        text = text.replace("Tymur Bondarenko", "Tymur\u00a0Bondarenko")
    rel = "stories/2025/03/evasion.md"
    newsroom.write(rel, text)
    result = newsroom.run("validate", rel, "--format", "json")
    assert result.returncode == 1
    assert any(f["rule"] == "soldier-identification" for f in result.json()["findings"])


def test_leftover_temp_files_are_cleaned_by_the_next_run(newsroom: Newsroom) -> None:
    leftover = newsroom.write("stories/2025/03/.newsdesk-tmp-abc123.part", "half a story")
    index = newsroom.root / ".git" / "newsdesk-index-999999"
    index.write_bytes(b"stale")
    assert ".newsdesk-tmp-" in (newsroom.root / ".gitignore").read_text()
    assert newsroom.run("new", "--headline", "After a crash").returncode == 0
    assert not leftover.exists() and not index.exists()


def test_a_change_to_one_story_clears_leftovers_beside_it_only(newsroom: Newsroom) -> None:
    """`new` lists every month folder for its id and sweeps them all; a change to one story
    sweeps its own folder, not 100,000 names (the others wait for their folder's next change
    or the next `new`)."""
    rel = newsroom.run("new", "--headline", "After a crash").stdout.strip()
    beside = newsroom.write(f"{rel.rsplit('/', 1)[0]}/.newsdesk-tmp-def456.part", "half")
    elsewhere = newsroom.write("stories/2025/03/.newsdesk-tmp-abc123.part", "half a story")
    make_publishable(newsroom, rel)
    assert newsroom.run("submit", rel.rsplit("/", 1)[1][:-3]).returncode == 0
    assert not beside.exists() and elsewhere.exists()
    assert newsroom.run("new", "--headline", "Another day").returncode == 0
    assert not elsewhere.exists()


def _start_blocked_commit(newsroom: Newsroom, tmp_path: Path) -> tuple[subprocess.Popen[str],
                                                                      Path]:
    """Start `newsdesk new` in a repository whose signing program hangs until killed."""
    marker = tmp_path / "gpg-started"
    slow_gpg = tmp_path / "slow-gpg"
    slow_gpg.write_text(f"#!/bin/sh\ntouch {shlex.quote(str(marker))}\nexec sleep 60\n")
    slow_gpg.chmod(0o755)
    newsroom.git("config", "commit.gpgsign", "true")
    newsroom.git("config", "gpg.program", str(slow_gpg))
    process = subprocess.Popen([NEWSDESK, "new", "--headline", "Interrupted"],
                               cwd=newsroom.root, env=newsroom.env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert time.monotonic() < deadline, "the commit never started"
        time.sleep(0.05)
    return process, marker


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_kill_or_ctrl_c_during_a_commit_leaves_everything_as_it_was(
        newsroom: Newsroom, tmp_path: Path, sig: signal.Signals) -> None:
    before, head = newsroom.snapshot(), newsroom.head()
    status = newsroom.git("status", "--porcelain")
    process, _ = _start_blocked_commit(newsroom, tmp_path)
    if sig == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    else:
        process.send_signal(sig)
    try:
        _, stderr = process.communicate(timeout=30)
    finally:
        # end what this test started, and only that: newsdesk, its git and the hanging
        # signing program share the process group the test created
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    if sig == signal.SIGINT:
        assert process.returncode == 130, stderr
        assert "interrupted; nothing was changed" in stderr
        assert "Traceback" not in stderr
    assert newsroom.head() == head
    assert newsroom.snapshot() == before
    assert newsroom.git("status", "--porcelain") == status
    newsroom.git("config", "commit.gpgsign", "false")
    again = newsroom.run("new", "--headline", "Interrupted")
    assert again.returncode == 0, again.stderr
    assert not list((newsroom.root / ".git").glob("newsdesk-index-*"))


def test_parallel_news_and_edits_all_land(newsroom: Newsroom, tmp_path: Path) -> None:
    config = newsroom.root / "newsdesk.yaml"  # twenty writers queue up; give the last time
    config.write_text(config.read_text().replace("lock_timeout_seconds: 30",
                                                 "lock_timeout_seconds: 300"))
    newsroom.commit_all("patient lock")
    for i in range(10):
        assert newsroom.run("new", "--headline", f"Edit target {i}").returncode == 0
    head = newsroom.head()
    editor = tmp_path / "append.py"
    editor.write_text("import sys\nfrom pathlib import Path\np = Path(sys.argv[1])\n"
                      "p.write_text(p.read_text() + 'Added line.\\n')\n")
    env = {**newsroom.env, "EDITOR": f"{shlex.quote(sys.executable)} {shlex.quote(str(editor))}"}
    processes = [subprocess.Popen([NEWSDESK, "new", "--headline", f"Parallel {i}"],
                                  cwd=newsroom.root, env=newsroom.env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for i in range(10)]
    processes += [subprocess.Popen([NEWSDESK, "edit", f"edit-target-{i}"],
                                   cwd=newsroom.root, env=env, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                  for i in range(10)]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    log = newsroom.git("log", "--format=%s", f"{head}..HEAD").splitlines()
    assert len(log) == 20
    assert newsroom.git("rev-list", "--merges", "HEAD") == ""
    ids = {s["id"] for s in newsroom.run("list", "--format", "json").json()}
    assert {f"parallel-{i}" for i in range(10)} <= ids
    for i in range(10):
        text = next((newsroom.root / "stories").rglob(f"edit-target-{i}.md")).read_text()
        assert text.endswith("Added line.\n")
    assert newsroom.git("status", "--porcelain") == ""


def _mount(kind: list[str], target: Path) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", *kind, "tmpfs", str(target)], capture_output=True,
                          check=False).returncode == 0


needs_mount = pytest.mark.skipif(os.geteuid() != 0 and not os.environ.get("CI"),
                                 reason="mounting a tiny tmpfs needs root (CI runs as root)")


@needs_mount
def test_disk_full_and_read_only(tmp_path: Path, env: dict[str, str]) -> None:
    mount = tmp_path / "tiny"
    assert _mount(["-t", "tmpfs", "-o", "size=3m"], mount), "cannot mount a tmpfs"
    try:
        room = make_newsroom(mount / "newsroom", env)
        rel = room.run("new", "--headline", "Before the disk filled").stdout.strip()
        filler = mount / "filler"
        with filler.open("wb", buffering=0) as handle:  # nothing left to flush at close
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        before, head = room.snapshot(), room.head()
        for args in (["new", "--headline", "No room"], ["submit", rel.rsplit("/", 1)[1][:-3]]):
            result = room.run(*args)
            assert result.returncode == 2, result.stdout
            assert "No space left on device" in one_line_error(result)
            assert room.snapshot() == before and room.head() == head
        assert not [p for p in room.root.rglob(".newsdesk-tmp-*")]
        filler.unlink()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        result = room.run("new", "--headline", "Read only")
        assert result.returncode == 2
        assert "Read-only file system" in one_line_error(result)
        assert room.head() == head
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_terminal_escapes_are_refused_in_stories_and_never_printed(newsroom: Newsroom) -> None:
    """Control characters written as YAML escapes are a schema finding; anything a command
    prints from a file or a commit shows control characters as escapes, never raw."""
    room = newsroom
    room.write("stories/2025/03/title-trick.md", MINIMAL_STORY.format(id="title-trick").replace(
        "headline: A good headline", 'headline: "Snow\\e]0;pwned\\a in Kyiv"'))
    room.commit_all("a title trick")
    result = room.run("validate", "--format", "json")
    assert result.returncode == 1
    assert any("control character" in f["message"] for f in result.json()["findings"])
    for args in (["list"], ["list", "--format", "json"], ["search", "Snow"],
                 ["show", "title-trick"], ["validate"]):
        result = room.run(*args)
        assert "\x1b" not in result.stdout + result.stderr, args
        assert "\x07" not in result.stdout + result.stderr, args
    rel = room.run("new", "--headline", "Plain story").stdout.strip()
    path = room.root / rel
    path.write_text(path.read_text() + "More.\n")
    room.git("add", "-A")
    room.git("commit", "-q", "-m", "edit\n\nA note \x1b]52;c;cHduZWQ=\x07 for the desk")
    log = room.run("log", "plain-story")
    assert log.returncode == 0
    assert "\x1b" not in log.stdout and "\\x1b]52" in log.stdout


def test_scratch_files_are_not_stories_and_nothing_is_overwritten(newsroom: Newsroom,
                                                                    tmp_path: Path) -> None:
    """Point 18: editor swap files and scratch copies in a month folder are not stories;
    init never overwrites a roster; export never writes into stories/ or the newsroom."""
    room = newsroom
    rel = room.run("new", "--headline", "Real story").stdout.strip()
    folder = (room.root / rel).parent
    for name in (".newsdesk-tmp-edit-real-story.md", ".real-story.md.swp.md", "notes copy.md",
                 "#real-story.md#.md"):
        (folder / name).write_text("not a story at all: [")
    result = room.run("validate", "--format", "json")
    assert result.returncode == 0, result.stdout
    assert result.json()["files_checked"] == 1
    assert [s["id"] for s in room.run("list", "--format", "json").json()] == ["real-story"]

    staff = room.root / "staff.yaml"
    before = staff.read_bytes()
    other = tmp_path / "half-newsroom"
    other.mkdir()
    (other / "staff.yaml").write_text("staff: []  # ours\n")
    result = room.run("init", str(other))
    assert result.returncode == 2 and "never overwrites a roster" in result.stderr
    assert (other / "staff.yaml").read_text() == "staff: []  # ours\n"
    assert not (other / "newsdesk.yaml").exists()
    assert staff.read_bytes() == before

    snapshot = room.snapshot()
    for out in ("stories/2025", "stories", ".", ".git/x", "templates/export"):
        result = room.run("export", "--format", "markdown", "--out", out)
        assert result.returncode == 2, (out, result.stdout)
        assert "--out" in result.stderr
    assert room.snapshot() == snapshot


def test_small_ones_from_the_insider_review(newsroom: Newsroom, tmp_path: Path) -> None:
    """Point 21: extreme dates, preview of a bad id, an empty list field, a huge argument."""
    room = newsroom
    room.write("stories/2025/03/old-date.md", MINIMAL_STORY.format(id="old-date").replace(
        "created: 2025-03-04T09:30:00Z", "created: 0001-01-01T00:00:00+05:00"))
    room.write("stories/2025/03/empty-list.md", MINIMAL_STORY.format(id="empty-list").replace(
        "desk: news", "corrections:\ndesk: news"))
    room.commit_all("odd values")
    for args in (["list"], ["show", "old-date"], ["search", "headline"], ["review"]):
        result = room.run(*args)
        assert "internal error" not in result.stderr, args
    findings = room.run("validate", "--format", "json").json()["findings"]
    messages = {f["path"].rsplit("/", 1)[1]: f["message"] for f in findings}
    assert "outside the dates newsdesk can show" in messages["old-date.md"]
    assert "write [] for an empty list" in messages["empty-list.md"]
    assert "put it in quotes" not in messages["empty-list.md"]

    temp = tmp_path / "temp"
    temp.mkdir()
    result = room.run("preview", "../../etc", env={"TMPDIR": str(temp)})
    assert result.returncode == 2 and not list(temp.iterdir())
    huge = "a" * 100_000
    result = room.run("show", huge)
    assert result.returncode == 2 and len(result.stderr) < 300
    assert "(100,000 characters)" in result.stderr


@pytest.mark.slow
def test_sigkill_at_random_points_never_leaves_a_state_the_next_command_cannot_handle(
        newsroom: Newsroom) -> None:
    """Point 16: a transition killed at a random moment, a hundred times over. After each
    kill the story file is either as committed, or (killed between the commit and the file
    write) exactly the previous version, which the next command finishes; at the end the
    work tree is clean and the audit passes."""
    import random

    from tests.conftest import EDITOR, REPORTER, make_publishable

    room = newsroom
    rel = room.run("new", "--headline", "Killed often").stdout.strip()
    make_publishable(room, rel)
    rng = random.Random(20261128)
    finished = 0
    for _ in range(100):
        status = "review" if "status: review" in room.git("show", f"HEAD:{rel}") else "draft"
        if status == "draft":
            room.act_as(REPORTER)
            args = ["submit", "killed-often"]
        else:
            room.act_as(EDITOR)
            args = ["review", "killed-often", "--request-changes", "-m", "Again."]
        process = subprocess.Popen([NEWSDESK, *args], cwd=room.root, env=room.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        time.sleep(rng.uniform(0.0, 0.6))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate(timeout=30)
        finished += b"finished an interrupted change" in stderr
        dirty = room.git("status", "--porcelain", "--", rel).strip()
        if dirty:  # killed between the commit and the file write
            assert room.git("show", f"HEAD~1:{rel}") == (room.root / rel).read_text(), dirty
    # one more command finishes whatever the last kill left
    room.act_as(EDITOR)
    room.run("review")
    status = "review" if "status: review" in room.git("show", f"HEAD:{rel}") else "draft"
    room.act_as(REPORTER if status == "draft" else EDITOR)
    last = room.run(*(["submit", "killed-often"] if status == "draft" else
                      ["review", "killed-often", "--request-changes", "-m", "Done."]))
    assert last.returncode == 0, last.stderr
    assert room.git("status", "--porcelain").strip() == ""
    assert not list(room.root.rglob(".newsdesk-tmp-*"))
    audit = room.run("audit")
    assert audit.returncode == 0, audit.stdout


def test_a_kill_between_the_commit_and_the_file_write_is_finished_by_the_next_command(
        newsroom: Newsroom) -> None:
    """Point 16, the exact state a SIGKILL after `update-ref` leaves: the branch holds the
    approval, the work tree still the story in review. Before, `git commit -a` would have
    reverted the approval; now the next newsdesk command finishes the write."""
    from tests.conftest import EDITOR, REPORTER, make_publishable

    room = newsroom
    rel = room.run("new", "--headline", "Half done").stdout.strip()
    make_publishable(room, rel)
    assert room.run("submit", "half-done").returncode == 0
    room.act_as(EDITOR)
    assert room.run("review", "half-done", "--approve").returncode == 0
    path = room.root / rel
    path.write_text(room.git("show", f"HEAD~1:{rel}"))  # the file as before the approval
    assert "status: review" in path.read_text()
    room.act_as(REPORTER)
    result = room.run("new", "--headline", "Next story")
    assert result.returncode == 0, result.stderr
    assert f"finished an interrupted change: wrote {rel}" in result.stderr
    assert path.read_text() == room.git("show", f"HEAD~1:{rel}")  # HEAD~1: before 'new'
    assert "status: published" in path.read_text()
    assert room.git("status", "--porcelain").strip() == ""
    assert room.run("audit").returncode == 0


def test_a_file_changed_after_an_interrupted_change_is_left_alone(newsroom: Newsroom) -> None:
    from tests.conftest import make_publishable

    room = newsroom
    rel = room.run("new", "--headline", "Mine now").stdout.strip()
    make_publishable(room, rel)
    assert room.run("submit", "mine-now").returncode == 0
    path = room.root / rel
    path.write_text(path.read_text().replace("status: review", "status: draft") + "Mine.\n")
    result = room.run("new", "--headline", "Other story")
    assert result.returncode == 0
    assert "finished an interrupted change" not in result.stderr
    assert path.read_text().endswith("Mine.\n")


def _forked_workers(pid: int) -> list[int]:
    """The processes `pid` forked that are still newsdesk (not a git it started), read
    from /proc (Linux, as CI runs)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes().split(b"\0")
                if int(fields[1]) == pid and any(b"newsdesk" in part for part in command):
                    found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_ctrl_c_while_the_workers_check_stories_is_one_line_and_no_process_left(
        newsroom: Newsroom) -> None:
    """Ctrl-C reaches every process of the foreground group, the forked workers too: they
    used to print their own KeyboardInterrupt tracebacks."""
    body = "Shells fell near the station overnight, and crews worked until dawn.\n\n" * 300
    for n in range(1200):
        newsroom.write(f"stories/2025/03/crowded-{n:04d}.md",
                       MINIMAL_STORY.format(id=f"crowded-{n:04d}").replace("Body.\n", body))
    process = subprocess.Popen([NEWSDESK, "validate"], cwd=newsroom.root, env=newsroom.env,
                               text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(_forked_workers(process.pid)) < 2:  # the workers are checking
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        _, stderr = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert stderr == "newsdesk: interrupted; nothing was changed\n"
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker of the group outlived newsdesk

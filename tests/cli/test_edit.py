"""`newsdesk edit`: $EDITOR, validation on close, one commit only when the file changed."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from tests.conftest import Newsroom


def editor(tmp_path: Path, name: str, code: str) -> str:
    """An $EDITOR that runs `code` with `path` bound to the file being edited."""
    script = tmp_path / f"{name}.py"
    script.write_text(f"import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n{code}\n")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_edit_commits_a_change_and_bumps_updated(newsroom: Newsroom, tmp_path: Path) -> None:
    rel = newsroom.run("new", "--headline", "Edit me").stdout.strip()
    file = newsroom.root / rel
    lines = file.read_text().splitlines(keepends=True)
    lines = [("updated: 2020-01-01T00:00:00Z\n" if line.startswith("updated:") else line)
             for line in lines]
    file.write_text("".join(lines))
    newsroom.commit_all("backdate")
    before = newsroom.head()
    ed = editor(tmp_path, "append", "path.write_text(path.read_text() + 'A new paragraph.\\n')")
    result = newsroom.run("edit", "edit-me", env={"EDITOR": ed})
    assert result.returncode == 0, result.stderr
    text = (newsroom.root / rel).read_text()
    assert text.endswith("A new paragraph.\n")
    assert newsroom.git("rev-parse", "HEAD~1").strip() == before
    assert newsroom.git("show", "--name-only", "--format=%s", "HEAD").split() == [
        "newsdesk:", "edit", "edit-me", rel]
    diff = newsroom.git("diff", "HEAD~1", "HEAD", "--", rel)
    changed = [line for line in diff.splitlines()
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed[:2] == ["-updated: 2020-01-01T00:00:00Z", changed[1]]
    assert changed[1].startswith("+updated: 20") and changed[2:] == ["+A new paragraph."]
    assert not list((newsroom.root / "stories").rglob(".newsdesk-tmp-*"))


def test_edit_without_changes_makes_no_commit(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.run("new", "--headline", "Leave me")
    head = newsroom.head()
    result = newsroom.run("edit", "leave-me", env={"EDITOR": editor(tmp_path, "noop", "pass")})
    assert result.returncode == 0
    assert "no changes" in result.stdout
    assert newsroom.head() == head


def test_edit_that_breaks_the_yaml_is_refused_and_rescued(newsroom: Newsroom,
                                                          tmp_path: Path) -> None:
    rel = newsroom.run("new", "--headline", "Break me").stdout.strip()
    original = (newsroom.root / rel).read_bytes()
    head = newsroom.head()
    ed = editor(tmp_path, "break",
                "path.write_text(path.read_text().replace('status: draft', 'status: [draft'))")
    result = newsroom.run("edit", "break-me", env={"EDITOR": ed})
    assert result.returncode == 1
    assert result.stderr.startswith(f"newsdesk: {rel}:")
    assert "your edit is saved in .newsdesk/rescued/break-me-" in result.stderr
    assert (newsroom.root / rel).read_bytes() == original
    assert newsroom.head() == head
    [rescued] = (newsroom.root / ".newsdesk/rescued").glob("break-me-*.md")
    assert b"status: [draft" in rescued.read_bytes()
    # a second refused edit keeps the first rescued text
    ed2 = editor(tmp_path, "break2",
                 "path.write_text(path.read_text().replace('status: draft', 'status: {x'))")
    assert newsroom.run("edit", "break-me", env={"EDITOR": ed2}).returncode == 1
    kept = sorted((newsroom.root / ".newsdesk/rescued").glob("break-me-*.md"))
    assert len(kept) == 2 and b"status: [draft" in rescued.read_bytes()
    # the copy the editor had open was never in stories/ and is gone
    assert not list((newsroom.root / "stories").rglob(".newsdesk-tmp-*"))
    assert not list((newsroom.root / ".newsdesk" / "editing").iterdir())


def test_edit_that_changes_the_id_is_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    rel = newsroom.run("new", "--headline", "Keep id").stdout.strip()
    original = (newsroom.root / rel).read_bytes()
    ed = editor(tmp_path, "rename",
                "path.write_text(path.read_text().replace('id: keep-id', 'id: other-id'))")
    result = newsroom.run("edit", "keep-id", env={"EDITOR": ed})
    assert result.returncode == 1
    assert "does not match the file name" in result.stderr
    assert (newsroom.root / rel).read_bytes() == original


def test_failing_editor_changes_nothing(newsroom: Newsroom, tmp_path: Path) -> None:
    rel = newsroom.run("new", "--headline", "Crash").stdout.strip()
    original = (newsroom.root / rel).read_bytes()
    head = newsroom.head()
    ed = editor(tmp_path, "fail", "path.write_text('garbage'); sys.exit(3)")
    result = newsroom.run("edit", "crash", env={"EDITOR": ed})
    assert result.returncode == 2
    assert "exited with status 3" in result.stderr
    assert (newsroom.root / rel).read_bytes() == original and newsroom.head() == head


def test_edit_keeps_crlf_line_endings(newsroom: Newsroom, tmp_path: Path) -> None:
    rel = newsroom.run("new", "--headline", "Windows").stdout.strip()
    file = newsroom.root / rel
    file.write_bytes(file.read_bytes().replace(b"\n", b"\r\n"))
    newsroom.commit_all("crlf")
    ed = editor(tmp_path, "crlf", "path.write_bytes(path.read_bytes() + b'More.\\r\\n')")
    result = newsroom.run("edit", "windows", env={"EDITOR": ed})
    assert result.returncode == 0, result.stderr
    data = file.read_bytes()
    assert data.endswith(b"More.\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")

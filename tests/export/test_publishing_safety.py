"""What reaches the published page, attacked from inside the newsroom through the installed
CLI: files that are not images, templates that try to run code, live HTML in the Markdown
export, the newsroom's own comments, and ids that collide."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINIMAL_STORY, Newsroom, published


def test_only_image_files_from_the_image_folders_are_published(newsroom: Newsroom,
                                                               tmp_path: Path) -> None:
    """Point 11: a src naming another file is a finding, and export copies nothing but real
    image files (a symbolic link dressed as an image included)."""
    room = newsroom
    rel = room.write("stories/2025/03/leaky-story.md", MINIMAL_STORY.format(id="leaky-story")
                     .replace("desk: news", "images:\n  - src: .git/config\n    caption: x\n"
                              "    credit: y\n    alt: z\ndesk: news"))
    room.commit_all("a leaky story")
    result = room.run("validate", str(rel))
    assert result.returncode == 1
    assert "image src '.git/config'" in result.stdout and "[image-source]" in result.stdout

    room.write("stories/2025/03/leaky-story.md", MINIMAL_STORY.format(id="leaky-story"))
    room.commit_all("fix it")
    (room.root / "images").mkdir(exist_ok=True)
    (room.root / "images" / "street.jpg").symlink_to(room.root / ".git" / "config")
    room.commit_all("an image that is not one")
    published(room)
    out = tmp_path / "public"
    result = room.run("export", "--format", "markdown", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "snow-in-kyiv.md").exists()
    assert not (out / "images" / "street.jpg").exists()
    assert not any("[remote" in p.read_text(errors="replace") for p in out.rglob("*")
                   if p.is_file())


def test_a_template_cannot_run_code(newsroom: Newsroom, tmp_path: Path) -> None:
    """Point 12: the sandbox refuses, with one clear line; a symlinked template is refused."""
    room = newsroom
    published(room)
    templates = room.root / "templates" / "export"
    templates.mkdir(parents=True)
    (templates / "article.html.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    room.commit_all("a clever template")
    result = room.run("export", "--format", "html", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "templates/export/article.html.j2" in result.stderr
    assert "do not run code" in result.stderr and "Traceback" not in result.stderr
    (templates / "article.html.j2").unlink()
    (templates / "article.html.j2").symlink_to(room.root / "staff.yaml")
    result = room.run("export", "--format", "html", "--out", str(tmp_path / "out2"))
    assert result.returncode == 2
    assert "is a symbolic link" in result.stderr


def test_the_markdown_export_is_not_live_html(newsroom: Newsroom, tmp_path: Path) -> None:
    """Point 13: caption, credit, editor's note, raw HTML and javascript: links."""
    room = newsroom
    rel = published(room)
    path = room.root / rel
    text = path.read_text()
    text = text.replace("caption: A street in Kyiv on a winter morning.",
                        "caption: '<script>alert(1)</script> A street.'")
    text = text.replace("Kyiv woke to snow and silence.",
                        "Kyiv woke to snow. <img src=x onerror=alert(2)> "
                        "[Read more](javascript:alert(3)) and `<b>code</b>`.")
    path.write_text(text)
    room.commit_all("hostile copy")  # an insider's edit; export still escapes it
    out = tmp_path / "md"
    assert room.run("export", "--format", "markdown", "--out", str(out)).returncode == 0
    exported = (out / "snow-in-kyiv.md").read_text()
    assert "<script>" not in exported and "&lt;script&gt;" in exported
    assert "<img src=x" not in exported and "&lt;img src=x" in exported
    assert "javascript:" not in exported and "[Read more](#)" in exported
    assert "`<b>code</b>`" in exported  # code stays as written


def test_comments_never_reach_a_reader(newsroom: Newsroom, tmp_path: Path) -> None:
    """Point 14."""
    room = newsroom
    rel = published(room)
    path = room.root / rel
    path.write_text(path.read_text().replace(
        "Kyiv woke to snow and silence.",
        "<!-- note to the desk: check the street name -->\nKyiv woke to snow and silence."))
    room.commit_all("a note")
    for fmt, name in (("html", "snow-in-kyiv.html"), ("markdown", "snow-in-kyiv.md"),
                      ("ninjs", "snow-in-kyiv.json")):
        out = tmp_path / fmt
        assert room.run("export", "--format", fmt, "--out", str(out)).returncode == 0
        exported = (out / name).read_text()
        assert "note to the desk" not in exported and "<!--" not in exported
        assert "Kyiv woke to snow and silence." in exported


def test_ids_are_unique_and_never_an_export_file_name(newsroom: Newsroom) -> None:
    """Point 15 (and the one id rule for model and CLI: `aux` is refused everywhere)."""
    room = newsroom
    room.write("stories/2025/03/twin-story.md", MINIMAL_STORY.format(id="twin-story"))
    room.write("stories/2025/04/twin-story.md", MINIMAL_STORY.format(id="twin-story"))
    room.write("stories/2025/04/index.md", MINIMAL_STORY.format(id="index"))
    room.write("stories/2025/04/aux.md", MINIMAL_STORY.format(id="aux"))
    room.commit_all("collisions")
    result = room.run("validate", "--format", "json")
    assert result.returncode == 1
    findings = result.json()["findings"]
    twins = [f for f in findings if "also the id of another story file" in f["message"]]
    assert sorted(f["path"] for f in twins) == ["stories/2025/03/twin-story.md",
                                                "stories/2025/04/twin-story.md"]
    assert any(f["path"].endswith("index.md") and "exports use" in f["message"]
               for f in findings)
    assert any(f["path"].endswith("aux.md") and "reserved device name" in f["message"]
               for f in findings)

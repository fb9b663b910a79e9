"""`newsdesk export`: which stories go out, in which files, and what never does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Newsroom

PUBLISHED = ["holding-the-line-near-pokrovsk", "holding-the-line-near-pokrovsk-uk",
             "kharkiv-metro-school-year",
             "washington-turn-pleases-moscow"]


@pytest.mark.parametrize(("fmt", "suffix", "extra"), [
    ("html", ".html", ["index.html"]),
    ("ninjs", ".json", []),
    ("markdown", ".md", []),
])
def test_each_format_writes_one_file_per_published_story(
        sample_newsroom: Newsroom, tmp_path: Path, fmt: str, suffix: str,
        extra: list[str]) -> None:
    out = tmp_path / "out"
    result = sample_newsroom.run("export", "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir() if p.is_file())
    assert names == sorted([f"{i}{suffix}" for i in PUBLISHED] + extra)
    assert "skipped odesa-port-reopens-brief: it is draft" in result.stderr


def test_jsonfeed_is_one_feed_newest_first(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert sample_newsroom.run("export", "--format", "jsonfeed", "--out",
                               str(out)).returncode == 0
    feed = json.loads((out / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "The Kyiv Desk" and feed["feed_url"].endswith("/feed.json")
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(PUBLISHED)
    first = feed["items"][0]
    assert first["title"].startswith("Kharkiv opens") and first["authors"] == [
        {"name": "Daryna Savchuk"}]
    assert first["image"] == "https://news.example/images/kharkiv-school.svg"


def test_ids_embargo_and_include_unpublished(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    story = sample_newsroom.root / "stories/2025/09/kharkiv-metro-school-year.md"
    story.write_text(story.read_text().replace("embargo_until: null",
                                               "embargo_until: 2999-01-01T00:00:00Z"))
    out = tmp_path / "out"
    result = sample_newsroom.run("export", "kharkiv-metro-school-year",
                                 "odesa-port-reopens-brief", "--format", "ninjs", "--out",
                                 str(out))
    assert result.returncode == 0
    assert "skipped kharkiv-metro-school-year: it is embargoed until 2999-01-01" in result.stderr
    assert "skipped odesa-port-reopens-brief: it is draft" in result.stderr
    assert not out.exists() or not list(out.iterdir())
    preview = sample_newsroom.run("export", "kharkiv-metro-school-year",
                                  "odesa-port-reopens-brief", "--format", "ninjs", "--out",
                                  str(out), "--include-unpublished")
    assert preview.returncode == 0
    doc = json.loads((out / "kharkiv-metro-school-year.json").read_text())
    assert doc["embargoed"] == "2999-01-01T00:00:00Z"
    draft = json.loads((out / "odesa-port-reopens-brief.json").read_text())
    assert draft["pubstatus"] == "withheld"


def test_story_with_errors_is_never_exported(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    story = sample_newsroom.root / "stories/2025/03/holding-the-line-near-pokrovsk.md"
    story.write_text(story.read_text().replace("Tymur, callsign \"Bulat\", watches",
                                               "Tymur Bondarenko watches"))
    out = tmp_path / "out"
    for args in ([], ["--include-unpublished"], ["holding-the-line-near-pokrovsk"]):
        result = sample_newsroom.run("export", *args, "--format", "html", "--out", str(out))
        assert result.returncode == 1
        assert "not exported holding-the-line-near-pokrovsk" in result.stderr
        assert "soldier-identification" in result.stderr
        assert not (out / "holding-the-line-near-pokrovsk.html").exists()


def test_rerun_replaces_files_and_leaves_no_temp_files(sample_newsroom: Newsroom,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "kharkiv-metro-school-year.md").write_text("stale")
    assert sample_newsroom.run("export", "--format", "markdown", "--out",
                               str(out)).returncode == 0
    assert (out / "kharkiv-metro-school-year.md").read_text().startswith("---\ntitle:")
    assert not [p for p in out.rglob("*") if p.name.startswith(".newsdesk-tmp")]


def test_unknown_and_unsafe_ids(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    missing = sample_newsroom.run("export", "no-such-story", "--out", out)
    assert missing.returncode == 2 and "no story with id" in missing.stderr
    unsafe = sample_newsroom.run("export", "../etc", "--out", out)
    assert unsafe.returncode == 2 and "invalid story id" in unsafe.stderr


def test_preview_renders_any_status(sample_newsroom: Newsroom) -> None:
    result = sample_newsroom.run("preview", "odesa-port-reopens-brief")
    assert result.returncode == 0, result.stderr
    page = Path(result.stdout.strip())
    html = page.read_text()
    assert "Odesa grain terminal resumes loading" in html
    assert "Preview: this story is draft" in html


def test_unreadable_story_is_reported_not_skipped_silently(sample_newsroom: Newsroom,
                                                          tmp_path: Path) -> None:
    story = sample_newsroom.root / "stories/2025/09/kharkiv-metro-school-year.md"
    story.write_text(story.read_text().replace("status: published", "status: [published"))
    result = sample_newsroom.run("export", "--format", "html", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "not exported (unreadable): stories/2025/09/kharkiv-metro-school-year.md:" \
        in result.stderr
    assert (tmp_path / "holding-the-line-near-pokrovsk.html").exists()


def test_out_that_is_a_file_is_one_clear_error(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    for command in (["export", "--out", str(target)], ["report", "--out", str(target)]):
        result = sample_newsroom.run(*command)
        assert result.returncode == 2
        assert result.stderr.strip() == f"newsdesk: {target}: File exists"

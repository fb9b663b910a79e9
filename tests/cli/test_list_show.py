"""`newsdesk list` and `newsdesk show` through the installed CLI."""

from __future__ import annotations

from tests.conftest import Newsroom


def test_list_filters_by_status_and_reports_broken_files(newsroom: Newsroom) -> None:
    newsroom.run("new", "--headline", "First draft")
    newsroom.run("new", "--headline", "Second draft")
    rows = newsroom.run("list", "--format", "json").json()
    assert sorted(r["id"] for r in rows) == ["first-draft", "second-draft"]
    assert all(r["status"] == "draft" and r["byline"] == ["taras-reporter"] for r in rows)
    assert newsroom.run("list", "--status", "published", "--format", "json").json() == []
    text = newsroom.run("list").stdout
    assert "first-draft" in text and "First draft" in text and "taras-reporter" in text
    broken = newsroom.write("stories/2025/01/broken-one.md", "---\nid: [\n---\n")
    result = newsroom.run("list", "--format", "json")
    assert result.returncode == 0
    assert len(result.json()) == 2
    assert "stories/2025/01/broken-one.md:3:1" in result.stderr
    assert broken.read_text() == "---\nid: [\n---\n"


def test_list_rejects_an_unknown_status(newsroom: Newsroom) -> None:
    result = newsroom.run("list", "--status", "live")
    assert result.returncode == 2
    assert "--status must be one of" in result.stderr


def test_show_prints_fields_and_findings(newsroom: Newsroom) -> None:
    path = newsroom.run("new", "--headline", "Show me").stdout.strip()
    text = newsroom.run("show", "show-me")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Show me\n")
    assert "status:        draft" in text.stdout and path in text.stdout
    data = newsroom.run("show", "show-me", "--format", "json").json()
    assert data["story"]["id"] == "show-me" and data["path"] == path
    assert data["story"]["byline"] == ["taras-reporter"]
    assert isinstance(data["findings"], list)


def test_show_unknown_and_unsafe_ids(newsroom: Newsroom) -> None:
    missing = newsroom.run("show", "no-such-story")
    assert missing.returncode == 2 and "no story with id 'no-such-story'" in missing.stderr
    unsafe = newsroom.run("show", "../staff")
    assert unsafe.returncode == 2 and "invalid story id" in unsafe.stderr


def test_show_names_file_and_line_of_a_schema_problem(newsroom: Newsroom) -> None:
    path = newsroom.run("new", "--headline", "Typed").stdout.strip()
    file = newsroom.root / path
    file.write_text(file.read_text().replace("status: draft", "status: drafty"))
    result = newsroom.run("show", "typed")
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsdesk: {path}:3:9: status: must be one of")
    assert "Traceback" not in result.stderr


def test_a_broken_newsdesk_yaml_stops_list_and_search(newsroom: Newsroom) -> None:
    """The newsroom's settings are not one story's problem: list and search exit 2 naming
    newsdesk.yaml instead of saying that no story matches."""
    assert newsroom.run("new", "--headline", "Some story").returncode == 0
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text() + "rules: [\n")
    for args in (["list"], ["search", "story"]):
        result = newsroom.run(*args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("newsdesk: newsdesk.yaml:"), result.stderr
        assert "no stor" not in result.stdout


def test_quiet_fix_prints_nothing_but_results(newsroom: Newsroom) -> None:
    rel = newsroom.run("new", "--headline", "Trip to Kiev").stdout.strip()
    result = newsroom.run("-q", "validate", "--fix", rel)
    assert "fixed" not in result.stdout + result.stderr
    assert "Kyiv" in (newsroom.root / rel).read_text()

"""`newsdesk validate` on bad input: one finding per problem with file, line and column,
the contract's JSON, exit 1, and never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL_STORY, Newsroom

GOOD = MINIMAL_STORY


def story(newsroom: Newsroom, story_id: str, text: str | bytes) -> str:
    rel = f"stories/2025/03/{story_id}.md"
    newsroom.write(rel, text)
    return rel


def only_finding(newsroom: Newsroom, rel: str) -> dict[str, object]:
    result = newsroom.run("validate", rel, "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    data = result.json()
    assert data["files_checked"] == 1
    assert len(data["findings"]) >= 1
    return data["findings"][0]  # type: ignore[no-any-return]


def test_clean_story_passes_with_contract_json(newsroom: Newsroom) -> None:
    rel = story(newsroom, "good-one", GOOD.format(id="good-one"))
    result = newsroom.run("validate", rel, "--format", "json")
    assert result.returncode == 0, result.stdout
    assert result.json()["files_checked"] == 1 and result.json()["findings"] == []


@pytest.mark.parametrize(("change", "rule", "line", "column", "words"), [
    (("headline: A good headline", "headline: NO"), "schema", 4, 11,
     "headline: expected text; YAML read NO as a boolean: put it in quotes"),
    (("headline: A good headline", "headline: 1.10"), "schema", 4, 11,
     "YAML read 1.10 as a number"),
    (("headline: A good headline", "headline: [a, b]"), "schema", 4, 11, "headline: expected text"),
    (("status: draft", "status: live"), "schema", 3, 9, "status: must be one of"),
    (("id: {id}", "id: other-name"), "schema", 2, 5, "does not match the file name"),
    (("desk: news", "desk: news\nheadlin: x"), "schema", 6, 1,
     "unknown field 'headlin' (did you mean 'headline'?)"),
    (("created: 2025-03-04T09:30:00Z", "created: 2025-03-04"), "schema", 7, 10, "created:"),
    (("byline: [taras-reporter]\n", ""), "schema", 2, 1, "missing required field 'byline'"),
    (("headline: A good headline", "headline: [unclosed"), "parse", 5, 5, "YAML error"),
    (("headline: A good headline", "headline: !!python/object/apply:os.system [ls]"),
     "parse", 4, 11, "explicit YAML tags"),
    (("headline: A good headline", "headline: &h A\ndek: *h"), "parse", 4, 11, "anchors"),
    (("desk: news", "desk: news\ndesk: news"), "parse", 6, 1, "duplicate key 'desk'"),
    (("desk: news", "desk:\tnews"), "parse", 5, 6, "tab character"),
])
def test_each_problem_is_one_finding_with_its_position(
        newsroom: Newsroom, change: tuple[str, str], rule: str, line: int, column: int,
        words: str) -> None:
    text = GOOD.replace(change[0], change[1]).format(id="bad-one")
    rel = story(newsroom, "bad-one", text)
    finding = only_finding(newsroom, rel)
    assert finding["path"] == rel
    assert finding["rule"] == rule and finding["severity"] == "error"
    assert words in str(finding["message"])
    assert (finding["line"], finding["column"]) == (line, column)


def test_invalid_utf8_and_control_characters(newsroom: Newsroom) -> None:
    rel = story(newsroom, "bytes-one", GOOD.format(id="bytes-one").encode().replace(
        b"A good headline", b"A good \xff headline"))
    finding = only_finding(newsroom, rel)
    assert finding["rule"] == "parse" and (finding["line"], finding["column"]) == (4, 18)
    rel = story(newsroom, "nul-one", GOOD.format(id="nul-one").replace("Body.", "Bo\x00dy."))
    finding = only_finding(newsroom, rel)
    assert "U+0000" in str(finding["message"]) and finding["line"] == 10


def test_huge_file_is_refused_before_parsing(newsroom: Newsroom) -> None:
    rel = story(newsroom, "huge-one", "---\nid: huge-one\n" + "x" * 3_000_000 + "\n---\n")
    finding = only_finding(newsroom, rel)
    assert "over the 1,000,000-byte limit" in str(finding["message"])


def test_text_output_shows_source_line_and_caret(newsroom: Newsroom) -> None:
    rel = story(newsroom, "caret-one", GOOD.format(id="caret-one").replace(
        "status: draft", "status: drafty"))
    result = newsroom.run("validate", rel)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == rel
    assert lines[1].startswith("  3:9  error  status: must be one of")
    assert lines[2] == "      status: drafty"
    assert lines[3] == "              ^"
    assert "1 file checked: 1 error" in result.stdout


def test_validate_all_counts_every_story(newsroom: Newsroom) -> None:
    story(newsroom, "one-story", GOOD.format(id="one-story"))
    story(newsroom, "two-story", GOOD.format(id="two-story"))
    data = newsroom.run("validate", "--format", "json").json()
    assert data["files_checked"] == 2 and data["findings"] == []


def test_missing_path_is_a_usage_error(newsroom: Newsroom) -> None:
    result = newsroom.run("validate", "stories/nope.md")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_broken_newsdesk_yaml_is_one_line_naming_the_file(newsroom: Newsroom) -> None:
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text().replace("language: en", "language: [en"))
    result = newsroom.run("validate")
    assert result.returncode == 2
    assert result.stderr.startswith("newsdesk: newsdesk.yaml:")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("setting", "where", "words"), [
    ("  house-styl:\n    severity: error\n", "newsdesk.yaml:", "unknown rule id 'house-styl'"),
    ("  anonymous-source:\n    colour: red\n", "newsdesk.yaml:",
     "rules.anonymous-source.colour"),
])
def test_bad_rule_settings_name_file_and_line(newsroom: Newsroom, setting: str, where: str,
                                              words: str) -> None:
    config = newsroom.root / "newsdesk.yaml"
    text = config.read_text()
    config.write_text(text.replace("rules:\n", "rules:\n" + setting, 1))
    last = setting.splitlines()[-1 if "colour" in setting else 0]
    line = config.read_text().splitlines().index(last) + 1
    result = newsroom.run("validate")
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsdesk: {where}{line}:")
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_language_and_translation_of_are_story_fields(newsroom: Newsroom) -> None:
    """The contract's optional `language` (an IETF tag) and `translation_of` (a story id)."""
    newsroom.write("stories/2025/03/original-story.md", MINIMAL_STORY.format(id="original-story"))
    newsroom.write("stories/2025/03/translated-story.md",
                   MINIMAL_STORY.format(id="translated-story").replace(
                       "desk: news", "language: uk\ntranslation_of: original-story\ndesk: news"))
    newsroom.write("stories/2025/03/broken-translation.md",
                   MINIMAL_STORY.format(id="broken-translation").replace(
                       "desk: news", "language: not a tag\ntranslation_of: orignal-story\n"
                       "desk: news"))
    newsroom.write("stories/2025/03/typo-translation.md",
                   MINIMAL_STORY.format(id="typo-translation").replace(
                       "desk: news", "language: en-GB\ntranslation_of: orignal-story\n"
                       "desk: news"))
    newsroom.commit_all("translations")
    findings = newsroom.run("validate", "--format", "json").json()["findings"]
    by_file: dict[str, list[str]] = {}
    for f in findings:
        if f["severity"] != "info":
            by_file.setdefault(f["path"].rsplit("/", 1)[1], []).append(f["message"])
    assert "translated-story.md" not in by_file
    assert any("language" in m for m in by_file["broken-translation.md"])
    [typo] = by_file["typo-translation.md"]
    assert "translation_of: story 'orignal-story' does not exist" in typo

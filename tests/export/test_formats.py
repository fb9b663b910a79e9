"""Each export format on the sample stories: content, escaping of hostile text, and ninjs
validity against IPTC's schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import FIXTURES, Newsroom

NINJS = json.loads((FIXTURES / "schemas" / "ninjs-schema_2.2.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(NINJS, format_checker=jsonschema.FormatChecker())


def export(room: Newsroom, fmt: str, out: Path, *args: str) -> None:
    result = room.run("export", *args, "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr


def test_html_article_has_what_a_reader_sees(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    export(sample_newsroom, "html", tmp_path)
    html = (tmp_path / "holding-the-line-near-pokrovsk.html").read_text()
    assert '<html lang="en">' in html
    assert '<h1 class="headline">Holding the line near Pokrovsk: a night with a mortar crew</h1>' \
        in html
    assert '<p class="dek">Short on shells and sleep' in html
    assert '<span class="read-time">1 min read</span>' in html
    assert '<span class="credit">(Petro Hnatiuk/The Kyiv Desk)</span>' in html
    assert 'alt="Two soldiers in winter gear' in html
    assert "<strong>Editor’s note:</strong> In line with" in html
    assert '<p class="title">Frontline correspondent</p>' in html
    assert "reports from the front in eastern Ukraine" in html
    assert '<a class="teaser-headline" href="washington-turn-pleases-moscow.html">' \
           "Moscow says Washington&#39;s new line" in html
    assert '<span class="image-credit">Petro Hnatiuk/The Kyiv Desk</span>' in html
    assert (tmp_path / "images" / "mortar-crew.svg").exists()
    corrected = (tmp_path / "kharkiv-metro-school-year.html").read_text()
    assert '<section class="corrections"' in corrected and "It is about 900" in corrected


def test_html_index_lists_newest_first(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    export(sample_newsroom, "html", tmp_path)
    index = (tmp_path / "index.html").read_text()
    order = re.findall(r'class="teaser-headline" href="([a-z0-9-]+)\.html"', index)
    assert order == ["kharkiv-metro-school-year", "washington-turn-pleases-moscow",
                     "holding-the-line-near-pokrovsk-uk", "holding-the-line-near-pokrovsk"]


def test_related_teasers_never_name_unpublished_stories(sample_newsroom: Newsroom,
                                                        tmp_path: Path) -> None:
    story = sample_newsroom.root / "stories/2025/09/kharkiv-metro-school-year.md"
    story.write_text(story.read_text().replace("related: []",
                                               "related: [odesa-port-reopens-brief]"))
    export(sample_newsroom, "html", tmp_path)
    html = (tmp_path / "kharkiv-metro-school-year.html").read_text()
    assert "Odesa grain terminal" not in html


def test_hostile_story_text_is_escaped(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    story = sample_newsroom.root / "stories/2025/09/kharkiv-metro-school-year.md"
    text = story.read_text()
    text = text.replace("headline: Kharkiv opens a third underground school as the new year "
                        "begins", "headline: '<script>alert(1)</script> Kharkiv opens'")
    text = text.replace("Kharkiv opened its third",
                        "<script>alert(2)</script> <img src=x onerror=alert(3)> "
                        "[click](javascript:alert(4)) Kharkiv opened its third")
    story.write_text(text)
    export(sample_newsroom, "html", tmp_path)
    html = (tmp_path / "kharkiv-metro-school-year.html").read_text()
    assert "<script>" not in html and "onerror=alert(3)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    index = (tmp_path / "index.html").read_text()
    assert "<script>" not in index


@pytest.mark.parametrize("story_id", ["holding-the-line-near-pokrovsk",
                                      "kharkiv-metro-school-year",
                                      "washington-turn-pleases-moscow"])
def test_ninjs_is_valid_and_maps_every_field(sample_newsroom: Newsroom, tmp_path: Path,
                                             story_id: str) -> None:
    export(sample_newsroom, "ninjs", tmp_path)
    doc = json.loads((tmp_path / f"{story_id}.json").read_text())
    VALIDATOR.validate(doc)
    assert doc["uri"] == f"https://news.example/stories/{story_id}"
    assert doc["type"] == "text" and doc["pubstatus"] == "usable"
    assert doc["headlines"][0]["value"] and doc["bodies"][0]["contenttype"] == "text/html"
    assert doc["language"] == "en" and doc["copyrightholder"] == "The Kyiv Desk"
    lead = doc["associations"][0]
    assert lead["name"] == "lead" and lead["type"] == "picture" and lead["by"]
    assert {d["role"] for d in lead["descriptions"]} == {"caption", "alt"}


def test_ninjs_details_of_the_frontline_story(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    export(sample_newsroom, "ninjs", tmp_path)
    doc = json.loads((tmp_path / "holding-the-line-near-pokrovsk.json").read_text())
    assert doc["located"] == "Donetsk Oblast"
    assert {"name": "Tymur", "rel": "soldier", "literal": "callsign Bulat"} in doc["people"]
    assert {"name": "Petro Hnatiuk", "rel": "author", "literal": "petro-hnatiuk"} in doc["people"]
    assert doc["by"] == "Petro Hnatiuk"
    assert any(d["role"] == "editorsnote" for d in doc["descriptions"])
    assert [s["name"] for s in doc["subjects"]] == ["donetsk-oblast", "frontline", "artillery"]
    assert doc["firstcreated"] == "2025-03-01T06:00:00Z"


def test_ninjs_schema_really_rejects_unknown_fields() -> None:
    assert list(VALIDATOR.iter_errors({"uri": "https://x.example/1", "creditline": "x"}))


def test_killed_story_is_canceled_in_ninjs(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    story = sample_newsroom.root / "stories/2025/09/kharkiv-metro-school-year.md"
    story.write_text(story.read_text().replace("status: published", "status: killed")
                     .replace("corrections:", "kill_reason: Duplicate of another story.\n"
                              "corrections:"))
    export(sample_newsroom, "ninjs", tmp_path, "kharkiv-metro-school-year",
           "--include-unpublished")
    doc = json.loads((tmp_path / "kharkiv-metro-school-year.json").read_text())
    VALIDATOR.validate(doc)
    assert doc["pubstatus"] == "canceled"
    assert {"role": "killnotice", "contenttype": "text/plain",
            "value": "Duplicate of another story."} in doc["descriptions"]


def test_markdown_export_for_static_sites(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    export(sample_newsroom, "markdown", tmp_path)
    text = (tmp_path / "holding-the-line-near-pokrovsk.md").read_text()
    front, body = text.split("---\n")[1:3]
    assert 'title: "Holding the line near Pokrovsk: a night with a mortar crew"' in front
    assert 'authors: ["Petro Hnatiuk"]' in front and "status" not in front
    assert "people" not in front and "byline" not in front
    assert ("![Several small screens glowing green in a dark dugout.](images/dugout-screens.svg)"
            "\n*Drone feeds on screens inside the battery's command dugout. "
            "(Petro Hnatiuk/The Kyiv Desk)*\n\nBy dawn") in body
    assert "> **Editor's note:** In line with" in body
    corrected = (tmp_path / "kharkiv-metro-school-year.md").read_text()
    assert "## Corrections\n\n- 2025-09-02: An earlier version" in corrected


def test_newsroom_can_override_templates(sample_newsroom: Newsroom, tmp_path: Path) -> None:
    sample_newsroom.write("templates/export/article.html.j2",
                          '{% extends "base.html.j2" %}{% block main %}<h1 class="custom">'
                          "{{ a.story.headline }}</h1>{% endblock %}")
    export(sample_newsroom, "html", tmp_path)
    html = (tmp_path / "kharkiv-metro-school-year.html").read_text()
    assert '<h1 class="custom">Kharkiv opens a third underground school' in html
    assert "The Kyiv Desk" in html  # the base template still comes from newsdesk
    index = (tmp_path / "index.html").read_text()
    assert "News feed" in index  # templates not overridden stay the defaults


def test_every_format_carries_the_story_language_and_pairs_translations(
        sample_newsroom: Newsroom, tmp_path: Path) -> None:
    """The sample's Ukrainian translation says its language in every format; the Markdown
    of both versions shares one translationKey, as static-site generators pair them."""
    export(sample_newsroom, "ninjs", tmp_path / "ninjs")
    export(sample_newsroom, "jsonfeed", tmp_path / "feed")
    export(sample_newsroom, "markdown", tmp_path / "md")
    uk, en = "holding-the-line-near-pokrovsk-uk", "holding-the-line-near-pokrovsk"
    assert json.loads((tmp_path / "ninjs" / f"{uk}.json").read_text())["language"] == "uk"
    assert json.loads((tmp_path / "ninjs" / f"{en}.json").read_text())["language"] == "en"
    items = json.loads((tmp_path / "feed" / "feed.json").read_text())["items"]
    assert {i["id"].rsplit("/", 1)[1]: i["language"] for i in items}[uk] == "uk"
    markdown_uk = (tmp_path / "md" / f"{uk}.md").read_text()
    markdown_en = (tmp_path / "md" / f"{en}.md").read_text()
    assert 'lang: "uk"' in markdown_uk and 'lang: "en"' in markdown_en
    key = f'translationKey: "{en}"'
    assert key in markdown_uk and key in markdown_en

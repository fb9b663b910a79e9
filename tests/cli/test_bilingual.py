"""A bilingual newsroom through the installed CLI: a Ukrainian newsroom (newsdesk.yaml
`language: uk`) with an English translation, validated for real, warm cache included."""

from __future__ import annotations

from newsdesk.cli.validate_cmd import FEW_FILES
from tests.conftest import Newsroom

ORIGINAL = """---
id: night-shift
status: draft
headline: Нічна зміна
desk: news
byline: [taras-reporter]
created: 2025-03-01T06:00:00Z
updated: 2025-03-01T06:00:00Z
people:
  - name: Тимур
    callsign: Булат
    role: soldier
editor_note: Військових у цьому матеріалі названо лише на ім’я та за позивним.
---
Тимур, позивний «Булат», не спить уже другу добу.
"""

TRANSLATION = """---
id: night-shift-en
status: draft
language: en
translation_of: night-shift
headline: The night shift
desk: news
byline: [taras-reporter]
created: 2025-03-01T06:00:00Z
updated: 2025-03-01T06:00:00Z
people:
  - name: {name}
    callsign: Bulat
    role: soldier
editor_note: Soldiers in this story are identified by first names and callsigns only.
---
{name}, callsign "Bulat", has not slept for two days.
"""


def _findings(room: Newsroom, rule: str) -> list[dict[str, object]]:
    result = room.run("validate", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == rule]


def test_translation_agrees_with_its_original_and_a_warm_cache_never_hides_a_change(
        newsroom: Newsroom) -> None:
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text().replace("language: en", "language: uk"))
    newsroom.write("stories/2025/03/night-shift.md", ORIGINAL)
    newsroom.write("stories/2025/03/night-shift-en.md", TRANSLATION.format(name="Timur"))
    for number in range(FEW_FILES + 1):  # enough stories for validate to use its cache
        newsroom.write(f"stories/2025/02/filler-{number:03d}.md", ORIGINAL.replace(
            "id: night-shift", f"id: filler-{number:03d}"))
    newsroom.commit_all("a story and its translation")

    found = _findings(newsroom, "translation")
    assert [(f["path"], f["line"]) for f in found] == [("stories/2025/03/night-shift-en.md", 12)]
    assert "official transliteration of the Ukrainian is 'Tymur'" in str(found[0]["message"])

    newsroom.write("stories/2025/03/night-shift-en.md", TRANSLATION.format(name="Tymur"))
    assert _findings(newsroom, "translation") == []
    assert _findings(newsroom, "translation") == []  # warm: the same answer
    assert (newsroom.root / ".newsdesk" / "cache" / "validate.json").exists()

    # only the original changes: a second soldier the translation does not protect
    newsroom.write("stories/2025/03/night-shift.md", ORIGINAL.replace(
        "editor_note:", "  - name: Ярина\n    callsign: Сойка\n    role: soldier\neditor_note:"))
    found = _findings(newsroom, "translation")
    assert len(found) == 1 and "the soldier 'Ярина'" in str(found[0]["message"])


def test_the_newsroom_language_makes_the_rules_read_ukrainian(newsroom: Newsroom) -> None:
    config = newsroom.root / "newsdesk.yaml"
    newsroom.write("stories/2025/03/named.md", ORIGINAL.replace("id: night-shift", "id: named")
                   .replace("Тимур, позивний «Булат», не спить",
                            "Старший сержант Олександр Петренко не спить"))
    assert _findings(newsroom, "soldier-identification") == []  # read as English: no name
    config.write_text(config.read_text().replace("language: en", "language: uk"))
    found = _findings(newsroom, "soldier-identification")
    assert len(found) == 1
    assert str(found[0]["message"]).startswith("'Олександр Петренко' names a soldier")


def test_a_new_story_in_a_ukrainian_newsroom_is_written_for_ukrainian(
        newsroom: Newsroom) -> None:
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text().replace("language: en", "language: uk"))
    newsroom.commit_all("a Ukrainian newsroom")
    result = newsroom.run("new", "--headline", "Ціни на пальне зросли")
    assert result.returncode == 0, result.stderr
    rel = result.stdout.strip()
    assert rel.endswith("/tsiny-na-palne-zrosly.md")  # the official transliteration
    text = (newsroom.root / rel).read_text(encoding="utf-8")
    assert "Пишіть матеріал тут." in text and "language:" not in text  # the newsroom's
    assert newsroom.run("validate", rel).returncode == 0

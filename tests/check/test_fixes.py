"""Safe fixes: exact bytes before and after, case kept, exceptions and code left alone,
front matter comments kept, --diff, idempotence, and a property over generated stories."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.check.fixes import splice
from newsdesk.story.reader import parse
from tests.conftest import Newsroom
from tests.rules.helpers import engine

STORY = """---
# a comment the fix must keep
id: kyiv-story
status: draft
headline: 'Strikes on KIEV overnight'   # and this one
dek: "Kiev's residents sheltered."
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
images:
  - src: images/kiev-night.jpg
    caption: A street in Kiev at night.
    credit: Taras Reporter/The Desk
    alt: An empty street in Kiev.
---
Residents of Kiev and the Ukraine sheltered. KIEV'S mayor spoke; kiev was quiet.
Historians of Kievan Rus and the Kiev Governorate agree.
See `Kiev` in code, https://example.org/kiev and [the map](https://example.org/Kiev-map).

```
Kiev in a code block
```

<!-- newsdesk: disable-next-line house-style -- quoting a 2014 document -->
"Kiev is calm," the 2014 memo said.
"""

FIXED = STORY.replace("'Strikes on KIEV overnight'", "'Strikes on KYIV overnight'") \
    .replace('"Kiev\'s residents', '"Kyiv\'s residents') \
    .replace("A street in Kiev at night.", "A street in Kyiv at night.") \
    .replace("An empty street in Kiev.", "An empty street in Kyiv.") \
    .replace("Residents of Kiev and the Ukraine sheltered. KIEV'S mayor spoke; kiev was quiet.",
             "Residents of Kyiv and Ukraine sheltered. KYIV'S mayor spoke; kyiv was quiet.")


def story(newsroom: Newsroom, text: str | bytes, name: str = "kyiv-story") -> Path:
    return newsroom.write(f"stories/2025/03/{name}.md", text)


def test_fix_changes_exactly_the_fixed_spans(newsroom: Newsroom) -> None:
    path = story(newsroom, STORY)
    head = newsroom.head()
    result = newsroom.run("validate", "--fix", "--format", "json")
    assert path.read_text() == FIXED
    assert "fixed 8 findings in 1 file" in result.stderr and "not committed" in result.stderr
    remaining = result.json()
    assert remaining["findings"] == [] and remaining["suppressed"] == 1
    assert newsroom.head() == head  # --fix never commits
    again = newsroom.run("validate", "--fix")
    assert path.read_text() == FIXED and "fixed" not in again.stderr  # idempotent


def test_diff_prints_and_changes_nothing(newsroom: Newsroom) -> None:
    path = story(newsroom, STORY)
    result = newsroom.run("validate", "--diff")
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/stories/2025/03/kyiv-story.md\n"
                                    "+++ b/stories/2025/03/kyiv-story.md\n")
    assert "-headline: 'Strikes on KIEV overnight'   # and this one\n" in result.stdout
    assert "+headline: 'Strikes on KYIV overnight'   # and this one\n" in result.stdout
    assert path.read_text() == STORY
    path.write_text(FIXED)
    clean = newsroom.run("validate", "--diff")
    assert clean.returncode == 0 and clean.stdout == ""


def test_bom_crlf_and_untouched_lines_stay_byte_identical(newsroom: Newsroom) -> None:
    raw = ("\ufeff" + STORY).replace("\n", "\r\n").encode()
    path = story(newsroom, raw)
    assert newsroom.run("validate", "--fix").returncode == 0
    assert path.read_bytes() == ("\ufeff" + FIXED).replace("\n", "\r\n").encode()


def test_whitespace_fixes_keep_markdown_hard_breaks(newsroom: Newsroom) -> None:
    head = STORY.split("---\n")[1]
    path = story(newsroom, f"---\n{head}---\nTrailing   \nHard break  \nLast line")
    newsroom.run("validate", "--fix")
    assert path.read_text().endswith("---\nTrailing\nHard break  \nLast line\n")


def test_overlapping_fixes_apply_one_per_run() -> None:
    from newsdesk.check.findings import Finding

    raw = b"abcdef"
    first = Finding("x", 1, 1, "r", "warning", "m", fix=(1, 4, "X"))
    second = Finding("x", 1, 3, "r", "warning", "m", fix=(3, 5, "Y"))
    after, applied = splice(raw, [second, first])
    assert after == b"aXef" and applied == [first]


def test_fix_with_changed_since(newsroom: Newsroom) -> None:
    old = story(newsroom, STORY, "kyiv-story")
    newsroom.commit_all("old story")
    base = newsroom.head()
    new = story(newsroom, STORY.replace("kyiv-story", "new-kyiv-story"), "new-kyiv-story")
    newsroom.run("validate", "--fix", "--changed-since", base)
    assert old.read_text() == STORY
    assert new.read_text() == FIXED.replace("kyiv-story", "new-kyiv-story")


def test_soldier_rule_never_rewrites(newsroom: Newsroom) -> None:
    text = STORY.replace("Residents of Kiev", "Tymur Bondarenko saw that residents of Kiev") \
        .replace("images:", "people:\n  - name: Tymur\n    callsign: Bulat\n    role: soldier\n"
                 "editor_note: First names and callsigns only.\nimages:")
    path = story(newsroom, text)
    result = newsroom.run("validate", "--fix", "--format", "json")
    assert "Tymur Bondarenko" in path.read_text()
    [finding] = [f for f in result.json()["findings"] if f["rule"] == "soldier-identification"]
    assert finding["suggestion"] == 'use the first name and callsign: Tymur "Bulat"'
    assert "fix" not in finding


ENGINE = engine()
WORDS = st.sampled_from(["Kiev", "KIEV", "kiev's", "the Ukraine", "Kharkov", "Odessa",
                         "Kyiv", "`Kiev`", "https://x.org/Kiev", "Kievan", "word", "  ",
                         "\t", "\n", "\n\n", " ", ".", ",", "Tymur", "Bondarenko"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40).map(" ".join), st.sampled_from(["\n", "\r\n"]),
       st.booleans())
def test_fix_on_any_story_parses_and_changes_only_fixed_spans(body: str, newline: str,
                                                              bom: bool) -> None:
    head = STORY.split("---\n")[1]
    text = f"---\n{head}---\n{body}"
    raw = (("\ufeff" if bom else "") + text.replace("\n", newline)).encode()
    findings = ENGINE.check_bytes(raw, "stories/kyiv-story.md", "kyiv-story")
    fixes = [f for f in findings if f.fix is not None and not f.suppressed]
    after, applied = splice(raw, fixes)
    parse(after)  # must still parse
    rebuilt = bytearray()
    cursor = 0
    for finding in sorted(applied, key=lambda f: f.fix[0] if f.fix else 0):
        assert finding.fix is not None
        start, end, replacement = finding.fix
        rebuilt += raw[cursor:start] + replacement.replace("\n", newline).encode()
        cursor = end
    rebuilt += raw[cursor:]
    assert bytes(rebuilt) == after  # nothing outside the fixed spans changed
    again = ENGINE.check_bytes(after, "stories/kyiv-story.md", "kyiv-story")
    assert sum(1 for f in again if f.rule in ("parse", "schema")) == \
        sum(1 for f in findings if f.rule in ("parse", "schema"))


def test_a_fix_that_would_break_the_file_is_refused_and_nothing_changes(
        tmp_path: Path) -> None:
    """A newsroom's own term whose spelling YAML cannot hold in a plain scalar ("Kyiv: the
    capital" after a colon breaks the mapping): the fix is refused, the file left as it was."""
    from newsdesk.check.fixes import fix_files

    story = tmp_path / "stories" / "2025" / "03" / "broken-by-a-fix.md"
    story.parent.mkdir(parents=True)
    before = (STORY.split("---\n", 2)[1].replace("id: kyiv-story", "id: broken-by-a-fix")
              .replace("headline: 'Strikes on KIEV overnight'", "headline: Snow near Kyivv"))
    raw = f"---\n{before}---\nBody.\n".encode()
    story.write_bytes(raw)
    checker = engine({"house-style": {
        "extra_terms": [{"use": "Kyiv: the capital", "instead_of": ["Kyivv"]}]}})
    [result] = fix_files(checker, [(story, "stories/2025/03/broken-by-a-fix.md")], write=True)
    assert result.refused == "applying the fixes would break the file; it was left unchanged"
    assert story.read_bytes() == raw

"""Properties over any input (hypothesis): a story newsdesk writes reads back as the same
story; any bytes at all end as findings or a story, never as an exception; and the atheris
harness in fuzz/ runs clean for a bounded time."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.models.story import Story
from newsdesk.story.reader import parse, read_model
from newsdesk.story.writer import render_new, update_front_matter
from tests.rules.helpers import engine

ROOT = Path(__file__).resolve().parent.parent
# Text a writer could put in a field: any printable character, no control characters.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"),
               min_size=1, max_size=60).filter(lambda s: s.strip() != "")
SLUG = st.from_regex(r"[a-z0-9]{3,10}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
WHEN = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2090, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=dt.UTC))
IMAGE = st.fixed_dictionaries({"src": SLUG.map(lambda s: f"images/{s}.jpg"), "caption": TEXT,
                               "credit": TEXT, "alt": TEXT})
PERSON = st.fixed_dictionaries({"name": TEXT, "role": st.sampled_from(
    ["soldier", "official", "civilian", "source", "other"])},
    optional={"callsign": TEXT})


@st.composite
def stories(draw: st.DrawFn) -> dict[str, Any]:
    created = draw(WHEN)
    return {
        "id": draw(SLUG), "status": draw(st.sampled_from(["draft", "review", "published"])),
        "headline": draw(TEXT), "dek": draw(st.none() | TEXT), "desk": draw(SLUG),
        "byline": draw(st.lists(SLUG, min_size=1, max_size=3)), "created": created,
        "updated": created, "published_at": draw(st.none() | WHEN), "embargo_until": None,
        "tags": draw(st.lists(TEXT, max_size=3)), "images": draw(st.lists(IMAGE, max_size=2)),
        "people": draw(st.lists(PERSON, max_size=2)), "editor_note": draw(st.none() | TEXT),
        "anonymous_sources": [], "related": draw(st.lists(SLUG, max_size=2)),
        "corrections": draw(st.lists(st.fixed_dictionaries({"date": WHEN, "text": TEXT}),
                                     max_size=2)),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories(), TEXT)
def test_what_newsdesk_writes_reads_back_unchanged(fields: dict[str, Any], body: str) -> None:
    text = render_new(fields, "\n" + body + "\n")
    parsed = read_model(parse(text.encode("utf-8")), fields["id"])
    assert parsed.problems == []
    assert parsed.model == Story.model_validate(fields)
    assert parsed.source.body == "\n" + body + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories(), st.sampled_from(["draft", "review", "published", "killed"]))
def test_a_round_trip_edit_changes_only_the_edited_field(fields: dict[str, Any],
                                                         status: str) -> None:
    text = render_new(fields, "\nBody.\n")
    source = parse(text.encode("utf-8")).source
    edited = update_front_matter(source, lambda data: data.__setitem__("status", status))
    after = read_model(parse(edited.encode("utf-8")), fields["id"]).model
    assert after == Story.model_validate({**fields, "status": status})
    changed = [(a, b) for a, b in zip(text.splitlines(), edited.splitlines(), strict=True)
               if a != b]
    assert changed == ([] if status == fields["status"] else
                       [(f"status: {fields['status']}", f"status: {status}")])


ENGINE = engine()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_end_as_findings_never_an_exception(data: bytes) -> None:
    for finding in ENGINE.check_bytes(data, "stories/x.md", "x"):
        assert finding.line >= 1 and finding.column >= 1 and finding.message


FRAGMENTS = st.sampled_from([
    "---\n", "id: x\n", "status: draft\n", "headline: ", "&a ", "*a", "!!str ", "[", "]",
    "{", "}", "- ", "  ", "\t", ": ", "'", '"', "\n", "Tymur ", "Bondarenko ", "Sgt. ",
    "<!-- newsdesk: disable-line house-style -- r -->", "![a](b.jpg)", "Kiev", "\ufeff",
    "\r\n", "\u200b", "people:\n  - name: Tymur\n    role: soldier\n", "images:\n  - src: a\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_story_shaped_garbage_ends_as_findings(text: str) -> None:
    for finding in ENGINE.check_bytes(text.encode("utf-8"), "stories/x.md", "x"):
        assert finding.line >= 1 and finding.column >= 1


UKRAINIAN_FRAGMENTS = st.sampled_from([
    "Старший сержант ", "Олександр ", "Олександрові ", "Петренко", "Петренка ", "«", "»",
    "Бас", ", позивний — ", "з 93-ї ОМБр ", "мати бійця ", "Він служить. ", "джерело в ",
    "на Україні ", "Киева ", "м'ясо ", "п’ять ", "ы", "Пeтренко ", "**", "&nbsp;", "\u0306",
    "\u200b", ". ", "\n\n", "\n", " ", "генерал-майор ", "речниця ", "«Ми тут», — каже ",
])
UKRAINIAN_HEAD = ("---\nid: x\nstatus: draft\nlanguage: uk\nheadline: Заголовок\ndesk: news\n"
                  "byline: [petro-hnatiuk]\ncreated: 2025-03-01T06:00:00Z\n"
                  "updated: 2025-03-01T06:00:00Z\npeople:\n  - name: Тимур\n"
                  "    callsign: Булат\n    role: soldier\n---\n")


@settings(max_examples=300)
@given(st.lists(UKRAINIAN_FRAGMENTS, max_size=60).map("".join))
def test_ukrainian_copy_of_any_shape_ends_as_findings(body: str) -> None:
    """Whatever Ukrainian-looking text a story holds, the rules that read it report findings
    that point inside the file, never raise."""
    text = UKRAINIAN_HEAD + body + "\n"
    lines = text.split("\n")
    for finding in ENGINE.check_bytes(text.encode("utf-8"), "stories/x.md", "x"):
        assert 1 <= finding.line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding
        assert finding.rule != "parse", finding.message


@pytest.mark.skipif(sys.platform != "linux", reason="atheris runs on Linux here")
def test_atheris_harness_runs_clean_for_a_bounded_time(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    seconds = "45" if os.environ.get("CI") else "10"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_story.py"), f"-max_total_time={seconds}",
         "-rss_limit_mb=2048", str(tmp_path),
         *(str(p) for p in sorted((ROOT / "tests" / "fixtures" / "rules").iterdir())
           if p.is_dir())],
        capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "Done" in completed.stderr

"""The exported page in a real browser: headless Chromium (Debian's package, which `.ci/run`
installs) loads it, a screenshot is taken, and the DOM shows the headline, the lead image's
credit and the editor's note as visible to a reader."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Newsroom

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (.ci/run installs it; CI never skips this test)")


def test_exported_page_shows_headline_credit_and_editors_note(sample_newsroom: Newsroom,
                                                              tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "CI must have Chromium: .ci/run installs Debian's package"
    out = tmp_path / "site"
    result = sample_newsroom.run("export", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page_url = (out / "holding-the-line-near-pokrovsk.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.goto(page_url)
            headline = page.locator("h1.headline")
            assert headline.is_visible()
            assert headline.inner_text() == ("Holding the line near Pokrovsk: "
                                             "a night with a mortar crew")
            credit = page.locator("figure.lead-image .credit")
            assert credit.is_visible() and credit.inner_text() == "(Petro Hnatiuk/The Kyiv Desk)"
            note = page.locator("aside.editor-note")
            assert note.is_visible() and "first name and callsign only" in note.inner_text()
            assert page.locator("figure.lead-image img").evaluate("i => i.naturalWidth") > 0
            assert page.title().endswith("| The Kyiv Desk")
            shot = tmp_path / "page.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            page.goto((out / "index.html").as_uri())
            assert page.locator("ul.feed li").count() == 4
        finally:
            browser.close()


def test_ukrainian_page_speaks_ukrainian_and_links_its_translation(sample_newsroom: Newsroom,
                                                                    tmp_path: Path) -> None:
    """The sample's Ukrainian translation, as a reader's browser sees it: the page's language,
    the date written the Ukrainian way, the editor's note under its Ukrainian label, and the
    two versions linked to each other with hreflang."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "CI must have Chromium: .ci/run installs Debian's package"
    out = tmp_path / "site"
    result = sample_newsroom.run("export", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.goto((out / "holding-the-line-near-pokrovsk-uk.html").as_uri())
            assert page.evaluate("document.documentElement.lang") == "uk"
            published = page.locator("time.published")
            assert published.is_visible()
            # as CLDR writes it: a narrow no-break space keeps "р." (рік, the year) with it
            assert published.inner_text() == "2 березня 2025\u202fр. 09:30 UTC"
            assert published.get_attribute("datetime") == "2025-03-02T09:30:00Z"
            note = page.locator("aside.editor-note")
            assert note.is_visible() and note.inner_text().startswith("Примітка редакції:")
            english = page.locator('link[rel="alternate"][hreflang="en"]')
            assert english.get_attribute("href") == \
                "https://news.example/holding-the-line-near-pokrovsk.html"
            assert page.locator('.translations a[hreflang="en"]').is_visible()
            page.screenshot(path=str(tmp_path / "uk.png"), full_page=True)
            assert (tmp_path / "uk.png").stat().st_size > 10_000
            page.goto((out / "holding-the-line-near-pokrovsk.html").as_uri())
            assert page.evaluate("document.documentElement.lang") == "en"
            assert page.locator("time.published").inner_text() == "March 2, 2025 09:00 UTC"
            ukrainian = page.locator('link[rel="alternate"][hreflang="uk"]')
            assert ukrainian.get_attribute("href") == \
                "https://news.example/holding-the-line-near-pokrovsk-uk.html"
        finally:
            browser.close()

"""`newsdesk report`: the dashboard's content, and the page in headless Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsdesk.export.dashboard import bar_chart, weekly
from tests.conftest import EDITOR, REPORTER, Newsroom, make_publishable
from tests.export.test_browser import ARGS, CHROMIUM


def busy_newsroom(room: Newsroom) -> Path:
    room.act_as(REPORTER)
    rel = room.run("new", "--headline", "Waiting for review").stdout.strip()
    make_publishable(room, rel)
    assert room.run("submit", "waiting-for-review").returncode == 0
    old = room.run("new", "--headline", "Forgotten draft").stdout.strip()
    path = room.root / old
    path.write_text(path.read_text().replace(path.read_text().split("updated: ")[1][:20],
                                             "2020-01-01T00:00:00Z"))
    room.write("stories/2025/03/kiev-story.md", """---
id: kiev-story
status: published
headline: Night in Kiev
dek: A dek.
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
published_at: 2025-03-04T11:00:00Z
images:
  - src: images/x.jpg
    caption: A caption.
    credit: A Credit/Agency
    alt: Alt text.
---
Body.
""")
    room.commit_all("setup")
    room.act_as(EDITOR)
    out = room.root.parent / "report"
    result = room.run("report", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / "index.html"


def test_report_content(newsroom: Newsroom) -> None:
    html = busy_newsroom(newsroom).read_text()
    assert '<div class="tile status-review"><span class="n">1</span>review</div>' in html
    assert '<div class="tile status-published"><span class="n">1</span>published</div>' in html
    assert re.search(r"<td>News</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                     r"<td class=\"n\">1</td>", html)
    queue = html.split('class="queue"')[1].split("</table>")[0]
    assert "Waiting for review" in queue and "taras-reporter" in queue
    stale = html.split('class="stale"')[1].split("</table>")[0]
    assert "Forgotten draft" in stale and "Waiting for review" not in stale
    findings = html.split('class="findings"')[1].split("</table>")[0]
    assert ('<tr><td><code>house-style</code></td><td class="warning">warning</td>'
            '<td class="n">1</td></tr>') in findings
    assert "<svg class=\"chart\"" in html and "week of Mar 03: 1" in html


def test_weekly_counts_and_chart() -> None:
    when = [dt.datetime(2025, 3, 4, tzinfo=dt.UTC), dt.datetime(2025, 3, 5, tzinfo=dt.UTC),
            dt.datetime(2025, 2, 20, tzinfo=dt.UTC)]
    weeks = weekly(when, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert len(weeks) == 12 and weeks[-1] == (dt.date(2025, 3, 3), 2)
    assert weeks[-3] == (dt.date(2025, 2, 17), 1)
    svg = bar_chart(weeks)
    assert svg.count('<rect class="bar"') == 12
    assert "<title>Week of 2025-03-03: 2</title>" in svg


@pytest.mark.skipif(CHROMIUM is None and not __import__("os").environ.get("CI"),
                    reason="Chromium is not installed (.ci/run installs it)")
def test_report_in_a_browser(newsroom: Newsroom, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None
    page_path = busy_newsroom(newsroom)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            page.goto(page_path.as_uri())
            assert page.locator("h1").inner_text() == "Newsroom report"
            chart = page.locator("svg.chart")
            assert chart.is_visible() and chart.bounding_box()["height"] > 100  # type: ignore[index]
            assert page.locator("svg.chart rect.bar").count() == 12
            assert page.locator("table.queue tbody tr").count() == 1
            assert page.locator("table.stale").is_visible()
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            assert (tmp_path / "report.png").stat().st_size > 10_000
        finally:
            browser.close()

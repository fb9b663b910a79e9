"""`newsdesk report`: the newsroom at a glance, as one HTML page an editor would rather look
at than read: stories per status and desk, the review queue with its ages, stale drafts,
publications per week (an SVG bar chart drawn here: a dozen rectangles need no charting
library), and the open findings per rule."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from newsdesk.atomic import write_text_atomic
from newsdesk.models.enums import Status
from newsdesk.newsroom import Newsroom
from newsdesk.timefmt import age

STATUSES = tuple(status.value for status in Status)
WEEKS = 12


@dataclass
class Dashboard:
    newsroom: str
    generated: dt.datetime
    desks: list[tuple[str, str]]  # (id, name)
    counts: dict[str, Counter[str]]  # desk -> status -> n
    queue: list[Any]
    stale: list[tuple[str, str, str, int]]  # (id, headline, byline, days untouched)
    weeks: list[tuple[dt.date, int]]
    findings: list[tuple[str, str, int]]  # (rule, severity, n)
    unreadable: list[str] = field(default_factory=list)

    @property
    def total(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for counter in self.counts.values():
            total.update(counter)
        return total


def collect(newsroom: Newsroom, now: dt.datetime | None = None) -> Dashboard:
    from newsdesk.check import runner
    from newsdesk.check.validation import build_engine
    from newsdesk.story.store import readable
    from newsdesk.workflow.review import review_queue

    now = now or dt.datetime.now(dt.UTC)
    config = newsroom.config
    counts: dict[str, Counter[str]] = {d.id: Counter() for d in config.desks}
    stale_after = dt.timedelta(days=config.workflow.stale_draft_days)
    stale = []
    published: list[dt.datetime] = []
    unreadable: list[str] = []
    stories = list(readable(newsroom, unreadable))  # each story read once, for all below
    for item in stories:
        story = item.story
        counts.setdefault(story.desk, Counter())[story.status.value] += 1
        if story.status == Status.DRAFT and now - story.updated > stale_after:
            stale.append((story.id, story.headline, ", ".join(story.byline),
                          (now - story.updated).days))
        if story.status == Status.PUBLISHED and story.published_at is not None:
            published.append(story.published_at)
    stale.sort(key=lambda s: -s[3])
    from newsdesk.check.cache import ValidationCache, context_key

    story_ids = frozenset(newsroom.story_ids())
    cache = ValidationCache(
        newsroom.root, context_key(newsroom.root, story_ids, newsroom.duplicate_ids()))
    report = runner.check(lambda: build_engine(newsroom, story_ids), newsroom.story_files(),
                          None, cache)
    by_rule = Counter((f.rule, f.severity) for f in report.findings)
    findings = sorted(((rule, severity, n) for (rule, severity), n in by_rule.items()),
                      key=lambda r: (-r[2], r[0]))
    return Dashboard(config.newsroom, now, [(d.id, d.name) for d in config.desks], counts,
                     review_queue(newsroom, stories), stale, weekly(published, now), findings,
                     unreadable)


def weekly(published: list[dt.datetime], now: dt.datetime) -> list[tuple[dt.date, int]]:
    """Publications per ISO week, for the WEEKS weeks up to the latest publication (or now)."""
    def monday(moment: dt.datetime) -> dt.date:
        day = moment.astimezone(dt.UTC).date()
        return day - dt.timedelta(days=day.weekday())

    last = monday(max(published)) if published else monday(now)
    starts = [last - dt.timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    per_week = Counter(monday(p) for p in published)
    return [(start, per_week.get(start, 0)) for start in starts]


def bar_chart(weeks: list[tuple[dt.date, int]], width: int = 640, height: int = 220) -> str:
    """An accessible SVG bar chart: a title, a description, and a label on every bar."""
    top = max((n for _, n in weeks), default=0) or 1
    left, bottom, gap = 36, 34, 8
    bar = (width - left - gap * len(weeks)) / max(len(weeks), 1)
    plot = height - bottom - 16
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg">',
             '<title id="chart-title">Stories published per week</title>',
             '<desc id="chart-desc">' + escape("; ".join(
                 f"week of {start:%b %d}: {n}" for start, n in weeks)) + "</desc>",
             f'<line x1="{left}" y1="{16 + plot}" x2="{width}" y2="{16 + plot}" '
             'stroke="#999"/>']
    for index, (start, n) in enumerate(weeks):
        x = left + index * (bar + gap)
        h = plot * n / top
        y = 16 + plot - h
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                     f'height="{h:.1f}" fill="#0b5cad"><title>Week of {start:%Y-%m-%d}: {n}'
                     f'</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" font-size="12" '
                     f'text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 14}" font-size="11" '
                     f'text-anchor="middle" fill="#555">{start:%d %b}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def write(dashboard: Dashboard, out: Path, newsroom_root: Path | None) -> Path:
    from newsdesk.export.html import environment

    env = environment(newsroom_root)
    html = env.get_template("report.html.j2").render(
        d=dashboard, statuses=STATUSES, chart=bar_chart(dashboard.weeks),
        newsroom=dashboard.newsroom, language="en", year=dashboard.generated.year,
        age=age)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "index.html"
    write_text_atomic(path, html)
    return path



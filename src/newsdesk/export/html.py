"""Standalone, accessible article pages and a news-feed index, from Jinja2 templates with
autoescaping. A newsroom overrides any template by putting a file of the same name in
`templates/export/`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.atomic import write_text_atomic
from newsdesk.export.article import Article, iso

if TYPE_CHECKING:
    import jinja2

OVERRIDES = Path("templates") / "export"


def environment(newsroom_root: Path | None) -> jinja2.Environment:
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if newsroom_root is not None and (newsroom_root / OVERRIDES).is_dir():
        loaders.append(jinja2.FileSystemLoader(newsroom_root / OVERRIDES))
    loaders.append(jinja2.PackageLoader("newsdesk.export", "templates"))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.globals["iso"] = iso
    return env


def _common(article_list: list[Article]) -> dict[str, Any]:
    first = article_list[0] if article_list else None
    return {"newsroom": first.newsroom if first else "", "language": first.language if first
            else "en", "year": dt.datetime.now(dt.UTC).year}


def render_article(env: jinja2.Environment, article: Article) -> str:
    return env.get_template("article.html.j2").render(a=article, **_common([article]))


def write(articles: list[Article], out: Path, newsroom_root: Path | None,
          index: bool = True) -> list[Path]:
    env = environment(newsroom_root)
    written = []
    for article in articles:
        path = out / f"{article.id}.html"
        write_text_atomic(path, render_article(env, article))
        written.append(path)
    if index:
        ordered = sorted(articles, key=lambda a: a.published, reverse=True)
        path = out / "index.html"
        common = _common(ordered)
        write_text_atomic(path, env.get_template("index.html.j2").render(articles=ordered,
                                                                          **common))
        written.append(path)
    return written

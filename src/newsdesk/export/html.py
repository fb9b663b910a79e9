"""Standalone, accessible article pages and a news-feed index, from Jinja2 templates with
autoescaping. A newsroom overrides any template by putting a file of the same name in
`templates/export/`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.atomic import write_text_atomic
from newsdesk.export import ExportContext
from newsdesk.export.article import Article, iso

if TYPE_CHECKING:
    import jinja2

OVERRIDES = Path("templates") / "export"


def environment(newsroom_root: Path | None) -> jinja2.Environment:
    """Jinja2's sandbox: a newsroom's template can lay out a page, never run code on the
    machine that exports (no attribute tricks to reach Python internals), and a template
    that is a symbolic link is refused rather than followed."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders: list[jinja2.BaseLoader] = []
    folder = newsroom_root / OVERRIDES if newsroom_root is not None else None
    if folder is not None and folder.is_dir() and not folder.is_symlink():
        loaders.append(_NoLinksLoader(folder))
    loaders.append(jinja2.PackageLoader("newsdesk.export", "templates"))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)
    env.globals["iso"] = iso
    return env


def _no_links_loader() -> type:
    import jinja2

    class NoLinksLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: jinja2.Environment,
                       template: str) -> tuple[str, str, Callable[[], bool]]:
            for base in self.searchpath:
                candidate = Path(base) / template
                if candidate.is_symlink() or any(p.is_symlink() for p in candidate.parents
                                                 if Path(base) in (p, *p.parents)):
                    from newsdesk.errors import FileProblem

                    raise FileProblem(f"{OVERRIDES.as_posix()}/{template}",
                                      "is a symbolic link; export templates must be files of "
                                      "the newsroom")
            return super().get_source(environment, template)

    return NoLinksLoader


def _NoLinksLoader(folder: Path) -> jinja2.BaseLoader:  # noqa: N802 - a class factory
    loader: jinja2.BaseLoader = _no_links_loader()(folder, followlinks=False)
    return loader


def _for_index(article: Article) -> Article:
    """What the index page shows of an article (headline, dek, byline, date, reading time),
    without its text: the index of a 100,000-story archive holds 100,000 of these."""
    light = dataclasses.replace(article, body="", related=[])
    light.__dict__["words"] = article.words  # the reading time, counted on the full text
    return light


def _common(article_list: list[Article]) -> dict[str, Any]:
    first = article_list[0] if article_list else None
    return {"newsroom": first.newsroom if first else "", "language": first.language if first
            else "en", "year": dt.datetime.now(dt.UTC).year}


def render_article(env: jinja2.Environment, article: Article) -> str:
    return _render(env, "article.html.j2", a=article, **_common([article]))


def _render(env: jinja2.Environment, name: str, **values: Any) -> str:
    from jinja2.exceptions import SecurityError

    from newsdesk.errors import FileProblem

    try:
        return env.get_template(name).render(**values)
    except SecurityError as error:
        raise FileProblem(f"{OVERRIDES.as_posix()}/{name}",
                          f"the template tried something export templates may not do "
                          f"({error}); templates lay out pages, they do not run code") from None


def write(articles: Iterable[Article], out: Path, context: ExportContext) -> list[Path]:
    env = environment(context.newsroom_root)
    index = context.index
    written = []
    listed: list[Article] = []
    for article in articles:
        path = out / f"{article.id}.html"
        write_text_atomic(path, render_article(env, article))
        written.append(path)
        if index:
            listed.append(_for_index(article))
    if index:
        ordered = sorted(listed, key=lambda a: a.published, reverse=True)
        path = out / "index.html"
        common = {**_common(ordered), "language": context.language}  # the newsroom's page
        write_text_atomic(path, _render(env, "index.html.j2", articles=ordered, **common))
        written.append(path)
    return written

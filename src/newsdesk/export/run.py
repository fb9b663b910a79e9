"""Choosing what to export, and exporting it.

Only published stories whose embargo has passed go out, unless `include_unpublished` asks for
a preview set; a story with an error-severity finding never does. Related-story teasers only
ever name stories that are themselves public, so a draft's headline cannot leak through one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsdesk.atomic import write_bytes_atomic
from newsdesk.errors import UsageError
from newsdesk.export import ExportContext, ExportFormat
from newsdesk.export.article import Article, Public, build, translations_by_original
from newsdesk.models.enums import Severity, Status
from newsdesk.newsroom import Newsroom

if TYPE_CHECKING:
    from newsdesk.check.findings import Finding
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

FORMATS = tuple(f.value for f in ExportFormat)


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (id, why)
    blocked: list[tuple[str, list[Finding]]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # one-line problems


class _Dated(Protocol):
    """What deciding whether a story may go out reads of it."""

    @property
    def status(self) -> Status: ...

    @property
    def embargo_until(self) -> dt.datetime | None: ...


@dataclass(frozen=True)
class _Choice:
    status: Status
    embargo_until: dt.datetime | None


def is_public(story: _Dated, now: dt.datetime) -> bool:
    return story.status == Status.PUBLISHED and (
        story.embargo_until is None or story.embargo_until <= now)


def _why_not(story: _Dated, now: dt.datetime) -> str:
    if story.status != Status.PUBLISHED:
        return f"it is {story.status.value}"
    return f"it is embargoed until {story.embargo_until:%Y-%m-%d %H:%M %Z}"


def _load_named(newsroom: Newsroom, ids: list[str], problems: list[str]
                ) -> dict[str, tuple[Path, ParsedStory, Story]]:
    """Only the stories asked for, and the stories they link to (for the related teasers):
    `export ID` on an archive of 100,000 stories reads a handful of files, not all."""
    from newsdesk.errors import NewsdeskError
    from newsdesk.story.store import load_path

    loaded: dict[str, tuple[Path, ParsedStory, Story]] = {}
    for story_id in ids:
        path = newsroom.story_path(story_id)  # an unknown id is refused here
        try:
            loaded[story_id] = load_path(newsroom, path)
        except NewsdeskError as error:
            problems.append(error.message)
    for _, _, story in list(loaded.values()):
        linked = [*story.related, *([story.translation_of] if story.translation_of else [])]
        for related in linked:
            if related in loaded:
                continue
            try:
                loaded[related] = load_path(newsroom, newsroom.story_path(related))
            except NewsdeskError:
                continue  # a missing or broken related story is validate's finding
    return loaded


def articles_for(newsroom: Newsroom, chosen: Iterable[tuple[Path, ParsedStory, Story]],
                 public: dict[str, Public]) -> Iterator[Article]:
    """Articles made one at a time as the format writes them: an archive of 100,000 stories
    is exported without holding it in memory. `public`: id -> (headline, dek) of the stories
    a teaser may name."""
    config = newsroom.config
    roster = newsroom.roster if (newsroom.root / "staff.yaml").exists() else None
    # a story without `language` is in the newsroom's
    public = {key: seen._replace(language=seen.language or config.language)
              for key, seen in public.items()}
    translations = translations_by_original(public)
    for _, parsed, story in chosen:
        yield build(story, parsed.source.body, roster, config.newsroom, config.url,
                    story.language or config.language, public, translations)


def _public(stories: Iterable[Story], now: dt.datetime) -> dict[str, Public]:
    return {s.id: _seen(s) for s in stories if is_public(s, now)}


def _seen(story: Story) -> Public:
    return Public(story.headline, story.dek, story.language, story.translation_of)


def export(newsroom: Newsroom, ids: list[str], fmt: str, out: Path,
           include_unpublished: bool = False, now: dt.datetime | None = None) -> ExportResult:
    from newsdesk.story.ids import check_id

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    check_output_folder(newsroom, out)
    for story_id in ids:
        check_id(story_id)
    now = now or dt.datetime.now(dt.UTC)
    result = ExportResult()
    if ids:
        everything = _load_named(newsroom, ids, result.unreadable)
        public = _public((s for _, _, s in everything.values()), now)
        candidates: list[tuple[Path, str, _Dated]] = [
            (path, story.id, story) for path, _, story in
            (everything[i] for i in ids if i in everything)]
    else:
        # A first pass keeps only what choosing needs; each chosen story is read again
        # when its turn to be written comes.
        public, candidates = {}, []
        from newsdesk.story.store import readable

        for item in readable(newsroom, result.unreadable):
            if is_public(item.story, now):
                public[item.story.id] = _seen(item.story)
            candidates.append((item.path, item.story.id,
                               _Choice(item.story.status, item.story.embargo_until)))
    exportable = []
    for path, story_id, story in candidates:
        if not include_unpublished and not is_public(story, now):
            result.skipped.append((story_id, _why_not(story, now)))
            continue
        exportable.append((path, story_id))
    errors = _errors(newsroom, [(p, newsroom.relative(p)) for p, _ in exportable])
    chosen = []
    for path, story_id in exportable:
        findings = errors.get(newsroom.relative(path), [])
        if findings:
            result.blocked.append((story_id, findings))
            continue
        chosen.append(path)
    loaded = (everything[p.stem] for p in chosen) if ids else _reload(newsroom, chosen,
                                                                        result.unreadable)
    out.mkdir(parents=True, exist_ok=True)
    result.written = write_format(newsroom, articles_for(newsroom, loaded, public), fmt, out)
    return result


def _reload(newsroom: Newsroom, paths: list[Path], problems: list[str]
            ) -> Iterator[tuple[Path, ParsedStory, Story]]:
    from newsdesk.errors import NewsdeskError
    from newsdesk.story.store import load_path

    for path in paths:
        try:
            yield load_path(newsroom, path)
        except NewsdeskError as error:  # changed since the first pass
            problems.append(error.message)


def _errors(newsroom: Newsroom, files: list[tuple[Path, str]]) -> dict[str, list[Finding]]:
    """Error findings per story, through the validation cache: an archive export re-checks
    only what changed since the last validation."""
    from newsdesk.check import runner
    from newsdesk.check.cache import ValidationCache, context_key
    from newsdesk.check.validation import build_engine

    story_ids = frozenset(newsroom.story_ids())
    cache = ValidationCache(
        newsroom.root, context_key(newsroom.root, story_ids, newsroom.duplicate_ids()))
    report = runner.check(lambda: build_engine(newsroom, story_ids), files, None, cache)
    out: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.severity == Severity.ERROR:
            out.setdefault(finding.path, []).append(finding)
    return out


def write_format(newsroom: Newsroom, articles: Iterable[Article], fmt: str, out: Path,
                 index: bool = True) -> list[Path]:
    """Write the articles in one format: the format's module from the registry, one
    signature for all; formats that show photos get the image files beside them."""
    from importlib import import_module

    config = newsroom.config
    output = ExportFormat(fmt)
    if output in (ExportFormat.HTML, ExportFormat.MARKDOWN):
        articles = _with_images(newsroom, articles, out)
    module = import_module(f"newsdesk.export.{output.value}")
    context = ExportContext(newsroom.root, config.newsroom, config.url, config.language, index)
    written: list[Path] = module.write(articles, out, context)
    return written


# Folders of the newsroom an export may never write into (it would overwrite stories,
# settings, templates or git's own files).
_PROTECTED = ("stories", "templates", "schemas", "images", ".git", ".newsdesk", ".github",
              ".gitlab")


def check_output_folder(newsroom: Newsroom, out: Path) -> None:
    root = newsroom.root.resolve()
    target = out.resolve()
    if target == root:
        raise UsageError(f"--out {out}: that is the newsroom itself; export into a folder of "
                         "its own (for example --out public)")
    for name in _PROTECTED:
        folder = root / name
        if target == folder or folder in target.parents:
            raise UsageError(f"--out {out}: inside {name}/, which export must never write into;"
                             " choose a folder of its own (for example --out public)")


def _with_images(newsroom: Newsroom, articles: Iterable[Article], out: Path
                 ) -> Iterator[Article]:
    """The articles, each with its images copied beside it as it passes."""
    for article in articles:
        copy_images(newsroom, [article], out)
        yield article


def copy_images(newsroom: Newsroom, articles: Iterable[Article], out: Path) -> None:
    """Copy the local image files the stories use: only what the image-source rule allows
    (image files in the image folders), never a symbolic link, never anything else."""
    from newsdesk.rules.image_source import Options, problem

    settings = newsroom.config.rules.get("image-source")
    folders = Options.model_validate(settings.options if settings else {}).folders
    root = newsroom.root.resolve()
    for article in articles:
        for image in article.story.images:
            if "://" in image.src or problem(image.src, folders) is not None:
                continue
            unresolved = root / image.src
            if any(p.is_symlink() for p in (unresolved, *unresolved.parents)
                   if root in p.parents):
                continue
            source = unresolved.resolve()
            try:
                relative = source.relative_to(root)
            except ValueError:
                continue
            if not source.is_file():
                continue
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target, source.read_bytes())


def preview(newsroom: Newsroom, story_id: str, folder: Path) -> Path:
    """One story, any status, rendered to HTML in `folder` (with the stories it links to,
    for its teasers; never the whole archive)."""
    from newsdesk.story.store import load

    everything = _load_named(newsroom, [story_id], [])
    chosen = [load(newsroom, story_id)]
    public = _public((s for _, _, s in everything.values()), dt.datetime.now(dt.UTC))
    written = write_format(newsroom, articles_for(newsroom, chosen, public), "html", folder,
                           index=False)
    return written[0]

"""`newsdesk validate`: findings for CI and for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.cli.output import echo, use_colour
from newsdesk.newsroom import Newsroom

if TYPE_CHECKING:
    from newsdesk.check.engine import Engine
    from newsdesk.check.findings import Report


@dataclass(frozen=True)
class ValidateOptions:
    """`newsdesk validate`'s options, as one record."""

    paths: list[Path] = field(default_factory=list)
    output: str = "text"
    changed_since: str | None = None
    strict: bool = False
    show_suppressed: bool = False
    jobs: int | None = None
    use_cache: bool = True
    fix: bool = False
    diff: bool = False
    shard: str | None = None


GIT_INDEX_MIN_FILES = 200
FEW_FILES = 50


def run(options: ValidateOptions) -> int:
    from newsdesk.check import runner
    from newsdesk.check.cache import ValidationCache, context_key
    from newsdesk.check.validation import build_engine, changed_story_files, select_files

    newsroom = Newsroom.find()
    if options.changed_since is not None:
        files = changed_story_files(newsroom, options.changed_since, options.paths)
    else:
        files = list(select_files(newsroom, options.paths))
    if options.shard is not None:
        from newsdesk.check.validation import in_shard, parse_shard

        part, parts = parse_shard(options.shard)
        files = [(path, rel) for path, rel in files if in_shard(rel, part, parts)]
    # A few files (one story, a commit's changes) are checked afresh: listing and hashing
    # the ids of a whole archive for the cache's key would cost more than checking them.
    story_ids = None if len(files) <= FEW_FILES else frozenset(newsroom.story_ids())
    if options.fix and options.diff:
        from newsdesk.errors import UsageError

        raise UsageError("choose one of --fix and --diff")
    done = _fix(newsroom, build_engine(newsroom, story_ids), files, write=options.fix) \
        if options.fix or options.diff else None
    if done is not None:
        return done
    cache = None
    if options.use_cache and story_ids is not None:
        cache = ValidationCache(
            newsroom.root, context_key(newsroom.root, story_ids, newsroom.duplicate_ids()))
    from newsdesk.cli.output import progress

    # git's index spares reading thousands of unchanged files; for a few files, reading them
    # costs less than starting git (and importing GitPython)
    known = _unchanged(newsroom) if cache is not None and cache.entries \
        and len(files) >= GIT_INDEX_MIN_FILES else None
    with progress(len(files), "Validating") as advance:
        report = runner.check(lambda: build_engine(newsroom, story_ids), files, options.jobs,
                              cache, advance, known)
    echo(render(newsroom, report, options.output, options.show_suppressed, options.strict,
                [rel for _, rel in files]))
    return 1 if report.failed(options.strict) else 0


def _unchanged(newsroom: Newsroom) -> dict[str, str]:
    """Story files git says are unchanged, with their blob ids (the cache's keys): a warm run
    on 100,000 stories then reads none of them. Outside git, every file is read."""
    from newsdesk.errors import NewsdeskError
    from newsdesk.git import store as gitstore

    try:
        repo = gitstore.open_repo(newsroom.root)
        blobs = gitstore.unchanged_blobs(repo, repo.relative(newsroom.stories_dir))
        inside = repo.relative(newsroom.root)  # the newsroom's folder in the repository
    except (NewsdeskError, ValueError):
        return {}
    cut = 0 if inside in ("", ".") else len(inside) + 1  # paths relative to the newsroom
    return {path[cut:]: blob for path, blob in blobs.items()}


def _fix(newsroom: Newsroom, engine: Engine, files: list[tuple[Path, str]],
         write: bool) -> int | None:
    """Apply or show the safe fixes; the exit status when the command is done (--diff),
    None when the findings left are still to be reported."""
    import sys

    from newsdesk.check.fixes import fix_files

    results = fix_files(engine, files, write)
    for result in results:
        if result.refused:
            sys.stderr.write(f"newsdesk: {result.rel}: {result.refused}\n")
    changed = [r for r in results if r.refused is None and r.after != r.before]
    if not write:
        for result in changed:
            sys.stdout.write(result.diff())
        return 1 if changed else 0
    applied = sum(len(r.applied) for r in changed)
    if changed:
        from newsdesk.cli.output import warn

        warn(f"fixed {applied} finding{'s' if applied != 1 else ''} in "
             f"{len(changed)} file{'s' if len(changed) != 1 else ''} (not "
             "committed: review with git diff, then commit)")
    return None


def render(newsroom: Newsroom, report: Report, output: str, show_suppressed: bool,
           strict: bool = False, paths: list[str] | None = None) -> str:
    from newsdesk.check import formats

    cache: dict[str, list[str]] = {}

    def source_line(rel: str, line: int) -> str:
        if rel not in cache:
            try:
                raw = (newsroom.root / rel).read_bytes()[:2_000_000]
                cache[rel] = raw.decode("utf-8", "replace").lstrip("\ufeff").splitlines()
            except OSError:
                cache[rel] = []
        lines = cache[rel]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    return formats.render(output, report, formats.RenderOptions(
        show_suppressed=show_suppressed, strict=strict, paths=paths or [],
        source_line=source_line, colour=use_colour()))

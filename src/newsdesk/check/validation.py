"""Validating a newsroom's stories: which files, which rules, one report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.check.engine import Engine, resolve_rules
from newsdesk.errors import UsageError
from newsdesk.newsroom import Newsroom
from newsdesk.rules.base import Context

if TYPE_CHECKING:
    from newsdesk.models.story import Story


def build_engine(newsroom: Newsroom, story_ids: frozenset[str] | None = None) -> Engine:
    """The engine with the newsroom's rules and context. Without `story_ids` (a command
    checking one story), the newsroom's ids are listed only if a rule asks for them."""
    from newsdesk.newsroom import LazyIds

    config = newsroom.config
    roster = newsroom.roster if (newsroom.root / "staff.yaml").exists() else None
    ctx = Context(
        roster=roster,
        story_ids=story_ids if story_ids is not None
        else LazyIds(newsroom.story_ids, newsroom.has_story),
        staff_names=frozenset(m.name for m in roster.staff) if roster else frozenset(),
        duplicate_ids=newsroom.duplicate_ids() if story_ids is not None
        else LazyIds(newsroom.duplicate_ids, newsroom.is_duplicate_id),
        language=config.language,
        read_story=_story_reader(newsroom),
    )
    return Engine(resolve_rules(dict(config.rules), locate=_config_locator(newsroom)), ctx,
                  config.limits.max_story_bytes)


def _story_reader(newsroom: Newsroom) -> Callable[[str], Story | None]:
    """Another story of the newsroom by id, or None when it is missing or broken (its own
    findings say why)."""
    def read(story_id: str) -> Story | None:
        from newsdesk.errors import NewsdeskError
        from newsdesk.story.store import load

        try:
            return load(newsroom, story_id)[2]
        except NewsdeskError:
            return None

    return read


def _config_locator(newsroom: Newsroom) -> Callable[[tuple[str | int, ...]],
                                                    tuple[int, int] | None]:
    """Where a path stands in newsdesk.yaml, read only when a setting is wrong."""
    def locate(path: tuple[str | int, ...]) -> tuple[int, int] | None:
        from newsdesk.yamlsafe import YamlProblem, load_yaml

        try:
            loaded = load_yaml((newsroom.root / "newsdesk.yaml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YamlProblem):
            return None
        return loaded.key_positions.get(path) or loaded.where(path)

    return locate


def select_files(newsroom: Newsroom, paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Story files named by `paths` (files or folders), or every story when none are given."""
    given = list(paths)
    if not given:
        yield from newsroom.story_files()
        return
    seen: set[Path] = set()
    for raw in given:
        path = raw if raw.is_absolute() else Path.cwd() / raw
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.md") if not p.name.startswith("."))
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            raise UsageError(f"{raw}: no such file or folder")
        for item in found:
            if item not in seen:
                seen.add(item)
                yield item, newsroom.relative(item)


def changed_story_files(newsroom: Newsroom, ref: str,
                        paths: Iterable[Path] = ()) -> list[tuple[Path, str]]:
    """Story files added or modified since `ref` (committed, staged, or in the working tree),
    plus untracked ones; deleted files are not checked."""
    from newsdesk.git import store as gitstore

    repo = gitstore.open_repo(newsroom.root)
    changed = gitstore.changed_files(repo, ref, newsroom.stories_dir)
    wanted = {p for p, _ in select_files(newsroom, paths)} if list(paths) else None
    out = []
    for path in sorted(changed):
        if path.suffix != ".md" or (not path.exists() and not path.is_symlink()):
            continue
        if wanted is not None and path not in wanted:
            continue
        out.append((path, newsroom.relative(path)))
    return out


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` as (K, N), with 1 <= K <= N; anything else is a usage error."""
    from newsdesk.errors import UsageError

    part, _, parts = text.partition("/")
    if not (part.isdigit() and parts.isdigit() and 1 <= int(part) <= int(parts)):
        raise UsageError(f"--shard must be K/N with 1 <= K <= N, like 1/4; got {text[:40]!r}")
    return int(part), int(parts)


def in_shard(rel: str, part: int, parts: int) -> bool:
    """Is the story at `rel` in part `part` of `parts`? Decided by a hash of its path, so
    every machine agrees, the parts never overlap, and together they cover every story."""
    import hashlib

    digest = hashlib.blake2b(rel.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % parts == part - 1

"""Running the engine over many stories: from the cache where nothing changed, in several
processes where the set is large enough to repay starting them, serially otherwise. All three
give the same findings in the same order (tests prove it)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.check.cache import ValidationCache, digest
from newsdesk.check.findings import Finding, Report

if TYPE_CHECKING:
    from newsdesk.check.engine import Engine

PARALLEL_MIN_FILES = 400  # below this, starting processes costs more than it saves
# stories a worker is given at a time, at most: about a quarter second of checking, which is
# also how long a Ctrl-C waits for the chunks being checked
CHUNK_MAX_FILES = 500
CACHE_MAX_BYTES = 16_000_000  # larger files are always checked (and refused) afresh

_worker_engine: Engine | None = None


def _check_chunk(chunk: Sequence[tuple[Path, str]]) -> list[tuple[str | None, list[Finding]]]:
    assert _worker_engine is not None
    return [_check_one(_worker_engine, path, rel) for path, rel in chunk]


def _check_one(engine: Engine, path: Path, rel: str) -> tuple[str | None, list[Finding]]:
    """The story's findings and the digest the cache keeps them under (None for a file the
    cache does not keep: unreadable, a symbolic link, too large)."""
    raw = _read(path)
    if raw is None:
        return None, engine.check_file(path, rel)
    findings = engine.check_bytes(raw, rel, path.stem)
    # a check that read another story (a translation's original) is not the file's alone
    return (None if engine.ctx.read_others else digest(raw)), findings


def _read(path: Path) -> bytes | None:
    try:
        if path.is_symlink() or path.stat().st_size > CACHE_MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def check(engine_factory: Callable[[], Engine], files: Sequence[tuple[Path, str]],
          jobs: int | None = None, cache: ValidationCache | None = None,
          advance: Callable[[int], None] | None = None,
          known: Mapping[str, str] | None = None) -> Report:
    """`engine_factory` is called only if some story needs checking: a fully cached run never
    loads the models or compiles a rule. `known`: the cache digest (git blob id) of files
    git says are unchanged, by path; those are not read to be looked up."""
    results: list[list[Finding] | None] = [None] * len(files)
    digests: list[str | None] = [None] * len(files)
    todo: list[int] = []
    # With nothing cached (a fresh clone, changed settings) no file is read twice: the
    # processes that check the stories also compute the digests the cache keeps them under.
    look_up = cache is not None and bool(cache.entries)
    known = known or {}
    for index, (path, rel) in enumerate(files):
        if look_up:
            assert cache is not None
            content = known.get(rel)
            if content is None:
                raw = _read(path)
                content = digest(raw) if raw is not None else None
            if content is not None:
                cached = cache.get(rel, content)
                if cached is not None:
                    results[index] = cached
                    continue
        todo.append(index)
    if advance is not None and len(files) > len(todo):
        advance(len(files) - len(todo))
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    # Settings are checked by building the engine; only a trusted cache may skip that.
    engine = engine_factory() if todo or cache is None or not cache.trusted else None
    if engine is not None and jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        checked = _parallel(engine, [files[i] for i in todo], jobs, advance)
    elif engine is not None:
        checked = []
        for index in todo:
            checked.append(_check_one(engine, *files[index]))
            if advance is not None:
                advance(1)
    else:
        checked = []
    for index, (content, file_findings) in zip(todo, checked, strict=True):
        results[index] = file_findings
        digests[index] = content
    if cache is not None:
        for index in todo:
            content = digests[index]
            if content is not None:
                cache.put(files[index][1], content, results[index] or [])
        cache.save()
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    for result in results:
        for finding in result or []:
            (suppressed if finding.suppressed else findings).append(finding)
    return Report(files_checked=len(files), findings=findings, suppressed=suppressed)


def _parallel(engine: Engine, files: list[tuple[Path, str]], jobs: int,
              advance: Callable[[int], None] | None = None
              ) -> list[tuple[str | None, list[Finding]]]:
    global _worker_engine
    _worker_engine = engine  # inherited by the forked workers, never pickled
    from newsdesk.workers import forked_pool

    size = min(CHUNK_MAX_FILES, max(16, len(files) // (jobs * 8)))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    try:
        out: list[tuple[str | None, list[Finding]]] = []
        with forked_pool(jobs) as pool:
            for chunk in pool.map(_check_chunk, chunks):
                out.extend(chunk)
                if advance is not None:
                    advance(len(chunk))
        return out
    finally:
        _worker_engine = None

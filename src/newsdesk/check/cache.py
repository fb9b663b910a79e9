"""The validation cache: findings of unchanged stories are not computed again.

Each story's findings are stored under a digest of its bytes, and the whole cache under a key
made of everything else findings depend on: newsdesk's version and code, `newsdesk.yaml`,
`staff.yaml` (the byline and soldier rules read the roster) and the set of story ids (the
related rule). When any of these differs, the whole cache is ignored, never partly trusted.
It lives in `.newsdesk/cache/` (ignored by git) and is safe to delete; it is JSON, not
pickle, so a tampered cache can lie about findings but cannot run code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdesk import __version__
from newsdesk.atomic import write_text_atomic
from newsdesk.check.findings import Finding

CACHE_FILE = Path(".newsdesk") / "cache" / "validate.json"
FORMAT = 2  # 2: stories keyed by git blob id


def digest(raw: bytes) -> str:
    """The id git gives these bytes as a file (a SHA-1 blob id): findings are kept under it,
    so that a warm run can take the ids of unchanged files from git's index instead of
    reading and hashing every story."""
    h = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    h.update(raw)
    return h.hexdigest()


def _code_stamp() -> str:
    """Changes when newsdesk's own code changes, even without a version bump (a developer's
    editable install)."""
    package = Path(__file__).resolve().parent.parent  # the whole newsdesk package
    stamps = []
    for path in sorted(package.rglob("*.py")):
        try:
            stamps.append(f"{path.relative_to(package)}:{path.stat().st_mtime_ns}")
        except OSError:
            continue
    return hashlib.blake2b("\n".join(stamps).encode(), digest_size=16).hexdigest()


def context_key(root: Path, story_ids: Iterable[str],
                duplicates: Iterable[str] = ()) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{__version__}\0{_code_stamp()}\0".encode())
    for name in ("newsdesk.yaml", "staff.yaml"):
        try:
            h.update((root / name).read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    h.update("\n".join(sorted(story_ids)).encode())
    h.update(("\0" + "\n".join(sorted(duplicates))).encode())
    return h.hexdigest()


class ValidationCache:
    def __init__(self, root: Path, key: str) -> None:
        self.path = root / CACHE_FILE
        self.key = key
        self.entries: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        self.dirty = False
        # True when a cache written under this very key was found: the settings it was made
        # with were valid then and are byte-identical now.
        self.trusted = False
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("key") != self.key \
                or data.get("newsdesk") != __version__ or data.get("format") != FORMAT:
            return
        entries = data.get("entries")
        self.trusted = True
        if isinstance(entries, dict):
            self.entries = {k: (v[0], v[1]) for k, v in entries.items()
                            if isinstance(v, list) and len(v) == 2}

    def get(self, rel: str, content_digest: str) -> list[Finding] | None:
        entry = self.entries.get(rel)
        if entry is None or entry[0] != content_digest:
            return None
        try:
            return [Finding.from_record(r) for r in entry[1]]
        except (KeyError, TypeError):
            return None

    def put(self, rel: str, content_digest: str, findings: list[Finding]) -> None:
        self.entries[rel] = (content_digest, [f.record() for f in findings])
        self.dirty = True

    def save(self) -> None:
        if not self.dirty and self.trusted:
            return
        payload = {"format": FORMAT, "newsdesk": __version__, "key": self.key,
                   "entries": {k: list(v) for k, v in self.entries.items()}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(payload, ensure_ascii=False,
                                                    separators=(",", ":")))
        except OSError:
            pass  # a read-only newsroom simply goes uncached

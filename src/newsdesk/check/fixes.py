"""Applying rules' safe fixes: the exact bytes of each fixed span change, nothing else.

Fixes are spliced into the file's bytes (so a BOM, CRLF endings, comments, quoting and every
untouched line stay byte-identical), one non-overlapping set per run (a fix that overlaps an
earlier one waits for the next run), and only when the result still reads as the same kind
of story: if a fix would make the file fail to parse or break its schema, the file is left
as it is and the refusal is reported. Like a formatter, `--fix` changes the working tree and
makes no commit: the writer reviews the change and commits it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.atomic import write_bytes_atomic
from newsdesk.check.engine import Engine
from newsdesk.check.findings import Finding


@dataclass
class FileFix:
    path: Path
    rel: str
    before: bytes
    after: bytes
    applied: list[Finding] = field(default_factory=list)
    refused: str | None = None

    def diff(self) -> str:
        old = self.before.decode("utf-8", "replace").splitlines(keepends=True)
        new = self.after.decode("utf-8", "replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, fromfile=f"a/{self.rel}",
                                            tofile=f"b/{self.rel}"))


def _structure(findings: list[Finding]) -> int:
    return sum(1 for f in findings if f.rule in ("parse", "schema"))


def splice(raw: bytes, fixes: list[Finding]) -> tuple[bytes, list[Finding]]:
    """Apply the non-overlapping fixes (earliest first); returns the bytes and those applied."""
    newline = "\r\n" if b"\r\n" in raw else "\n"
    chosen: list[Finding] = []
    last_end = -1
    for finding in sorted(fixes, key=lambda f: (f.fix[0], f.fix[1]) if f.fix else (0, 0)):
        assert finding.fix is not None
        start, end, _ = finding.fix
        if start < last_end or (start == last_end and chosen and start == end):
            continue  # overlaps a fix already chosen: the next run takes it
        chosen.append(finding)
        last_end = end
    out = raw
    for finding in reversed(chosen):
        assert finding.fix is not None
        start, end, replacement = finding.fix
        out = out[:start] + replacement.replace("\n", newline).encode("utf-8") + out[end:]
    return out, chosen


def plan(engine: Engine, path: Path, rel: str) -> FileFix | None:
    if path.is_symlink():
        return None
    try:
        with path.open("rb") as handle:
            raw = handle.read(engine.max_bytes + 1)
    except OSError:
        return None
    findings = engine.check_bytes(raw, rel, path.stem)
    fixable = [f for f in findings if f.fix is not None and not f.suppressed]
    if not fixable:
        return None
    after, applied = splice(raw, fixable)
    result = FileFix(path, rel, raw, after, applied)
    if _structure(engine.check_bytes(after, rel, path.stem)) > _structure(findings):
        result.after = raw
        result.refused = "applying the fixes would break the file; it was left unchanged"
    return result


def fix_files(engine: Engine, files: list[tuple[Path, str]], write: bool) -> list[FileFix]:
    results = []
    for path, rel in files:
        result = plan(engine, path, rel)
        if result is None:
            continue
        results.append(result)
        if write and result.refused is None and result.after != result.before:
            if path.read_bytes() != result.before:
                result.refused = "the file changed while it was being fixed; run again"
                continue
            write_bytes_atomic(path, result.after)
    return results

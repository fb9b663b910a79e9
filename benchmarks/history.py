"""A decade of a busy newsroom: N stories with the history newsdesk itself would have made.

Each story is created as a draft and submitted by its reporter, then approved by an editor
(`Newsdesk-Blob` names the published file, as `review --approve` records it): three commits
per story, about 30 stories a day over the years N needs. The newest 30 stories are left
in review and the 30 before them as drafts, as on any working day. The history is written
with `git fast-import` in one stream (300,000 separate `git commit` runs would take hours),
so `newsdesk audit` finds it clean.

    python benchmarks/history.py DIR N
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import subprocess
import sys
from pathlib import Path

from generate import ROOT, story

REPORTER = ("Petro Hnatiuk", "petro@kyivdesk.example")
EDITOR = ("Iryna Bondar", "iryna@kyivdesk.example")
IN_REVIEW = 30
IN_DRAFT = 30
PER_DAY = 30
START = dt.datetime(2016, 1, 1, 6, 0, tzinfo=dt.UTC)


def blob_id(data: bytes) -> str:
    """The object id git gives a file's bytes (SHA-1 repositories)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def message(action: str, story_id: str, source: str | None, target: str,
            blob: str | None = None) -> str:
    """newsdesk's own commit message for a transition (newsdesk.git.changes)."""
    move = f": {source} -> {target}" if source else ""
    lines = [f"Newsdesk-Story: {story_id}", f"Newsdesk-Action: {action}"]
    if source:
        lines.append(f"Newsdesk-From: {source}")
    lines.append(f"Newsdesk-Status: {target}")
    if blob:
        lines.append(f"Newsdesk-Blob: {blob}")
    return f"newsdesk: {action} {story_id}{move}\n\n" + "\n".join(lines) + "\n"


class Stream:
    """A `git fast-import` command stream, written as it is made."""

    def __init__(self, target: Path) -> None:
        self.process = subprocess.Popen(["git", "-C", str(target), "fast-import", "--quiet",
                                         "--done"], stdin=subprocess.PIPE)
        assert self.process.stdin is not None
        self.out = self.process.stdin
        self.mark = 0

    def commit(self, who: tuple[str, str], when: dt.datetime, text: str,
               files: dict[str, bytes]) -> None:
        self.mark += 1
        stamp = f"{int(when.timestamp())} +0000"
        data = text.encode()
        head = (f"commit refs/heads/main\nmark :{self.mark}\n"
                f"author {who[0]} <{who[1]}> {stamp}\ncommitter {who[0]} <{who[1]}> {stamp}\n"
                f"data {len(data)}\n").encode()
        parts = [head, data, b"\n"]
        if self.mark > 1:
            parts.append(f"from :{self.mark - 1}\n".encode())
        for path, content in files.items():
            parts.append(f"M 100644 inline {path}\ndata {len(content)}\n".encode())
            parts += [content, b"\n"]
        self.out.write(b"".join(parts))

    def close(self) -> None:
        self.out.write(b"done\n")
        self.out.close()
        if self.process.wait() != 0:
            raise SystemExit("git fast-import failed")


def generate(target: Path, count: int, seed: int = 7) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    stream = Stream(target)
    settings = {name: (ROOT / name).read_bytes() for name in ("newsdesk.yaml", "staff.yaml")}
    stream.commit(EDITOR, START, "newsdesk: init newsroom\n\nNewsdesk-Action: init\n", settings)
    step = dt.timedelta(days=1) / PER_DAY
    for i in range(count):
        created = START + step * (i + 1)
        stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        left = count - i
        final = "review" if left <= IN_REVIEW else "draft" \
            if left <= IN_REVIEW + IN_DRAFT else "published"
        versions = ["draft"] + (["review"] if final != "draft" else []) + \
            (["published"] if final == "published" else [])
        for number, status in enumerate(versions):
            # the same random source for each version: only the workflow fields differ
            rel, text = story(i, random.Random(seed * 1_000_003 + i), status=status,
                              created=stamp)
            data = text.encode()
            when = created + dt.timedelta(hours=number * 2)
            story_id = f"story-{i:06d}"
            if status == "draft":
                stream.commit(REPORTER, when, message("new", story_id, None, "draft"),
                              {rel: data})
            elif status == "review":
                stream.commit(REPORTER, when, message("submit", story_id, "draft", "review"),
                              {rel: data})
            else:
                stream.commit(EDITOR, when, message("approve", story_id, "review",
                                                    "published", blob_id(data)), {rel: data})
    stream.close()
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "-f", "main"], check=True)
    return target


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)

"""A story's life, read back from git: every commit that touched its file, with the
transition, the comment and who made it (from newsdesk's commit trailers)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk import gitstore

if TYPE_CHECKING:
    import git

_TRAILER = re.compile(r"^(Newsdesk-[A-Za-z-]+):\s*(.*)$")
_RECORD, _FIELD, _END = "\x1e", "\x1f", "\x1d"


@dataclass(frozen=True)
class Entry:
    sha: str
    author: str
    email: str
    when: dt.datetime
    subject: str
    action: str | None  # None: a commit not made by newsdesk (a plain edit)
    source: str | None  # status before
    target: str | None  # status after
    comment: str | None

    @property
    def transition(self) -> str:
        if self.source and self.target and self.source != self.target:
            return f"{self.source} -> {self.target}"
        if self.target and not self.source:
            return f"-> {self.target}"
        return ""


def parse_message(message: str) -> tuple[str, dict[str, str], str | None]:
    """Subject, newsdesk trailers (from the last paragraph only) and the comment between."""
    paragraphs = message.strip().split("\n\n")
    subject = paragraphs[0].strip()
    trailers: dict[str, str] = {}
    body = paragraphs[1:]
    if body:
        last = body[-1].splitlines()
        parsed = [_TRAILER.match(line) for line in last]
        if last and all(parsed):
            trailers = {m.group(1): m.group(2) for m in parsed if m}
            body = body[:-1]
    comment = "\n\n".join(body).strip() or None
    return subject, trailers, comment


def story_history(repo: git.Repo, path: Path) -> list[Entry]:
    """Commits that touched `path`, oldest first."""
    work_tree = Path(repo.working_tree_dir or ".")
    rel = path.absolute().relative_to(work_tree).as_posix()
    raw = gitstore.run_git(repo, "log", "--reverse",
                           f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%ae{_FIELD}%aI{_FIELD}%B",
                           "--", rel)
    return [_entry(record) for record in raw.split(_RECORD) if record.strip()]


def histories(repo: git.Repo, under: Path) -> dict[str, list[Entry]]:
    """Every story's commits, oldest first, from one pass over the log of `under`; keys are
    paths relative to the work tree. (One `git log` per story would cost a process each.)"""
    work_tree = Path(repo.working_tree_dir or ".")
    rel = under.absolute().relative_to(work_tree).as_posix()
    raw = gitstore.run_git(
        repo, "log", "--reverse", "--no-renames", "--name-only",
        f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%ae{_FIELD}%aI{_FIELD}%B{_END}", "--", rel)
    out: dict[str, list[Entry]] = {}
    for record in raw.split(_RECORD):
        if not record.strip():
            continue
        header, _, names = record.partition(_END)
        entry = _entry(header)
        for name in names.split("\n"):
            if name.strip():
                out.setdefault(name.strip(), []).append(entry)
    return out


def _entry(header: str) -> Entry:
    sha, author, email, when, message = header.split(_FIELD, 4)
    subject, trailers, comment = parse_message(message)
    return Entry(sha=sha.strip(), author=author, email=email,
                 when=dt.datetime.fromisoformat(when), subject=subject,
                 action=trailers.get("Newsdesk-Action"), source=trailers.get("Newsdesk-From"),
                 target=trailers.get("Newsdesk-Status"), comment=comment)


def last_submitted(entries: list[Entry]) -> Entry | None:
    return next((e for e in reversed(entries) if e.action == "submit"), None)

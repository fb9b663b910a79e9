"""`newsdesk init`: a new newsroom, ready for its first story."""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from newsdesk.atomic import write_text_atomic
from newsdesk.errors import EnvironmentProblem, UsageError
from newsdesk.git import store as gitstore
from newsdesk.newsroom import CONFIG_FILE, SCHEMAS_DIR, STAFF_FILE, STORIES_DIR, schemas, templates
from newsdesk.newsroom import ci as ci_setup
from newsdesk.story.ids import slugify


@dataclass(frozen=True)
class Initialized:
    root: Path
    staff_email: str | None
    commit: str | None
    repository: Path | None = None  # set when the newsroom joined an enclosing repository


def _quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def init_newsroom(path: Path, name: str | None = None, url: str | None = None,
                  ci: str | None = None) -> Initialized:
    path = path.absolute()
    if ci is not None and ci not in ci_setup.PROVIDERS:
        raise UsageError(f"--ci must be one of {', '.join(ci_setup.PROVIDERS)}")
    if (path / CONFIG_FILE).exists():
        raise UsageError(f"{path / CONFIG_FILE} already exists: this is a newsroom already")
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path} exists and is not a folder")
    if (path / STAFF_FILE).exists():
        raise UsageError(f"{path / STAFF_FILE} already exists; newsdesk init never overwrites "
                         "a roster: move it away first, or write newsdesk.yaml by hand")
    path.mkdir(parents=True, exist_ok=True)
    try:  # a newsroom may live in a folder of an existing repository; never nest one
        repo = gitstore.open_repo(path)
    except EnvironmentProblem:
        repo = gitstore.init_repo(path)
    person = gitstore.configured_person(repo)
    data = files("newsdesk") / "data"
    newsroom_name = name or path.name.replace("-", " ").title() or "Newsroom"
    site = url or "https://news.example/"
    if not re.match(r"https?://", site):
        raise UsageError(f"--url must be an absolute http(s) URL, got {site!r}")
    config = (data / "newsdesk.yaml").read_text(encoding="utf-8").format(
        newsroom=_quote(newsroom_name), url=_quote(site))
    first_name = person.name if person else "Example Editor"
    first_email = person.email if person else "editor@newsroom.example"
    first_id = slugify(first_name) or "editor"
    if len(first_id) < 3 or first_id == "example-reporter":
        first_id = "editor"
    staff = (data / "staff.yaml").read_text(encoding="utf-8").format(
        first_id=first_id, first_name=_quote(first_name), first_email=_quote(first_email))
    write_text_atomic(path / CONFIG_FILE, config)
    write_text_atomic(path / STAFF_FILE, staff)
    gitignore = path / ".gitignore"
    ignore_text = (data / "gitignore").read_text(encoding="utf-8")
    if gitignore.exists():
        existing = gitignore.read_text(encoding="utf-8")
        if ".newsdesk/" not in existing:
            write_text_atomic(gitignore, existing.rstrip("\n") + "\n" + ignore_text)
    else:
        write_text_atomic(gitignore, ignore_text)
    (path / STORIES_DIR).mkdir(exist_ok=True)
    keep = path / STORIES_DIR / ".gitkeep"
    if not keep.exists():
        keep.write_text("", encoding="utf-8")
    written = schemas.export(path / SCHEMAS_DIR)
    written += templates.install_defaults(path)
    if ci is not None:
        from newsdesk.newsroom import Newsroom

        room = Newsroom(path)
        planned = ci_setup.planned_files(path, ci, room.config, room.roster,
                                         branch=gitstore.branch_name(repo))
        for target, content in planned.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, content.decode("utf-8"))
            written.append(target)
    commit = None
    if person is not None:
        paths = [path / CONFIG_FILE, path / STAFF_FILE, gitignore, keep, *written]
        commit, _ = gitstore.commit_files(repo, {p: p.read_bytes() for p in paths},
                                          "newsdesk: init newsroom\n\nNewsdesk-Action: init",
                                          person)
        gitstore.extend_commit_graph(repo, start=True)
        from newsdesk.git.history_index import HistoryIndex
        from newsdesk.newsroom import Newsroom
        from newsdesk.story.textindex import TextIndex

        with contextlib.suppress(EnvironmentProblem):  # caches: only a lost speed-up
            TextIndex(Newsroom(path), repo).update()
            HistoryIndex.of(Newsroom(path), repo).update()
    work_tree = repo.root.resolve()
    enclosing = work_tree if work_tree != path.resolve() else None
    return Initialized(path, person.email if person else None, commit, enclosing)

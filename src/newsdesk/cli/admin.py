"""`init` and `schema`: setting a newsroom up and keeping its schemas current."""

from __future__ import annotations

from pathlib import Path

from newsdesk.cli.output import echo, info, warn


def init(path: Path, name: str | None, url: str | None, ci: str | None = None) -> None:
    from newsdesk.newsroom.init import init_newsroom

    result = init_newsroom(path, name, url, ci)
    info(f"Created newsroom in {result.root}")
    if result.repository is not None:
        info(f"It lives in the existing git repository at {result.repository}.")
    if result.staff_email:
        info(f"You ({result.staff_email}) are on the roster as an editor; edit staff.yaml "
             "to add your colleagues.")
        info("Next: newsdesk new --headline \"Your first headline\"")
    else:
        warn("git user.name/user.email are not set, so nothing was committed and staff.yaml "
             "holds examples only. Set them (git config user.email you@newsroom.example), "
             "put yourself in staff.yaml, and commit.")


def _newsroom_root() -> Path:
    from newsdesk.newsroom import Newsroom

    return Newsroom.find().root


def schema_export() -> None:
    from newsdesk.newsroom import SCHEMAS_DIR, schemas

    root = _newsroom_root()
    written = schemas.export(root / SCHEMAS_DIR)
    for path in written:
        info(f"wrote {path.relative_to(root).as_posix()}")
    if not written:
        info(f"{SCHEMAS_DIR}/ is up to date")


def schema_check() -> int:
    from newsdesk.newsroom import SCHEMAS_DIR, schemas

    root = _newsroom_root()
    stale = schemas.stale(root / SCHEMAS_DIR)
    if stale:
        for name in stale:
            echo(f"{SCHEMAS_DIR}/{name} is out of date")
        echo("run 'newsdesk schema export' and commit the result")
        return 1
    echo(f"{SCHEMAS_DIR}/ is up to date")
    return 0


def ci_install(provider: str, install: str | None, force: bool) -> None:
    from newsdesk.newsroom import Newsroom
    from newsdesk.newsroom import ci as ci_setup

    newsroom = Newsroom.find()
    files = ci_setup.install(newsroom, provider, install, force)
    for path in files:
        info(f"wrote {newsroom.relative(path)}")

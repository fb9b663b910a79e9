"""`newsdesk ci install` (and `init --ci`): a CI workflow and a CODEOWNERS file.

The workflow runs `validate --changed-since` on pull requests with annotations, `audit` and
`schema check`. CODEOWNERS asks the desks' editors to review story changes. Stories are
stored by date (`stories/YYYY/MM/<id>.md`, as the contract fixes), so no path names a desk:
every story routes to the newsroom's editors, listed per desk in comments, and the review
queue splits the work by desk.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import UsageError
from newsdesk.models.config import NewsroomConfig
from newsdesk.models.enums import StaffRole
from newsdesk.models.staff import Roster

if TYPE_CHECKING:
    from newsdesk.newsroom import Newsroom

PROVIDERS = {
    "github": (Path(".github") / "workflows" / "newsdesk.yml", Path(".github") / "CODEOWNERS"),
    "gitlab": (Path(".gitlab-ci.yml"), Path(".gitlab") / "CODEOWNERS"),
}
def default_install(config: NewsroomConfig | None = None) -> str:
    """What CI installs: the newsroom's own command (`ci.install` in newsdesk.yaml), else
    exactly this version of newsdesk, never whatever happens to hold the name tomorrow."""
    from newsdesk import __version__

    if config is not None and config.ci.install:
        return config.ci.install
    return f'pip install "newsdesk=={__version__}"'


def workflow(provider: str, install: str | None = None, branch: str = "main") -> str:
    install = install or default_install()
    if provider not in PROVIDERS:
        raise UsageError(f"--provider must be one of {', '.join(PROVIDERS)}")
    if "\n" in install or not install.strip():
        raise UsageError("--install must be one shell command on one line")
    template = (files("newsdesk") / "data" / "ci" / f"{provider}.yml").read_text("utf-8")
    return template.format(install=install.strip(), branch=branch)


def codeowners(config: NewsroomConfig, roster: Roster | None) -> str:
    editors = [m for m in (roster.staff if roster else []) if m.role == StaffRole.EDITOR]
    lines = ["# Written by newsdesk ci install. Story files live under stories/YYYY/MM/, so a",
             "# path cannot name a desk: every story change asks the editors below for review,",
             "# and `newsdesk review` shows each desk its own queue.", ""]
    for desk in config.desks:
        desk_editors = [m.email for m in editors if m.desk == desk.id]
        lines.append(f"# {desk.name} ({desk.id}): {' '.join(desk_editors) or '(no editor)'}")
    owners = " ".join(sorted({m.email for m in editors}))
    lines += ["", f"/stories/ {owners}".rstrip(), f"/newsdesk.yaml {owners}".rstrip(),
              f"/staff.yaml {owners}".rstrip(), f"/templates/ {owners}".rstrip(),
              f"/images/ {owners}".rstrip(), ""]
    return "\n".join(lines)


def planned_files(root: Path, provider: str, config: NewsroomConfig, roster: Roster | None,
                  install: str | None = None, branch: str = "main") -> dict[Path, bytes]:
    install = install or default_install(config)
    if provider not in PROVIDERS:
        raise UsageError(f"--provider must be one of {', '.join(PROVIDERS)}")
    workflow_path, owners_path = PROVIDERS[provider]
    return {root / workflow_path: workflow(provider, install, branch).encode("utf-8"),
            root / owners_path: codeowners(config, roster).encode("utf-8")}


def install(newsroom: Newsroom, provider: str, install: str | None = None,
            force: bool = False) -> list[Path]:
    """Write and commit the CI workflow and CODEOWNERS (`newsdesk ci install`); existing
    files are replaced only with `force`. Returns the files written."""
    from newsdesk.git import changes
    from newsdesk.git import store as gitstore

    member = newsroom.acting_member()
    with changes.locked(newsroom) as repo:
        planned = planned_files(newsroom.root, provider, newsroom.config, newsroom.roster,
                              install, gitstore.branch_name(repo))
        existing = [newsroom.relative(p) for p in planned if p.exists()]
        if existing and not force:
            raise UsageError(f"{', '.join(existing)} already exist; --force replaces them")
        message = (f"newsdesk: ci install {provider}\n\n"
                   + changes.trailers(action="ci-install"))
        changes.apply(newsroom, repo, planned, message, member)
    return list(planned)

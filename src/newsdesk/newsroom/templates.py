"""Story templates: `newsdesk new --template NAME` starts from `templates/NAME.md` in the
newsroom (`init` writes feature, brief, explainer and live; newsrooms add their own), falling
back to newsdesk's own copy of the four defaults.

A template is a story-shaped file: the fields in its front matter are copied into the new
story (the identity fields newsdesk sets itself are refused), and its body becomes the draft.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from newsdesk.errors import FileProblem, UsageError, shown
from newsdesk.story.ids import ID_PATTERN

DEFAULTS = ("feature", "brief", "explainer", "live")
TEMPLATES_DIR = "templates"
_SET_BY_NEWSDESK = {"id", "status", "headline", "desk", "byline", "created", "updated",
                    "published_at", "corrections", "kill_reason"}


def available(root: Path) -> list[str]:
    names = set(DEFAULTS)
    folder = root / TEMPLATES_DIR
    if folder.is_dir():
        names |= {p.stem for p in folder.glob("*.md") if ID_PATTERN.fullmatch(p.stem)}
    return sorted(names)


def load(root: Path, name: str) -> tuple[dict[str, Any], str]:
    """(fields to copy, body) of template `name`."""
    from newsdesk.story.reader import StoryFormatError, parse

    if not ID_PATTERN.fullmatch(name):
        raise UsageError(f"invalid template name {shown(name)}")
    local = root / TEMPLATES_DIR / f"{name}.md"
    if local.is_file() and not local.is_symlink():
        raw, display = local.read_bytes(), f"{TEMPLATES_DIR}/{name}.md"
    elif name in DEFAULTS:
        raw = (files("newsdesk") / "data" / "templates" / f"{name}.md").read_bytes()
        display = f"(built-in) {name}.md"
    else:
        raise UsageError(f"no template {name!r}; available: {', '.join(available(root))}")
    try:
        parsed = parse(raw)
    except StoryFormatError as error:
        raise FileProblem(display, error.message, error.line, error.column) from None
    data = parsed.loaded.data or {}
    if not isinstance(data, dict):
        raise FileProblem(display, "the front matter must be a mapping of fields", 2)
    for key in data:
        if key in _SET_BY_NEWSDESK:
            line, column = parsed.key_where((key,))
            raise FileProblem(display, f"{key!r} is set by newsdesk, not by a template",
                              line, column)
    return dict(data), parsed.source.body


def install_defaults(root: Path) -> list[Path]:
    from newsdesk.atomic import write_bytes_atomic

    folder = root / TEMPLATES_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name in DEFAULTS:
        target = folder / f"{name}.md"
        if not target.exists():
            write_bytes_atomic(target, (files("newsdesk") / "data" / "templates" /
                                        f"{name}.md").read_bytes())
            written.append(target)
    return written

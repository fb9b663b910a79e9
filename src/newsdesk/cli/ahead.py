"""What git can start on before the command line is parsed.

The commands that list stories (`list`, the review queue, `search`) ask `git status` which
story files differ from HEAD in the work tree. Over a decade of stories (100,000 files) that
takes git 0.15 s, and it came after Python's own start-up (Typer, pydantic, the models:
about 0.2 s), one after the other, on machines with more than one CPU. `main` reads the
command line first and, for those commands, starts that `git status` at once
(`git.store.ask_ahead`); the command takes its answer when it gets to the question.

Only a command line read without doubt starts anything: global options `-q`/`--quiet` and
`-C DIR`, then `list` or `search` with anything after them, `review` with no story id (the
queue), or `validate --changed-since REF` (CI's first question on every push: which story
files differ from REF, and which are untracked, 0.2 s of git at 100,000 stories). Anything
else (a story id, `--help`, an option this does not know) starts nothing, and the command
runs exactly as it would without this.
"""

from __future__ import annotations

from pathlib import Path

_LISTING = frozenset({"list", "search"})
# options of `review` that leave it the queue, with whether each takes a value
_QUEUE_OPTIONS = {"--format": True, "-m": True, "--message": True}


def command_of(argv: list[str]) -> tuple[Path, str, list[str]] | None:
    """(the folder the command runs in, relative to the current one, the command, what
    follows it), or None when the global options are anything but `-q`, `--quiet` and
    `-C DIR`."""
    folder = Path()
    position = 0
    while position < len(argv):
        token = argv[position]
        if token in ("-q", "--quiet"):
            position += 1
        elif token == "-C" and position + 1 < len(argv):
            folder = folder / argv[position + 1]
            position += 2
        elif token.startswith("-C") and len(token) > 2:
            folder = folder / token[2:]
            position += 1
        elif token.startswith("-"):
            return None
        else:
            return folder, token, argv[position + 1:]
    return None


def lists_stories(command: str, rest: list[str]) -> bool:
    """Whether the command reads the work tree's changes to stories from `git status`."""
    if "--help" in rest or "-h" in rest:
        return False
    if command in _LISTING:
        return True
    if command != "review":
        return False
    position = 0
    while position < len(rest):
        option, has_value, _ = rest[position].partition("=")
        if option not in _QUEUE_OPTIONS:
            return False  # a story id, --approve, an option not known here
        position += 2 if _QUEUE_OPTIONS[option] and not has_value else 1
    return True


def changed_since(command: str, rest: list[str]) -> str | None:
    """The REF of `validate --changed-since REF`, when the command is that (the last one
    given, as Typer takes it); None otherwise, or for a REF that looks like an option."""
    if command != "validate" or "--help" in rest or "-h" in rest:
        return None
    ref = None
    for position, token in enumerate(rest):
        if token == "--":
            break
        if token == "--changed-since" and position + 1 < len(rest):
            ref = rest[position + 1]
        elif token.startswith("--changed-since="):
            ref = token.partition("=")[2]
    return ref if ref and not ref.startswith("-") else None


def start(argv: list[str]) -> None:
    """Start what git the command line's command will ask, if it is one that asks: the
    `git status` of the commands that list stories, or the two questions of `validate
    --changed-since REF` (which differ from REF, which are untracked: 0.2 s at 100,000
    stories, also the first thing a CI job asks)."""
    found = command_of(argv)
    if found is None:
        return
    ref = changed_since(found[1], found[2])
    if ref is None and not lists_stories(found[1], found[2]):
        return
    from newsdesk.errors import NewsdeskError
    from newsdesk.git import store as gitstore
    from newsdesk.newsroom import STORIES_DIR, find_root

    try:
        root = find_root(Path.cwd() / found[0])
        if ref is None:
            gitstore.ask_ahead(root, *gitstore.work_tree_status(STORIES_DIR))
            return
        repo = gitstore.open_repo(root)
        for question in gitstore.changed_questions(ref, repo.relative(root / STORIES_DIR)):
            gitstore.ask_ahead(repo.root, *question)
    except (NewsdeskError, OSError, ValueError):
        return  # (a folder that is gone, not a newsroom): the command says what is wrong

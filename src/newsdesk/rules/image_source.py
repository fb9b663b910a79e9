"""Only image files from the newsroom's image folders are published with a story.

`newsdesk export` copies every local image a story names into the public folder, so a `src`
that names any other file of the repository would publish it: `.git/config` with a token in
the remote URL, `staff.yaml`, a colleague's draft. An image's `src` must be a web address
(`https://...`) or a relative path, inside one of the configured `folders`, to a file with an
image extension; no `..`, no absolute path, no hidden folder. Export copies nothing else, and
never a symbolic link.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import Field

from newsdesk.rules.base import Context, Problem, RuleOptions

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "image-source"
SEVERITY = "error"

EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


class Options(RuleOptions):
    folders: list[str] = Field(default_factory=lambda: ["images"],
                               description="Folders (relative to the newsroom) images live in.")


def problem(src: str, folders: list[str]) -> str | None:
    """Why `src` may not be published as an image, or None when it may."""
    if src.startswith(("https://", "http://")):
        return None
    if "://" in src or src.startswith(("/", "\\")) or ":" in src.split("/", 1)[0]:
        return "is neither a web address nor a relative path"
    parts = _split(src.replace("\\", "/"))
    if any(part == ".." or part.startswith(".") for part in parts):
        return "climbs out of its folder or names a hidden file"
    name = parts[-1] if parts else ""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if suffix not in EXTENSIONS:
        return f"is not an image file ({', '.join(EXTENSIONS)})"
    if not any(parts[:len(folder)] == folder for folder in map(_folder, folders)):
        return f"is not in the newsroom's image folders ({', '.join(folders)})"
    return None


def _split(path: str) -> tuple[str, ...]:
    """A relative POSIX path's parts as PurePosixPath gives them (empty and "." parts
    dropped), at the cost of a split: this runs for every image of every story."""
    return tuple(part for part in path.split("/") if part not in ("", "."))


_folder = lru_cache(maxsize=64)(_split)  # the configured folders: the same few every time


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    for index, image in enumerate(story.images):
        why = problem(image.src, options.folders)
        if why is not None:
            line, column = doc.where(("images", index, "src"))
            yield Problem(line, column, f"image src {image.src!r} {why}: only image files from "
                          "the image folders are published",
                          f"put the image under {options.folders[0]}/ and name it there")

"""Publishing: published stories out to HTML, IPTC ninjs, JSON Feed and Markdown.

`article.py` builds one view of a story that every format reads (so a byline, a credit or a
correction means the same thing in all of them); each format is one module (named as its
`ExportFormat` value) with `write(articles, out, context) -> list[Path]`.
"""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class ExportFormat(StrEnum):
    """The export formats, defined once for the command line and the exporter."""

    HTML = "html"
    NINJS = "ninjs"
    JSONFEED = "jsonfeed"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class ExportContext:
    """What a format may need beyond the articles; each uses what applies to it."""

    newsroom_root: Path | None  # the newsroom's own templates/ override the built-in ones
    newsroom: str = ""  # the publication's name
    base_url: str = ""
    language: str = "en"
    index: bool = True  # an index page beside the stories (not for a one-story preview)

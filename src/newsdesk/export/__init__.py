"""Publishing: published stories out to HTML, IPTC ninjs, JSON Feed and Markdown.

`article.py` builds one view of a story that every format reads (so a byline, a credit or a
correction means the same thing in all of them); each format is one module with a `write()`.
"""

from enum import StrEnum


class ExportFormat(StrEnum):
    """The export formats, defined once for the command line and the exporter."""

    HTML = "html"
    NINJS = "ninjs"
    JSONFEED = "jsonfeed"
    MARKDOWN = "markdown"

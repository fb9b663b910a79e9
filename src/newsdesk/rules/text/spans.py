"""The prose of a story as rules see it: the body and the front-matter text fields, each with
a way back from a character offset to a line and column in the file.

Rules about wording (house style, soldiers' names, anonymous sources) must look wherever a
reader reads: a soldier's surname in a photo caption is as dangerous as in the body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from newsdesk.rules.text.normalise import Normalised, as_shown
from newsdesk.substring import contains

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

# Masked before wording rules run, keeping offsets: fenced code, inline code, URLs, link and
# image targets, HTML comments (suppression directives live there).
_CODE = r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]*`|<!--.*?(?:-->|\Z)"
_NOT_PROSE = re.compile(
    _CODE + r"|\]\([^)\n]{0,2048}\)|<https?://[^>\s]*>|\bhttps?://[^\s)>\]]+", re.DOTALL)
_NOT_MARKDOWN = re.compile(_CODE, re.DOTALL)
# What a reader never sees: link and image targets, bare URLs, and newsdesk's own directives.
_NOT_READ = re.compile(r"\]\([^)\n]{0,2048}\)|<https?://[^>\s]*>|\bhttps?://[^\s)>\]]+"
                       r"|<!--\s*newsdesk:.*?(?:-->|\Z)", re.DOTALL)
_COMMENT = re.compile(r"<!--(?!\s*newsdesk:)(.*?)(?:-->|\Z)", re.DOTALL)


class TextSpan(NamedTuple):
    """One piece of prose. `text` has non-prose masked with spaces; `locate` maps an offset
    in it (and the words found there) to a (line, column) in the file. (A tuple: every rule
    about wording makes a dozen of these per story, and a tuple is built several times
    faster than a frozen dataclass.)"""

    path: tuple[str | int, ...]  # ("body",), ("headline",), ("images", 0, "caption"), ...
    text: str
    doc: ParsedStory

    def locate(self, offset: int, matched: str) -> tuple[int, int]:
        if self.path == ("body",):
            return self.doc.source.body_position(offset)
        return _locate_in_field(self.doc, self.path, offset, matched)

    def file_offset(self, offset: int, matched: str) -> int | None:
        """Where `matched` (found at `offset` in this span) stands in the file's text, when
        it stands there verbatim; None when quoting or folding changed it (no safe fix)."""
        source = self.doc.source
        if self.path == ("body",):
            start = source.body_start + offset
        else:
            start = source.offset_of(*self.locate(offset, matched))
        return start if source.text[start:start + len(matched)] == matched else None


def mask_non_prose(text: str, links: bool = True) -> str:
    """Blank out code, comments and (with `links`) URLs and link targets, keeping offsets."""
    if "`" not in text and not contains(text, "](") and not contains(text, "://") \
            and "<" not in text and not contains(text, "~~~"):
        return text
    pattern = _NOT_PROSE if links else _NOT_MARKDOWN
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def spans(doc: ParsedStory, story: Story, body: bool = True) -> Iterator[TextSpan]:
    """The front-matter prose fields, then the body."""
    fields: list[tuple[tuple[str | int, ...], str | None]] = [
        (("headline",), story.headline), (("dek",), story.dek),
        (("editor_note",), story.editor_note),
    ]
    for index, image in enumerate(story.images):
        fields.append((("images", index, "caption"), image.caption))
        fields.append((("images", index, "alt"), image.alt))
    for path, value in fields:
        if value:
            yield TextSpan(path, value, doc)
    if body:
        yield TextSpan(("body",), mask_non_prose(doc.source.body), doc)


def published_spans(doc: ParsedStory, story: Story) -> Iterator[TextSpan]:
    """Everything a reader (or anyone with the repository) can read, as it is published:
    the prose fields, image credits, tags, corrections and the kill reason, the body with code
    kept (it is printed), and the text of every HTML comment as a span of its own (a comment
    is not on the page, but it is in the file). Only link targets, URLs and newsdesk's own
    directives are left out. Tags are slugs: their hyphens read as spaces."""
    yield from spans(doc, story, body=False)
    for index, image in enumerate(story.images):
        if image.credit:
            yield TextSpan(("images", index, "credit"), image.credit, doc)
    for index, tag in enumerate(story.tags):
        yield TextSpan(("tags", index), tag.replace("-", " "), doc)
    for index, correction in enumerate(story.corrections):
        yield TextSpan(("corrections", index, "text"), correction.text, doc)
    if story.kill_reason:
        yield TextSpan(("kill_reason",), story.kill_reason, doc)
    body = doc.source.body
    if contains(body, "](") or contains(body, "://") or "<" in body:
        body = _NOT_READ.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    yield TextSpan(("body",), body, doc)
    if contains(body, "<!--"):
        for match in _COMMENT.finditer(body):
            yield TextSpan(("body",), " " * match.start(1) + match.group(1), doc)


class JoinedSpans(NamedTuple):
    """Several short fields read as one text with a blank line between them. A name, a
    sentence or a phrase never crosses a blank line, so reading the headline, captions, credits
    and tags in one pass finds what reading them one by one finds, at a fraction of the
    per-field cost. `locate` hands an offset back to the field it falls in."""

    parts: tuple[TextSpan, ...]
    offsets: tuple[int, ...]
    text: str

    def locate(self, offset: int, matched: str) -> tuple[int, int]:
        index = max(0, bisect_right(self.offsets, offset) - 1)
        return self.parts[index].locate(offset - self.offsets[index], matched)


SEPARATOR = "\n\n"


def joined(spans: Iterable[TextSpan]) -> list[TextSpan | JoinedSpans]:
    """The body (and each comment) as it is; every other field joined into one text. A field
    that opens an HTML comment stays alone: an unclosed one would hide the fields after it."""
    out: list[TextSpan | JoinedSpans] = []
    short: list[TextSpan] = []
    for span in spans:
        if span.path == ("body",) or contains(span.text, "<!--"):
            out.append(span)
        else:
            short.append(span)
    if len(short) == 1:
        out.insert(0, short[0])
    elif short:
        offsets, position = [], 0
        for span in short:
            offsets.append(position)
            position += len(span.text) + len(SEPARATOR)
        out.insert(0, JoinedSpans(tuple(short), tuple(offsets),
                                  SEPARATOR.join(span.text for span in short)))
    return out


def _locate_in_field(doc: ParsedStory, path: tuple[str | int, ...], offset: int,
                     matched: str) -> tuple[int, int]:
    """Find the matched words in the raw YAML after the value's start: quoting and folding
    move text around, but words inside a scalar stay in order."""
    line, column = doc.where(path)
    source = doc.source
    start = source.offset_of(line, column)
    end = source.front_start + len(source.front)
    value = _value_at(doc, path)
    nth = value[:offset].count(matched) if matched else 0
    position = start
    for _ in range(nth + 1):
        found = source.text.find(matched, position, end)
        if found < 0:
            return line, column
        position = found + 1
    return source.position(position - 1)


def _value_at(doc: ParsedStory, path: tuple[str | int, ...]) -> str:
    value: object = doc.loaded.data
    for part in path:
        value = value[part]  # type: ignore[index]
    return value if isinstance(value, str) else ""


class QuotesOriginal:
    """A rule's reading of a span, as its findings quote and place it: a base for a
    dataclass holding the `span` it read and the `normal`ised text it read it as."""

    span: TextSpan | JoinedSpans
    normal: Normalised

    def source(self, start: int, end: int) -> str:
        """The original characters behind `start:end` of the normalised text."""
        origin = self.normal.origin(start)
        return self.span.text[origin:self.normal.origin(end - 1) + 1]

    def original(self, start: int, end: int) -> str:
        """Those words as a finding quotes them (a line break inside a name is a space)."""
        return as_shown(self.source(start, end))

    def at(self, start: int, end: int) -> tuple[int, int]:
        """The (line, column) in the file of the words at `start:end`."""
        return self.span.locate(self.normal.origin(start), self.source(start, end))

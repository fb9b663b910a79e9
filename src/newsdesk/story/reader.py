"""The story file format: Markdown with YAML front matter between two `---` lines.

This module owns reading: bytes in, front matter text and body out, with every problem named
by line and column of the file itself (front matter included). It keeps what a rewrite must
restore (a BOM, CRLF line endings) and never uses the slow round-trip YAML loader.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from newsdesk.problems import Problem, ProblemError
from newsdesk.substring import contains
from newsdesk.yamlsafe import LoadedYaml, Path_, YamlProblem, load_yaml

if TYPE_CHECKING:
    from newsdesk.models.story import Story

BOM = "\ufeff"
DEFAULT_MAX_BYTES = 1_000_000
_CLOSING = re.compile(r"^---[ ]*$", re.MULTILINE)
# C0 controls other than tab/LF/CR, DEL, and C1 controls: never legitimate in a story.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every byte except those controls: deleting them from a file's bytes leaves its C0 controls
# and DEL, a check at memory speed (C1 controls are UTF-8 0xC2 0x80-0x9F, hence the 0xC2 test).
_NOT_C0 = bytes(b for b in range(256) if not ((b < 32 and b not in (9, 10, 13)) or b == 127))


class StoryFormatError(ProblemError):
    """The file cannot be read as a story; `line`/`column` count from 1 in the file."""


@dataclass
class StoryText:
    """A story file split into its parts. Line endings are normalised to `\\n` here;
    `newline` and `bom` say how to write it back."""

    text: str  # the whole file, BOM removed, newlines normalised
    front: str  # the YAML between the markers, ending in a newline
    front_start: int  # offset of `front` in `text`
    body: str
    body_start: int  # offset of `body` in `text`
    newline: str = "\n"
    bom: bool = False
    # Offsets in `text` of each "\n" that stood for "\r\n" in the file (for byte offsets).
    collapsed: list[int] = field(default_factory=list)

    @property
    def front_first_line(self) -> int:
        return 2

    @property
    def front_closing_line(self) -> int:
        """The line of the `---` that closes the front matter."""
        return self.front_first_line + self.front.count("\n")

    @cached_property
    def body_first_line(self) -> int:
        return self.text.count("\n", 0, self.body_start) + 1

    @cached_property
    def _line_starts(self) -> list[int]:
        lengths = (len(line) + 1 for line in self.text.split("\n"))
        return [0, *accumulate(lengths)][:-1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in `text`."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def offset_of(self, line: int, column: int) -> int:
        """The character offset in `text` of a 1-based (line, column)."""
        starts = self._line_starts
        return starts[min(max(line, 1), len(starts)) - 1] + column - 1

    def body_position(self, body_offset: int) -> tuple[int, int]:
        return self.position(self.body_start + body_offset)

    def byte_offset(self, offset: int) -> int:
        """The byte offset in the file of character `offset` in `text`."""
        from bisect import bisect_left

        carriage_returns = bisect_left(self.collapsed, offset)
        return (3 if self.bom else 0) + self._utf8_length(offset) + carriage_returns

    _BLOCK = 4096

    @cached_property
    def _utf8_marks(self) -> list[int]:
        """The UTF-8 length of the text before each block of `_BLOCK` characters: a story
        with thousands of fixes does not encode its beginning once per fix."""
        marks = [0]
        for start in range(0, len(self.text), self._BLOCK):
            marks.append(marks[-1] + len(self.text[start:start + self._BLOCK].encode("utf-8")))
        return marks

    def _utf8_length(self, offset: int) -> int:
        if self.text.isascii():
            return min(offset, len(self.text))
        block = min(offset, len(self.text)) // self._BLOCK
        start = block * self._BLOCK
        return self._utf8_marks[block] + len(self.text[start:offset].encode("utf-8"))

    def encode(self, text: str | None = None) -> bytes:
        """Bytes for `text` (default: this file) with this file's BOM and line endings."""
        out = self.text if text is None else text
        if self.newline != "\n":
            out = out.replace("\n", self.newline)
        return ((BOM if self.bom else "") + out).encode("utf-8")


@dataclass
class ParsedStory:
    """A story whose front matter is valid YAML; positions are in file coordinates."""

    source: StoryText
    loaded: LoadedYaml
    model: Story | None = None
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path_) -> tuple[int, int]:
        return self.loaded.where(path)

    def key_where(self, path: Path_) -> tuple[int, int]:
        return self.loaded.key_positions.get(path) or self.loaded.where(path)

    def one_line_entries(self) -> dict[str, int] | None:
        """The top-level entries that are one whole line of the file, by key, with that
        line: the key at column 1, and the next entry (or the closing `---`) on the very
        next line, so no continuation, comment or blank line belongs to it. None when a
        top-level key is not at column 1, or the front matter holds a line break YAML
        counts and the file does not (a lone CR, NEL, U+2028, U+2029: YAML's line numbers
        are then not the file's). What a transition writes in place
        (`story.writer.set_fields`) and the audit reads without parsing
        (`workflow.versions`)."""
        front = self.source.front
        if any(mark in front for mark in ("\r", "\x85", "\u2028", "\u2029")):
            return None
        starts = {str(path[0]): where for path, where in self.loaded.key_positions.items()
                  if len(path) == 1}
        if any(column != 1 for _, column in starts.values()):
            return None
        opening = sorted(line for line, _ in starts.values())
        ends = dict(zip(opening, [*opening[1:], self.source.front_closing_line],
                        strict=True))
        return {key: line for key, (line, _) in starts.items() if ends[line] == line + 1}


def decode(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> StoryText:
    """Check size and encoding, then split off the front matter."""
    if len(raw) > max_bytes:
        raise StoryFormatError(
            f"file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit for a story "
            "(limits.max_story_bytes in newsdesk.yaml)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise StoryFormatError(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            line, column) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    newline = "\r\n" if contains(text, "\r\n") else "\n"
    collapsed: list[int] = []
    if newline != "\n":
        position = text.find("\r\n")
        while position >= 0:
            collapsed.append(position - len(collapsed))
            position = text.find("\r\n", position + 2)
        text = text.replace("\r\n", "\n")
    may_hold_control = bool(raw.translate(None, _NOT_C0)) or b"\xc2" in raw
    control = _CONTROL.search(text) if may_hold_control else None
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise StoryFormatError(
            f"control character U+{ord(control.group()):04X} is not allowed in a story",
            line, column)
    source = split(text, newline=newline, bom=bom)
    source.collapsed = collapsed
    return source


def split(text: str, newline: str = "\n", bom: bool = False) -> StoryText:
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip(" ") != "---":
        raise StoryFormatError(
            "a story must start with a line '---' that opens its YAML front matter")
    front_start = first_end + 1
    closing = _CLOSING.search(text, front_start) if first_end >= 0 else None
    if closing is None:
        raise StoryFormatError(
            "the front matter is not closed: add a line '---' after the last field")
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    return StoryText(
        text=text,
        front=text[front_start:closing.start()],
        front_start=front_start,
        body=text[body_start:],
        body_start=body_start,
        newline=newline,
        bom=bom,
    )


def parse(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedStory:
    """Read a story's bytes as far as valid YAML; raises StoryFormatError with a position."""
    source = decode(raw, max_bytes)
    text = source.text
    marker = _CONFLICT.search(text) if contains(text, "<<<<<<<") or contains(text, ">>>>>>>") \
        else None
    if marker is not None:
        line = source.text.count("\n", 0, marker.start()) + 1
        raise StoryFormatError("the file holds git conflict markers: merge the two versions "
                               "into one before anything else", line, 1)
    try:
        loaded = load_yaml(source.front, line_offset=source.front_first_line - 1)
    except YamlProblem as problem:
        raise StoryFormatError(problem.message, problem.line, problem.column) from None
    return ParsedStory(source=source, loaded=loaded)


_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.MULTILINE)
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control_characters(value: object, path: tuple[str | int, ...]
                        ) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, str):
        if _TEXT_CONTROL.search(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _control_characters(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _control_characters(item, (*path, index))


def read_model(parsed: ParsedStory, expected_id: str | None) -> ParsedStory:
    """Validate the front matter against the Story model; problems land in `parsed.problems`."""
    from newsdesk.models.check import validate
    from newsdesk.models.story import Story

    model, problems = validate(Story, parsed.loaded)
    parsed.problems = list(problems)
    # in a file without control characters (decode refuses them) they can come only from a
    # double-quoted YAML escape, which needs a backslash: the common case costs one search
    escaped = "\\" in parsed.source.front
    for path in _control_characters(parsed.loaded.data, ()) if escaped else ():
        # written as YAML escapes ("\e]0;..."): never in a text a terminal or page shows
        line, column = parsed.where(path)
        parsed.problems.append(Problem(line, column, "contains a control character (a YAML "
                                       "escape such as \\e or \\x1b); text fields may hold "
                                       "only text"))
        model = None
    if model is not None:
        from newsdesk.story.ids import id_problem

        problem = id_problem(model.id)
        if problem is not None:  # the one id rule the CLI applies too
            line, column = parsed.where(("id",))
            parsed.problems.append(Problem(line, column, f"id {model.id!r} {problem}"))
            model = None
    if model is not None and expected_id is not None and model.id != expected_id:
        line, column = parsed.where(("id",))
        parsed.problems.append(Problem(line, column,
                                       f"id {model.id!r} does not match the file name "
                                       f"{expected_id + '.md'!r}"))
        model = None
    parsed.problems.sort(key=lambda p: (p.line, p.column, p.message))
    parsed.model = model
    return parsed

"""Each version of a story as `audit` judges it: its id, status, byline, corrections and a
digest of its text, read from the bytes of one blob.

Reading YAML is most of a whole audit's time, and two versions in three in a newsroom's
history are workflow transitions: the version before with its `status:`, `updated:` or
`published_at:` line rewritten in place (300,000 versions of 100,000 stories). Such a
version is read from the one it was made from (`from_previous`), without parsing, where
that is provably what parsing it would give:

- the version before was parsed, is a mapping whose keys all start a line at column 1,
  and its file holds no line break but "\n" (YAML also breaks lines at a carriage return,
  NEL, U+2028 and U+2029: its line numbers would not be the file's);
- the new file has the same number of lines, and every line that differs stood for one
  whole top-level entry of one of those three keys (the next line starts the next key, or
  closes the front matter), and is now `key: value` with the same key and a value of
  letters, digits and `:.+_-` only, not ending in ":" (no quote, comment, anchor, tag, tab
  or space);
- that value reads, by the same resolver and constructors, as YAML reads it (a status
  read as text; a date that is a real date).

Every other line is the same, so the front matter keeps its structure: a line that opens
an entry at column 0 and holds all of it still does, and cannot reach into its neighbours
(a plain value continues only onto an indented line). The text digest, id, byline and
corrections are those of the version before; the status is the new line's. Anything else,
and every first version, is parsed (`read_version`); a test holds the two to each other on
generated front matter made to trip the shortcut.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsdesk.story.reader import StoryFormatError, parse

# Front-matter fields a transition itself writes; everything else is the story's text.
WORKFLOW_FIELDS = frozenset({"status", "updated", "published_at", "corrections", "kill_reason"})
# The workflow fields a transition rewrites on one line of their own.
_ONE_LINE_FIELDS = frozenset({"status", "updated", "published_at"})
# A plain value of letters, digits and `:.+_-`, not ending in ":" (YAML reads a line ending
# "x:" as the start of a mapping, which is no value here)
_ONE_LINE_ENTRY = re.compile(
    rb"(status|updated|published_at): ([0-9A-Za-z](?:[0-9A-Za-z:.+_-]*[0-9A-Za-z.+_-])?)")
_STR = "tag:yaml.org,2002:str"
# What YAML also reads as a line break, besides "\n" (CR; NEL; U+2028 and U+2029 in UTF-8):
# a key's line, as YAML counts lines, is then not the file's line of that number.
_OTHER_LINE_BREAKS = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


@dataclass(frozen=True, slots=True)  # one for each version of each story: 300,000
class Version:
    """A story as one blob holds it."""

    blob: str
    story_id: str
    status: str
    byline: tuple[str, ...]
    text: str  # a digest of everything but the workflow fields
    corrections: tuple[str, ...]

    def same_text(self, other: Version) -> bool:
        return self.text == other.text


@dataclass(frozen=True, slots=True)
class Layout:
    """A version's lines up to the one that closes its front matter, the bytes after them
    (the body: compared whole), and which lines each hold one whole one-line workflow
    entry (index -> key): what a later version is compared with."""

    lines: list[bytes]
    body: bytes
    one_line_entries: dict[int, str]


def read_version(blob: str, raw: bytes) -> Version | None:
    """The version `raw` holds, parsed; None when it is not a story (the audit reports the
    story when such a version is the one it judges)."""
    return read_with_layout(blob, raw)[0]


def read_with_layout(blob: str, raw: bytes) -> tuple[Version | None, Layout | None]:
    """`read_version`, with the layout a later version can be read from (None where the
    shortcut does not apply)."""
    try:
        parsed = parse(raw, max(len(raw), 1))  # the audit reads stories of any size
    except StoryFormatError:
        return None, None
    data = parsed.loaded.data
    if not isinstance(data, dict):
        return None, None
    byline = data.get("byline")
    text = {k: v for k, v in data.items() if k not in WORKFLOW_FIELDS}
    digest = hashlib.sha256(json.dumps([text, parsed.source.body], sort_keys=True,
                                       default=str).encode()).hexdigest()
    corrections = data.get("corrections")
    version = Version(blob, str(data.get("id", "")), str(data.get("status")),
                      tuple(str(b) for b in byline) if isinstance(byline, list) else (),
                      digest,
                      tuple(json.dumps(c, sort_keys=True, default=str) for c in corrections)
                      if isinstance(corrections, list) else ())
    entries = parsed.one_line_entries()
    if entries is None or any(mark in raw for mark in _OTHER_LINE_BREAKS):
        return version, None  # YAML's line numbers would not be the file's
    one_line = {line - 1: key for key, line in entries.items() if key in _ONE_LINE_FIELDS}
    # the closing line is the last of `lines`
    *lines, body = raw.split(b"\n", parsed.source.front_closing_line)
    return version, Layout(lines, body, one_line)


def from_previous(previous: Version, layout: Layout, blob: str, raw: bytes
                  ) -> tuple[Version, Layout] | None:
    """The version `raw` holds, read from the version it was made from, when the shortcut
    described above applies; None when it must be parsed."""
    if b"\r" in raw or not raw.endswith(layout.body):
        return None
    *lines, body = raw.split(b"\n", len(layout.lines))
    if len(lines) != len(layout.lines) or len(body) != len(layout.body):
        return None
    status = previous.status
    for index, (before, after) in enumerate(zip(layout.lines, lines, strict=True)):
        if before == after:
            continue
        key = layout.one_line_entries.get(index)
        entry = _ONE_LINE_ENTRY.fullmatch(after)
        if key is None or entry is None or entry.group(1).decode() != key:
            return None
        tag, value = _read_scalar(entry.group(2).decode("ascii"))
        if tag is None or (key == "status" and tag != _STR):
            return None
        if key == "status":
            status = value
    return Version(blob, previous.story_id, status, previous.byline, previous.text,
                   previous.corrections), Layout(lines, layout.body, layout.one_line_entries)


def _read_scalar(text: str) -> tuple[str | None, Any]:
    """(tag, value) of a plain YAML scalar as the story reader would read it, or (None,
    None) when reading it fails (the version is then parsed, and the parse says why)."""
    import yaml
    from yaml.constructor import SafeConstructor

    from newsdesk.yamlsafe import plain_tag

    tag = plain_tag(text)
    if tag == _STR:
        return tag, text
    constructor = SafeConstructor.yaml_constructors.get(tag)
    if constructor is None:
        return None, None
    try:
        return tag, constructor(_constructor(), yaml.ScalarNode(tag, text))
    except (ValueError, yaml.YAMLError):
        return None, None


@cache
def _constructor() -> Any:
    from yaml.constructor import SafeConstructor

    return SafeConstructor()


def read_in_worker(root: Path, versions: list[tuple[str, str | None]]) -> list[Version | None]:
    """In a worker process: each (blob, the blob it was made from, or None) as a Version,
    read through a git of its own; a blob made from one read earlier in `versions` is read
    from it where the shortcut applies."""
    from newsdesk.git.batch import objects

    read: dict[str, tuple[Version | None, Layout | None]] = {}
    found: list[Version | None] = []
    for (blob, base), (answer,) in objects(root, (((blob, base), [blob])
                                                   for blob, base in versions)):
        if answer is None or answer[1] != "blob":
            read[blob] = (None, None)
            found.append(None)
            continue
        previous, layout = read.get(base, (None, None)) if base is not None else (None, None)
        quick = from_previous(previous, layout, blob, answer[2]) \
            if previous is not None and layout is not None else None
        read[blob] = quick if quick is not None else read_with_layout(blob, answer[2])
        found.append(read[blob][0])
    return found

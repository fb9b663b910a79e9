"""Reading a version from the one before it (`from_previous`) gives what parsing it gives,
or refuses: on transitions as newsdesk writes them, on edits an insider could slip past a
careless shortcut, and on generated front matter full of YAML that spans lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.workflow.versions import (
    from_previous,
    read_in_worker,
    read_version,
    read_with_layout,
)

DRAFT = b"""---
id: water-returns
status: draft
headline: Water returns to the river town
dek: Crews restore the pumping station.
byline: [olena-reporter]
created: 2026-11-29T04:04:13Z
updated: 2026-11-29T04:04:13Z
published_at: null
tags:
  - water
corrections: []
---
Crews restored the pumping station on Friday.
"""


def _shortcut(before: bytes, after: bytes) -> object:
    previous, layout = read_with_layout("a" * 40, before)
    assert previous is not None and layout is not None
    return from_previous(previous, layout, "b" * 40, after)


def test_a_transition_as_newsdesk_writes_it_is_read_without_parsing() -> None:
    review = DRAFT.replace(b"status: draft", b"status: review").replace(
        b"updated: 2026-11-29T04:04:13Z", b"updated: 2026-11-30T09:00:00Z")
    published = review.replace(b"status: review", b"status: published").replace(
        b"published_at: null", b"published_at: 2026-11-30T10:00:00+02:00")
    previous, layout = read_with_layout("a" * 40, DRAFT)
    assert previous is not None and layout is not None
    quick = from_previous(previous, layout, "b" * 40, review)
    assert quick is not None
    assert quick[0] == read_version("b" * 40, review)
    assert quick[0].status == "review" and quick[0].same_text(previous)
    again = from_previous(*quick, "c" * 40, published)  # read from a version read so
    assert again is not None and again[0] == read_version("c" * 40, published)
    assert again[0].status == "published"


def test_anything_more_than_a_workflow_line_is_parsed() -> None:
    edits = [
        # the status and the text in one commit: what a self-publishing insider does
        DRAFT.replace(b"status: draft", b"status: published").replace(b"Friday", b"Monday"),
        DRAFT.replace(b"dek: Crews", b"dek: Teams"),  # a front-matter text field
        DRAFT.replace(b"status: draft", b"status: draft\nkill_reason: x"),  # a line added
        DRAFT.replace(b"status: draft", b"status: yes"),  # YAML reads a boolean
        DRAFT.replace(b"status: draft", b"status: 'review'"),  # not a plain value
        DRAFT.replace(b"status: draft", b"status: review # note"),
        DRAFT.replace(b"status: draft", b"headline: review"),  # another key
        DRAFT.replace(b"updated: 2026-11-29T04:04:13Z", b"updated: 2026-13-45T04:04:13Z"),
        DRAFT.replace(b"\n", b"\r\n"),
        DRAFT.replace(b"corrections: []", b"corrections: [x]"),  # not a one-line field
    ]
    for edit in edits:
        assert _shortcut(DRAFT, edit) is None, edit


def test_a_line_that_only_looks_like_an_entry_is_never_rewritten_quickly() -> None:
    # the second line continues the quoted headline: YAML reads it as part of the text
    quoted = DRAFT.replace(b"headline: Water returns to the river town",
                           b'headline: "Water returns\nstatus: draft"')
    assert read_version("a" * 40, quoted) is not None
    assert _shortcut(quoted, quoted.replace(b"status: draft\"", b"status: review\"")) is None
    # a mapping indented as a whole: its keys do not start at column 1
    indented = DRAFT.replace(b"\n", b"\n ").replace(b"\n ---\n ", b"\n---\n", 1)
    body_at = indented.index(b"\n---\n")
    indented = indented[:body_at].replace(b"---\n ", b"---\n", 1) + b"\n---\nText.\n"
    parsed, layout = read_with_layout("a" * 40, indented)
    if parsed is not None:
        assert layout is None


def test_a_line_break_only_yaml_sees_turns_the_shortcut_off() -> None:
    """YAML breaks lines at U+2028 and U+2029 too: with one in the front matter, the lines
    YAML numbers its keys by are not the file's lines, and a line the shortcut took for
    `status:` could be another (here the file's `updated:` line, rewritten as a second
    status, which YAML refuses as a duplicate key)."""
    for separator in ("\u2028", "\u2029"):
        before = (f"---\nid: s1\nkicker: Quiet{separator}status: draft\n"
                  "updated: 2026-11-29T04:04:13Z\npublished_at: null\n---\nBody.\n").encode()
        after = before.replace(b"updated: 2026-11-29T04:04:13Z", b"status: published")
        previous, layout = read_with_layout("a" * 40, before)
        assert previous is not None and previous.status == "draft"
        assert layout is None
        assert read_version("b" * 40, after) is None  # what the audit must see


def test_every_short_value_reads_as_parsing_reads_it() -> None:
    """Every value of up to three characters drawn from what the shortcut lets through
    (and a few longer ones YAML reads as something else), on each of the three lines:
    the shortcut gives what parsing gives, or leaves it to parsing."""
    import itertools

    alphabet = "aZ0:.+_-"
    values = ["".join(chars) for size in (1, 2, 3)
              for chars in itertools.product(alphabet, repeat=size)]
    values += ["review:", "2026-11-30T10:00:00Z:", "0x1F", "0o17", ".inf", "1e3", "yes", "Off",
               "2026-02-30", "2026-11-30T25:00:00Z", "1_000", "12:30:00"]
    previous, layout = read_with_layout("a" * 40, DRAFT)
    assert previous is not None and layout is not None
    quick_ones = 0
    for key, line in ((b"status", b"status: draft"),
                      (b"updated", b"updated: 2026-11-29T04:04:13Z"),
                      (b"published_at", b"published_at: null")):
        for value in values:
            after = DRAFT.replace(line, key + b": " + value.encode())
            quick = from_previous(previous, layout, "b" * 40, after)
            if quick is not None:
                quick_ones += 1
                assert quick[0] == read_version("b" * 40, after), (key, value)
    assert quick_ones > len(values) // 2  # the shortcut does answer for many of them


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from([b"status", b"updated", b"published_at"]),
       value=st.from_regex(r"[0-9A-Za-z:.+_-]{1,14}", fullmatch=True))
def test_any_value_the_shortcut_takes_reads_as_parsing_reads_it(key: bytes, value: str) -> None:
    line = {b"status": b"status: draft", b"updated": b"updated: 2026-11-29T04:04:13Z",
            b"published_at": b"published_at: null"}[key]
    after = DRAFT.replace(line, key + b": " + value.encode())
    previous, layout = read_with_layout("a" * 40, DRAFT)
    assert previous is not None and layout is not None
    quick = from_previous(previous, layout, "b" * 40, after)
    if quick is not None:
        assert quick[0] == read_version("b" * 40, after)


# For each key, the shapes it may take (one or none of them in a generated front matter):
# entries that span lines in every way YAML allows, some holding text that looks like a
# workflow line, and the one-line workflow entries the shortcut rewrites.
_SHAPES = [
    # (YAML also breaks lines at U+2028 and U+2029, which are no line break to git or to
    # Python's split: one file line can hold two entries)
    ["headline: Quiet night", 'headline: "Quiet\nstatus: published"', "headline: 'One\n  two'",
     "headline: Quiet\u2029standfirst: night"],
    ["dek: A plain value\n  that goes on", "dek: |\n  kept\n\n  lines", "dek: |+\n  kept\n\n",
     "dek: >-\n  folded\n  text"],
    ["tags: [a,\nstatus: published]", "tags:\n  - a\n  - status: published"],
    ["# status: published"],
    [""],
    ["byline: [someone]"],
    ["corrections: []"],
    ["status: draft", "status: review # set by hand", "? status\n: draft",
     "kicker: Quiet\u2028status: draft"],
    ["updated: 2026-11-29T04:04:13Z"],
    ["published_at: null"],
    ["kill_reason: null"],
]
_VALUES = [
    "review", "published", "draft", "yes", "null", "~", "12", "re:view", "review:", "2026-01-01",
    "2026-11-30T09:00:00Z", "2026-13-30T09:00:00Z", "2026-02-30", "2026-11-30T10:00:00+02:00",
    "'review'", "review # note", "[review]", "",
]
_LINES = ["headline: review", "  status: review", "", "# a comment", "---", "status: review"]


@st.composite
def _front_matter(draw: st.DrawFn) -> str:
    chosen = [draw(st.sampled_from(shapes)) for shapes in _SHAPES if draw(st.booleans())]
    return "\n".join(draw(st.permutations(chosen)))


# An edit: a line that starts with a workflow key (the shortcut's own case, and the
# look-alikes inside quoted and flow values) given a new value, or any line replaced.
_EDITS = st.one_of(
    st.tuples(st.sampled_from(["status:", "updated:", "published_at:"]), st.sampled_from(_VALUES)),
    st.tuples(st.integers(0, 30), st.sampled_from(_LINES)))


@settings(max_examples=500, deadline=None)
@given(entries=_front_matter(),
       edits=st.lists(_EDITS, min_size=1, max_size=3))
def test_the_shortcut_agrees_with_parsing_wherever_it_answers(
        entries: str, edits: list[tuple[int | str, str]]) -> None:
    before = "---\nid: s1\n" + entries + "\n---\nBody text.\n"
    previous, layout = read_with_layout("a" * 40, before.encode())
    assert previous is not None
    if layout is None:  # a key written "? key" does not start at column 1; a line break
        # only YAML sees puts YAML's line numbers off the file's
        assert "? " in entries or "\u2028" in entries or "\u2029" in entries
        return
    lines = before.split("\n")
    for target, new in edits:
        if isinstance(target, int):
            lines[target % len(lines)] = new
            continue
        for index in [i for i, old in enumerate(lines) if old.startswith(target)]:
            lines[index] = f"{target} {new}"
    after = "\n".join(lines).encode()
    quick = from_previous(previous, layout, "b" * 40, after)
    if quick is None:
        return
    parsed, parsed_layout = read_with_layout("b" * 40, after)
    assert quick[0] == parsed
    assert parsed_layout is not None
    assert quick[1].one_line_entries == parsed_layout.one_line_entries


def test_the_workers_reading_equals_parsing_each_version(tmp_path: Path) -> None:
    """`read_in_worker`, run here rather than in a worker process: each version, read from
    git, quickly where it was made from the one before and parsed otherwise, equals parsing
    it; a broken file, a list and a missing object read as no story."""
    root = tmp_path / "repo"
    root.mkdir()
    review = DRAFT.replace(b"status: draft", b"status: review")
    published = review.replace(b"status: review", b"status: published").replace(
        b"published_at: null", b"published_at: 2026-11-30T10:00:00Z")
    texts = [DRAFT, review, published, b"---\nid: [broken\n---\n", b"---\n- a list\n---\n"]
    blobs = [_blob(root, text) for text in texts]
    versions: list[tuple[str, str | None]] = [
        (blobs[0], None), (blobs[1], blobs[0]), (blobs[2], blobs[1]), (blobs[3], None),
        (blobs[4], blobs[3]), ("0" * 39 + "1", blobs[2])]
    read = read_in_worker(root, versions)
    parsed = [read_version(blob, text) for blob, text in zip(blobs, texts, strict=True)]
    assert read == [*parsed, None]
    assert [v.status if v else None for v in read] == [
        "draft", "review", "published", None, None, None]


def _blob(root: Path, data: bytes) -> str:
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    done = subprocess.run(["git", "-C", str(root), "hash-object", "-w", "--stdin"],
                          input=data, capture_output=True, check=True)
    return done.stdout.decode().strip()

"""Reading story files: splitting, encodings, and positions of every problem."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.story.reader import StoryFormatError, parse


def test_split_takes_the_first_closing_marker_and_keeps_rules_in_the_body() -> None:
    parsed = parse(b"---\nid: abc\n---\nBody\n\n---\n\nMore\n")
    assert parsed.loaded.data == {"id": "abc"}
    assert parsed.source.body == "Body\n\n---\n\nMore\n"
    assert parsed.source.body_first_line == 4


def test_positions_are_in_file_coordinates() -> None:
    parsed = parse(b"---\nid: abc\nheadline: Hello\n---\n")
    assert parsed.where(("headline",)) == (3, 11)
    assert parsed.key_where(("headline",)) == (3, 1)


@pytest.mark.parametrize(("raw", "line", "column", "words"), [
    (b"id: abc\n", 1, 1, "must start with a line '---'"),
    (b"---\nid: abc\nheadline: x\n", 1, 1, "not closed"),
    (b"---\nid: abc\nheadline: \xff\n---\n", 3, 11, "not valid UTF-8"),
    (b"---\nid: abc\n---\nbody \x00 here\n", 4, 6, "U+0000"),
    (b"---\nid: abc\n---\nbody \xc2\x85 here\n", 4, 6, "U+0085"),
    (b"---\nid: abc\nid: def\n---\n", 3, 1,
     "duplicate key 'id' (first at line 2, again at line 3)"),
    (b"---\nid: abc\nheadline:\n\tx: 1\n---\n", 4, 1, "tab character"),
    (b"---\nid: abc\t\n---\n", 2, 8, "tab character"),
    (b"---\nid: !!python/object/apply:os.system [ls]\n---\n", 2, 5, "explicit YAML tags"),
    (b"---\nid: !Foo x\n---\n", 2, 5, "explicit YAML tags"),
    (b"---\na: &x [1]\nb: *x\n---\n", 2, 4, "anchors"),
    (b"---\nheadline: [unclosed\n---\n", 3, 1, "YAML error"),
])
def test_problems_name_line_and_column(raw: bytes, line: int, column: int, words: str) -> None:
    with pytest.raises(StoryFormatError) as caught:
        parse(raw)
    assert words in caught.value.message
    assert (caught.value.line, caught.value.column) == (line, column)


def test_size_cap_is_checked_before_decoding() -> None:
    with pytest.raises(StoryFormatError, match="over the 2,000-byte limit"):
        parse(b"---\n" + b"x" * 3000, max_bytes=2000)


def test_bom_and_crlf_are_accepted_and_remembered() -> None:
    parsed = parse(b"\xef\xbb\xbf---\r\nid: abc\r\n---\r\nBody\r\n")
    assert parsed.loaded.data == {"id": "abc"}
    assert parsed.source.bom and parsed.source.newline == "\r\n"
    assert parsed.source.body == "Body\n"


@given(st.lists(st.text(alphabet=st.sampled_from("aй€𝐀 "), max_size=300), max_size=40),
       st.lists(st.booleans(), min_size=40, max_size=40), st.data())
@settings(max_examples=60, deadline=None)
def test_byte_offsets_are_those_of_the_file(lines: list[str], crlf: list[bool],
                                            data: st.DataObject) -> None:
    """A fix's byte offsets, computed block by block, are the offsets in the file's bytes
    (with its BOM and a mix of CRLF and LF line endings)."""
    from newsdesk.story.reader import decode

    body = "".join(line + ("\r\n" if crlf[i] else "\n") for i, line in enumerate(lines))
    raw = ("\ufeff---\r\nid: x\r\n---\r\n" + body).encode("utf-8")
    source = decode(raw)
    offset = data.draw(st.integers(0, len(source.text)))
    # the character at `offset` of the normalised text, found in the file's own bytes
    normal, index = 0, 3
    while normal < offset:
        index += 2 if raw[index:index + 2] == b"\r\n" else len(
            raw[index:].decode("utf-8")[0].encode("utf-8"))
        normal += 1
    assert source.byte_offset(offset) == index

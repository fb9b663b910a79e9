"""Writing story files: a new draft, and changes to the front matter of an existing one.

Changes go through ruamel.yaml's round-trip mode, and then one more guarantee is added on top:
the front matter is cut into top-level fields, and every field whose value did not change keeps
its original text byte for byte. So a status change rewrites the `status:` line and nothing
else: comments, key order, quoting, folded text, indentation, a BOM and CRLF endings all stay.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

from newsdesk.story.reader import ParsedStory, StoryFormatError, StoryText
from newsdesk.timefmt import iso_utc
from newsdesk.yamlsafe import YamlProblem, load_yaml, plain_tag


def _yaml(indent: int = 2, block_seq_indent: int | None = None) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    offset = 2 if block_seq_indent is None else block_seq_indent
    yaml.indent(mapping=indent, sequence=max(indent, offset + 2), offset=offset)

    def represent_datetime(representer: Any, value: dt.datetime) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:timestamp", iso_utc(value))

    yaml.representer.add_representer(dt.datetime, represent_datetime)
    yaml.representer.add_representer(str, _represent_str)
    # Stories may not hold anchors or aliases, so never write any (ruamel would alias the
    # same datetime object used for `created` and `updated`).
    yaml.representer.ignore_aliases = lambda *args: True
    return yaml


def _represent_str(representer: Any, value: str) -> Any:
    """ruamel writes YAML 1.2, where `NO`, `1.10` or `2025-03-04` are plain text; newsdesk
    reads YAML 1.1, where they are a boolean, a number and a date. Quote any text the 1.1
    reader would not read back as text."""
    if plain_tag(value) != "tag:yaml.org,2002:str":
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return representer.represent_str(value)


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def render_new(fields: dict[str, Any], body: str) -> str:
    """The text of a new story file; empty lists are written in flow style (`tags: []`)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data = CommentedMap()
    for key, value in fields.items():
        if isinstance(value, list) and not value:
            seq = CommentedSeq()
            seq.fa.set_flow_style()
            data[key] = seq
        else:
            data[key] = value
    return checked("---\n" + _dump(_yaml(), data) + "---\n" + body)


def checked(text: str) -> str:
    """Refuse to hand out a file newsdesk itself could not read back: a bug must never
    become a broken story on disk."""
    return read_back(text).source.text


def read_back(text: str) -> ParsedStory:
    """`text` parsed as a story, as `checked` demands; the parse is returned so that a caller
    who validates the rewritten story next does not parse it again."""
    from newsdesk.errors import EnvironmentProblem
    from newsdesk.story.reader import parse

    try:
        return parse(text.encode("utf-8"), max_bytes=len(text.encode("utf-8")) + 1)
    except StoryFormatError as error:
        raise EnvironmentProblem(
            f"internal error: the rewritten story would not parse (line {error.line}: "
            f"{error.message}); nothing was written. Please report this.") from None


def update_front_matter(source: StoryText, change: Callable[[Any], None]) -> str:
    """The whole file text after `change` edits the round-trip front matter mapping in place."""
    return rewrite_front_matter(source, change).source.text


def rewrite_front_matter(source: StoryText, change: Callable[[Any], None]) -> ParsedStory:
    """`update_front_matter`, returning the rewritten story as read back (parsed once)."""
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, block_seq_indent = load_yaml_guess_indent(source.front)
    yaml = _yaml(indent or 2, block_seq_indent)
    data = yaml.load(source.front)
    if data is None:
        raise StoryFormatError("the front matter is empty", 2)
    change(data)
    front = splice_unchanged(source.front, _dump(yaml, data), lambda key, value: _dump(
        yaml, {key: _plain(value)}))
    end = source.front_start + len(source.front)
    return read_back(source.text[: source.front_start] + front + source.text[end:])


def set_fields(parsed: ParsedStory, values: dict[str, str | dt.datetime]) -> ParsedStory:
    """The story with each top-level field of `values` set (`status`, `updated`,
    `published_at`: what a workflow transition writes), as read back. Where every one of
    them is a one-line `key: value` entry, those lines are written in place, as the
    round-trip writer would write them, and the result is read back and compared with the
    story it must be (every other field unchanged); anything else, or a result that does
    not compare, goes through the round-trip writer (`rewrite_front_matter`), whose import
    and load cost a transition about 50 ms."""
    quick = _set_lines(parsed, values)
    if quick is not None:
        return quick

    def change(data: Any) -> None:
        for key, value in values.items():
            data[key] = value

    return rewrite_front_matter(parsed.source, change)


def _set_lines(parsed: ParsedStory, values: dict[str, str | dt.datetime]
               ) -> ParsedStory | None:
    source, data = parsed.source, parsed.loaded.data
    front = source.front
    entries = parsed.one_line_entries()
    if entries is None or not isinstance(data, dict) or not front.endswith("\n"):
        return None
    lines = front[:-1].split("\n")
    for key, value in values.items():
        text = _plain_text(value)
        if key not in entries or text is None:
            return None
        number = entries[key] - source.front_first_line
        line = lines[number]
        old = line[len(key) + 1:].strip() if line.startswith(f"{key}:") else None
        if not old or not (old[0].isalnum() or old == "~") or "#" in line:
            return None  # a quoted value keeps its quotes in the round-trip writer
        if data[key] != value:  # an unchanged field keeps its text, as in the writer
            lines[number] = f"{key}: {text}"
    end = source.front_start + len(front)
    rewritten = read_back(source.text[:source.front_start] + "\n".join(lines) + "\n"
                          + source.text[end:])
    wanted = {**data, **values}
    if rewritten.loaded.data != wanted or list(rewritten.loaded.data) != list(wanted):
        return None
    return rewritten


def _plain_text(value: str | dt.datetime) -> str | None:
    """`value` as the round-trip writer writes it (`_yaml`): a date as `iso_utc`, text
    plain when YAML 1.1 reads it back as that text; None for anything else."""
    if isinstance(value, dt.datetime):
        return iso_utc(value)
    if not value or value != value.strip() or any(c in value for c in ":#'\"{}[],&*!|>%@`"):
        return None
    return value if plain_tag(value) == "tag:yaml.org,2002:str" else None


def _plain(value: Any) -> Any:
    """Round-trip containers as plain lists and dicts, so a fresh dump carries no stale comments."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        if not value:
            from ruamel.yaml.comments import CommentedSeq

            empty = CommentedSeq()
            empty.fa.set_flow_style()
            return empty
        return [_plain(v) for v in value]
    return value


def _blocks(text: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """Split YAML into the text before the first key and one text block per top-level key."""
    try:
        loaded = load_yaml(text)
    except YamlProblem as problem:
        raise StoryFormatError(problem.message, problem.line + 1, problem.column) from None
    data = loaded.data if isinstance(loaded.data, dict) else {}
    lines = text.splitlines(keepends=True)
    starts = sorted((loaded.key_positions[(key,)][0], key) for key in data)
    head_end = starts[0][0] - 1 if starts else len(lines)
    blocks: dict[str, str] = {}
    for index, (line, key) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        blocks[key] = "".join(lines[line - 1:end])
    return "".join(lines[:head_end]), blocks, data


_FLOW_OR_EMPTY_WITH_COMMENT = re.compile(r"^[^:#]+:\s*(?:\[[^\]#'\"]*\]|\{\}|)\s*(#.*)$")


def _split_trailing_comments(block: str) -> tuple[str, str]:
    """A block's own text, and the full-line comments after it (they precede the next key)."""
    lines = block.splitlines(keepends=True)
    cut = len(lines)
    while cut > 1 and (not lines[cut - 1].strip() or lines[cut - 1].startswith("#")):
        cut -= 1
    return "".join(lines[:cut]), "".join(lines[cut:])


def splice_unchanged(original: str, dumped: str,
                     fresh: Callable[[str, Any], str] | None = None) -> str:
    """`dumped`, except that each top-level field whose value is unchanged keeps its old text.

    A changed list or mapping is written afresh by `fresh` (ruamel would otherwise move
    comments that belonged after it into it), keeping the key line's comment and the
    full-line comments that followed the old block.
    """
    head, old_blocks, old_data = _blocks(original)
    _, new_blocks, new_data = _blocks(dumped)
    out = [head]
    for key, new_block in new_blocks.items():
        if key in old_data and old_data[key] == new_data[key]:
            block = old_blocks[key]
        elif fresh is not None and isinstance(new_data[key], list | dict):
            block = fresh(key, new_data[key])
            if key in old_blocks:
                own, trailing = _split_trailing_comments(old_blocks[key])
                first = own.splitlines()[0] if own else ""
                comment = _FLOW_OR_EMPTY_WITH_COMMENT.match(first)
                if comment:
                    head_line, _, rest = block.partition("\n")
                    block = f"{head_line}   {comment.group(1)}\n{rest}"
                block += trailing
        else:
            block = new_block
        if out[-1] and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.append(block)
    result = "".join(out)
    if result and not result.endswith("\n"):
        result += "\n"
    return result

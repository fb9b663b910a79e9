"""Fast, safe reading of YAML with a position for every value.

Stories never need YAML's programming features, and some of them are attacks: explicit tags
(`!!python/object/apply:os.system`), anchors and aliases (a "billion laughs" alias bomb), merge
keys. This module refuses all of them before any data is built: a cheap character test skips the
check for the common case, and otherwise libyaml's event stream is scanned, which never expands
an alias. Nodes are then composed by libyaml (C) and turned into plain Python values here, so
that duplicate keys are caught (PyYAML silently keeps the last one) and every value's line and
column is recorded for findings. Reading for validation never uses the slow round-trip loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from newsdesk.problems import ProblemError

try:  # pragma: no cover - which loader exists depends on how PyYAML was built
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

# The first characters a plain scalar can start with and be read as something other than
# text (booleans, numbers, null, dates, YAML's own marks).
_MAY_BE_TYPED = frozenset(key for key in _Base.yaml_implicit_resolvers if key is not None)
# The shortcut below holds while no resolver applies to every first character and none
# depends on the path; PyYAML's safe loader has neither.
assert None not in _Base.yaml_implicit_resolvers and not _Base.yaml_path_resolvers


# A scalar led by a letter can only be a boolean or null ("no", "True", "null"), none longer
# than five letters: a longer one is text ("frontline", "Night shift ...").
_LETTER_LED = {tag for first, resolvers in _Base.yaml_implicit_resolvers.items()
               if first.isalpha() for tag, _ in resolvers}
assert _LETTER_LED.issubset({"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"})
_LONGEST_WORD = len("false")
_SHORT_WORDS: dict[str, str] = {}  # what each short plain scalar resolved to


class _Loader(_Base):  # type: ignore[misc]
    """libyaml asks Python what each scalar is (its resolver is Python code, called once per
    key and value: a third of reading a story's front matter). Most plain scalars start with
    a letter no typed value starts with, or are longer than any word YAML reads as a boolean
    or null, and are text: answered here without the general search, which still answers
    everything else (short words are remembered: keys such as `name` and `tags` repeat)."""

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            first = value[:1]
            if first not in _MAY_BE_TYPED:
                return _STR  # ("" is in _MAY_BE_TYPED: an empty scalar is null)
            if first.isalpha():
                if len(value) > _LONGEST_WORD:
                    return _STR
                known = _SHORT_WORDS.get(value)
                if known is None:
                    known = str(super().resolve(kind, value, implicit))
                    if len(_SHORT_WORDS) < 4096:
                        _SHORT_WORDS[value] = known
                return known
        return str(super().resolve(kind, value, implicit))

MAX_DEPTH = 40

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}
_constructor = SafeConstructor()


@cache
def _plain_resolver() -> Any:
    return yaml.resolver.Resolver()


def plain_tag(text: str) -> str:
    """The tag YAML 1.1, as newsdesk reads it, gives `text` written as a plain scalar
    (`...:str` for text; `NO`, `1.10` or `2025-03-04` are a boolean, a number, a date):
    what a writer must quote, and what a reader without a parse takes a value for."""
    return str(_plain_resolver().resolve(yaml.ScalarNode, text, (True, False)))


class YamlProblem(ProblemError):
    """The YAML cannot be read; its position is 1-based in the file (see `line_offset`)."""


@dataclass
class LoadedYaml:
    """Plain Python data plus where each piece of it stands in the text (1-based)."""

    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # For scalars YAML did not read as text: (what YAML read it as, the source text).
    implicit: dict[Path_, tuple[str, str]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """The closest known position for `path`: the value, else its key, else its parent."""
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            if probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))


def _mark(mark: Any, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a libyaml mark, shifted by `offset` lines."""
    if mark is None:
        return (1 + offset, 1)
    return (mark.line + 1 + offset, mark.column + 1)


def _problem_from_yaml_error(error: yaml.YAMLError, offset: int) -> YamlProblem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = _mark(mark, offset)
        parts = [p for p in (error.context, error.problem) if p]
        text = "; ".join(parts) or "invalid YAML"
        return YamlProblem(f"YAML error: {text}", line, column)
    return YamlProblem(f"YAML error: {error}", 1 + offset, 1)


def _refuse_tags_and_aliases(text: str, offset: int) -> None:
    """Scan libyaml's events; aliases are never expanded here, so a bomb costs nothing."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line, column = _mark(event.start_mark, offset)
                raise YamlProblem(
                    f"YAML aliases (*{event.anchor}) are not allowed in newsdesk files",
                    line, column)
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                line, column = _mark(event.start_mark, offset)
                raise YamlProblem(
                    f"YAML anchors (&{anchor}) are not allowed in newsdesk files", line, column)
            tag = getattr(event, "tag", None)
            if tag is not None:
                line, column = _mark(event.start_mark, offset)
                raise YamlProblem(
                    f"explicit YAML tags ({tag}) are not allowed in newsdesk files",
                    line, column)
    except yaml.YAMLError as error:
        raise _problem_from_yaml_error(error, offset) from None


def _refuse_tabs(text: str, line_offset: int) -> None:
    """Tabs break YAML indentation and hide in trailing space; newsdesk files use spaces."""
    index = text.index("\t")
    line = text.count("\n", 0, index) + 1 + line_offset
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    raise YamlProblem("tab character: YAML in newsdesk files must use spaces", line, column)


def load_yaml(text: str, line_offset: int = 0) -> LoadedYaml:
    """Parse one YAML document safely; raises YamlProblem with a position on any problem.

    `line_offset` is added to every line number, so that positions and messages speak of the
    file the YAML was cut from (front matter starts on a story file's line 2).
    """
    if "\t" in text:
        _refuse_tabs(text, line_offset)
    if "!" in text or "&" in text or "*" in text:
        _refuse_tags_and_aliases(text, line_offset)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        raise _problem_from_yaml_error(error, line_offset) from None
    except RecursionError:
        raise YamlProblem("YAML error: nesting is too deep", 1 + line_offset, 1) from None
    finally:
        loader.dispose()
    result = LoadedYaml(data=None)
    if node is not None:
        result.data = _build(node, (), result, 0, line_offset)
    return result


def _build(node: Any, path: Path_, out: LoadedYaml, depth: int, offset: int) -> Any:
    if depth > MAX_DEPTH:
        line, column = _mark(node.start_mark, offset)
        raise YamlProblem(f"YAML error: nesting deeper than {MAX_DEPTH} levels", line, column)
    mark = node.start_mark  # (libyaml's composer always sets it; _mark is the slow path)
    out.positions[path] = (mark.line + 1 + offset, mark.column + 1)
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        constructor = SafeConstructor.yaml_constructors.get(tag)
        if constructor is None or tag == _MERGE:
            line, column = _mark(node.start_mark, offset)
            raise YamlProblem(f"YAML error: unsupported value type {tag}", line, column)
        try:
            value = constructor(_constructor, node)
        except (ValueError, yaml.YAMLError) as error:
            line, column = _mark(node.start_mark, offset)
            raise YamlProblem(f"YAML error: cannot read {node.value!r}: {error}",
                              line, column) from None
        if tag in _TAG_NAMES:
            out.implicit[path] = (_TAG_NAMES[tag], node.value)
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*path, i), out, depth + 1, offset)
                for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                line, column = _mark(key_node.start_mark, offset)
                raise YamlProblem("YAML error: keys must be plain text", line, column)
            key = key_node.value
            key_path = (*path, key)
            if key in mapping:
                first_line = out.key_positions[key_path][0]
                line, column = _mark(key_node.start_mark, offset)
                raise YamlProblem(
                    f"duplicate key {key!r} (first at line {first_line}, again at line {line})",
                    line, column)
            mark = key_node.start_mark
            out.key_positions[key_path] = (mark.line + 1 + offset, mark.column + 1)
            mapping[key] = _build(value_node, key_path, out, depth + 1, offset)
        return mapping
    # libyaml has no other node kinds; this only guards against a future one.
    line, column = _mark(node.start_mark, offset)  # pragma: no cover
    raise YamlProblem("YAML error: unsupported node", line, column)

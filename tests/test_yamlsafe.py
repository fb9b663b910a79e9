"""The safe YAML reader refuses what stories never need, fast, with positions."""

from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.yamlsafe import YamlProblem, load_yaml

ALIAS_BOMB = "\n".join(
    ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
       f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
       f"*{chr(97 + i)}]" for i in range(8)])


@pytest.mark.timing
def test_alias_bomb_is_refused_without_expanding_it() -> None:
    started = time.perf_counter()
    with pytest.raises(YamlProblem, match="anchors") as caught:
        load_yaml(ALIAS_BOMB)
    assert caught.value.line == 1
    # Expanding this bomb would build 9**9 strings; refusing it must not even try.
    assert time.perf_counter() - started < 1.0


def test_deep_nesting_is_a_yaml_error_not_a_recursion_error() -> None:
    with pytest.raises(YamlProblem, match=r"nesting|depth"):
        load_yaml("a: " + "[" * 1000 + "]" * 1000)
    with pytest.raises(YamlProblem, match=r"nesting|depth"):
        load_yaml("a: " + "[" * 60 + "]" * 60)


def test_yaml_11_surprises_are_recorded_for_messages() -> None:
    loaded = load_yaml("a: NO\nb: 1.10\nc: 2025-03-04\nd: 'NO'\n")
    assert loaded.data["a"] is False and loaded.data["b"] == 1.1
    assert loaded.implicit[("a",)] == ("a boolean", "NO")
    assert loaded.implicit[("b",)] == ("a number", "1.10")
    assert loaded.implicit[("c",)] == ("a date", "2025-03-04")
    assert ("d",) not in loaded.implicit


def test_keys_are_kept_as_written() -> None:
    assert load_yaml("no: 1\n").data == {"no": 1}


def test_merge_keys_are_refused() -> None:
    with pytest.raises(YamlProblem):
        load_yaml("a: {x: 1}\n<<: {y: 2}\n")


_SCALARS = st.one_of(
    st.sampled_from(["no", "No", "NO", "off", "On", "y", "Y", "yes", "true", "TRUE", "false",
                     "False", "falsey", "null", "Null", "NULL", "nulls", "~", "tags", "name",
                     "title", "n", "nan", ".inf", "0x1f", "1_000", "2025-01-02",
                     "2025-01-02T09:00:00Z", "+1", "-0.5", "frontline", "Nope", "yesterday"]),
    st.text(alphabet="abnoNOstuyYTFfelrx019.-+:~ ", min_size=1, max_size=8).filter(
        lambda s: s.strip() == s and not s.startswith(("-", ":")) and ": " not in s
        and not s.endswith(":") and " #" not in s),
)


@given(st.lists(_SCALARS, min_size=1, max_size=8))
def test_plain_scalars_are_read_as_pyyaml_reads_them(values: list[str]) -> None:
    # the shortcuts in front of PyYAML's resolver (text by its first letter or its length,
    # short words remembered) must never change what a value is
    text = "".join(f"k{i}: {value}\n" for i, value in enumerate(values))
    try:
        expected = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):
        return  # not a plain scalar after all; refusals are tested above
    assert repr(load_yaml(text).data) == repr(expected)  # repr: a NaN equals itself

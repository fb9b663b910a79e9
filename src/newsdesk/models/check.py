"""Validating loaded YAML against a model, with messages a writer understands.

pydantic's own messages speak of Python types; this module turns each error into one sentence
about the field, adds what YAML 1.1 did to an unquoted value (`NO` read as a boolean) and
where it stands in the file. Inputs are never echoed (`include_input=False`), so a huge or
hostile value cannot blow up a message.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from newsdesk.problems import Problem
from newsdesk.yamlsafe import LoadedYaml, Path_

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class _FieldProblem:
    path: Path_  # which field: one message per field
    problem: Problem


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def validate(model: type[M], loaded: LoadedYaml) -> tuple[M | None, list[Problem]]:
    data = loaded.data
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping of fields"
        line, column = loaded.where(())
        return None, [Problem(line, column, f"the YAML is {kind}")]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        problems: dict[tuple[Path_, str], _FieldProblem] = {}
        for err in error.errors(include_input=False, include_url=False):
            found = _problem(model, loaded, err)
            problems.setdefault((found.path, found.problem.message), found)
        return None, _one_per_field(list(problems.values()))


def _one_per_field(problems: list[_FieldProblem]) -> list[Problem]:
    """A union field fails once per branch; one message per field reads better."""
    seen: set[Path_] = set()
    out: list[Problem] = []
    for found in problems:
        if found.path in seen:
            continue
        seen.add(found.path)
        out.append(found.problem)
    return out


def _problem(model: type[BaseModel], loaded: LoadedYaml, err: Any) -> _FieldProblem:
    loc: Path_ = tuple(p for p in err["loc"] if isinstance(p, str | int))
    path = _data_path(loaded.data, loc)
    kind = err["type"]
    field = dotted(path)
    if kind == "missing":
        line, column = loaded.where(path[:-1])
        message = f"missing required field '{field}'"
    elif kind == "extra_forbidden":
        line, column = loaded.key_positions.get(path, loaded.where(path))
        message = f"unknown field '{field}'" + _did_you_mean(model, path)
    else:
        line, column = loaded.where(path)
        message = f"{field}: {_describe(err)}"
        implicit = loaded.implicit.get(path)
        if implicit is not None and kind.endswith("_type"):
            what, source = implicit
            if not source.strip():
                message += ("; the value is empty, which YAML reads as null: give a value, "
                            "write [] for an empty list, or leave the field out")
            else:
                message += f"; YAML read {source} as {what}: put it in quotes"
    return _FieldProblem(path, Problem(line, column, message))


def _data_path(data: Any, loc: Path_) -> Path_:
    """The part of pydantic's `loc` that names data; the rest names union branches."""
    kept: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            kept.append(part)
            if part not in data:
                break
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            kept.append(part)
            data = data[part]
        else:
            break
    return tuple(kept)


def _describe(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "string_type":
        return "expected text"
    if kind == "string_pattern_mismatch":
        return "must be lowercase ASCII letters, digits and single hyphens (like 'kyiv-desk')"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else str(err["msg"]).lower()
    if kind == "enum":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "list_type":
        return "expected a list"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "expected a mapping of fields"
    if kind == "timezone_aware":
        return "needs a time zone, like 2025-03-04T09:30:00Z"
    if kind.startswith("datetime") or kind.startswith("date_"):
        return "expected a date and time, like 2025-03-04T09:30:00Z"
    if kind == "too_short" and ctx.get("min_length") == 1:
        return "must list at least one entry"
    if kind == "bool_type":
        return "expected true or false"
    if kind.startswith("int"):
        return "expected a whole number"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _did_you_mean(model: type[BaseModel], path: Path_) -> str:
    owner: Any = model
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(owner, "model_fields", {}).get(part)
        if info is None:
            return ""
        owner = _inner_model(info.annotation)
        if owner is None:
            return ""
    name = path[-1]
    fields = list(getattr(owner, "model_fields", {}))
    close = difflib.get_close_matches(str(name), fields, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None

"""JSON Schemas of the three newsroom file kinds, generated from the pydantic models so they
can never disagree with what newsdesk actually accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsdesk.atomic import write_text_atomic

SCHEMA_FILES = {
    "story.schema.json": ("newsdesk.models.story", "Story", "A newsdesk story's front matter"),
    "newsdesk.schema.json": ("newsdesk.models.config", "NewsroomConfig", "newsdesk.yaml"),
    "staff.schema.json": ("newsdesk.models.staff", "Roster", "staff.yaml, the roster"),
}


def generate() -> dict[str, str]:
    """File name -> schema text (stable: same models, same bytes)."""
    from importlib import import_module

    out: dict[str, str] = {}
    for name, (module, cls, title) in SCHEMA_FILES.items():
        model: Any = getattr(import_module(module), cls)
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "$id": f"https://newsdesk.example/schemas/{name}", "title": title,
                  **{k: v for k, v in schema.items() if k != "title"}}
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return out


def export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_text_atomic(path, text)
            written.append(path)
    return written


def stale(folder: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    out = []
    for name, text in generate().items():
        path = folder / name
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            out.append(name)
    return out

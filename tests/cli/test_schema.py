"""`newsdesk schema export` and `schema check`."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import Newsroom


def test_schema_check_detects_stale_schemas_and_export_repairs(newsroom: Newsroom) -> None:
    assert newsroom.run("schema", "check").returncode == 0
    story_schema = newsroom.root / "schemas" / "story.schema.json"
    story_schema.write_text("{}\n")
    stale = newsroom.run("schema", "check")
    assert stale.returncode == 1
    assert "schemas/story.schema.json is out of date" in stale.stdout
    exported = newsroom.run("schema", "export")
    assert exported.returncode == 0 and "wrote schemas/story.schema.json" in exported.stdout
    assert newsroom.run("schema", "check").returncode == 0


def test_generated_story_schema_accepts_a_new_story(newsroom: Newsroom) -> None:
    import yaml

    rel = newsroom.run("new", "--headline", "Schema check").stdout.strip()
    text = (newsroom.root / rel).read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    front = json.loads(json.dumps(front, default=lambda v: v.isoformat().replace("+00:00", "Z")))
    schema = json.loads((newsroom.root / "schemas" / "story.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(front)
    front["status"] = "live"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(front))
    assert errors and "live" in errors[0].message

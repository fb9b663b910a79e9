"""The pydantic models: a story's front matter, `newsdesk.yaml` and `staff.yaml`.

Strings are strict (YAML 1.1 turns `NO` into a boolean and `1.10` into a number; a strict
model says so instead of storing `False` as a headline); unknown keys are refused so that a
typo like `headlin:` is a finding, not a silently ignored field.
"""

"""The front matter matches the story schema.

Field names, types and values as `schemas/story.schema.json` describes them: known fields only
(a typo like `headlin:` is caught), text where text is meant (YAML 1.1 reads an unquoted `NO`
as false and `1.10` as a number: quote them), a status from the workflow, times with a time
zone, and an `id` equal to the file name. The engine applies it; it cannot be switched off.
"""

ID = "schema"
SEVERITY = "error"

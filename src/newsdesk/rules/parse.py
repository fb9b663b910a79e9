"""The file is UTF-8 Markdown with well-formed YAML front matter.

Everything else depends on reading the file, so this rule reports the first problem that
stops it: bytes that are not UTF-8, control characters, a missing `---` line, a file over the
size limit, YAML syntax errors, duplicate keys, tabs, and YAML features stories never need
(explicit tags, anchors and aliases, which are how YAML attacks and alias bombs work).
The engine applies it; it has no options and cannot be switched off.
"""

ID = "parse"
SEVERITY = "error"

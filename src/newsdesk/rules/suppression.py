"""Inline suppressions are well-formed and give a reason.

A finding can be silenced in the story itself, but only with a reason a colleague can read:

    <!-- newsdesk: disable-next-line house-style -- quoting a 2014 document -->

In the body, directives are HTML comments (`disable-line`, `disable-next-line`,
`disable-file`); in the front matter they are YAML comments
(`# newsdesk: disable-line house-style -- reason`). Silenced findings are still counted and
`newsdesk validate --show-suppressed` lists them. This rule reports a directive without a
reason, with an unknown rule id, or naming a rule that cannot be silenced (parse, schema).
"""

ID = "suppression"
SEVERITY = "error"

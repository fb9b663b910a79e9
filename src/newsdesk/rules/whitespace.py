"""Stray whitespace in the body: trailing spaces or tabs, and a missing final newline.

Invisible characters at line ends make diffs noisy and reviews slower, and a file without a
final newline makes every later addition touch the last line. Exactly two trailing spaces
after text are a Markdown hard line break and are left alone. The front matter is not
checked here (tabs there are a parse error; spaces inside YAML block text are content).

Fix: safe. `newsdesk validate --fix` removes the trailing whitespace and adds the final
newline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.rules.base import Context, Problem, RuleOptions, TextFix

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "whitespace"
SEVERITY = "warning"

# Starts only where a run of blanks starts: linear, however long the run.
_TRAILING = re.compile(r"(?<![ \t])[ \t]+$", re.MULTILINE)


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    source = doc.source
    body = source.body
    if " \n" in body or "\t\n" in body or body.endswith((" ", "\t")):
        for match in _TRAILING.finditer(body):
            spaces = match.group()
            line_start = body.rfind("\n", 0, match.start()) + 1
            if spaces == "  " and match.start() > line_start:
                continue  # a Markdown hard line break
            start = source.body_start + match.start()
            line, column = source.position(start)
            yield Problem(line, column, "trailing whitespace",
                          "remove the spaces or tabs at the end of the line",
                          TextFix(start, start + len(spaces), ""))
    if source.text and not source.text.endswith("\n"):
        end = len(source.text)
        line, column = source.position(end)
        yield Problem(line, column, "the file does not end with a newline",
                      "add a newline at the end", TextFix(end, end, "\n"))

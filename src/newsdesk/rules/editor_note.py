"""A story that names soldiers carries an editor's note.

Readers (and the soldiers' families) should know why people in the story appear by first
name and callsign only: the editor's note says it is the military's security protocol, not
carelessness or anonymity. Any `people` entry with role `soldier` requires `editor_note`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.models.enums import PersonRole
from newsdesk.rules.base import Context, Problem, RuleOptions

if TYPE_CHECKING:
    from newsdesk.models.story import Story
    from newsdesk.story.reader import ParsedStory

ID = "editor-note"
SEVERITY = "error"

SUGGESTED_NOTE = ("In accordance with the security protocols of the military, soldiers in "
                  "this story are identified by first names and callsigns only.")
# The standard note in each language the newsroom writes in; any other gets the English one.
SUGGESTED_NOTES = {
    "en": SUGGESTED_NOTE,
    "uk": ("Відповідно до протоколів безпеки Збройних сил військових у цьому матеріалі "
           "названо лише на ім’я та за позивним."),
}


class Options(RuleOptions):
    pass


def check(doc: ParsedStory, story: Story, ctx: Context, options: Options) -> Iterator[Problem]:
    soldiers = [i for i, p in enumerate(story.people) if p.role == PersonRole.SOLDIER]
    if not soldiers or (story.editor_note and story.editor_note.strip()):
        return
    if ("editor_note",) in doc.loaded.key_positions:
        line, column = doc.key_where(("editor_note",))
    else:
        line, column = doc.where(("people", soldiers[0]))
    yield Problem(line, column,
                  "the story names soldiers but has no editor's note explaining why they "
                  "appear by first name and callsign only",
                  f"editor_note: {SUGGESTED_NOTES.get(ctx.language_of(story), SUGGESTED_NOTE)}")

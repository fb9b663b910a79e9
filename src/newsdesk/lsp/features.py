"""What the editor shows for a story: diagnostics, quick fixes, hovers and completions.

Everything here works on the text the editor holds (unsaved changes included), never on the
file on disk, and never writes: a quick fix is a `WorkspaceEdit` the editor applies. The
findings are `validate`'s own (the same engine, rules, positions and severities); positions
are character offsets into the text, turned into the client's units by the document.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from lsprotocol import types

from newsdesk.check.findings import Finding
from newsdesk.lsp.rooms import Room
from newsdesk.models.enums import PersonRole

if TYPE_CHECKING:
    from newsdesk.models.story import Story

SOURCE = "newsdesk"
RULES_URL = "https://newsdesk.example/docs/rules"
_SEVERITY = {"error": types.DiagnosticSeverity.Error,
             "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
_QUOTED = re.compile(r"'([^'\n]+)'|\"([^\"\n]+)\"")
_WORD = re.compile(r"[\w'’-]+")


class Document(Protocol):
    """The part of pygls's TextDocument these features use."""

    @property
    def source(self) -> str: ...

    def client_position_at_offset(self, offset: int) -> types.Position: ...

    def offset_at_position(self, client_position: types.Position) -> int: ...


# --- findings ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Checked:
    """A story's findings and the text they were found in."""

    text: str
    findings: list[Finding]
    story: Story | None


def check(room: Room, path: Path, text: str) -> Checked:
    """`validate`'s findings for the unsaved text of the story at `path`."""
    from newsdesk.story.reader import StoryFormatError, parse, read_model

    if room.engine is None:
        problem = Finding(room.relative(path), 1, 1, "parse", "error",
                          f"this newsroom's settings cannot be read: {room.problem}")
        return Checked(text, [problem], None)
    rel = room.relative(path)
    findings = room.engine.check_bytes(text.encode("utf-8"), rel, path.stem)
    story = None
    with contextlib.suppress(StoryFormatError):
        story = read_model(parse(text.encode("utf-8")), None).model
    return Checked(text, [f for f in findings if not f.suppressed], story)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def finding_span(text: str, finding: Finding, starts: list[int] | None = None
                 ) -> tuple[int, int]:
    """The characters a finding is about: its fix's span, or the quoted words of its message
    where they stand in the text ('Tymur Bondarenko'), or the word at its position."""
    starts = starts if starts is not None else _line_starts(text)
    line = min(max(finding.line, 1), len(starts)) - 1
    line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
    start = min(starts[line] + max(finding.column, 1) - 1, line_end)
    if finding.fix is not None:
        raw = text.encode("utf-8")
        fix_start = len(raw[:finding.fix[0]].decode("utf-8", "ignore"))
        fix_end = len(raw[:finding.fix[1]].decode("utf-8", "ignore"))
        if fix_end > fix_start:
            return fix_start, fix_end
    for match in _QUOTED.finditer(finding.message):
        quoted = match.group(1) or match.group(2) or ""
        if quoted and text.startswith(quoted, start):
            return start, start + len(quoted)
    word = _WORD.match(text, start)
    if word is not None:
        return start, word.end()
    return start, min(start + 1, line_end) if start < line_end else start


def _range(document: Document, start: int, end: int) -> types.Range:
    return types.Range(document.client_position_at_offset(start),
                       document.client_position_at_offset(end))


def diagnostics(document: Document, checked: Checked) -> list[types.Diagnostic]:
    starts = _line_starts(checked.text)
    out = []
    for finding in checked.findings:
        start, end = finding_span(checked.text, finding, starts)
        message = finding.message
        if finding.suggestion:
            message += f"\nSuggestion: {finding.suggestion}"
        out.append(types.Diagnostic(
            range=_range(document, start, end),
            message=message,
            severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
            code=finding.rule,
            code_description=types.CodeDescription(href=f"{RULES_URL}#{finding.rule}"),
            source=SOURCE,
        ))
    return out


# --- quick fixes -----------------------------------------------------------------------------

def code_actions(document: Document, uri: str, checked: Checked, wanted: types.Range
                 ) -> list[types.CodeAction]:
    """Quick fixes for the findings that touch `wanted`."""
    text = checked.text
    starts = _line_starts(text)
    first = document.offset_at_position(wanted.start)
    last = document.offset_at_position(wanted.end)
    newline = "\r\n" if "\r\n" in text else "\n"
    actions: list[types.CodeAction] = []
    for finding in checked.findings:
        start, end = finding_span(text, finding, starts)
        if end < first or start > last:
            continue
        diagnostic = diagnostics(document, Checked(text, [finding], checked.story))[0]
        edits = _fixes(text, finding, start, end, checked.story, newline)
        for title, (edit_start, edit_end, replacement) in edits:
            actions.append(types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                is_preferred=len(edits) == 1,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                    _range(document, edit_start, edit_end), replacement)]})))
    return actions


Edit = tuple[int, int, str]


def _fixes(text: str, finding: Finding, start: int, end: int, story: Story | None,
           newline: str) -> list[tuple[str, Edit]]:
    if finding.fix is not None:
        replacement = finding.fix[2].replace("\n", newline)
        return [(f"Fix: {finding.suggestion or finding.message}",
                 (start, end, replacement))]
    if finding.rule == "soldier-identification" and story is not None:
        return _soldier_fixes(text, finding, start, end, story)
    if finding.rule == "editor-note" and story is not None:
        from newsdesk.rules.editor_note import SUGGESTED_NOTE

        # the finding suggests the note in the story's language
        suggested = finding.suggestion or ""
        note = suggested.removeprefix("editor_note: ") \
            if suggested.startswith("editor_note: ") else SUGGESTED_NOTE
        edit = _front_matter_edit(text, lambda data: data.__setitem__("editor_note", note))
        return [("Insert the standard editor's note", edit)] if edit else []
    return []


def _soldier_fixes(text: str, finding: Finding, start: int, end: int,
                   story: Story) -> list[tuple[str, Edit]]:
    """Keep the first name and callsign of a declared soldier; or declare the person named,
    so that an editor who knows they are not a soldier can say so in the story itself."""
    from newsdesk.rules.text.names import plain

    written = text[start:end]
    words = written.split()
    fixes: list[tuple[str, Edit]] = []
    front_end = _front_matter_end(text)
    if not words or start < front_end:
        return fixes
    # Ukrainian copy: a name in any case, a callsign in «», a declaration in the nominative
    from newsdesk.rules.text.ukrainian.morphology import has_cyrillic

    ukrainian = has_cyrillic(written)
    if ukrainian:
        from newsdesk.rules.text.ukrainian.morphology import nominative_name, same_given_name
    for person in story.people:
        if person.role != PersonRole.SOLDIER or not person.callsign:
            continue
        given = person.name.split()[0] if person.name.split() else ""
        same = same_given_name(words[0], given) if ukrainian else \
            plain(words[0]) == plain(given)
        if given and same and len(words) > 1:
            shown = f"{words[0]} «{person.callsign}»" if ukrainian \
                else f'{words[0]} "{person.callsign}"'
            fixes.append((f"Keep the first name and callsign: {shown}", (start, end, shown)))
            return fixes
    declared = {plain(p.name) for p in story.people}
    name = nominative_name(words) if ukrainian else " ".join(words)
    if len(words) > 1 and plain(name) not in declared:

        def add(data: object) -> None:
            from ruamel.yaml.comments import CommentedMap, CommentedSeq

            assert isinstance(data, dict)
            people = data.get("people")
            if not isinstance(people, list):
                people = data["people"] = CommentedSeq()
            entry = CommentedMap()
            entry["name"] = name
            entry["role"] = "official"
            people.append(entry)

        edit = _front_matter_edit(text, add)
        if edit is not None:
            fixes.append((f"Declare {name!r} in people as not a soldier (role: official; "
                          "change the role if another fits)", edit))
    return fixes


def _front_matter_end(text: str) -> int:
    closing = re.search(r"^---[ ]*$", text[4:], re.MULTILINE) if text.startswith("---") else None
    return 4 + closing.end() if closing else 0


def _front_matter_edit(text: str, change: Callable[[Any], None]) -> Edit | None:
    """One edit that turns the text into what the round-trip writer makes of `change` (so
    comments and layout of the front matter stay): only the lines that differ."""
    from newsdesk.errors import NewsdeskError
    from newsdesk.story.reader import StoryFormatError, decode
    from newsdesk.story.writer import update_front_matter

    try:
        source = decode(text.encode("utf-8"))
        updated = update_front_matter(source, change)
    except (StoryFormatError, NewsdeskError, ValueError, AssertionError):
        return None
    bom = 1 if source.bom else 0
    text = source.text  # as the writer saw it: no BOM, CRLF as LF
    prefix = 0
    limit = min(len(text), len(updated))
    while prefix < limit and text[prefix] == updated[prefix]:
        prefix += 1
    prefix = text.rfind("\n", 0, prefix) + 1  # whole lines read better in a preview
    suffix = 0
    while suffix < limit - prefix and text[-1 - suffix] == updated[-1 - suffix]:
        suffix += 1
    old_end, new_end = len(text) - suffix, len(updated) - suffix
    replacement = updated[prefix:new_end]
    if source.newline != "\n":
        replacement = replacement.replace("\n", source.newline)
        return (bom + _crlf_offset(text, prefix), bom + _crlf_offset(text, old_end), replacement)
    return bom + prefix, bom + old_end, replacement


def _crlf_offset(collapsed: str, offset: int) -> int:
    """An offset in the text with CRLF collapsed, in the text as the editor holds it."""
    return offset + collapsed.count("\n", 0, offset)


# --- hover -----------------------------------------------------------------------------------

def hover(document: Document, room: Room, checked: Checked, position: types.Position
          ) -> types.Hover | None:
    offset = document.offset_at_position(position)
    text = checked.text
    starts = _line_starts(text)
    for finding in checked.findings:
        start, end = finding_span(text, finding, starts)
        if start <= offset <= end:
            return types.Hover(types.MarkupContent(types.MarkupKind.Markdown,
                                                   _rule_reason(finding.rule)),
                               _range(document, start, end))
    word = _word_at(text, offset)
    if word is None:
        return None
    start, end, value = word
    key = _front_matter_key(text, start)
    said = _describe(room, key, value) if key else None
    if said is None:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, said),
                       _range(document, start, end))


def _rule_reason(rule_id: str) -> str:
    from newsdesk.rules import registry

    info = registry().get(rule_id)
    if info is None:
        return rule_id
    paragraphs = [p.strip() for p in info.doc.split("\n\n") if p.strip()]
    summary = paragraphs[0] if paragraphs else rule_id
    reason = " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else ""
    return f"**{rule_id}**: {' '.join(summary.split())}\n\n{reason}".strip()


def _word_at(text: str, offset: int) -> tuple[int, int, str] | None:
    for match in re.finditer(r"[\w.-]+", text[max(0, offset - 80):offset + 80]):
        start = max(0, offset - 80) + match.start()
        end = max(0, offset - 80) + match.end()
        if start <= offset <= end:
            return start, end, match.group()
    return None


_KEY = re.compile(r"^([A-Za-z_]+):", re.MULTILINE)


def _front_matter_key(text: str, offset: int) -> str | None:
    """The top-level front-matter key whose value holds `offset` (None in the body)."""
    if offset >= _front_matter_end(text):
        return None
    key = None
    for match in _KEY.finditer(text, 0, offset):
        key = match.group(1)
    line_start = text.rfind("\n", 0, offset) + 1
    if key is not None and text.startswith(f"{key}:", line_start) \
            and offset <= line_start + len(key):
        return None  # on the key itself
    return key


def _describe(room: Room, key: str, value: str) -> str | None:
    if key == "byline" and room.roster is not None:
        member = next((m for m in room.roster.staff if m.id == value), None)
        if member is not None:
            return f"**{member.name}**: {member.role.value}, desk `{member.desk}`"
        return f"`{value}` is not on the roster (staff.yaml)"
    if key == "desk" and room.config is not None:
        desk = next((d for d in room.config.desks if d.id == value), None)
        if desk is not None:
            return f"**{desk.name}** desk"
        return f"`{value}` is not a desk in newsdesk.yaml"
    if key in ("related", "translation_of"):
        entry = room.story(value)
        if entry is None:
            return f"no story with id `{value}` in this newsroom"
        headline = entry.headline or "(no headline)"
        return f"**{headline}**\n\n{entry.status} story, `{entry.path}`"
    return None


# --- completion ------------------------------------------------------------------------------

def completions(document: Document, room: Room, checked: Checked, position: types.Position
                ) -> list[types.CompletionItem]:
    text = checked.text
    offset = document.offset_at_position(position)
    key = _front_matter_key(text, offset)
    if offset < _front_matter_end(text):
        return _front_matter_items(room, key, text, offset)
    story = checked.story
    if story is None:
        return []
    from newsdesk.rules.text.ukrainian.morphology import has_cyrillic

    items = []
    for person in story.people:
        given = person.name.split()[0] if person.name.split() else ""
        if person.role == PersonRole.SOLDIER and person.callsign:
            # Ukrainian copy writes a callsign in «»
            shown = f"{given} «{person.callsign}»" if has_cyrillic(given + person.callsign) \
                else f'{given} "{person.callsign}"'
            items.append(types.CompletionItem(
                shown, kind=types.CompletionItemKind.Text,
                detail="soldier: first name and callsign"))
            items.append(types.CompletionItem(person.callsign,
                                              kind=types.CompletionItemKind.Text,
                                              detail=f"callsign of {given}"))
        elif person.name:
            items.append(types.CompletionItem(person.name, kind=types.CompletionItemKind.Text,
                                              detail=person.role.value))
    return items


def _languages_read() -> list[str]:
    """The languages some rule reads (a story in another language is accepted, and told
    which rules cannot read it)."""
    from newsdesk.rules import registry

    return sorted({code for info in registry().values() for code in info.languages or ()})


def _front_matter_items(room: Room, key: str | None, text: str, offset: int
                        ) -> list[types.CompletionItem]:
    line_start = text.rfind("\n", 0, offset) + 1
    line = text[line_start:offset]
    kind = types.CompletionItemKind.Value
    if key == "people" and re.search(r"\brole:\s*\S*$", line):
        return [types.CompletionItem(role.value, kind=types.CompletionItemKind.EnumMember)
                for role in PersonRole]
    if key == "byline" and room.roster is not None:
        return [types.CompletionItem(m.id, kind=kind, detail=f"{m.name} ({m.role.value})")
                for m in room.roster.staff]
    if key == "desk" and room.config is not None:
        return [types.CompletionItem(d.id, kind=kind, detail=d.name) for d in room.config.desks]
    if key == "language":
        return [types.CompletionItem(code, kind=kind, detail="a language the rules read")
                for code in _languages_read()]
    if key in ("related", "translation_of"):
        return [types.CompletionItem(story_id, kind=types.CompletionItemKind.Reference,
                                     detail=rel)
                for story_id, rel in sorted(room.story_files.items())]
    return []

"""`newsdesk lsp` end to end: the installed command, started over stdio by a real LSP client
(pytest-lsp), on real newsrooms in temporary git repositories.

Every expectation is checked against what `newsdesk validate` says of the same text, so the
editor and CI cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.workspace import TextDocument
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

from tests.conftest import NEWSDESK, Newsroom, make_newsroom

pytestmark = pytest.mark.asyncio

STORY = """\
---
id: night-shift
status: draft
headline: Night shift near Kiev
desk: news
byline: [taras-reporter]  # the reporter who filed it
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
people:
  - name: Tymur
    callsign: Bulat
    role: soldier
related: [older-story]
---
Tymur Bondarenko watches nine screens.

Drone operator Andrii Koval of the 93rd Brigade agrees.
"""

OLDER = """\
---
id: older-story
status: draft
headline: The first night of the shelling
desk: news
byline: [taras-reporter]
created: 2025-03-01T09:30:00Z
updated: 2025-03-01T11:02:00Z
---
Body.
"""


def story_path(room: Newsroom, story_id: str) -> Path:
    return room.root / "stories" / "2025" / "03" / f"{story_id}.md"


def write_story(room: Newsroom, story_id: str, text: str) -> Path:
    path = story_path(room, story_id)
    room.write(path.relative_to(room.root).as_posix(), text)
    return path


@asynccontextmanager
async def session(env: dict[str, str], root: Path) -> AsyncIterator[LanguageClient]:
    client = make_test_lsp_client()
    await client.start_io(NEWSDESK, "lsp", env=env)
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri()))
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


async def open_story(client: LanguageClient, path: Path, text: str | None = None
                     ) -> list[types.Diagnostic]:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri, "markdown", 1, text)))
    await waiting
    return list(client.diagnostics[uri])


async def replace_text(client: LanguageClient, path: Path, old: str, new: str, text: str,
                       version: int = 2) -> tuple[str, list[types.Diagnostic]]:
    """An incremental change, as an editor sends one keystroke's worth."""
    document = TextDocument(path.as_uri(), text)
    start = text.index(old)
    edit_range = types.Range(document.client_position_at_offset(start),
                             document.client_position_at_offset(start + len(old)))
    waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version=version, uri=path.as_uri()),
        [types.TextDocumentContentChangePartial(range=edit_range, text=new)]))
    await waiting
    return text.replace(old, new, 1), list(client.diagnostics[path.as_uri()])


def validate_json(room: Newsroom, path: Path) -> list[dict[str, object]]:
    result = room.run("validate", "--format", "json", "--no-cache", str(path))
    assert result.returncode in (0, 1), result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def as_seen(diagnostics: list[types.Diagnostic]) -> set[tuple[int, int, str]]:
    return {(d.range.start.line + 1, d.range.start.character + 1, str(d.code))
            for d in diagnostics}


def apply(text: str, uri: str, edit: types.WorkspaceEdit) -> str:
    assert edit.changes is not None
    document = TextDocument(uri, text)
    for change in sorted(edit.changes[uri], key=lambda e: (e.range.start.line,
                                                           e.range.start.character),
                         reverse=True):
        start = document.offset_at_position(change.range.start)
        end = document.offset_at_position(change.range.end)
        text = text[:start] + change.new_text + text[end:]
    return text


@pytest.fixture
def room(tmp_path: Path, env: dict[str, str]) -> Newsroom:
    room = make_newsroom(tmp_path / "newsroom", env)
    write_story(room, "older-story", OLDER)
    room.commit_all("an older story")
    return room


async def test_diagnostics_on_open_change_and_save_match_validate(
        room: Newsroom, env: dict[str, str]) -> None:
    path = write_story(room, "night-shift", STORY)
    async with session(env, room.root) as client:
        diagnostics = await open_story(client, path)
        expected = {(f["line"], f["column"], f["rule"]) for f in validate_json(room, path)}
        assert as_seen(diagnostics) == expected
        soldier = next(d for d in diagnostics if "Andrii Koval" in d.message)
        line = STORY.splitlines().index(
            "Drone operator Andrii Koval of the 93rd Brigade agrees.")
        assert soldier.range == types.Range(types.Position(line, 15), types.Position(line, 27))
        assert soldier.code == "soldier-identification"
        assert soldier.severity == types.DiagnosticSeverity.Error
        assert soldier.code_description is not None
        assert soldier.code_description.href.endswith("#soldier-identification")

        # an unsaved change is checked as typed; the file on disk is untouched
        text, after = await replace_text(client, path, "Andrii Koval", "Andrii", STORY)
        assert not any("Koval" in d.message for d in after)
        assert path.read_text(encoding="utf-8") == STORY

        # saving the change: what validate now says of the file, the editor says too
        path.write_text(text, encoding="utf-8")
        waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(path.as_uri())))
        await waiting
        saved = list(client.diagnostics[path.as_uri()])
        assert as_seen(saved) == {(f["line"], f["column"], f["rule"])
                                  for f in validate_json(room, path)}


async def test_quick_fixes_change_only_what_they_fix_and_the_result_validates(
        room: Newsroom, env: dict[str, str]) -> None:
    path = write_story(room, "night-shift", STORY)
    uri = path.as_uri()
    async with session(env, room.root) as client:
        diagnostics = await open_story(client, path)
        fixed = STORY
        for wanted in ("house-style", "soldier-identification", "soldier-identification",
                       "editor-note"):
            diagnostic = next(d for d in diagnostics if d.code == wanted)
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                types.TextDocumentIdentifier(uri), diagnostic.range,
                types.CodeActionContext([diagnostic])))
            assert actions, f"no quick fix for {wanted}"
            action = actions[0]
            assert isinstance(action, types.CodeAction) and action.edit is not None
            before = fixed
            fixed = apply(fixed, uri, action.edit)
            assert fixed != before
            _, diagnostics = await replace_text(client, path, before, fixed, before,
                                                version=len(fixed))
        assert 'Tymur "Bulat" watches nine screens.' in fixed
        assert "Night shift near Kyiv" in fixed
        assert "  - name: Andrii Koval\n    role: official\n" in fixed
        assert "# the reporter who filed it" in fixed  # the front matter's comment stays
        assert "editor_note: In accordance with the security protocols" in fixed
        path.write_text(fixed, encoding="utf-8")
        rules = {f["rule"] for f in validate_json(room, path)}
        assert not rules & {"house-style", "soldier-identification", "editor-note"}, rules


UKRAINIAN = """\
---
id: nichna-zmina
status: draft
language: uk
headline: Нічна зміна під Києвом
desk: news
byline: [taras-reporter]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
people:
  - name: Тимур
    callsign: Булат
    role: soldier
editor_note: Військових у цьому матеріалі названо лише на ім’я та за позивним.
---
Ми говорили з Тимуром Бондаренком у бліндажі.

Наказ виконав оператор БпЛА Андрій Коваль із 93-ї бригади.
"""


async def test_quick_fixes_for_ukrainian_copy_keep_the_case_and_declare_the_nominative(
        room: Newsroom, env: dict[str, str]) -> None:
    """A declared soldier's name in the instrumental keeps its case and gets the callsign in
    «»; an undeclared person is declared under the nominative, as people are written."""
    path = write_story(room, "nichna-zmina", UKRAINIAN)
    uri = path.as_uri()
    async with session(env, room.root) as client:
        diagnostics = await open_story(client, path)
        fixed = UKRAINIAN
        for _ in range(2):
            diagnostic = next(d for d in diagnostics if d.code == "soldier-identification")
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                types.TextDocumentIdentifier(uri), diagnostic.range,
                types.CodeActionContext([diagnostic])))
            assert actions
            action = actions[0]
            assert isinstance(action, types.CodeAction) and action.edit is not None
            before = fixed
            fixed = apply(fixed, uri, action.edit)
            _, diagnostics = await replace_text(client, path, before, fixed, before,
                                                version=len(fixed))
        assert "Ми говорили з Тимуром «Булат» у бліндажі." in fixed
        assert "  - name: Андрій Коваль\n    role: official\n" in fixed
        path.write_text(fixed, encoding="utf-8")
        assert not [f for f in validate_json(room, path)
                    if f["rule"] == "soldier-identification"]


async def test_hover_explains_findings_and_ids(room: Newsroom, env: dict[str, str]) -> None:
    path = write_story(room, "night-shift", STORY)
    uri = path.as_uri()
    document = TextDocument(uri, STORY)

    async def hover_at(word: str) -> str:
        position = document.client_position_at_offset(STORY.index(word) + 1)
        result = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), position))
        assert result is not None, word
        assert isinstance(result.contents, types.MarkupContent)
        return result.contents.value

    async with session(env, room.root) as client:
        await open_story(client, path)
        said = await hover_at("Andrii Koval")
        assert said.startswith("**soldier-identification**")
        assert "first name and callsign" in said
        assert "Taras Reporter" in await hover_at("taras-reporter")
        assert "older-story" in STORY and "The first night of the shelling" in \
            await hover_at("older-story")
        assert "desk" in await hover_at("news\n")


async def test_completion_offers_roster_desks_stories_roles_and_people(
        room: Newsroom, env: dict[str, str]) -> None:
    path = write_story(room, "night-shift", STORY)
    uri = path.as_uri()

    async def labels(text: str, after: str) -> set[str]:
        document = TextDocument(uri, text)
        position = document.client_position_at_offset(text.index(after) + len(after))
        result = await client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), position))
        assert isinstance(result, types.CompletionList)
        return {item.label for item in result.items}

    async with session(env, room.root) as client:
        await open_story(client, path)
        assert {"taras-reporter", "olena-editor", "iryna-editor"} <= await labels(
            STORY, "byline: [")
        assert {"news", "frontline"} <= await labels(STORY, "desk: ")
        assert "older-story" in await labels(STORY, "related: [")
        assert {"soldier", "official", "civilian"} <= await labels(STORY, "    role: ")
        body = await labels(STORY, "agrees.\n")
        assert {'Tymur "Bulat"', "Bulat"} <= body
        ukrainian = STORY.replace("Tymur", "Тимур").replace("Bulat", "Булат").replace(
            "desk: news", "language: uk\ndesk: news")
        await replace_text(client, path, STORY, ukrainian, STORY, version=3)
        assert {"en", "uk"} <= await labels(ukrainian, "language: ")
        assert "Тимур «Булат»" in await labels(ukrainian, "agrees.\n")


async def test_settings_and_roster_changes_recheck_open_stories(
        room: Newsroom, env: dict[str, str]) -> None:
    text = STORY.replace("[taras-reporter]", "[maria-new]")
    path = write_story(room, "night-shift", text)
    async with session(env, room.root) as client:
        diagnostics = await open_story(client, path)
        assert any(d.code == "byline" for d in diagnostics)
        assert any(d.code == "house-style" for d in diagnostics)

        # the roster gains the reporter; the client's file watcher reports it
        staff = (room.root / "staff.yaml").read_text(encoding="utf-8")
        (room.root / "staff.yaml").write_text(staff + (
            "  - id: maria-new\n    name: Maria New\n    email: maria@newsroom.example\n"
            "    role: reporter\n    desk: news\n    title: Reporter\n    bio: New.\n"),
            encoding="utf-8")
        waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([
            types.FileEvent((room.root / "staff.yaml").as_uri(), types.FileChangeType.Changed)]))
        await waiting
        assert not any(d.code == "byline" for d in client.diagnostics[path.as_uri()])

        # house style switched off in newsdesk.yaml, saved in the editor
        config = room.root / "newsdesk.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  house-style:\n", "  house-style:\n    enabled: false\n"), encoding="utf-8")
        waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(config.as_uri())))
        await waiting
        rules = {d.code for d in client.diagnostics[path.as_uri()]}
        assert "house-style" not in rules
        assert "soldier-identification" in rules  # the settings were read, not lost


async def test_a_broken_story_or_newsroom_gives_a_diagnostic_not_a_crash(
        room: Newsroom, env: dict[str, str]) -> None:
    path = write_story(room, "night-shift", STORY)
    broken = STORY.replace("desk: news\n", "desk: [news\n")
    async with session(env, room.root) as client:
        diagnostics = await open_story(client, path, broken)
        assert [d.code for d in diagnostics] == ["parse"]
        expected = validate_json(room, write_story(room, "night-shift", broken))
        assert as_seen(diagnostics) == {(f["line"], f["column"], f["rule"]) for f in expected}
        # the server is still there and answers
        _, fixed = await replace_text(client, path, "desk: [news\n", "desk: news\n", broken)
        assert any(d.code == "soldier-identification" for d in fixed)

        (room.root / "newsdesk.yaml").write_text("newsroom: [\n", encoding="utf-8")
        waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier((room.root / "newsdesk.yaml").as_uri())))
        await waiting
        [problem] = client.diagnostics[path.as_uri()]
        assert "newsdesk.yaml" in problem.message
        assert problem.severity == types.DiagnosticSeverity.Error


async def test_each_story_is_checked_with_its_own_newsrooms_settings(
        tmp_path: Path, env: dict[str, str]) -> None:
    plain = make_newsroom(tmp_path / "plain", env)
    strict = make_newsroom(tmp_path / "strict", env)
    config = strict.root / "newsdesk.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "extra_terms: []", "extra_terms: [{use: Mariupol, instead_of: [Mariupil]}]"),
        encoding="utf-8")
    text = STORY.replace("Night shift near Kiev", "Night shift near Mariupil")
    first = write_story(plain, "night-shift", text)
    second = write_story(strict, "night-shift", text)
    async with session(env, tmp_path) as client:
        in_plain = await open_story(client, first)
        in_strict = await open_story(client, second)
    assert not any(d.code == "house-style" for d in in_plain)
    assert any(d.code == "house-style" and "Mariupol" in d.message for d in in_strict)

"""The Language Server Protocol wiring (pygls): documents in, diagnostics and edits out.

The server never writes a file. It checks the text the editor holds on open, on every change
and on save; a change to `newsdesk.yaml` or `staff.yaml` (saved in the editor, reported by the
client's file watcher, or noticed on disk) re-checks every open story of that newsroom. Any
failure inside a handler becomes one diagnostic or log line, never a dead server.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from newsdesk import __version__
from newsdesk.lsp import features
from newsdesk.lsp.rooms import Room, Rooms
from newsdesk.newsroom import CONFIG_FILE, STAFF_FILE, find_root

T = TypeVar("T")
SETTINGS_FILES = (CONFIG_FILE, STAFF_FILE)


class NewsdeskServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("newsdesk", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.rooms = Rooms()
        self.checked: dict[str, features.Checked] = {}

    def safely(self, what: str, action: Callable[[], T], fallback: T) -> T:
        try:
            return action()
        except Exception as error:  # an editor's server must outlive any bug
            self.window_log_message(types.LogMessageParams(
                types.MessageType.Error,
                f"newsdesk: {what} failed: {error!r}\n{traceback.format_exc()}"))
            return fallback

    def publish(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        path = Path(document.path) if document.path else None
        root = self.rooms.root_of(path) if path is not None else None
        if path is None or root is None:
            return
        checked = self.safely(f"checking {path.name}",
                              lambda: features.check(self.rooms.room(root), path,
                                                     document.source), None)
        if checked is None:
            diagnostics = [types.Diagnostic(
                types.Range(types.Position(0, 0), types.Position(0, 0)),
                "newsdesk could not check this story (see the server log)",
                severity=types.DiagnosticSeverity.Error, source=features.SOURCE)]
            self.checked.pop(uri, None)
        else:
            self.checked[uri] = checked
            diagnostics = features.diagnostics(document, checked)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=document.version))

    def settings_changed(self, path: Path) -> None:
        """A newsroom's settings, roster or list of stories changed: read it again and
        re-check its open stories."""
        try:
            root = find_root(path.parent)
        except Exception:  # the folder may be gone
            self.rooms.forget_all()
            root = None
        if root is not None:
            self.rooms.forget(root)
        for uri in list(self.checked):
            self.publish(uri)

    def current(self, uri: str) -> features.Checked | None:
        """The findings of the text the editor holds now (checked again if it changed)."""
        checked = self.checked.get(uri)
        document = self.workspace.get_text_document(uri)
        if checked is None or checked.text != document.source:
            self.publish(uri)
            checked = self.checked.get(uri)
        return checked

    def story_at(self, uri: str) -> tuple[features.Checked, TextDocument, Room] | None:
        """The story's current findings, its document and its newsroom; None for any file
        that is not a story in a newsroom."""
        document = self.workspace.get_text_document(uri)
        root = self.rooms.root_of(Path(document.path)) if document.path else None
        checked = self.current(uri) if root is not None else None
        if checked is None or root is None:
            return None
        return checked, document, self.rooms.room(root)


server = NewsdeskServer()


def _is_settings(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in SETTINGS_FILES


@server.feature(types.INITIALIZED)
def initialized(ls: NewsdeskServer, params: types.InitializedParams) -> None:
    capabilities = ls.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if watched is not None and watched.dynamic_registration:
        ls.client_register_capability(types.RegistrationParams(registrations=[
            types.Registration(
                id="newsdesk-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    types.FileSystemWatcher(glob_pattern=f"**/{CONFIG_FILE}"),
                    types.FileSystemWatcher(glob_pattern=f"**/{STAFF_FILE}"),
                    types.FileSystemWatcher(glob_pattern="**/stories/**/*.md",
                                            kind=types.WatchKind.Create
                                            | types.WatchKind.Delete),
                ]))]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NewsdeskServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NewsdeskServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NewsdeskServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if _is_settings(uri):
        path = ls.workspace.get_text_document(uri).path
        if path:
            ls.settings_changed(Path(path))
        return
    ls.publish(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NewsdeskServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if ls.checked.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: NewsdeskServer, params: types.DidChangeWatchedFilesParams) -> None:
    from pygls.uris import to_fs_path

    for change in params.changes:
        path = to_fs_path(change.uri)
        if path:
            ls.settings_changed(Path(path))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: NewsdeskServer, params: types.CodeActionParams
                ) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    checked = ls.current(uri)
    if checked is None:
        return None
    document = ls.workspace.get_text_document(uri)
    return ls.safely("quick fixes", lambda: features.code_actions(
        document, uri, checked, params.range), None)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: NewsdeskServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.story_at(params.text_document.uri)
    if found is None:
        return None
    checked, document, room = found
    return ls.safely("hover", lambda: features.hover(document, room, checked, params.position),
                     None)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(
    trigger_characters=[" ", "[", ",", "-", '"']))
def completion(ls: NewsdeskServer, params: types.CompletionParams
               ) -> types.CompletionList | None:
    found = ls.story_at(params.text_document.uri)
    if found is None:
        return None
    checked, document, room = found
    none: list[types.CompletionItem] = []
    items = ls.safely("completion", lambda: features.completions(
        document, room, checked, params.position), none)
    return types.CompletionList(is_incomplete=False, items=items)


def serve() -> None:
    """Speak LSP on stdin and stdout until the client says exit."""
    server.start_io()

"""How long a reporter waits for the underline: from a keystroke (`didChange`) to the
diagnostics of the changed story (`publishDiagnostics`), over stdio with the real server.

    python benchmarks/lsp_latency.py [STORY.md] [--changes 60]

Defaults to the longest story of this repository's own newsroom. Prints the median and the
95th percentile; the goal (issue 17) is 50 ms for a typical story. A report, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
NEWSDESK = str(Path(sys.executable).parent / "newsdesk")


async def measure(story: Path, changes: int) -> list[float]:
    client = LanguageClient("latency", "1")
    received: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        received.put_nowait(time.perf_counter())

    await client.start_io(NEWSDESK, "lsp")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=story.parent.as_uri()))
    client.initialized(types.InitializedParams())
    uri = story.as_uri()
    text = story.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await received.get()  # the first check reads the newsroom; not a keystroke
    end = types.Position(line=text.count("\n"), character=0)
    waits = []
    for version in range(2, changes + 2):
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangePartial(range=types.Range(end, end), text="x")]))
        waits.append(await received.get() - sent)
        end = types.Position(line=end.line, character=end.character + 1)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return waits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("story", nargs="?", type=Path)
    parser.add_argument("--changes", type=int, default=60)
    args = parser.parse_args(argv)
    story = args.story or max((ROOT / "stories").rglob("*.md"), key=lambda p: p.stat().st_size)
    waits = asyncio.run(measure(story.resolve(), args.changes))
    ordered = sorted(waits)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(f"story: {story.name} ({story.stat().st_size:,} bytes), {len(waits)} changes")
    print(f"keystroke to diagnostics: median {statistics.median(waits) * 1000:.1f} ms, "
          f"95th percentile {p95 * 1000:.1f} ms (goal: 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

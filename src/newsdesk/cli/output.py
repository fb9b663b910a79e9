"""Small helpers for what commands print."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.newsroom import Newsroom


def use_colour(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


QUIET = False  # set by the global --quiet option

# Colour codes (SGR) are newsdesk's own; any other control character in printed text came
# from a file and could rewrite the terminal (window titles, hyperlinks, the clipboard).
_SGR = re.compile(r"\x1b\[[0-9;]{0,20}m")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """`text` with every control character but newline, tab and colour codes shown as an
    escape (`\\x1b`), never sent to the terminal."""
    if _CONTROL.search(text) is None:
        return text
    kept = _SGR.split(text)
    codes = _SGR.findall(text)
    shown = [_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", part) for part in kept]
    out = [shown[0]]
    for code, part in zip(codes, shown[1:], strict=True):
        out += [code, part]
    return "".join(out)


def echo(text: str = "") -> None:
    """The command's result (data): printed even with --quiet."""
    sys.stdout.write(terminal_safe(text) + "\n")


def info(text: str) -> None:
    """A progress or confirmation message: silenced by --quiet."""
    if not QUIET:
        sys.stdout.write(terminal_safe(text) + "\n")


def warn(text: str) -> None:
    """A note on stderr (skipped stories, findings on submit): silenced by --quiet."""
    if not QUIET:
        sys.stderr.write(f"newsdesk: {terminal_safe(text)}\n")


def print_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # json escapes C0 controls itself; C1 (U+0080..U+009F) get JSON escapes too
    echo(re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text))


PROGRESS_MIN_ITEMS = 20


@contextlib.contextmanager
def story_progress(newsroom: Newsroom, label: str) -> Iterator[None]:
    """A progress bar over a command's pass through every story of `newsroom`, and over any
    long update of its summary index."""
    with index_progress(newsroom):
        if not interactive():  # no bar: never count the stories for one
            yield
            return
        with progress(len(newsroom.story_files()), label) as advance:
            newsroom.on_story = advance
            try:
                yield
            finally:
                newsroom.on_story = None


@contextlib.contextmanager
def index_progress(newsroom: Newsroom) -> Iterator[None]:
    """A progress bar only if the summary index has many stories to read (the first run on
    a large newsroom); a warm index shows nothing and counts nothing."""
    newsroom.progress = progress
    try:
        yield
    finally:
        newsroom.progress = None


def interactive() -> bool:
    """A person is watching: stderr is a terminal, not CI, not --quiet."""
    return (not QUIET and not os.environ.get("CI")
            and bool(getattr(sys.stderr, "isatty", lambda: False)()))


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on stderr for long runs in a terminal; None (no bar) otherwise,
    so piped output and CI logs stay clean."""
    if total < PROGRESS_MIN_ITEMS or not interactive():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
    with Progress(f"[bold]{label}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        bar.refresh()  # show the bar at once, even for a run shorter than one refresh tick
        yield lambda n: bar.advance(task, n)

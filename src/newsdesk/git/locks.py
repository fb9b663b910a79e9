"""One newsdesk process at a time changes a newsroom.

Two reporters' commands on one machine (or a script running ten in parallel) would otherwise
race between reading a story, writing it and committing. The lock lives in the git folder, so
it is never committed; a note beside it names the holder for the message a waiting process
prints when it gives up.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newsdesk.errors import EnvironmentProblem


@contextlib.contextmanager
def newsroom_lock(git_dir: Path, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock_path = git_dir / "newsdesk.lock"
    owner_path = git_dir / "newsdesk.lock.owner"
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        holder = "another newsdesk process"
        with contextlib.suppress(OSError):
            holder = owner_path.read_text(encoding="utf-8").strip() or holder
        raise EnvironmentProblem(
            f"the newsroom is busy: {holder} holds {lock_path} (waited {timeout:g}s); "
            "try again when it finishes") from None
    try:
        with contextlib.suppress(OSError):
            command = " ".join(["newsdesk", *sys.argv[1:]])[:200]
            owner_path.write_text(
                f"pid {os.getpid()} ({command!r}, since {time.strftime('%H:%M:%S')})\n",
                encoding="utf-8")
        yield
    finally:
        with contextlib.suppress(OSError):
            owner_path.unlink()
        lock.release()

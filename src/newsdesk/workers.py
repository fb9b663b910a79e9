"""Worker processes that share a command's work: one forked process a CPU, stopped with it.

Validation and the audit fork a pool of workers (forked, they inherit the rules and the
history already read; nothing is pickled on the way in). A Ctrl-C in a terminal reaches every
process of the foreground group, and a worker that got it printed its own KeyboardInterrupt
traceback (or, caught inside a task, went on to the next one). The workers ignore it instead:
the main process, which gets it too, stops the pool (work not yet started is cancelled, the
chunks being worked on finish) and newsdesk exits with its one line and status 130.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def forked_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `jobs` forked workers that leave Ctrl-C to this process. Leaving the block
    waits for the work submitted; leaving it by an exception (Ctrl-C, a failed chunk, a
    caller that stopped reading results) cancels what has not started first."""
    from multiprocessing import get_context

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"),
                               initializer=_ignore_interrupts)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)

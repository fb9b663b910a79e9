"""The worker pool leaves Ctrl-C to newsdesk's own process, and stops when that process
stops: real forked processes, real signals."""

from __future__ import annotations

import os
import signal
import time

import pytest

from newsdesk.workers import forked_pool


def _interrupted_then_answers(value: int) -> int:
    """What a worker meets when Ctrl-C reaches the whole foreground process group."""
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)  # the signal is delivered by now
    return value * 2


def _slow(value: int) -> int:
    time.sleep(0.3)
    return value


def test_a_worker_that_gets_ctrl_c_finishes_its_work() -> None:
    with forked_pool(2) as pool:
        try:
            answers = list(pool.map(_interrupted_then_answers, range(6)))
        except KeyboardInterrupt:  # a worker's, handed back as its task's result
            pytest.fail("a worker stopped at Ctrl-C instead of leaving it to newsdesk")
    assert answers == [0, 2, 4, 6, 8, 10]


def test_this_process_still_gets_ctrl_c() -> None:
    with forked_pool(2) as pool:
        assert pool.submit(_slow, 1).result() == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


class _Stop(Exception):
    pass


def test_leaving_by_an_exception_cancels_the_work_not_started() -> None:
    futures = []
    with pytest.raises(_Stop), forked_pool(2) as pool:
        futures = [pool.submit(_slow, n) for n in range(40)]
        raise _Stop
    assert all(future.done() for future in futures)
    # the two running and the few already handed to a worker finish; the rest never start
    assert sum(future.cancelled() for future in futures) >= 30

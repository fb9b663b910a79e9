"""Many objects from git in one stream: what reading a decade of history needs.

Asking `git cat-file --batch` for one object and waiting for the answer costs a round trip
between two processes (about a quarter of a millisecond); the audit of 300,000 commits asked
for 1.2 million objects that way. Here the questions are written by a thread while the
answers are read as they come, so git never waits for Python and Python waits only for
git's work. Requests go in groups (all the objects one commit's judgement needs); each
group's answers come back together, in order.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import IO, TypeVar

from newsdesk.errors import EnvironmentProblem

Tag = TypeVar("Tag")
Found = tuple[str, str, bytes]  # (object id, kind, exact bytes)


def start_git(root: Path, *args: str) -> subprocess.Popen[bytes]:
    """A long-running git (`cat-file --batch`) to talk to through its pipes."""
    from newsdesk.git.store import git_environment

    try:
        return subprocess.Popen(["git", *args], cwd=root, env=git_environment(),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as error:
        raise EnvironmentProblem(f"cannot run git: {error.strerror}") from None


def objects(root: Path, groups: Iterable[tuple[Tag, list[str]]]
            ) -> Iterator[tuple[Tag, list[Found | None]]]:
    """For each (tag, specs) of `groups`, the tag and each spec's object (None when there
    is none: a missing object, a path absent at that commit, a name with a newline), from
    the repository whose work tree (or git folder) is `root`."""
    process = start_git(root, "cat-file", "--batch", "--buffer")
    sent: queue.Queue[tuple[Tag, list[str]] | None] = queue.Queue()
    failure: list[BaseException] = []
    writer = threading.Thread(target=_write_groups, args=(process.stdin, groups, sent, failure),
                              daemon=True)
    writer.start()
    try:
        while True:
            item = sent.get()
            if item is None:
                break
            tag, specs = item
            yield tag, [read_answer(process) if "\n" not in spec else None for spec in specs]
        if failure:
            raise failure[0]
    finally:
        _finish(process, writer)


def _write_groups(stdin: IO[bytes] | None, groups: Iterable[tuple[Tag, list[str]]],
                  sent: queue.Queue[tuple[Tag, list[str]] | None],
                  failure: list[BaseException]) -> None:
    assert stdin is not None
    try:
        for tag, specs in groups:
            wanted = [spec for spec in specs if "\n" not in spec]
            if wanted:
                stdin.write("".join(f"{spec}\n" for spec in wanted).encode(
                    "utf-8", "surrogateescape"))
            sent.put((tag, specs))
        stdin.close()
    except BrokenPipeError:
        pass  # git stopped (the reader ended early, or git failed: the reader says why)
    except BaseException as error:  # handed to the reading thread, which raises it
        failure.append(error)
    finally:
        sent.put(None)


def read_answer(process: subprocess.Popen[bytes]) -> Found | None:
    """`cat-file --batch`'s answer to one question: the object, or None when there is none."""
    stdout = process.stdout
    assert stdout is not None
    header = stdout.readline()
    if not header:
        said = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        raise EnvironmentProblem("git cat-file stopped before answering every question: "
                                 + (" ".join(said.split()) or "no reason given"))
    if header.endswith((b" missing\n", b" ambiguous\n")):  # "<spec> missing"
        return None
    oid, kind, size = header.split()
    data = stdout.read(int(size))
    stdout.read(1)  # the newline after the contents
    return oid.decode("ascii"), kind.decode("ascii"), data


Item = TypeVar("Item")
Result = TypeVar("Result")
WORKER_MIN_BLOBS = 2000  # below this, one process is faster than starting one per CPU
_CHUNK = 1000  # blobs a worker is given at a time


def in_workers(root: Path, blobs: list[Item],
               work: Callable[[Path, list[Item]], list[Result]]
               ) -> Generator[tuple[list[Item], list[Result]], None, None] | None:
    """`work(root, chunk)` for chunks of `blobs` (ids, or whatever names one blob to
    `work`), in one forked process per CPU, each reading its chunk through a git of its
    own (`objects`): each chunk with its results, in order, as they come. None when there
    are fewer than WORKER_MIN_BLOBS or one CPU:
    starting the processes would cost more, and the caller does the work itself. `work`
    must be a module-level function."""
    import os

    jobs = os.cpu_count() or 1
    if jobs < 2 or len(blobs) < WORKER_MIN_BLOBS:
        return None
    return _in_workers(root, [blobs[i:i + _CHUNK] for i in range(0, len(blobs), _CHUNK)],
                       work, jobs)


def _in_workers(root: Path, chunks: list[list[Item]],
                work: Callable[[Path, list[Item]], list[Result]], jobs: int
                ) -> Generator[tuple[list[Item], list[Result]], None, None]:
    import gc
    from collections import deque
    from concurrent.futures import Future

    from newsdesk.workers import forked_pool

    # the workers share what this process has read so far until one of them writes to it;
    # the collector of cycles would (it marks every object it visits)
    gc.freeze()
    try:
        with forked_pool(jobs) as pool:
            # a few chunks ahead of the caller, not all of them: results wait in memory
            waiting: deque[tuple[list[Item], Future[list[Result]]]] = deque()
            for chunk in chunks:
                waiting.append((chunk, pool.submit(work, root, chunk)))
                if len(waiting) > 2 * jobs:
                    done, future = waiting.popleft()
                    yield done, future.result()
            while waiting:
                done, future = waiting.popleft()
                yield done, future.result()
    finally:
        gc.unfreeze()


def object_ids(root: Path, specs: list[str]) -> list[str | None]:
    """The object id each of `specs` names ("<commit>:<path>"), or None, in one call."""
    process = start_git(root, "cat-file", "--batch-check=%(objectname)")
    wanted = "".join(f"{spec}\n" for spec in specs if "\n" not in spec)
    out, err = process.communicate(wanted.encode("utf-8", "surrogateescape"))
    if process.returncode != 0:
        raise EnvironmentProblem(
            f"git cat-file failed: {err.decode('utf-8', 'replace').strip()}")
    answers = iter(out.decode("ascii", "replace").splitlines())
    found: list[str | None] = []
    for spec in specs:
        if "\n" in spec:
            found.append(None)
            continue
        line = next(answers, "")
        found.append(line if line and " " not in line else None)
    return found


def _finish(process: subprocess.Popen[bytes], writer: threading.Thread) -> None:
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    if process.poll() is None:
        process.kill()
    process.wait()
    writer.join(timeout=5)
    if process.stdin is not None and not process.stdin.closed:
        with contextlib.suppress(OSError):
            process.stdin.close()

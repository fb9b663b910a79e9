"""Cold `validate` of one newsroom by two versions of newsdesk, run alternately.

    python benchmarks/compare.py NEWSROOM --before c765fbd [--runs 8] [--jobs N]

The earlier version is checked out from this repository into a temporary `git worktree` and
run from its `src/` with the same interpreter and libraries; the later one is the working
tree's. Each run starts with the newsroom's cache removed. This machine's timing noise is
large (a neighbour's load adds 10-40% to a run), so the two versions alternate, and the
median and the best run are both reported, for wall time and for the CPU time of all
processes (the checking processes included). A report for docs/performance.md, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def run_once(source: Path, newsroom: Path, jobs: int | None) -> tuple[float, float]:
    """Wall and CPU seconds of one cold `validate` with newsdesk imported from `source`."""
    shutil.rmtree(newsroom / ".newsdesk" / "cache", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(source)}
    command = [sys.executable, "-m", "newsdesk", "validate"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=newsroom, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    # the main process and the workers it waited for
    return wall, usage.ru_utime + usage.ru_stime


def summary(runs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median wall, best wall, median CPU."""
    walls = [wall for wall, _ in runs]
    cpus = [cpu for _, cpu in runs]
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("newsroom", type=Path)
    parser.add_argument("--before", required=True, help="a commit of this repository")
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)
    newsroom = args.newsroom.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        worktree = Path(scratch) / "before"
        subprocess.run(["git", "-C", str(HERE), "worktree", "add", "--detach", "-q",
                        str(worktree), args.before], check=True)
        try:
            sources = {"before": worktree / "src", "after": HERE / "src"}
            # compile both once, so that neither pays for compiling its source in a run
            for source in sources.values():
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(source)],
                               check=True, stdout=subprocess.DEVNULL)
            results: dict[str, list[tuple[float, float]]] = {name: [] for name in sources}
            for _ in range(args.runs):
                for name, source in sources.items():
                    results[name].append(run_once(source, newsroom, args.jobs))
        finally:
            subprocess.run(["git", "-C", str(HERE), "worktree", "remove", "--force",
                            str(worktree)], check=False)
    before = summary(results["before"])
    after = summary(results["after"])
    print(f"cold validate of {newsroom}, {args.runs} alternating runs each")
    print("| | before | after | after / before |")
    print("|---|---:|---:|---:|")
    for index, label in enumerate(("wall, median", "wall, best", "CPU, median")):
        print(f"| {label} | {before[index]:.2f} s | {after[index]:.2f} s "
              f"| {after[index] / before[index]:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

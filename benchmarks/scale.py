"""The commands people type all day, on newsrooms of growing size: one table, one chart.

    python benchmarks/scale.py --sizes 100,10000,100000 [--runs 3] [--work DIR] [--reuse]
                               [--chart docs/images/scale.png]

Each newsroom is made by `history.py` (three commits per story, 30 stories in review and 30
drafts); with --reuse an existing one in --work is used as it is. It is first brought to the
state a newsroom in daily use is in, by `newsdesk index` (git's commit-graph, the history,
summary and text indexes; `newsdesk init` starts them, an older newsroom runs the command
once): that one-time cost is reported. Then every command is timed (median of --runs, wall
seconds) with the peak memory of the command and the git processes it waited for; `list`
and the review queue are timed twice, at rest and right after another story was committed
(the indexes then catch up, as they do all day in a newsroom in use).

A report for docs/performance.md (needs the `bench` extra for the chart), not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import history

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))
REPORTER = ("Petro Hnatiuk", "petro@kyivdesk.example")
EDITOR = ("Iryna Bondar", "iryna@kyivdesk.example")
DAILY_LIMIT = 0.5  # seconds, for every daily command but search
RATIO_LIMIT = 1.5  # largest newsroom against the smallest


def timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the process and the children it waited for, exit status)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(
        status)


def act_as(root: Path, who: tuple[str, str]) -> None:
    subprocess.run(["git", "-C", str(root), "config", "user.name", who[0]], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.email", who[1]], check=True)


def ids_with(root: Path, status: str) -> list[str]:
    out = subprocess.run([NEWSDESK, "list", "--status", status, "--sort", "id"], cwd=root,
                         capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


class Run:
    def __init__(self, root: Path, runs: int) -> None:
        self.root = root
        self.runs = runs
        self.rows: dict[str, tuple[float, float]] = {}

    def measure(self, name: str, commands: list[list[str]], who: tuple[str, str] = EDITOR,
                before: list[list[str]] | None = None) -> None:
        """Time each of `commands`, after running the one of `before` at the same place
        (untimed): the state a command meets in a newsroom in use."""
        act_as(self.root, who)
        times, peaks = [], []
        for number, command in enumerate(commands):
            if before is not None:
                timed([NEWSDESK, *before[number]], self.root)
            seconds, peak, status = timed([NEWSDESK, *command], self.root)
            if status not in (0, 1):
                raise SystemExit(f"{' '.join(command)} failed with {status} in {self.root}")
            times.append(seconds)
            peaks.append(peak)
        self.rows[name] = (statistics.median(times), max(peaks))
        print(f"  {name}: {self.rows[name][0]:.3f} s, {self.rows[name][1]:.0f} MB",
              flush=True)


LONG = ("audit (whole history)", "validate, cold, all CPUs")


def measure(size: int, runs: int, work: Path, reuse: bool, skip_long: bool = False
            ) -> dict[str, tuple[float, float]]:
    root = work / f"history-{size}"
    if not (reuse and (root / "newsdesk.yaml").exists()):
        history.generate(root, size)
    print(f"{size:,} stories ({root})", flush=True)
    run = Run(root, runs)
    shutil.rmtree(root / ".newsdesk", ignore_errors=True)
    for stale in (root / ".git" / "objects" / "info").glob("commit-graph*"):
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    run.measure(ONCE, [["index"]])
    middle = f"story-{size // 2:06d}"
    repeat = [None] * runs
    run.measure("newsdesk --version", [["--version"] for _ in repeat])
    run.measure("list --status review", [["list", "--status", "review"] for _ in repeat])
    run.measure("review (the queue)", [["review"] for _ in repeat])
    run.measure("show ID", [["show", middle] for _ in repeat])
    run.measure("log ID", [["log", middle] for _ in repeat])
    run.measure("search WORD (one story)", [["search", f"number {size // 2}"]])
    run.measure("new", [["new", "--headline", f"Benchmark story {n}"] for n in range(runs)],
                REPORTER)
    drafts = [i for i in ids_with(root, "draft") if i.startswith("story-")][:runs]
    run.measure("submit ID", [["submit", story_id] for story_id in drafts], REPORTER)
    waiting = [i for i in ids_with(root, "review") if i.startswith("story-")][:runs]
    run.measure("review ID --approve", [["review", story_id, "--approve"]
                                        for story_id in waiting])
    # in a newsroom in use someone committed since the last look: the indexes catch up
    commits = [["new", "--headline", f"Committed before looking {n}"] for n in range(runs)]
    run.measure("list --status review, after a commit",
                [["list", "--status", "review"] for _ in repeat], REPORTER, commits)
    commits = [["new", "--headline", f"Committed before the queue {n}"] for n in range(runs)]
    run.measure("review (the queue), after a commit", [["review"] for _ in repeat],
                REPORTER, commits)
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD~100"], check=True,
                          capture_output=True, text=True).stdout.strip()
    run.measure("audit --since (last 100 commits)", [["audit", "--since", head]])
    if not skip_long:
        run.measure("audit (whole history)", [["audit"]])
    (root / ".newsdesk" / "cache" / "validate.json").unlink(missing_ok=True)
    if not skip_long:
        run.measure("validate, cold, all CPUs", [["validate", "--format", "json"]])
    else:  # the warm runs need the cache filled
        timed([NEWSDESK, "validate", "--format", "json"], root)
    run.measure("validate, warm", [["validate", "--format", "json"] for _ in repeat])
    out = work / f"export-{size}"
    shutil.rmtree(out, ignore_errors=True)
    run.measure("export --format ninjs (every published story)",
                [["export", "--format", "ninjs", "--out", str(out)]])
    shutil.rmtree(out, ignore_errors=True)
    return run.rows


DAILY = ("list --status review", "review (the queue)", "show ID", "log ID", "new",
         "submit ID", "review ID --approve", "list --status review, after a commit",
         "review (the queue), after a commit")


ONCE = "once: newsdesk index (commit-graph, history, summary and text indexes)"
ORDER = (ONCE,
         "newsdesk --version", "list --status review", "review (the queue)", "show ID", "log ID",
         "search WORD (one story)", "new", "submit ID", "review ID --approve",
         "list --status review, after a commit", "review (the queue), after a commit",
         "audit --since (last 100 commits)", "audit (whole history)", "validate, cold, all CPUs",
         "validate, warm", "export --format ninjs (every published story)")


def ordered(rows: dict[str, tuple[float, float]]) -> list[str]:
    return sorted(rows, key=lambda name: ORDER.index(name) if name in ORDER else len(ORDER))


def table(sizes: list[int], results: dict[int, dict[str, tuple[float, float]]]) -> str:
    first, last = sizes[0], sizes[-1]
    head = "| command | " + " | ".join(f"{s:,} stories" for s in sizes) + \
        f" | {last:,} / {first:,} | goal |"
    lines = [head, "|---|" + "---:|" * len(sizes) + "---:|---|"]
    for name in ordered(results[first]):
        cells = []
        for size in sizes:
            seconds, peak = results[size].get(name, (float("nan"), 0.0))
            cells.append(f"{seconds:.2f} s" + (f" ({peak:.0f} MB)" if peak else ""))
        small, large = results[first][name][0], results[last].get(name, (float("nan"),))[0]
        ratio = large / small if small else float("nan")
        goal = ""
        if name in DAILY:
            met = ratio <= RATIO_LIMIT and large <= DAILY_LIMIT
            goal = f"{'met' if met else 'missed'} (<= {RATIO_LIMIT}x, <= {DAILY_LIMIT} s)"
        elif name.startswith("search"):
            goal = f"{'met' if ratio <= RATIO_LIMIT else 'missed'} (<= {RATIO_LIMIT}x)"
        elif name == "audit (whole history)":
            goal = f"{'met' if large < 60 else 'missed'} (< 60 s)"
        elif name == "validate, warm":
            goal = "<= 3 s at 100,000"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {ratio:.1f}x | {goal} |")
    return "\n".join(lines)


def chart(sizes: list[int], results: dict[int, dict[str, tuple[float, float]]],
          target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axis = pyplot.subplots(figsize=(9, 5.5))
    axis.set_prop_cycle(color=pyplot.get_cmap("tab20").colors)
    for name in ordered(results[sizes[0]]):
        if name.startswith("once:") or name == "newsdesk --version":
            continue
        axis.plot(sizes, [results[s][name][0] for s in sizes], marker="o", label=name)
    axis.plot(sizes, [results[s]["newsdesk --version"][0] for s in sizes], "k--",
              label="newsdesk --version (start-up)")
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("stories in the newsroom (three commits each)")
    axis.set_ylabel("seconds (median, wall)")
    axis.set_title("newsdesk commands against newsroom size (2 CPUs)")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=7, loc="upper left")
    figure.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdesk-scale"))
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--chart", type=Path)
    parser.add_argument("--save", type=Path, help="write the measurements as JSON")
    parser.add_argument("--draw", metavar="SAVED.json", type=Path,
                        help="measure nothing: print the table and draw the chart of a --save")
    parser.add_argument("--skip-long", metavar="EARLIER.json", type=Path,
                        help="skip the whole-history audit and the cold validate, and take "
                             "them from an earlier --save")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.draw is not None:
        saved = json.loads(args.draw.read_text(encoding="utf-8"))
        drawn = {int(size): {k: (v[0], v[1]) for k, v in rows.items()}
                 for size, rows in saved.items()}
        print(table(sorted(drawn), drawn))
        if args.chart is not None:
            chart(sorted(drawn), drawn, args.chart)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    results = {size: measure(size, args.runs, args.work, args.reuse, args.skip_long is not None)
               for size in sizes}
    if args.skip_long is not None:
        earlier = json.loads(args.skip_long.read_text(encoding="utf-8"))
        for size in sizes:
            for name in LONG:
                seconds, peak = earlier[str(size)][name]
                results[size][name] = (seconds, peak)
    if args.save is not None:
        args.save.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print()
    print(table(sizes, results))
    if args.chart is not None:
        chart(sizes, results, args.chart)
        print(f"\nchart: {args.chart}")


if __name__ == "__main__":
    main()

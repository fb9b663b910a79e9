"""Measure newsdesk against its floors and peers, side by side in one run.

    python benchmarks/run.py [--sizes 1000,10000] [--runs 3] [--out docs/performance.md]

Reports medians as a Markdown table. It is a report, never a pass/fail test: goals are
stated next to the figures so a reader sees at once which are met. Needs `newsdesk` installed
in this Python's environment; check-jsonschema is used when installed (pip install
check-jsonschema) and skipped otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

BIN = Path(sys.executable).parent
NEWSDESK = str(BIN / "newsdesk")
MINI_TYPER = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "x") -> None:
    print(name)
@app.command()
def other() -> None:
    pass
app()
"""
FLOOR = """
import sys, glob, yaml
for name in sorted(glob.glob(sys.argv[1] + "/stories/*/*/*.md")):
    with open(name, "rb") as handle:
        text = handle.read().decode("utf-8")
    end = text.index("\\n---\\n", 4)
    yaml.load(text[4:end], Loader=yaml.CSafeLoader)
"""


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float,
                                                                                         int]:
    """Wall seconds and peak RSS (KB) of the command's main process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss


def median(command: list[str], cwd: Path, runs: int, before: object = None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        if callable(before):
            before()
        seconds, peak = timed(command, cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def front_matter_files(root: Path, target: Path) -> list[str]:
    target.mkdir(parents=True, exist_ok=True)
    names = []
    for path in sorted(root.glob("stories/*/*/*.md")):
        text = path.read_text(encoding="utf-8")
        out = target / (path.stem + ".yaml")
        out.write_text(text[4:text.index("\n---\n", 4) + 1], encoding="utf-8")
        names.append(str(out))
    return names


def measure(size: int, runs: int, work: Path) -> list[tuple[str, float, int, str]]:
    root = generate(work / f"newsroom-{size}", size)
    cache = root / ".newsdesk"

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    rows: list[tuple[str, float, int, str]] = []
    floor, floor_rss = median([sys.executable, "-c", FLOOR, str(root)], root, runs)
    rows.append(("floor: read files + CSafeLoader front matter (1 process)", floor, floor_rss,
                 ""))
    cold, cold_rss = median([NEWSDESK, "validate", "--format", "json"], root, runs, drop_cache)
    rows.append(("newsdesk validate, cold, every rule, all CPUs", cold, cold_rss,
                 f"{cold / floor:.2f}x floor (goal <= 1.2x)"))
    serial, serial_rss = median([NEWSDESK, "validate", "--format", "json", "-j", "1"], root,
                                runs, drop_cache)
    rows.append(("newsdesk validate, cold, one process", serial, serial_rss,
                 f"{serial / floor:.2f}x floor; peak RSS goal < 200 MB"))
    timed([NEWSDESK, "validate"], root)  # fill the cache
    warm, warm_rss = median([NEWSDESK, "validate", "--format", "json"], root, runs)
    rows.append(("newsdesk validate, warm (nothing changed)", warm, warm_rss,
                 "goal <= 0.5 s at 10,000"))
    version, _ = median([NEWSDESK, "--version"], root, runs)
    one = next(root.glob("stories/*/*/*.md"))
    one.write_text(one.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed, _ = median([NEWSDESK, "validate", "--changed-since", "HEAD", "--no-cache"], root,
                        runs)
    rows.append(("newsdesk validate --changed-since HEAD (1 changed story)", changed, 0,
                 f"{changed / version:.2f}x --version (goal <= 1.5x)"))
    if shutil.which("check-jsonschema", path=str(BIN)) and size <= 2000:
        files = front_matter_files(root, work / f"front-{size}")
        peer, _ = median([str(BIN / "check-jsonschema"), "--schemafile",
                          str(Path(__file__).resolve().parent.parent / "schemas" /
                              "story.schema.json"), *files], root, 1)
        rows.append(("peer: check-jsonschema, schema only", peer, 0,
                     f"newsdesk cold is {peer / cold:.1f}x faster (goal >= 3x)"))
    return rows


def startup(runs: int, work: Path) -> list[tuple[str, float, int, str]]:
    mini = work / "mini.py"
    mini.write_text(MINI_TYPER, encoding="utf-8")
    root = generate(work / "newsroom-startup", 1)
    one = str(next(root.glob("stories/*/*/*.md")))
    baseline, _ = median([sys.executable, str(mini), "--help"], work, runs * 3)
    version, _ = median([NEWSDESK, "--version"], work, runs * 3)
    single, _ = median([NEWSDESK, "validate", "--no-cache", one], root, runs * 3)
    python, _ = median([sys.executable, "-c", "pass"], work, runs * 3)
    return [
        ("python -c pass", python, 0, ""),
        ("minimal Typer app --help", baseline, 0, "the baseline"),
        ("newsdesk --version", version, 0, f"{version / baseline:.2f}x baseline (goal <= 1.2x)"),
        ("newsdesk validate one-story.md", single, 0,
         f"{single / baseline:.2f}x baseline (goal <= 1.2x)"),
    ]


def import_report() -> str:
    result = subprocess.run([sys.executable, "-X", "importtime", "-c",
                             "import newsdesk.cli.app, newsdesk.check.validation, "
                             "newsdesk.models.story"], capture_output=True, text=True,
                            check=False)
    rows = []
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    rows.sort(reverse=True)
    return "\n".join(f"{us / 1000:7.1f} ms  {name}" for us, name in rows[:15])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
             f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
             f"medians of {args.runs} runs; RSS is the main process's peak.", ""]
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        work = Path(tmp)
        sections = [("Start-up", startup(args.runs, work))]
        for size in (int(s) for s in args.sizes.split(",")):
            sections.append((f"{size:,} stories", measure(size, args.runs, work)))
    for title, rows in sections:
        lines += [f"### {title}", "", "| measurement | seconds | peak RSS | against the goal |",
                  "|---|---:|---:|---|"]
        for name, seconds, rss, note in rows:
            memory = f"{rss / 1024:.0f} MB" if rss else ""
            lines.append(f"| {name} | {seconds:.3f} | {memory} | {note} |")
        lines.append("")
    lines += ["### What start-up imports (python -X importtime, cumulative)", "", "```",
              import_report(), "```", ""]
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()

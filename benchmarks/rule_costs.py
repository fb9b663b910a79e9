"""Where validation time goes, rule by rule: the mean cost per story of parsing and of each
rule's check, over a generated newsroom (or any folder of stories).

    python benchmarks/rule_costs.py NEWSROOM [--limit 500]

A report for docs/performance.md, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from newsdesk.check.engine import resolve_rules
    from newsdesk.rules.base import Context
    from newsdesk.story.reader import parse, read_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("newsroom", type=Path)
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args(argv)
    paths = sorted((args.newsroom / "stories").rglob("*.md"))[:args.limit]
    rules = resolve_rules({})
    ctx = Context(roster=None, story_ids=frozenset())
    costs = {rule.info.id: 0.0 for rule in rules}
    parse_cost = 0.0
    for path in paths:
        raw = path.read_bytes()
        started = time.perf_counter()
        parsed = read_model(parse(raw), path.stem)
        parse_cost += time.perf_counter() - started
        story = parsed.model
        if story is None:
            continue
        for rule in rules:
            if rule.info.check is None:
                continue
            started = time.perf_counter()
            for _ in rule.info.check(parsed, story, ctx, rule.options):
                pass
            costs[rule.info.id] += time.perf_counter() - started
    count = len(paths)
    print(f"| step | ms per story ({count} stories) |")
    print("|---|---|")
    print(f"| parse and model | {parse_cost / count * 1000:.3f} |")
    for rule_id, cost in sorted(costs.items(), key=lambda item: -item[1]):
        print(f"| {rule_id} | {cost / count * 1000:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

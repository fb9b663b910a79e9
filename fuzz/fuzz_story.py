"""Coverage-guided fuzzing of the story reader and the rule engine with atheris.

    python fuzz/fuzz_story.py -max_total_time=60 [corpus_dir]

Any input must end as findings or a parsed story, never as an exception: a crash here is a
bug that a malformed or hostile story file could trigger in CI or on a reporter's machine.
The seed corpus is the test fixtures.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from newsdesk.check.engine import Engine, resolve_rules
    from newsdesk.models.staff import Roster, StaffMember
    from newsdesk.rules.base import Context

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "rules"
ROSTER = Roster(staff=[StaffMember(id="taras-reporter", name="Taras Reporter",
                                   email="taras@newsroom.example", role="reporter", desk="news")])
ENGINE = Engine(resolve_rules({}), Context(roster=ROSTER, story_ids=frozenset({"fuzz-story"}),
                                           staff_names=frozenset({"Taras Reporter"})),
                max_bytes=200_000)


def test_one_input(data: bytes) -> None:
    findings = ENGINE.check_bytes(data, "stories/2025/01/fuzz-story.md", "fuzz-story")
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1, finding
        assert finding.rule and finding.message, finding


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):
        # libFuzzer writes new inputs into the first folder: a scratch one, never the seeds.
        scratch = tempfile.mkdtemp(prefix="newsdesk-fuzz-")
        args += [scratch, *(str(p) for p in sorted(SEEDS.iterdir()) if p.is_dir())]
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

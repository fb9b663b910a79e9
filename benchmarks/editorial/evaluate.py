"""Measure newsdesk's editorial rules the way a standards editor would.

    python benchmarks/editorial/evaluate.py [--split dev|holdout|all] [--misses] [--markdown]

Every passage under `passages/` was written by the newsdesk team in the patterns of real
reporting (never copied; invented names) and labelled by hand: which soldiers it names in
full, which later surname-only mentions follow, which unnamed-source phrases it leans on,
which house-style spellings it uses and which of those must not be rewritten. Each passage
is put into a real story file (the body, or the front-matter field it names) and checked by
the real rule engine with the default settings; findings are matched back to the labels by
their line and column.

A third of the passages (chosen by a hash of their id, not by hand) is the held-out split:
the rules were tuned while looking at the development split only, so the held-out figures
say how the rules do on copy they were not shaped around.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PASSAGES = HERE / "passages"
KNOWN = HERE / "known-failures.yaml"
# A finding may start this many characters before its label (markup such as `**` or a
# quote mark that the label includes and the rule skips).
TOLERANCE = 3
# An unnamed-source finding points at the start of its phrase, which may open with the words
# that introduce the label ("citing people familiar with...", "according to one of...").
TOLERANCE_BY_KIND = {"anonymous": 14}
# The splits in the order they are reported: the hashed development and held-out thirds, then
# each batch written after the rules it measures (a passages file's `split:`).
SPLITS = ("dev", "holdout", "fresh", "fresh-2", "fresh-3", "fresh-4", "fresh-5", "uk-fresh",
          "uk-fresh-2", "uk-fresh-3", "uk-fresh-4")
FIELDS = ("body", "headline", "dek", "caption", "credit", "alt", "tags", "correction",
          "kill_reason", "editor_note")


@dataclass(frozen=True)
class Label:
    kind: str  # full | later | anonymous | house
    text: str
    fix: bool = True


@dataclass
class Passage:
    id: str
    rule: str
    pattern: str
    text: str
    place: str = "body"  # the story field that holds the text
    people: list[dict[str, Any]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    quote: bool | None = None  # quote-attribution: a warning expected?
    exceptions: list[str] = field(default_factory=list)
    batch: str | None = None  # a file written later than the rules it measures
    language: str = "en"  # the story's language (`language:` of the passages file)

    @property
    def split(self) -> str:
        if self.batch:
            return self.batch
        digest = hashlib.sha1(self.id.encode()).digest()
        return "holdout" if digest[0] % 3 == 0 else "dev"

    @property
    def clean(self) -> bool:
        return not self.labels and not self.quote


def load(directory: Path = PASSAGES) -> list[Passage]:
    passages: list[Passage] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["passages"]:
            if item["id"] in seen:
                raise ValueError(f"{path.name}: duplicate passage id {item['id']!r}")
            seen.add(item["id"])
            labels = [Label("full", s) for s in item.get("full", [])]
            labels += [Label("later", s) for s in item.get("later", [])]
            labels += [Label("anonymous", s) for s in item.get("anonymous", [])]
            for entry in item.get("house", []):
                if isinstance(entry, str):
                    labels.append(Label("house", entry))
                else:
                    labels.append(Label("house", entry["text"], bool(entry.get("fix", True))))
            passage = Passage(item["id"], data["rule"], item.get("pattern", ""), item["text"],
                              item.get("field", "body"), item.get("people", []), labels,
                              item.get("quote"), item.get("exceptions", []),
                              data.get("split"), data.get("language", "en"))
            if passage.place not in FIELDS:
                raise ValueError(f"{path.name}: {passage.id}: unknown field {passage.place!r}")
            passages.append(passage)
    return passages


def story_text(passage: Passage) -> tuple[str, int, int]:
    """The story file for a passage, and where (start, end) the passage's text stands."""
    value = json.dumps(passage.text, ensure_ascii=False)
    headline = value if passage.place == "headline" else '"A plain headline"'
    lines = ["---", "id: eval-passage", "status: draft", f"headline: {headline}",
             "desk: news", "byline: [eval-reporter]", "created: 2025-03-01T06:00:00Z",
             "updated: 2025-03-01T06:00:00Z"]
    if passage.language != "en":
        lines.append(f"language: {passage.language}")
    if passage.place == "dek":
        lines.append(f"dek: {value}")
    if passage.place in ("caption", "credit", "alt"):
        image = {"src": "images/a.jpg", "caption": "A caption.", "credit": "A. Photographer",
                 "alt": "A description."}
        lines.append("images:")
        lines.append("  - src: images/a.jpg")
        for key in ("caption", "credit", "alt"):
            shown = value if key == passage.place else json.dumps(image[key])
            lines.append(f"    {key}: {shown}")
    if passage.place == "tags":
        lines.append(f"tags: [{value}]")
    if passage.place == "correction":
        lines += ["corrections:", "  - date: 2025-03-02", f"    text: {value}"]
    if passage.place == "kill_reason":
        lines.append(f"kill_reason: {value}")
    if passage.place == "editor_note":
        lines.append(f"editor_note: {value}")
    if passage.people:
        lines.append("people:")
        for person in passage.people:
            lines.append("  - " + json.dumps(person, ensure_ascii=False))
    lines.append("---")
    head = "\n".join(lines) + "\n"
    if passage.place == "body":
        return head + passage.text + "\n", len(head), len(head) + len(passage.text)
    start = head.index(value, head.index("\n") + 1)
    return head + "Body.\n", start, start + len(value)


@dataclass(frozen=True)
class Occurrence:
    label: Label
    start: int
    end: int


def occurrences(passage: Passage, text: str, start: int, end: int) -> list[Occurrence]:
    region = text[start:end]
    encode = (lambda s: s) if passage.place == "body" else (
        lambda s: json.dumps(s, ensure_ascii=False)[1:-1])
    found: list[Occurrence] = []
    for label in passage.labels:
        needle = encode(label.text)
        if label.kind == "later":
            continue
        at = region.find(needle)
        if at < 0:
            raise ValueError(f"{passage.id}: label {label.text!r} is not in the text")
        while at >= 0:
            found.append(Occurrence(label, start + at, start + at + len(needle)))
            at = region.find(needle, at + 1)
    for label in passage.labels:
        if label.kind != "later":
            continue
        needle = encode(label.text)
        at = region.find(needle)
        count = 0
        while at >= 0:
            absolute = start + at
            inside = any(o.start <= absolute < o.end for o in found)
            before = region[at - 1] if at else " "
            after = region[at + len(needle)] if at + len(needle) < len(region) else " "
            if not inside and not before.isalpha() and not after.isalpha():
                found.append(Occurrence(label, absolute, absolute + len(needle)))
                count += 1
            at = region.find(needle, at + 1)
        if not count:
            raise ValueError(f"{passage.id}: no later mention of {label.text!r}")
    return found


@dataclass
class Result:
    passage: Passage
    findings: list[tuple[int, str, bool]]  # (offset, message, has a fix)
    matched: list[Occurrence]
    missed: list[Occurrence]
    false_alarms: list[tuple[int, str]]
    unsafe_fixes: list[Occurrence]

    @property
    def exact(self) -> bool:
        if self.passage.rule == "quote-attribution":
            return bool(self.findings) == bool(self.passage.quote)
        return not self.missed and not self.false_alarms and not self.unsafe_fixes


def _engine(exceptions: list[str]) -> Any:
    from newsdesk.check.engine import Engine, resolve_rules
    from newsdesk.models.config import RuleSettings
    from newsdesk.rules.base import Context

    settings: dict[str, Any] = {}
    if exceptions:
        from newsdesk.rules.house_style import Options
        defaults = Options().exceptions
        settings["house-style"] = RuleSettings.model_validate(
            {"exceptions": [*defaults, *exceptions]})
    return Engine(resolve_rules(settings), Context(roster=None, story_ids=frozenset()))


_ENGINES: dict[tuple[str, ...], Any] = {}


def evaluate(passage: Passage) -> Result:
    key = tuple(passage.exceptions)
    if key not in _ENGINES:
        _ENGINES[key] = _engine(passage.exceptions)
    text, start, end = story_text(passage)
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    findings = []
    for finding in _ENGINES[key].check_bytes(text.encode("utf-8"), "stories/eval-passage.md",
                                             "eval-passage"):
        if finding.rule in ("schema", "parse"):
            raise ValueError(f"{passage.id}: the story does not load: {finding.message}")
        if finding.rule != passage.rule:
            continue
        offset = line_starts[finding.line - 1] + finding.column - 1
        findings.append((offset, finding.message, finding.fix is not None))
    expected = occurrences(passage, text, start, end)
    matched: list[Occurrence] = []
    false_alarms: list[tuple[int, str]] = []
    unsafe: list[Occurrence] = []
    for offset, message, has_fix in findings:
        # Each labelled occurrence absorbs one finding; a second finding on the same name
        # is noise an editor has to read, so it counts as a false alarm.
        hit = [o for o in expected if o not in matched and o.start - TOLERANCE_BY_KIND.get(
            o.label.kind, TOLERANCE) <= offset < o.end]
        if not hit:
            false_alarms.append((offset, message))
            continue
        occurrence = hit[0]
        matched.append(occurrence)
        if has_fix and not occurrence.label.fix:
            unsafe.append(occurrence)
    missed = [o for o in expected if o not in matched]
    return Result(passage, findings, matched, missed, false_alarms, unsafe)


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    true_findings: int = 0
    findings: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.true_findings / self.findings if self.findings else 1.0


def row_name(passage: Passage) -> str:
    """A rule's row in the tables: the English passages under the rule id, each other
    language's under the id and the language ("soldier-identification [uk]")."""
    return passage.rule if passage.language == "en" else f"{passage.rule} [{passage.language}]"


def score(results: Iterable[Result]) -> dict[str, dict[str, Any]]:
    """Per rule: precision, recall per label kind, passages, unsafe fixes."""
    table: dict[str, dict[str, Any]] = defaultdict(lambda: {
        "passages": 0, "clean": 0, "exact": 0, "unsafe_fixes": 0, "kinds": defaultdict(Score),
        "all": Score()})
    for result in results:
        row = table[row_name(result.passage)]
        row["passages"] += 1
        row["clean"] += result.passage.clean
        row["exact"] += result.exact
        row["unsafe_fixes"] += len(result.unsafe_fixes)
        total: Score = row["all"]
        if result.passage.rule == "quote-attribution":
            flagged = bool(result.findings)
            total.expected += bool(result.passage.quote)
            total.found += flagged and bool(result.passage.quote)
            total.findings += flagged
            total.true_findings += flagged and bool(result.passage.quote)
            continue
        total.findings += len(result.findings)
        total.true_findings += len(result.findings) - len(result.false_alarms)
        matched = set(map(id, result.matched))
        for occurrence in [*result.matched, *result.missed]:
            kind: Score = row["kinds"][occurrence.label.kind]
            kind.expected += 1
            kind.found += id(occurrence) in matched
            total.expected += 1
            total.found += id(occurrence) in matched
    return table


def known_failures() -> dict[str, str]:
    if not KNOWN.exists():
        return {}
    data = yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def report(results: list[Result], markdown: bool = False) -> str:
    lines: list[str] = []
    header = ("| rule | split | passages (clean) | precision | recall | by kind | "
              "unsafe fixes |")
    if markdown:
        lines += [header, "|---|---|---|---|---|---|---|"]
    for split in (*SPLITS, "all"):
        chosen = [r for r in results if split == "all" or r.passage.split == split]
        for rule, row in sorted(score(chosen).items()):
            total: Score = row["all"]
            kinds = ", ".join(
                f"{kind} {s.recall:.0%} ({s.found}/{s.expected})"
                for kind, s in sorted(row["kinds"].items()))
            cells = [rule, split, f"{row['passages']} ({row['clean']})",
                     f"{total.precision:.1%} ({total.true_findings}/{total.findings})",
                     f"{total.recall:.1%} ({total.found}/{total.expected})", kinds or "-",
                     str(row["unsafe_fixes"])]
            lines.append("| " + " | ".join(cells) + " |" if markdown else "  ".join(cells))
    return "\n".join(lines)


def describe(result: Result) -> Iterator[str]:
    for occurrence in result.missed:
        yield f"  missed {occurrence.label.kind}: {occurrence.label.text!r}"
    for offset, message in result.false_alarms:
        yield f"  false alarm at {offset}: {message}"
    for occurrence in result.unsafe_fixes:
        yield f"  unsafe fix: {occurrence.label.text!r}"
    if result.passage.rule == "quote-attribution" and not result.exact:
        yield f"  expected quote warning: {result.passage.quote}, got {bool(result.findings)}"


DOCS_INTRO = """
## Editorial accuracy

How the wording rules do on the editorial evaluation set (`benchmarks/editorial/`): {total}
passages written by the newsdesk team in the patterns of real frontline, political, wire,
culture and sports copy from many outlets (never copied; every private person's name is
invented), {clean} of which must stay clean. Each passage is a story checked by the real
engine with the default settings; `python benchmarks/editorial/evaluate.py --misses`
reproduces this table and lists every miss. Every passage is also a test case.

The rules were shaped on the `dev` split. The `holdout` split (a third of the first batch,
chosen by a hash of the id) was measured once before it was looked at: soldier rule 100%
precision, 94% of full names and 80% of later surnames found; anonymous sources 93%
precision and 93% recall. The `fresh` batch was written after the soldier rule was done and
measured once before any change: 100% precision, 97% of full names (30 of 31), 100% of later
surnames. The `fresh-2` batch, written at the end to enlarge the sample of later surnames,
first measured 100% precision, 90% of full names (9 of 10) and 92% of later surnames (11 of
12). All three were then looked at and their misses fixed. The `fresh-3` batch, written
after the scale work in the shapes of recent front-line copy (hard-wrapped Markdown, lists
of the decorated, pull quotes, interview headings, captions and standfirsts), first
measured 100% precision (15 of 15) and 82% of full names (14 of 17): a name cut by the end
of a wrapped line, "us" in a quote read as the US Army ('"It costs us," said Private ...'),
and "a volunteer with the territorial defence" read as a civilian. Those were fixed too.
The `fresh-4` batch was written after trying patterns by hand against the fixed rules, so
it aims at gaps on purpose and its first look is no estimate of ordinary copy: 1 of 11
full names (a callsign's real name given away, plural roles before two names, "both
sappers", "an infantry officer" after a quote), no false alarm. All are fixed (the last,
two subjects sharing "both serve" where one is "his brother", after the rest), and two
false alarms found on the way were mended: a role after an
article alone ("watched a sapper clear the field") and a verb after an age read as an
appositive. More shapes tried by hand then (each now a unit test, not a passage): an age in
brackets before an appositive, a name written surname first ("Petrenko Ivan, a sniper"), a
passive ("commanded by ..."), an opening participle ("Mobilised in 2023, ..."), a surname
given away ("whose surname is ...") in a sentence that names someone, "trains recruits",
"has been at the front", a full name with "who goes by the call sign", a name wrapped
inside a block quote, "a father of three" (himself, not a relative), "a platoon leader",
"whose unit", "flies reconnaissance drones", a civilian job "before the war" with the next
sentence saying they serve; and two more false alarms mended: "hires former sappers" (a role
after "former" alone) and "a retired colonel" in an appositive (retired officers are public
figures, as before a name). The `fresh-5` batch, ordinary home-front and front-line copy
written afterwards to look for false alarms those broader readings could raise (ten clean
passages with plural roles, a verb before a name, wrapped lines), first measured 100%
precision and recall (3 of 3), no false alarm. The figures below are in-sample for every
split except `fresh-5`. The first-look figures of the batches written as ordinary copy are
the honest estimate for copy the rules have not seen: no false alarm in any first look, 92%
of full names (85 of 92), 91% of later surnames (20 of 22).

Decisions behind the soldier rule: generals and admirals are public figures by rank;
spokespersons and press officers speaking on the record are public figures even with a
rank; foreign and retired officers who comment in public are public figures; a person
declared in `people` with any role other than `soldier` is never treated as a soldier,
which is how an editor clears a suspect named by prosecutors or a fallen soldier the state
has named.

### Ukrainian copy

The rows marked `[uk]` are Ukrainian passages ({uk} of them, {uk_clean} clean), written the
same way, in `passages/uk-*.yaml`. Before the Ukrainian rules, the English ones found 4% of
the soldiers named in full in them, no unnamed source and no house-style spelling
(`uk-baseline.txt`). The rules were shaped on the `dev` split; the `holdout` split, measured
once before it was looked at, gave the soldier rule 96% precision (one false alarm: a unit
abbreviation after a role read as a surname) and 100% recall, the other rules 100%
(`uk-first-holdout.txt`). The `uk-fresh` batch, written after the rules were done, first
measured 100% precision and 81% recall of full names (15 of 19: given names missing from
the list, a role in a hyphenated word, a callsign with no other military word, "начальник
штабу"). The `uk-fresh-2` batch, written after those fixes, first measured 100% precision
and 86% of full names (12 of 14: an adjective inside a role, "оператор розвідувального
дрона", and a rank given as a title, "звання старшого лейтенанта Назарові ..."). Those
misses were fixed too. The `uk-fresh-3` batch, written after that, measured the rules as they
now stand on copy nobody had looked at: 100% precision (16 of 16), all 14 full names and
both later surnames, with nothing to fix; so did `uk-fresh-4`, written at the end (16 of
16 findings right, 14 full names, 2 later surnames). The rules as they stand, on 60 passages
they never saw: 100% precision, 28 of 28 full names, 4 of 4 later surnames. All figures
below are in-sample for the batches before those two. Every first look together (successive
versions of the rules): 99% precision (87 of 88), 93% of full names (77 of 83), all 10
later surnames. The 14 Ukrainian quotation
passages were written before quote-attribution read Ukrainian; it got all of them right on
its first run. Shapes the English `fresh-3` and `fresh-4` batches found were then tried in
Ukrainian by hand (unit tests, not passages): a name wrapped at a line end, a plural role
before two names ("Десантники Іван ... та Олег ..."), "обидва сапери", a subject after its
verb ("Батареєю командує Іван ..."), "навчає новобранців", a name written surname first
("Петренко Іван Васильович", as official lists write it) and a callsign's real name given
away ("справжнє ім’я якого ...") were missed and are now found.

The same decisions hold in Ukrainian, read by grammatical case: a rank or role describes the
name next to it only when the two stand in the same case ("старшому лейтенанту Романові
Яремчуку"), so "мати бійця Ірина ..." (genitive role, nominative name) is the mother, not the
soldier. Word forms come from pymorphy3's Ukrainian dictionary, never from suffix guesses.

"""


def docs_section(results: list[Result]) -> str:
    total = len(results)
    clean = sum(r.passage.clean for r in results)
    ukrainian = [r for r in results if r.passage.language == "uk"]
    return DOCS_INTRO.format(total=total, clean=clean, uk=len(ukrainian),
                             uk_clean=sum(r.passage.clean for r in ukrainian)) + \
        report(results, markdown=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list every passage not exact")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--write-docs", action="store_true",
                        help="regenerate docs/rules.md: the rule reference and this table")
    args = parser.parse_args(argv)
    if args.write_docs:
        from newsdesk.rules.reference import markdown

        results = [evaluate(p) for p in load()]
        docs = HERE.parents[1] / "docs" / "rules.md"
        docs.write_text(markdown() + docs_section(results), encoding="utf-8")
        return 0
    results = [evaluate(p) for p in load()
               if args.split == "all" or p.split == args.split]
    if args.misses:
        for result in results:
            if not result.exact:
                print(f"{result.passage.id} [{result.passage.split}] {result.passage.text!r}")
                for line in describe(result):
                    print(line)
    print(report(results, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())

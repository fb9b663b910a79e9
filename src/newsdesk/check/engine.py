"""The rule engine: read a story, run the enabled rules, stamp ids and severities, and apply
inline suppressions. Rules stay ignorant of configuration and of each other."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.check.findings import Finding
from newsdesk.errors import FileProblem
from newsdesk.rules import CORE_RULES, registry
from newsdesk.rules.base import Context, RuleInfo
from newsdesk.story.reader import (
    DEFAULT_MAX_BYTES,
    ParsedStory,
    StoryFormatError,
    parse,
    read_model,
)

# The directive's kind, then the rest of its line; rule ids and the reason are cut out of
# that line with string operations (a pattern with a lazy middle and optional tail was
# quadratic on a long run of blanks).
_DIRECTIVE = re.compile(
    r"newsdesk:[ \t]*(?P<kind>disable-next-line|disable-line|disable-file)\b"
    r"(?P<rest>[^\n]{0,2000})")


def _directive_parts(rest: str) -> tuple[str, str]:
    """(rule ids, reason) of a directive's rest of line."""
    end = rest.find("-->")
    if end >= 0:
        rest = rest[:end]
    cut = -1
    search = 0
    while True:  # the reason follows the first " --" that is not the comment's end
        found = rest.find("--", search)
        if found < 0:
            break
        if found > 0 and rest[found - 1] in " \t" and not rest.startswith("-->", found):
            cut = found
            break
        search = found + 1
    if cut < 0:
        return rest.strip(), ""
    return rest[:cut].strip(), rest[cut + 2:].strip()


UNSUPPRESSIBLE = CORE_RULES | {"suppression"}


@dataclass(frozen=True)
class ActiveRule:
    info: RuleInfo
    severity: str
    options: Any
    suppressible: bool = True


@dataclass
class Suppression:
    kind: str
    rules: frozenset[str]
    line: int  # the line it applies to (0 for the whole file)
    reason: str


Locate = Callable[[tuple[str | int, ...]], tuple[int, int] | None]


def resolve_rules(settings: dict[str, Any], config_name: str = "newsdesk.yaml",
                  locate: Locate | None = None) -> list[ActiveRule]:
    """The enabled rules with their severity and validated options; bad settings raise,
    naming the line in `config_name` when `locate` can find it."""
    from pydantic import ValidationError

    from newsdesk.models.check import dotted

    def problem(path: tuple[str | int, ...], message: str) -> FileProblem:
        where = locate(path) if locate is not None else None
        return FileProblem(config_name, message, *(where or (None, None)))

    known = registry()
    for rule_id in settings:
        if rule_id not in known:
            close = difflib.get_close_matches(rule_id, list(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise problem(("rules", rule_id), f"rules: unknown rule id {rule_id!r}{hint}")
    active: list[ActiveRule] = []
    for rule_id, info in known.items():
        entry = settings.get(rule_id)
        enabled = True if entry is None else entry.enabled
        if not enabled and rule_id in CORE_RULES:
            raise problem(("rules", rule_id, "enabled"),
                          f"rules.{rule_id}: this rule cannot be switched off")
        if not enabled:
            continue
        severity = info.severity if entry is None or entry.severity is None else str(
            entry.severity)
        try:
            options = info.options.model_validate(entry.options if entry else {})
        except ValidationError as error:
            first = error.errors(include_input=False, include_url=False)[0]
            path = ("rules", rule_id, *[p for p in first["loc"] if isinstance(p, str | int)])
            raise problem(path, f"{dotted(path)}: {first['msg']}") from None
        if info.prepare is not None:
            options = info.prepare(options)
        suppressible = info.suppressible if entry is None or entry.suppressible is None \
            else entry.suppressible
        active.append(ActiveRule(info, severity, options, suppressible))
    return active


class Engine:
    """Checks story files against the newsroom's rules."""

    def __init__(self, rules: list[ActiveRule], ctx: Context,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.rules = rules
        self.ctx = ctx
        self.max_bytes = max_bytes
        self.severity = {r.info.id: r.severity for r in rules}
        self.severity.update({rid: registry()[rid].severity for rid in UNSUPPRESSIBLE})
        self.unsuppressible = UNSUPPRESSIBLE | {r.info.id for r in rules if not r.suppressible}

    def check_file(self, path: Path, rel: str) -> list[Finding]:
        if path.is_symlink():
            return [self._finding(rel, 1, 1, "parse",
                                  "is a symbolic link; story files must be regular files")]
        try:
            with path.open("rb") as handle:
                raw = handle.read(self.max_bytes + 1)
        except OSError as error:
            return [self._finding(rel, 1, 1, "parse", f"cannot read the file: {error.strerror}")]
        return self.check_bytes(raw, rel, path.stem)

    def check_bytes(self, raw: bytes, rel: str, expected_id: str | None) -> list[Finding]:
        try:
            parsed = parse(raw, self.max_bytes)
        except StoryFormatError as error:
            return [self._finding(rel, error.line, error.column, "parse", error.message)]
        return self.check_parsed(parsed, rel, expected_id)

    def check_parsed(self, parsed: ParsedStory, rel: str,
                     expected_id: str | None) -> list[Finding]:
        read_model(parsed, expected_id)
        findings = [self._finding(rel, p.line, p.column, "schema", p.message)
                    for p in parsed.problems]
        if expected_id is not None and expected_id in self.ctx.duplicate_ids:
            line, column = parsed.where(("id",)) if parsed.model is not None else (1, 1)
            findings.append(self._finding(
                rel, line, column, "schema",
                f"id {expected_id!r} is also the id of another story file; ids are unique in "
                "the newsroom", "give one of them a new id (and rename its file)"))
        story = parsed.model
        self.ctx.read_others = False
        if story is not None:
            language = self.ctx.language_of(story)
            for rule in self.rules:
                check = rule.info.check
                if check is None:
                    continue
                if rule.info.languages is not None and language not in rule.info.languages:
                    findings.append(self._unread(parsed, rel, rule, language))
                    continue
                for problem in check(parsed, story, self.ctx, rule.options):
                    fix = None
                    if problem.fix is not None:
                        source = parsed.source
                        fix = (source.byte_offset(problem.fix.start),
                               source.byte_offset(problem.fix.end), problem.fix.replacement)
                    findings.append(Finding(rel, problem.line, problem.column, rule.info.id,
                                            rule.severity, problem.message, problem.suggestion,
                                            fix=fix))
        if "newsdesk:" in parsed.source.text:
            findings = self._apply_suppressions(parsed, rel, findings)
        findings.sort(key=Finding.sort_key)
        return findings

    @staticmethod
    def _unread(parsed: ParsedStory, rel: str, rule: ActiveRule, language: str) -> Finding:
        """A rule that cannot read the story's language says so once, never passes it
        silently."""
        has_key = ("language",) in parsed.loaded.key_positions
        line, column = parsed.where(("language",)) if has_key else (1, 1)
        known = ", ".join(sorted(rule.info.languages or ()))
        return Finding(rel, line, column, rule.info.id, "info",
                       f"{rule.info.id} cannot read {language!r} copy (it reads {known}): "
                       "this story's wording was not checked by it",
                       "have an editor check it by hand, or write the story in a language "
                       "the rule reads")

    def _finding(self, rel: str, line: int, column: int, rule: str, message: str,
                 suggestion: str | None = None) -> Finding:
        return Finding(rel, line, column, rule, self.severity.get(rule, "error"), message,
                       suggestion)

    def _apply_suppressions(self, parsed: ParsedStory, rel: str,
                            findings: list[Finding]) -> list[Finding]:
        suppressions, problems = self._directives(parsed, rel)
        out: list[Finding] = []
        for finding in findings:
            match = next((s for s in suppressions if finding.rule in s.rules
                          and finding.rule not in self.unsuppressible
                          and s.line in (0, finding.line)), None)
            if match is not None:
                finding.suppressed = True
                finding.reason = match.reason
            out.append(finding)
        return out + problems

    def _directives(self, parsed: ParsedStory, rel: str) -> tuple[list[Suppression],
                                                                   list[Finding]]:
        text = parsed.source.text
        known = registry()
        suppressions: list[Suppression] = []
        problems: list[Finding] = []
        for match in _DIRECTIVE.finditer(text):
            line, column = parsed.source.position(match.start())
            listed, reason = _directive_parts(match.group("rest"))
            rules = frozenset(r for r in re.split(r"[\s,]+", listed) if r)
            bad = False
            for rule_id in sorted(rules):
                if rule_id not in known:
                    problems.append(self._finding(rel, line, column, "suppression",
                                                  f"unknown rule id {rule_id!r} in directive"))
                    bad = True
                elif rule_id in self.unsuppressible:
                    hint = None if rule_id in UNSUPPRESSIBLE else (
                        f"this newsroom does not let a story silence {rule_id}: fix what it "
                        f"reports (newsdesk.yaml: rules.{rule_id}.suppressible)")
                    problems.append(self._finding(rel, line, column, "suppression",
                                                  f"the {rule_id} rule cannot be silenced",
                                                  hint))
                    bad = True
            if not rules:
                problems.append(self._finding(rel, line, column, "suppression",
                                              "directive names no rule id"))
                bad = True
            if not reason:
                problems.append(self._finding(
                    rel, line, column, "suppression", "suppression without a reason",
                    "add the reason after ' -- ', e.g. '-- quoting a 2014 document'"))
                bad = True
            if bad:
                continue
            kind = match.group("kind")
            target = {"disable-line": line, "disable-next-line": line + 1,
                      "disable-file": 0}[kind]
            suppressions.append(Suppression(kind, rules, target, reason))
        return suppressions, problems

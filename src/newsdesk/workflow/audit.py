"""`newsdesk audit`: did every story reach its status, and its published text, the way the
workflow allows?

The author of a git commit is whatever the committer typed into `user.email`, so the audit
cannot stop a forger who also forges an editor's address; what it guarantees is that every
change to every story in history is judged, by rules no commit message can fool:

- every commit that changes a story is judged against its own parents, merges included (a
  merge that brings in a branch's already-judged change is fine; one whose result differs
  from every parent is judged as a change of its own);
- who may do what is read from `staff.yaml` as it was before that commit, so a promotion
  cannot legitimise the past and a departure cannot condemn it;
- the two-person rule is about people: whoever wrote or changed the story's text, or stood
  on its byline, since its last approval cannot approve it;
- a transition changes only what it must (status, dates, a correction, a kill reason); the
  text of a published story changes only through review or a correction;
- an approval records the exact file it published (`Newsdesk-Blob`); a rebase that slips
  someone else's sentence under it no longer matches;
- a published or killed story that disappears is a finding (a kill is the way to withdraw);
  a move between folders, or a revert that restores an earlier state, keeps its history.

A story is reported when the latest judged change to it broke a rule. Real enforcement is
this audit as a required CI check, plus protected branches, required reviews and signed
commits on the server (docs/security.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import EnvironmentProblem, UsageError
from newsdesk.git import store as gitstore
from newsdesk.git.history import (
    Entry,
    RawCommit,
    commits_touching,
    is_object_id,
    parse_commit,
    raw_commits,
    raw_commits_under,
    read_commit,
    story_commits,
)
from newsdesk.models.enums import StaffRole, Status
from newsdesk.newsroom import Newsroom
from newsdesk.story.reader import StoryFormatError, parse
from newsdesk.workflow.table import Actor, allowed
from newsdesk.workflow.versions import Version, read_version

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

    from newsdesk.git.batch import Found
    from newsdesk.git.store import Repository
    from newsdesk.models.staff import Roster

_WITHDRAWN = frozenset({Status.PUBLISHED, Status.KILLED})  # may not silently disappear


@dataclass(frozen=True)
class AuditProblem:
    path: str
    story_id: str
    status: str
    sha: str
    message: str

    def record(self) -> dict[str, Any]:
        return {"path": self.path, "id": self.story_id, "status": self.status,
                "commit": self.sha, "message": self.message}


@dataclass
class _Story:
    """What the audit has learnt about one story id."""

    path: str
    state: Version | None = None
    judgement: tuple[str, str | None] | None = None  # (sha, reason) of the latest change
    writers: set[str] = field(default_factory=set)  # emails that changed the text
    bylines: set[str] = field(default_factory=set)  # staff ids on the byline
    seen: set[tuple[str, str]] = field(default_factory=set)  # (status, blob) it has held
    gone: str | None = None  # the sha that removed it


class _Reader:
    """Blobs and rosters at commits, each read once."""

    def __init__(self, repo: Repository, staff_rel: str) -> None:
        self.repo = repo
        self.staff_rel = staff_rel
        self._states: dict[str, Version | None] = {}
        self._rosters: dict[str, Roster] = {}
        self._same: dict[Any, Any] = {}  # values many versions share, held once
        # versions being read by the worker processes, and their results as they come
        self._pending: set[str] = set()
        self._parsing: Generator[tuple[list[tuple[str, str | None]], list[Version | None]],
                                 None, None] | None = None

    def state(self, sha: str, rel: str) -> Version | None:
        try:
            blob, _, raw = self.repo.object(f"{sha}:{rel}")
        except ValueError:
            return None
        if blob not in self._states:
            self._states[blob] = read_version(blob, raw)
        return self._states[blob]

    def stream(self, history: list[RawCommit]
               ) -> Iterator[tuple[Entry, Roster, list[_Change]]]:
        """Each commit of `history` with the roster before it and its changes to stories,
        every object read once through one stream from git (a decade of history is a
        million objects: asked for one at a time, the round trips alone took minutes).
        `history` is used up: each commit is let go once judged."""
        from newsdesk.git.batch import object_ids, objects

        self._start_parsing(history)
        try:
            parents = list(dict.fromkeys(c.parents[0] for c in history if c.parents))
            same: dict[str | None, str | None] = {}  # a few rosters for 300,000 commits
            roster_of = {sha: same.setdefault(oid, oid) for sha, oid in zip(
                parents, object_ids(self.repo.root, [f"{sha}:{self.staff_rel}"
                                                     for sha in parents]), strict=True)}
            del parents
            history.reverse()
            # asked of git already, or being read by the workers: taken here, before the
            # thread that writes the questions starts and keeps its own record
            asked = set(self._states) | self._pending
            for (raw, now), found in objects(self.repo.root,
                                              self._requests(history, roster_of, asked)):
                answers = iter(found)
                commit = _commit_from(raw.sha, next(answers))
                roster_id = roster_of.get(raw.parents[0]) if raw.parents else None
                if roster_id is not None and roster_id in now:
                    answer = next(answers)
                    self._rosters[roster_id] = _roster(answer[2] if answer else b"")
                roster = self._rosters[roster_id] if roster_id is not None \
                    else self.roster(None)
                yield commit, roster, self._changes(raw, now, answers)
        finally:
            self._stop_parsing()

    def _start_parsing(self, history: list[RawCommit]) -> None:
        """Start reading every version of every story (all but those merges bring) in one
        process a CPU, each reading its share from its own git: the reading of YAML is most
        of an audit's time. Meanwhile this process judges the commits, each waiting only
        for the versions it needs (`_wait_for`): the workers read the files in the order
        their histories begin, about the order they are judged in. Small histories are not
        worth starting the processes for: their versions are read as they are judged."""
        from newsdesk.git.batch import in_workers
        from newsdesk.workflow.versions import read_in_worker

        versions = _by_file(history)
        parsing = in_workers(self.repo.root, versions, read_in_worker)
        if parsing is None:
            return
        self._parsing = parsing
        self._pending = {blob for blob, _ in versions}
        self._take_parsed()  # the workers fork now, while this process runs no other thread

    def _take_parsed(self) -> None:
        """The workers' next chunk of versions, kept until judged."""
        assert self._parsing is not None
        chunk, read = next(self._parsing, ([], []))
        if not chunk:  # every chunk is in; a version still missing is read when needed
            self._pending.clear()
            return
        for (blob, _), state in zip(chunk, read, strict=True):
            self._states[blob] = self._shared(blob, state)
            self._pending.discard(blob)

    def _wait_for(self, blob: str) -> None:
        while blob in self._pending:
            self._take_parsed()

    def _stop_parsing(self) -> None:
        """Stop the workers, also when the judging stopped early (an error)."""
        parsing, self._parsing, self._pending = self._parsing, None, set()
        if parsing is not None:
            parsing.close()

    def _shared(self, blob: str, state: Version | None) -> Version | None:
        """A state as a worker sent it, made of the strings this process already holds
        (the blob id from the history, the story's id and byline from its earlier
        versions): copies of them cost a quarter of the audit's memory."""
        if state is None:
            return None
        same = self._same
        return Version(blob, same.setdefault(state.story_id, state.story_id),
                      same.setdefault(state.status, state.status),
                      same.setdefault(state.byline, state.byline), state.text,
                      same.setdefault(state.corrections, state.corrections))

    def _requests(self, history: list[RawCommit], roster_of: dict[str, str | None],
                  asked: set[str]) -> Iterator[tuple[tuple[RawCommit, set[str]], list[str]]]:
        """What each commit needs from git that was not asked for before (`asked`: read
        or being read already), taken from the end of `history` (reversed: oldest last).
        Run by the thread that writes the questions, with its own record of what it
        asked; each group carries the ids it asks for, so that the reader never guesses
        which answer is which."""
        while history:
            raw = history.pop()
            specs = [raw.sha]
            now: set[str] = set()
            roster_id = roster_of.get(raw.parents[0]) if raw.parents else None
            if roster_id is not None and roster_id not in asked:
                asked.add(roster_id)
                now.add(roster_id)
                specs.append(roster_id)
            for path, old, new in sorted(raw.changes):
                if len(raw.parents) > 1:
                    specs.extend([*(f"{q}:{path}" for q in raw.parents), f"{raw.sha}:{path}"])
                    continue
                for blob in (old, new):
                    if _present(blob) and blob not in asked:
                        asked.add(blob)
                        now.add(blob)
                        specs.append(blob)
            yield (raw, now), specs

    def _changes(self, raw: RawCommit, asked: set[str], answers: Iterator[Found | None]
                 ) -> list[_Change]:
        """(path, the story at each parent, the story after) for each changed story, from
        the answers to `_requests` in the order they were asked. A version is forgotten
        once a later one replaced it (its state is needed again only after a revert or
        on a parallel branch, and is then read again), so that memory follows the number
        of stories, not of commits."""
        changes: list[_Change] = []
        for path, old, new in sorted(raw.changes):
            if len(raw.parents) > 1:
                befores = [self._read(next(answers)) for _ in raw.parents]
                changes.append((path, befores, self._read(next(answers))))
                continue
            before, after = (self._known(blob, asked, answers) for blob in (old, new))
            changes.append((path, [before] if raw.parents else [], after))
            if old != new:
                self._states.pop(old, None)
        return changes

    def _known(self, blob: str, asked: set[str], answers: Iterator[Found | None]
               ) -> Version | None:
        if not _present(blob):
            return None
        if blob in asked:
            answer = next(answers)
            self._states[blob] = self._read(answer) if answer is not None else None
            return self._states[blob]
        self._wait_for(blob)
        if blob not in self._states:  # forgotten, and needed again
            try:
                self._states[blob] = self._read(self.repo.object(blob))
            except ValueError:
                self._states[blob] = None
        return self._states[blob]

    def _read(self, answer: Found | None) -> Version | None:
        if answer is None:
            return None
        blob, kind, raw = answer
        self._wait_for(blob)  # a merge's side may be a version the workers are reading
        if blob not in self._states:
            self._states[blob] = read_version(blob, raw) if kind == "blob" else None
        return self._states[blob]

    def roster(self, sha: str | None) -> Roster:
        from newsdesk.models.staff import Roster

        if sha is None:
            return Roster(staff=[])
        try:
            key, _, raw = self.repo.object(f"{sha}:{self.staff_rel}")
        except ValueError:
            return Roster(staff=[])
        if key not in self._rosters:
            self._rosters[key] = _roster(raw)
        return self._rosters[key]


# One changed story in a commit: its path, the story at each parent, the story after.
_Change = tuple[str, list["Version | None"], "Version | None"]


def _by_file(history: list[RawCommit]) -> list[tuple[str, str | None]]:
    """Each version in `history` (merges aside) once, with the version it was made from
    when it was a change of one, the versions of each file together and in the order
    history made them: a version then comes after the one it can be read from
    (`versions.from_previous`), and git unpacks each from the one before it (they are
    deltas of each other in git's pack)."""
    chains: dict[str, list[tuple[str, str | None]]] = {}
    seen: set[str] = set()
    for raw in history:
        if len(raw.parents) > 1:
            continue
        for path, old, new in raw.changes:
            chain = chains.setdefault(path, [])
            for blob, base in ((old, None), (new, old if _present(old) else None)):
                if _present(blob) and blob not in seen:
                    seen.add(blob)
                    chain.append((blob, base))
    return [version for chain in chains.values() for version in chain]


def _present(blob: str) -> bool:
    return bool(blob.strip("0"))  # git's all-zero id: no file on that side


def _commit_from(sha: str, answer: Found | None) -> Entry:
    if answer is None or answer[1] != "commit":
        raise EnvironmentProblem(f"git cannot read commit {sha}, which its log listed")
    return parse_commit(sha, answer[2])


def _roster(raw: bytes) -> Roster:
    import yaml

    from newsdesk.models.staff import Roster

    try:
        data = yaml.safe_load(raw)
        return Roster.model_validate(data)
    except Exception:  # a broken roster at some commit grants nobody anything
        return Roster(staff=[])


# Up to this many changed stories, `--since` asks git for their history by name; beyond it,
# for the whole stories folder's (measured break-even on 300,000 commits: about 400).
SINCE_PATHSPECS = 300


def audit(newsroom: Newsroom, since: str | None = None) -> tuple[int, list[AuditProblem]]:
    """Judge every change to every story in history; with `since` (the last commit a
    previous audit passed), only the stories changed after it, each judged over its whole
    history, so that CI on a decade of history takes seconds."""
    repo = gitstore.open_repo(newsroom.root)
    if gitstore.run_git(repo, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise EnvironmentProblem(
            "this is a shallow clone, so the stories' history is cut off and cannot be "
            "audited: fetch it whole (git fetch --unshallow; in GitHub Actions, "
            "actions/checkout with fetch-depth: 0)")
    work_tree = repo.root
    stories_rel = newsroom.stories_dir.absolute().relative_to(work_tree).as_posix()
    staff_rel = (newsroom.root / "staff.yaml").absolute().relative_to(work_tree).as_posix()
    reader = _Reader(repo, staff_rel)
    stories: dict[str, _Story] = {}
    scope: set[str] | None = None  # repository paths under audit; None: every story
    if since is not None:
        start = _commit_of(repo, since)
        scope = {p for _, paths in commits_touching(repo, stories_rel,
                                                    revisions=f"{start}..HEAD")
                 for p in paths if p.endswith(".md")}
    if scope is not None and not scope:
        return 0, []
    if scope is not None and len(scope) <= SINCE_PATHSPECS:
        history = raw_commits(repo, *sorted(scope))
    else:
        # git matches each pathspec against every commit: for many stories, one pass over
        # the stories folder filtered here is faster
        history = raw_commits_under(repo, stories_rel)
    history = [commit._replace(changes=tuple(
        change for change in commit.changes if change[0].endswith(".md")
        and (scope is None or change[0] in scope))) for commit in history]
    history = [commit for commit in history if commit.changes]
    for commit, roster, changes in reader.stream(history):
        _judge_commit(commit, roster, changes, stories)
    return _report(newsroom, work_tree, stories, scope)


def _commit_of(repo: Repository, ref: str) -> str:
    if ref.startswith("-"):
        raise UsageError(f"--since {ref!r}: name a commit (a sha, a tag or a branch)")
    try:
        return gitstore.run_git(repo, "rev-parse", "--verify", "--end-of-options",
                                f"{ref}^{{commit}}").strip()
    except EnvironmentProblem:
        raise UsageError(f"--since {ref!r}: no such commit in this repository") from None


def _judge_commit(commit: Entry, roster: Roster, changes: list[_Change],
                  stories: dict[str, _Story]) -> None:
    """Judge one commit's changes to stories (path, the story at each parent, after),
    in path order, with the roster as it was before the commit."""
    member = roster.by_email(commit.email)
    actor = Actor(member.id, member.role.value) if member else None
    who = f" (by {commit.author} <{commit.email}>)"
    added_ids = {after.story_id for _, _, after in changes if after is not None}
    for path, before_all, after in changes:
        before = before_all[0] if before_all else None
        if len(commit.parents) > 1 and after is not None and any(
                b is not None and b.blob == after.blob for b in before_all[1:]):
            story = stories.setdefault(after.story_id, _Story(path))
            story.state, story.path = after, path
            continue  # a merge bringing in a change its branch already made (and was judged)
        if after is None:
            if before is not None and before.story_id not in added_ids:
                story = stories.setdefault(before.story_id, _Story(path))
                if before.status in _WITHDRAWN:
                    story.judgement = (commit.sha, f"the {before.status} story was deleted; "
                                       f"a kill is the way to withdraw a story{who}")
                story.gone, story.state = commit.sha, None
            continue
        story = stories.setdefault(after.story_id, _Story(path))
        if before is None:  # added here: new, moved from another folder, or restored
            before = story.state if story.state is not None and story.gone is None else None
            if before is None and (after.status, after.blob) in story.seen:
                story.state, story.path, story.gone = after, path, None
                story.judgement = (commit.sha, None)  # restored exactly as it was
                continue
        story.path, story.gone = path, None
        reason = _judge_change(before, after, commit, actor, story)
        if before is None or before.status != after.status or reason is not None \
                or not before.same_text(after) or before.corrections != after.corrections:
            story.judgement = (commit.sha, reason + who if reason else None)
        _remember(story, before, after, commit, actor)


def _judge_change(before: Version | None, after: Version, commit: Entry, actor: Actor | None,
                  story: _Story) -> str | None:
    """Why this change to a story breaks the workflow, or None."""
    if before is None:
        return None if after.status == Status.DRAFT else (
            f"the story first appeared with status {after.status}; new stories start as draft")
    if before.status != after.status:
        reason = allowed(before.status, after.status, commit.action, actor,
                         sorted(set(before.byline) | set(after.byline)))
        if reason is not None:
            return reason
        if commit.target not in (None, after.status):
            return f"the commit says {commit.target} but the file says {after.status}"
        if not before.same_text(after):
            return (f"the {commit.action} commit also changed the story's text; a "
                    "transition changes only its status")
        if after.status == Status.PUBLISHED:
            return _approval_problem(after, commit, actor, story)
        return None
    if after.status in _WITHDRAWN and (not before.same_text(after)
                                       or before.corrections != after.corrections):
        if commit.action == "correct":
            if not before.same_text(after):
                return ("the correction also changed the story's text; a correction adds "
                        "a dated note, and the text it describes changes through review")
            if after.corrections[:len(before.corrections)] != before.corrections \
                    or len(after.corrections) != len(before.corrections) + 1:
                return "the correction changed or removed earlier corrections"
            if actor is None or not (actor.role == StaffRole.EDITOR
                                     or actor.staff_id in after.byline):
                return "correct must be made by an editor or someone on the byline"
            return None
        return f"the text of a {after.status} story was changed outside review"
    return None


def _approval_problem(after: Version, commit: Entry, actor: Actor | None,
                      story: _Story) -> str | None:
    """The two-person rule, and that the approval published exactly what it names."""
    if actor is not None:
        emails_wrote = commit.email.lower() in story.writers
        if emails_wrote or actor.staff_id in story.bylines or actor.staff_id in after.byline:
            return (f"{actor.staff_id} approved a story they wrote, changed or were on the "
                    "byline of since its last approval; two people see every story")
    approved = commit.trailer("Newsdesk-Blob")
    if approved is not None and not is_object_id(approved):
        return f"the approval names {approved!r}, which is not a full object id"
    if approved is not None and approved != after.blob:
        return ("the published file is not the one that was approved (it changed after the "
                "approval, for example in a rebase)")
    return None


def _remember(story: _Story, before: Version | None, after: Version, commit: Entry,
              actor: Actor | None) -> None:
    if before is None or not before.same_text(after):
        story.writers.add(commit.email.lower())
    story.bylines.update(after.byline)
    if before is not None and before.status != after.status and after.status == Status.PUBLISHED \
            and commit.action == "approve":
        story.writers.clear()  # the next approval is judged on what changes from here
        story.bylines = set(after.byline)
    story.state = after
    story.seen.add((after.status, after.blob))


def writers_since_approval(newsroom: Newsroom, repo: Repository, path: Path) -> set[str]:
    """The emails (lower case) of everyone who changed the story's text since its last
    approval, the way the audit counts them: `approve` uses it to refuse at once what the
    audit would report later."""
    from newsdesk.git.history_index import HistoryIndex

    work_tree = repo.root
    rel = path.absolute().relative_to(work_tree).as_posix()
    staff_rel = (newsroom.root / "staff.yaml").absolute().relative_to(work_tree).as_posix()
    reader = _Reader(repo, staff_rel)
    writers: set[str] = set()
    previous: Version | None = None
    for sha in story_commits(repo, path, HistoryIndex.of(newsroom, repo)):
        commit = read_commit(repo, sha)
        state = reader.state(sha, rel)
        if state is None:
            continue
        if previous is None or not previous.same_text(state):
            writers.add(commit.email.lower())
        if previous is not None and previous.status != state.status \
                and state.status == Status.PUBLISHED and commit.action == "approve":
            writers.clear()
        previous = state
    return writers


def _report(newsroom: Newsroom, work_tree: Path, stories: dict[str, _Story],
            scope: set[str] | None = None) -> tuple[int, list[AuditProblem]]:
    problems: list[AuditProblem] = []
    checked = 0
    present: set[str] = set()
    if scope is None:
        listed = newsroom.each_story()
    else:  # only the stories in scope become paths: a newsroom lists 100,000
        wanted = {newsroom.relative(work_tree / p) for p in scope}
        listed = ((newsroom.root / rel, rel) for rel in newsroom.story_rels() if rel in wanted)
    for path, rel in listed:
        checked += 1
        present.add(path.stem)
        story = stories.get(path.stem)
        if story is None or story.judgement is None:
            current = _current_status(path)
            if story is None and current == _UNREADABLE:
                problems.append(AuditProblem(rel, path.stem, current, "", (
                    "the file cannot be read as a story (newsdesk validate says why), so no "
                    "change to it can be judged")))
            elif story is None and current != Status.DRAFT:
                problems.append(AuditProblem(rel, path.stem, current, "",
                                             f"the story is {current} but was never committed"))
            continue
        sha, reason = story.judgement
        if reason is not None:
            status = story.state.status if story.state else _current_status(path)
            problems.append(AuditProblem(rel, path.stem, status, sha, reason))
    for story_id, story in sorted(stories.items()):
        if story_id in present or story.judgement is None or story.judgement[1] is None:
            continue
        rel = newsroom.relative(work_tree / story.path)
        problems.append(AuditProblem(rel, story_id, "deleted", story.judgement[0],
                                     story.judgement[1]))
    return checked, problems


_UNREADABLE = "unreadable"  # the status of a file that cannot be read as a story


def _current_status(path: Path) -> str:
    try:
        raw = path.read_bytes()
        data = parse(raw, max(len(raw), 1)).loaded.data
    except (OSError, StoryFormatError):
        return _UNREADABLE
    return str(data.get("status")) if isinstance(data, dict) else _UNREADABLE

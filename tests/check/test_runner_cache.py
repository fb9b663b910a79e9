"""Serial, parallel and cached validation give identical findings, and the cache never hides
a finding: every input the findings depend on invalidates it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsdesk.cli.validate_cmd import FEW_FILES, GIT_INDEX_MIN_FILES
from tests.conftest import Newsroom

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate

CACHE = Path(".newsdesk") / "cache" / "validate.json"


@pytest.fixture(scope="module")
def big_newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("big") / "newsroom", 450)


def findings(room: Newsroom, *args: str) -> dict[str, object]:
    result = room.run("validate", "--format", "json", "--show-suppressed", *args)
    assert result.returncode in (0, 1), result.stderr
    data: dict[str, object] = result.json()
    return data


def test_serial_parallel_and_cached_runs_agree(big_newsroom: Path, env: dict[str, str]) -> None:
    room = Newsroom(big_newsroom, env)
    serial = findings(room, "-j", "1", "--no-cache")
    parallel = findings(room, "-j", "2", "--no-cache")
    assert not (big_newsroom / CACHE).exists()
    first_cached = findings(room, "-j", "2")
    assert (big_newsroom / CACHE).exists()
    warm = findings(room)
    assert serial == parallel == first_cached == warm
    assert serial["files_checked"] == 450
    rules = {f["rule"] for f in serial["findings"]}  # type: ignore[index, union-attr]
    assert {"house-style", "soldier-identification", "photo-credit"} <= rules
    # three CI runners, each checking its shard: together exactly the one whole run
    shards = [findings(room, "--no-cache", "--shard", f"{part}/3") for part in (1, 2, 3)]
    assert sum(s["files_checked"] for s in shards) == 450  # type: ignore[misc]
    key = lambda f: (f["path"], f["line"], f["column"], f["rule"], f["message"])  # noqa: E731
    union = [f for s in shards for f in s["findings"]]  # type: ignore[attr-defined]
    assert sorted(union, key=key) == sorted(serial["findings"], key=key)  # type: ignore[arg-type]


def test_a_cold_run_keys_every_story_by_its_own_bytes(big_newsroom: Path,
                                                      env: dict[str, str]) -> None:
    """A cold run leaves the digests to the processes that check the stories (so no file is
    read twice): each must be the digest of that very file, or a warm run would check the
    stories again or, worse, trust findings made for other bytes."""
    from newsdesk.check.cache import digest

    room = Newsroom(big_newsroom, env)
    (big_newsroom / CACHE).unlink(missing_ok=True)
    findings(room, "-j", "2")
    entries = json.loads((big_newsroom / CACHE).read_text())["entries"]
    assert len(entries) == 450
    for rel, (content, _) in entries.items():
        assert content == digest((big_newsroom / rel).read_bytes()), rel


def cached_ids(room: Newsroom) -> set[str]:
    data = json.loads((room.root / CACHE).read_text())
    return set(data["entries"])


def planted(room: Newsroom) -> list[tuple[str, str]]:
    data = findings(room)
    return sorted((f["path"], f["rule"]) for f in data["findings"])  # type: ignore[index, union-attr]


STORY = """---
id: {id}
status: draft
headline: {headline}
desk: news
byline: [{byline}]
created: 2025-03-04T09:30:00Z
updated: 2025-03-04T11:02:00Z
related: [{related}]
---
Body.
"""


def write(room: Newsroom, story_id: str, headline: str = "Calm day", byline: str =
          "taras-reporter", related: str = "") -> Path:
    return room.write(f"stories/2025/03/{story_id}.md", STORY.format(
        id=story_id, headline=headline, byline=byline, related=related))


@pytest.fixture
def cached_room(newsroom: Newsroom) -> Newsroom:
    """A newsroom with more stories than `validate` checks afresh: its runs use the cache."""
    for number in range(FEW_FILES + 1):
        write(newsroom, f"filler-story-{number:03d}")
    return newsroom


def test_a_few_files_are_checked_afresh_without_listing_the_newsroom(
        newsroom: Newsroom) -> None:
    """One story (or a commit's few) is checked without the cache, whose key needs every id
    of the newsroom; the findings are the same either way."""
    write(newsroom, "first-story", headline="Calm day in Kiev")
    write(newsroom, "second-story", related="first-story")
    assert planted(newsroom) == [("stories/2025/03/first-story.md", "house-style")]
    assert not (newsroom.root / CACHE).exists()
    write(newsroom, "second-story", related="missing-story")
    assert planted(newsroom) == [("stories/2025/03/first-story.md", "house-style"),
                                 ("stories/2025/03/second-story.md", "related")]


def test_cache_never_hides_a_finding(cached_room: Newsroom) -> None:
    newsroom = cached_room
    write(newsroom, "first-story")
    write(newsroom, "second-story", related="first-story")
    assert planted(newsroom) == []
    assert {"stories/2025/03/first-story.md",
            "stories/2025/03/second-story.md"} <= cached_ids(newsroom)
    # 1. editing a story
    write(newsroom, "first-story", headline="Calm day in Kiev")
    assert planted(newsroom) == [("stories/2025/03/first-story.md", "house-style")]
    # 2. changing the config: the house-style warning becomes an error
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text().replace("    severity: warning", "    severity: error"))
    severities = {f["severity"] for f in findings(newsroom)["findings"]}  # type: ignore[union-attr]
    assert severities == {"error"}
    # 3. changing the roster: the reporter leaves
    staff = newsroom.root / "staff.yaml"
    staff.write_text(staff.read_text().replace("id: taras-reporter", "id: taras-former"))
    assert ("stories/2025/03/second-story.md", "byline") in planted(newsroom)
    staff.write_text(staff.read_text().replace("id: taras-former", "id: taras-reporter"))
    # 4. the related story disappears
    (newsroom.root / "stories/2025/03/first-story.md").unlink()
    assert planted(newsroom) == [("stories/2025/03/second-story.md", "related")]


def test_a_cache_from_another_version_is_not_trusted(cached_room: Newsroom) -> None:
    newsroom = cached_room
    write(newsroom, "kyiv-story", headline="Calm day in Kiev")
    assert planted(newsroom) != []
    data = json.loads((newsroom.root / CACHE).read_text())
    # Forge the cache: claim the story is clean.
    for rel in data["entries"]:
        data["entries"][rel][1] = []
    (newsroom.root / CACHE).write_text(json.dumps(data))
    assert planted(newsroom) == []  # control: a cache under the right key is trusted
    data["newsdesk"] = "0.0.1"
    (newsroom.root / CACHE).write_text(json.dumps(data))
    assert planted(newsroom) == [("stories/2025/03/kyiv-story.md", "house-style")]
    (newsroom.root / CACHE).write_text("{not json")
    assert planted(newsroom) == [("stories/2025/03/kyiv-story.md", "house-style")]


def test_committed_stories_are_looked_up_by_their_git_blob(newsroom: Newsroom) -> None:
    """A warm run takes the ids of unchanged committed stories from git's index instead of
    reading them; whatever git does not vouch for is read: an edit not yet committed, an
    edit git was told to ignore (assume-unchanged, skip-worktree), a new file."""
    # git's index is asked only when there are enough files to repay starting git
    for number in range(GIT_INDEX_MIN_FILES):
        write(newsroom, f"filler-story-{number:03d}")
    write(newsroom, "first-story")
    write(newsroom, "second-story")
    newsroom.commit_all("two stories")
    assert planted(newsroom) == []
    entries = json.loads((newsroom.root / CACHE).read_text())["entries"]
    blob = newsroom.git("rev-parse", "HEAD:stories/2025/03/first-story.md").strip()
    assert entries["stories/2025/03/first-story.md"][0] == blob  # the key is git's own id
    write(newsroom, "first-story", headline="Calm day in Kiev")  # not committed
    assert planted(newsroom) == [("stories/2025/03/first-story.md", "house-style")]
    newsroom.git("checkout", "--", "stories/2025/03/first-story.md")
    assert planted(newsroom) == []
    for flag in ("--assume-unchanged", "--skip-worktree"):
        newsroom.git("update-index", flag, "stories/2025/03/second-story.md")
        write(newsroom, "second-story", headline="Calm day in Kiev")
        assert planted(newsroom) == [("stories/2025/03/second-story.md", "house-style")]
        newsroom.git("update-index", flag.replace("--", "--no-"),
                     "stories/2025/03/second-story.md")
        newsroom.git("checkout", "--", "stories/2025/03/second-story.md")
    write(newsroom, "third-story", headline="Kiev again")  # new, untracked
    assert planted(newsroom) == [("stories/2025/03/third-story.md", "house-style")]

"""`audit --since` in process: asking git for the changed stories by name and filtering one
pass over the whole stories folder give the same verdicts."""

from __future__ import annotations

import pytest

from newsdesk.newsroom import Newsroom as Room
from newsdesk.workflow import audit
from tests.conftest import REPORTER, Newsroom, in_review, published


@pytest.fixture(autouse=True)
def _git_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(key, env[key])


def test_both_ways_of_reading_the_changed_stories_agree(newsroom: Newsroom,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    published(newsroom, "Snow in Kyiv")
    start = newsroom.head()
    rel = in_review(newsroom, "Trains return to Kharkiv")
    newsroom.act_as(REPORTER)  # the reporter publishes their own story by hand
    path = newsroom.root / rel
    path.write_text(path.read_text().replace("status: review", "status: published"))
    newsroom.commit_all("publish it myself")
    by_name = audit.audit(Room(newsroom.root), start)
    monkeypatch.setattr(audit, "SINCE_PATHSPECS", 0)
    by_folder = audit.audit(Room(newsroom.root), start)
    assert by_name == by_folder
    checked, problems = by_name
    assert checked == 1 and [p.path for p in problems] == [rel]

"""`newsdesk index`: make, once, what keeps newsdesk fast on a long history.

Each of these is a cache the commands that use it keep up to date, and each is safe to
delete; what a newsroom that has run newsdesk from `init` has anyway, an older newsroom (a
decade of history brought into newsdesk, a fresh clone) gets here in one step instead of
paying for it in whichever command happens to come first:

- git's commit-graph with changed-path Bloom filters (one story's history without opening
  every commit's tree);
- the history index (`git/history_index.py`: which commits touched each story);
- the summary index (`story/index.py`: what `list` and `review` show of each story);
- the text index (`story/textindex.py`: which stories `search` needs to read).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.git import store as gitstore
from newsdesk.git.history_index import HistoryIndex

if TYPE_CHECKING:
    from newsdesk.newsroom import Newsroom


@dataclass(frozen=True)
class Upkept:
    commits: int  # commits that touched a story, in the history index
    stories: int  # stories in the summary index
    searchable: int  # story files in the text index


def make_indexes(newsroom: Newsroom) -> Upkept:
    """Write git's commit-graph, then bring the summary, text and history indexes up to
    date."""
    from newsdesk.story import index as summaries
    from newsdesk.story.textindex import TextIndex

    repo = gitstore.open_repo(newsroom.root)
    gitstore.extend_commit_graph(repo, start=True)
    listed = summaries.stories(newsroom)
    searchable = TextIndex(newsroom, repo).update()
    commits = HistoryIndex.of(newsroom, repo).update()  # last: a shallow clone refuses it
    return Upkept(commits, len(listed) if listed is not None else 0, searchable)

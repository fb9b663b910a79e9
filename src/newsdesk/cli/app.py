"""`newsdesk`: command signatures only. Each command imports its implementation when it runs,
so that `newsdesk --version` or `--help` does not pay for pydantic, YAML or git."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsdesk import __version__
from newsdesk.check.formats import OutputFormat as FindingsFormat
from newsdesk.export import ExportFormat

app = typer.Typer(
    name="newsdesk",
    help="The git-native editorial workflow: write, check, review and publish stories.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
schema_app = typer.Typer(help="JSON Schemas of story, newsdesk.yaml and staff.yaml.",
                         no_args_is_help=True)
app.add_typer(schema_app, name="schema")
ci_app = typer.Typer(help="Continuous integration for the newsroom.", no_args_is_help=True)
app.add_typer(ci_app, name="ci")


class CiProvider(StrEnum):
    GITHUB = "github"
    GITLAB = "gitlab"


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="Output format.")]


def _finish(status: int) -> None:
    """Commands return their exit status; only this layer turns it into Typer's exit."""
    if status:
        raise typer.Exit(status)


def complete_story_id(incomplete: str) -> list[str]:
    """Shell completion for story ids: the ids in the newsroom that start as typed."""
    try:
        from newsdesk.newsroom import Newsroom

        return sorted(i for i in Newsroom.find().story_ids() if i.startswith(incomplete))
    except Exception:  # completion must never print a traceback into the user's shell
        return []


StoryId = Annotated[str, typer.Argument(metavar="ID", help="The story id.",
                                        autocompletion=complete_story_id)]
Message = Annotated[str | None, typer.Option("-m", "--message", help="Comment for the record.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsdesk {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    directory: Annotated[Path | None, typer.Option(
        "-C", help="Run as if newsdesk was started in this folder.", show_default=False)] = None,
    version: Annotated[bool, typer.Option(
        "--version", help="Show the version and exit.", callback=_version,
        is_eager=True)] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print results and errors only, no notes or confirmations.")
    ] = False,
) -> None:
    if quiet:
        from newsdesk.cli import output

        output.QUIET = True
    if directory is not None:
        try:
            os.chdir(directory)
        except OSError as error:
            from newsdesk.errors import UsageError

            raise UsageError(f"-C {directory}: {error.strerror}") from None


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new newsroom.")],
    name: Annotated[str | None, typer.Option(
        help="The publication's name.")] = None,
    url: Annotated[str | None, typer.Option(
        help="Base URL for exports.")] = None,
    ci: Annotated[CiProvider | None, typer.Option(
        help="Also write a CI workflow and CODEOWNERS for github or gitlab.")] = None,
) -> None:
    """Create a newsroom: git repository, newsdesk.yaml, staff.yaml, stories/, schemas/."""
    from newsdesk.cli import admin

    admin.init(path, name, url, ci.value if ci else None)


@ci_app.command("install")
def ci_install(
    provider: Annotated[CiProvider, typer.Option(help="github or gitlab.")] = CiProvider.GITHUB,
    install: Annotated[str | None, typer.Option(
        help="The command that installs newsdesk on the CI machine (default: newsdesk.yaml's "
             "ci.install, else this exact version of newsdesk).")] = None,
    force: Annotated[bool, typer.Option(help="Replace existing files.")] = False,
) -> None:
    """Write (and commit) a CI workflow running validate, audit and schema check, plus a
    CODEOWNERS file asking the desks' editors to review story changes."""
    from newsdesk.cli import admin

    admin.ci_install(provider.value, install, force)


@app.command()
def new(
    headline: Annotated[str | None, typer.Option(
        help="The headline (asked for on a terminal when left out).")] = None,
    desk: Annotated[str | None, typer.Option(
        help="Desk id (default: yours).")] = None,
    byline: Annotated[list[str] | None, typer.Option(
        help="Another author's staff id (repeatable); you are always on the byline.")] = None,
    story_id: Annotated[str | None, typer.Option(
        "--id", help="The story id (default: made from the headline).")] = None,
    template: Annotated[str | None, typer.Option(
        help="Start from templates/NAME.md: feature, brief, explainer, live, or your own.")
    ] = None,
    output: ListFormatOption = ListFormat.TEXT,
) -> None:
    """Create a new draft and commit it; prints its path relative to the newsroom root."""
    from newsdesk.cli import story_cmds

    story_cmds.new(headline, desk, byline or [], story_id, output.value, template)


StatusOption = Annotated[str | None, typer.Option(help="Only stories with this status.")]
DeskOption = Annotated[str | None, typer.Option(help="Only stories of this desk.")]
BylineOption = Annotated[str | None, typer.Option(help="Only stories with this staff id on "
                                                       "the byline.")]
TagOption = Annotated[str | None, typer.Option(help="Only stories with this tag.")]
SinceOption = Annotated[str | None, typer.Option(
    help="Only stories updated since a date (2025-03-04) or an age (7d, 12h).")]


@app.command("list")
def list_(
    status: StatusOption = None,
    desk: DeskOption = None,
    byline: BylineOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    sort: Annotated[str, typer.Option(
        help="Sort by updated, created, id, headline, status or desk (dates newest first).")
    ] = "updated",
    reverse: Annotated[bool, typer.Option(help="Reverse the order.")] = False,
    output: ListFormatOption = ListFormat.TEXT,
) -> None:
    """Stories with id, status, headline, byline and last update."""
    from newsdesk.cli import story_cmds

    story_cmds.list_stories(story_cmds.filters(status, desk, byline, tag, since), sort,
                            reverse, output.value)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find (case does not matter).")],
    status: StatusOption = None,
    desk: DeskOption = None,
    byline: BylineOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    output: ListFormatOption = ListFormat.TEXT,
) -> None:
    """Find text in headlines, deks, people and bodies; prints each matching line."""
    from newsdesk.cli import story_cmds

    _finish(story_cmds.search(text, story_cmds.filters(status, desk, byline, tag, since),
                              output.value))


@app.command()
def show(
    story_id: StoryId,
    output: ListFormatOption = ListFormat.TEXT,
) -> None:
    """One story: its fields, findings and review comments."""
    from newsdesk.cli import story_cmds

    story_cmds.show(story_id, output.value)


@app.command()
def edit(story_id: StoryId) -> None:
    """Open the story in $EDITOR; when it closes, validate and commit if it changed."""
    from newsdesk.cli import story_cmds

    story_cmds.edit(story_id)


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Story files or folders (default: all stories).")] = None,
    output: Annotated[FindingsFormat, typer.Option(
        "--format", help="Output format.")] = FindingsFormat.TEXT,
    changed_since: Annotated[str | None, typer.Option(
        help="Only stories changed since this git ref.")] = None,
    strict: Annotated[bool, typer.Option(help="Warnings fail the run too.")] = False,
    show_suppressed: Annotated[bool, typer.Option(help="List findings silenced inline.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes to use (default: one per CPU for large sets).")
    ] = None,
    cache: Annotated[bool, typer.Option(
        help="Reuse findings of unchanged stories from .newsdesk/cache/.")] = True,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Apply the safe fixes in place (no commit: review and commit them), "
        "then report what is left.")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Print the diff --fix would make and change nothing; exit 1 when "
        "there is something to fix.")] = False,
    shard: Annotated[str | None, typer.Option(
        help="K/N: only the K-th of N deterministic, disjoint parts of the stories (CI "
             "matrix jobs); the N parts together check every story once.")] = None,
) -> None:
    """Check stories against the newsroom's rules. Exit 1 when any finding is an error.

    --fix changes files in the working tree and makes no commit, like a formatter: review the
    change with git diff and commit it yourself.
    """
    from newsdesk.cli import validate_cmd

    _finish(validate_cmd.run(validate_cmd.ValidateOptions(
        paths or [], output.value, changed_since, strict, show_suppressed, jobs, cache, fix,
        diff, shard)))




@app.command()
def submit(story_id: StoryId) -> None:
    """Hand a draft to the editors: draft -> review. Findings are shown, not blocking."""
    from newsdesk.cli import workflow_cmds
    from newsdesk.workflow.table import Action

    workflow_cmds.transition(story_id, Action.SUBMIT, None)


@app.command()
def review(
    story_id: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="A story in review; without it, the review queue.")] = None,
    approve: Annotated[bool, typer.Option(
        "--approve", help="Publish it: review -> published.")] = False,
    request_changes: Annotated[bool, typer.Option(
        "--request-changes", help="Send it back: review -> draft (needs -m).")] = False,
    message: Message = None,
    output: ListFormatOption = ListFormat.TEXT,
) -> None:
    """The editor's desk: the queue, one story with its changes, or a decision on it."""
    from newsdesk.cli import workflow_cmds

    workflow_cmds.review(story_id, approve, request_changes, message, output.value)


@app.command()
def correct(story_id: StoryId, message: Message = None) -> None:
    """Append a correction to a published story (-m: the correction's text)."""
    from newsdesk.cli import workflow_cmds
    from newsdesk.workflow.table import Action

    workflow_cmds.transition(story_id, Action.CORRECT, message)


@app.command()
def spike(story_id: StoryId, message: Message = None) -> None:
    """Drop a draft or a story in review: -> spiked."""
    from newsdesk.cli import workflow_cmds
    from newsdesk.workflow.table import Action

    workflow_cmds.transition(story_id, Action.SPIKE, message)


@app.command()
def kill(story_id: StoryId, message: Message = None) -> None:
    """Withdraw a published story: published -> killed (-m: the reason, kept on record)."""
    from newsdesk.cli import workflow_cmds
    from newsdesk.workflow.table import Action

    workflow_cmds.transition(story_id, Action.KILL, message)


@app.command()
def log(story_id: StoryId, output: ListFormatOption = ListFormat.TEXT) -> None:
    """The story's history from git: who, when, which transition, comments, plain edits."""
    from newsdesk.cli import workflow_cmds

    workflow_cmds.log(story_id, output.value)


@app.command()
def audit(
    output: ListFormatOption = ListFormat.TEXT,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="REF",
        help="Audit only the stories changed after this commit (the last one an audit "
             "passed), each over its whole history: seconds instead of minutes in CI.")] = None,
) -> None:
    """For CI: report every story whose status was not reached through an allowed transition
    by an allowed person (git history, judged against staff.yaml). Exit 1 when any is found."""
    from newsdesk.cli import workflow_cmds

    _finish(workflow_cmds.run_audit(output.value, since))


@app.command()
def index() -> None:
    """Make once what keeps a long history fast (git's commit-graph, the history and summary
    indexes); the commands that use them keep them up to date afterwards."""
    from newsdesk.cli import workflow_cmds

    workflow_cmds.run_index()


@app.command()
def sync() -> None:
    """Pull (rebase) and push the newsroom, so that everyone's stories meet."""
    from newsdesk.cli import workflow_cmds

    workflow_cmds.run_sync()


@app.command()
def export(
    story_ids: Annotated[list[str] | None, typer.Argument(
        metavar="[ID]...", help="Stories to export (default: every published story).")] = None,
    output: Annotated[ExportFormat, typer.Option("--format", help="Export format.")] = (
        ExportFormat.HTML),
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("public"),
    include_unpublished: Annotated[bool, typer.Option(
        help="Also export drafts, stories in review, embargoed ones (for previews).")] = False,
) -> None:
    """Export published, unembargoed stories as HTML, IPTC ninjs, JSON Feed or Markdown."""
    from newsdesk.cli import publish_cmds

    _finish(publish_cmds.export(story_ids or [], output.value, out, include_unpublished))


@app.command()
def preview(
    story_id: StoryId,
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in the browser.")] = False,
) -> None:
    """Render one story (any status) to HTML in a temporary folder and print its path."""
    from newsdesk.cli import publish_cmds

    publish_cmds.preview(story_id, open_browser)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="Folder to write index.html into.")] = (
        Path("report")),
) -> None:
    """Write the newsroom dashboard: stories per status and desk, the review queue, stale
    drafts, publications per week and open findings per rule."""
    from newsdesk.cli import publish_cmds

    publish_cmds.report(out)


class RulesFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


@app.command()
def rules(
    output: Annotated[RulesFormat, typer.Option("--format", help="Output format.")] = (
        RulesFormat.TEXT),
) -> None:
    """The rules newsdesk checks, with their default severities (markdown: the reference)."""
    from newsdesk.rules import reference as ruledocs

    typer.echo(ruledocs.markdown() if output == RulesFormat.MARKDOWN else ruledocs.table(),
               nl=output != RulesFormat.MARKDOWN)


@app.command()
def lsp() -> None:
    """A Language Server Protocol server on stdio: validate's findings, quick fixes, hover and
    completion for story files while they are written (see docs/editors.md)."""
    from newsdesk.lsp.server import serve

    serve()


@schema_app.command("export")
def schema_export() -> None:
    """Write the JSON Schemas into schemas/."""
    from newsdesk.cli import admin

    admin.schema_export()


@schema_app.command("check")
def schema_check() -> None:
    """Exit 1 when schemas/ is out of date with the models."""
    from newsdesk.cli import admin

    _finish(admin.schema_check())

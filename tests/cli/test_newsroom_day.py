"""The newsroom's day: finding stories, templates, scripting, CI in one step."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EDITOR, NEWSDESK, Newsroom

CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))


def test_list_filters_and_sorting(sample_newsroom: Newsroom) -> None:
    def ids(*args: str) -> list[str]:
        result = sample_newsroom.run("list", "--format", "json", *args)
        assert result.returncode == 0, result.stderr
        return [row["id"] for row in result.json()]

    assert ids() == ["lviv-volunteer-kitchen-uk", "kharkiv-metro-school-year",
                     "odesa-port-reopens-brief", "washington-turn-pleases-moscow",
                     "holding-the-line-near-pokrovsk-uk", "holding-the-line-near-pokrovsk"]
    assert ids("--reverse")[0] == "holding-the-line-near-pokrovsk"
    assert ids("--desk", "frontline") == ["holding-the-line-near-pokrovsk-uk",
                                          "holding-the-line-near-pokrovsk"]
    assert ids("--byline", "daryna-savchuk") == ["lviv-volunteer-kitchen-uk",
                                                 "kharkiv-metro-school-year",
                                                 "odesa-port-reopens-brief"]
    assert ids("--tag", "KHARKIV") == ["kharkiv-metro-school-year"]
    assert ids("--since", "2025-06-01") == ["lviv-volunteer-kitchen-uk",
                                            "kharkiv-metro-school-year",
                                            "odesa-port-reopens-brief"]
    assert ids("--status", "draft") == ["lviv-volunteer-kitchen-uk", "odesa-port-reopens-brief"]
    assert ids("--sort", "id")[0] == "holding-the-line-near-pokrovsk"
    bad = sample_newsroom.run("list", "--since", "last tuesday")
    assert bad.returncode == 2 and "--since" in bad.stderr
    row = sample_newsroom.run("list", "--format", "json").json()[0]
    assert set(row) == {"id", "status", "headline", "byline", "desk", "tags", "created",
                        "updated", "path"}


def test_search_shows_matching_lines(sample_newsroom: Newsroom) -> None:
    result = sample_newsroom.run("search", "callsign")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("stories/2025/03/holding-the-line-near-pokrovsk.md:")
    assert "[body]" in lines[0] and "callsign" in lines[0].lower()
    hits = sample_newsroom.run("search", "peskov", "--format", "json").json()
    assert {(h["id"], h["field"]) for h in hits} == {
        ("washington-turn-pleases-moscow", "people"), ("washington-turn-pleases-moscow", "body")}
    people = next(h for h in hits if h["field"] == "people")
    assert people["line"] == 19 and people["text"] == "Dmitry Peskov"
    none = sample_newsroom.run("search", "zzz-no-such-words")
    assert none.returncode == 1 and none.stdout.strip().startswith("no story mentions")
    quiet = sample_newsroom.run("-q", "search", "zzz-no-such-words")
    assert quiet.returncode == 1 and quiet.stdout == ""


def test_quiet_prints_results_only(newsroom: Newsroom) -> None:
    result = newsroom.run("-q", "new", "--headline", "Quiet one")
    assert result.returncode == 0 and result.stdout.strip().endswith("/quiet-one.md")
    submitted = newsroom.run("--quiet", "submit", "quiet-one")
    assert submitted.returncode == 0 and submitted.stdout == "" and submitted.stderr == ""
    loud = newsroom.run("new", "--headline", "Loud one")
    assert loud.stdout.strip().endswith("/loud-one.md")


@pytest.mark.parametrize("template", ["feature", "brief", "explainer", "live"])
def test_templates_written_by_init(newsroom: Newsroom, template: str) -> None:
    assert (newsroom.root / "templates" / f"{template}.md").exists()
    result = newsroom.run("new", "--headline", f"A {template}", "--template", template,
                          "--format", "json")
    assert result.returncode == 0, result.stderr
    text = (newsroom.root / result.json()["path"]).read_text()
    assert f"  - {template}\n" in text  # the template's tag
    assert newsroom.run("validate", result.json()["path"]).returncode == 0


def test_custom_template_and_bad_templates(newsroom: Newsroom) -> None:
    newsroom.write("templates/obituary.md", "---\ndek: null\ntags: [obituary]\n---\n"
                   "## Life\n\n## Work\n")
    result = newsroom.run("new", "--headline", "Remembering a poet", "--template", "obituary",
                          "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "## Life" in (newsroom.root / result.json()["path"]).read_text()
    missing = newsroom.run("new", "--headline", "X", "--template", "haiku")
    assert missing.returncode == 2 and "available: brief, explainer, feature, live, obituary" \
        in missing.stderr
    newsroom.write("templates/bad.md", "---\nstatus: published\n---\nBody.\n")
    bad = newsroom.run("new", "--headline", "X", "--template", "bad")
    assert bad.returncode == 2 and "templates/bad.md:2:1" in bad.stderr
    unsafe = newsroom.run("new", "--headline", "X", "--template", "../staff")
    assert unsafe.returncode == 2 and "invalid template name" in unsafe.stderr


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is a test dependency")
@pytest.mark.parametrize(("provider", "workflow", "schema"), [
    ("github", ".github/workflows/newsdesk.yml", "vendor.github-workflows"),
    ("gitlab", ".gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_ci_install_writes_schema_valid_ci(newsroom: Newsroom, provider: str, workflow: str,
                                           schema: str) -> None:
    newsroom.act_as(EDITOR)
    head = newsroom.head()
    result = newsroom.run("ci", "install", "--provider", provider)
    assert result.returncode == 0, result.stderr
    checked = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema,
                              str(newsroom.root / workflow)], capture_output=True, text=True,
                             check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = (newsroom.root / workflow).read_text()
    for command in ("newsdesk validate", "--changed-since", "newsdesk audit",
                    "newsdesk schema check"):
        assert command in text
    from newsdesk import __version__

    assert f'pip install "newsdesk=={__version__}"' in text  # pinned, never "whatever holds it"
    owners = next(p for p in (newsroom.root / ".github" / "CODEOWNERS",
                              newsroom.root / ".gitlab" / "CODEOWNERS") if p.exists())
    assert "/stories/ iryna@newsroom.example olena@newsroom.example" in owners.read_text()
    for guarded in ("/newsdesk.yaml ", "/staff.yaml ", "/templates/ ", "/images/ "):
        assert guarded in owners.read_text()
    assert "# Frontline (frontline): iryna@newsroom.example" in owners.read_text()
    assert newsroom.git("rev-parse", "HEAD~1").strip() == head
    assert newsroom.git("log", "-1", "--format=%an").strip() == "Olena Editor"
    again = newsroom.run("ci", "install", "--provider", provider)
    assert again.returncode == 2 and "--force" in again.stderr
    config = newsroom.root / "newsdesk.yaml"
    config.write_text(config.read_text() + "ci:\n  install: pip install --require-hashes "
                      "-r ci/newsdesk.txt\n")
    newsroom.commit_all("our own source")
    assert newsroom.run("ci", "install", "--provider", provider, "--force").returncode == 0
    assert "pip install --require-hashes -r ci/newsdesk.txt" in (
        newsroom.root / workflow).read_text()


def test_init_with_ci(tmp_path: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", "config", "--global", "user.name", "Olena Editor"], env=env,
                   check=True)
    subprocess.run(["git", "config", "--global", "user.email", "olena@newsroom.example"],
                   env=env, check=True)
    result = subprocess.run([NEWSDESK, "init", "desk", "--ci", "github"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    workflow = yaml.safe_load((tmp_path / "desk/.github/workflows/newsdesk.yml").read_text())
    assert workflow["jobs"]["newsdesk"]["steps"][0]["uses"].startswith("actions/checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=tmp_path / "desk", env=env,
                             capture_output=True, text=True, check=True).stdout.split()
    assert ".github/workflows/newsdesk.yml" in tracked and ".github/CODEOWNERS" in tracked

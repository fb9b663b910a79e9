"""A newsroom can host its own copy of newsdesk: `python -m build` makes a wheel and an sdist
that carry every data file, install, and run newsdesk's main job."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ("newsdesk/data/lexicon/first-names.txt", "newsdesk/data/newsdesk.yaml",
        "newsdesk/data/staff.yaml", "newsdesk/export/templates/article.html.j2",
        "newsdesk/py.typed")


@pytest.mark.slow
def test_wheel_and_sdist_build_install_and_work(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # built from a copy: setuptools writes build/ and *.egg-info/ beside the sources, and no
    # test writes into the checkout
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
        ".hypothesis", ".newsdesk"))
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir",
                    str(dist), str(source)], check=True, capture_output=True, timeout=600)
    [wheel] = dist.glob("newsdesk-*.whl")
    [sdist] = dist.glob("newsdesk-*.tar.gz")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in DATA:
        assert data in names, data
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    for data in DATA:
        assert f"src/{data}" in members, data

    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target), "GIT_AUTHOR_NAME": "Smoke Test",
           "GIT_COMMITTER_NAME": "Smoke Test", "HOME": str(tmp_path)}
    newsroom = tmp_path / "newsroom"

    def newsdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "newsdesk", *args], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=120,
                              check=False)

    version = newsdesk("--version")
    assert version.returncode == 0 and "0." in version.stdout
    located = subprocess.run([sys.executable, "-c", "import newsdesk; print(newsdesk.__file__)"],
                             env=env, capture_output=True, text=True, check=True)
    assert located.stdout.startswith(str(target))  # the installed copy, not the checkout
    subprocess.run(["git", "config", "--global", "user.email", "smoke@newsroom.example"],
                   env=env, check=True)
    subprocess.run(["git", "config", "--global", "user.name", "Smoke Test"], env=env,
                   check=True)
    assert newsdesk("init", str(newsroom), "--name", "Smoke Desk").returncode == 0
    created = newsdesk("-C", str(newsroom), "new", "--headline", "Drone operator Ivan "
                       "Petrenko of the 93rd Brigade keeps watch")
    assert created.returncode == 0, created.stderr
    checked = newsdesk("-C", str(newsroom), "validate")
    assert checked.returncode == 1 and "names a soldier in full" in checked.stdout

"""Start-up stays lean: the commands people run dozens of times an hour pay only for what
they use. `--version` must not import the model, YAML, git or language-server libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pydantic", "ruamel", "git", "pygls", "lsprotocol", "jinja2", "markdown_it", "yaml")

PROBE = """
import sys
sys.argv = ["newsdesk", "--version"]
from newsdesk.cli.main import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_version_imports_none_of_the_heavy_libraries() -> None:
    completed = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                               check=True)
    version_line, modules_line = completed.stdout.strip().splitlines()[-2:]
    assert version_line.startswith("newsdesk ")
    loaded = set(modules_line.split())
    assert "newsdesk" in loaded and "typer" in loaded  # the probe saw the real start-up
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))

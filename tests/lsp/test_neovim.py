"""A real editor: headless Neovim opens a story with the configuration `docs/editors.md` gives
reporters, starts `newsdesk lsp` through it, and hands back the diagnostics it received.

Debian's `neovim` package is enough (`.ci/run` installs it when missing); without `nvim` on
the PATH this test is skipped, never faked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import NEWSDESK, Newsroom
from tests.lsp.test_server import STORY, validate_json, write_story

DOCS = Path(__file__).resolve().parents[2] / "docs" / "editors.md"
NVIM = shutil.which("nvim")

COLLECT = """
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, {line = d.lnum, column = d.col, end_line = d.end_lnum,
                     end_column = d.end_col, code = d.code, message = d.message,
                     source = d.source})
end
vim.fn.writefile({vim.fn.json_encode(out)}, vim.env.NEWSDESK_DIAGNOSTICS)
vim.cmd("qall!")
"""


def documented_neovim_config() -> str:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Neovim"):]
    match = re.search(r"```lua\n(.*?)```", section, re.DOTALL)
    assert match, "docs/editors.md has no Lua configuration for Neovim"
    return match.group(1)


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (.ci/run installs it)")
def test_neovim_with_the_documented_configuration_shows_the_findings(
        newsroom: Newsroom, tmp_path: Path) -> None:
    assert NVIM is not None
    path = write_story(newsroom, "night-shift", STORY)
    init = tmp_path / "init.lua"
    init.write_text(documented_neovim_config(), encoding="utf-8")
    collect = tmp_path / "collect.lua"
    collect.write_text(COLLECT, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = dict(newsroom.env)
    # the editor finds `newsdesk` on its PATH, as a reporter's shell would
    env["PATH"] = f"{Path(NEWSDESK).parent}{os.pathsep}{env.get('PATH', '')}"
    env["NEWSDESK_DIAGNOSTICS"] = str(out)
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    completed = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init), str(path),
         "-c", f"luafile {collect}"],
        cwd=newsroom.root, env=env, capture_output=True, text=True, timeout=60)
    assert out.exists(), f"Neovim wrote nothing: {completed.stdout}{completed.stderr}"
    received = json.loads(out.read_text(encoding="utf-8"))
    expected = validate_json(newsroom, path)
    assert {(d["line"] + 1, d["column"] + 1, d["code"]) for d in received} == {
        (f["line"], f["column"], f["rule"]) for f in expected}
    koval = next(d for d in received if "Andrii Koval" in d["message"])
    assert koval["source"] == "newsdesk"
    assert (koval["end_column"] - koval["column"]) == len("Andrii Koval")

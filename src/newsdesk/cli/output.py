"""Small helpers for what commands print."""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def use_colour(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


QUIET = False  # set by the global --quiet option


def echo(text: str = "") -> None:
    """The command's result (data): printed even with --quiet."""
    sys.stdout.write(text + "\n")


def info(text: str) -> None:
    """A progress or confirmation message: silenced by --quiet."""
    if not QUIET:
        sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    """A note on stderr (skipped stories, findings on submit): silenced by --quiet."""
    if not QUIET:
        sys.stderr.write(f"newsdesk: {text}\n")


def print_json(data: Any) -> None:
    echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))

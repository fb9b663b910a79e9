"""The `newsdesk` program: start git on what the command will ask, then run the command.

Kept apart from the command signatures (`app`) so that, for the commands that list stories,
git is already at work (`ahead`) while Typer and pydantic are imported."""

from __future__ import annotations

import os
import sys

INTERRUPTED = "interrupted; nothing was changed"


def main() -> None:
    """Entry point: every NewsdeskError becomes one line on stderr and its exit status."""
    from newsdesk.errors import NewsdeskError

    # newsdesk uses no pydantic plugins; looking them up costs every command ~30 ms.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from newsdesk.cli import ahead

        ahead.start(sys.argv[1:])  # git starts on what the command will ask it
        from newsdesk.cli.app import app

        app()
    except NewsdeskError as error:
        sys.stderr.write(f"newsdesk: {error.message}\n")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write(f"newsdesk: {INTERRUPTED}\n")
        sys.exit(130)
    except SystemExit as leaving:
        # Typer turns Ctrl-C into a silent exit 130; say what the interrupted command left
        if leaving.code == 130 and isinstance(
                getattr(leaving.__context__, "__cause__", None), KeyboardInterrupt):
            sys.stderr.write(f"newsdesk: {INTERRUPTED}\n")
        raise
    except OSError as error:  # the file system said no: a full disk, a folder that is a file
        where = f"{error.filename}: " if error.filename else ""
        sys.stderr.write(f"newsdesk: {where}{error.strerror or error}\n")
        sys.exit(2)
    except Exception as error:  # a bug: one line for the user, the traceback on request
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        sys.stderr.write(f"newsdesk: internal error: {type(error).__name__}: {error} "
                         "(this is a bug; run with NEWSDESK_DEBUG=1 for the traceback and "
                         "please report it)\n")
        sys.exit(2)

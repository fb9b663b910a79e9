"""Error types and the exit status each one means.

Library code raises these; only the CLI layer turns them into a message and an exit code,
so that every failure reaches the user as one clear line and never as a traceback.
"""

from __future__ import annotations


def shown(value: str, limit: int = 60) -> str:
    """A user's input quoted in a message, cut to a readable length: a 50 MB argument must
    not become a 50 MB error line."""
    if len(value) <= limit:
        return repr(value)
    return repr(value[:limit]) + f"... ({len(value):,} characters)"


EXIT_OK = 0
EXIT_FINDINGS = 1  # findings, or refused by the rules
EXIT_USAGE = 2  # usage or environment error


class NewsdeskError(Exception):
    """A failure the user can act on. `exit_code` follows the contract."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(NewsdeskError):
    """Bad arguments, an unknown id, an unsafe slug: exit 2."""


class EnvironmentProblem(NewsdeskError):
    """Not a newsroom, broken config, git missing or in a bad state, unknown user: exit 2."""


class Refused(NewsdeskError):
    """The newsroom's rules refuse the action (workflow, findings): exit 1."""

    exit_code = EXIT_FINDINGS


class FileProblem(EnvironmentProblem):
    """A file that cannot be read as what it should be; the message names it with its line."""

    def __init__(self, path: str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.detail = message

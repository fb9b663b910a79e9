"""The command-line layer: Typer signatures, output, exit codes. No business logic lives here."""

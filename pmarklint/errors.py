"""Failures of the tool itself. Each ends the run with exit code 2 and its message; problems in the
user's files are findings, never exceptions."""


class PmarklintError(Exception):
    """The tool cannot run: usage, a missing or broken pmarklint.yaml, not a PMS repository."""

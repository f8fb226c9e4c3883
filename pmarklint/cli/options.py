"""Command-line options that several commands share (click only: importing this costs nothing more)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmarklint.i18n import LANGUAGES

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of messages (and of table headers): ja or en (default: language in pmarklint.yaml, "
    "then the locale).",
)
REPO_OPTION = click.option(
    "--repo",
    "-C",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The PMS repository (or a folder inside it).",
)


def write_stdout(data: bytes) -> None:
    """Bytes to standard output as they are (a report already encoded, a workbook): through the binary
    buffer under ``sys.stdout``, whatever stands there (click's test runner puts its own)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()

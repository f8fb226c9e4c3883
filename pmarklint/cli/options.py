"""Command-line options that several commands share (click only: importing this costs nothing more)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmarklint.errors import PmarklintError
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


OUTPUT_OPTION = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to FILE instead of standard output.",
)


def format_of(output: Path | None, by_suffix: dict[str, str], default: str) -> str:
    """The report format an --output name implies (``.html`` → html), else ``default``."""
    return by_suffix.get(output.suffix.lower(), default) if output is not None else default


def write_report(data: bytes, output: Path | None) -> None:
    """A report to --output, or to standard output; a file that cannot be written is a tool failure."""
    if output is None:
        write_stdout(data)
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise PmarklintError(f"--output {output}: {exc.strerror or exc}") from exc


def write_stdout(data: bytes) -> None:
    """Bytes to standard output as they are (a report already encoded, a workbook): through the binary
    buffer under ``sys.stdout``, whatever stands there (click's test runner puts its own)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()

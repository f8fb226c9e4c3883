"""Command-line options that several commands share (click only: importing this costs nothing more)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from pmarklint.errors import PmarklintError
from pmarklint.i18n import LANGUAGES, system_language, text

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of messages (and of table headers): ja or en. Default: language in the pmarklint.yaml of "
    "the repository the command works on, then the locale (LC_ALL, LC_MESSAGES, LANG).",
)
REPO_OPTION = click.option(
    "--repo",
    "-C",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The PMS repository (or a folder inside it). Default: the current folder, or the nearest one above "
    "it that holds pmarklint.yaml.",
)
# The key under which a command leaves the language it speaks, for the error handler of the group (main.py).
LANGUAGE_KEY = "pmarklint.language"


def language_for(lang: str | None, start: Path | None) -> str:
    """The language a command speaks: --lang, then ``language`` in the pmarklint.yaml of the repository at or
    above ``start`` (None: no repository is involved), then the locale. Kept for the error handler, so that
    the tool's own errors speak it too."""
    chosen = lang
    if chosen is None and start is not None:
        from pmarklint.workspace.config import configured_language

        chosen = configured_language(start)
    chosen = chosen or system_language()
    context = click.get_current_context(silent=True)
    if context is not None:
        context.meta[LANGUAGE_KEY] = chosen
    return chosen


def repository(path: Path | None, repo: Path | None, lang: str | None) -> Path:
    """The repository named by a command's PATH argument or by --repo (-C), the same thing under two names;
    named twice and differently is a usage error."""
    if path is not None and repo is not None and path.resolve() != repo.resolve():
        raise PmarklintError(text("ui.repo_twice", language_for(lang, repo), path=str(path), repo=str(repo)))
    return repo or path or Path(".")


PROGRESS_OPTION = click.option(
    "--progress/--no-progress",
    "progress_asked",
    default=None,
    help="Show how far long work has got (reading git history, a large table) on standard error. Default: on "
    "a terminal, after about a second; never in a pre-commit hook (PRE_COMMIT set) or a CI job (CI set).",
)


@contextlib.contextmanager
def progress(asked: bool | None, lang: str, first: str, *, hook: bool = False) -> Iterator[None]:
    """Progress on standard error while the block runs, when asked (--progress) or, by default, when standard
    error is a terminal outside hooks and CI (pmarklint.progress). ``first``: what the work starts with."""
    from pmarklint.progress import showing

    stream = sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if asked is None:
        automated = hook or os.environ.get("PRE_COMMIT") or os.environ.get("CI", "").lower() not in ("", "0", "false")
        asked = terminal and not automated
    with showing(
        stream if asked else None,
        lambda what, count: text(f"progress.{what}", lang, count=count),
        first,
        terminal=terminal,
    ):
        yield


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

"""``pmarklint migrate``: move a repository's data from an earlier form to the current one
(:mod:`pmarklint.migrate`)."""

from __future__ import annotations

from pathlib import Path

import click

from pmarklint.cli.options import LANG_OPTION, REPO_OPTION, language_for, repository


@click.group()
def migrate() -> None:
    """Move data from an earlier form of the repository to the current one (docs/risks.md)."""


@migrate.command("risks")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@REPO_OPTION
@LANG_OPTION
@click.option("--dry-run", is_flag=True, help="Say what would be moved, and write nothing.")
def risks(path: Path | None, repo: Path | None, lang: str | None, dry_run: bool) -> None:
    """Move the risks of the inventory entries (their risks lists) to the risk register (risks/, kind: risk):
    one risk entry per item, and the inventory entries lose their risks, comments and layout kept.

    All or nothing: nothing is written when a file it would write exists, an id is taken, a phase cannot be
    read or a file cannot be edited safely (exit 2). Run again, it finds nothing to move (exit 0).
    """
    from pmarklint.migrate.risks import migrate_risks

    start = repository(path, repo, lang)
    language = language_for(lang, start)
    done = migrate_risks(start, language, dry_run=dry_run)
    for line in done.lines(language):
        click.echo(line)

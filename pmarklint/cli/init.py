"""``pmarklint init``: a ready-to-fill PMS repository (pmarklint.workspace.scaffold writes it)."""

from __future__ import annotations

from pathlib import Path

import click

from pmarklint.cli.options import language_for
from pmarklint.i18n import LANGUAGES, text


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of the new repository (its pmarklint.yaml, README and examples) and of these messages: ja "
    "or en. Default: the locale (LC_ALL, LC_MESSAGES, LANG).",
)
@click.option("--git/--no-git", default=True, show_default=True, help="Run 'git init' and 'git add' on the new files.")
@click.option(
    "--ci",
    type=click.Choice(["none", "github", "gitlab"]),
    default="none",
    show_default=True,
    help="Also write a CI configuration: github (.github/workflows/pmarklint.yml) or gitlab (.gitlab-ci.yml).",
)
def init(directory: Path, lang: str | None, git: bool, ci: str) -> None:
    """Create a ready-to-fill PMS repository in DIRECTORY: pmarklint.yaml, the control catalog, a roster
    and ledgers with commented examples, a pre-commit configuration and editor schema settings.

    Existing files are never overwritten.
    """
    from pmarklint.workspace.scaffold import create

    language = language_for(lang, None)
    for rel, created in create(directory, language, git=git, ci=ci):
        key = "ui.init_created" if created else "ui.init_exists"
        click.echo(text(key, language, path=rel))
    click.echo(text("ui.init_done", language, path=str(directory)))

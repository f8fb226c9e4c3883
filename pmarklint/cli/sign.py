"""``pmarklint sign``: a thin command over :mod:`pmarklint.approvals.sign`."""

from __future__ import annotations

from pathlib import Path

import click

from pmarklint.cli.options import LANG_OPTION, REPO_OPTION, language_for
from pmarklint.i18n import text


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="TARGET...")
@click.option("--as", "person", required=True, metavar="PERSON", help="The approver: a person id from people/.")
@click.option(
    "--role",
    default=None,
    metavar="ROLE",
    help="The role they approve in (default: the first of their roles that may approve the entry's kind).",
)
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="The day of the approval (default: today).")
@click.option(
    "--force",
    is_flag=True,
    help="Sign although the git identity (git var GIT_AUTHOR_IDENT) is not one of the person's emails. "
    "Said loudly; git will not back such an approval.",
)
@REPO_OPTION
@LANG_OPTION
def sign(
    targets: tuple[str, ...],
    person: str,
    role: str | None,
    date: str | None,
    force: bool,
    repo: Path | None,
    lang: str | None,
) -> None:
    """Record an approval: PERSON approves the current content of each TARGET. A TARGET is an entry id,
    a data file (every entry in it: the yearly review of a ledger) or FILE#ID. Only the approvals lines
    change; comments, key order, quoting and blank lines stay as they are. Nothing is written when any
    target cannot be signed.

    Exit codes: 0 signed (or already signed), 1 refused (nothing written), 2 the tool could not run.
    """
    from pmarklint.approvals.sign import SignRefused
    from pmarklint.approvals.sign import sign as sign_targets
    from pmarklint.workspace.config import find_root

    repo = repo or Path(".")
    language = language_for(lang, repo)
    find_root(repo, language)  # not a PMS repository: say so before anything else
    try:
        result = sign_targets(repo, targets, person=person, role=role, date=date, force=force, lang=language)
    except SignRefused as refused:
        click.echo(text("sign.refused", language), err=True)
        for reason in refused.reasons:
            click.echo(reason, err=True)
        click.get_current_context().exit(1)
    for warning in result.warnings:
        click.secho(warning, fg="red", bold=True, err=True)
    for item in result.signed:
        key = "sign.signed" if item.changed else "sign.unchanged"
        shown = {"person": person, "person_name": result.person_name, "role_id": item.role, "date": item.date}
        click.echo(text(key, language, file=item.file, id=item.id, **shown))
    changed = sum(1 for item in result.signed if item.changed)
    click.echo(text("sign.summary", language, signed=changed, unchanged=len(result.signed) - changed))

"""``pmarklint rules`` and ``pmarklint explain``: the checks pmarklint knows, and what each one means."""

from __future__ import annotations

from pathlib import Path

import click

from pmarklint.cli.options import LANG_OPTION, REPO_OPTION, language_for


@click.command()
@LANG_OPTION
@REPO_OPTION
def rules(lang: str | None, repo: Path | None) -> None:
    """List every check: code, name, default severity and what it catches, in the language of the
    repository it runs in (--lang, then language in pmarklint.yaml, then the locale)."""
    from pmarklint.i18n import catalog
    from pmarklint.rules import REGISTRY

    docs = catalog(language_for(lang, repo or Path("."))).RULE_DOCS
    for code, rule in REGISTRY.items():
        click.echo(f"{code}  {rule.name:<16} {rule.severity.value:<8} {docs[code]['title']}")


@click.command()
@click.argument("code")
@LANG_OPTION
@REPO_OPTION
def explain(code: str, lang: str | None, repo: Path | None) -> None:
    """Explain a check: what it does, why it matters for the P-mark, an example that fails and one that
    passes. CODE is a rule code such as PML101. In the language of the repository it runs in (--lang, then
    language in pmarklint.yaml, then the locale)."""
    from pmarklint.rules.explain import explain_rule

    click.echo(explain_rule(code.upper(), language_for(lang, repo or Path("."))), nl=False)


@click.command()
@LANG_OPTION
@REPO_OPTION
def roles(lang: str | None, repo: Path | None) -> None:
    """List every role of the roster: the id to write in roles: and sign --as, its name in Japanese and
    English, and the kinds of entry it may approve by default (approvals in pmarklint.yaml changes that)."""
    from pmarklint.i18n import catalog, text
    from pmarklint.resources import ROLES
    from pmarklint.rules.context import DEFAULT_APPROVERS

    language = language_for(lang, repo or Path("."))
    ja, en = catalog("ja").MESSAGES, catalog("en").MESSAGES
    words = catalog(language).MESSAGES
    click.echo(text("roles.heading", language))
    for role in ROLES:
        kinds = [words[f"kind.{kind}"] for kind, allowed in DEFAULT_APPROVERS.items() if role in allowed]
        approves = words["list.separator"].join(kinds) if kinds else text("roles.approves_nothing", language)
        click.echo(f"{role:<20} {ja[f'role.{role}']} / {en[f'role.{role}']}")
        click.echo(f"{'':<20} {text('roles.approves', language, kinds=approves)}")

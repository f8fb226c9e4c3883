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

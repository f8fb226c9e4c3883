"""``pmarklint rules`` and ``pmarklint explain``: the checks pmarklint knows, and what each one means."""

from __future__ import annotations

import click

from pmarklint.cli.options import LANG_OPTION
from pmarklint.i18n import system_language


@click.command()
@LANG_OPTION
def rules(lang: str | None) -> None:
    """List every check: code, name, default severity and what it catches."""
    from pmarklint.i18n import catalog
    from pmarklint.rules import REGISTRY

    docs = catalog(lang or system_language()).RULE_DOCS
    for code, rule in REGISTRY.items():
        click.echo(f"{code}  {rule.name:<16} {rule.severity.value:<8} {docs[code]['title']}")


@click.command()
@click.argument("code")
@LANG_OPTION
def explain(code: str, lang: str | None) -> None:
    """Explain a check: what it does, why it matters for the P-mark, an example that fails and one that
    passes. CODE is a rule code such as PML101."""
    from pmarklint.rules.explain import explain_rule

    click.echo(explain_rule(code.upper(), lang or system_language()), nl=False)

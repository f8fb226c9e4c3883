"""The command line. Commands are thin: they parse options, call the core and print; the one error handler
in :func:`main` turns a tool failure into exit code 2. Heavy modules are imported inside the commands, so
``pmarklint --help`` starts fast."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import NoReturn

import click

from pmarklint import __version__
from pmarklint.cli.options import LANG_OPTION
from pmarklint.errors import PmarklintError
from pmarklint.i18n import system_language, text

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


class _Group(click.Group):
    """The one place where failures become exit codes: a tool failure (PmarklintError) and any bug end
    with a plain message and exit 2, never a traceback (unless PMARKLINT_DEBUG is set)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except PmarklintError as exc:
            click.echo(text("ui.error_prefix", system_language()) + str(exc), err=True)
        except Exception as exc:
            if os.environ.get("PMARKLINT_DEBUG"):
                traceback.print_exc()
            click.echo(f"pmarklint: internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("Set PMARKLINT_DEBUG=1 to see the traceback, and please report it.", err=True)
        ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="pmarklint")
def cli() -> None:
    """pmarklint: lint a Privacy Mark (P-mark, JIS Q 15001) management system kept as YAML in git.

    プライバシーマークの個人情報保護マネジメントシステム(PMS)をYAMLとgitで管理し、チェックします。

    Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 the tool could not run.
    """


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("."))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Report format: text (for people), json, github (workflow annotations), sarif, junit, gitlab "
    "(Code Quality). Default: github inside GitHub Actions, else text.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Judge dates against this day (also PMARKLINT_TODAY; default: the system date).",
)
@LANG_OPTION
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@click.option("--no-cache", is_flag=True, help="Parse and validate every file again instead of using the cache.")
@click.option(
    "--changed-since",
    metavar="REF",
    help="Report only findings in entries changed since the git revision REF, and what the change broke "
    "elsewhere (for pull requests and pre-push). env:NAME reads REF from a variable, e.g. "
    "env:PRE_COMMIT_FROM_REF.",
)
@click.option(
    "--as-of",
    metavar="DATE|REV",
    help="Check the repository as it stood at the last commit on or before DATE (YYYY-MM-DD, on the main "
    "line) or at the git revision REV, judged on that day; the report names the commit.",
)
@click.option(
    "--no-history",
    is_flag=True,
    help="Skip the checks that read git history (PML404 to PML407, PML901): who added each approval.",
)
def check(
    path: Path,
    fmt: str | None,
    output: Path | None,
    today: str | None,
    lang: str | None,
    strict: bool,
    no_cache: bool,
    changed_since: str | None,
    no_history: bool,
    as_of: str | None,
) -> None:
    """Check the PMS repository at PATH (default: the current folder or the nearest one above it that
    holds pmarklint.yaml).

    Inside git, the files checked are the ones git tracks or has staged; untracked files under the PMS
    folders get a warning.
    """
    from pmarklint.check.engine import run_check
    from pmarklint.reporters import REPORTERS

    if fmt is None:  # annotations on the pull request when run by GitHub Actions, else a report for people
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and output is None else "text"
    early = lang or system_language()
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pmarklint-as-of-"))) if as_of else None
        result = run_check(
            path,
            today=today,
            lang=early,
            use_cache=not no_cache,
            changed_since=changed_since,
            history=not no_history,
            as_of=as_of,
            workdir=workdir,
        )
        final = lang or result.config.language or early
        color = output is None and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = REPORTERS[fmt](result, final, color)  # the text report reads lines from the extracted files
    if output is None:
        click.echo(report, nl=False)
    else:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise PmarklintError(f"--output {output}: {exc.strerror or exc}") from exc
    failed = result.errors > 0 or (strict and result.warnings > 0)
    click.get_current_context().exit(1 if failed else 0)


@cli.command()
@LANG_OPTION
def rules(lang: str | None) -> None:
    """List every check: code, name, default severity and what it catches."""
    from pmarklint.i18n import catalog
    from pmarklint.rules import REGISTRY

    docs = catalog(lang or system_language()).RULE_DOCS
    for code, rule in REGISTRY.items():
        click.echo(f"{code}  {rule.name:<16} {rule.severity.value:<8} {docs[code]['title']}")


@cli.command()
@click.argument("code")
@LANG_OPTION
def explain(code: str, lang: str | None) -> None:
    """Explain a check: what it does, why it matters for the P-mark, an example that fails and one that
    passes. CODE is a rule code such as PML101."""
    from pmarklint.rules.explain import explain_rule

    click.echo(explain_rule(code.upper(), lang or system_language()), nl=False)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@LANG_OPTION
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

    language = lang or system_language()
    for rel, created in create(directory, language, git=git, ci=ci):
        key = "ui.init_created" if created else "ui.init_exists"
        click.echo(text(key, language, path=rel))
    click.echo(text("ui.init_done", language, path=str(directory)))


def _add_commands() -> None:
    """Commands whose modules stand on their own (each imports its heavy parts only when it runs)."""
    from pmarklint.cli.report import report
    from pmarklint.cli.sign import sign
    from pmarklint.cli.tables import export, import_
    from pmarklint.cli.trail import trail

    cli.add_command(export)
    cli.add_command(import_)
    cli.add_command(sign)
    cli.add_command(report)
    cli.add_command(trail)


_add_commands()


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the console script and of ``python -m pmarklint``; exits with the run's code."""
    cli.main(args=argv, prog_name="pmarklint")

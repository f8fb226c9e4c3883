"""The command line. Commands are thin: they parse options, call the core and print; the one error handler
in :func:`main` turns a tool failure into exit code 2. Heavy modules are imported inside the commands, so
``pmarklint --help`` starts fast."""

from __future__ import annotations

import os
import sys
import traceback
from typing import NoReturn

import click

from pmarklint import __version__
from pmarklint.cli.interrupt import interrupted
from pmarklint.cli.options import LANGUAGE_KEY
from pmarklint.errors import PmarklintError
from pmarklint.i18n import system_language, text


class _Group(click.Group):
    """The one place where failures become exit codes: a tool failure (PmarklintError) and any bug end
    with a plain message and exit 2, never a traceback (unless PMARKLINT_DEBUG is set)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except PmarklintError as exc:
            click.echo(text("ui.error_prefix", _language(ctx)) + str(exc), err=True)
        except KeyboardInterrupt:
            interrupted(_language(ctx))
        except BrokenPipeError:  # the reader stopped reading (``pmarklint check | head``): not a failure of ours
            _quiet_stdout()
            ctx.exit(1)
        except Exception as exc:
            if os.environ.get("PMARKLINT_DEBUG"):
                traceback.print_exc()
            language = _language(ctx)
            click.echo(text("ui.internal_error", language, error=f"{type(exc).__name__}: {exc}"), err=True)
            click.echo(text("ui.internal_error_hint", language), err=True)
        ctx.exit(2)


def _language(ctx: click.Context) -> str:
    """The language the command was speaking (see options.language_for), else the locale's."""
    value = ctx.meta.get(LANGUAGE_KEY)
    return value if isinstance(value, str) else system_language()


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that Python's own flush at exit finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="pmarklint")
def cli() -> None:
    """pmarklint: lint a Privacy Mark (P-mark, JIS Q 15001) management system kept as YAML in git.

    プライバシーマークの個人情報保護マネジメントシステム(PMS)をYAMLとgitで管理し、チェックします。

    Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 the tool could not run.
    """


def _add_commands() -> None:
    """One module per command (each imports its heavy parts only when it runs)."""
    from pmarklint.cli.check import check
    from pmarklint.cli.due import due
    from pmarklint.cli.init import init
    from pmarklint.cli.migrate import migrate
    from pmarklint.cli.report import report
    from pmarklint.cli.rules import explain, roles, rules
    from pmarklint.cli.sign import sign
    from pmarklint.cli.tables import export, import_
    from pmarklint.cli.trail import trail

    for command in (check, rules, roles, explain, init):
        cli.add_command(command)
    cli.add_command(export)
    cli.add_command(import_)
    cli.add_command(sign)
    cli.add_command(report)
    cli.add_command(trail)
    cli.add_command(due)
    cli.add_command(migrate)


_add_commands()


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the console script and of ``python -m pmarklint``; exits with the run's code."""
    cli.main(args=argv, prog_name="pmarklint")

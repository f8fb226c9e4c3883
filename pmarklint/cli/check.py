"""``pmarklint check``: lint the PMS repository and write the report (pmarklint.check.engine does the work)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pmarklint.cli.options import LANG_OPTION, OUTPUT_OPTION, PROGRESS_OPTION, REPO_OPTION, language_for, progress
from pmarklint.errors import PmarklintError
from pmarklint.i18n import text

if TYPE_CHECKING:
    from pmarklint.check.engine import CheckResult
    from pmarklint.check.selection import Selection

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@REPO_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Report format: text (for people), json, github (workflow annotations), sarif, junit, gitlab "
    "(Code Quality). Default: github inside GitHub Actions, else text.",
)
@OUTPUT_OPTION
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Judge dates against this day (also PMARKLINT_TODAY; default: today in the repository's time zone, "
    "timezone: in pmarklint.yaml).",
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
    help="Check the repository as it stood on DATE (YYYY-MM-DD: the main line from its first commit, up to "
    "the first commit dated after DATE in the repository's time zone) or at the git revision REV, judged on "
    "that day; the report names the commit.",
)
@click.option(
    "--no-history",
    is_flag=True,
    help="Skip the checks that read git history (PML404 to PML409, PML901): who added each approval.",
)
@click.option(
    "--quiet",
    is_flag=True,
    help="Shorter text report: errors in full and first, warnings as one line per rule with their count "
    "(the pre-commit hook uses it).",
)
@click.option(
    "--stage",
    type=click.Choice(("commit", "merge")),
    default="merge",
    show_default=True,
    help="Where the check runs. merge (CI on a pull request and on the main branch): an entry still awaiting "
    "the approval pmarklint.yaml requires is an error. commit (the pre-commit and pre-push hooks): it is shown "
    "as awaiting approval and does not stop the commit. A forged, self-made or otherwise invalid approval is an "
    "error at both stages.",
)
@click.option(
    "--staged",
    is_flag=True,
    help="Check what is staged for the next commit (git's index), not the files on disk: for a plain "
    ".git/hooks/pre-commit script. Outside git, the files on disk.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Report only the findings of these rules: codes or code prefixes, separated by commas or repeated "
    "(--select PML4 is PML401 to PML407; ALL is every rule).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Leave out the findings of these rules (codes or prefixes, like --select; the more specific one wins: "
    "--select PML4 --ignore PML406).",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit with 0 even when there are errors (2 still means the check could not run).",
)
@PROGRESS_OPTION
@click.option(
    "--hook",
    is_flag=True,
    help="For the pre-commit hook only: pass at once when the commit being made cannot break the "
    "repository (it adds or edits no PMS file or pmarklint.yaml, and deletes or renames no file); any "
    "other commit is checked as staged (--staged).",
)
def check(
    paths: tuple[Path, ...],
    repo: Path | None,
    fmt: str | None,
    output: Path | None,
    today: str | None,
    lang: str | None,
    strict: bool,
    no_cache: bool,
    changed_since: str | None,
    no_history: bool,
    as_of: str | None,
    quiet: bool,
    stage: str,
    staged: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    progress_asked: bool | None,
    hook: bool,
) -> None:
    """Check the PMS repository (--repo, or the one that holds the PATHs; default: the current folder or
    the nearest one above it that holds pmarklint.yaml).

    Each PATH is a file or folder of the repository: only its findings are reported (the whole repository
    is still read, since references need every file). The repository's own folder stands for all of it,
    so 'pmarklint check my-pms' checks and reports everything, as before.

    Inside git, the files checked are the ones git tracks or has staged; untracked files under the PMS
    folders get a warning.
    """
    if fmt is None:  # annotations on the pull request when run by GitHub Actions, else a report for people
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and output is None else "text"
    for named in paths:
        if not named.exists():
            raise PmarklintError(text("ui.path_missing", language_for(lang, Path(".")), path=str(named)))
    path = repo if repo is not None else (paths[0] if paths else Path("."))
    keeper = None
    # the kept run (pmarklint.check.kept); PMARKLINT_KEEP_RUN=0 computes every run (measurements: what the
    # checks cost with every file's cache warm, docs/design/cache.md)
    keep = os.environ.get("PMARKLINT_KEEP_RUN", "1") != "0"
    if keep and not (no_cache or staged or hook or as_of or changed_since):
        from pmarklint.check.kept import Keeper

        options = (paths, repo, fmt, output, today, lang, strict, no_history, quiet, stage, select, ignore, exit_zero)
        keeper = Keeper.open(path, tuple(str(o) if isinstance(o, Path) else o for o in options))
        kept = keeper.lookup(today) if keeper is not None else None
        if kept is not None:
            _emit(*kept, output)
    early = language_for(lang, path)
    from pmarklint.check.selection import prefixes

    chosen = (prefixes(select, "--select", early), prefixes(ignore, "--ignore", early))
    from pmarklint.check.engine import run_check  # the check machinery: only when no kept run answers
    from pmarklint.reporters import REPORTERS

    if hook:
        from pmarklint.check.hook import commit_can_break

        if not commit_can_break(path, early):
            click.echo(text("ui.hook_nothing_to_check", early))
            click.get_current_context().exit(0)
    with contextlib.ExitStack() as stack:
        staged = staged or hook
        prefix = "pmarklint-as-of-" if as_of else "pmarklint-staged-"
        made = as_of or staged
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=prefix))) if made else None
        stack.enter_context(progress(progress_asked, early, "checking", hook=hook))
        result = run_check(
            path,
            today=today,
            lang=early,
            use_cache=not no_cache,
            changed_since=changed_since,
            history=not no_history,
            as_of=as_of,
            workdir=workdir,
            stage=stage,
            staged=staged,
        )
        final = lang or result.config.language or early
        notices = tuple(text(key, final, **args) for key, args in result.notices)
        result = _selection(result, paths, chosen, final).apply(result)
        color = output is None and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        if fmt == "text" and quiet:
            from pmarklint.reporters.text_report import render

            report = render(result, final, color, quiet=True)
        else:
            report = REPORTERS[fmt](result, final, color)  # the text report reads lines from the extracted files
    failed = result.errors > 0 or (strict and result.warnings > 0)
    code = 1 if failed and not exit_zero else 0
    if keeper is not None:
        files = [result.root / rel for rel in result.checked_files] + [result.root / "pmarklint.yaml"]
        from pmarklint.resources import data_dir

        files += sorted(data_dir("controls").glob("*.yaml"))
        keeper.keep(files, result.today.isoformat(), result.config.timezone, code, report, notices)
    _emit(code, report, notices, output)


def _emit(code: int, report: str, notices: tuple[str, ...], output: Path | None) -> None:
    """Print a run's notices and report (or write the report to ``output``) and exit with its code."""
    for line in notices:
        click.echo(line, err=True)
    if output is None:
        click.echo(report, nl=False)
    else:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise PmarklintError(f"--output {output}: {exc.strerror or exc}") from exc
    click.get_current_context().exit(code)


def _selection(
    result: CheckResult, paths: tuple[Path, ...], codes: tuple[tuple[str, ...], tuple[str, ...]], lang: str
) -> Selection:
    """What of the run the report shows: the rules of --select/--ignore and the files named on the command
    line (pmarklint.check.selection)."""
    from pmarklint.check.selection import Selection, relative_paths

    named = relative_paths(paths, result.root, lang) if paths else ()
    return Selection(select=codes[0], ignore=codes[1], paths=() if "" in named else named)

"""``pmarklint export`` and ``pmarklint import``: a ledger as the table a privacy office knows (Excel or CSV),
and such a table back into the ledger. Thin commands over :mod:`pmarklint.tables`; a tool failure is a
PmarklintError, which the command group turns into exit code 2."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmarklint.cli.options import LANG_OPTION, PROGRESS_OPTION, REPO_OPTION, language_for, progress, write_stdout
from pmarklint.errors import PmarklintError
from pmarklint.progress import step

KIND_CHOICE = click.Choice(["inventory", "contractors", "contractor", "people", "person", "roster", "attendance"])


def _language(lang: str | None, configured: str | None, early: str) -> str:
    return lang or configured or early


@click.command()
@click.argument("kind", type=KIND_CHOICE, metavar="inventory|contractors|people|attendance")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default=None,
    help="xlsx (Excel) or csv (UTF-8 with BOM). Default: from the --output name, else xlsx.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file to write ('-': standard output). Default: inventory.xlsx, contractors.xlsx, people.xlsx or "
    "attendance.xlsx (.csv) here.",
)
@REPO_OPTION
@LANG_OPTION
@PROGRESS_OPTION
def export(
    kind: str, fmt: str | None, output: Path | None, repo: Path | None, lang: str | None, progress_asked: bool | None
) -> None:
    """Write the inventory, the contractor ledger or the roster (people) as a table: one row per entry, the id
    first, headers in Japanese (English with --lang en); or the training attendance list (attendance): one row
    per attendance of a training record. Approvals are not exported. The last column, pmarklint:digest (hidden
    in Excel), holds each row as exported, so that import never reverts a value changed since: leave it as it is.

    Exit codes: 0 written, 1 written but some ledger file could not be read (its entries are missing),
    2 the tool could not run.
    """
    from pmarklint.tables import message
    from pmarklint.tables.columns import DEFAULT_NAMES, kind_of
    from pmarklint.tables.sync import export_ledger, load_repository

    kind = kind_of(kind)
    if fmt is None:
        fmt = "csv" if output is not None and output.suffix.lower() in (".csv", ".txt") else "xlsx"
    if output is None:
        output = Path(f"{DEFAULT_NAMES[kind]}.{fmt}")
    early = language_for(lang, repo or Path("."))
    with progress(progress_asked, early, "ledgers"):
        repository = load_repository(repo or Path("."), early)
        language = _language(lang, repository.language, early)
        step("writing")
        if kind == "attendance":
            from pmarklint.tables.attendance import export_attendance

            result = export_attendance(repository, fmt, language)
        else:
            result = export_ledger(repository, kind, fmt, language)
    if str(output) == "-":
        write_stdout(result.data)
    else:
        try:
            output.write_bytes(result.data)
        except OSError as exc:
            raise PmarklintError(f"--output {output}: {exc.strerror or exc}") from exc
    for warning in result.warnings:
        click.echo(warning, err=True)
    click.echo(message("exported", language, count=result.count, output=output), err=True)
    click.get_current_context().exit(1 if result.warnings else 0)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    required=True,
    type=KIND_CHOICE,
    help="The ledger the table holds: inventory, contractors or people (the roster).",
)
@click.option(
    "--into",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file new entries are added to (default: the file of that kind with most entries of the same "
    "department, else the first one, else <folder>/imported.yaml). Existing entries are updated in their own file.",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="'HEADER=FIELD'",
    help="Read the column HEADER as FIELD (a field name such as name or retention.period, or one of the export's "
    "headers); 'HEADER=' skips the column. HEADER may be a column letter ('B=id'); several pairs may be given "
    "in one value ('B=id,C=name'). Repeat for each column.",
)
@click.option(
    "--sheet", default=None, help="The sheet of an xlsx workbook (default: the ledger's sheet, else the first)."
)
@click.option(
    "--encoding",
    default="utf-8-sig",
    show_default=True,
    help="Encoding of a CSV file; cp932 (or shift_jis) for a CSV saved by Excel on Japanese Windows.",
)
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    default=None,
    help="The row with the headers (the first of two when the header has two rows). Default: found in the "
    "first rows, below a title row.",
)
@click.option(
    "--clear-empty",
    is_flag=True,
    help="Let an empty cell remove its field's value (without it an empty cell keeps the value, and says so).",
)
@click.option("--dry-run", is_flag=True, help="Report what would change without writing any file.")
@REPO_OPTION
@LANG_OPTION
@PROGRESS_OPTION
def import_(
    file: Path,
    kind: str,
    into: Path | None,
    maps: tuple[str, ...],
    sheet: str | None,
    encoding: str,
    header_row: int | None,
    clear_empty: bool,
    dry_run: bool,
    repo: Path | None,
    lang: str | None,
    progress_asked: bool | None,
) -> None:
    """Read a table (xlsx or CSV, such as one written by export or kept by the office in Excel) into the
    ledger. Existing entries are updated in place, keeping comments, order and approvals lines; new ids are
    added. Every row that cannot be taken is reported with its row number and the reason.

    A row exported by export carries the digest of its entry: a value changed in the ledger since the export
    is never reverted, and a cell changed in both places is reported as a conflict. An empty cell keeps the
    ledger's value unless --clear-empty is given. Total rows (合計) and empty template rows are skipped.

    Exit codes: 0 every row taken, 1 some rows not taken (the others are written), 2 the tool could not run.
    """
    from pmarklint.tables import message
    from pmarklint.tables.columns import kind_of
    from pmarklint.tables.imports import import_table
    from pmarklint.tables.sync import load_repository

    kind = kind_of(kind)
    early = language_for(lang, repo or Path("."))
    with progress(progress_asked, early, "ledgers"):
        repository = load_repository(repo or Path("."), early)
        language = _language(lang, repository.language, early)
        step("table")
        if kind == "attendance":
            from pmarklint.tables.attendance import import_attendance

            if into is not None or maps or header_row is not None:
                raise click.UsageError(message("attendance_options", language))
            report = import_attendance(
                repository,
                file,
                sheet=sheet,
                encoding=encoding,
                lang=language,
                dry_run=dry_run,
                clear_empty=clear_empty,
            )
        else:
            report = import_table(
                repository,
                file,
                kind,
                into=into,
                maps=maps,
                sheet=sheet,
                encoding=encoding,
                header_row=header_row,
                lang=language,
                dry_run=dry_run,
                clear_empty=clear_empty,
            )
    if report.sheets > 1 and report.sheet:
        click.echo(message("sheet", language, sheet=report.sheet), err=True)
    if header_row is None and report.header_rows != (1,):
        rows = "-".join(str(n) for n in report.header_rows)
        click.echo(message("header_found", language, row=rows, first=report.header_rows[0]), err=True)
    for problem in report.problems:
        click.echo(problem.show(language))
    for note in report.notes:
        click.echo(note.show(language))
    if report.stale:
        click.echo(message("stale", language, ids=", ".join(report.stale)))
    for rel in report.created:
        click.echo(message("created", language, file=rel))
    summary = message(
        "summary",
        language,
        updated=len(report.updated),
        added=len(report.added),
        unchanged=report.unchanged,
        failed=len(report.problems),
    )
    if report.fields:
        counts = ", ".join(f"{name} {count}" for name, count in sorted(report.fields.items()))
        click.echo(message("fields_changed", language, fields=counts))
    if report.totals or report.templates:
        click.echo(message("skipped", language, totals=report.totals, templates=report.templates))
    click.echo(summary + (" " + message("dry_run", language) if dry_run else ""))
    sys.stdout.flush()
    click.get_current_context().exit(1 if report.problems else 0)

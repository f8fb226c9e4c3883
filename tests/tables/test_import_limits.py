"""import caps what it reads before reading it: the file's size, the unpacked size of a workbook's parts (a
zip bomb is refused before anything is unpacked), rows and cells, and the size of the ledger an import would
write. Each limit is a clear message that says to split the table (exit 2), nothing is written, and each can
be raised under ``limits:`` in pmarklint.yaml."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmarklint.cli.main import cli

from helpers.cli import Run
from helpers.repos import CONFIG, make_repo

LEDGER = "kind: inventory\nentries:\n  - id: PI-1\n    name: 顧客情報\n    department: cs\n    data_items: [氏名]\n    purpose: 発送\n"
HEADER = "ID,名称,管理部門,個人情報の項目,利用目的\r\n"


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def repository(tmp_path: Path, limits: str = "") -> Path:
    return make_repo(tmp_path / "r", {"inventory/a.yaml": LEDGER}, config=CONFIG + limits)


def snapshot(repo: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((repo / "inventory").iterdir())}


def importing(repo: Path, table: Path, lang: str = "en") -> Run:
    return run("import", table, "--kind", "inventory", "-C", repo, "--lang", lang)


def csv_rows(path: Path, count: int) -> Path:
    body = "".join(f"PI-{n:07d},顧客情報,cs,氏名,発送\r\n" for n in range(2, count + 2))
    path.write_bytes((HEADER + body).encode("utf-8-sig"))
    return path


def bomb(path: Path, rows: int) -> Path:
    """A workbook whose sheet unpacks to many times its size, as a zip bomb does: a small file whose sheet is
    ``rows`` rows of the same cells."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["ID", "名称"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, source.read(info))
                continue
            head, _, tail = source.read(info).decode().partition("</sheetData>")
            with out.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head.replace("<sheetData>", "<sheetData>").encode())
                row = '<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>PI-1</t></is></c></row>'
                for start in range(3, rows + 3, 10_000):
                    sheet.write("".join(row.format(n) for n in range(start, min(start + 10_000, rows + 3))).encode())
                sheet.write(("</sheetData>" + tail).encode())
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    path = bomb(tmp_path / "bomb.xlsx", 2_000_000)
    assert path.stat().st_size < 20 * 1024 * 1024  # small on disk, about 150 MB unpacked
    before = snapshot(repo)
    started = time.monotonic()
    result = importing(repo, path)
    assert time.monotonic() - started < 2
    assert result.exit_code == 2
    assert "bomb.xlsx unpacks to" in result.stderr
    assert "more than the limit of 104857600 (limits.max_import_unpacked_size in pmarklint.yaml)" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(repo) == before


def test_a_workbook_within_the_unpacked_limit_is_still_capped_by_rows(tmp_path: Path) -> None:
    repo = repository(tmp_path, "limits: {max_import_rows: 1000}\n")
    path = bomb(tmp_path / "many.xlsx", 5_000)
    result = importing(repo, path)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "many.xlsx has more than 1000 rows (limits.max_import_rows in pmarklint.yaml); split the table into files"
        " of at most 1000 rows and import them one by one"
    )


def test_a_csv_of_a_million_rows_is_refused_quickly_with_advice_to_split_it(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    path = csv_rows(tmp_path / "million.csv", 1_000_000)
    before = snapshot(repo)
    started = time.monotonic()
    result = importing(repo, path)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert "million.csv has more than 50000 rows (limits.max_import_rows in pmarklint.yaml)" in result.stderr
    assert "split the table into files of at most 50000 rows" in result.stderr
    assert snapshot(repo) == before


def test_the_messages_in_japanese(tmp_path: Path) -> None:
    repo = repository(tmp_path, "limits: {max_import_rows: 10, max_import_file_size: 100000}\n")
    result = importing(repo, csv_rows(tmp_path / "t.csv", 20), "ja")
    assert result.exit_code == 2
    assert "t.csv は 10 行を超えています(pmarklint.yaml の limits.max_import_rows)。" in result.stderr
    assert "表を 10 行以下のファイルに分けて、1つずつ取り込んでください" in result.stderr


def test_the_file_size_is_checked_before_reading(tmp_path: Path) -> None:
    repo = repository(tmp_path, "limits: {max_import_file_size: 1000}\n")
    result = importing(repo, csv_rows(tmp_path / "t.csv", 100))
    assert result.exit_code == 2
    assert "bytes, the limit is 1000: limits.max_import_file_size in pmarklint.yaml); split the table into smaller" in (
        result.stderr
    )


def test_cells_are_capped(tmp_path: Path) -> None:
    repo = repository(tmp_path, "limits: {max_import_cells: 100}\n")
    result = importing(repo, csv_rows(tmp_path / "t.csv", 30))
    assert result.exit_code == 2
    assert "t.csv has more than 100 cells (limits.max_import_cells in pmarklint.yaml)" in result.stderr


def test_limits_can_be_raised_for_a_large_office(tmp_path: Path) -> None:
    repo = repository(tmp_path, "limits: {max_import_rows: 3}\n")
    table = csv_rows(tmp_path / "t.csv", 3)
    assert importing(repo, table).exit_code == 2
    (repo / "pmarklint.yaml").write_text(CONFIG + "limits: {max_import_rows: 4}\n", encoding="utf-8")
    result = importing(repo, table)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 updated, 3 added" in result.stdout


@pytest.mark.parametrize("value", ["0", "many", "-5"])
def test_a_bad_limit_is_a_clear_error(tmp_path: Path, value: str) -> None:
    repo = repository(tmp_path, f"limits: {{max_import_rows: {value}}}\n")
    result = importing(repo, csv_rows(tmp_path / "t.csv", 3))
    assert result.exit_code == 2
    assert "pmarklint.yaml" in result.stderr and "max_import_rows" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_table_that_would_make_a_ledger_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    repo = repository(tmp_path, "limits: {max_file_size: 4000}\n")
    before = snapshot(repo)
    result = importing(repo, csv_rows(tmp_path / "t.csv", 100))
    assert result.exit_code == 2
    assert result.stderr.startswith("pmarklint: error: the import would make inventory/a.yaml ")
    assert "bytes, more than limits.max_file_size (4000), which check, export, sign and import refuse to read;" in (
        result.stderr
    )
    assert "nothing was written. Split the table and import the new entries into several files with --into" in (
        result.stderr
    )
    assert snapshot(repo) == before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_cell_longer_than_excel_holds_is_refused(tmp_path: Path, fmt: str) -> None:
    from openpyxl import Workbook

    repo = repository(tmp_path)
    rows = [["ID", "名称", "備考"], ["PI-2", "名簿", "x" * 32_767], ["PI-3", "名簿", "x" * 32_768]]
    path = tmp_path / f"long.{fmt}"
    if fmt == "xlsx":  # openpyxl cuts a longer text to what Excel holds: the long cell is put in afterwards
        book = Workbook()
        ws = book.active
        assert ws is not None
        for row in [*rows[:2], ["PI-3", "名簿", "LONG-CELL"]]:
            ws.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                out.writestr(info, source.read(info).replace(b"LONG-CELL", b"x" * 32_768))
    else:
        path.write_text("\r\n".join(",".join(row) for row in rows), encoding="utf-8")
    before = snapshot(repo)
    result = importing(repo, path)
    assert result.exit_code == 2
    assert f"cell C3 of {path} holds more than 32,767 characters, more than an Excel cell can hold" in result.stderr
    assert snapshot(repo) == before

"""Ledgers as offices keep them in Excel, imported as they are: a title row above the header, a header of
two rows with merged group cells, columns mapped by letter, 和暦 dates and Excel date-times, なし and - for
nothing, a running number column, a total row and numbered empty template rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pmarklint.cli.main import cli
from pmarklint.documents.loader import parse
from pmarklint.tables.cells import ABSENT, decode
from pmarklint.tables.columns import columns

from helpers.cli import Run
from helpers.repos import make_repo

LEDGER = "kind: inventory\nentries:\n  - id: PI-1\n    name: 顧客情報\n    department: cs\n    data_items: [氏名]\n    purpose: 発送\n"
COLUMN = {c.name: c for c in columns("inventory")}


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def entries(repo: Path) -> list[dict[str, Any]]:
    document = parse((repo / "inventory/a.yaml").read_text(encoding="utf-8"), "a").document
    assert document is not None
    return list(document.data["entries"])


def workbook(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "台帳"
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    book.save(path)
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "r", {"inventory/a.yaml": LEDGER})


def importing(repo: Path, table: Path, *args: str) -> Run:
    return run("import", table, "--kind", "inventory", "-C", repo, "--lang", "en", *args)


# ----------------------------------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("令和6年4月1日", "2024-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("令和 6 年 4 月 1 日", "2024-04-01"),
        ("R6.4.1", "2024-04-01"),
        ("r6/4/1", "2024-04-01"),
        ("Ｒ６．４．１", "2024-04-01"),
        ("平成31年4月30日", "2019-04-30"),
        ("H31.4.30", "2019-04-30"),
        ("平成元年1月8日", "1989-01-08"),
        ("昭和64年1月7日", "1989-01-07"),
        ("平成31年5月1日", "平成31年5月1日"),  # no such day: that was 令和元年5月1日; the schema says so
        ("令和元年4月30日", "令和元年4月30日"),  # still 平成
        ("令和6年2月30日", "令和6年2月30日"),
        (dt.datetime(2026, 4, 1, 14, 30), "2026-04-01"),  # an Excel date-time
        (dt.datetime(2026, 4, 1), "2026-04-01"),
        ("2026/04/01 9:30", "2026-04-01"),
        ("2026-04-01T09:30:00", "2026-04-01"),
    ],
)
def test_dates_as_offices_write_them(cell: Any, value: str) -> None:
    assert decode(COLUMN["last_reviewed"], cell, "ja") == value


@pytest.mark.parametrize("cell", ["なし", "無し", "該当なし", "-", "ー", "－", "―", " - "])
def test_nothing_written_as_nashi_or_a_dash_is_an_empty_cell(cell: str) -> None:
    assert decode(COLUMN["third_party_provision.recipients"], cell, "ja") is ABSENT
    assert decode(COLUMN["retired_on"], cell, "ja") is ABSENT
    assert decode(COLUMN["notes"], cell, "ja") is ABSENT


def test_nashi_in_a_yes_no_column_is_no_and_the_id_stays_text() -> None:
    assert decode(COLUMN["sensitive"], "なし", "ja") is False
    assert decode(COLUMN["sensitive"], "無し", "ja") is False
    assert decode(COLUMN["sensitive"], "-", "ja") is ABSENT
    assert decode(COLUMN["id"], "-", "ja") == "-"


# ------------------------------------------------------------------------------------------------- headers


def test_a_title_row_above_the_header_is_found_and_said(repo: Path, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "t.xlsx",
        [
            ["個人情報管理台帳 (2026年度)"],
            ["株式会社さくらマーケット 個人情報保護管理者"],
            [],
            ["ID", "名称", "管理部門", "個人情報の項目", "利用目的"],
            ["PI-2", "従業者名簿", "cs", "氏名", "人事管理"],
        ],
    )
    result = importing(repo, table)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "the header is on row 4 (a title row above it was skipped); give --header-row 4 to say so" in result.stderr
    assert entries(repo)[1] == {
        "id": "PI-2",
        "name": "従業者名簿",
        "department": "cs",
        "data_items": ["氏名"],
        "purpose": "人事管理",
    }


def test_a_header_that_cannot_be_found_suggests_header_row_and_map(repo: Path, tmp_path: Path) -> None:
    table = workbook(tmp_path / "t.xlsx", [["台帳"], ["番号", "台帳名"], ["1", "従業者名簿"]])
    result = importing(repo, table)
    assert result.exit_code == 2
    assert "give --header-row N" in result.stderr and "--map 'B=id'" in result.stderr


def test_a_two_row_header_with_merged_group_cells(repo: Path, tmp_path: Path) -> None:
    """取得 over 方法 and 本人の同意, 保管 over 場所 and 媒体; ID and 名称 merged over both header rows."""
    table = workbook(
        tmp_path / "t.xlsx",
        [
            ["個人情報管理台帳"],
            ["ID", "名称", "管理部門", "個人情報の項目", "利用目的", "保管", None, "取得", None],
            [None, None, None, None, None, "場所", "媒体", "方法", "本人の同意"],
            ["PI-2", "従業者名簿", "cs", "氏名", "人事管理", "人事部書庫", "paper", "本人から書面で", "あり"],
        ],
        merges=("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2", "H2:I2"),
    )
    result = importing(repo, table)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "the header is on row 2-3" in result.stderr
    assert entries(repo)[1] == {
        "id": "PI-2",
        "name": "従業者名簿",
        "department": "cs",
        "data_items": ["氏名"],
        "purpose": "人事管理",
        "acquisition": {"method": "本人から書面で", "consent": True},
        "storage": {"location": "人事部書庫", "medium": "paper"},
    }


def test_columns_mapped_by_letter(repo: Path, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "t.xlsx",
        [
            ["No.", "管理番号", "台帳の名前", "部署", "項目", "目的", "作成者"],
            [1, "PI-2", "従業者名簿", "cs", "氏名", "人事管理", "山田"],
        ],
    )
    first = importing(repo, table)
    assert first.exit_code == 2
    assert "B '管理番号', C '台帳の名前', D '部署', E '項目', F '目的', G '作成者'" in first.stderr  # No. is known
    result = importing(
        repo, table, "--map", "B=id,C=name,D=department,E=data_items", "--map", "F=purpose", "--map", "G="
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert entries(repo)[1] == {
        "id": "PI-2",
        "name": "従業者名簿",
        "department": "cs",
        "data_items": ["氏名"],
        "purpose": "人事管理",
    }


def test_a_header_of_capital_letters_is_a_header_not_a_column_letter(repo: Path, tmp_path: Path) -> None:
    table = workbook(tmp_path / "t.xlsx", [["ID", "名称", "NM"], ["PI-1", "顧客情報 (新)", "x"]])
    result = importing(repo, table, "--map", "NM=")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert entries(repo)[0]["name"] == "顧客情報 (新)"


# -------------------------------------------------------------------------------------------- rows that are no entries


def test_an_office_ledger_as_kept_in_excel(repo: Path, tmp_path: Path) -> None:
    """Everything at once: a title, a running number, 和暦 and Excel dates, なし, a total row and the
    numbered empty rows of the template."""
    table = workbook(
        tmp_path / "t.xlsx",
        [
            ["個人情報管理台帳", None, None, None, None, None, None, "令和6年度"],
            ["No.", "ID", "名称", "管理部門", "個人情報の項目", "利用目的", "第三者提供先", "最終見直し日", "件数"],
            [1, "PI-2", "従業者名簿", "cs", "氏名", "人事管理", "なし", "令和6年4月1日", 52],
            [2, "PI-3", "応募者情報", "cs", "氏名\n学歴", "採用選考", "-", dt.datetime(2026, 4, 1, 10, 15), 8],
            [3, "PI-4", "問合せ記録", "cs", "氏名", "問合せへの対応", "ー", "R6.10.1", "1,200件"],
            [4],
            [5],
            [6, None, None, None, None, None, None, None, None],
            [None, "合計", None, None, None, None, None, None, 1260],
        ],
    )
    before = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
    result = importing(repo, table)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "skipped: 1 total rows, 3 empty template rows",
        "0 updated, 3 added, 0 unchanged, 0 not taken",
    ]
    got = entries(repo)
    assert got[0] == parse(before, "a").document.data["entries"][0]  # type: ignore[union-attr]
    assert got[1:] == [
        {"id": "PI-2", "name": "従業者名簿", "department": "cs", "data_items": ["氏名"], "purpose": "人事管理",
         "last_reviewed": "2024-04-01", "record_count": 52},
        {"id": "PI-3", "name": "応募者情報", "department": "cs", "data_items": ["氏名", "学歴"], "purpose": "採用選考",
         "last_reviewed": "2026-04-01", "record_count": 8},
        {"id": "PI-4", "name": "問合せ記録", "department": "cs", "data_items": ["氏名"], "purpose": "問合せへの対応",
         "last_reviewed": "2024-10-01", "record_count": 1200},
    ]  # fmt: skip


def test_a_placeholder_in_a_required_field_is_reported_not_stored(repo: Path, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "t.xlsx",
        [["ID", "名称", "管理部門", "個人情報の項目", "利用目的"], ["PI-2", "名簿", "cs", "氏名", "なし"]],
    )
    result = importing(repo, table)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "row 2 (PI-2): missing required field 'Purpose of use'"


def test_a_running_number_column_that_holds_data_is_not_skipped(repo: Path, tmp_path: Path) -> None:
    table = workbook(tmp_path / "t.xlsx", [["No.", "ID", "名称"], ["A-1", "PI-1", "顧客情報"]])
    result = importing(repo, table)
    assert result.exit_code == 2
    assert "A 'No.'" in result.stderr


def test_a_title_merged_across_the_columns_is_no_header(repo: Path, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "t.xlsx",
        [
            ["個人情報管理台帳"],
            ["ID", "名称", "管理部門", "個人情報の項目", "利用目的"],
            ["PI-2", "従業者名簿", "cs", "氏名", "人事管理"],
            ["小計", None, None, None, None],
        ],
        merges=("A1:E1", "A4:E4"),
    )
    result = importing(repo, table)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "the header is on row 2 (a title row above it was skipped)" in result.stderr
    assert result.stdout.splitlines() == [
        "skipped: 1 total rows, 0 empty template rows",
        "0 updated, 1 added, 0 unchanged, 0 not taken",
    ]
    assert [e["id"] for e in entries(repo)] == ["PI-1", "PI-2"]


def test_an_id_given_by_letter_under_a_grouped_header(repo: Path, tmp_path: Path) -> None:
    table = workbook(
        tmp_path / "t.xlsx",
        [
            ["基本情報", None, None, "内容", None],
            ["管理No", "名称", "管理部門", "個人情報の項目", "利用目的"],
            ["PI-2", "従業者名簿", "cs", "氏名", "人事管理"],
        ],
        merges=("A1:C1", "D1:E1"),
    )
    result = importing(repo, table, "--map", "A=id")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert entries(repo)[1] == {
        "id": "PI-2",
        "name": "従業者名簿",
        "department": "cs",
        "data_items": ["氏名"],
        "purpose": "人事管理",
    }

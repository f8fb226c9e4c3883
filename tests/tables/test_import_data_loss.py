"""import never loses a value without a word: an older export never reverts a newer value (the digest each
exported row carries), an empty cell keeps its value unless --clear-empty, merged cells read as the value of
their range, and a write that fails (a full disk, a read-only folder) leaves every file as it was. Each test
diffs the ledger files before and after."""

from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pmarklint.cli.main import cli

from helpers.cli import Run
from helpers.repos import git, make_repo

LEDGER = """kind: inventory
entries:
  - id: PI-1
    name: 顧客情報
    department: cs
    owner: nakamura  # 2026年度の担当
    data_items: [氏名, 住所]
    purpose: 商品の発送
    storage: {location: 本社書庫, medium: paper}
  - id: PI-2
    name: 従業者名簿
    department: cs
    owner: nakamura
    data_items: [氏名]
    purpose: 人事管理
    storage: {location: 人事システム, medium: electronic}
"""
OTHER = """kind: inventory
entries:
  - id: PI-9
    name: 問合せ記録
    department: hr
    data_items: [氏名]
    purpose: 問合せへの対応
"""


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "r", {"inventory/a.yaml": LEDGER, "inventory/b.yaml": OTHER})


def files(repo: Path) -> dict[str, bytes]:
    """Every file of the inventory folder, hidden ones too (a temporary file left behind shows here)."""
    return {p.name: p.read_bytes() for p in sorted((repo / "inventory").iterdir())}


def export_csv(repo: Path, out: Path) -> list[list[str]]:
    assert run("export", "inventory", "-o", out, "-C", repo, "--lang", "en").exit_code == 0
    return list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))


def save_csv(path: Path, rows: list[list[str]]) -> Path:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("utf-8-sig"))
    return path


def set_cell(rows: list[list[str]], entry: str, header: str, value: str) -> None:
    rows[[r[0] for r in rows].index(entry)][rows[0].index(header)] = value


def edit_ledger(repo: Path, old: str, new: str) -> None:
    path = repo / "inventory/a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def importing(repo: Path, table: Path, *args: str) -> Run:
    return run("import", table, "--kind", "inventory", "-C", repo, "--lang", "en", *args)


# ------------------------------------------------------------------------------- an older export, re-imported


def test_the_export_carries_the_digest_of_each_entry_in_a_documented_trailing_column(
    repo: Path, tmp_path: Path
) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    assert rows[0][-1] == "pmarklint:digest"
    assert all(r[-1].startswith("pmarklint1:") for r in rows[1:])
    assert len({r[-1] for r in rows[1:]}) == 3


def test_the_workbook_hides_the_digest_column(repo: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert run("export", "inventory", "-o", out, "-C", repo).exit_code == 0
    ws = load_workbook(out).active
    assert ws is not None
    last = ws.cell(row=1, column=ws.max_column)
    assert last.value == "pmarklint:digest"
    assert ws.column_dimensions[last.column_letter].hidden
    assert not ws.column_dimensions["B"].hidden
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.endswith(f"{last.column_letter}4")


def test_a_value_changed_since_the_export_is_not_reverted(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    edit_ledger(repo, "location: 本社書庫", "location: 新社屋書庫")  # a colleague's newer change, in git
    git(repo, "commit", "-qam", "moved")
    set_cell(rows, "PI-1", "Purpose of use", "商品の発送と問合せ")  # the office edits another field of that row
    before = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
    result = importing(repo, save_csv(tmp_path / "edited.csv", rows))
    assert result.exit_code == 0, result.stdout
    after = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
    assert after == before.replace("purpose: 商品の発送\n", "purpose: 商品の発送と問合せ\n", 1)
    assert "新社屋書庫" in after and "owner: nakamura  # 2026年度の担当" in after
    assert result.stdout.splitlines()[-2:] == [
        "fields changed (entries): Purpose of use 1",
        "1 updated, 0 added, 2 unchanged, 0 not taken",
    ]


def test_a_cell_changed_in_both_places_is_a_conflict_and_the_row_is_not_taken(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    edit_ledger(repo, "location: 本社書庫", "location: 新社屋書庫")
    set_cell(rows, "PI-1", "Storage location", "倉庫")
    set_cell(rows, "PI-1", "Purpose of use", "商品の発送と問合せ")
    set_cell(rows, "PI-2", "Purpose of use", "人事と給与の管理")  # another row: taken
    before = files(repo)
    result = importing(repo, save_csv(tmp_path / "edited.csv", rows))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "row 2 (PI-1): column N 'Storage location' was changed in the table and, since the export, in the ledger"
        ' too (now "新社屋書庫"); the row was not taken, so that the newer value is not reverted: export again and'
        " redo the change, or make it in the YAML"
    )
    after = files(repo)
    assert after["a.yaml"] == before["a.yaml"].replace(
        b"purpose: \xe4\xba\xba\xe4\xba\x8b\xe7\xae\xa1\xe7\x90\x86", "purpose: 人事と給与の管理".encode()
    )
    assert "1 updated, 0 added, 1 unchanged, 1 not taken" in result.stdout


def test_a_conflict_in_japanese(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    edit_ledger(repo, "medium: paper", "medium: electronic")
    set_cell(rows, "PI-1", "Storage medium", "both")
    result = run("import", save_csv(tmp_path / "e.csv", rows), "--kind", "inventory", "-C", repo, "--lang", "ja")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "2行目 (PI-1): O 'Storage medium' 列は表で変更されていますが、書き出しの後に台帳でも変更されています"
        '(現在は "electronic")。新しい値を元に戻さないよう、この行は取り込んでいません。書き出し直して変更をやり直すか、'
        "YAML で変更してください"
    )


def test_the_same_change_in_both_places_is_no_conflict(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    edit_ledger(repo, "location: 本社書庫", "location: 倉庫")
    set_cell(rows, "PI-1", "Storage location", "倉庫")
    before = files(repo)
    result = importing(repo, save_csv(tmp_path / "e.csv", rows))
    assert result.exit_code == 0, result.stdout
    assert files(repo) == before
    assert "0 updated, 0 added, 3 unchanged, 0 not taken" in result.stdout


def test_an_entry_removed_since_the_export_does_not_come_back(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    (repo / "inventory/b.yaml").write_text("kind: inventory\nentries: []\n", encoding="utf-8")
    before = files(repo)
    result = importing(repo, save_csv(tmp_path / "e.csv", rows))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        "row 4 (PI-9): the entry PI-9 was exported but is no longer in the repository"
    )
    assert files(repo) == before


def test_a_row_copied_to_make_a_new_entry_is_added(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    copy = list(rows[1])
    copy[0], copy[rows[0].index("Name")] = "PI-3", "会員情報"
    rows.append(copy)  # the digest cell came along with the copy
    result = importing(repo, save_csv(tmp_path / "e.csv", rows))
    assert result.exit_code == 0, result.stdout
    assert "0 updated, 1 added, 3 unchanged, 0 not taken" in result.stdout
    assert "id: PI-3\n    name: 会員情報" in (repo / "inventory/a.yaml").read_text(encoding="utf-8")


def test_a_damaged_digest_cell_is_reported(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    rows[1][-1] = rows[1][-1][:-3]
    set_cell(rows, "PI-1", "Name", "顧客情報 (新)")
    before = files(repo)
    result = importing(repo, save_csv(tmp_path / "e.csv", rows))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "row 2 (PI-1): the pmarklint:digest cell is not as export wrote it; the row was not taken. Clear the cell to"
        " import the row as typed, or export again"
    )
    assert files(repo) == before


# ------------------------------------------------------------------------------------------------ empty cells


def test_an_empty_cell_keeps_the_value_and_says_so(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    set_cell(rows, "PI-1", "Owner", "")
    set_cell(rows, "PI-1", "Storage medium", "")
    set_cell(rows, "PI-2", "Name", "従業者名簿 (2026)")
    before = files(repo)
    result = importing(repo, save_csv(tmp_path / "e.csv", rows))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[:2] == [
        "row 2 (PI-1): column O 'Storage medium' is empty; the value \"paper\" was kept (--clear-empty removes it)",
        "row 2 (PI-1): column AA 'Owner' is empty; the value \"nakamura\" was kept (--clear-empty removes it)",
    ]
    after = files(repo)
    assert after["a.yaml"] == before["a.yaml"].replace("name: 従業者名簿".encode(), "name: 従業者名簿 (2026)".encode())


def test_clear_empty_removes_the_values_of_empty_cells(repo: Path, tmp_path: Path) -> None:
    rows = export_csv(repo, tmp_path / "t.csv")
    set_cell(rows, "PI-1", "Owner", "")
    result = importing(repo, save_csv(tmp_path / "e.csv", rows), "--clear-empty")
    assert result.exit_code == 0, result.stdout
    assert "column AA 'Owner' is empty; the value \"nakamura\" was removed (--clear-empty)" in result.stdout
    text = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
    assert "owner: nakamura  # 2026年度の担当" not in text and text.count("owner: nakamura") == 1


def test_a_table_typed_by_hand_never_drops_values(repo: Path, tmp_path: Path) -> None:
    table = save_csv(
        tmp_path / "hand.csv", [["ID", "Name", "Owner", "Storage medium"], ["PI-1", "顧客情報 (新)", "", ""]]
    )
    before = files(repo)
    result = importing(repo, table)
    assert result.exit_code == 0, result.stdout
    assert sum("was kept (--clear-empty removes it)" in line for line in result.stdout.splitlines()) == 2
    assert files(repo)["a.yaml"] == before["a.yaml"].replace(
        "name: 顧客情報\n".encode(), "name: 顧客情報 (新)\n".encode(), 1
    )


# ------------------------------------------------------------------------------------------------ merged cells


def test_merged_cells_read_as_the_value_of_their_range(repo: Path, tmp_path: Path) -> None:
    """An office's workbook: the owner and the medium of two entries typed once, in a vertical merge."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["ID", "名称", "責任者", "保管媒体", "利用目的"])
    ws.append(["PI-1", "顧客情報", "saito", "electronic", "商品の発送"])
    ws.append(["PI-2", "従業者名簿", None, None, "人事管理"])
    ws.merge_cells("C2:C3")
    ws.merge_cells("D2:D3")
    path = tmp_path / "office.xlsx"
    book.save(path)
    before = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
    result = importing(repo, path)
    assert result.exit_code == 0, result.stdout
    after = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
    assert after == (
        before.replace("owner: nakamura  #", "owner: saito  #")
        .replace("medium: paper", "medium: electronic")
        .replace("    owner: nakamura\n", "    owner: saito\n")
    )
    assert result.stdout.splitlines()[-2:] == [
        "fields changed (entries): 保管媒体 1, 責任者 2",
        "2 updated, 0 added, 0 unchanged, 0 not taken",
    ]


# ----------------------------------------------------------------------------------- a write that cannot be done


def _fail_on_second(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, error: OSError) -> None:
    real = getattr(module, name)
    calls: list[int] = []

    def second_fails(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, second_fails)


def _two_files_changed(repo: Path, tmp_path: Path) -> Path:
    rows = export_csv(repo, tmp_path / "t.csv")
    set_cell(rows, "PI-1", "Name", "顧客情報 (新)")
    set_cell(rows, "PI-9", "Name", "問合せ記録 (新)")
    return save_csv(tmp_path / "e.csv", rows)


@pytest.mark.parametrize(
    ("module", "name", "error", "shown"),
    [
        (os, "fsync", OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (tempfile, "mkstemp", OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
        (os, "replace", OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
    ids=["disk-full", "read-only-folder", "rename-fails"],
)
def test_a_failed_write_of_the_second_file_leaves_both_as_they_were(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: Any, name: str, error: OSError, shown: str
) -> None:
    table = _two_files_changed(repo, tmp_path)
    before = files(repo)
    _fail_on_second(monkeypatch, module, name, error)
    result = importing(repo, table)
    assert result.exit_code == 2
    assert f"{repo / 'inventory/b.yaml'} could not be written ({shown}); the file is as it was" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert files(repo) == before


def test_a_new_file_in_a_new_folder_is_removed_again_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "r", {"contractors/c.yaml": "kind: contractor\nentries: []\n"})
    table = save_csv(
        tmp_path / "new.csv",
        [["ID", "名称", "管理部門", "個人情報の項目", "利用目的"], ["PI-1", "顧客情報", "cs", "氏名", "発送"]],
    )
    _fail_on_second(monkeypatch, os, "replace", OSError(errno.ENOSPC, "No space left on device"))
    monkeypatch.setattr(
        os, "fsync", lambda _fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device"))
    )
    result = importing(repo, table)
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert not (repo / "inventory").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_real_read_only_folder(repo: Path, tmp_path: Path) -> None:
    table = _two_files_changed(repo, tmp_path)
    before = files(repo)
    (repo / "inventory").chmod(0o555)
    try:
        result = importing(repo, table)
    finally:
        (repo / "inventory").chmod(0o755)
    assert result.exit_code == 2
    assert "Permission denied" in result.stderr and "Traceback" not in result.stderr
    assert files(repo) == before

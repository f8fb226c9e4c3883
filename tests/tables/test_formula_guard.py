"""No ledger value becomes a formula on the auditor's computer (issue 12): the full-width signs ＝ ＋ － ＠,
which Excel in Japanese reads as = + - @, are guarded in CSV exports as the ASCII ones are, in xlsx every
text stays text, and importing the table back changes no byte. Real files, the real command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from pmarklint.render import csv_table

from helpers.cli import run
from helpers.repos import git, make_repo

STARTS = ["＝1+1", "＋1", "－1", "＠SUM(A1)", "=1+1", "'＝quoted"]


def ledger() -> str:
    entries = "".join(
        f'  - id: PI-{n}\n    name: 顧客情報\n    department: cs\n    data_items: [氏名]\n    purpose: "{value}"\n'
        for n, value in enumerate(STARTS, start=1)
    )
    return "kind: inventory\nentries:\n" + entries


def purposes(rows: list[list[str]]) -> list[str]:
    column = rows[0].index("Purpose of use")
    return [row[column] for row in rows[1:]]


def test_csv_export_guards_full_width_formula_signs(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger()})
    out = tmp_path / "a.csv"
    assert run("export", "inventory", "-o", out, "-C", repo, "--lang", "en").exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert purposes(rows) == ["'＝1+1", "'＋1", "'－1", "'＠SUM(A1)", "'=1+1", "''＝quoted"]
    result = run("import", out, "--kind", "inventory", "-C", repo)  # reading undoes exactly what writing did
    assert result.exit_code == 0, result.stdout
    assert git(repo, "status", "--porcelain") == ""


def test_xlsx_export_keeps_every_such_value_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger()})
    out = tmp_path / "a.xlsx"
    assert run("export", "inventory", "-o", out, "-C", repo, "--lang", "en").exit_code == 0
    ws = load_workbook(out).active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    cells = [row[headers.index("Purpose of use")] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == STARTS
    assert {c.data_type for c in cells} == {"s"}
    result = run("import", out, "--kind", "inventory", "-C", repo)
    assert result.exit_code == 0, result.stdout
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("value", ["＝HYPERLINK(1)", "＋1", "－1", "＠A1"])
def test_report_csv_guards_full_width_formula_signs(value: str) -> None:
    assert csv_table.guard(value) == "'" + value

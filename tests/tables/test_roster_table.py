"""The roster (people) as a table, the one an office most often keeps in Excel next to the inventory: the
columns in the order such a list is kept (id, name, department, e-mail, employment, joined, left, roles), the
same round trip and the same safety as the ledgers (a comment and the approvals lines stay, an empty cell
keeps its value, an older export never reverts a newer value). Real repositories, the real command line, the
YAML diffed before and after."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pmarklint.cli.main import cli

from helpers.cli import Run
from helpers.pms import pms
from helpers.repos import git

ROSTER = "people/roster.yaml"
APPROVAL = """    approvals:
      - by: yamamoto
        role: top_management
        date: 2026-04-01
        digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
"""
HEADERS_JA = ["ID", "氏名", "所属部門", "メールアドレス", "雇用形態", "入社日・着任日", "退職日・離任日", "PMS上の役割"]
HEADERS_EN = ["ID", "Name", "Department", "Emails", "Employment", "Joined", "Left", "PMS roles"]


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = pms(tmp_path / "r")
    path = root / ROSTER
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    department: cs\n    roles: [privacy_manager]",
        "    department: cs  # 2026年度から\n    roles: [privacy_manager]",
    )
    text = text.replace(
        "    roles: [top_management]\n    last_reviewed: 2026-04-01\n",
        "    roles: [top_management]\n    last_reviewed: 2026-04-01\n" + APPROVAL,
    )
    path.write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "roster with a comment and an approval")
    return root


def export_rows(repo: Path, out: Path, lang: str = "en") -> list[list[str]]:
    assert run("export", "people", "-o", out, "-C", repo, "--lang", lang).exit_code == 0
    return list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))


def save(path: Path, rows: list[list[str]]) -> Path:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("utf-8-sig"))
    return path


def changed_lines(before: str, after: str) -> list[str]:
    return [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[:2] in ("- ", "+ ")]


@pytest.mark.parametrize(("lang", "headers"), [("ja", HEADERS_JA), ("en", HEADERS_EN)])
def test_the_roster_table_starts_with_the_columns_an_office_keeps(
    repo: Path, tmp_path: Path, lang: str, headers: list[str]
) -> None:
    rows = export_rows(repo, tmp_path / "p.csv", lang)
    assert rows[0][: len(headers)] == headers
    assert rows[0][-1] == "pmarklint:digest"
    assert [r[0] for r in rows[1:]] == ["yamamoto", "nakamura", "kobayashi", "saito"]
    assert "approvals" not in " ".join(rows[0]).lower() and "承認" not in rows[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_change_in_the_table_changes_only_its_line_and_keeps_comments_and_approvals(
    repo: Path, tmp_path: Path, fmt: str
) -> None:
    before = (repo / ROSTER).read_text(encoding="utf-8")
    out = tmp_path / f"people.{fmt}"
    assert run("export", "people", "-o", out, "-C", repo, "--lang", "ja").exit_code == 0
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
        rows[[r[0] for r in rows].index("saito")][rows[0].index("退職日・離任日")] = "2026-10-31"
        rows[[r[0] for r in rows].index("yamamoto")][rows[0].index("氏名")] = "山本 一朗"
        save(out, rows)
    else:
        book = openpyxl.load_workbook(out)
        sheet = book.worksheets[0]
        header = [c.value for c in sheet[1]]
        ids = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
        sheet.cell(ids.index("saito") + 1, header.index("退職日・離任日") + 1).value = "2026-10-31"
        sheet.cell(ids.index("yamamoto") + 1, header.index("氏名") + 1).value = "山本 一朗"
        book.save(out)
    result = run("import", out, "--kind", "people", "-C", repo, "--lang", "ja")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "更新2件、追加0件" in result.stdout
    after = (repo / ROSTER).read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-     name: 山本 一郎",
        "+     name: 山本 一朗",
        "+     left: 2026-10-31",
    ]
    assert "    department: cs  # 2026年度から\n" in after
    assert APPROVAL in after


def test_an_empty_cell_keeps_the_value_and_an_older_export_reverts_nothing(repo: Path, tmp_path: Path) -> None:
    rows = export_rows(repo, tmp_path / "p.csv")
    rows[[r[0] for r in rows].index("nakamura")][rows[0].index("Department")] = ""
    (repo / ROSTER).write_text(
        (repo / ROSTER).read_text(encoding="utf-8").replace("name: 斎藤 美咲", "name: 斎藤 美咲子"), encoding="utf-8"
    )
    rows[[r[0] for r in rows].index("saito")][rows[0].index("Name")] = "齋藤 美咲"
    before = (repo / ROSTER).read_text(encoding="utf-8")
    result = run("import", save(tmp_path / "old.csv", rows), "--kind", "people", "-C", repo, "--lang", "en")
    assert result.exit_code == 1
    assert (
        "row 5 (saito): column B 'Name' was changed in the table and, since the export, in the ledger too "
        '(now "斎藤 美咲子"); the row was not taken' in result.stdout
    )
    assert (repo / ROSTER).read_text(encoding="utf-8") == before  # nakamura's department kept, saito not reverted

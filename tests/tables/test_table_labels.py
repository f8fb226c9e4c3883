"""Values in words in exported tables: departments and people by name (their ids in hidden columns at the
end), roles, fixed values and durations in the reader's language; and import reading the words back, so
that export then import changes no byte, with or without the digest column, and a name edited by hand is
taken or refused with a clear reason."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmarklint.cli.main import cli
from pmarklint.tables.files import letter

from helpers.cli import Run
from helpers.repos import ROOT, git

KINDS = ("inventory", "contractors", "people")


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def shop(tmp_path: Path) -> Path:
    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "example")
    return repo


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


def cell(rows: list[list[str]], entry: str, header: str) -> str:
    row = next(r for r in rows if r[0] == entry)
    return row[rows[0].index(header)]


def set_cell(rows: list[list[str]], entry: str, header: str, value: str) -> None:
    row = next(r for r in rows if r[0] == entry)
    row[rows[0].index(header)] = value


def _export(repo: Path, kind: str, out: Path, lang: str) -> list[list[str]]:
    result = run("export", kind, "-o", out, "-C", repo, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return read_csv(out) if out.suffix == ".csv" else []


def test_the_inventory_in_words_with_its_ids_at_the_end(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    rows = _export(repo, "inventory", tmp_path / "i.csv", "ja")
    assert rows[0][-4:] == ["管理部門(ID)", "アクセス権者(ID)", "責任者(ID)", "pmarklint:digest"]
    assert cell(rows, "PI-CS-001", "管理部門") == "カスタマーサービス部"
    assert cell(rows, "PI-CS-001", "管理部門(ID)") == "cs"
    assert cell(rows, "PI-CS-001", "アクセス権者") == "伊藤 翔太\n斎藤 真理\n加藤 彩"
    assert cell(rows, "PI-CS-001", "アクセス権者(ID)") == "ito\nsaito\nkato"
    assert cell(rows, "PI-CS-001", "責任者") == "伊藤 翔太"
    assert cell(rows, "PI-CS-001", "保管期限") == "7年"
    assert cell(rows, "PI-CS-002", "見直し間隔") == "6か月"
    assert cell(rows, "PI-CS-001", "リスク") == ""  # the risks live in the risk register now (risks/)
    english = _export(repo, "inventory", tmp_path / "e.csv", "en")
    assert english[0][-4:] == ["Department (id)", "Access holders (id)", "Owner (id)", "pmarklint:digest"]
    assert cell(english, "PI-CS-001", "Department") == "カスタマーサービス部"
    assert cell(english, "PI-CS-001", "Retention period") == "7 years"
    assert cell(english, "PI-CS-002", "Review interval") == "6 months"
    assert cell(english, "PI-CS-001", "Risks") == ""


def test_contractors_and_the_roster_in_words(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    contractors = _export(repo, "contractors", tmp_path / "c.csv", "ja")
    assert cell(contractors, "C-001", "評価結果") == "合格"
    assert cell(contractors, "C-001", "評価者") == "中村 由美"
    assert cell(contractors, "C-001", "評価者(ID)") == "nakamura"
    assert cell(contractors, "C-001", "認証").startswith("種類: プライバシーマーク / ")
    people = _export(repo, "people", tmp_path / "p.csv", "ja")
    assert cell(people, "nakamura", "所属部門") == "経営企画室"
    assert cell(people, "nakamura", "雇用形態") == "正社員"
    assert cell(people, "nakamura", "PMS上の役割") == "個人情報保護管理者\n事務局"
    english = _export(repo, "people", tmp_path / "pe.csv", "en")
    assert cell(english, "nakamura", "PMS roles") == "privacy manager\nPMS secretariat"


def test_the_id_columns_are_hidden_in_the_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    repo = shop(tmp_path)
    _export(repo, "inventory", tmp_path / "i.xlsx", "ja")
    ws = load_workbook(tmp_path / "i.xlsx").active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    hidden = [h for h, c in zip(headers, ws[1], strict=True) if ws.column_dimensions[c.column_letter].hidden]
    assert hidden == ["管理部門(ID)", "アクセス権者(ID)", "責任者(ID)", "pmarklint:digest"]
    assert ws.cell(row=2, column=headers.index("管理部門") + 1).value == "カスタマーサービス部"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_without_the_digests_the_words_read_back_to_the_same_bytes(tmp_path: Path, kind: str, lang: str) -> None:
    """The digest column keeps an unchanged cell from being taken at all; without it every cell is read
    back, so this is the test that the words stand for exactly the values they were written for."""
    repo = shop(tmp_path)
    rows = _export(repo, kind, tmp_path / "t.csv", lang)
    table = write_csv(tmp_path / "nodigest.csv", [row[:-1] for row in rows])
    result = run("import", table, "--kind", kind, "-C", repo, "--lang", lang)
    assert result.exit_code == 0, result.stdout
    assert git(repo, "status", "--porcelain") == ""
    names_only = [[v for h, v in zip(rows[0], row, strict=True) if "(ID)" not in h and "(id)" not in h] for row in rows]
    result = run("import", write_csv(tmp_path / "names.csv", names_only), "--kind", kind, "-C", repo, "--lang", lang)
    assert result.exit_code == 0, result.stdout
    assert git(repo, "status", "--porcelain") == ""


def test_a_name_edited_by_hand_is_read_back_to_its_id(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    rows = _export(repo, "inventory", tmp_path / "i.csv", "ja")
    set_cell(rows, "PI-CS-001", "責任者", "中村 由美")  # the hidden 責任者(ID) still says ito
    set_cell(rows, "PI-CS-001", "管理部門", "営業部")
    set_cell(rows, "PI-CS-001", "保管期限", "10年")
    result = run("import", write_csv(tmp_path / "edited.csv", rows), "--kind", "inventory", "-C", repo, "--lang", "ja")
    assert result.exit_code == 0, result.stdout
    text = (repo / "inventory/customer-service.yaml").read_text(encoding="utf-8")
    assert "    department: sales\n    owner: nakamura\n" in text
    assert "      period: P10Y\n" in text


def test_a_name_that_is_nobody_is_refused_with_the_reason(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    rows = _export(repo, "inventory", tmp_path / "i.csv", "ja")
    set_cell(rows, "PI-CS-001", "責任者", "田中 一郎")
    set_cell(rows, "PI-CS-002", "管理部門", "総務部")
    owner = letter(rows[0].index("責任者"))  # (the column's letter depends on the fields before it)
    for lang, lines in (
        (
            "ja",
            [
                f"2行目 (PI-CS-001): {owner} '責任者' 列: 「田中 一郎」という人は従業者名簿にいません。"
                "名簿の名前か ID で書いてください",
                "3行目 (PI-CS-002): C '管理部門' 列: 「総務部」という部門は pmarklint.yaml の departments に"
                "ありません。部門名か ID で書いてください",
            ],
        ),
        (
            "en",
            [
                f"row 2 (PI-CS-001): column {owner} '責任者': '田中 一郎' is not in the roster: write the person's name "
                "as the roster has it, or the id",
                "row 3 (PI-CS-002): column C '管理部門': '総務部' is no department in departments of pmarklint.yaml: "
                "write the department's name or id",
            ],
        ),
    ):
        table = write_csv(tmp_path / "edited.csv", rows)
        result = run("import", table, "--kind", "inventory", "-C", repo, "--lang", lang)
        assert result.exit_code == 1
        assert result.stdout.splitlines()[:2] == lines
        assert git(repo, "status", "--porcelain") == ""


def test_a_name_two_people_share_needs_the_id(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    roster = repo / "people/roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("name: 加藤 彩", "name: 伊藤 翔太"), encoding="utf-8")
    git(repo, "commit", "-qam", "two people of the same name")
    rows = _export(repo, "inventory", tmp_path / "i.csv", "ja")
    assert cell(rows, "PI-CS-001", "アクセス権者") == "伊藤 翔太(ito)\n斎藤 真理\n伊藤 翔太(kato)"
    assert run("import", tmp_path / "i.csv", "--kind", "inventory", "-C", repo).exit_code == 0
    assert git(repo, "status", "--porcelain") == ""
    header = ["ID", "名称", "管理部門", "個人情報の項目", "利用目的", "責任者"]
    typed = write_csv(tmp_path / "t.csv", [header, ["PI-9", "名簿", "人事総務部", "氏名", "人事", "伊藤 翔太"]])
    result = run("import", typed, "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "row 2 (PI-9): column F '責任者': more than one person in the roster is called '伊藤 翔太' (ito, kato): "
        "write the id, or the name followed by (id)"
    )

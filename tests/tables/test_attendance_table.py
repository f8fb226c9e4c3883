"""The training attendance list (受講者一覧) as a table: one row per attendance of a training record, keyed by
the training id and the person id. Import writes the day attended, the score and ``passed`` into the
training's ``attendance`` list (a person not listed yet is added at its end), never the title, name or
department (read from the training record and the roster), with the ledgers' safety: conflicts against the
exported state, empty cells kept, merged cells read, comments and approvals lines kept. Real repositories, the
real command line, the YAML diffed before and after."""

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
from helpers.repos import ROOT, git

LEDGER = "training/training.yaml"
TRAINING = """kind: training
entries:
  - id: T-1
    title: 2026年度 個人情報保護教育
    type: regular
    date: 2026-06-17
    topics: [policy, importance, roles, consequences]
    quiz: {method: 確認テスト, pass_mark: 80}
    attendance:
      - person: yamamoto
        score: 100
        passed: true
      - person: nakamura  # 録画で受講
        date: 2026-06-24
        score: 70
        passed: false
    approvals:
      - by: yamamoto
        role: top_management
        date: 2026-06-30
        digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
  - id: T-2
    title: 入社時教育
    type: onboarding
    date: 2026-04-03
    topics: [policy, importance, roles, consequences]
    attendance:
      - person: saito
"""
HEADERS_JA = ["研修ID", "研修名", "受講日", "受講者ID", "氏名", "所属部門", "点数", "合格", "pmarklint:digest"]
HEADERS_EN = [
    "Training ID",
    "Training title",
    "Attended on",
    "Person ID",
    "Name",
    "Department",
    "Score",
    "Passed",
    "pmarklint:digest",
]


def run(*args: str | Path) -> Run:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = pms(tmp_path / "r")
    (root / LEDGER).parent.mkdir(exist_ok=True)
    (root / LEDGER).write_text(TRAINING, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "training")
    return root


def export_rows(repo: Path, out: Path, lang: str = "en") -> list[list[str]]:
    result = run("export", "attendance", "-o", out, "-C", repo, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))


def save(path: Path, rows: list[list[str]]) -> Path:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("utf-8-sig"))
    return path


def importing(repo: Path, table: Path, *args: str, lang: str = "en") -> Run:
    return run("import", table, "--kind", "attendance", "-C", repo, "--lang", lang, *args)


def changed_lines(before: str, after: str) -> list[str]:
    return [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[:2] in ("- ", "+ ")]


def row_of(rows: list[list[str]], training: str, person: str) -> list[str]:
    return next(r for r in rows if r[0] == training and r[3] == person)


def test_one_row_per_attendance_with_the_title_the_name_and_the_department(repo: Path, tmp_path: Path) -> None:
    rows = export_rows(repo, tmp_path / "a.csv", "ja")
    assert rows[0] == HEADERS_JA
    assert [r[:8] for r in rows[1:]] == [
        ["T-1", "2026年度 個人情報保護教育", "2026-06-17", "yamamoto", "山本 一郎", "hr", "100", "はい"],
        ["T-1", "2026年度 個人情報保護教育", "2026-06-24", "nakamura", "中村 花子", "cs", "70", "いいえ"],
        ["T-2", "入社時教育", "2026-04-03", "saito", "斎藤 美咲", "cs", "", ""],
    ]
    assert export_rows(repo, tmp_path / "a.csv", "en")[0] == HEADERS_EN


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_export_then_import_changes_no_byte(repo: Path, tmp_path: Path, fmt: str, lang: str) -> None:
    out = tmp_path / f"attendance.{fmt}"
    assert run("export", "attendance", "-o", out, "-C", repo, "--lang", lang).exit_code == 0
    result = importing(repo, out, lang=lang)
    assert result.exit_code == 0, result.stdout
    assert ("0 updated, 0 added, 3 unchanged" if lang == "en" else "更新0件、追加0件") in result.stdout
    assert git(repo, "status", "--porcelain") == ""


def test_the_example_round_trips_unchanged(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    before = (repo / LEDGER).read_bytes()
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"a.{fmt}"
        assert run("export", "attendance", "-o", out, "-C", repo).exit_code == 0
        result = importing(repo, out)
        assert result.exit_code == 0, result.stdout
    assert (repo / LEDGER).read_bytes() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_scores_and_a_new_attendee_go_into_the_training_keeping_comments_and_approvals(
    repo: Path, tmp_path: Path, fmt: str
) -> None:
    before = (repo / LEDGER).read_text(encoding="utf-8")
    out = tmp_path / f"a.{fmt}"
    assert run("export", "attendance", "-o", out, "-C", repo, "--lang", "ja").exit_code == 0
    new_row = ["T-1", "", "2026-06-17", "kobayashi", "", "", "85", "はい", ""]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
        row_of(rows, "T-1", "nakamura")[6:8] = ["85", "はい"]
        rows.append(new_row)
        save(out, rows)
    else:
        book = openpyxl.load_workbook(out)
        sheet = book.worksheets[0]
        sheet.cell(3, 7).value, sheet.cell(3, 8).value = 85, "はい"
        sheet.append([None if v == "" else v for v in new_row])
        book.save(out)
    result = importing(repo, out, lang="ja")
    assert result.exit_code == 0, result.stdout
    assert "更新1件、追加1件" in result.stdout
    assert "承認のあるエントリを変更しました: T-1。" in result.stdout  # its approval no longer matches: said
    after = (repo / LEDGER).read_text(encoding="utf-8")
    assert after == before.replace(
        "        score: 70\n        passed: false\n",
        "        score: 85\n        passed: true\n      - person: kobayashi\n        score: 85\n        passed: true\n",
    )
    assert "      - person: nakamura  # 録画で受講\n        date: 2026-06-24\n" in after
    assert "    approvals:\n      - by: yamamoto\n" in after


def test_the_day_attended_is_written_only_when_it_is_not_the_trainings(repo: Path, tmp_path: Path) -> None:
    rows = export_rows(repo, tmp_path / "a.csv")
    row_of(rows, "T-2", "saito")[2] = "2026-04-10"
    row_of(rows, "T-1", "nakamura")[2] = "2026-06-17"  # back to the training's day: its own date goes
    before = (repo / LEDGER).read_text(encoding="utf-8")
    assert importing(repo, save(tmp_path / "b.csv", rows)).exit_code == 0
    assert changed_lines(before, (repo / LEDGER).read_text(encoding="utf-8")) == [
        "-         date: 2026-06-24",
        "+         date: 2026-04-10",
    ]


def test_rows_that_cannot_be_taken_are_reported_and_the_rest_is_written(repo: Path, tmp_path: Path) -> None:
    rows = export_rows(repo, tmp_path / "a.csv")
    row_of(rows, "T-1", "yamamoto")[6] = "95"
    rows.append(["T-9", "", "", "saito", "", "", "90", "yes", ""])
    rows.append(["T-1", "", "", "tanaka", "", "", "90", "yes", ""])
    rows.append(["T-2", "", "", "", "", "", "90", "yes", ""])
    result = importing(repo, save(tmp_path / "b.csv", rows))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "row 5 (T-9/saito): there is no training record T-9 in the repository",
        "row 6 (T-1/tanaka): tanaka is not in the roster (people/)",
        "row 7: the training id or the person id is empty",
        "changed entries that carry approvals: T-1; the approvals no longer match and must be given again",
        "1 updated, 0 added, 2 unchanged, 3 not taken",
    ]
    assert "score: 95" in (repo / LEDGER).read_text(encoding="utf-8")


def test_an_older_export_reverts_nothing_and_an_empty_cell_keeps_its_value(repo: Path, tmp_path: Path) -> None:
    rows = export_rows(repo, tmp_path / "a.csv")
    path = repo / LEDGER
    path.write_text(path.read_text(encoding="utf-8").replace("score: 70", "score: 75"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    row_of(rows, "T-1", "nakamura")[6] = "60"
    row_of(rows, "T-1", "yamamoto")[6] = ""
    result = importing(repo, save(tmp_path / "old.csv", rows))
    assert result.exit_code == 1
    assert (
        "row 3 (T-1/nakamura): column G 'Score' was changed in the table and, since the export, in the ledger "
        "too (now 75); the row was not taken" in result.stdout
    )
    assert "row 2 (T-1/yamamoto): column G 'Score' is empty; the value 100 was kept (--clear-empty removes it)" in (
        result.stdout
    )
    assert path.read_text(encoding="utf-8") == before


def test_a_name_changed_in_the_table_is_not_written_but_said(repo: Path, tmp_path: Path) -> None:
    rows = export_rows(repo, tmp_path / "a.csv")
    row_of(rows, "T-2", "saito")[4] = "齋藤 美咲"
    result = importing(repo, save(tmp_path / "b.csv", rows))
    assert result.exit_code == 0
    assert (
        "row 4 (T-2/saito): column E 'Name' is read from the roster (\"斎藤 美咲\"): not written, change it there"
        in result.stdout
    )
    assert git(repo, "status", "--porcelain") == ""


def test_merged_training_cells_read_as_the_value_of_their_range(repo: Path, tmp_path: Path) -> None:
    """An office's list with the training id and title merged down its attendees."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS_JA[:8])
    sheet.append(["T-1", "2026年度 個人情報保護教育", "2026-06-17", "yamamoto", "山本 一郎", "hr", 100, "はい"])
    sheet.append([None, None, "2026-06-24", "nakamura", "中村 花子", "cs", 85, "はい"])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    book.save(tmp_path / "office.xlsx")
    result = importing(repo, tmp_path / "office.xlsx")
    assert result.exit_code == 0, result.stdout
    assert "1 updated, 0 added, 1 unchanged, 0 not taken" in result.stdout
    assert "        score: 85\n        passed: true\n" in (repo / LEDGER).read_text(encoding="utf-8")


def test_options_for_ledgers_are_refused_for_the_attendance_list(repo: Path, tmp_path: Path) -> None:
    export_rows(repo, tmp_path / "a.csv")
    result = importing(repo, tmp_path / "a.csv", "--map", "A=training")
    assert result.exit_code == 2
    assert "--into, --map and --header-row are not available for the attendance list" in result.stderr

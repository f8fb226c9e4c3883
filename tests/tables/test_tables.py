"""``pmarklint export`` and ``pmarklint import``: ledgers as tables (xlsx and CSV) and back.

The promises tested here: every value survives export then import (no file changes by a byte), an import
changes only the lines of the values that changed (comments, order, quoting and approvals stay), every row
that is not taken is reported with its row number, and a real spreadsheet engine reads the workbook."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import difflib
import io
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pmarklint.cli.main import _Group, cli
from pmarklint.cli.tables import export, import_
from pmarklint.documents.edit import canonical, update
from pmarklint.documents.edit_emit import scalar
from pmarklint.documents.loader import parse
from pmarklint.tables.cells import ABSENT, decode, encode, text_of
from pmarklint.tables.columns import Column, columns, date_fields, field_order, sheet_name

from helpers.cli import Run
from helpers.office import first_sheet_rows
from helpers.pms import pms
from helpers.repos import ROOT, git, make_repo

EXAMPLE = ROOT / "examples" / "shop"
LEDGERS = ("inventory/customer-service.yaml", "inventory/hr.yaml", "inventory/sales.yaml")


def run(*args: str | Path) -> Run:
    """The real command line; the commands are added to a group of our own until cli.py has them."""
    group = cli if "import" in cli.commands else _Group(commands={"export": export, "import": import_})
    result = CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def shop(tmp_path: Path) -> Path:
    repo = tmp_path / "shop"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "example")
    return repo


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def diff(before: str, after: str) -> list[str]:
    """The lines removed and the lines added, each in sorted order (a diff may pair equal lines either way)."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    changed = [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return sorted(line for line in changed if line[0] == "-") + sorted(line for line in changed if line[0] == "+")


def changes(*lines: str) -> list[str]:
    return sorted(line for line in lines if line[0] == "-") + sorted(line for line in lines if line[0] == "+")


def cell(rows: list[list[str]], entry: str, header: str) -> str:
    row = next(r for r in rows if r[0] == entry)
    return row[rows[0].index(header)]


def set_cell(rows: list[list[str]], entry: str, header: str, value: str) -> None:
    row = next(r for r in rows if r[0] == entry)
    row[rows[0].index(header)] = value


# ----------------------------------------------------------------------------------------------- columns


@pytest.mark.parametrize("kind", ["inventory", "contractor", "person"])
def test_one_column_per_field_with_unique_headers_in_both_languages(kind: str) -> None:
    found = columns(kind)
    assert found[0].path == ("id",)
    assert all(c.path[0] != "approvals" for c in found)
    for lang in ("ja", "en"):
        headers = [c.header(lang) for c in found]
        assert len(set(headers)) == len(headers), headers
        assert not any("." in h or "_" in h for h in headers), headers  # every header is words, not a key
    names = {c.path[0] for c in found}
    assert names == set(_entry_fields(kind)) - {"approvals"}


def _entry_fields(kind: str) -> list[str]:
    from pmarklint.documents.schema import load_schema

    return list(load_schema(kind)["$defs"]["entry"]["properties"])


def test_headers_read_as_a_privacy_office_writes_them() -> None:
    inventory = {c.name: c.header("ja") for c in columns("inventory")}
    assert inventory["data_items"] == "個人情報の項目"
    assert inventory["purpose"] == "利用目的"
    assert inventory["retention.period"] == "保管期限"
    assert inventory["my_number"] == "特定個人情報(マイナンバー)"
    contractor = {c.name: (c.header("ja"), c.header("en")) for c in columns("contractor")}
    assert contractor["contract.clauses.audit_rights"] == ("契約条項: 遵守状況の確認", "Clause: Audit rights")
    assert contractor["evaluation.result"] == ("評価結果", "Evaluation result")


# ----------------------------------------------------------------------------------------------- cells

COLUMNS = {c.name: c for kind in ("inventory", "contractor") for c in columns(kind)}

ROUND_TRIPS: list[tuple[str, Any]] = [
    ("name", "顧客・注文情報"),
    ("name", "  padded  "),
    ("name", "json:looks like ours"),
    ("name", "=SUM(A1:A3)"),
    ("name", "'=quoted"),
    ("name", "two\nlines"),
    ("name", 42),
    ("name", None),
    ("name", ""),
    ("data_items", ["氏名", "住所", "電話番号"]),
    ("data_items", ["会社名、部署名"]),
    ("data_items", ["a\nb", "c"]),
    ("data_items", []),
    ("data_items", "not a list"),
    ("entrusted_to", ["C-001", "C-002"]),
    ("record_count", 18500),
    ("record_count", "18500"),
    ("record_count", True),
    ("sensitive", True),
    ("sensitive", False),
    ("sensitive", "no"),
    ("last_reviewed", "2026-04-15"),
    ("last_reviewed", "2026/04/15"),
    ("last_reviewed", "2026-02-30"),
    ("retention.period", "P7Y"),
    ("retention.period", "5年"),
    ("risks", [{"phase": "保管", "threat": "紛失", "measure": "施錠", "residual": "low"}, {"threat": "誤送信"}]),
    ("risks", [{"threat": "紛失 / 対策: 書き方が紛らわしい"}]),
    ("risks", [{"threat": "x", "typo": "y"}]),
    ("risks", [{}]),
    (
        "overseas",
        [{"country": "US", "recipient": "Kitebird Mail, Inc.", "basis": "consent", "last_checked": "2026-05-20"}],
    ),
    ("certifications", [{"type": "pmark", "number": "10000017(06)", "expires": "2027-12-31"}]),
    ("country", "NO"),
    ("status", "retired"),
    ("status", "Retired"),
    ("contract.clauses.reporting", False),
]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("name", "value"), ROUND_TRIPS)
def test_every_value_reads_back_from_its_cell(name: str, value: Any, lang: str) -> None:
    column = COLUMNS[name]
    made = encode(column, value, lang)
    for seen in (made, text_of(made)):  # as a workbook holds it, and as CSV text
        back = decode(column, seen, lang)
        assert canonical(back) == canonical(value), (made, back)


def test_readable_forms() -> None:
    assert encode(COLUMNS["sensitive"], True, "ja") == "はい"
    assert encode(COLUMNS["sensitive"], False, "en") == "no"
    assert encode(COLUMNS["data_items"], ["氏名", "住所"], "ja") == "氏名\n住所"
    assert encode(COLUMNS["last_reviewed"], "2026-04-15", "ja") == dt.date(2026, 4, 15)
    assert encode(COLUMNS["record_count"], 18500, "ja") == 18500
    risk = [{"phase": "保管", "threat": "紛失", "residual": "low"}]
    assert encode(COLUMNS["risks"], risk, "ja") == "段階: 保管 / 脅威: 紛失 / 残留リスク: 低"
    assert encode(COLUMNS["risks"], risk, "en") == "Phase: 保管 / Threat: 紛失 / Residual risk: low"
    # Fixed values and durations in words, in the reader's language.
    assert encode(COLUMNS["retention.period"], "P7Y", "ja") == "7年"
    assert encode(COLUMNS["retention.period"], "P1Y6M", "en") == "1 year 6 months"
    assert encode(COLUMNS["status"], "retired", "ja") == "廃止"
    assert encode(COLUMNS["status"], "active", "en") == "in use"
    # A form that does not read back as the same value is written as it is (P1Y0M is not P1Y).
    assert encode(COLUMNS["retention.period"], "P1Y0M", "ja") == "P1Y0M"
    # What the readable form cannot carry is written as JSON, visibly.
    assert encode(COLUMNS["sensitive"], "no", "ja") == 'json:"no"'
    assert encode(COLUMNS["entrusted_to"], [], "ja") == "json:[]"


@pytest.mark.parametrize(
    ("name", "cell", "value"),
    [
        ("sensitive", "○", True),
        ("sensitive", "×", False),
        ("sensitive", "TRUE", True),
        ("sensitive", "いいえ", False),
        ("sensitive", "Yes", True),
        ("sensitive", True, True),
        ("sensitive", "maybe", "maybe"),  # left as text: the schema says what is wrong with it
        ("last_reviewed", "2026/4/1", "2026-04-01"),
        ("last_reviewed", "2026年4月1日", "2026-04-01"),
        ("last_reviewed", dt.datetime(2026, 4, 1), "2026-04-01"),
        ("last_reviewed", "2026-04-01 00:00:00", "2026-04-01"),
        ("retention.period", "7年", "P7Y"),
        ("retention.period", "6か月", "P6M"),
        ("retention.period", "1年6ヶ月", "P1Y6M"),
        ("retention.period", "p1y", "P1Y"),
        ("retention.period", "7 years", "P7Y"),
        ("retention.period", "1 Year 6 Months", "P1Y6M"),
        ("status", "廃止", "retired"),
        ("status", "in use", "active"),
        ("status", "有効", "active"),
        ("record_count", "18,500", 18500),
        ("record_count", "１８５００件", 18500),
        ("record_count", 18500.0, 18500),
        ("data_items", "氏名、住所、電話番号", ["氏名", "住所", "電話番号"]),
        ("data_items", "氏名\n住所、勤務先\n", ["氏名", "住所、勤務先"]),
        ("entrusted_to", "C-001, C-002、C-003", ["C-001", "C-002", "C-003"]),
        ("risks", "脅威：紛失 / residual: low", [{"threat": "紛失", "residual": "low"}]),
        ("risks", "脅威: 紛失 / 残留リスク: 中", [{"threat": "紛失", "residual": "medium"}]),
        ("overseas", "国: US / 根拠: 十分性認定", [{"country": "US", "basis": "adequacy"}]),
        ("overseas", "Country: US / Last checked: 2026/5/20", [{"country": "US", "last_checked": "2026-05-20"}]),
        ("name", "  顧客情報 ", "顧客情報"),
        ("name", "", ABSENT),
        ("name", None, ABSENT),
        ("id", "ＰＩ－ＣＳ－００１", "PI-CS-001"),
    ],
)
def test_cells_as_offices_write_them(name: str, cell: Any, value: Any) -> None:
    assert decode(COLUMNS[name], cell, "ja") == value


def test_messages_are_in_the_catalogs() -> None:
    """The table messages live in the language catalogs (whose parity tests/rules/test_registry.py checks)."""
    from pmarklint.i18n import en

    assert {key for key in en.MESSAGES if key.startswith("table.")} >= {"table.row", "table.summary", "table.exported"}


# ----------------------------------------------------------------------------------------------- export


def test_export_csv_is_the_ledger_as_a_table(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    out = tmp_path / "inventory.csv"
    result = run("export", "inventory", "--format", "csv", "-o", out, "-C", repo, "--lang", "ja")
    assert result.exit_code == 0, result.stderr
    assert "9件" in result.stderr
    rows = read_csv(out)
    assert rows[0][:4] == ["ID", "名称", "管理部門", "個人情報の項目"]
    assert [r[0] for r in rows[1:]] == [
        "PI-CS-001",
        "PI-CS-002",
        "PI-CS-003",
        "PI-CS-004",
        "PI-CS-005",
        "PI-HR-001",
        "PI-HR-002",
        "PI-HR-003",
        "PI-SL-001",
    ]
    assert cell(rows, "PI-CS-001", "個人情報の項目") == "氏名\n住所\n電話番号\nメールアドレス\n注文履歴\n配送先"
    assert cell(rows, "PI-CS-001", "件数") == "18500"
    assert cell(rows, "PI-CS-001", "要配慮個人情報") == "いいえ"
    assert cell(rows, "PI-CS-001", "最終見直し日") == "2026-04-15"
    assert cell(rows, "PI-CS-002", "外国にある第三者への提供") == (
        "国: US / 提供先: Kitebird Mail, Inc. / 根拠: 本人の同意 / 確認日: 2026-05-20"
    )
    # The example's deliberate mistakes are exported as the loader reads them, not corrected.
    assert cell(rows, "PI-CS-003", "保管期限") == 'json:"5年"'
    assert cell(rows, "PI-CS-004", "要配慮個人情報") == 'json:"no"'
    assert cell(rows, "PI-HR-002", "廃棄方法") == "紙はシュレッダーで裁断、電子データは人事システムから削除"
    assert not any("承認" in h or "approvals" in h for h in rows[0])


def test_export_english_headers(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    out = tmp_path / "c.csv"
    assert run("export", "contractors", "-o", out, "-C", repo, "--lang", "en").exit_code == 0
    rows = read_csv(out)
    assert rows[0][:3] == ["ID", "Contractor name", "Entrusted service"]
    assert cell(rows, "C-002", "Clause: Audit rights") == "no"
    assert cell(rows, "C-002", "Certifications") == (
        "Type: ISMS / Number: IS 000482 / Expires: 2028-01-31\nType: other / Number: PCI DSS v4.0 AOC 2026 / Expires: 2027-06-30"
    )


def test_export_xlsx_holds_real_dates_numbers_and_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    repo = shop(tmp_path)
    out = tmp_path / "inventory.xlsx"
    assert run("export", "inventory", "-o", out, "-C", repo, "--lang", "ja").exit_code == 0
    book = load_workbook(out)
    ws = book.active
    assert ws is not None and ws.title == sheet_name("inventory", "ja") == "個人情報管理台帳"
    headers = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(headers, ws[2], strict=False)}
    assert row["ID"].value == "PI-CS-001"
    assert row["最終見直し日"].is_date and row["最終見直し日"].number_format == "yyyy-mm-dd"
    assert row["最終見直し日"].value == dt.datetime(2026, 4, 15)
    assert row["件数"].value == 18500 and row["件数"].data_type == "n"
    assert row["個人情報の項目"].alignment.wrap_text
    assert ws.freeze_panes == "B2"


def test_export_never_makes_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ledger = "kind: inventory\nentries:\n" + _entry("PI-1", purpose='"=HYPERLINK(\\"http://x\\")"')
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger})
    out = tmp_path / "a.xlsx"
    assert run("export", "inventory", "-o", out, "-C", repo).exit_code == 0
    ws = load_workbook(out).active
    assert ws is not None
    purpose = next(c for c in ws[2] if isinstance(c.value, str) and c.value.startswith("="))
    assert purpose.data_type == "s"
    text = tmp_path / "a.csv"
    assert run("export", "inventory", "-o", text, "-C", repo).exit_code == 0
    assert "'=HYPERLINK" in text.read_text(encoding="utf-8-sig")  # a spreadsheet shows it as text


def test_export_warns_about_a_ledger_it_cannot_read(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1"), "inventory/b.yaml": "kind: [\n"})
    result = run("export", "inventory", "-o", tmp_path / "x.csv", "-C", repo, "--lang", "en")
    assert result.exit_code == 1
    assert "inventory/b.yaml cannot be read" in result.stderr
    assert len(read_csv(tmp_path / "x.csv")) == 2


# ------------------------------------------------------------------------------------ export then import


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", ["inventory", "contractors", "people"])
def test_export_then_import_changes_no_byte_of_the_example(tmp_path: Path, kind: str, fmt: str, lang: str) -> None:
    """examples/shop as it is, deliberate mistakes included (an invalid period, `sensitive: no`, a duplicate
    key): the table carries what the loader reads, and taking it back changes nothing."""
    repo = shop(tmp_path)
    out = tmp_path / f"ledger.{fmt}"
    assert run("export", kind, "-o", out, "-C", repo, "--lang", lang).exit_code == 0
    result = run("import", out, "--kind", kind, "-C", repo, "--lang", lang)
    assert result.exit_code == 0, result.stdout
    assert ("0 updated, 0 added" if lang == "en" else "更新0件、追加0件") in result.stdout
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_of_a_clean_repository_is_lossless(tmp_path: Path, fmt: str) -> None:
    repo = pms(tmp_path / "r")
    for kind in ("inventory", "contractors", "people"):
        out = tmp_path / f"{kind}.{fmt}"
        assert run("export", kind, "-o", out, "-C", repo).exit_code == 0
        assert run("import", out, "--kind", kind, "-C", repo).exit_code == 0
    assert git(repo, "status", "--porcelain") == ""


def test_custom_fields_and_odd_values_survive_the_round_trip(tmp_path: Path) -> None:
    ledger = (
        _ledger("PI-1")
        + "    x-system: 受注管理\n    x-count: 3\n    acquisition: {}\n    access: []\n    notes: ' 空白 '\n"
    )
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger})
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"a.{fmt}"
        assert run("export", "inventory", "-o", out, "-C", repo).exit_code == 0
        result = run("import", out, "--kind", "inventory", "-C", repo)
        assert result.exit_code == 0, result.stdout
        assert git(repo, "status", "--porcelain") == ""
    rows = read_csv(tmp_path / "a.csv")
    assert rows[0][-7:] == [
        "x-system",
        "x-count",
        "acquisition",
        "Department (id)",
        "Access holders (id)",
        "Owner (id)",
        "pmarklint:digest",
    ]
    assert rows[1][-7:-4] == ["受注管理", "json:3", "json:{}"]
    assert cell(rows, "PI-1", "Access holders") == "json:[]"
    assert cell(rows, "PI-1", "Notes") == 'json:" 空白 "'


def test_rows_can_be_imported_in_any_order_and_without_some_columns(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    out = tmp_path / "c.csv"
    run("export", "contractors", "-o", out, "-C", repo, "--lang", "ja")
    rows = read_csv(out)
    keep = [rows[0].index(h) for h in ("評価日", "ID", "委託先名")]
    table = [[row[i] for i in keep] for row in [rows[0], *reversed(rows[1:])]]
    result = run("import", write_csv(tmp_path / "part.csv", table), "--kind", "contractors", "-C", repo)
    assert result.exit_code == 0
    assert git(repo, "status", "--porcelain") == ""


# --------------------------------------------------------------------------------------- import in place

CS = "inventory/customer-service.yaml"


def test_import_changes_only_the_lines_of_changed_values(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    before = {rel: (repo / rel).read_text(encoding="utf-8") for rel in LEDGERS}
    out = tmp_path / "i.csv"
    run("export", "inventory", "-o", out, "-C", repo, "--lang", "ja")
    rows = read_csv(out)
    set_cell(rows, "PI-CS-001", "件数", "19,000")
    set_cell(rows, "PI-CS-001", "個人情報の項目", cell(rows, "PI-CS-001", "個人情報の項目") + "\n生年月日")
    set_cell(rows, "PI-CS-001", "本人の同意", "")
    set_cell(rows, "PI-CS-001", "備考", "年次見直しで生年月日を追加")
    set_cell(
        rows,
        "PI-CS-002",
        "外国にある第三者への提供",
        cell(rows, "PI-CS-002", "外国にある第三者への提供").replace("2026-05-20", "2026/11/20"),
    )
    set_cell(
        rows,
        "PI-CS-002",
        "リスク",
        cell(rows, "PI-CS-002", "リスク") + "\n段階: 廃棄 / 脅威: 削除漏れ / 残留リスク: low",
    )
    set_cell(rows, "PI-HR-001", "第三者提供先", "税務署、市区町村、年金事務所")
    set_cell(rows, "PI-HR-001", "保管期限", "10年")
    set_cell(rows, "PI-SL-001", "責任者", "")
    set_cell(rows, "PI-SL-001", "第三者提供の根拠", "本人の同意")
    edited = write_csv(tmp_path / "edited.csv", rows)
    result = run("import", edited, "--kind", "inventory", "-C", repo, "--lang", "en", "--clear-empty")
    assert result.exit_code == 0, result.stdout
    assert "4 updated, 0 added, 5 unchanged, 0 not taken" in result.stdout
    assert (
        "row 2 (PI-CS-001): column K '本人の同意' is empty; the value true was removed (--clear-empty)" in result.stdout
    )
    after = {rel: (repo / rel).read_text(encoding="utf-8") for rel in LEDGERS}
    assert diff(before[CS], after[CS]) == changes(
        "-    data_items: [氏名, 住所, 電話番号, メールアドレス, 注文履歴, 配送先]",
        "+    data_items: [氏名, 住所, 電話番号, メールアドレス, 注文履歴, 配送先, 生年月日]",
        "-    record_count: 18500",
        "+    record_count: 19000",
        "-      consent: true",
        "+    notes: 年次見直しで生年月日を追加",
        "-        last_checked: 2026-05-20",
        "+        last_checked: 2026-11-20",
        "+    risks:",
        "+      - phase: 廃棄",
        "+        threat: 削除漏れ",
        "+        residual: low",
    )
    assert diff(before["inventory/hr.yaml"], after["inventory/hr.yaml"]) == changes(
        "-      period: P7Y",
        "+      period: P10Y",
        "-      recipients: [税務署, 市区町村, 年金事務所, 健康保険組合]",
        "+      recipients: [税務署, 市区町村, 年金事務所]",
    )
    assert diff(before["inventory/sales.yaml"], after["inventory/sales.yaml"]) == changes(
        "-    owner: kobayashi",
        "+      basis: 本人の同意",
    )


def test_comments_quoting_blank_lines_and_approvals_stay(tmp_path: Path) -> None:
    digest = "sha256:" + "9f" * 32
    ledger = f"""# 個人情報管理台帳 (テスト)
kind: inventory
entries:
  # 顧客情報: 2026年4月の棚卸しで見直し
  - id: PI-1   # 最初のエントリ
    name: '顧客情報'
    department: cs
    data_items: [氏名, 住所]   # 項目は最小限に
    purpose: "商品の発送"
    retention: {{period: P5Y, basis: 社内規程}}   # 規程 3.2 条
    approvals:
      - {{by: nakamura, role: privacy_manager, date: 2026-04-02, digest: "{digest}"}}

  - id: PI-2
    name: 問合せ記録
    department: cs
    data_items:
      - 氏名
      # 問合せ内容は自由記述
      - 問合せ内容
    purpose: 問合せへの対応
    approvals:
    - by: nakamura
      role: privacy_manager
      date: 2026-04-02
      digest: "{digest}"
# end of file
"""
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": ledger})
    out = tmp_path / "a.csv"
    run("export", "inventory", "-o", out, "-C", repo, "--lang", "ja")
    rows = read_csv(out)
    set_cell(rows, "PI-1", "保管期限", "P7Y")
    set_cell(rows, "PI-1", "名称", "顧客情報 (会員)")
    set_cell(rows, "PI-2", "利用目的", "問合せへの対応と記録")
    set_cell(rows, "PI-2", "個人情報の項目", cell(rows, "PI-2", "個人情報の項目") + "\n電話番号")
    result = run("import", write_csv(tmp_path / "b.csv", rows), "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert "the approvals no longer match" in result.stdout and "PI-1, PI-2" in result.stdout
    after = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
    assert diff(ledger, after) == changes(
        "-    name: '顧客情報'",
        "+    name: 顧客情報 (会員)",
        "-    retention: {period: P5Y, basis: 社内規程}   # 規程 3.2 条",
        "+    retention: {period: P7Y, basis: 社内規程}   # 規程 3.2 条",
        "+      - 電話番号",
        "-    purpose: 問合せへの対応",
        "+    purpose: 問合せへの対応と記録",
    )


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    text = _ledger("PI-1", "PI-2").replace("\n", "\r\n")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": b"\xef\xbb\xbf" + text.encode("utf-8")})
    out = tmp_path / "a.csv"
    run("export", "inventory", "-o", out, "-C", repo)
    rows = read_csv(out)
    set_cell(rows, "PI-2", "Purpose of use", "問合せへの対応")
    set_cell(rows, "PI-2", "Notes", "メモ")
    assert run("import", write_csv(tmp_path / "b.csv", rows), "--kind", "inventory", "-C", repo).exit_code == 0
    raw = (repo / "inventory/a.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n") == text.count("\r\n") + 1
    assert b"    purpose: \xe5\x95\x8f" in raw and b"    notes: \xe3\x83\xa1\xe3\x83\xa2\r\n" in raw


# ------------------------------------------------------------------------------------------- new entries


def test_new_ids_are_added_in_the_style_of_the_file(tmp_path: Path) -> None:
    repo = shop(tmp_path)
    out = tmp_path / "i.csv"
    run("export", "inventory", "-o", out, "-C", repo, "--lang", "ja")
    rows = read_csv(out)
    new = dict.fromkeys(rows[0], "")
    new.update(
        {
            "ID": "PI-SL-002",
            "名称": "展示会来場者リスト",
            "管理部門": "sales",
            "個人情報の項目": "氏名、会社名、メールアドレス",
            "利用目的": "製品案内の送付",
            "要配慮個人情報": "×",
            "保管期限": "3年",
            "最終見直し日": "2026/11/01",
            "リスク": "段階: 保管 / 脅威: 名刺の紛失",
        }
    )
    rows.append(list(new.values()))
    before = (repo / "inventory/sales.yaml").read_text(encoding="utf-8")
    result = run("import", write_csv(tmp_path / "b.csv", rows), "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert "0 updated, 1 added, 9 unchanged" in result.stdout
    after = (repo / "inventory/sales.yaml").read_text(encoding="utf-8")  # the file of the same department
    assert after.startswith(before)
    assert after[len(before) :] == (  # one entry before: no blank line between entries to learn from
        "  - id: PI-SL-002\n"
        "    name: 展示会来場者リスト\n"
        "    department: sales\n"
        "    data_items: [氏名, 会社名, メールアドレス]\n"
        "    purpose: 製品案内の送付\n"
        "    sensitive: false\n"
        "    retention:\n"
        "      period: P3Y\n"
        "    risks:\n"
        "      - phase: 保管\n"
        "        threat: 名刺の紛失\n"
        "    last_reviewed: 2026-11-01\n"
    )


def test_new_ids_go_into_a_new_file_with_into(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1")})
    table = write_csv(
        tmp_path / "t.csv",
        [["ID", "名称", "管理部門", "個人情報の項目", "利用目的"], ["PI-9", "yes", "cs", "0312", "2026-04-01"]],
    )
    result = run("import", table, "--kind", "inventory", "--into", repo / "inventory/new.yaml", "-C", repo)
    assert result.exit_code == 0, result.stdout
    assert "created inventory/new.yaml" in result.stdout
    text = (repo / "inventory/new.yaml").read_text(encoding="utf-8")
    assert text == (
        "kind: inventory\n"
        "entries:\n"
        "  - id: PI-9\n"
        '    name: "yes"\n'
        "    department: cs\n"
        '    data_items: ["0312"]\n'
        '    purpose: "2026-04-01"\n'
    )
    (entry,) = parse(text, "x").document.data["entries"]  # type: ignore[union-attr]
    assert entry == {"id": "PI-9", "name": "yes", "department": "cs", "data_items": ["0312"], "purpose": "2026-04-01"}


def test_into_an_empty_template_ledger(tmp_path: Path) -> None:
    template = (ROOT / "pmarklint/workspace/templates/ja/inventory.yaml").read_text(encoding="utf-8")
    repo = make_repo(tmp_path / "r", {"inventory/inventory.yaml": template})
    table = write_csv(
        tmp_path / "t.csv",
        [["ID", "名称", "管理部門", "個人情報の項目", "利用目的"], ["PI-1", "顧客", "cs", "氏名", "発送"]],
    )
    assert run("import", table, "--kind", "inventory", "-C", repo).exit_code == 0
    text = (repo / "inventory/inventory.yaml").read_text(encoding="utf-8")
    assert "entries:\n  - id: PI-1\n    name: 顧客\n" in text
    assert text.endswith(template.split("entries: []\n", 1)[1])  # the commented example is still there
    assert run_check(repo) == []


# ----------------------------------------------------------------------------------------- not taken


def test_every_row_not_taken_is_reported_with_its_number_and_the_rest_is_written(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1", "PI-2"), "contractors/c.yaml": _contractor("C-1")}
    )
    header = ["ID", "名称", "管理部門", "個人情報の項目", "利用目的", "件数", "保管期限", "リスク"]
    rows = [
        header,
        ["PI-1", "顧客情報 (新)", "cs", "氏名", "発送", "", "", ""],  # row 2: taken
        ["", "名無し", "cs", "氏名", "発送", "", "", ""],  # row 3: no id
        ["PI-3", "a", "cs", "氏名", "発送", "たくさん", "", ""],  # row 4: not a number
        ["PI-4", "b", "cs", "氏名", "発送", "", "ずっと", ""],  # row 5: not a duration
        ["PI-5", "c", "cs", "氏名", "発送", "", "", "重大度: 高"],  # row 6: unknown label
        ["", "", "", "", "", "", "", ""],  # a blank row is nothing
        ["PI-6", "d", "cs", "", "発送", "", "", ""],  # row 8: required field empty
        ["PI-7", "e", "cs", "氏名", "発送", "", "", ""],  # rows 9 and 10: the same id twice
        ["PI-7", "f", "cs", "氏名", "発送", "", "", ""],
        ["C-1", "g", "cs", "氏名", "発送", "", "", ""],  # row 11: a contractor's id
        ["PI-8", "h", "cs", "氏名", "発送", "", "P1Y", ""],  # row 12: taken
    ]
    result = run("import", write_csv(tmp_path / "t.csv", rows), "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "row 3: no id",
        "row 4 (PI-3): 'Record count' must be a whole number, got \"たくさん\"",
        "row 5 (PI-4): 'Retention period' must be an ISO 8601 duration such as P5Y (5 years), P6M (6 months) or "
        'P30D (30 days), got "ずっと"',
        "row 6 (PI-5): column H 'リスク': line 1 '重大度: 高' does not start with one of Phase, Threat, Measure, Residual risk",
        "row 8 (PI-6): missing required field 'Data items'",
        "row 9 (PI-7): the id PI-7 is also on row 10; neither row was taken",
        "row 10 (PI-7): the id PI-7 is also on row 9; neither row was taken",
        "row 11 (C-1): the id C-1 is a contractor entry in contractors/c.yaml",
        "fields changed (entries): 個人情報の項目 1, 利用目的 1, 名称 1",
    ]
    assert lines[-1] == "1 updated, 1 added, 0 unchanged, 8 not taken"
    data = parse((repo / "inventory/a.yaml").read_text(encoding="utf-8"), "a").document.data  # type: ignore[union-attr]
    assert [e["id"] for e in data["entries"]] == ["PI-1", "PI-2", "PI-8"]
    assert data["entries"][0]["name"] == "顧客情報 (新)"


def test_unknown_columns_stop_the_import_until_mapped(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1")})
    office = [
        ["管理番号", "台帳名", "部署", "取得する項目", "目的", "作成者"],
        ["PI-2", "採用応募者", "cs", "氏名\n学歴", "採用選考", "山田"],
    ]
    table = write_csv(tmp_path / "office.csv", office)
    result = run("import", table, "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 2
    assert "A '管理番号', B '台帳名', C '部署', D '取得する項目', E '目的', F '作成者'" in result.stderr
    maps = [
        "--map",
        "管理番号=id",
        "--map",
        "台帳名=name",
        "--map",
        "部署=管理部門",
        "--map",
        "取得する項目=data_items",
    ]
    maps += ["--map", "目的=Purpose of use", "--map", "作成者="]
    result = run("import", table, "--kind", "inventory", "-C", repo, *maps)
    assert result.exit_code == 0, result.stdout + result.stderr
    data = parse((repo / "inventory/a.yaml").read_text(encoding="utf-8"), "a").document.data  # type: ignore[union-attr]
    assert data["entries"][1] == {
        "id": "PI-2",
        "name": "採用応募者",
        "department": "cs",
        "data_items": ["氏名", "学歴"],
        "purpose": "採用選考",
    }


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--map", "ID=approvals"], "approvals cannot be imported"),
        (["--map", "ID"], "write it as 'HEADER=FIELD'"),
        (["--map", "ID=nonsense"], "nonsense is not a field of inventory"),
        (["--into", "elsewhere/x.yaml"], "must be inside the repository's PMS folders"),
        (["--sheet", "Nope"], ""),
        (["--header-row", "5"], "the table has no row 5"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], needle: str) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1")})
    table = write_csv(tmp_path / "t.csv", [["ID", "名称"], ["PI-1", "x"]])
    if "--into" in args:
        args = ["--into", str(repo / args[1])]
    result = run("import", table, "--kind", "inventory", "-C", repo, "--lang", "en", *args)
    assert result.exit_code == (0 if args[0] == "--sheet" else 2)  # --sheet means nothing to a CSV file
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_files_exit_2_with_a_message(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1")})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    sjis = write_csv(tmp_path / "sjis.csv", [["ID", "名称"], ["PI-1", "顧客情報"]], encoding="cp932")
    for path, needle in ((broken, "cannot read"), (old, "old .xls workbook"), (sjis, "--encoding cp932")):
        result = run("import", path, "--kind", "inventory", "-C", repo, "--lang", "en")
        assert result.exit_code == 2, path
        assert needle in result.stderr and "Traceback" not in result.stderr


def test_shift_jis_csv_with_encoding(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1")})
    sjis = write_csv(
        tmp_path / "sjis.csv", [["ID", "名称", "備考"], ["PI-1", "顧客情報", "①㈱サンプル"]], encoding="cp932"
    )
    for encoding in ("cp932", "shift_jis"):
        result = run("import", sjis, "--kind", "inventory", "-C", repo, "--encoding", encoding, "--lang", "en")
        assert result.exit_code == 0, result.stdout + result.stderr
    assert "    notes: ①㈱サンプル\n" in (repo / "inventory/a.yaml").read_text(encoding="utf-8")


def test_an_unreadable_ledger_stops_the_import(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1"), "contractors/b.yaml": "kind: [\n"})
    table = write_csv(tmp_path / "t.csv", [["ID", "名称"], ["PI-1", "x"]])
    result = run("import", table, "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 2
    assert "contractors/b.yaml cannot be read" in result.stderr


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1")})
    table = write_csv(tmp_path / "t.csv", [["ID", "名称"], ["PI-1", "新しい名前"], ["PI-2", "x"]])
    result = run("import", table, "--kind", "inventory", "-C", repo, "--dry-run", "--lang", "en")
    assert result.exit_code == 1
    assert "1 updated, 0 added, 0 unchanged, 1 not taken (--dry-run: no file was changed)" in result.stdout
    assert git(repo, "status", "--porcelain") == ""


def test_a_sheet_of_an_office_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": _ledger("PI-1")})
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "表紙"
    cover["A1"] = "個人情報管理台帳 2026年度"
    ledger = book.create_sheet("台帳")
    ledger.append(["2026年度 個人情報管理台帳"])
    ledger.append(["ID", "名称", "管理部門", "個人情報の項目", "利用目的", "要配慮個人情報", "最終見直し日", "件数"])
    ledger.append(["PI-2", "従業者名簿", "cs", "氏名、住所", "人事管理", "×", dt.datetime(2026, 4, 1), 52])
    path = tmp_path / "office.xlsx"
    book.save(path)
    result = run(
        "import", path, "--kind", "inventory", "--sheet", "台帳", "--header-row", "2", "-C", repo, "--lang", "en"
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    data = parse((repo / "inventory/a.yaml").read_text(encoding="utf-8"), "a").document.data  # type: ignore[union-attr]
    assert data["entries"][1] == {
        "id": "PI-2",
        "name": "従業者名簿",
        "department": "cs",
        "data_items": ["氏名", "住所"],
        "purpose": "人事管理",
        "record_count": 52,
        "sensitive": False,
        "last_reviewed": "2026-04-01",
    }


# ------------------------------------------------------------------------------ a real spreadsheet engine


def test_libreoffice_reads_the_workbook_as_exported(tmp_path: Path) -> None:
    """The xlsx opens in LibreOffice (headless, converted to CSV): the same cells as the CSV export, dates
    shown as dates, and that CSV imported back changes nothing."""
    repo = shop(tmp_path)
    xlsx, ours = tmp_path / "out" / "inventory.xlsx", tmp_path / "inventory.csv"
    xlsx.parent.mkdir()
    assert run("export", "inventory", "-o", xlsx, "-C", repo, "--lang", "ja").exit_code == 0
    assert run("export", "inventory", "-o", ours, "-C", repo, "--lang", "ja").exit_code == 0
    theirs = first_sheet_rows(xlsx, tmp_path)
    mine = read_csv(ours)
    assert theirs[0] == mine[0]
    assert len(theirs) == len(mine) == 10
    for their_row, my_row in zip(theirs[1:], mine[1:], strict=True):
        assert their_row == [c.removeprefix("'") if c.startswith("'=") else c for c in my_row]
    assert cell(theirs, "PI-CS-001", "最終見直し日") == "2026-04-15"
    result = run("import", tmp_path / "converted" / "inventory.csv", "--kind", "inventory", "-C", repo)
    assert result.exit_code == 0, result.stdout
    assert git(repo, "status", "--porcelain") == ""


# ------------------------------------------------------------------------------------------ the YAML editor


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "yes",
        "No",
        "on",
        "null",
        "~",
        "true",
        "12",
        "0312",
        "1.5",
        "1e3",
        "12:30",
        "2026-04-01",
        "- item",
        "a: b",
        "a #b",
        "#x",
        "[旧]氏名",
        "{x}",
        "'q'",
        '"q"',
        "x:",
        "@me",
        "`x`",
        "%p",
        "!tag",
        "&a",
        "*b",
        "|",
        ">",
        " lead",
        "trail ",
        "tab\there",
        "two\nlines",
        "\u2028",
        "\x85",
        "\x7f",
        "\ufeff",
        "😀",
        "ｶﾅ",
        "",
        "?",
        "-",
        ":",
    ],
)
@pytest.mark.parametrize("flow", [False, True])
def test_emitted_scalars_read_back(value: str, flow: bool) -> None:
    written = scalar(value, flow=flow)
    text = f"k: [{written}]\n" if flow else f"k: {written}\n"
    document = parse(text, "x").document
    assert document is not None
    assert document.data["k"] == ([value] if flow else value), text
    assert scalar("2026-04-01", date=True) == "2026-04-01"


WORDS = [
    "顧客",
    "a: b",
    "yes",
    "12",
    "2026-01-01",
    "x #y",
    "-lead",
    "[旧]",
    'quote"s',
    "it's",
    "two\nlines",
    "NO",
    "カンマ, あり",
]


def _mutate(rng: random.Random, entry: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(entry)
    for _ in range(rng.randint(1, 4)):
        keys = [k for k in out if k not in ("id", "approvals")]
        choice = rng.random()
        if choice < 0.4 and keys:
            key = rng.choice(keys)
            value = out[key]
            if isinstance(value, str):
                out[key] = rng.choice(WORDS)
            elif isinstance(value, bool):
                out[key] = not value
            elif isinstance(value, int):
                out[key] = value + 1
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                value.append({"threat": rng.choice(WORDS)}) if rng.random() < 0.5 else value.pop()
            elif isinstance(value, list):
                value.append(rng.choice(WORDS)) if rng.random() < 0.5 or not value else value.pop()
            elif isinstance(value, dict) and value:
                sub = rng.choice(list(value))
                value[sub] = rng.choice(WORDS) if isinstance(value[sub], str) else value[sub]
        elif choice < 0.6 and keys:
            del out[rng.choice(keys)]
        else:
            key = rng.choice(["notes", "owner", "x-extra", "storage", "risks", "access"])
            out[key] = {"storage": {"location": "棚", "medium": "紙"}, "risks": [{"threat": "t"}], "access": ["a"]}.get(
                key, rng.choice(WORDS)
            )
    for key in [k for k, v in out.items() if v in ([], {})]:
        del out[key]
    return out


FLOW_LEDGER = """# a ledger written by hand, in several styles
kind: inventory
entries:
- id: PI-001   # first
  name: 顧客情報
  department: cs
  data_items:
    - 氏名
    # a comment inside a list
    - 住所
  purpose: 'quoted ''purpose'''
  acquisition: {method: Webフォーム, direct_in_writing: true, notice: "入力画面で明示", consent: true}
  retention: {period: P5Y, basis: 社内規程}   # reviewed
  risks:
  - {phase: 保管, threat: 紛失, residual: low}
  - phase: 移送
    threat: 誤送信
  notes: >
    folded
    text
  last_reviewed: 2026-04-01
-
  id: PI-002
  name: "問合せ記録"
  department: cs
  data_items: [氏名,
    問合せ内容]
  purpose: |
    literal
    # not a comment
- {id: PI-003, name: flow entry, department: cs, data_items: [a], purpose: p}
# trailing comment
"""


@pytest.mark.parametrize(
    "ledger",
    [*(EXAMPLE / rel for rel in (*LEDGERS, "contractors/contractors.yaml")), "flow", "flow-crlf"],
    ids=lambda p: p if isinstance(p, str) else p.name,
)
def test_random_edits_read_back_and_leave_other_entries_alone(ledger: Path | str) -> None:
    if isinstance(ledger, Path):
        text = ledger.read_text(encoding="utf-8")
    else:
        text = FLOW_LEDGER.replace("\n", "\r\n") if ledger.endswith("crlf") else FLOW_LEDGER
    kind = "contractor" if "kind: contractor" in text else "inventory"
    document = parse(text, "x").document
    assert document is not None
    entries = document.data["entries"]
    for seed in range(60):
        rng = random.Random(seed)
        changed = {i: _mutate(rng, e) for i, e in enumerate(entries) if rng.random() < 0.5}
        added = [
            {"id": f"NEW-{seed}", "name": rng.choice(WORDS), "department": "cs", "data_items": ["a"], "purpose": "p"}
        ]
        result, failed, failed_added = update(
            text,
            document,
            changed,
            added if seed % 3 == 0 else [],
            order=lambda path: field_order(kind).get(path, []),
            dates=date_fields(kind),
        )
        assert failed == {} and failed_added == [], seed
        got = parse(result, "x").document.data["entries"]  # type: ignore[union-attr]
        expected = [changed.get(i, e) for i, e in enumerate(entries)] + (added if seed % 3 == 0 else [])
        assert canonical(got) == canonical(expected), seed
        for i in range(len(entries)):
            if i not in changed:  # an untouched entry keeps its text: find it whole in the result
                start = document.values[("entries", i)][0]
                end = document.values[("entries", i + 1)][0] - 1 if i + 1 < len(entries) else start
                piece = "\n".join(text.split("\n")[start - 1 : end]).strip()
                assert piece in result, (seed, i)


# ----------------------------------------------------------------------------------------------- helpers


def _entry(entry_id: str, *, purpose: str = "商品の発送") -> str:
    return f"  - id: {entry_id}\n    name: 顧客情報\n    department: cs\n    data_items: [氏名, 住所]\n    purpose: {purpose}\n"


def _ledger(*ids: str) -> str:
    return "kind: inventory\nentries:\n" + "".join(_entry(i) for i in ids)


def _contractor(entry_id: str) -> str:
    return f"kind: contractor\nentries:\n  - id: {entry_id}\n    name: 株式会社テスト\n    service: 配送\n"


def run_check(repo: Path) -> list[str]:
    from helpers.cli import check_json

    return [f["rule"] for f in check_json(repo).json()["findings"]]


def test_column_type_of_every_field_is_known() -> None:
    kinds = {c.type for kind in ("inventory", "contractor") for c in columns(kind)}
    assert kinds <= {"text", "code", "enum", "date", "duration", "integer", "boolean", "ids", "texts", "objects"}
    assert isinstance(COLUMNS["risks"], Column) and [f.name for f in COLUMNS["risks"].fields] == [
        "phase",
        "threat",
        "measure",
        "residual",
    ]

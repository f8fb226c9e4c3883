"""``pmarklint report fitgap``: the Fit & Gap table read from real repositories in temporary folders.

The promises: one row per control in catalog order, catalog items without a control as "missing" rows, counts
by status and by difficulty in the sentence form teams use, Japanese and English, Markdown by default, one
HTML page, CSV that Excel opens (UTF-8 with BOM), text escaped in every format, a report even when some
control files are broken (with a note), and exit 2 when there is no repository to read.

Regenerate the golden files after an intended change with ``PMARKLINT_REGENERATE_GOLDEN=1 python -m pytest
tests/reports/test_fitgap.py`` and read the diff."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from pmarklint import __version__
from pmarklint.i18n import en, ja
from pmarklint.reports.fitgap import COLUMNS, STATUSES, every_text, load_fitgap, natural_key, role_name

from helpers.cli import run
from helpers.pms import catalog_controls, pms
from helpers.repos import CONFIG, GOLDEN, make_repo

GOLDEN = GOLDEN
TODAY = "2026-11-26"
C = {column: index for index, column in enumerate(COLUMNS)}  # a column's place in the table
BOM = b"\xef\xbb\xbf"

# A small repository with every kind of row: fit, partial, gap, not applicable with its reason, a control of
# the company's own, and (from the catalog) the items that have no control yet.
SMALL_CONFIG = """organization: {name: 株式会社ゴールデン}
framework: pmark-2023
language: ja
departments:
  - {id: cs, name: カスタマーサービス部}
"""
SMALL_PEOPLE = """kind: person
entries:
  - {id: nakamura, name: 中村 花子, emails: [nakamura@golden.example], department: cs, roles: [privacy_manager]}
  - {id: watanabe, name: 渡辺 恵, emails: [watanabe@golden.example], department: cs, roles: [education_lead]}
"""
SMALL_CONTROLS = """kind: control
framework: pmark-2023
entries:
  - id: J.4.3
    title: {ja: 認識, en: Awareness}
    status: fit
    documents:
      - {title: 教育規程, path: docs/kyoiku.md}
    initial_tasks: [教育計画の作成, 教材と理解度テストの作成]
    records:
      - {title: 教育計画書, approver_role: top_management}
      - {title: 受講記録, approver_role: education_lead, evidence: [records/education/*.md]}
    recurring:
      - {task: 全従業者への教育, every: P1Y, owner: watanabe, last_done: 2026-06-15}
      - {task: 教材の見直し, every: P6M}
    difficulty: medium
  - id: J.1.3
    title: {ja: 法令、国が定める指針その他の規範, en: "Laws, government guidelines and other norms"}
    status: partial
    documents:
      - {title: 法令等一覧, path: docs/hourei.md}
    records:
      - {title: 法令等一覧, approver_role: privacy_manager}
    recurring:
      - {task: 法令等一覧の見直し, every: P1Y, owner: nakamura, last_done: 2026-04-10}
    difficulty: low
  - id: J.9.4
    title: {ja: "委託先の監督 | 再委託を含む", en: "Supervision of contractors | including subcontractors"}
    status: gap
    initial_tasks: [委託先の洗い出し]
    difficulty: high
  - id: J.8.9
    title: {ja: 匿名加工情報, en: Anonymously processed information}
    status: not_applicable
    reason: 匿名加工情報を作成しない / We make no anonymously processed information
    difficulty: low
  - id: SEC-1
    title: {ja: 入退室管理, en: Entry control}
    status: fit
    records:
      - {title: 入退室記録, approver_role: entry_manager}
    recurring:
      - {task: 入退室記録の点検, every: P3M, owner: kato}
    difficulty: low
"""


def small(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = {
        "people/people.yaml": SMALL_PEOPLE,
        "controls/controls.yaml": SMALL_CONTROLS,
        "docs/kyoiku.md": "# 教育規程\n",
        "docs/hourei.md": "# 法令等一覧\n",
        "records/education/2026.md": "# 2026年度の受講記録\n",
    }
    return make_repo(tmp_path / "small", files, config=SMALL_CONFIG)


def fitgap(repo: Path, *args: str) -> tuple[int, str, str]:
    result = run("report", "fitgap", repo, "--today", TODAY, *args)
    return result.exit_code, result.stdout, result.stderr


def report_bytes(repo: Path, tmp_path: Path, fmt: str, *args: str) -> bytes:
    out = tmp_path / f"report.{fmt}"
    code, _, stderr = fitgap(repo, "--format", fmt, "--output", str(out), *args)
    assert code == 0, stderr
    return out.read_bytes()


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of the first Markdown table's body rows (split on pipes that are not escaped)."""
    lines = markdown.split("\n## ", 2)[1].splitlines()
    body = [line for line in lines if line.startswith("| ")][1:]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in body]


def counts_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if re.match(r"\d+ ?(items|項目): ", line)]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


# --- the realistic repository -----------------------------------------------------------------------------------


def test_realistic_repository_in_english(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms")
    code, out, err = fitgap(repo)
    assert code == 0 and err == ""
    assert out.startswith("# Fit & Gap table: 株式会社さくらマーケット\n")
    assert counts_lines(out) == [
        "58 items: 58 fit, 0 needs action, 0 partial, 0 gap, 0 not applicable, 0 missing",
        "58 items: 45 low, 8 medium, 5 high",
    ]
    rows = table_rows(out)
    assert len(rows) == 58 and all(len(r) == len(COLUMNS) for r in rows)
    ids = [r[0] for r in rows]
    assert ids == sorted(ids, key=natural_key)
    assert ids[:3] == ["J.1.1", "J.1.2", "J.1.3"] and ids.index("J.9.4") < ids.index("J.10.1") < ids.index("J.11")
    by_id = {r[0]: r for r in rows}
    assert by_id["J.9.4"][C["title"]] == "Supervision of contractors (unverified)"  # verified: false in the catalog
    assert by_id["J.9.4"][C["documents"]] == "委託先管理規程 (docs/itaku.md)"
    assert "Contractor evaluation sheets (approver: privacy manager)" in by_id["J.9.4"][C["records"]]
    assert by_id["J.9.4"][C["recurring"]] == "Re-evaluate contractors (yearly; owner: 中村 花子; last done 2026-04-01)"
    assert by_id["J.9.2"][C["records"]].endswith("(approver: entry control manager)")
    assert "(approver: system administrator)<br>" in by_id["J.9.2"][C["records"]]
    assert by_id["J.9.4"][C["difficulty"]] == "high" and by_id["J.9.4"][C["status"]] == "fit"


def test_realistic_repository_in_japanese(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms")
    code, out, _ = fitgap(repo, "--lang", "ja")
    assert code == 0
    assert out.startswith("# Fit & Gap 表: 株式会社さくらマーケット\n")
    assert (
        "| 項番 | 要求事項 | 関連する社内規程の条項 | 対応状況 | pmarklint の指摘 | 関連する社内規程・マニュアル |"
        in out
    )
    assert counts_lines(out) == [
        "58項目: 適合 58、要対応 0、一部対応 0、未対応 0、適用除外 0、未作成 0",
        "58項目: 低 45、中 8、高 5",
    ]
    by_id = {r[0]: r for r in table_rows(out)}
    assert by_id["J.9.4"][C["title"]] == "委託先の監督(要確認)"
    assert by_id["J.9.4"][C["status"]] == "適合" and by_id["J.9.4"][C["difficulty"]] == "高"
    assert by_id["J.9.4"][C["recurring"]] == "委託先の再評価(年1回、担当: 中村 花子、最終実施 2026-04-01)"
    assert "(承認者: 個人情報保護管理者)" in by_id["J.9.4"][C["records"]]
    assert by_id["J.9.2"][C["records"]].endswith("(承認者: 入退室管理責任者)")


def test_catalog_items_without_a_control_are_missing_rows(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms", **{"controls/J.9.yaml": "kind: control\nentries: []\n"})
    _, out, _ = fitgap(repo)
    rows = {r[0]: r for r in table_rows(out)}
    assert len(rows) == 58
    for item in ("J.9.1", "J.9.2", "J.9.3", "J.9.4"):
        assert rows[item][C["status"]] == "missing"
        others = [
            cell for column, cell in zip(COLUMNS, rows[item], strict=True) if column not in ("id", "title", "status")
        ]
        assert others == [""] * (len(COLUMNS) - 3)
    assert rows["J.9.4"][C["title"]] == "Supervision of contractors (unverified)"  # the catalog's title
    assert counts_lines(out) == [
        "58 items: 54 fit, 0 needs action, 0 partial, 0 gap, 0 not applicable, 4 missing",
        "58 items: 43 low, 8 medium, 3 high, 4 not set",
    ]
    _, out_ja, _ = fitgap(repo, "--lang", "ja")
    assert "| J.9.1 | 正確性の確保(要確認) |  | 未作成 |" in out_ja
    assert counts_lines(out_ja)[0] == "58項目: 適合 54、要対応 0、一部対応 0、未対応 0、適用除外 0、未作成 4"


def test_every_kind_of_row(tmp_path: Path) -> None:
    _, out, _ = fitgap(small(tmp_path), "--lang", "en")
    rows = table_rows(out)
    ids = [r[0] for r in rows]
    assert ids[-1] == "SEC-1"  # the company's own controls come after the catalog's items
    assert ids.index("J.1.3") < ids.index("J.4.3") < ids.index("J.8.9") < ids.index("J.9.4")
    by_id = {r[0]: r for r in rows}
    assert (
        by_id["J.8.9"][C["status"]]
        == "not applicable<br>匿名加工情報を作成しない / We make no anonymously processed information"
    )
    assert by_id["J.4.3"][C["initial_tasks"]] == "教育計画の作成<br>教材と理解度テストの作成"
    assert by_id["J.4.3"][C["records"]] == (
        "教育計画書 (approver: top management)<br>受講記録 (approver: education lead; evidence: records/education/*.md)"
    )
    assert by_id["J.4.3"][C["recurring"]] == (
        "全従業者への教育 (yearly; owner: 渡辺 恵; last done 2026-06-15)<br>教材の見直し (every 6 months)"
    )
    assert (
        by_id["SEC-1"][C["recurring"]] == "入退室記録の点検 (every 3 months; owner: kato)"
    )  # not in the roster: the id
    assert counts_lines(out) == [
        "59 items: 1 fit, 1 needs action, 1 partial, 1 gap, 1 not applicable, 54 missing",
        "59 items: 3 low, 1 medium, 1 high, 54 not set",
    ]


def test_markdown_cells_are_escaped(tmp_path: Path) -> None:
    _, out, _ = fitgap(small(tmp_path), "--lang", "ja")
    row = {r[0]: r for r in table_rows(out)}["J.9.4"]
    assert row[C["title"]] == "委託先の監督 \\| 再委託を含む"
    assert len(row) == len(COLUMNS)


def test_language_from_the_option_then_the_settings_then_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = small(tmp_path)  # language: ja in pmarklint.yaml
    assert fitgap(repo)[1].startswith("# Fit & Gap 表")
    assert fitgap(repo, "--lang", "en")[1].startswith("# Fit & Gap table")
    no_language = make_repo(
        tmp_path / "plain", {"controls/c.yaml": SMALL_CONTROLS}, config=CONFIG.replace("language: en\n", "")
    )
    assert fitgap(no_language)[1].startswith("# Fit & Gap table")
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert fitgap(no_language)[1].startswith("# Fit & Gap 表")


def test_durations_read_as_people_say_them() -> None:
    cases = {
        "P1Y": ("yearly", "年1回"),
        "P2Y": ("every 2 years", "2年ごと"),
        "P6M": ("every 6 months", "6か月ごと"),
        "P1M": ("monthly", "毎月"),
        "P2W": ("every 2 weeks", "2週間ごと"),
        "P7D": ("weekly", "毎週"),
        "P1D": ("daily", "毎日"),
        "P10D": ("every 10 days", "10日ごと"),
        "P1Y6M": ("P1Y6M", "P1Y6M"),
        "yearly": ("yearly", "yearly"),
    }
    for every, (english, japanese) in cases.items():
        assert (every_text(every, "en"), every_text(every, "ja")) == (english, japanese), every


def test_every_role_and_status_has_a_name_in_both_languages() -> None:
    roles = ("top_management", "privacy_manager", "audit_lead", "internal_auditor", "department_manager")
    roles += ("education_lead", "complaints_desk", "secretariat", "application_contact", "sysadmin", "entry_manager")
    for role in roles:
        assert role_name(role, "en") != role and role_name(role, "ja") != role
    assert role_name("someone_else", "ja") == "someone_else"
    for status in (*STATUSES, "retired"):
        assert f"fitgap.status.{status}" in en.MESSAGES and f"fitgap.status.{status}" in ja.MESSAGES


# --- formats ---------------------------------------------------------------------------------------------------


def test_csv_opens_in_excel_and_with_the_csv_module(tmp_path: Path) -> None:
    repo = small(tmp_path)
    data = report_bytes(repo, tmp_path, "csv")
    assert data[:3] == BOM
    rows = read_csv(data)
    assert rows[0] == [
        "項番",
        "要求事項",
        "関連する社内規程の条項",
        "対応状況",
        "理由",
        "pmarklint の指摘",
        "関連する社内規程・マニュアル",
        "初年度のタスク",
        "審査時に必要な文書とその承認者",
        "次年度以降の通年運用(頻度・担当)",
        "次の期限",
        "次年度以降の難易度",
        "審査での確認ポイント",
        "今年度の記録",
    ]
    assert len(rows) == 1 + 59 and all(len(r) == 14 for r in rows)
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["J.8.9"][3:5] == [
        "適用除外",
        "匿名加工情報を作成しない / We make no anonymously processed information",
    ]
    assert by_id["J.4.3"][7] == "教育計画の作成\n教材と理解度テストの作成"
    assert by_id["J.9.4"][1] == "委託先の監督 | 再委託を含む"
    assert by_id["J.1.1"][3] == "未作成"
    english = read_csv(report_bytes(repo, tmp_path, "csv", "--lang", "en"))
    assert english[0][:4] == ["ID", "Requirement item", "Clause of our rules", "Status"]


def test_html_is_one_escaped_page(tmp_path: Path) -> None:
    hostile = SMALL_CONTROLS.replace(
        "title: {ja: 入退室管理, en: Entry control}", "title: {ja: '<script>alert(\"x\")</script>', en: '<b>&</b>'}"
    )
    repo = make_repo(tmp_path / "r", {"controls/c.yaml": hostile}, config=SMALL_CONFIG)
    page = report_bytes(repo, tmp_path, "html").decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja">')
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script" not in page
    english = report_bytes(repo, tmp_path, "html", "--lang", "en").decode("utf-8")
    assert '<html lang="en">' in english and "&lt;b&gt;&amp;&lt;/b&gt;" in english
    assert "<b>" not in english
    for external in ("http://", "https://", "<link", "src=", "@import", "url("):
        assert external not in page
    assert "@page { size: A4" in page and "@media print" in page
    assert '"Hiragino Sans"' in page and '"Noto Sans CJK JP"' in page and "Meiryo" in page
    assert '<nav class="toc"' in page and '<a href="#items">' in page and '<section id="items">' in page
    assert page.count('<tr class="status-') == 59
    assert "59項目: 低 3、中 1、高 1、未設定 54" in page


def test_format_follows_the_output_name(tmp_path: Path) -> None:
    repo = small(tmp_path)
    for name, start in (
        ("fg.html", b"<!DOCTYPE html>"),
        ("fg.csv", BOM),
        ("fg.md", b"# Fit"),
        ("fg.txt", b"# Fit"),
    ):
        code, out, _ = fitgap(repo, "--output", str(tmp_path / name))
        assert code == 0 and out == ""
        assert (tmp_path / name).read_bytes().startswith(start), name


def test_markdown_is_the_default_on_standard_output(tmp_path: Path) -> None:
    code, out, err = fitgap(small(tmp_path))
    assert code == 0 and err == ""
    assert out.startswith(
        "# Fit & Gap 表: 株式会社ゴールデン\n\n株式会社ゴールデン ・ 準拠する指針 pmark-2023 ・ 2026-11-26 時点\n"
    )
    assert out.endswith(f"pmarklint {__version__} で作成しました。\n")


@pytest.mark.parametrize(
    ("name", "fmt", "lang"),
    [
        ("fitgap-small.en.md", "md", "en"),
        ("fitgap-small.ja.md", "md", "ja"),
        ("fitgap-small.ja.html", "html", "ja"),
        ("fitgap-small.ja.csv", "csv", "ja"),
    ],
)
def test_golden(name: str, fmt: str, lang: str, tmp_path: Path) -> None:
    data = report_bytes(small(tmp_path), tmp_path, fmt, "--lang", lang)
    data = data.replace(f"pmarklint {__version__}".encode(), b"pmarklint <version>")
    golden = GOLDEN / name
    if os.environ.get("PMARKLINT_REGENERATE_GOLDEN") == "1":
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"{golden.name} differs; see this file's docstring"


# --- problems --------------------------------------------------------------------------------------------------


def test_broken_control_files_still_give_a_report_and_a_note(tmp_path: Path) -> None:
    j9 = catalog_controls()["controls/J.9.yaml"].replace("difficulty: high", "difficulty: hard", 1)
    repo = pms(tmp_path / "pms", **{"controls/J.9.yaml": j9, "controls/broken.yaml": "kind: control\nentries: [\n"})
    code, out, err = fitgap(repo)
    assert code == 0
    assert len(err.strip().splitlines()) == 1 and "pmarklint check" in err, err
    rows = {r[0]: r for r in table_rows(out)}
    assert len(rows) == 58 and rows["J.9.2"][C["difficulty"]] == "hard"
    assert counts_lines(out)[1] == "58 items: 45 low, 8 medium, 4 high, 1 hard"


def test_problems_elsewhere_need_no_note(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms", **{"inventory/cs.yaml": "kind: inventory\nentries: [\n"})
    code, _, err = fitgap(repo)
    assert code == 0 and err == ""


def test_load_fitgap_reads_the_same_files_as_check(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {"controls/c.yaml": SMALL_CONTROLS, "?controls/new.yaml": SMALL_CONTROLS.replace("SEC-1", "SEC-2")},
        config=SMALL_CONFIG,
    )
    table = load_fitgap(repo, today=TODAY)
    assert "SEC-1" in [r.id for r in table.rows] and "SEC-2" not in [r.id for r in table.rows]  # untracked


def test_not_a_pms_repository(tmp_path: Path) -> None:
    code, out, err = fitgap(tmp_path)
    assert code == 2 and out == ""
    assert "pmarklint.yaml" in err


def test_broken_settings(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {}, config="organization: [\n")
    code, _, err = fitgap(repo)
    assert code == 2 and "pmarklint.yaml" in err


def test_bad_today_and_unwritable_output(tmp_path: Path) -> None:
    repo = small(tmp_path)
    result = run("report", "fitgap", repo, "--today", "2026-13-01")
    assert result.exit_code == 2 and "2026-13-01" in result.stderr
    code, _, err = fitgap(repo, "--output", str(tmp_path / "missing" / "fg.md"))
    assert code == 2 and "--output" in err

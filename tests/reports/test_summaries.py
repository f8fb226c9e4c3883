"""``pmarklint report education`` and ``pmarklint report audits``: the summaries of a fiscal year, on the
bundled example and on small repositories in real git with pinned dates; the rows exactly, the period and the
commit they state, the xlsx read back, the year without records, and the tool's failures (exit 2)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from helpers.cli import run
from helpers.repos import ROOT, commit_as, git, make_repo

SHOP = ROOT / "examples" / "shop"
TODAY = "2026-11-26"


def summary(kind: str, repo: Path, *extra: str) -> str:
    result = run("report", kind, repo, "--today", TODAY, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the first table under the level-2 heading ``heading``."""
    section = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    start = section.find("\n| ")
    if start < 0:
        return []
    lines = section[start + 1 :].split("\n\n", 1)[0].splitlines()
    return [[cell.strip() for cell in line[2:-2].split(" | ")] for line in lines[2:]]


def shop_source() -> str:
    """What the summaries of the example must say about the commit: this checkout's HEAD, and whether
    examples/shop has changes not committed."""
    commit = git(ROOT, "rev-parse", "HEAD").strip()
    changed = git(SHOP, "status", "--porcelain", "--untracked-files=normal", "--", ".").strip()
    if changed:
        return (
            f"Made from commit {commit} and changes not committed yet: the PMS files in the working tree "
            "differ from that commit"
        )
    return f"Made from commit {commit}, with no uncommitted changes to the PMS files"


# -- education ------------------------------------------------------------------------------------------------

POINTS = "<br>".join(
    [
        "the policy",
        "the importance and benefits of the PMS",
        "roles and responsibilities",
        "the consequences of a breach",
    ]
)


def test_the_shop_education_of_2026_session_by_session_with_totals() -> None:
    out = summary("education", SHOP, "--lang", "en")
    assert out.startswith(
        "# Education in fiscal year 2026: sessions and completion\n\n"
        "Organisation: 株式会社さくらマーケット\\\nPeriod: fiscal year 2026, 2026-04-01 to 2027-03-31\\\n"
        f"As of: {TODAY}\\\n{shop_source()}\n"
    )
    points = POINTS
    quiz = "eラーニングの確認テスト (10問)"
    assert table_rows(out, "Sessions held") == [
        ["2026-04-03", "T-2026-OB1", "入社時教育 (木村)", "onboarding training", points, "", "1", "1", "1", "100%"],
        [
            "2026-06-17",
            "T-2026-01",
            "2026年度 個人情報保護教育",
            "regular training",
            points,
            quiz,
            "11",
            "10",
            "10",
            "91%",
        ],
        [
            "2026-07-22",
            "T-2026-02",
            "2026年度 個人情報保護教育 (補講)",
            "regular training",
            points,
            quiz,
            "1",
            "1",
            "1",
            "100%",
        ],
        ["Total", "", "3 sessions", "", "", "", "13", "12", "12", "92%"],
    ]
    staff = table_rows(out, "Completion by member of staff")
    assert [row[0] for row in staff] == [
        "山本 健一 (yamamoto)",
        "中村 由美 (nakamura)",
        "小林 正樹 (kobayashi)",
        "斎藤 真理 (saito)",
        "渡辺 恵 (watanabe)",
        "伊藤 翔太 (ito)",
        "加藤 彩 (kato)",
        "松本 拓也 (matsumoto)",
        "井上 さくら (inoue)",
        "木村 亮 (kimura)",
        "森 浩二 (mori)",
    ]
    assert staff[9] == [
        "木村 亮 (kimura)",
        "情報システム部",
        "dispatched worker",
        "joined 2026-04-01",
        "2026-04-03 T-2026-OB1 (onboarding training)<br>2026-06-24 T-2026-01 (regular training)",
        "completed",
    ]
    assert staff[10][3:] == ["left 2026-08-31", "2026-07-22 T-2026-02 (regular training)", "completed"]
    assert "Staff in the year: 11; completed: 11; not completed: 0 (completion 100%)." in out
    assert (
        "\n## Who has not completed the education of the year\n\nEvery member of staff of fiscal year 2026 has completed"
        in out
    )


def test_the_shop_education_of_2025_names_who_has_not_completed() -> None:
    out = summary("education", SHOP, "--year", "2025")
    assert out.startswith(
        "# 2025年度 教育の実施状況\n\n事業者: 株式会社さくらマーケット\\\n対象期間: 2025年度(2025-04-01 〜 2026-03-31)\\\n"
    )
    rows = table_rows(out, "実施した教育")
    assert [row[:3] + row[6:] for row in rows] == [
        ["2025-06-18", "T-2025-01", "2025年度 個人情報保護教育", "8", "8", "8", "100%"],
        ["2025-10-06", "T-2025-OB1", "入社時教育 (井上)", "1", "1", "1", "100%"],
        ["合計", "", "2回", "9", "9", "9", "100%"],
    ]
    staff = {row[0]: row for row in table_rows(out, "従業者ごとの受講状況")}
    assert "木村 亮 (kimura)" not in staff  # joined in 2026
    assert staff["松本 拓也 (matsumoto)"] == ["松本 拓也 (matsumoto)", "営業部", "契約社員", "", "", "未修了"]
    assert staff["井上 さくら (inoue)"][3:] == ["2025-10-01 入社", "2025-10-06 T-2025-OB1(入社時教育)", "修了"]
    assert "年度中の従業者 10名、修了 9名、未修了 1名(修了率 90%)。" in out
    assert out.split("\n## 年度の教育を修了していない従業者\n\n", 1)[1].startswith(
        "- 松本 拓也 (matsumoto) (営業部)\n\n---"
    )


ROSTER = """kind: person
entries:
  - {id: tanaka, name: 田中 一郎, department: cs, employment: regular, joined: 2020-04-01}
  - {id: suzuki, name: 鈴木 花子, department: cs, employment: part_time, joined: 2020-04-01}
  - {id: sato, name: 佐藤 次郎, department: cs, employment: contract, joined: 2020-04-01, left: 2026-05-31}
  - {id: kato, name: 加藤 三郎, department: cs, employment: regular, joined: 2026-09-01}
  - {id: old, name: 古川 四郎, department: cs, employment: regular, joined: 2010-04-01, left: 2025-03-31}
"""
TRAINING = """kind: training
entries:
  - id: T-1
    title: Yearly training
    type: regular
    date: 2026-06-10
    topics: [policy, importance, roles, consequences]
    quiz: {method: quiz, pass_mark: 80}
    attendance:
      - {person: tanaka, score: 90}
      - {person: suzuki, score: 60}
    absentees:
      - {person: sato, follow_up_by: 2026-07-31, reason: leave}
  - id: T-OLD
    title: Last year's training
    type: regular
    date: 2025-06-10
    attendance:
      - {person: tanaka}
"""
CONFIG = """organization: {name: Example Ltd}
framework: pmark-2023
language: en
fiscal_year_start: "04-01"
departments:
  - {id: cs, name: Customer service}
"""


def small(tmp_path: Path, **extra: str) -> Path:
    files = {"people/people.yaml": ROSTER, "training/training.yaml": TRAINING, **extra}
    return make_repo(tmp_path / "pms", files, config=CONFIG)


def test_a_small_repository_fails_the_quiz_and_lists_who_has_not_completed(tmp_path: Path) -> None:
    repo = small(tmp_path)
    head = git(repo, "rev-parse", "HEAD").strip()
    out = summary("education", repo)
    assert f"As of: {TODAY}\\\nMade from commit {head}, with no uncommitted changes to the PMS files\n" in out
    assert table_rows(out, "Sessions held") == [
        ["2026-06-10", "T-1", "Yearly training", "regular training", POINTS, "quiz", "3", "2", "1", "33%"],
        ["Total", "", "1 session", "", "", "", "3", "2", "1", "33%"],
    ]
    staff = table_rows(out, "Completion by member of staff")
    assert [(row[0], row[3], row[4], row[5]) for row in staff] == [
        ("田中 一郎 (tanaka)", "", "2026-06-10 T-1 (regular training)", "completed"),
        ("鈴木 花子 (suzuki)", "", "", "not completed"),
        ("佐藤 次郎 (sato)", "left 2026-05-31", "", "not completed (follow-up due by 2026-07-31)"),
        ("加藤 三郎 (kato)", "joined 2026-09-01", "", "not completed"),
    ]
    assert "Staff in the year: 4; completed: 1; not completed: 3 (completion 25%)." in out
    listed = out.split("\n## Who has not completed the education of the year\n\n", 1)[1].split("\n\n", 1)[0]
    assert listed.splitlines() == [
        "- 鈴木 花子 (suzuki) (Customer service)",
        "- 佐藤 次郎 (sato) (Customer service)",
        "- 加藤 三郎 (kato) (Customer service)",
    ]


def test_the_commit_line_says_when_the_working_tree_has_changes_or_there_is_no_commit(tmp_path: Path) -> None:
    repo = small(tmp_path)
    (repo / "training" / "training.yaml").write_text(TRAINING.replace("score: 60", "score: 85"), encoding="utf-8")
    head = git(repo, "rev-parse", "HEAD").strip()
    out = summary("education", repo)
    assert (
        f"Made from commit {head} and changes not committed yet: the PMS files in the working tree differ "
        "from that commit\n" in out
    )
    assert "Staff in the year: 4; completed: 2;" in out  # made from the files as they are
    later = commit_as(repo, "Hanako Nakamura <nakamura@example.test>", "suzuki passed", day="2026-06-20T10:00:00+09:00")
    assert f"Made from commit {later}, with no uncommitted changes" in summary("education", repo)
    fresh = make_repo(tmp_path / "fresh", {"people/people.yaml": ROSTER}, config=CONFIG, use_git=False)
    git(fresh, "init", "-q", "-b", "main")
    out = summary("education", fresh, "--year", "2026")
    assert "Made from files not committed yet: the repository has no commit\n" in out


def test_a_year_without_records_is_an_empty_summary_that_says_so(tmp_path: Path) -> None:
    repo = small(tmp_path)
    out = summary("education", repo, "--year", "2020")
    assert out.startswith("# Education in fiscal year 2020: sessions and completion\n")
    assert "Period: fiscal year 2020, 2020-04-01 to 2021-03-31" in out
    assert "## Sessions held\n\nNo training was recorded in fiscal year 2020: this summary is empty.\n" in out
    assert "| " not in out
    audits = summary("audits", repo, "--year", "2026")
    assert "No internal audit, corrective action or management review was recorded in fiscal year 2026" in audits


def test_the_fiscal_year_follows_the_setting(tmp_path: Path) -> None:
    repo = small(tmp_path)
    (repo / "pmarklint.yaml").write_text(CONFIG.replace('"04-01"', '"01-01"'), encoding="utf-8")
    out = summary("education", repo)
    assert "Period: fiscal year 2026, 2026-01-01 to 2026-12-31" in out
    assert [row[1] for row in table_rows(out, "Sessions held")] == ["T-1", ""]
    assert "T-OLD" not in summary("education", repo, "--year", "2026")
    assert "T-OLD" in summary("education", repo, "--year", "2025")


# -- internal audit and management review -----------------------------------------------------------------


def test_the_shop_audits_of_2025_plans_reports_findings_and_the_review() -> None:
    out = summary("audits", SHOP, "--year", "2025", "--lang", "en")
    assert out.startswith("# Internal audit and management review in fiscal year 2025\n")
    (plan,) = table_rows(out, "Internal audit plan")
    assert plan[:3] == [
        "AP-2025",
        "小林 正樹 (kobayashi)",
        "カスタマーサービス部, 営業部, 人事総務部, 情報システム部, 経営企画室",
    ]
    assert plan[4:] == ["conformity audit, operation audit", "2026年1月〜2月"]
    assert "Departments in the plan's scope with no audit report: 経営企画室\n" in out
    assert table_rows(out, "Internal audits held") == [
        ["2026-01-19", "AR-2025-CS", "カスタマーサービス部", "小林 正樹 (kobayashi)", "1 observation", "2026-02-20"],
        ["2026-01-21", "AR-2025-SALES", "営業部", "小林 正樹 (kobayashi)", "none", "2026-02-20"],
        ["2026-01-22", "AR-2025-HR", "人事総務部", "斎藤 真理 (saito)", "1 nonconformity", "2026-02-20"],
        [
            "2026-01-27",
            "AR-2025-IT",
            "情報システム部",
            "斎藤 真理 (saito)",
            "1 opportunity for improvement",
            "2026-02-20",
        ],
    ]
    findings = table_rows(out, "Findings and the corrective actions they led to")
    assert findings[1] == [
        "AR-2025-HR",
        "F-HR-1",
        "nonconformity",
        "J.9.4",
        "給与計算の委託先の年1回の評価が期限を過ぎていた",
        "CA-2025-01",
        "done on 2026-03-10; effectiveness checked on 2026-06-05: effective",
    ]
    assert [row[1:3] for row in findings] == [
        ["F-CS-1", "observation"],
        ["F-HR-1", "nonconformity"],
        ["F-IT-1", "opportunity for improvement"],
    ]
    review = out.split("\n## Management review of 2026-03-18\n\n", 1)[1]
    assert review.startswith(
        "Record MR-2025, held on 2026-03-18. Attendees: 山本 健一 (yamamoto), 中村 由美 (nakamura), 小林 正樹 (kobayashi)\n"
    )
    inputs = table_rows("\n## x\n" + review, "x")
    assert len(inputs) == 10
    assert inputs[4] == ["audit results", "2025年度内部監査報告のとおり<br>Documents: docs/rules/kansa.md"]
    assert inputs[9][1] == "(not recorded)"
    assert (
        "| MR-2025-A1 | 派遣社員の受入れ手順に入社時教育を加える | 渡辺 恵 (watanabe) | done on 2026-04-01 |" in review
    )
    assert "MR-2024" not in out  # held on 2025-03-19, in fiscal year 2024


def test_the_shop_audits_of_2026_corrective_actions_and_no_review_yet() -> None:
    out = summary("audits", SHOP, "--lang", "en")
    assert table_rows(out, "Internal audits held") == []
    assert "## Internal audits held\n\nNo internal audit report was recorded in the year.\n" in out
    actions = table_rows(out, "Corrective actions raised in the year")
    assert [(r[0], r[1], r[2], r[6], r[7]) for r in actions] == [
        (
            "2026-05-12",
            "CA-2026-02",
            "a complaint (CP-2026-01)",
            "伊藤 翔太 (ito)",
            "done on 2026-06-20; effectiveness not checked yet",
        ),
        (
            "2026-06-12",
            "CA-2026-03",
            "an incident (INC-2026-01)",
            "伊藤 翔太 (ito)",
            "done on 2026-07-24; effectiveness checked on 2026-10-15: effective",
        ),
        (
            "2026-07-10",
            "CA-2026-01",
            "an operation check (OC-2026Q2-CS)",
            "伊藤 翔太 (ito)",
            "open and overdue (due 2026-09-30)",
        ),
    ]
    assert (
        out.rstrip()
        .split("\n---\n")[0]
        .endswith("## Management review\n\nNo management review was recorded in the year.\n")
    )


def test_audits_in_japanese_name_the_states_in_the_office_words() -> None:
    out = summary("audits", SHOP)
    assert "# 2026年度 内部監査及びマネジメントレビューの実施状況\n" in out
    actions = table_rows(out, "年度中に起票した是正処置")
    assert [(r[2], r[7]) for r in actions] == [
        ("苦情・相談 (CP-2026-01)", "2026-06-20 完了。有効性は未確認"),
        ("事故 (INC-2026-01)", "2026-07-24 完了。2026-10-15 に有効性を確認: 有効"),
        ("運用の確認 (OC-2026Q2-CS)", "期限超過(期限 2026-09-30)"),
    ]


# -- formats ------------------------------------------------------------------------------------------------


def test_the_workbook_reads_back_with_the_same_rows(tmp_path: Path) -> None:
    out = tmp_path / "education.xlsx"
    result = run("report", "education", SHOP, "--today", TODAY, "--year", "2025", "--output", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == [
        "Education in fiscal year 2025",
        "Sessions held",
        "Completion by member of staff",
        "Who has not completed the educa",
    ]
    cover = [c.value for c in book.worksheets[0]["A"] if c.value]
    assert cover[:4] == [
        "Education in fiscal year 2025: sessions and completion",
        "Organisation: 株式会社さくらマーケット",
        "Period: fiscal year 2025, 2025-04-01 to 2026-03-31",
        f"As of: {TODAY}",
    ]
    assert cover[4] == shop_source()
    sessions = [
        [c if c is not None else "" for c in row]
        for row in book["Sessions held"].iter_rows(min_row=3, max_row=6, values_only=True)
    ]
    markdown = summary("education", SHOP, "--year", "2025", "--lang", "en")
    expected = [[cell.replace("<br>", "\n") for cell in row] for row in table_rows(markdown, "Sessions held")]
    assert sessions[0][:10] == [
        "Date",
        "Record",
        "Training",
        "Type",
        "Points covered (J.4.3)",
        "Understanding check",
        "Listed",
        "Attended",
        "Passed",
        "Completion",
    ]
    assert [row[:10] for row in sessions[1:]] == expected
    assert book["Sessions held"]["A3"].font.bold
    missing = book["Who has not completed the educa"]
    assert missing["A3"].value == "- 松本 拓也 (matsumoto) (営業部)"


def test_a_cell_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    repo = small(
        tmp_path, **{"training/training.yaml": TRAINING.replace("title: Yearly training", 'title: "=HYPERLINK(1)"')}
    )
    out = tmp_path / "e.xlsx"
    assert run("report", "education", repo, "--today", TODAY, "--output", out).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Sessions held"]
    assert sheet["C4"].value == "=HYPERLINK(1)" and sheet["C4"].data_type == "s"


def test_html_is_one_self_contained_page_and_markdown_escapes(tmp_path: Path) -> None:
    repo = small(
        tmp_path, **{"training/training.yaml": TRAINING.replace("title: Yearly training", "title: <b>x</b> | y")}
    )
    page = summary("education", repo, "--format", "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "@page { size: A4;" in page and "<script" not in page and "http" not in page.split("<footer>")[0]
    assert "<td>&lt;b&gt;x&lt;/b&gt; | y</td>" in page
    assert '<a href="#sessions">Sessions held</a>' in page
    assert "| &lt;b>x&lt;/b> \\| y |" in summary("education", repo)
    assert summary("education", repo, "--output", tmp_path / "e.html") == ""
    assert (tmp_path / "e.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- failures ------------------------------------------------------------------------------------------------


def test_no_repository_no_git_repository_and_no_git_are_clean_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("report", "education", tmp_path, "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert "pmarklint.yaml" in result.stderr and "Traceback" not in result.stderr
    outside = make_repo(tmp_path / "plain", {"people/people.yaml": ROSTER}, config=CONFIG, use_git=False)
    result = run("report", "audits", outside)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{outside} is not in a git repository: a summary states the commit it was made from" in result.stderr
    repo = small(tmp_path)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run("report", "education", repo, "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert "git" in result.stderr and "Traceback" not in result.stderr


def test_a_year_that_is_no_year_is_a_usage_error() -> None:
    result = run("report", "education", SHOP, "--year", "26x")
    assert result.exit_code == 2
    assert re.search(r"--year", result.stderr) and "Traceback" not in result.stderr


def test_the_command_line_conventions_hold_for_both_summaries(tmp_path: Path) -> None:
    repo = small(tmp_path)
    for kind in ("education", "audits"):
        by_path = run("report", kind, repo, "--today", TODAY)
        by_option = run("report", kind, "-C", repo, "--today", TODAY, "--format", "markdown")
        assert by_path.exit_code == by_option.exit_code == 0
        assert by_path.stdout == by_option.stdout
        nowhere = run("report", kind, tmp_path / "nowhere")
        assert nowhere.exit_code == 2 and f"{tmp_path / 'nowhere'} does not exist" in nowhere.stderr
        twice = run("report", kind, repo, "-C", tmp_path)
        assert twice.exit_code == 2 and "the repository is named twice, as PATH" in twice.stderr


def test_a_record_file_that_does_not_parse_does_not_stop_the_summary(tmp_path: Path) -> None:
    repo = small(tmp_path, **{"training/broken.yaml": "kind: training\nentries: [\n"})
    result = run("report", "education", repo, "--today", TODAY)
    assert result.exit_code == 0
    assert [row[1] for row in table_rows(result.stdout, "Sessions held")] == ["T-1", ""]
    assert result.stderr == (
        "note: 1 problem in the record files this summary reads; it shows what could be read. 'pmarklint check' "
        "lists them\n"
    )

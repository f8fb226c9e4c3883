"""``pmarklint report fitgap`` against ``pmarklint check`` and ``pmarklint due``, on real repositories in
temporary folders: a control written fit with an error finding shows "needs action" (要対応) with its written
status, a warning keeps fit, a finding on a file the control cites counts for its row, a waived finding shows
as being corrected (是正中), the counts count the status shown; each row's next due date is the earliest of its
deadlines (one day before, on and after it); the clause of the company's rules is a column; and the xlsx
workbook holds the Markdown table's cells, coloured, with a summary sheet whose counts are the Markdown's."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from pmarklint.reports.fitgap import COLUMNS, DIFFICULTY_FILLS, STATUS_FILLS, chapter_of

from helpers.cli import check_json, run
from helpers.office import first_sheet_rows
from helpers.pms import CONFIG, catalog_controls, clean_files, pms
from helpers.repos import ROOT

TODAY = "2026-11-26"
C = {column: index for index, column in enumerate(COLUMNS)}


def fitgap(repo: Path, *args: str, today: str = TODAY) -> tuple[int, str, str]:
    result = run("report", "fitgap", repo, "--today", today, *args)
    return result.exit_code, result.stdout, result.stderr


def table_rows(markdown: str) -> list[list[str]]:
    """The body cells of the first Markdown table, as written (escapes and ``<br>`` left in)."""
    lines = markdown.split("\n## ", 2)[1].splitlines()
    body = [line for line in lines if line.startswith("| ")][1:]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in body]


def by_id(markdown: str) -> dict[str, list[str]]:
    return {row[0]: row for row in table_rows(markdown)}


def counts_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if re.match(r"\d+ ?(items|項目): ", line)]


def with_control(item: str, **fields: object) -> dict[str, str]:
    """The catalog file holding ``item``, with ``fields`` set on that control."""
    for rel, content in catalog_controls().items():
        data = yaml.safe_load(content)
        for entry in data["entries"]:
            if entry["id"] == item:
                entry.update(fields)
                return {rel: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}
    raise AssertionError(item)


ANZEN_MISSING = {"documents": [{"title": "安全管理規程", "path": "docs/anzen.md"}]}  # no such file


# --- the status reconciled with check ------------------------------------------------------------------------


def test_a_control_whose_rules_document_is_missing_needs_action(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms", **with_control("J.9.2", **ANZEN_MISSING))
    check = check_json(repo, "--lang", "ja")
    on_j92 = [f for f in check.json()["findings"] if f.get("entry") == "J.9.2"]
    assert [f["rule"] for f in on_j92] == ["PML204"]  # what check says, once
    code, out, err = fitgap(repo, "--lang", "ja")
    assert code == 0 and err == ""
    row = by_id(out)["J.9.2"]
    assert row[C["status"]] == "要対応(記載: 適合)"
    assert row[C["findings"]] == "エラー1件(PML204)"
    assert by_id(out)["J.9.1"][C["status"]] == "適合" and by_id(out)["J.9.1"][C["findings"]] == ""  # near miss
    assert counts_lines(out)[0] == "58項目: 適合 57、要対応 1、一部対応 0、未対応 0、適用除外 0、未作成 0"
    _, english, _ = fitgap(repo, "--lang", "en")
    assert by_id(english)["J.9.2"][C["status"]] == "needs action (written: fit)"
    assert by_id(english)["J.9.2"][C["findings"]] == "1 error (PML204)"
    page = run("report", "fitgap", repo, "--today", TODAY, "--format", "html").stdout
    assert page.count('<tr class="status-needs_action">') == 1


def test_the_file_present_gives_fit_again(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms", **with_control("J.9.2", **ANZEN_MISSING), **{"docs/anzen.md": "# 安全管理規程\n"})
    _, out, _ = fitgap(repo, "--lang", "ja")
    assert by_id(out)["J.9.2"][C["status"]] == "適合" and by_id(out)["J.9.2"][C["findings"]] == ""


def test_a_warning_keeps_fit_and_shows_its_count(tmp_path: Path) -> None:
    # a recurring task never done is a warning (PML306) for a control that is fit
    tasks = yaml.safe_load(catalog_controls()["controls/J.4.yaml"])
    recurring = next(e for e in tasks["entries"] if e["id"] == "J.4.3")["recurring"]
    recurring.append({"task": {"ja": "教材の見直し", "en": "Review the material"}, "every": "P6M"})
    repo = pms(tmp_path / "pms", **with_control("J.4.3", recurring=recurring))
    assert [f["rule"] for f in check_json(repo).json()["findings"]] == ["PML306"]
    _, out, _ = fitgap(repo, "--lang", "ja")
    row = by_id(out)["J.4.3"]
    assert row[C["status"]] == "適合" and row[C["findings"]] == "警告1件(PML306)"
    assert counts_lines(out)[0].startswith("58項目: 適合 58、要対応 0、")


@pytest.mark.parametrize("cited", ["contractors/*.yaml", "contractors/", "./contractors/contractors.yaml"])
def test_a_finding_on_a_cited_file_counts_for_the_row(cited: str, tmp_path: Path) -> None:
    records = [{"title": "委託先評価表", "approver_role": "privacy_manager", "evidence": [cited]}]
    contractors = clean_files()["contractors/contractors.yaml"].replace("evaluator: nakamura", "evaluator: nobody", 1)
    repo = pms(
        tmp_path / "pms", **with_control("J.9.4", records=records), **{"contractors/contractors.yaml": contractors}
    )
    found = check_json(repo).json()["findings"]
    on_contractors = [f["rule"] for f in found if f["file"] == "contractors/contractors.yaml"]
    assert on_contractors and all(f["file"] == "contractors/contractors.yaml" for f in found)
    _, out, _ = fitgap(repo, "--lang", "en")
    row = by_id(out)["J.9.4"]
    errors = sum(1 for f in found if f["severity"] == "error")
    assert row[C["status"]] == "needs action (written: fit)"
    assert row[C["findings"]].startswith(f"{errors} error") and "PML201" in row[C["findings"]]
    assert by_id(out)["J.9.3"][C["findings"]] == ""  # cites no contractor file


def test_a_waived_finding_shows_as_being_corrected(tmp_path: Path) -> None:
    waiver = (
        "waivers:\n  - {rule: PML204, entry: J.9.2, reason: 規程を改訂中, approved_by: yamamoto, expires: 2027-02-28}\n"
    )
    repo = pms(tmp_path / "pms", config=CONFIG + waiver, **with_control("J.9.2", **ANZEN_MISSING))
    check = check_json(repo)
    assert check.exit_code == 0 and [f["rule"] for f in check.json()["waived"]] == ["PML204"]
    _, out, _ = fitgap(repo, "--lang", "ja")
    row = by_id(out)["J.9.2"]
    assert row[C["status"]] == "適合" and row[C["findings"]] == "是正中1件(PML204)"


# --- the next due date ----------------------------------------------------------------------------------------


def test_next_due_the_day_before_on_the_day_and_after(tmp_path: Path) -> None:
    # every review and task of the clean repository was last done on 2026-04-01, yearly: due 2027-04-01
    repo = pms(tmp_path / "pms")
    cases = {
        "2027-03-31": "2027-04-01 (1 day left)",
        "2027-04-01": "2027-04-01 (due today)",
        "2027-04-02": "2027-04-01 (OVERDUE: overdue by 1 day)",
    }
    for today, expected in cases.items():
        code, out, _ = fitgap(repo, "--lang", "en", today=today)
        assert code == 0
        assert by_id(out)["J.4.3"][C["next_due"]] == expected, today
    _, ja, _ = fitgap(repo, "--lang", "ja", today="2027-04-02")
    assert by_id(ja)["J.4.3"][C["next_due"]] == "2027-04-01(期限切れ: 1日超過)"
    assert by_id(ja)["J.4.3"][C["status"]] == "要対応(記載: 適合)"  # an overdue task is an error
    page = run("report", "fitgap", repo, "--today", "2027-04-02", "--format", "html").stdout
    assert "status-needs_action overdue" in page


def test_next_due_is_the_earliest_of_the_row(tmp_path: Path) -> None:
    tasks = yaml.safe_load(catalog_controls()["controls/J.4.yaml"])
    recurring = next(e for e in tasks["entries"] if e["id"] == "J.4.3")["recurring"]
    recurring[-1]["last_done"] = "2026-03-01"  # its last task falls due first
    repo = pms(tmp_path / "pms", **with_control("J.4.3", recurring=recurring))
    _, out, _ = fitgap(repo, "--lang", "en")
    days = (dt.date(2027, 3, 1) - dt.date.fromisoformat(TODAY)).days
    assert by_id(out)["J.4.3"][C["next_due"]] == f"2027-03-01 ({days} days left)"
    assert by_id(out)["J.4.2"][C["next_due"]] == "2027-04-01 (126 days left)"


def test_a_gap_control_shows_its_review_and_a_missing_item_nothing(tmp_path: Path) -> None:
    # a gap is not asked for its recurring tasks (PML306): its next due date is its own review
    tasks = yaml.safe_load(catalog_controls()["controls/J.4.yaml"])
    recurring = next(e for e in tasks["entries"] if e["id"] == "J.4.3")["recurring"]
    for task in recurring:
        del task["last_done"]  # never done: not asked while the control is a gap
    gap = with_control("J.4.3", status="gap", last_reviewed="2026-06-01", recurring=recurring)
    repo = pms(tmp_path / "pms", **gap, **{"controls/J.9.yaml": "kind: control\n"})
    _, out, _ = fitgap(repo, "--lang", "en")
    days = (dt.date(2027, 6, 1) - dt.date.fromisoformat(TODAY)).days
    assert by_id(out)["J.4.3"][C["next_due"]] == f"2027-06-01 ({days} days left)"
    assert by_id(out)["J.9.1"][C["next_due"]] == "" and by_id(out)["J.9.1"][C["status"]] == "missing"


# --- the clause of the company's rules, the unverified mark -----------------------------------------------------


def test_the_rules_clause_is_a_column(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms", **with_control("J.9.2", rules_clause="安全管理規程 第5条(アクセス制御)"))
    assert check_json(repo).exit_code == 0  # the schema knows the field
    _, out, _ = fitgap(repo, "--lang", "ja")
    assert "| 項番 | 要求事項 | 関連する社内規程の条項 |" in out
    assert by_id(out)["J.9.2"][C["rules_clause"]] == "安全管理規程 第5条(アクセス制御)"
    assert by_id(out)["J.9.1"][C["rules_clause"]] == ""
    csv_out = run("report", "fitgap", repo, "--today", TODAY, "--format", "csv").stdout
    assert "安全管理規程 第5条(アクセス制御)" in csv_out
    bad = pms(tmp_path / "bad", **with_control("J.9.2", rules_clause=12))
    assert "PML101" in check_json(bad).codes()


def test_unverified_items_are_marked_and_the_mark_is_explained_under_the_table(tmp_path: Path) -> None:
    _, out, _ = fitgap(pms(tmp_path / "pms"), "--lang", "ja")
    catalog = {}
    for path in sorted((ROOT / "controls").glob("*.yaml")):
        catalog.update({e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]})
    rows = by_id(out)
    for item, entry in catalog.items():
        assert rows[item][C["title"]].endswith("(要確認)") is (entry.get("verified") is False), item
    table_end = out.index("\n\n", out.index("| J.11 |"))
    assert out[table_end:].lstrip().startswith("(要確認): 表題や対応する箇条が指針の原文でまだ確認されていない")


# --- xlsx --------------------------------------------------------------------------------------------------------


def markdown_cell(cell: str) -> str:
    """A Markdown cell as the text it shows: ``<br>`` a line break, escapes undone, entities read."""
    return html.unescape(re.sub(r"\\(.)", r"\1", cell.replace("<br>", "\n")))


def workbook_repo(tmp_path: Path) -> Path:
    return pms(
        tmp_path / "pms",
        **with_control("J.9.2", **ANZEN_MISSING, rules_clause="安全管理規程 第5条"),
        **with_control("J.8.9", status="not_applicable", reason="作成しない | 予定もない"),
    )


def test_xlsx_holds_the_markdown_table_coloured_with_a_summary(tmp_path: Path) -> None:
    repo = workbook_repo(tmp_path)
    _, out, _ = fitgap(repo, "--lang", "ja")
    target = tmp_path / "fitgap.xlsx"
    code, stdout, err = fitgap(repo, "--lang", "ja", "--output", str(target))  # the format from the name
    assert code == 0 and stdout == "" and err == ""
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == ["Fit & Gap 表", "集計"]
    sheet = book["Fit & Gap 表"]
    assert sheet.freeze_panes == "B2"
    values = [[cell.value or "" for cell in row] for row in sheet.iter_rows(max_col=len(COLUMNS))]
    headers = out.split("\n## ", 2)[1].splitlines()[2]
    assert values[0] == [h.strip() for h in headers.split("|")[1:-1]]
    assert values[1:] == [[markdown_cell(c) for c in row] for row in table_rows(out)]
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])  # ids stay text: J.10.1, J.11
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row if cell.value)
    fills = {
        row[0].value: (row[C["status"]].fill.fgColor.rgb, row[C["difficulty"]].fill.fgColor.rgb)
        for row in sheet.iter_rows(min_row=2)
    }
    assert fills["J.9.2"] == ("00" + STATUS_FILLS["needs_action"], "00" + DIFFICULTY_FILLS["high"])
    assert fills["J.1.1"] == ("00" + STATUS_FILLS["fit"], "00" + DIFFICULTY_FILLS["low"])
    assert fills["J.8.9"][0] == "00" + STATUS_FILLS["not_applicable"]
    medium = next(r[0] for r in table_rows(out) if r[C["difficulty"]] == "中")
    assert fills[medium][1] == "00" + DIFFICULTY_FILLS["medium"]
    assert len({STATUS_FILLS["fit"], STATUS_FILLS["needs_action"], STATUS_FILLS["partial"]}) == 3
    assert len(set(DIFFICULTY_FILLS.values())) == 3

    summary = [[c for c in row if c is not None] for row in book["集計"].iter_rows(values_only=True)]
    summary = [row for row in summary if row]
    status_counts = [tuple(p.split(" ")) for p in counts_lines(out)[0].split(": ", 1)[1].split("、")]
    difficulty_counts = [tuple(p.split(" ")) for p in counts_lines(out)[1].split(": ", 1)[1].split("、")]
    after_status = summary.index(["対応状況", "項目数"])
    assert [tuple(r) for r in summary[after_status + 1 : after_status + 1 + len(status_counts)]] == status_counts
    after_difficulty = summary.index(["次年度以降の難易度", "項目数"])
    assert [tuple(r) for r in summary[after_difficulty + 1 : after_difficulty + 4]] == difficulty_counts
    # by chapter: the items of each chapter of the Markdown table, by status shown
    chapter_header = next(i for i, row in enumerate(summary) if row[:2] == ["章", "項目数"])
    header = summary[chapter_header]
    chapters = {
        row[0]: dict(zip(header, row, strict=True)) for row in summary[chapter_header + 1 : chapter_header + 13]
    }
    assert list(chapters) == [f"J.{n}" for n in range(1, 12)] + ["合計"]
    for chapter in ("J.4", "J.8", "J.9"):
        rows = [r for r in table_rows(out) if chapter_of(r[0]) == chapter]
        assert chapters[chapter]["項目数"] == str(len(rows))
        assert chapters[chapter]["要対応"] == str(sum(1 for r in rows if r[C["status"]].startswith("要対応")))
        assert chapters[chapter]["高"] == str(sum(1 for r in rows if r[C["difficulty"]] == "高"))
    assert (
        chapters["合計"]["項目数"] == "58" and chapters["合計"]["要対応"] == "1" and chapters["合計"]["適用除外"] == "1"
    )


def test_xlsx_in_english(tmp_path: Path) -> None:
    target = tmp_path / "fitgap.xlsx"
    code, _, _ = fitgap(workbook_repo(tmp_path), "--lang", "en", "--format", "xlsx", "--output", str(target))
    assert code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Fit & Gap", "Summary"]
    assert book["Fit & Gap"]["A1"].value == "ID" and book["Fit & Gap"]["C1"].value == "Clause of our rules"


def test_xlsx_refuses_a_terminal(tmp_path: Path) -> None:
    repo = pms(tmp_path / "pms")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pmarklint", "report", "fitgap", str(repo), "--format", "xlsx", "--lang", "en"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**os.environ, "PMARKLINT_TODAY": TODAY},
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"--output" in done.stderr and b"Traceback" not in done.stderr
    redirected = subprocess.run(
        [sys.executable, "-m", "pmarklint", "report", "fitgap", str(repo), "--format", "xlsx"],
        capture_output=True,
        env={**os.environ, "PMARKLINT_TODAY": TODAY},
        timeout=120,
        check=False,
    )
    assert redirected.returncode == 0 and redirected.stdout.startswith(b"PK")  # a file or a pipe: written


def test_a_fresh_init_gives_every_format(tmp_path: Path) -> None:
    repo = tmp_path / "fresh"
    assert run("init", repo, "--lang", "ja").exit_code == 0
    assert run("check", repo, "--today", TODAY).exit_code == 0
    code, out, err = fitgap(repo)
    assert code == 0 and err == ""
    rows = table_rows(out)
    assert len(rows) == 58 and all(r[C["status"]] == "未対応" for r in rows)
    assert all(r[C["documents"]] and r[C["initial_tasks"]] and r[C["recurring"]] for r in rows)
    for fmt in ("html", "csv", "xlsx"):
        assert fitgap(repo, "--format", fmt, "--output", str(tmp_path / f"fresh.{fmt}"))[0] == 0, fmt


@pytest.mark.slow
def test_xlsx_opens_in_libreoffice_with_the_markdown_cells(tmp_path: Path) -> None:
    repo = workbook_repo(tmp_path)
    _, out, _ = fitgap(repo, "--lang", "ja")
    workbook = tmp_path / "out" / "fitgap.xlsx"
    workbook.parent.mkdir()
    assert fitgap(repo, "--lang", "ja", "--output", str(workbook))[0] == 0
    theirs = first_sheet_rows(workbook, tmp_path)
    theirs = [row + [""] * (len(COLUMNS) - len(row)) for row in theirs]
    headers = [h.strip() for h in out.split("\n## ", 2)[1].splitlines()[2].split("|")[1:-1]]
    mine = [headers, *([markdown_cell(c) for c in row] for row in table_rows(out))]
    assert len(theirs) == len(mine) == 59
    for number, (row, expected) in enumerate(zip(theirs, mine, strict=True)):
        assert row == expected, f"row {number}: {row[0]}"

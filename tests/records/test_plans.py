"""The annual plan (kind: plan) on the realistic company: PML624 to PML627, each with file, position, entry
and message, and a near miss that stays quiet. The plans carry approvals whose digests this test does not
make valid (the approval checks judge those); the plan checks read the approval's date only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.cli import check_json
from helpers.company import company
from helpers.pms import where

PLAN = "plans/plans.yaml"
DIGEST = "sha256:" + "0" * 64
ITEMS = [
    "{activity: training, month: 2026-06, owner: watanabe, done_on: 2026-06-15, record: T-2026-01}",
    "{activity: internal_audit, month: 2027-01, owner: kobayashi}",
    "{activity: management_review, month: 2027-03, owner: yamamoto}",
    "{activity: inventory_review, month: 2026-09, owner: nakamura, done_on: 2026-09-20}",
    "{activity: operation_check, month: 2026-12, owner: ito}",
]


def plan_file(approved: str | None = "2026-03-25", items: list[str] = ITEMS) -> str:
    approval = (
        f"    approvals:\n      - {{by: yamamoto, role: top_management, date: {approved}, digest: '{DIGEST}'}}\n"
        if approved
        else ""
    )
    body = "".join(f"      - {item}\n" for item in items)
    return f"kind: plan\nentries:\n  - id: PL-2026\n    fiscal_year: 2026\n{approval}    items:\n{body}"


def findings(repo: Path, code: str, lang: str = "en") -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def codes(repo: Path) -> set[str]:
    return {f["rule"] for f in check_json(repo).json()["findings"]} & {"PML624", "PML625", "PML626", "PML627"}


def test_a_plan_in_order(tmp_path: Path) -> None:
    assert codes(company(tmp_path / "c", **{PLAN: plan_file()})) == set()


def test_plan_approved_after_the_year_started(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", **{PLAN: plan_file("2026-04-01")})
    (found,) = findings(repo, "PML624")
    assert (found["file"], found["entry"], found["path"]) == (PLAN, "PL-2026", "approvals[0].date")
    line, _ = where(repo, PLAN, "date: 2026-04-01")
    assert (found["line"], found["column"]) == (line, where(repo, PLAN, "2026-04-01")[1])
    assert found["message"] == (
        "the annual plan of fiscal year 2026 was approved on 2026-04-01, not before the year started on "
        "2026-04-01: approve next year's plan before it starts"
    )
    (ja,) = findings(repo, "PML624", "ja")
    assert ja["message"].startswith("2026年度の年間計画の承認は 2026-04-01 で")


def test_plan_without_approval(tmp_path: Path) -> None:
    (found,) = findings(company(tmp_path / "c", **{PLAN: plan_file(None)}), "PML624")
    assert (found["path"], found["message"]) == (
        None,
        "the annual plan of fiscal year 2026 has no approval: it is approved before the year starts (2026-04-01)",
    )


def test_plan_without_the_management_review(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", **{PLAN: plan_file(items=[i for i in ITEMS if "management_review" not in i])})
    (found,) = findings(repo, "PML625")
    assert (found["entry"], found["path"]) == ("PL-2026", "items")
    assert found["message"] == (
        "the annual plan of fiscal year 2026 does not plan the management review: add it (items: activity, month)"
    )
    (ja,) = findings(repo, "PML625", "ja")
    assert "マネジメントレビューの予定がありません" in ja["message"] and "management_review" not in ja["message"]


def test_planned_month_passed(tmp_path: Path) -> None:
    items = [i.replace("month: 2026-12", "month: 2026-10") for i in ITEMS]
    repo = company(tmp_path / "c", **{PLAN: plan_file(items=items)})
    (found,) = findings(repo, "PML626")
    assert (found["entry"], found["path"]) == ("PL-2026", "items[4].month")
    line, _ = where(repo, PLAN, "activity: operation_check")
    assert (found["line"], found["column"]) == (line, where(repo, PLAN, "2026-10")[1])
    assert found["message"] == (
        "the operation check planned for 2026-10 (owner: 伊藤 翔太 (ito)) has no done_on: do it and record the "
        "day, or move it to a new month and say why"
    )
    # the near miss: this month (November) has not ended yet
    november = [i.replace("month: 2026-12", "month: 2026-11") for i in ITEMS]
    assert findings(company(tmp_path / "d", **{PLAN: plan_file(items=november)}), "PML626") == []


def test_done_without_its_record(tmp_path: Path) -> None:
    missing = [i.replace(", record: T-2026-01", "") for i in ITEMS]
    (found,) = findings(company(tmp_path / "a", **{PLAN: plan_file(items=missing)}), "PML627")
    assert (found["path"], found["message"]) == (
        "items[0].done_on",
        "the training done on 2026-06-15 names no record (record): give the id of the record that shows it",
    )
    wrong = [i.replace("record: T-2026-01", "record: MR-2025") for i in ITEMS]
    (found,) = findings(company(tmp_path / "b", **{PLAN: plan_file(items=wrong)}), "PML627")
    assert (found["path"], found["message"]) == (
        "items[0].record",
        "record 'MR-2025' is not a record of a training: give the id of the matching record",
    )
    # the near miss: the inventory review has no record kind yet, and its done_on alone is accepted
    assert findings(company(tmp_path / "c", **{PLAN: plan_file()}), "PML627") == []

"""Internal audits (kind: audit_plan, audit_report) on the realistic company and the link from a corrective
action to what found it: PML611 to PML618, each with file, position, entry and message, and a near miss."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers.cli import check_json
from helpers.company import CONFIG, CORRECTIVE, PLANS, REPORTS, TODAY, company, person
from helpers.pms import where

Items = list[dict[str, Any]]


def findings(repo: Path, code: str, lang: str = "en", today: str = TODAY) -> list[dict[str, Any]]:
    result = check_json(repo, "--lang", lang, "--today", today)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def entry(items: Items, entry_id: str) -> dict[str, Any]:
    (found,) = [i for i in items if i["id"] == entry_id]
    return found


def value_at(repo: Path, rel: str, needle: str, value: str, nth: int = 1) -> tuple[int, int]:
    line, column = where(repo, rel, needle, nth)
    text = (repo / rel).read_text(encoding="utf-8").splitlines()[line - 1]
    return line, text.index(value, column - 1) + 1


def test_two_years_of_audits_are_clean(tmp_path: Path) -> None:
    result = check_json(company(tmp_path / "c"))
    assert result.exit_code == 0 and result.json()["findings"] == [], result.stdout


# -- PML612: every department in scope audited ------------------------------------------------------------------
def test_department_not_audited_in_the_year(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", reports=lambda items: items.remove(entry(items, "AR-2025-IT")))
    (found,) = findings(repo, "PML612")
    assert (found["file"], found["entry"], found["path"]) == (PLANS, "AP-2025", "scope[3]")
    assert (found["line"], found["column"]) == value_at(repo, PLANS, "scope: [cs, sales, hr, it]", "it]")
    assert found["message"] == (
        "department it was not audited in fiscal year 2025 (ended 2026-03-31): no audit report for it; audit it "
        "and record the report"
    )
    (ja,) = findings(repo, "PML612", "ja")
    assert ja["message"].startswith("部門 it は 2025年度(2026-03-31 まで)に監査されていません")


def test_current_year_warns_near_its_end(tmp_path: Path) -> None:
    repo = company(tmp_path / "c")
    assert findings(repo, "PML612") == []  # 2026年度's audits are planned for January 2027
    hits = findings(repo, "PML612", today="2027-03-05")
    assert [(f["entry"], f["path"], f["severity"]) for f in hits] == [
        ("AP-2026", f"scope[{i}]", "warning") for i in range(4)
    ]


def test_plan_leaving_out_a_department(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        entry(items, "AP-2026")["scope"] = ["cs", "sales", "hr"]

    (found,) = findings(company(tmp_path / "c", plans=change), "PML612")
    assert (found["entry"], found["path"]) == ("AP-2026", "scope")
    assert found["message"] == (
        "the audit plan of fiscal year 2026 leaves out departments: it; every department is audited"
    )


# -- PML613 and PML614: who audits ------------------------------------------------------------------------------
def test_auditor_audits_own_department(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", reports=lambda items: entry(items, "AR-2025-CS").update(auditor="saito"))
    (found,) = findings(repo, "PML613")
    assert (found["file"], found["entry"], found["path"]) == (REPORTS, "AR-2025-CS", "auditor")
    assert (found["line"], found["column"]) == value_at(repo, REPORTS, "auditor: saito", "saito")
    assert found["message"] == (
        "斎藤 真理 (saito) belongs to department cs and must not audit it: give this department another auditor"
    )


def test_single_department_may_audit_itself(tmp_path: Path) -> None:
    config = CONFIG.replace(
        "  - {id: sales, name: 営業部}\n  - {id: hr, name: 人事総務部}\n  - {id: it, name: 情報システム部}\n", ""
    )

    def everyone_in_cs(staff: Items) -> None:
        for member in staff:
            member["department"] = "cs"

    def cs_only(items: Items) -> None:
        for plan in items:
            plan.update(scope=["cs"], auditors=[{"department": "cs", "auditor": "saito"}])

    def one_report(items: Items) -> None:
        items[:] = [
            entry(items, "AR-2025-CS") | {"auditor": "saito", "findings": entry(items, "AR-2025-HR")["findings"]}
        ]

    def from_cs(items: Items) -> None:
        entry(items, "CA-2025-01")["source_ref"] = "AR-2025-CS"
        entry(items, "CA-2026-01")["source"] = "other"

    def checks_in_cs(items: Items) -> None:
        items[:] = [{k: v for k, v in c.items() if k != "issues"} for c in items if c["department"] == "cs"]

    repo = company(
        tmp_path / "c",
        config=config,
        roster=everyone_in_cs,
        plans=cs_only,
        reports=one_report,
        actions=from_cs,
        checks=checks_in_cs,
    )
    result = check_json(repo)
    assert result.exit_code == 0, [f for f in result.json()["findings"] if f["severity"] == "error"]
    assert findings(repo, "PML613") == []


def test_auditor_without_the_role(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", roster=lambda staff: person(staff, "kato").update(roles=["sysadmin"]))
    hits = findings(repo, "PML614")
    assert [(f["file"], f["entry"], f["path"]) for f in hits] == [
        (PLANS, "AP-2025", "auditors[0].auditor"),
        (PLANS, "AP-2026", "auditors[0].auditor"),
        (REPORTS, "AR-2025-CS", "auditor"),
    ]
    assert hits[0]["message"] == (
        "加藤 彩 (kato) holds neither internal_auditor nor audit_lead: appoint them as an internal auditor first "
        "(roles in people/), or choose another auditor"
    )
    # the near miss: the audit lead may audit too
    lead = company(tmp_path / "d", reports=lambda items: entry(items, "AR-2025-CS").update(auditor="kobayashi"))
    assert findings(lead, "PML614") == []


# -- PML615: the audit lead is not the privacy manager ---------------------------------------------------------
def test_audit_lead_is_the_privacy_manager(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", plans=lambda items: entry(items, "AP-2026").update(lead="nakamura"))
    (found,) = findings(repo, "PML615")
    assert (found["entry"], found["path"]) == ("AP-2026", "lead")
    assert (found["line"], found["column"]) == value_at(repo, PLANS, "lead: nakamura", "nakamura")
    assert found["message"].startswith("the audit lead 中村 由美 (nakamura) is also the privacy manager")
    (ja,) = findings(repo, "PML615", "ja")
    assert ja["message"].startswith("個人情報保護監査責任者 中村 由美(nakamura) が個人情報保護管理者を兼ねています")


# -- PML616: both criteria over the year -----------------------------------------------------------------------
def test_year_without_the_operation_audit(tmp_path: Path) -> None:
    repo = company(tmp_path / "c", plans=lambda items: entry(items, "AP-2025").update(criteria=["conformity"]))
    (found,) = findings(repo, "PML616")
    assert (found["entry"], found["path"]) == ("AP-2025", "criteria")
    assert found["message"] == (
        "the internal audits of fiscal year 2025 do not cover the operation audit: plan both a conformity and "
        "an operation audit"
    )
    (ja,) = findings(repo, "PML616", "ja")
    assert "運用状況監査を行っていません" in ja["message"] and "operation" not in ja["message"]


def test_two_plans_of_one_year_cover_both(tmp_path: Path) -> None:
    def split(items: Items) -> None:
        plan = entry(items, "AP-2026")
        plan["criteria"] = ["conformity"]
        items.append(plan | {"id": "AP-2026-OP", "criteria": ["operation"]})

    assert findings(company(tmp_path / "c", plans=split), "PML616") == []


# -- PML617 and PML611: a nonconformity and its corrective action, both ways ------------------------------------
def test_nonconformity_without_corrective_action(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        entry(items, "AR-2025-HR")["findings"][0].pop("corrective")

    repo = company(tmp_path / "c", reports=change)
    (found,) = findings(repo, "PML617")
    assert (found["entry"], found["path"]) == ("AR-2025-HR", "findings[0]")
    assert (found["line"], found["column"]) == value_at(repo, REPORTS, "{id: F-1, type: nonconformity", "{")
    assert found["message"] == (
        "nonconformity F-1 has no corrective action: record one in corrective/ and name its id here (corrective: ...)"
    )
    # the observation F-2 needs none; and CA-2025-01 is no longer named by the report
    (back,) = findings(repo, "PML611")
    assert (back["entry"], back["path"], back["file"]) == ("CA-2025-01", "source_ref", CORRECTIVE)
    assert back["message"] == (
        "the record 'AR-2025-HR' (audits/reports.yaml) does not name this corrective action: add its id there "
        "(corrective: ...)"
    )


def test_corrective_action_source(tmp_path: Path) -> None:
    missing = company(tmp_path / "a", actions=lambda items: entry(items, "CA-2025-01").pop("source_ref"))
    (found,) = findings(missing, "PML611")
    assert (found["path"], found["message"]) == (
        "source",
        "this corrective action comes from an internal audit but does not say which record (source_ref): name it",
    )
    (ja,) = findings(missing, "PML611", "ja")
    assert ja["message"].startswith("この是正処置は内部監査によるものですが")
    wrong = company(tmp_path / "b", actions=lambda items: entry(items, "CA-2025-01").update(source_ref="T-2025-01"))
    (found,) = findings(wrong, "PML611")
    assert found["message"] == "source_ref 'T-2025-01' is not a record of an internal audit: correct the id"
    # near miss: an action from the assessment body's examination names no record kind this version keeps
    other = company(tmp_path / "c", actions=lambda items: entry(items, "CA-2026-01").update(source="external_audit"))
    assert findings(other, "PML611") == []


_COMPLAINT = (
    "kind: complaint\nentries:\n  - id: CP-2026-01\n    received_on: 2026-05-11\n    category: complaint\n"
    "    summary: 配信停止後も案内が届いたとの苦情\n    responded_on: 2026-05-12\n    closed_on: 2026-05-20\n"
)


def test_corrective_action_from_a_complaint_names_it(tmp_path: Path) -> None:
    def from_complaint(ref: object) -> Callable[[list[dict[str, Any]]], None]:
        def change(items: list[dict[str, Any]]) -> None:
            found = entry(items, "CA-2026-01")
            found["source"] = "complaint"
            found.pop("source_ref", None)
            if ref is not None:
                found["source_ref"] = ref

        return change

    files = {"complaints/complaints.yaml": _COMPLAINT}
    unnamed = company(tmp_path / "a", actions=from_complaint(None), **files)
    (found,) = findings(unnamed, "PML611")
    assert (found["entry"], found["path"], found["file"]) == ("CA-2026-01", "source", CORRECTIVE)
    assert (found["line"], found["column"]) == value_at(unnamed, CORRECTIVE, "source: complaint", "complaint")
    assert found["message"] == (
        "this corrective action comes from a complaint but does not say which record (source_ref): name it"
    )
    (ja,) = findings(unnamed, "PML611", "ja")
    assert ja["message"].startswith(
        "この是正処置は苦情・相談によるものですが、どの記録か(source_ref)が書かれていません"
    )
    unknown = company(tmp_path / "b", actions=from_complaint("CP-2026-09"), **files)
    (found,) = findings(unknown, "PML611")
    assert (found["path"], found["message"]) == (
        "source_ref",
        "source_ref 'CP-2026-09' is not a record of a complaint: correct the id",
    )
    assert (found["line"], found["column"]) == value_at(unknown, CORRECTIVE, "source_ref: CP-2026-09", "CP-2026-09")
    # a complaint record has no field naming its action, so the link is checked one way only
    named = company(tmp_path / "c", actions=from_complaint("CP-2026-01"), **files)
    assert findings(named, "PML611") == []


# -- PML618: reported to top management ------------------------------------------------------------------------
def test_audit_not_reported(tmp_path: Path) -> None:
    def change(items: Items) -> None:
        entry(items, "AR-2025-SALES").pop("reported_to_top_management")
        late = entry(items, "AR-2025-IT")
        late.pop("reported_to_top_management")
        late["date"] = "2026-11-01"  # within 1 month: not due yet (near miss)

    repo = company(tmp_path / "c", reports=change)
    (found,) = findings(repo, "PML618")
    assert (found["entry"], found["path"]) == ("AR-2025-SALES", "date")
    assert (found["line"], found["column"]) == value_at(repo, REPORTS, "date: 2026-01-21", "2026-01-21")
    assert found["message"] == (
        "the audit of 2026-01-21 has not been reported to top management (reported_to_top_management), due "
        "within 1 month, by 2026-02-21"
    )

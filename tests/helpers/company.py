"""A realistic company for the checks of the roster and the PDCA records: 30 people in four departments,
two fiscal years of records (2025年度 and 2026年度, April to March), judged on 2026-11-26 in 2026年度.

Everything is in order as built: every test changes one thing (``people``, ``records`` or a file) and looks
for exactly the finding it causes, and a near miss that causes none. People are plain dicts written out as
block YAML, so that tests find the node they expect with :func:`helpers.pms.where`."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers.pms import catalog_controls
from helpers.repos import make_repo

TODAY = "2026-11-26"

CONFIG = """organization:
  name: 株式会社みどり商事
framework: pmark-2023
language: ja
departments:
  - {id: cs, name: カスタマーサービス部}
  - {id: sales, name: 営業部}
  - {id: hr, name: 人事総務部}
  - {id: it, name: 情報システム部}
rules: {PML205: off, PML302: off, PML306: off, PML736: off}
"""

# (id, name, department, employment, joined, roles)
_STAFF = [
    ("yamamoto", "山本 健一", "hr", "officer", "2010-04-01", ["top_management"]),
    ("nakamura", "中村 由美", "hr", "regular", "2012-04-01", ["privacy_manager", "secretariat"]),
    ("kobayashi", "小林 正樹", "sales", "officer", "2011-04-01", ["audit_lead"]),
    ("saito", "斎藤 真理", "cs", "regular", "2016-04-01", ["internal_auditor"]),
    ("kato", "加藤 彩", "it", "regular", "2017-10-01", ["internal_auditor", "sysadmin"]),
    ("watanabe", "渡辺 恵", "hr", "regular", "2014-04-01", ["education_lead", "department_manager"]),
    ("ito", "伊藤 翔太", "cs", "regular", "2015-04-01", ["department_manager", "complaints_desk"]),
    ("yoshida", "吉田 大輔", "sales", "regular", "2013-04-01", ["department_manager"]),
    ("yamada", "山田 誠", "it", "regular", "2018-04-01", ["department_manager"]),
]
_NAMES = [
    "佐々木 優",
    "山口 陽子",
    "松本 拓也",
    "井上 さくら",
    "木村 亮",
    "林 美穂",
    "清水 健太",
    "山崎 玲奈",
    "森 浩二",
    "阿部 真央",
    "池田 直樹",
    "橋本 愛",
    "山下 隆",
    "石川 春香",
    "中島 蓮",
    "前田 結衣",
    "藤田 悠斗",
    "後藤 彩花",
    "岡田 翼",
    "長谷川 舞",
    "村上 陸",
]
_EMPLOYMENT = ["regular", "regular", "contract", "part_time", "regular", "dispatched", "regular"]
_DEPARTMENTS = ["cs", "sales", "hr", "it"]


def people() -> list[dict[str, Any]]:
    """The roster: nine role holders and 21 staff without a PMS role (s01 to s21). s20 and s21 joined during
    2026年度; s19 left on 2026-06-30."""
    out: list[dict[str, Any]] = [
        {"id": pid, "name": name, "department": dept, "employment": emp, "joined": start, "roles": roles}
        for pid, name, dept, emp, start, roles in _STAFF
    ]
    for number, name in enumerate(_NAMES, start=1):
        person: dict[str, Any] = {
            "id": f"s{number:02d}",
            "name": name,
            "department": _DEPARTMENTS[number % 4],
            "employment": _EMPLOYMENT[number % len(_EMPLOYMENT)],
            "joined": f"{2016 + number % 7}-04-01",
        }
        out.append(person)
    out[-2]["joined"] = "2026-07-01"  # s20
    out[-1]["joined"] = "2026-10-01"  # s21
    out[-3]["left"] = "2026-06-30"  # s19
    return out


def _attending(staff: list[dict[str, Any]], day: str, score: int = 90) -> list[dict[str, Any]]:
    """Everyone on the staff on ``day`` who had joined by then, passed with ``score``."""
    return [
        {"person": p["id"], "score": score, "passed": True}
        for p in staff
        if p["joined"] <= day and ("left" not in p or day < p["left"])
    ]


ALL_TOPICS = ["policy", "importance", "roles", "consequences"]


def trainings() -> list[dict[str, Any]]:
    """Two fiscal years of education: a regular training each year for everyone (s07 missed 2025's and made
    it up in July), and an onboarding training for each of the two who joined in 2026年度."""
    staff = people()
    quiz = {"method": "確認テスト", "pass_mark": 80}
    first = _attending(staff, "2025-06-10")
    first = [a for a in first if a["person"] != "s07"]
    return [
        {
            "id": "T-2025-01",
            "title": "2025年度 個人情報保護教育",
            "type": "regular",
            "date": "2025-06-10",
            "owner": "watanabe",
            "topics": ALL_TOPICS,
            "materials": ["docs/training-2025.md"],
            "quiz": quiz,
            "attendance": first,
            "absentees": [{"person": "s07", "follow_up_by": "2025-07-31", "reason": "出張"}],
        },
        {
            "id": "T-2025-02",
            "title": "2025年度 個人情報保護教育(補講)",
            "type": "regular",
            "date": "2025-07-15",
            "owner": "watanabe",
            "topics": ALL_TOPICS,
            "quiz": quiz,
            "attendance": [{"person": "s07", "score": 85, "passed": True}],
        },
        {
            "id": "T-2026-01",
            "title": "2026年度 個人情報保護教育",
            "type": "regular",
            "date": "2026-06-15",
            "owner": "watanabe",
            "topics": ALL_TOPICS,
            "materials": ["docs/training-2026.md"],
            "quiz": quiz,
            "attendance": _attending(staff, "2026-06-15"),
        },
        {
            "id": "T-2026-OB1",
            "title": "入社時教育",
            "type": "onboarding",
            "date": "2026-07-03",
            "topics": ALL_TOPICS,
            "attendance": [{"person": "s20"}],
        },
        {
            "id": "T-2026-OB2",
            "title": "入社時教育",
            "type": "onboarding",
            "date": "2026-10-05",
            "topics": ALL_TOPICS,
            "attendance": [{"person": "s21"}],
        },
    ]


def correctives() -> list[dict[str, Any]]:
    """A corrective action of 2025年度, done and checked, and one of 2026年度 still open before its due date."""
    return [
        {
            "id": "CA-2025-01",
            "source": "audit",
            "item": "J.9.4",
            "raised_on": "2025-11-05",
            "nonconformity": "委託先1社の年1回の評価が期限切れ",
            "correction": "委託先を評価した",
            "root_cause": "評価期限を管理していなかった",
            "action": "評価期限を点検に加えた",
            "owner": "nakamura",
            "due": "2025-12-31",
            "done_on": "2025-12-10",
            "source_ref": "AR-2025-HR",
            "effectiveness": {"checked_on": "2026-02-10", "by": "nakamura", "result": "effective"},
        },
        {
            "id": "CA-2026-01",
            "source": "operation_check",
            "item": "J.9.2",
            "raised_on": "2026-10-15",
            "nonconformity": "営業部の書類保管庫が施錠されていなかった",
            "correction": "施錠した",
            "root_cause": "最終退出者の確認項目に施錠がなかった",
            "action": "確認項目に施錠を加える",
            "owner": "yoshida",
            "due": "2026-12-31",
            "source_ref": "OC-2026-SALES",
        },
    ]


AUDITORS = [
    {"department": "cs", "auditor": "kato"},
    {"department": "sales", "auditor": "saito"},
    {"department": "hr", "auditor": "saito"},
    {"department": "it", "auditor": "saito"},
]


def audit_plans() -> list[dict[str, Any]]:
    """The plans of 2025年度 (audited in January 2026) and 2026年度 (to be audited in January 2027)."""
    return [
        {
            "id": f"AP-{year}",
            "fiscal_year": year,
            "lead": "kobayashi",
            "scope": ["cs", "sales", "hr", "it"],
            "auditors": copy.deepcopy(AUDITORS),
            "criteria": ["conformity", "operation"],
            "schedule": f"{year + 1}年1月",
        }
        for year in (2025, 2026)
    ]


def audit_reports() -> list[dict[str, Any]]:
    """A report per department for 2025年度; hr's found the nonconformity that CA-2025-01 corrects."""
    out = []
    for day, item in enumerate(AUDITORS, start=20):
        report: dict[str, Any] = {
            "id": f"AR-2025-{item['department'].upper()}",
            "plan": "AP-2025",
            "department": item["department"],
            "date": f"2026-01-{day}",
            "auditor": item["auditor"],
            "checklist": "docs/audit-checklist.md",
        }
        if item["department"] == "hr":
            report["findings"] = [
                {
                    "id": "F-1",
                    "type": "nonconformity",
                    "item": "J.9.4",
                    "text": "委託先の評価が期限切れ",
                    "corrective": "CA-2025-01",
                },
                {"id": "F-2", "type": "observation", "item": "J.4.3", "text": "教材の更新日が不明"},
            ]
        report["reported_to_top_management"] = "2026-02-10"
        out.append(report)
    return out


REVIEW_INPUTS = {
    "previous_actions": "前回の処置は完了",
    "issues_changes": "新しい取引先の増加",
    "nonconformities": "内部監査の不適合1件、是正処置は完了",
    "operation_checks": "四半期ごとの運用の確認で軽微な指摘2件",
    "audit_results": {"summary": "内部監査報告のとおり", "documents": ["docs/audit-checklist.md"]},
    "objectives": "教育の受講率100%",
    "feedback": "苦情2件、対応済み",
    "risk_assessment": "残留リスクを承認",
    "improvement_opportunities": "委託先評価の電子化",
    "law_changes": "改正なし",
}


def reviews() -> list[dict[str, Any]]:
    """The management reviews of 2024年度 and 2025年度 (each in March); 2026年度's is still to come."""
    out = []
    for year, day, done in ((2024, "2025-03-14", "2025-09-30"), (2025, "2026-03-12", "2026-09-15")):
        out.append(
            {
                "id": f"MR-{year}",
                "date": day,
                "attendees": ["yamamoto", "nakamura", "kobayashi"],
                "inputs": copy.deepcopy(REVIEW_INPUTS),
                "outputs": {"improvements": "委託先評価を電子化する", "pms_changes": "なし", "resources": "予算を確保"},
                "actions": [
                    {
                        "id": f"MR-{year}-A1",
                        "text": "委託先評価の電子化",
                        "owner": "nakamura",
                        "due": done,
                        "done_on": done,
                    }
                ],
            }
        )
    return out


MANAGERS = {"cs": "ito", "sales": "yoshida", "hr": "watanabe", "it": "yamada"}


def operation_checks() -> list[dict[str, Any]]:
    """Each department's yearly operation check, in October of 2025 and 2026; sales found the unlocked cabinet
    that CA-2026-01 corrects."""
    out = []
    for year in (2025, 2026):
        for day, (department, manager) in enumerate(MANAGERS.items(), start=13):
            check: dict[str, Any] = {
                "id": f"OC-{year}-{department.upper()}",
                "department": department,
                "date": f"{year}-10-{day}",
                "checker": manager,
                "checklist": "docs/audit-checklist.md",
                "result": "conforming",
                "reported_on": f"{year}-10-31",
            }
            if year == 2026 and department == "sales":
                check["result"] = "issues_found"
                check["issues"] = [{"text": "書類保管庫の施錠漏れ", "corrective": "CA-2026-01"}]
            out.append(check)
    return out


def training(items: list[dict[str, Any]], training_id: str) -> dict[str, Any]:
    (found,) = [t for t in items if t["id"] == training_id]
    return found


def yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def block(kind: str, entries: list[dict[str, Any]]) -> str:
    """A data file: each entry in block style, one key a line; lists of mappings one item a line."""
    lines = [f"kind: {kind}", "entries:"]
    for entry in entries:
        first = True
        for key, value in entry.items():
            lead = "  - " if first else "    "
            first = False
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                lines.append(f"{lead}{key}:")
                lines += [f"      - {yaml_value(item)}" for item in value]
            else:
                lines.append(f"{lead}{key}: {yaml_value(value)}")
    return "\n".join(lines) + "\n"


Change = Callable[[list[dict[str, Any]]], None]


TRAINING = "training/training.yaml"
CORRECTIVE = "corrective/corrective.yaml"
PLANS = "audits/plans.yaml"
REPORTS = "audits/reports.yaml"
REVIEWS = "reviews/reviews.yaml"
CHECKS = "operation-checks/checks.yaml"


def company(
    root: Path,
    *,
    roster: Change | None = None,
    education: Change | None = None,
    actions: Change | None = None,
    plans: Change | None = None,
    reports: Change | None = None,
    meetings: Change | None = None,
    checks: Change | None = None,
    config: str = CONFIG,
    **files: str,
) -> Path:
    """The company as a git repository; ``roster``, ``education``, ``actions``, ``plans``, ``reports`` and
    ``meetings`` and ``checks`` edit the people, trainings, corrective actions, audit plans, audit reports,
    management reviews and operation checks before they are written, ``files`` replace or add files."""
    staff = copy.deepcopy(people())
    if roster is not None:
        roster(staff)
    held = trainings()
    if education is not None:
        education(held)
    corrective = correctives()
    if actions is not None:
        actions(corrective)
    planned, reported = audit_plans(), audit_reports()
    if plans is not None:
        plans(planned)
    if reports is not None:
        reports(reported)
    held_reviews = reviews()
    if meetings is not None:
        meetings(held_reviews)
    checked = operation_checks()
    if checks is not None:
        checks(checked)
    contents = {
        "people/roster.yaml": block("person", staff),
        TRAINING: block("training", held),
        CORRECTIVE: block("corrective", corrective),
        PLANS: block("audit_plan", planned),
        REPORTS: block("audit_report", reported),
        REVIEWS: block("review", held_reviews),
        CHECKS: block("operation_check", checked),
        "docs/audit-checklist.md": "# 内部監査チェックリスト\n",
        "docs/training-2025.md": "# 2025年度 個人情報保護教育\n",
        "docs/training-2026.md": "# 2026年度 個人情報保護教育\n",
        **catalog_controls(proven=True),
        "docs/itaku.md": "# 委託先管理規程\n",
        **files,
    }
    return make_repo(root, contents, config=config)


def person(staff: list[dict[str, Any]], person_id: str) -> dict[str, Any]:
    (found,) = [p for p in staff if p["id"] == person_id]
    return found

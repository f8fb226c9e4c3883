"""A complete, clean PMS repository for the repository-scope checks: a roster with the required roles, a
contractor and the inventory that agree, the whole catalog of controls reviewed and operated. Each test
breaks one thing and looks for exactly the finding it causes (and a near miss that causes none).

Everything was last done on 2026-04-01 with a yearly cadence, so the first thing to fall due is on
2027-04-01 and the first warning (30-day window) comes on 2027-03-02."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers.repos import ROOT, make_repo

CLEAN_TODAYS = ("2026-04-01", "2026-11-26", "2027-03-01")
FIRST_WARNING = "2027-03-02"

CONFIG = """organization:
  name: 株式会社さくらマーケット
  certification: {number: "10820123(03)", expires: 2028-03-31}
framework: pmark-2023
language: en
departments:
  - {id: cs, name: カスタマーサービス部}
  - {id: hr, name: 人事総務部}
approvals: {control: [top_management], contractor: [privacy_manager], inventory: [privacy_manager], person: [top_management]}
rules: {PML736: off}
"""
# The company keeps its risk analysis outside the repository (PML736 off); with_rules adds other rule settings.


def with_rules(config: str, settings: str) -> str:
    """``config`` with ``settings`` (e.g. "PML505: {severity: warning}") added to its ``rules``."""
    return config.replace("rules: {PML736: off}", f"rules: {{PML736: off, {settings}}}")


PEOPLE = """kind: person
entries:
  - id: yamamoto
    name: 山本 一郎
    emails: [yamamoto@sakura-market.example]
    department: hr
    roles: [top_management]
    last_reviewed: 2026-04-01
  - id: nakamura
    name: 中村 花子
    emails: [nakamura@sakura-market.example]
    department: cs
    roles: [privacy_manager]
    last_reviewed: 2026-04-01
  - id: kobayashi
    name: 小林 健
    emails: [kobayashi@sakura-market.example]
    department: hr
    roles: [audit_lead]
    last_reviewed: 2026-04-01
  - id: saito
    name: 斎藤 美咲
    emails: [saito@sakura-market.example]
    department: cs
    roles: [internal_auditor]
    last_reviewed: 2026-04-01
"""

CONTRACTORS = """kind: contractor
entries:
  - id: C-001
    name: ヤマネコ運輸株式会社
    service: 商品の配送
    country: JP
    owner: nakamura
    entrusted_data: [PI-CS-001]
    certifications:
      - {type: pmark, number: "10860001(04)", expires: 2028-03-31}
    evaluation: {date: 2026-04-01, result: pass, evaluator: nakamura}
    contract:
      signed: 2025-04-01
      expires: 2028-03-31
      clauses:
        responsibilities: true
        security_measures: true
        subcontracting: true
        reporting: true
        audit_rights: true
        breach_measures: true
        incident_reporting: true
        end_of_contract: true
    last_reviewed: 2026-04-01
"""

INVENTORY = """kind: inventory
entries:
  - id: PI-CS-001
    name: 顧客情報
    department: cs
    owner: nakamura
    data_items: [氏名, 住所, 電話番号, メールアドレス]
    purpose: 商品の発送と問合せへの対応
    access: [nakamura, saito]
    retention: {period: P5Y, basis: 社内規程}
    disposal: システムから削除
    entrusted_to: [C-001]
    overseas:
      - {country: US, recipient: Kitebird Mail, basis: equivalent_system, last_checked: 2026-04-01}
    last_reviewed: 2026-04-01
  - id: PI-CS-002
    name: 問合せ記録
    department: cs
    owner: nakamura
    data_items: [氏名, 問合せ内容]
    purpose: 問合せへの対応
    retention: {period: P3Y, basis: 社内規程}
    disposal: システムから削除
    last_reviewed: 2026-04-01
"""


def catalog_controls(*, proven: bool = False) -> dict[str, str]:
    """The shipped catalog as a company keeps it: every item reviewed, every recurring task done. ``proven``:
    the company keeps the records that prove some tasks (record_kind), so those carry no last_done."""
    out = {}
    for path in sorted((ROOT / "controls").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data["entries"]:
            entry["status"] = "fit"
            entry["owner"] = "nakamura"
            entry["last_reviewed"] = "2026-04-01"
            for task in entry.get("recurring", []):
                task.update(owner="nakamura", last_done="2026-04-01")
                if proven and "record_kind" in task:
                    del task["last_done"]
            if entry["id"] == "J.9.4":
                entry["documents"] = [{"title": "委託先管理規程", "path": "docs/itaku.md"}]
        out[f"controls/{path.name}"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return out


def clean_files() -> dict[str, str]:
    return {
        "people/roster.yaml": PEOPLE,
        "contractors/contractors.yaml": CONTRACTORS,
        "inventory/cs.yaml": INVENTORY,
        "docs/itaku.md": "# 委託先管理規程\n",
        **catalog_controls(),
    }


def pms(root: Path, *, config: str = CONFIG, **changes: str) -> Path:
    """The clean repository with some files replaced: pms(tmp, **{"inventory/cs.yaml": text})."""
    return make_repo(root, {**clean_files(), **changes}, config=config)


def where(repo: Path, rel: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """(line, column) of the nth occurrence of ``needle`` in a file: how a test names the node it expects."""
    seen = 0
    for number, line in enumerate((repo / rel).read_text(encoding="utf-8").splitlines(), start=1):
        column = line.find(needle)
        if column >= 0:
            seen += 1
            if seen == nth:
                return number, column + 1
    raise AssertionError(f"{needle!r} not in {rel}")

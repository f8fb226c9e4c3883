"""Approval family (PML4xx): who may approve what.

Today this family checks the approvers of waivers in pmarklint.yaml (in :mod:`pmarklint.waivers`): a waiver
silences a finding only when a person allowed to approve that kind of entry approved it.
"""

from __future__ import annotations

from pmarklint.findings import Severity
from pmarklint.rules import Example, Rule, Scope

_CONFIG = """organization: {{name: 株式会社テスト}}
framework: pmark-2023
departments:
  - {{id: cs, name: カスタマーサービス部}}
waivers:
  - {{rule: PML303, entry: C-001, reason: 再評価を2月に実施予定, approved_by: {approver}, expires: 2027-02-28}}
"""
_PEOPLE = """kind: person
entries:
  - id: nakamura
    name: 中村 花子
    roles: [privacy_manager]
  - id: ito
    name: 伊藤 次郎
    roles: [complaints_desk]
"""
_CONTRACTOR = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 配送
    evaluation: {date: 2025-04-01, result: pass}
"""


def _example(approver: str) -> Example:
    return Example(
        {
            "pmarklint.yaml": _CONFIG.format(approver=approver),
            "people/people.yaml": _PEOPLE,
            "contractors/c.yaml": _CONTRACTOR,
        }
    )


RULES = (
    Rule(
        "PML402",
        "approver-not-allowed",
        Severity.ERROR,
        Scope.REPOSITORY,
        "approvals",
        bad=_example("ito"),
        good=_example("nakamura"),
        requirement="J.2.3.1",
    ),
)

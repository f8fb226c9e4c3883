"""A small repository for the approval workflow: a roster with a privacy manager (nakamura) and a member of
staff (ito), a contractor ledger whose approvals pmarklint.yaml requires."""

from __future__ import annotations

from helpers.repos import FULL_CONFIG

CONFIG = FULL_CONFIG + "require_approvals: {contractor: error}\nrules: {PML205: off, PML302: off, PML502: off}\n"
PEOPLE = """kind: person
entries:
  - id: nakamura
    name: 中村 花子
    emails: [nakamura@example.test]
    department: cs
    roles: [privacy_manager]
  - id: ito
    name: 伊藤 次郎
    emails: [ito@example.test]
    department: cs
    roles: [complaints_desk]
"""
CONTRACTOR = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 配送
    evaluation: {date: 2026-04-01, result: pass, evaluator: nakamura}
    contract:
      signed: 2026-04-01
      clauses: {responsibilities: true, security_measures: true, subcontracting: true, reporting: true,
                audit_rights: true, breach_measures: true, incident_reporting: true, end_of_contract: true}
"""
ITO = "Jiro Ito <ito@example.test>"
NAKAMURA = "Hanako Nakamura <nakamura@example.test>"

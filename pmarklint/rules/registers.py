"""Registers family (PML7xx): the registers of the management system where a missed deadline is a breach of
the P-mark rules (and, for incidents, of the law): incidents and emergencies (事故・緊急事態,
:mod:`pmarklint.rules.incidents`), requests from data subjects (開示等の請求,
:mod:`pmarklint.rules.requests`), emergency drills (緊急事態への準備の訓練, :mod:`pmarklint.rules.drills`),
complaints and consultations (苦情・相談, :mod:`pmarklint.rules.complaints`), disposals (廃棄記録,
:mod:`pmarklint.rules.disposals`) and the risk register (リスク分析・対策, :mod:`pmarklint.rules.risks`, reviewed
yearly, docs/risks.md), and the controls marked in operation without their yearly records
(:mod:`pmarklint.rules.evidence_gaps`, docs/evidence.md). Each register is a ``kind`` of its own, a record in
the sense of docs/records.md (made once, never "reviewed"); its checks read the one repository index and judge
against ``--today``. Every deadline a check applies is a setting of pmarklint.yaml with a default whose source
docs/incidents.md gives, and every deadline finding says the day it counted from, the deadline and today
(:mod:`pmarklint.rules.deadlines`).
"""

from __future__ import annotations

from pmarklint.rules import complaints, disposals, drills, evidence_gaps, incidents, requests, risks
from pmarklint.rules.context import Context

RULES = (
    *incidents.RULES,
    *requests.RULES,
    *drills.RULES,
    *complaints.RULES,
    *disposals.RULES,
    *risks.RULES,
    *evidence_gaps.RULES,
)


def check(ctx: Context) -> None:
    incidents.check(ctx)
    requests.check(ctx)
    drills.check(ctx)
    complaints.check(ctx)
    disposals.check(ctx)
    risks.check(ctx)
    evidence_gaps.check(ctx)

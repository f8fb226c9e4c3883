"""Registers family (PML7xx): the registers of the management system where a missed deadline is a breach of
the P-mark rules (and, for incidents, of the law): incidents and emergencies (事故・緊急事態,
:mod:`pmarklint.rules.incidents`), requests from data subjects (開示等の請求,
:mod:`pmarklint.rules.requests`), and the risk register (リスク分析・対策, :mod:`pmarklint.rules.risks`,
reviewed yearly, docs/risks.md). Each register is a ``kind`` of its own, a record in the sense of
docs/records.md; its checks read the one repository index and judge against ``--today``. Every deadline a
check applies is a setting of pmarklint.yaml with a default whose source docs/incidents.md gives, and every
deadline finding says the day it counted from, the deadline and today.
"""

from __future__ import annotations

from pmarklint.rules import incidents, requests, risks
from pmarklint.rules.context import Context

RULES = (*incidents.RULES, *requests.RULES, *risks.RULES)


def check(ctx: Context) -> None:
    incidents.check(ctx)
    requests.check(ctx)
    risks.check(ctx)

"""Complaints and consultations (苦情・相談, J.11), PML712 to PML715: a response within the company's standard
(``complaints.respond_within``, default P14D, the same two weeks as for requests: no rule sets a number and the
examiners compare each complaint with the company's own standard), the complaint closed within
``complaints.close_within`` (default P30D) of its receipt, and the record a complaint turns into: a suspected
incident (``category: suspected_incident``) names its incident record (``incident``), a request
(``category: request``) its request record (``request``). That the ids exist and name an incident and a request
is PML201's part.

A response or a closing not made yet is a warning up to and including its deadline and an error after it; one
made after its deadline is an error.
"""

from __future__ import annotations

from pmarklint.dates import parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.deadlines import deadline, within
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE

RESPOND_WITHIN = "P14D"
CLOSE_WITHIN = "P30D"

_INVENTORY = """kind: inventory
entries:
  - id: PI-001
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
    retention: {period: P5Y, basis: 社内規程}
    disposal: システムから削除
"""
_INCIDENT = """kind: incident
entries:
  - id: INC-2026-01
    discovered_on: 2026-11-05
    type: misdelivery
    description: 顧客あての納品書を別の顧客に誤って送付した
    inventory: [PI-001]
    count: 1
    owner: nakamura
    reports: {pmark: {final_on: 2026-11-20}}
    prevention: CA-2026-05
"""
_CORRECTIVE = """kind: corrective
entries:
  - id: CA-2026-05
    source: incident
    source_ref: INC-2026-01
    nonconformity: 宛先の確認をせずに発送した
    root_cause: 発送前の照合の手順がなかった
    owner: nakamura
    due: 2026-12-31
"""
_REQUEST = """kind: request
entries:
  - id: RQ-2026-01
    received_on: 2026-11-02
    type: suspension
    identity_check: {method: 登録済みのメールアドレスへの確認, on: 2026-11-03}
    decision: full
    responded_on: 2026-11-06
    owner: nakamura
"""


def _example(extra: str, received: str = "2026-11-02", category: str = "complaint") -> dict[str, str]:
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "inventory/inventory.yaml": _INVENTORY,
        "incidents/incidents.yaml": _INCIDENT,
        "corrective/corrective.yaml": _CORRECTIVE,
        "requests/requests.yaml": _REQUEST,
        "complaints/complaints.yaml": "kind: complaint\nentries:\n  - id: CP-2026-01\n"
        f"    received_on: {received}\n    channel: 電話\n    category: {category}\n"
        "    summary: 注文していない商品の案内メールが届くとの苦情\n    inventory: [PI-001]\n"
        "    handler: nakamura\n    owner: nakamura\n" + extra,
    }


_DONE = "    responded_on: 2026-11-06\n    closed_on: 2026-11-20\n"

RULES = (
    Rule(
        "PML712",
        "complaint-response-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_DONE.replace("2026-11-06", "2026-11-18"))),
        good=Example(_example(_DONE)),
        requirement="J.11",
    ),
    Rule(
        "PML713",
        "complaint-open",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example("    responded_on: 2026-10-06\n", received="2026-10-05")),
        good=Example(_example("    responded_on: 2026-10-06\n    closed_on: 2026-10-30\n", received="2026-10-05")),
        requirement="J.11",
    ),
    Rule(
        "PML714",
        "complaint-incident-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_DONE, category="suspected_incident")),
        good=Example(_example(_DONE + "    incident: INC-2026-01\n", category="suspected_incident")),
        requirement="J.11",
    ),
    Rule(
        "PML715",
        "complaint-request-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_DONE, category="request")),
        good=Example(_example(_DONE + "    request: RQ-2026-01\n", category="request")),
        requirement="J.11",
    ),
)


def check(ctx: Context) -> None:
    respond = within(ctx, "complaints", "respond_within", RESPOND_WITHIN)
    close = within(ctx, "complaints", "close_within", CLOSE_WITHIN)
    for ref in ctx.entries("complaint"):
        received = parse_date(ref.data.get("received_on"))
        if not active(ref) or received is None or received > ctx.today:
            continue
        start = ("received_on",)
        deadline(ctx, ref, "PML712", received, respond, start, ("responded_on",))
        deadline(ctx, ref, "PML713", received, close, start, ("closed_on",))
        category = ref.data.get("category")
        for code, wanted, field in (("PML714", "suspected_incident", "incident"), ("PML715", "request", "request")):
            if category == wanted and not ref.data.get(field):
                ctx.report(code, ref, ("category",), f"{code}.missing", received=str(received))

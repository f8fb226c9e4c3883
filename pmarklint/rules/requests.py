"""Requests from data subjects (開示等の請求, J.10), PML707 to PML710: a response within the company's standard
(``requests.respond_within``, default P14D: the law says 遅滞なく, without delay, and leaves the standard to the
company), the identity checked before the response, a reason for a partial or refused decision, and the data
concerned recorded in the inventory as retained personal data (保有個人データ, ``retained_personal_data``).

A withdrawn request (``decision: withdrawn``) owes no response. A response not made yet is a warning up to and
including its deadline and an error after it; a response made after its deadline is an error.
"""

from __future__ import annotations

from pmarklint.dates import parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.deadlines import deadline, within
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE

RESPOND_WITHIN = "P14D"

_INVENTORY = """kind: inventory
entries:
  - id: PI-001
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
    retention: {period: P5Y, basis: 社内規程}
    disposal: システムから削除
    retained_personal_data: true
"""


def _example(extra: str, received: str = "2026-11-02", retained: bool = True) -> dict[str, str]:
    inventory = _INVENTORY if retained else _INVENTORY.replace("    retained_personal_data: true\n", "")
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "inventory/inventory.yaml": inventory,
        "requests/requests.yaml": "kind: request\nentries:\n  - id: RQ-2026-01\n"
        f"    received_on: {received}\n    type: disclosure\n    inventory: [PI-001]\n    owner: nakamura\n" + extra,
    }


_ANSWERED = (
    "    identity_check: {method: 運転免許証の写し, on: 2026-11-04}\n    decision: full\n    responded_on: 2026-11-10\n"
)

RULES = (
    Rule(
        "PML707",
        "request-response-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_ANSWERED.replace("2026-11-10", "2026-11-20"))),
        good=Example(_example(_ANSWERED)),
        requirement="J.10",
    ),
    Rule(
        "PML708",
        "request-identity-unchecked",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_ANSWERED.replace("on: 2026-11-04", "on: 2026-11-12"))),
        good=Example(_example(_ANSWERED)),
        requirement="J.10",
    ),
    Rule(
        "PML709",
        "request-reason-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_ANSWERED.replace("full", "partial"))),
        good=Example(
            _example(_ANSWERED.replace("full", "partial") + "    reason: 他の顧客の個人情報を含む部分を除いた\n")
        ),
        requirement="J.10",
    ),
    Rule(
        "PML710",
        "request-not-retained-data",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_ANSWERED, retained=False)),
        good=Example(_example(_ANSWERED)),
        requirement="J.10",
    ),
)


def check(ctx: Context) -> None:
    period = within(ctx, "requests", "respond_within", RESPOND_WITHIN)
    for ref in ctx.entries("request"):
        received = parse_date(ref.data.get("received_on"))
        if not active(ref) or received is None or received > ctx.today:
            continue
        decision = ref.data.get("decision")
        responded = parse_date(ref.data.get("responded_on"))
        if decision != "withdrawn":
            deadline(ctx, ref, "PML707", received, period, ("received_on",), ("responded_on",))
        check_on = ref.data.get("identity_check")
        checked = parse_date(check_on.get("on")) if isinstance(check_on, dict) else None
        if responded is not None and decision != "withdrawn":
            if checked is None:
                ctx.report("PML708", ref, ("responded_on",), "PML708.missing", responded=str(responded))
            elif checked > responded:
                at = ("identity_check", "on")
                ctx.report("PML708", ref, at, "PML708.after", responded=str(responded), checked=str(checked))
        if decision in ("partial", "refused") and not ref.data.get("reason"):
            ctx.report("PML709", ref, ("decision",), "PML709.missing", decision=decision)
        _retained(ctx, ref)


def _retained(ctx: Context, ref: EntryRef) -> None:
    ids = ref.data.get("inventory")
    for index, item in enumerate(ids if isinstance(ids, list) else []):
        target = ctx.index.by_id.get(item) if isinstance(item, str) else None
        if target is not None and target.kind == "inventory" and target.data.get("retained_personal_data") is not True:
            ctx.report("PML710", ref, ("inventory", index), "PML710.not_retained", id=item, file=target.file)

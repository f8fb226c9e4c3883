"""The risk register (リスク分析・対策, J.3.1.3 and J.3.1.4), PML730 to PML736: each active inventory entry is
assessed in every phase of its lifecycle (acquisition, transfer, use, storage, disposal: 取得・入力, 移送・送信,
利用・加工, 保管・バックアップ, 消去・廃棄), or the phase is marked not applicable with a reason; the residual
risk is accepted by top management, except a risk of breaking the law, which cannot be left as residual risk;
each assessment is reviewed within ``review.every.risk`` (default P1Y); and an assessment records the digest of
the inventory entry it assessed (``assessed_digest``), so that an entry changed since is assessed again.

A risk is an entry of its own (kind ``risk``, folder ``risks/``), one per inventory entry and phase (several
when a phase has several risks). The former ``risks`` list of an inventory entry is reported (PML735) until it
is moved with ``pmarklint migrate risks`` (docs/risks.md). The phases are checked once the repository keeps a
risk register (at least one risk entry); an inventory with no risk entry at all is one warning (PML736).
"""

from __future__ import annotations

from typing import Any

from pmarklint.approvals.digest import digest
from pmarklint.dates import judge, parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE

PHASES = ("acquisition", "transfer", "use", "storage", "disposal")
TOP_MANAGEMENT = "top_management"
LEGAL = "legal_violation"
MOST_FIELDS = 8  # fields named in a PML734 message; more are counted

_PI = {
    "id": "PI-001",
    "name": "顧客情報",
    "department": "cs",
    "data_items": ["氏名", "住所"],
    "purpose": "商品の発送",
    "retention": {"period": "P5Y", "basis": "社内規程"},
    "disposal": "システムから削除",
}
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
DIGEST = digest(_PI)
_ACCEPTED = "    residual: low\n    accepted_by: yamamoto\n    accepted_on: 2026-05-01\n"


def _risk(number: int, phase: str, body: str) -> str:
    return (
        f"  - id: RA-{number}\n    inventory: PI-001\n    phase: {phase}\n{body}"
        f'    assessed_digest: "{DIGEST}"\n    reviewed_on: 2026-05-01\n'
    )


_ASSESSED = "    threats: [leak]\n    measures: [{text: 発送前に宛先を照合する}]\n"
_NOT_APPLICABLE = "    not_applicable: {reason: 委託先にも社外にも送らない}\n"


def _example(
    transfer: str = _NOT_APPLICABLE,
    storage: str = _ASSESSED + _ACCEPTED,
    inventory: str = _INVENTORY,
    replace: tuple[str, str] = ("", ""),
) -> dict[str, str]:
    risks = "kind: risk\nentries:\n" + "".join(
        _risk(n, phase, body)
        for n, (phase, body) in enumerate(
            (
                ("acquisition", _ASSESSED + _ACCEPTED),
                ("transfer", transfer),
                ("use", _ASSESSED + _ACCEPTED),
                ("storage", storage),
                ("disposal", _ASSESSED + _ACCEPTED),
            ),
            start=1,
        )
        if body
    )
    return {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "inventory/inventory.yaml": inventory,
        "risks/risks.yaml": risks.replace(*replace) if replace[0] else risks,
    }


_REVIEWED = "reviewed_on: {}-05-01\n  - id: RA-4"
_LEGAL = "    threats: [legal_violation]\n    measures: [{text: 取得前に利用目的を通知する}]\n"

RULES = (
    Rule(
        "PML730",
        "risk-phase-unassessed",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(transfer="")),
        good=Example(_example()),
        requirement="J.3.1.3",
    ),
    Rule(
        "PML731",
        "residual-risk-unaccepted",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(storage=_ASSESSED + _ACCEPTED.replace("yamamoto", "nakamura"))),
        good=Example(_example()),
        requirement="J.3.1.4",
    ),
    Rule(
        "PML732",
        "legal-risk-accepted",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(storage=_LEGAL + _ACCEPTED)),
        good=Example(_example(storage=_LEGAL)),
        requirement="J.3.1.4",
    ),
    Rule(
        "PML733",
        "risk-review-overdue",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(
            _example(replace=("reviewed_on: 2026-05-01\n  - id: RA-4", "reviewed_on: 2025-05-01\n  - id: RA-4"))
        ),
        good=Example(_example()),
        requirement="J.3.1.3",
    ),
    Rule(
        "PML734",
        "risk-reassessment-needed",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(
            _example(inventory=_INVENTORY.replace("data_items: [氏名, 住所]", "data_items: [氏名, 住所, 電話番号]"))
        ),
        good=Example(_example()),
        requirement="J.3.1.3",
    ),
    Rule(
        "PML735",
        "inventory-risks-not-migrated",
        Severity.WARNING,
        Scope.REPOSITORY,
        "registers",
        bad=Example(
            _example(inventory=_INVENTORY + "    risks:\n      - {phase: 保管, threat: 紛失, residual: low}\n")
        ),
        good=Example(_example()),
        requirement="J.3.1.3",
    ),
    Rule(
        "PML736",
        "risk-register-missing",
        Severity.WARNING,
        Scope.REPOSITORY,
        "registers",
        bad=Example({**_example(), "risks/risks.yaml": "kind: risk\nentries: []\n"}),
        good=Example(_example()),
        requirement="J.3.1.3",
    ),
)


def check(ctx: Context) -> None:
    covered: dict[str, set[str]] = {}
    for ref in ctx.entries("risk"):
        if not active(ref):
            continue
        target = _inventory(ctx, ref)
        phase = ref.data.get("phase")
        if target is not None and isinstance(phase, str):
            covered.setdefault(target.id or "", set()).add(phase)
        if target is not None and not active(target):
            continue  # the data is no longer handled: its risks are history
        if "not_applicable" not in ref.data:
            _residual(ctx, ref)
        _review(ctx, ref)
        if target is not None:
            _assessed(ctx, ref, target)
    kept = _register_kept(ctx)
    inventory = [ref for ref in ctx.entries("inventory") if active(ref)]
    for ref in inventory:
        if "risks" in ref.data:
            ctx.report("PML735", ref, ("risks",), "PML735.legacy", at_key=True, count=_count(ref.data["risks"]))
        if not kept:
            continue
        missing = [phase for phase in PHASES if phase not in covered.get(ref.id or "", set())]
        if missing:
            ctx.report("PML730", ref, (), "PML730.missing", phases=missing, id=ref.id or "?")
    if not kept and inventory and not any("risks" in ref.data for ref in inventory):
        # no risk register at all: one reminder, at the first entry, rather than one error per entry and phase
        folder = ctx.config.folders["risk"] + "/"
        first = inventory[0]
        ctx.report("PML736", first, (), "PML736.none", count=len(inventory), folder=folder)


def _register_kept(ctx: Context) -> bool:
    """Whether the repository keeps a risk register: at least one risk entry. Until the first risk is
    recorded the inventory is not checked phase by phase: a repository that keeps an inventory and no risk at
    all gets one warning (PML736), the examiner's first question, rather than five errors per entry on
    the day it starts; an inventory that still records its risks in the former risks lists is PML735, whose
    fix, the migration, starts the register."""
    return any(True for _ in ctx.entries("risk"))


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 1


def _inventory(ctx: Context, ref: EntryRef) -> EntryRef | None:
    """The inventory entry the risk assesses (None: unknown, which the reference checks report)."""
    name = ref.data.get("inventory")
    target = ctx.index.by_id.get(name) if isinstance(name, str) else None
    return target if target is not None and target.kind == "inventory" else None


def _top_management(ctx: Context, person_id: str) -> bool:
    person = ctx.index.by_id.get(person_id)
    return (
        person is not None
        and person.kind == "person"
        and active(person)
        and TOP_MANAGEMENT in (person.data.get("roles") or [])
    )


def _residual(ctx: Context, ref: EntryRef) -> None:
    data = ref.data
    threats = data.get("threats")
    residual = data.get("residual")
    accepted_by = data.get("accepted_by")
    if isinstance(threats, list) and LEGAL in threats:
        if residual is not None or accepted_by is not None:
            at = ("accepted_by",) if accepted_by is not None else ("residual",)
            ctx.report("PML732", ref, at, "PML732.accepted")
        return
    if residual is None:
        ctx.report("PML731", ref, (), "PML731.no_residual")
    elif not isinstance(accepted_by, str) or not data.get("accepted_on"):
        ctx.report("PML731", ref, ("residual",), "PML731.unaccepted", residual=residual)
    elif not _top_management(ctx, accepted_by):
        ctx.report("PML731", ref, ("accepted_by",), "PML731.not_top", person=accepted_by, residual=residual)


def _review(ctx: Context, ref: EntryRef) -> None:
    if "reviewed_on" not in ref.data:
        ctx.report("PML733", ref, (), "PML733.never")
        return
    last = parse_date(ref.data.get("reviewed_on"))
    if last is None or last > ctx.today:
        return  # a schema or future-date finding already
    every = ctx.review_every("risk")
    text = ((ctx.config.data.get("review") or {}).get("every") or {}).get("risk", "P1Y")
    due = judge(every.after(last), ctx.today, ctx.window)
    words: dict[str, Any] = {"last": str(last), "every": str(text), "due": str(due.due)}
    if due.state == "overdue":
        ctx.report("PML733", ref, ("reviewed_on",), "PML733.overdue", **words)
    elif due.state == "soon":
        ctx.report("PML733", ref, ("reviewed_on",), "PML733.soon", severity=Severity.WARNING, **words)


def _assessed(ctx: Context, ref: EntryRef, target: EntryRef) -> None:
    """PML734: the inventory entry is the one that was assessed (its digest is ``assessed_digest``)."""
    now = ctx.digest(target)
    recorded = ref.data.get("assessed_digest")
    words: dict[str, Any] = {"id": target.id or "?", "file": target.file, "digest": now}
    if not isinstance(recorded, str):
        ctx.report("PML734", ref, (), "PML734.unrecorded", **words)
        return
    if recorded == now:
        return
    fields = ctx.changed_since_digest(target, recorded)  # where the run reads git history, it can tell
    at = ("assessed_digest",)
    if fields:
        more = len(fields) - MOST_FIELDS
        shown = ", ".join(fields[:MOST_FIELDS]) + (f" (+{more})" if more > 0 else "")
        ctx.report("PML734", ref, at, "PML734.fields", fields=shown, **words)
    else:
        ctx.report("PML734", ref, at, "PML734.changed", **words)

"""Organisation and domain family (PML5xx): the roster's roles, the contract clauses the standard requires,
retention and disposal, and real personal data typed into a ledger by mistake.

PML503 to PML505 need only the file they are in, so they run while a file is loaded and are cached with it;
PML501 and PML502 read the whole roster. ``rules.PML505.allow`` in pmarklint.yaml lists known false
positives (exact text or a pattern such as ``*@example.co.jp``): a listed hit is no finding at all (the
options are part of a file's cache key, :attr:`pmarklint.workspace.config.Config.rule_options`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pmarklint.documents.loader import Document, dotted
from pmarklint.findings import Finding, Severity, finding
from pmarklint.rules.context import Context, active
from pmarklint.rules.personal_data import find_personal_data, is_allowed, may_hold_personal_data
from pmarklint.rules.rule import Example, Rule, Scope

CLAUSES = (
    "responsibilities",
    "security_measures",
    "subcontracting",
    "reporting",
    "audit_rights",
    "breach_measures",
    "incident_reporting",
    "end_of_contract",
)
REQUIRED_ROLES = ("top_management", "privacy_manager", "audit_lead")
# Pairs of roles one person must not hold together: the auditor cannot audit their own management.
CONFLICTS = (("privacy_manager", "audit_lead"), ("top_management", "audit_lead"))
# Fields where an e-mail address or key is expected, not personal data typed by mistake.
_EXPECTED = {"person": (("emails",), ("signing_keys",))}

_PEOPLE = """kind: person
entries:
  - id: yamamoto
    name: 山本 一郎
    roles: [top_management]
  - id: nakamura
    name: 中村 花子
    roles: [{roles}]
  - id: kobayashi
    name: 小林 健
    roles: [{audit}]
"""


def _people(roles: str = "privacy_manager", audit: str = "audit_lead") -> dict[str, str]:
    return {"people/people.yaml": _PEOPLE.format(roles=roles, audit=audit)}


def _clauses(audit_rights: str) -> str:
    return "".join(f"          {name}: {'true' if name != 'audit_rights' else audit_rights}\n" for name in CLAUSES)


def _contractor(audit_rights: str) -> dict[str, str]:
    return {
        "contractors/c.yaml": "kind: contractor\nentries:\n  - id: C-001\n    name: 配送株式会社\n    service: 配送\n"
        "    contract:\n      signed: 2026-04-01\n      clauses:\n" + _clauses(audit_rights)
    }


def _inventory(extra: str) -> dict[str, str]:
    return {
        "inventory/cs.yaml": "kind: inventory\nentries:\n  - id: PI-001\n    name: 顧客情報\n    department: cs\n"
        "    data_items: [氏名, 電話番号]\n    purpose: 商品の発送\n" + extra
    }


RULES = (
    Rule(
        "PML501",
        "role-conflict",
        Severity.ERROR,
        Scope.REPOSITORY,
        "organisation",
        bad=Example(_people(roles="privacy_manager, audit_lead", audit="internal_auditor")),
        good=Example(_people()),
        requirement="J.2.3.2",
    ),
    Rule(
        "PML502",
        "role-unassigned",
        Severity.WARNING,
        Scope.REPOSITORY,
        "organisation",
        bad=Example(_people(audit="internal_auditor")),
        good=Example(_people()),
        requirement="J.2.3.2",
    ),
    Rule(
        "PML503",
        "contract-clauses",
        Severity.ERROR,
        Scope.FILE,
        "organisation",
        bad=Example(_contractor("false")),
        good=Example(_contractor("true")),
        requirement="J.9.4",
    ),
    Rule(
        "PML504",
        "retention-unset",
        Severity.ERROR,
        Scope.FILE,
        "organisation",
        bad=Example(_inventory("    disposal: システムから削除\n")),
        good=Example(_inventory("    retention: {period: P5Y, basis: 社内規程}\n    disposal: システムから削除\n")),
        requirement="J.3.1.1",
    ),
    Rule(
        "PML505",
        "personal-data",
        Severity.ERROR,
        Scope.FILE,
        "organisation",
        bad=Example(_inventory("    notes: 問合せは担当の山田(090-1234-5678)まで\n")),
        good=Example(_inventory("    notes: 問合せはカスタマーサービス部の担当者まで\n")),
        requirement="J.9.2",
    ),
)


def check_document(kind: str, document: Document, rel: str, options: Mapping[str, Mapping[str, Any]]) -> list[Finding]:
    out: list[Finding] = []
    allow = (options.get("PML505") or {}).get("allow") or ()
    entries = document.data.get("entries") if isinstance(document.data, dict) else None
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or entry.get("status") == "retired":
            continue
        entry_id = entry.get("id") if isinstance(entry.get("id"), str) else None

        def report(
            code: str, sub: tuple[Any, ...], key: str, index: int = index, entry_id: Any = entry_id, **args: Any
        ) -> None:
            line, column = document.position(("entries", index, *sub))
            out.append(finding(code, rel, line, column, key, entry=entry_id, path=dotted(sub) or None, **args))

        if kind == "contractor":
            _contract(entry, report)
        elif kind == "inventory":
            _retention(entry, report)
        _personal_data(kind, entry, (), report, allow)
    return out


def _contract(entry: dict[str, Any], report: Any) -> None:
    contract = entry.get("contract")
    if not isinstance(contract, dict):
        report("PML503", (), "PML503.no_contract")
        return
    clauses = contract.get("clauses")
    clauses = clauses if isinstance(clauses, dict) else {}
    missing = [name for name in CLAUSES if clauses.get(name) is not True]
    if missing:
        written_false = [name for name in missing if name in clauses]  # point at the clause that says false
        at = ("contract", "clauses", written_false[0]) if written_false else ("contract", "clauses")
        report(
            "PML503",
            at if "clauses" in contract else ("contract",),
            "PML503.missing",
            clauses=tuple(missing),
            count=len(missing),
        )


def _retention(entry: dict[str, Any], report: Any) -> None:
    retention = entry.get("retention")
    if not (isinstance(retention, dict) and retention.get("period")):
        report("PML504", ("retention",) if "retention" in entry else (), "PML504.retention")
    if not entry.get("disposal"):
        report("PML504", (), "PML504.disposal")


def _personal_data(kind: str, value: Any, sub: tuple[Any, ...], report: Any, allow: Iterable[str]) -> None:
    """Every text value inside ``value``, depth first, without recursion (entries can be large). Approvals
    hold ids, roles, dates and hex digests, never free text: a digest's run of digits is no phone number.
    A hit that ``allow`` lists (``rules.PML505.allow``: known false positives) is no finding."""
    if not may_hold_personal_data(_texts(value)):
        return  # the walk below builds a path for every value: only for an entry that may hold a hit
    skip = _EXPECTED.get(kind, ())
    stack: list[tuple[tuple[Any, ...], Any]] = [(sub, value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            for hit in find_personal_data(item):
                if allow and is_allowed(hit.text, allow):
                    continue
                report("PML505", path, f"PML505.{hit.kind}", text=hit.text, shown=mask(hit.text))
        elif isinstance(item, dict):
            stack.extend(
                ((*path, key), child)
                for key, child in reversed(item.items())
                if (*path, key) not in skip and key != "approvals"
            )
        elif isinstance(item, list):
            stack.extend(((*path, i), child) for i, child in reversed(list(enumerate(item))))


def _texts(value: Any) -> list[str]:
    """Every text value inside ``value`` (any order), with no path."""
    texts: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return texts


def mask(text: str) -> str:
    """Enough of the value to find it, not enough to leak it into a CI log."""
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:2]}***@{domain}"
    digits = sum(ch.isdigit() for ch in text)
    seen = 0
    out = ""
    for ch in text:
        if ch.isdigit():
            seen += 1
            out += ch if seen <= 3 or seen > digits - 2 else "*"
        else:
            out += ch
    return out


def check(ctx: Context) -> None:
    people = [p for p in ctx.entries("person") if active(p)]
    for person in people:
        roles = person.data.get("roles") or []
        for first, second in CONFLICTS:
            if first in roles and second in roles:
                ctx.report("PML501", person, ("roles",), "PML501.conflict", first=first, second=second)
    for role in REQUIRED_ROLES:
        if not any(role in (p.data.get("roles") or []) for p in people):
            ctx.report_config("PML502", (), "PML502.unassigned", role_id=role)

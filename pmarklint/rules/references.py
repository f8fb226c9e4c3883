"""Reference family (PML2xx): every id a file names must exist, be active, and agree with the other side.

All checks read the one repository index; while checking references they also fill its back-references
(``index.referrers``), which later checks and reports read.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active, in_both, walk
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import CATALOG, Example, Rule, Scope

# (pattern inside an entry, what it refers to); "*" is each item of a list.
REFERENCES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "person": [(("department",), "department")],
    "inventory": [
        (("department",), "department"),
        (("access", "*"), "person"),
        (("entrusted_to", "*"), "contractor"),
    ],
    "contractor": [
        (("entrusted_data", "*"), "inventory"),
        (("subcontractors", "*"), "contractor"),
        (("evaluation", "evaluator"), "person"),
    ],
    "control": [(("recurring", "*", "owner"), "person")],
    "training": [(("attendance", "*", "person"), "person"), (("absentees", "*", "person"), "person")],
    "corrective": [(("effectiveness", "by"), "person")],
    "audit_plan": [
        (("lead",), "person"),
        (("scope", "*"), "department"),
        (("auditors", "*", "department"), "department"),
        (("auditors", "*", "auditor"), "person"),
    ],
    "audit_report": [
        (("plan",), "audit_plan"),
        (("department",), "department"),
        (("auditor",), "person"),
        (("findings", "*", "corrective"), "corrective"),
    ],
    "review": [(("attendees", "*"), "person"), (("actions", "*", "owner"), "person")],
    "plan": [(("items", "*", "owner"), "person")],
    "operation_check": [
        (("department",), "department"),
        (("checker",), "person"),
        (("issues", "*", "corrective"), "corrective"),
    ],
    "incident": [
        (("inventory", "*"), "inventory"),
        (("contractor",), "contractor"),
        (("prevention",), "corrective"),
    ],
    "request": [(("inventory", "*"), "inventory")],
    "drill": [(("participants", "*"), "person"), (("corrective",), "corrective")],
    "complaint": [
        (("inventory", "*"), "inventory"),
        (("handler",), "person"),
        (("incident",), "incident"),
        (("request",), "request"),
    ],
    "disposal": [
        (("inventory", "*"), "inventory"),
        (("by",), "person"),
        (("witness",), "person"),
        (("contractor",), "contractor"),
    ],
    "risk": [(("inventory",), "inventory"), (("accepted_by",), "person"), (("measures", "*", "control"), "control")],
}
COMMON = [(("owner",), "person"), (("approvals", "*", "by"), "person")]
# Where an entry names a document or a file of evidence in the repository (PML204).
DOCUMENT_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "control": (("documents", "*", "path"), ("records", "*", "evidence", "*")),
    "training": (("materials", "*"),),
    "audit_report": (("checklist",),),
    "operation_check": (("checklist",),),
}

_CONFIG = """organization: {name: 株式会社テスト}
framework: pmark-2023
departments:
  - {id: cs, name: カスタマーサービス部}
"""
_PEOPLE = """kind: person
entries:
  - id: nakamura
    name: 中村 花子
    department: cs
    roles: [privacy_manager]
  - id: sato
    name: 佐藤 一郎
    department: cs
    status: retired
    retired_on: 2026-03-31
    reason: 退職
"""
_INVENTORY = """kind: inventory
entries:
  - id: PI-001
    name: 顧客情報
    department: cs
    owner: {owner}
    data_items: [氏名, 住所]
    purpose: 商品の発送
    entrusted_to: [{contractor}]
"""
_CONTRACTORS = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 商品の配送
    entrusted_data: [{data}]
"""
_CONTROLS = """kind: control
entries:
  - id: J.9.4
    title: {{ja: 委託先の監督}}
    status: fit
    documents:
      - {{title: 委託先管理規程, path: {path}}}
"""


def _repo(owner: str = "nakamura", contractor: str = "C-001", data: str = "PI-001", **extra: str) -> dict[str, str]:
    return {
        "pmarklint.yaml": _CONFIG,
        "people/people.yaml": _PEOPLE,
        "inventory/cs.yaml": _INVENTORY.format(owner=owner, contractor=contractor),
        "contractors/contractors.yaml": _CONTRACTORS.format(data=data),
        **extra,
    }


RULES = (
    Rule(
        "PML201",
        "unknown-reference",
        Severity.ERROR,
        Scope.REPOSITORY,
        "references",
        bad=Example(_repo(contractor="C-009")),
        good=Example(_repo()),
        requirement="J.3.1.1",
    ),
    Rule(
        "PML202",
        "retired-reference",
        Severity.ERROR,
        Scope.REPOSITORY,
        "references",
        bad=Example(_repo(owner="sato")),
        good=Example(_repo()),
        requirement="J.2.3.1",
    ),
    Rule(
        "PML203",
        "entrustment-mismatch",
        Severity.ERROR,
        Scope.REPOSITORY,
        "references",
        bad=Example(_repo(data="PI-002")),
        good=Example(_repo()),
        requirement="J.9.4",
    ),
    Rule(
        "PML204",
        "missing-document",
        Severity.ERROR,
        Scope.REPOSITORY,
        "references",
        bad=Example(_repo(**{"controls/c.yaml": _CONTROLS.format(path="docs/itaku.md")})),
        good=Example(
            _repo(**{"controls/c.yaml": _CONTROLS.format(path="docs/itaku.md"), "docs/itaku.md": "# 委託先管理規程\n"})
        ),
        requirement="J.4.5.3",
    ),
    Rule(
        "PML205",
        "missing-control",
        Severity.ERROR,
        Scope.REPOSITORY,
        "references",
        bad=Example({"controls/": CATALOG, "controls/J.9.yaml": "kind: control\nentries: []\n"}),
        good=Example({"controls/": CATALOG}),
        requirement="J.1.5",
    ),
)


def check(ctx: Context) -> None:
    patterns = {kind: [*COMMON, *REFERENCES.get(kind, [])] for kind in REFERENCES}
    for ref in ctx.entries():
        data = ref.data
        for pattern, target in patterns[ref.kind]:
            head = pattern[0]
            if head not in data:  # most fields are absent from most entries: skip the walk
                continue
            for sub, value in _nodes(data, pattern):
                if isinstance(value, str):
                    _resolve(ctx, ref, sub, value, target)
        if ref.kind == "control":
            _control_id(ctx, ref)
    _entrustments(ctx)
    _paths(ctx)
    _completeness(ctx)


def _nodes(data: dict[str, Any], pattern: tuple[str, ...]) -> list[tuple[tuple[Any, ...], Any]]:
    """``walk`` with the two shapes nearly every reference has done directly (a field, or each item of a
    list field): this runs for every reference of every entry on every run."""
    head = pattern[0]
    if len(pattern) == 1:
        return [(pattern, data[head])]
    value = data[head]
    if len(pattern) == 2 and pattern[1] == "*":
        return [((head, i), item) for i, item in enumerate(value)] if isinstance(value, list) else []
    return walk(data, pattern)


def _resolve(ctx: Context, ref: EntryRef, sub: tuple[Any, ...], value: str, target: str) -> None:
    if target == "department":
        if value not in ctx.departments:
            ctx.report("PML201", ref, sub, "PML201.department", id=value)
        return
    ctx.index.referrers[value].append((ref, sub))
    other = ctx.index.by_id.get(value)
    if other is None or other.kind != target:
        ctx.report("PML201", ref, sub, f"PML201.{target}", id=value)
    elif not active(other) and active(ref):
        retired_on = other.data.get("retired_on", "?")
        if target == "person":  # a person is named as the roster names them (the run adds the name)
            ctx.report(
                "PML202", ref, sub, "PML202.retired_person", person=value, file=other.file, retired_on=retired_on
            )
            return
        ctx.report("PML202", ref, sub, "PML202.retired", id=value, file=other.file, retired_on=retired_on)


def _control_id(ctx: Context, ref: EntryRef) -> None:
    """A control named like a requirement item (J.x.y) must be one: J.9.5 is a typo, not a new item."""
    if ref.id and ref.id.startswith("J.") and ctx.catalog and ref.id not in ctx.catalog:
        ctx.report("PML201", ref, ("id",), "PML201.control", id=ref.id)


def _entrustments(ctx: Context) -> None:
    """Both sides of an entrustment must agree where the contractor lists its data (it is optional)."""
    for inventory in ctx.entries("inventory"):
        for sub, contractor_id in walk(inventory.data, ("entrusted_to", "*")):
            contractor = ctx.index.by_id.get(contractor_id) if isinstance(contractor_id, str) else None
            if contractor is None or contractor.kind != "contractor" or "entrusted_data" not in contractor.data:
                continue
            if inventory.id not in (contractor.data.get("entrusted_data") or []):
                ctx.report(
                    "PML203",
                    inventory,
                    sub,
                    "PML203.contractor_side",
                    contractor=contractor_id,
                    file=contractor.file,
                    inventory=inventory.id,
                )
    for entrusting in ctx.entries("contractor"):
        for sub, inventory_id in walk(entrusting.data, ("entrusted_data", "*")):
            listed = ctx.index.by_id.get(inventory_id) if isinstance(inventory_id, str) else None
            if listed is None or listed.kind != "inventory":
                continue
            if entrusting.id not in (listed.data.get("entrusted_to") or []):
                ctx.report(
                    "PML203",
                    entrusting,
                    sub,
                    "PML203.inventory_side",
                    contractor=entrusting.id,
                    file=listed.file,
                    inventory=inventory_id,
                )


def glob_match(pattern: str, path: str) -> bool:
    """Whether a '/'-separated path matches a glob: ``*`` and ``?`` within one folder name, ``**`` for any
    number of folders. Matched folder by folder (dynamic programming over the two lists of names), so the
    time is bounded by their lengths whatever the pattern: a regular expression made of ``**/a/**/a/**``
    backtracks for seconds on deep paths."""
    wanted: list[str] = []
    for part in pattern.split("/"):
        if not (part == "**" and wanted[-1:] == ["**"]):  # "**/**" is "**"
            wanted.append(part)
    parts = path.split("/")
    # reach[j]: the first i pattern parts can match the first j path parts
    reach = [True] + [False] * len(parts)
    for part in wanted:
        if part == "**":
            for j in range(1, len(parts) + 1):
                reach[j] = reach[j] or reach[j - 1]
        else:
            reach = [False] + [reach[j] and fnmatchcase(parts[j], part) for j in range(len(parts))]
    return reach[-1]


def _matching(pattern: str, files: list[str]) -> list[str]:
    """The files a cited path names: the file itself, every file under a folder, or what a glob matches."""
    pattern = _cited(pattern)
    if not any(ch in pattern for ch in "*?["):
        under = pattern.rstrip("/") + "/"
        return [f for f in files if f == pattern or f.startswith(under)]
    return [f for f in files if glob_match(pattern, f)]


def _cited(pattern: str) -> str:
    return pattern.strip().removeprefix("./").split("#", 1)[0]  # "docs/rules.md#3" names a section


def names_file(pattern: str, path: str) -> bool:
    """Whether a cited path (a file, a folder, a glob; PML204 reads them so) names the file ``path``."""
    return bool(_matching(pattern, [path]))


def _paths(ctx: Context) -> None:
    from pmarklint.workspace.files import escapes

    outside: dict[str, bool] = {}

    def leads_out(rel: str) -> bool:  # a link out of the repository is not the document
        if rel not in outside:
            outside[rel] = escapes(ctx.root, rel)
        return outside[rel]

    for ref in ctx.entries():
        if not active(ref) or ref.kind not in DOCUMENT_PATHS:
            continue
        for pattern in DOCUMENT_PATHS[ref.kind]:
            for sub, value in walk(ref.data, pattern):
                if not isinstance(value, str):
                    continue
                found = _matching(value, ctx.files)
                if not found:
                    ctx.report("PML204", ref, sub, "PML204.missing", target=value)
                elif all(leads_out(rel) for rel in found):
                    ctx.report("PML204", ref, sub, "PML204.outside", target=value)


def _completeness(ctx: Context) -> None:
    """Every requirement item of the framework needs a control (fit, partial, gap, or not_applicable with
    a reason): an item nobody wrote down is an item nobody decided about."""
    if not ctx.catalog:
        return
    present = {ref.id for ref in ctx.entries("control")}
    for item_id, item in ctx.catalog.items():
        if item_id not in present:
            ctx.report_config(
                "PML205",
                ("framework",),
                "PML205.missing",
                entry=item_id,
                id=item_id,
                **in_both("title", item.get("title") or ""),
                framework=ctx.config.data.get("framework"),
            )

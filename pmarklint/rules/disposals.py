"""Disposal records (廃棄記録, J.9), PML716 and PML717: a disposal handed to a contractor (``contractor`` set) has
the contractor's certificate (廃棄証明書) as a file that git tracks in the repository (``certificate``: not a
path outside it, not a symbolic link that leads out of it), and an inventory entry retired with its personal
data still to be disposed of (``status: retired``; the inventory's ``disposal`` says how) is named by a
disposal record dated up to today.
"""

from __future__ import annotations

import posixpath
from typing import Any

from pmarklint.dates import parse_date
from pmarklint.findings import Severity
from pmarklint.rules.context import Context, active
from pmarklint.rules.index import EntryRef
from pmarklint.rules.rule import Example, Rule, Scope
from pmarklint.rules.staff import EXAMPLE_CONFIG, EXAMPLE_PEOPLE

_INVENTORY = """kind: inventory
entries:
  - id: PI-001
    name: 2020年度の応募者情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 採用選考
    retention: {period: P5Y, basis: 社内規程}
    disposal: 紙は溶解処理、データはシステムから削除
    status: retired
    retired_on: 2026-10-31
    reason: 保管期限を過ぎたため廃棄
"""
_CONTRACTORS = """kind: contractor
entries:
  - id: C-001
    name: 機密文書処理株式会社
    service: 機密文書の溶解処理
"""
_DISPOSAL = """kind: disposal
entries:
  - id: DS-2026-01
    date: 2026-11-10
    inventory: [PI-001]
    media: 紙(応募書類)
    method: 溶解処理
    by: nakamura
    witness: yamamoto
    owner: nakamura
"""
_OUTSOURCED = "    contractor: C-001\n"
_CERTIFICATE = "    certificate: docs/disposals/2026-11-10.pdf\n"


def _example(disposal: str | None = _DISPOSAL, **files: str) -> dict[str, str]:
    out = {
        "pmarklint.yaml": EXAMPLE_CONFIG,
        "people/people.yaml": EXAMPLE_PEOPLE,
        "inventory/inventory.yaml": _INVENTORY,
        "contractors/contractors.yaml": _CONTRACTORS,
        **files,
    }
    if disposal is not None:
        out["disposals/disposals.yaml"] = disposal
    return out


RULES = (
    Rule(
        "PML716",
        "disposal-certificate-missing",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(_DISPOSAL + _OUTSOURCED)),
        good=Example(
            _example(_DISPOSAL + _OUTSOURCED + _CERTIFICATE, **{"docs/disposals/2026-11-10.pdf": "%PDF-1.4\n"})
        ),
        requirement="J.9",
    ),
    Rule(
        "PML717",
        "retired-data-not-disposed",
        Severity.ERROR,
        Scope.REPOSITORY,
        "registers",
        bad=Example(_example(None)),
        good=Example(_example()),
        requirement="J.9",
    ),
)


def check(ctx: Context) -> None:
    disposed: set[str] = set()
    for ref in ctx.entries("disposal"):
        if not active(ref):
            continue
        day = parse_date(ref.data.get("date"))
        ids = ref.data.get("inventory")
        if day is not None and day <= ctx.today and isinstance(ids, list):
            disposed.update(item for item in ids if isinstance(item, str))
        if ref.data.get("contractor"):
            _certificate(ctx, ref, day)
    for ref in ctx.entries("inventory"):
        if active(ref) or ref.id is None or ref.id in disposed:
            continue
        retired = parse_date(ref.data.get("retired_on"))
        if retired is None or retired > ctx.today:
            continue
        method = ref.data.get("disposal")
        at = ("retired_on",)
        if isinstance(method, str) and method.strip():
            ctx.report("PML717", ref, at, "PML717.missing", retired_on=str(retired), method=method.strip())
        else:
            ctx.report("PML717", ref, at, "PML717.no_method", retired_on=str(retired))


def _certificate(ctx: Context, ref: EntryRef, day: Any) -> None:
    from pmarklint.workspace.files import escapes

    contractor_id = ref.data.get("contractor")
    other = ctx.index.by_id.get(contractor_id) if isinstance(contractor_id, str) else None
    name = other.data.get("name") if other is not None and other.kind == "contractor" else None
    contractor = f"{name} ({contractor_id})" if isinstance(name, str) else str(contractor_id)
    value = ref.data.get("certificate")
    if not isinstance(value, str) or not value.strip():
        ctx.report("PML716", ref, ("contractor",), "PML716.missing", contractor=contractor, date=str(day or "?"))
        return
    rel = posixpath.normpath(value.strip().removeprefix("./"))
    if rel.startswith(("/", "../")) or rel == "..":
        ctx.report("PML716", ref, ("certificate",), "PML716.outside", target=value)
    elif rel not in ctx.files:
        ctx.report("PML716", ref, ("certificate",), "PML716.untracked", target=value)
    elif escapes(ctx.root, rel):
        ctx.report("PML716", ref, ("certificate",), "PML716.outside", target=value)

"""Schema family (PML1xx): does each entry match its kind's JSON Schema, and is each id unique?

PML101 runs in :mod:`pmarklint.documents.schema` while a file is loaded; PML102 runs over the repository index.
"""

from __future__ import annotations

from pmarklint.findings import Severity
from pmarklint.rules.context import Context
from pmarklint.rules.rule import Example, Rule, Scope

_ENTRY = """  - id: {id}
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
    retention: {{period: {period}, basis: 社内規程}}
"""

RULES = (
    Rule(
        "PML101",
        "schema",
        Severity.ERROR,
        Scope.FILE,
        "schema",
        bad=Example({"inventory/a.yaml": "kind: inventory\nentries:\n" + _ENTRY.format(id="PI-001", period="5年")}),
        good=Example({"inventory/a.yaml": "kind: inventory\nentries:\n" + _ENTRY.format(id="PI-001", period="P5Y")}),
        requirement="J.3.1.1",
    ),
    Rule(
        "PML102",
        "duplicate-id",
        Severity.ERROR,
        Scope.REPOSITORY,
        "schema",
        bad=Example(
            {
                "inventory/a.yaml": "kind: inventory\nentries:\n" + _ENTRY.format(id="PI-001", period="P5Y"),
                "inventory/b.yaml": "kind: inventory\nentries:\n" + _ENTRY.format(id="PI-001", period="P3Y"),
            }
        ),
        good=Example(
            {
                "inventory/a.yaml": "kind: inventory\nentries:\n" + _ENTRY.format(id="PI-001", period="P5Y"),
                "inventory/b.yaml": "kind: inventory\nentries:\n" + _ENTRY.format(id="PI-002", period="P3Y"),
            }
        ),
        requirement="J.3.1.1",
    ),
)


def check(ctx: Context) -> None:
    """PML102 at every later use of an id, naming where it was first used."""
    for first, later in ctx.index.duplicates:
        first_line, _ = ctx.locate(first.file, (*first.path, "id"))
        ctx.report(
            "PML102", later, ("id",), "PML102.duplicate", id=later.id, other_file=first.file, other_line=first_line
        )

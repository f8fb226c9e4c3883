"""File family (PML0xx): can the file be read as a safe, plain YAML data file at all?

The checks themselves run inside :mod:`pmarklint.documents.loader` while it reads the event stream (PML001 to
PML004) and in :mod:`pmarklint.check.engine` (PML005, PML006); this module declares them.
"""

from pmarklint.findings import Severity
from pmarklint.rules.rule import Example, Rule, Scope

_GOOD_INVENTORY = """kind: inventory
entries:
  - id: PI-001
    name: 顧客情報
    department: cs
    data_items: [氏名, 住所]
    purpose: 商品の発送
"""

RULES = (
    Rule(
        "PML001",
        "yaml-syntax",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": "kind: inventory\nentries:\n  - id: PI-001\n    name: 顧客情報: 本店\n"}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML002",
        "duplicate-key",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY + "    purpose: 販売促進\n"}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML003",
        "unsafe-yaml",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY.replace("[氏名, 住所]", "&items [氏名, 住所]")}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML004",
        "unreadable-file",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY.encode("cp932")}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
    Rule(
        "PML005",
        "unknown-kind",
        Severity.ERROR,
        Scope.FILE,
        "files",
        bad=Example({"inventory/a.yaml": _GOOD_INVENTORY.replace("kind: inventory", "kind: invetory")}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.3.1.1",
    ),
    Rule(
        "PML006",
        "untracked-file",
        Severity.WARNING,
        Scope.REPOSITORY,
        "files",
        bad=Example({"?inventory/a.yaml": _GOOD_INVENTORY}),
        good=Example({"inventory/a.yaml": _GOOD_INVENTORY}),
        requirement="J.4.5.5",
    ),
)

"""Write docs/rules.md: every check's explanation, as `pmarklint explain CODE` prints it, in English and
Japanese. Run ``python tools/gen_rules_doc.py`` after changing a rule; tests/rules/test_registry.py fails while the
file and the registry disagree."""

from __future__ import annotations

import sys
from pathlib import Path

from pmarklint.i18n import catalog
from pmarklint.rules import REGISTRY
from pmarklint.rules.explain import explain_rule

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def render() -> str:
    en, ja = catalog("en").RULE_DOCS, catalog("ja").RULE_DOCS
    out = [
        "# Checks / チェック一覧",
        "",
        "Generated from the rule registry by `python tools/gen_rules_doc.py`; the same text as",
        "`pmarklint explain CODE --lang en|ja`. / `pmarklint explain CODE` と同じ内容です。",
        "",
        "| code | name | severity | English | 日本語 |",
        "|---|---|---|---|---|",
    ]
    for code, rule in REGISTRY.items():
        titles = f"{en[code]['title']} | {ja[code]['title']}"
        out.append(f"| [{code}](#{code.lower()}) | {rule.name} | {rule.severity.value} | {titles} |")
    for code in REGISTRY:
        out += ["", f"## {code}", ""]
        for lang in ("en", "ja"):
            out += ["```text", explain_rule(code, lang).rstrip("\n"), "```", ""]
        out.pop()
    return "\n".join(out) + "\n"


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

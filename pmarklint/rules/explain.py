"""``pmarklint explain CODE``: a rule's documentation from the language catalog, with its examples."""

from __future__ import annotations

from pmarklint.errors import PmarklintError
from pmarklint.i18n import catalog, text
from pmarklint.rules import CATALOG, REGISTRY, Example


def _example(example: Example, lang: str) -> list[str]:
    out = []
    for name, content in example.files.items():
        if content == CATALOG:
            out.append(f"    # {name} " + text("ui.explain_catalog", lang))
            continue
        if isinstance(content, bytes):
            out.append(f"    # {name} " + text("ui.explain_bytes", lang))
            content = content.decode("cp932")
        elif name.startswith("?"):
            name = name[1:]
            out.append(f"    # {name} " + text("ui.explain_untracked", lang))
        else:
            out.append(f"    # {name}")
        out += ["    " + line for line in content.splitlines()]
    if not example.git:
        out.append("    # " + text("ui.explain_no_git", lang))
    for author, files in example.history:
        out.append("    # " + text("ui.explain_commit", lang, author=author))
        for name, content in files.items():
            out.append(f"    # {name}")
            out += ["    " + line for line in content.splitlines()]
    return out


def explain_rule(code: str, lang: str) -> str:
    rule = REGISTRY.get(code)
    if rule is None:
        raise PmarklintError(text("ui.unknown_rule", lang, code=code))
    doc = catalog(lang).RULE_DOCS[code]
    lines = [
        f"{code} {rule.name}: {doc['title']}",
        "",
        f"{text('ui.explain_severity', lang)}: {rule.severity.value}",
        f"{text('ui.explain_requirement', lang)}: {rule.requirement}",
        "",
        f"## {text('ui.explain_what', lang)}",
        doc["what"],
        "",
        f"## {text('ui.explain_why', lang)}",
        doc["why"],
        "",
        f"## {text('ui.explain_bad', lang)}",
        *_example(rule.bad, lang),
        "",
        f"## {text('ui.explain_good', lang)}",
        doc["fix"],
        "",
        *_example(rule.good, lang),
    ]
    return "\n".join(lines) + "\n"

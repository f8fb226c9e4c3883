"""Message catalogs, one package per language (``en/``, ``ja/``), keyed by message key (``PML101.required``)
and by rule code (``RULE_DOCS``). Each package has the same modules, one per area (``AREAS``): a key and its
translation live in the same-named module. A language is imported only when it is first used. Tests check that
both languages have every key, in the same module, with the same placeholders."""

from __future__ import annotations

import importlib
import locale
import os
from collections.abc import Mapping
from types import ModuleType
from typing import Any, TypeVar

LANGUAGES = ("ja", "en")
# The modules of a language package: rules (findings and explanations of the checks, by PMLxxx code), ui (the
# command line: ui.*, sign.*, table.*), reports (reports for people: report.*, fitgap.*, trail.*).
AREAS = ("rules", "ui", "reports")
# Arguments whose value is itself a key into the catalog ("expect": "duration" → expect.duration).
_LOOKUP_ARGS = {"hint": "hint", "expect": "expect", "type": "type", "role": "role", "first": "role", "second": "role"}


_V = TypeVar("_V")


def merge(parts: Mapping[str, Mapping[str, _V]]) -> dict[str, _V]:
    """One dict from several, named by where they come from; a key in two of them is an error, where a plain
    update would silently keep the last one."""
    merged: dict[str, _V] = {}
    origin: dict[str, str] = {}
    for name, part in parts.items():
        twice = sorted(merged.keys() & part.keys())
        if twice:
            raise ValueError("defined twice: " + ", ".join(f"{key} ({origin[key]}, {name})" for key in twice))
        merged.update(part)
        origin.update(dict.fromkeys(part, name))
    return merged


def assemble(package: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A language's ``MESSAGES`` and ``RULE_DOCS``, from the ``AREAS`` modules of its package."""
    modules = {f"{package}.{area}": importlib.import_module(f"{package}.{area}") for area in AREAS}
    messages = merge({name: getattr(module, "MESSAGES", {}) for name, module in modules.items()})
    docs = merge({name: getattr(module, "RULE_DOCS", {}) for name, module in modules.items()})
    return messages, docs


def catalog(lang: str) -> ModuleType:
    if lang == "ja":
        from pmarklint.i18n import ja

        return ja
    from pmarklint.i18n import en

    return en


def render(key: str, lang: str, args: dict[str, Any]) -> str:
    messages = catalog(lang).MESSAGES
    values = dict(args)
    for name, prefix in _LOOKUP_ARGS.items():
        if name in values:
            values[name] = messages.get(f"{prefix}.{values[name]}", str(values[name]))
    if values.get("field") in ("@entry", "@file"):
        values["field"] = messages[f"field.{values['field'][1:]}"]
    if "suggestion" in values:
        values["suggestion"] = messages["suggest"].format(name=values["suggestion"]) if values["suggestion"] else ""
    return str(messages[key]).format(**values)


def text(key: str, lang: str, **args: Any) -> str:
    """A user-interface string (headings, summaries, errors of the tool)."""
    return render(key, lang, args)


def system_language() -> str:
    """``ja`` when the locale (LC_ALL, LC_MESSAGES, LANG) is Japanese, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - broken locale settings
        current = ""
    return "ja" if current.lower().startswith("ja") else "en"

"""Message catalogs, one package per language (``en/``, ``ja/``), keyed by message key (``PML101.required``)
and by rule code (``RULE_DOCS``). Each package has the same modules, one per area (``assembly.AREAS``): a key and its
translation live in the same-named module. A language is imported only when it is first used. Tests check that
both languages have every key, in the same module, with the same placeholders."""

from __future__ import annotations

import locale
import os
import string
from types import ModuleType
from typing import Any

LANGUAGES = ("ja", "en")
# Arguments whose value is itself a key into the catalog ("expect": "duration" → expect.duration).
_LOOKUP_ARGS = {"hint": "hint", "expect": "expect", "type": "type", "role": "role", "first": "role", "second": "role"}
# The PDCA records' enum values, shown as words (a list or tuple of them is joined with ``list.separator``).
_LOOKUP_ARGS |= {"employment": "employment", "topics": "topic", "activity": "activity", "criteria": "criterion"}
_LOOKUP_ARGS |= {"inputs": "review_input", "training_type": "training_type", "source": "corrective_source"}
_LOOKUP_ARGS |= {"record_kind": "trail.kind", "triggers": "incident_trigger", "decision": "request_decision"}


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
            value = values[name]
            if isinstance(value, (list, tuple)):
                words = (messages.get(f"{prefix}.{item}", str(item)) for item in value)
                values[name] = messages["list.separator"].join(words)
            else:
                values[name] = messages.get(f"{prefix}.{value}", str(value))
    if values.get("field") in ("@entry", "@file"):
        values["field"] = messages[f"field.{values['field'][1:]}"]
    if "suggestion" in values:
        values["suggestion"] = messages["suggest"].format(name=values["suggestion"]) if values["suggestion"] else ""
    template = str(messages[key])
    if ":plural:" in template:
        return _PLURALS.vformat(template, (), values)
    return template.format(**values)


class _Plurals(string.Formatter):
    """English counts with their noun: ``{errors:plural:error:errors}`` is "1 error", "2 errors" (Japanese
    messages count with 件 and need no such form)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            one, _, many = format_spec[len("plural:") :].partition(":")
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


_PLURALS = _Plurals()


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

"""Message catalogs, one package per language (``en/``, ``ja/``), keyed by message key (``PML101.required``)
and by rule code (``RULE_DOCS``). Each package has the same modules, one per area (``assembly.AREAS``): a key and its
translation live in the same-named module. A language is imported only when it is first used. Tests check that
both languages have every key, in the same module, with the same placeholders."""

from __future__ import annotations

import locale
import os
import re
import string
from types import ModuleType
from typing import Any

LANGUAGES = ("ja", "en")
# Arguments whose value is itself a key into the catalog ("expect": "duration" → expect.duration).
_LOOKUP_ARGS = {"hint": "hint", "expect": "expect", "type": "type", "role": "role", "first": "role", "second": "role"}
# The PDCA records' enum values, shown as words (a list or tuple of them is joined with ``list.separator``).
_LOOKUP_ARGS |= {"employment": "employment", "topics": "topic", "activity": "activity", "criteria": "criterion"}
_LOOKUP_ARGS |= {"inputs": "review_input", "training_type": "training_type", "source": "corrective_source"}
_LOOKUP_ARGS |= {
    "record_kind": "trail.kind",
    "kind": "kind",
    "clauses": "clause",
    "triggers": "incident_trigger",
    "decision": "request_decision",
    "control_status": "fitgap.status",
}
# The risk register's values (PML73x)
_LOOKUP_ARGS |= {"phases": "risk_phase", "residual": "risk_level"}
# Arguments holding role ids the user may have to type (``sign --as``): the role's name with its id.
_ROLE_ID_ARGS = ("roles", "role_id")
# Arguments holding a person's id: the name from the roster with the id (中村 由美(nakamura)) when the finding
# carries the name (``<arg>_name``, set by the run from the roster), else the id as it is.
PERSON_ARGS = ("person", "owner", "name")
# Arguments holding an ISO 8601 duration, shown in words (P1Y → 1年, P6M → 6か月).
_DURATION_ARGS = ("every", "within")
_DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def catalog(lang: str) -> ModuleType:
    if lang == "ja":
        from pmarklint.i18n import ja

        return ja
    from pmarklint.i18n import en

    return en


def duration_words(value: str, lang: str) -> str:
    """An ISO 8601 duration as people write it: P1Y → 1年 (1 year), P6M → 6か月, P1Y6M → 1年6か月, P30D →
    30日. Anything else is shown as written."""
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None:
        return str(value)
    messages = catalog(lang).MESSAGES
    parts: list[str] = []
    for unit, count in zip(("year", "month", "week", "day"), match.groups(), strict=True):
        if count is not None and (int(count) or not parts):
            form = "one" if int(count) == 1 else "many"
            parts.append(str(messages[f"duration.{unit}.{form}"]).format(count=int(count)))
    return str(messages["duration.joiner"]).join(parts)


def _role_with_id(role: str, messages: dict[str, str]) -> str:
    name = messages.get(f"role.{role}")
    return messages["role.with_id"].format(name=name, id=role) if name else role


def _localised(values: dict[str, Any], lang: str) -> None:
    """A value given in both languages (``title_ja`` and ``title_en``) fills ``{title}`` in the reader's."""
    for name in [n[: -len("_ja")] for n in values if n.endswith("_ja")]:
        if name not in values:
            other = "en" if lang == "ja" else "ja"
            values[name] = values.get(f"{name}_{lang}") or values.get(f"{name}_{other}") or ""


def _people(values: dict[str, Any], messages: dict[str, str]) -> None:
    """A person's id as the roster names them (PERSON_ARGS); ``<arg>_id`` keeps the id for a command."""
    for name in PERSON_ARGS:
        if name in values:
            values.setdefault(f"{name}_id", values[name])
        person_name = values.get(f"{name}_name")
        if isinstance(values.get(name), str) and isinstance(person_name, str) and person_name:
            values[name] = messages["person.with_id"].format(name=person_name, id=values[name])


def render(key: str, lang: str, args: dict[str, Any]) -> str:
    messages = catalog(lang).MESSAGES
    values = dict(args)
    _localised(values, lang)
    for name in _ROLE_ID_ARGS:
        if isinstance(values.get(name), str) and values[name]:
            words = (_role_with_id(role.strip(), messages) for role in values[name].split(","))
            values[name] = messages["list.separator"].join(words)
    _people(values, messages)
    for name in _DURATION_ARGS:
        if name in values:
            values[name] = duration_words(values[name], lang)
    for name, prefix in _LOOKUP_ARGS.items():
        if name in values:
            value = values[name]
            if isinstance(value, (list, tuple)):
                words = (messages.get(f"{prefix}.{item}", str(item)) for item in value)
                values[name] = messages["list.separator"].join(words)
            elif isinstance(value, str) and name == "clauses":  # a list joined by commas
                words = (messages.get(f"{prefix}.{item.strip()}", item.strip()) for item in value.split(","))
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

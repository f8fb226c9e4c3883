"""Schema validation (PML101). This module owns jsonschema, which is imported only when a file has to
be validated: a run whose files all come from the cache never pays for it.

Each entry is validated on its own against its kind's ``$defs/entry`` schema, with one validator built
per kind and ``is_valid`` first (``iter_errors`` only for entries that fail): the cheapest way through
jsonschema (../docs/design/performance.md). Errors become findings with a message a person can act on,
at the line and column of the offending value, or of the entry for a missing field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
import re
from functools import cache
from typing import Any

from pmarklint.documents.loader import Document, Path, dotted
from pmarklint.documents.patterns import ecma_regex, hidden
from pmarklint.findings import Finding, finding
from pmarklint.resources import ROLE_SYNONYMS, schema_path


@cache
def load_schema(name: str) -> dict[str, Any]:
    with open(schema_path(name), encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _part(name: str, part: str) -> Any:
    """The schema of ``part`` of kind ``name`` (see :func:`_validator`), its references inlined."""
    schema = load_schema(name)
    defs = schema.get("$defs", {})
    if part == "entry":
        schema = defs["entry"]
    elif part == "file":
        schema = dict(schema, properties=dict(schema["properties"], entries={"type": "array"}))
    return _inline(schema, defs)


@cache
def _validator(name: str, part: str) -> Any:
    """``part`` is ``entry`` (one entry of a kind), ``file`` (the file without its entries) or ``whole``."""
    return validator_class()(_part(name, part), format_checker=format_checker())


@cache
def validator_class() -> Any:
    """Draft 2020-12 with ``pattern`` as JSON Schema defines it (ECMA-262: ``$`` is the end of the text, ``\\d``
    is 0-9; see :mod:`pmarklint.documents.patterns`) instead of Python's ``re.search``."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    def pattern(validator: Any, expected: str, instance: Any, schema: dict[str, Any]) -> Any:
        if isinstance(instance, str) and ecma_regex(expected).search(instance) is None:
            yield ValidationError(f"{instance!r} does not match {expected!r}")

    return validators.extend(Draft202012Validator, {"pattern": pattern})


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", re.ASCII)


def is_date(instance: object) -> bool:
    """RFC 3339 full-date: exactly YYYY-MM-DD in ASCII digits, a real day; nothing before or after it."""
    if not isinstance(instance, str):
        return True
    if _DATE.match(instance) is None:
        return False
    try:
        dt.date.fromisoformat(instance)
    except ValueError:
        return False
    return True


@cache
def format_checker() -> Any:
    """jsonschema's format checker with ``date`` checked by :func:`is_date`, whatever jsonschema's version."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    checker.checks("date")(is_date)
    return checker


_ANNOTATIONS = frozenset({"title", "description", "default", "$schema", "$id", "$defs"})


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local ``$ref`` replaced by its definition and the help text left out.

    jsonschema resolves a ``$ref`` through ``referencing`` on every use, which costs half of the time of
    validating an entry of these schemas (every field refers to a shared definition); a schema without
    references gives the same verdicts twice as fast. The shipped schemas have no recursive definitions.
    """
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties"):  # a map of field names to schemas
            out[key] = {name: _inline(sub, defs) for name, sub in value.items()}
        elif key not in _ANNOTATIONS and key != "$ref":
            out[key] = _inline(value, defs)
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        out = {**_inline(defs[ref.removeprefix("#/$defs/")], defs), **out}
    return out


@cache
def _fast(name: str, part: str) -> Any:
    """jsonschema-rs's first opinion for :func:`_validator`'s schema (:mod:`pmarklint.documents.fastschema`):
    a function that is True only for a valid instance, or None (no library, or a schema it cannot judge)."""
    from pmarklint.documents import fastschema

    if not fastschema.enabled():
        return None
    return fastschema.build(_part(name, part), _conforms)


def _conforms(value: str, name: str) -> bool:
    """A format as :func:`format_checker` checks it (``date`` without importing jsonschema)."""
    if name == "date":
        return is_date(value)
    return bool(format_checker().conforms(value, name))


def _valid_fast(name: str, part: str, instance: Any) -> bool:
    fast = _fast(name, part)
    return fast is not None and bool(fast(instance))


def entry_validator(kind: str) -> Any:
    """The validator ``check`` uses for one entry of ``kind`` (references inlined: twice as fast)."""
    return _validator(kind, "entry")


def validate_document(kind: str, document: Document, rel: str) -> list[Finding]:
    """Findings for a data file of a known kind: its top level, then each entry."""
    data = document.data
    out = [] if _valid_fast(kind, "file", data) else _findings(_validator(kind, "file"), data, document, rel, (), None)
    entries = data.get("entries")
    if isinstance(entries, list):
        fast = _fast(kind, "entry")
        for index, entry in enumerate(entries):
            # jsonschema-rs's "valid" is trusted (fastschema.py); then jsonschema's is_valid, cheaper than
            # iter_errors; an entry with more keys than any schema knows is not worth walking twice
            if fast is not None and fast(entry):
                continue
            validator = _validator(kind, "entry")
            if (isinstance(entry, dict) and len(entry) > 1000) or not validator.is_valid(entry):
                entry_id = entry.get("id") if isinstance(entry, dict) else None
                out += _findings(validator, entry, document, rel, ("entries", index), entry_id)
    return out


def validate_config(document: Document, rel: str) -> list[Finding]:
    if _valid_fast("pmarklint", "whole", document.data):
        return []
    return _findings(_validator("pmarklint", "whole"), document.data, document, rel, (), None)


MAX_FINDINGS_PER_ENTRY = 20  # schema findings shown for one entry (or a file's top level); the rest are counted
_MAX_ERRORS = 1000  # jsonschema errors kept for sorting; errors past these are counted, not kept


def _findings(validator: Any, instance: Any, document: Document, rel: str, base: Path, entry_id: Any) -> list[Finding]:
    """The schema findings of one entry (or of the file without its entries), de-duplicated and capped at
    ``MAX_FINDINGS_PER_ENTRY``: the rest are counted in one "... and N more" finding at the entry. Linear in the
    number of errors: an entry with a million unknown keys gets twenty findings and a count, in seconds."""
    entry = entry_id if isinstance(entry_id, str) else None
    out: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    more = 0
    whole = "@entry" if base else "@file"
    errors = validator.iter_errors(instance)
    kept = list(itertools.islice(errors, _MAX_ERRORS))
    for error in sorted(kept, key=lambda e: [str(p) for p in e.absolute_path]):
        room = MAX_FINDINGS_PER_ENTRY - len(out)
        if room <= 0:
            more += count_explained(error)
            continue
        explained = explain_error(error, room)[:room]
        more += max(count_explained(error) - len(explained), 0)
        for rel_path, key, at_key, args in explained:
            if args.get("field") == "":
                args["field"] = whole
            mark = (rel_path, key, at_key, tuple(sorted((k, str(v)) for k, v in args.items())))
            if mark in seen:  # jsonschema reports each missing field of a "required" list separately
                continue
            seen.add(mark)
            line, column = document.position(base + rel_path, key=at_key)
            out.append(finding("PML101", rel, line, column, key, entry=entry, path=dotted(rel_path) or None, **args))
    more += sum(count_explained(error) for error in errors)  # past _MAX_ERRORS: counted, never kept
    if more > 0:
        line, column = document.position(base)
        out.append(finding("PML101", rel, line, column, "PML101.more", entry=entry, count=more))
    return out


def show(value: Any, *, ends: bool = False) -> str:
    """A value as JSON for a message, cut to 60 characters: at the end, or in the middle with ``ends`` (so that
    what is hidden at either end of a long value stays in view)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) <= 60:
        return text
    return text[:29] + "…" + text[-29:] if ends else text[:57] + "…"


_YAML11_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"})


Explanation = tuple[Path, str, bool, dict[str, Any]]  # path, message key, at the key (not the value), args


def explain_error(error: Any, limit: int | None = None) -> list[Explanation]:
    """(path, message key, point at the key rather than the value, message args) for one jsonschema error;
    with ``limit``, at most that many (an error about a mapping's unknown keys holds one per key)."""
    path: Path = tuple(error.absolute_path)
    field = dotted(path)
    kind = error.validator
    value = error.instance
    if kind == "required":
        missing = [name for name in error.validator_value if isinstance(value, dict) and name not in value]
        return [(path, "PML101.required", False, {"field": dotted((*path, name))}) for name in missing]
    if kind == "additionalProperties" and isinstance(value, dict):
        return _unknown_fields(error, path, limit)
    if kind == "type":
        return [_wrong_type(error, path)]
    if kind == "enum":
        return [_not_a_choice(error, path)]
    if kind == "const":
        return [
            (
                path,
                "PML101.const",
                False,
                {"field": field, "expected": show(error.validator_value), "value": show(value)},
            )
        ]
    if kind in ("format", "pattern"):
        return [_bad_format(error, path)]
    if kind in ("minItems", "minLength", "minProperties"):
        return [(path, "PML101.empty", False, {"field": field})]
    if kind == "uniqueItems":
        return [(path, "PML101.unique", False, {"field": field})]
    if kind == "minimum":
        return [(path, "PML101.minimum", False, {"field": field, "limit": error.validator_value, "value": show(value)})]
    if kind in ("anyOf", "oneOf") and error.context:
        return _likeliest_alternative(error, path)
    return [(path, "PML101.other", False, {"field": field, "detail": error.message})]


def _extras(error: Any) -> list[str]:
    """The keys of the mapping that its schema does not know, as jsonschema finds them (worked out once per
    error: it is counted and explained)."""
    found: list[str] | None = error.__dict__.get("_pmarklint_extras")
    if found is None:
        schema = error.schema
        known = schema.get("properties", {})
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        found = [k for k in error.instance if k not in known and not any(p.search(k) for p in patterns)]
        error.__dict__["_pmarklint_extras"] = found
    return found


def count_explained(error: Any) -> int:
    """How many findings ``error`` stands for, without building them: one per unknown key of a mapping, and one
    for any other error (jsonschema gives one ``required`` error per missing field, and :func:`explain_error`
    names every missing field in each: the duplicates are dropped)."""
    value = error.instance
    if error.validator == "additionalProperties" and isinstance(value, dict):
        return len(_extras(error))
    if error.validator in ("anyOf", "oneOf") and error.context:
        return len(explain_error(error))
    return 1


def _unknown_fields(error: Any, path: Path, limit: int | None = None) -> list[Explanation]:
    """The fields of a mapping that its schema does not know, each with the known field it most resembles
    (only the first ``limit`` of them, when given: the likeness costs a comparison with every known field)."""
    known = list(error.schema.get("properties", {}))
    extras = _extras(error)
    out = []
    for name in extras if limit is None else extras[:limit]:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        out.append(
            (
                (*path, name),
                "PML101.unknown",
                True,
                {"field": dotted((*path, name)), "suggestion": close[0] if close else ""},
            )
        )
    return out


def _wrong_type(error: Any, path: Path) -> Explanation:
    """A value of the wrong type, with a hint where YAML 1.1 habits explain it (``yes``, an unquoted number)."""
    field = dotted(path)
    value = error.instance
    expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
    if expected == "boolean" and isinstance(value, str) and value in _YAML11_BOOLEANS:
        return (path, "PML101.yaml11_boolean", False, {"field": field, "value": value})
    if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return (path, "PML101.quote_number", False, {"field": field, "value": show(value)})
    return (path, "PML101.type", False, {"field": field, "type": expected, "value": show(value)})


def _not_a_choice(error: Any, path: Path) -> Explanation:
    """A value that is none of the choices, with the choice it most resembles."""
    value = error.instance
    choices = [str(c) for c in error.validator_value]
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6) if isinstance(value, str) else []
    synonym = ROLE_SYNONYMS.get(str(value).strip().casefold().replace(" ", "_").replace("-", "_"))
    synonym = synonym or ROLE_SYNONYMS.get(str(value).strip())  # Japanese names are not case-folded
    if synonym in choices:  # a role by its Japanese name or a common English word: 監査責任者 → audit_lead
        close = [synonym]
    return (
        path,
        "PML101.enum",
        False,
        {
            "field": dotted(path),
            "choices": ", ".join(choices),
            "value": show(value),
            "suggestion": close[0] if close else "",
        },
    )


def _bad_format(error: Any, path: Path) -> Explanation:
    """A value not in its format: what is expected when the schema names it (a date, a duration), else the
    pattern."""
    field = dotted(path)
    value = error.instance
    hint = error.schema.get("x-pmarklint-hint", "date" if error.validator_value == "date" else "")
    secret = hidden(value) if isinstance(value, str) else None
    if secret is not None:
        what, extra = secret
        expect = hint or str(error.schema.get("pattern", error.validator_value))
        return (
            path,
            f"PML101.hidden_{what}",
            False,
            {"field": field, "expect": expect, "value": show(value, ends=True), **extra},
        )
    if hint:
        return (path, "PML101.expect", False, {"field": field, "expect": hint, "value": show(value)})
    return (
        path,
        "PML101.pattern",
        False,
        {"field": field, "pattern": str(error.validator_value), "value": show(value)},
    )


def _likeliest_alternative(error: Any, path: Path) -> list[Explanation]:
    """The explanation of the alternative of an ``anyOf`` or ``oneOf`` that the author most likely meant: the
    one that got deepest into the value, with its paths under the error's own."""
    inner = max(error.context, key=lambda e: (len(e.absolute_path), e.validator not in ("type", "const")))
    out = explain_error(inner)
    return [((*path, *p[len(path) :]) if p[: len(path)] != path else p, k, at, a) for p, k, at, a in out]

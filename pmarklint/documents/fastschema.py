"""A fast first opinion on schema validity. This module owns jsonschema-rs (the optional ``fast`` extra).

jsonschema runs every keyword of every entry in Python, which is most of a cold ``check``
(docs/design/performance.md). jsonschema-rs checks the same Draft 2020-12 schema about a hundred times
faster, but its messages are not ours, so it is used for one thing only: an entry it calls **valid** skips
jsonschema. Everything it calls invalid, and everything it cannot judge, goes through jsonschema as before, so
the findings are exactly today's (tests/documents/test_fastschema.py compares both paths).

Its answer is trusted only where it checks what pmarklint checks, the way pmarklint checks it:

- ``format``: jsonschema-rs is given pmarklint's own checks (``date`` is :func:`schema.is_date`; any other
  format asks jsonschema's format checker), so a format means the same on both paths.
- ``pattern`` and the keys of ``patternProperties``: pmarklint matches ECMA-262 semantics
  (:mod:`pmarklint.documents.patterns`), jsonschema's ``patternProperties`` uses Python's ``re``, jsonschema-rs
  uses Rust's regex engines. A schema is used only when every pattern in it is made of constructs that mean
  the same in all three (literal characters, escaped punctuation, classes of listed characters, groups,
  alternation, quantifiers, ``^``, ``$`` where Python's "before a final line break" cannot matter, and the
  ``(?!...)``/``(?=...)`` look-aheads); any other construct makes the schema fall back to jsonschema.
- A keyword outside :data:`KNOWN_KEYWORDS` (whose meaning has been compared) makes the schema fall back too.
- A value jsonschema-rs cannot take (a key that is not text, bytes) raises: that entry is validated by
  jsonschema. Where the schema makes numbers matter (:func:`numbers_matter`), an entry holding a non-finite
  float or an integer beyond 2**53 is validated by jsonschema too.

When jsonschema-rs is not installed, refuses a schema, or ``PMARKLINT_FAST_SCHEMA=0`` is set, every entry goes
through jsonschema: slower, with the same findings.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from functools import cache
from typing import Any

ANNOTATIONS = frozenset({"title", "description", "default", "examples", "x-pmarklint-hint", "patternErrorMessage"})
KNOWN_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "additionalProperties",
        "patternProperties",
        "propertyNames",
        "required",
        "items",
        "enum",
        "const",
        "pattern",
        "format",
        "minLength",
        "minItems",
        "minProperties",
        "minimum",
        "maximum",
        "uniqueItems",
        "anyOf",
        "allOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
    }
)
_SUBSCHEMA_MAPS = frozenset({"properties", "patternProperties"})
_SUBSCHEMA_LISTS = frozenset({"anyOf", "allOf", "oneOf"})
_SUBSCHEMA = frozenset({"additionalProperties", "propertyNames", "items", "not", "if", "then", "else"})

# A pattern is compared only when it is made of these: literal word characters and punctuation that is no
# operator, escaped punctuation, sets of listed characters (no negation: ECMA-262 without the u flag matches
# UTF-16 code units, Rust matches characters), groups, look-aheads, alternation, quantifiers and anchors.
_TOKEN = re.compile(
    r"""
      [A-Za-z0-9_ :/@,'"=<>!~&%#-]   # a literal character
    | \\[-\\.^$*+?()\[\]{}|/]           # escaped punctuation
    | \[(?!\^)(?:[A-Za-z0-9_ .:/@,+*?()-]|\\[-\\.\[\]])+\]   # a set of listed characters
    | \((?!\?) | \(\?[:=!]            # a group, a non-capturing group or a look-ahead
    | \)
    | [|^$]
    | [*+?](?!\?)                     # greedy quantifiers (lazy ones are left to jsonschema)
    | \{[0-9]+(?:,[0-9]*)?\}
    """,
    re.VERBOSE,
)


def comparable_pattern(pattern: str) -> bool:
    """Whether ``pattern`` means the same in ECMA-262, Python's ``re`` and Rust's regex engines (see above)."""
    index = 0
    while index < len(pattern):
        match = _TOKEN.match(pattern, index)
        if match is None:
            return False
        index = match.end()
    return True


def comparable(node: Any) -> bool:
    """Whether every keyword of a schema (references inlined) is one whose meaning the two validators share."""
    if isinstance(node, bool):
        return True
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        if key in ANNOTATIONS:
            continue
        if key not in KNOWN_KEYWORDS:
            return False
        if key in _SUBSCHEMA_MAPS:
            if not isinstance(value, dict) or not all(comparable(sub) for sub in value.values()):
                return False
            if key == "patternProperties" and not all(_key_pattern(p) for p in value):
                return False
        elif key in _SUBSCHEMA_LISTS:
            if not isinstance(value, list) or not all(comparable(sub) for sub in value):
                return False
        elif key in _SUBSCHEMA:
            if not comparable(value):
                return False
        elif key == "pattern" and not (isinstance(value, str) and comparable_pattern(value)):
            return False
    return True


def _key_pattern(pattern: str) -> bool:
    """A ``patternProperties`` pattern: jsonschema matches it with Python's ``re``, whose ``$`` also matches
    before a final line break; a pattern with ``$`` is not compared."""
    return comparable_pattern(pattern) and "$" not in pattern


def _formats(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "format" and isinstance(value, str):
                found.add(value)
            elif key not in ANNOTATIONS and key != "enum" and key != "const":
                _formats(value, found)
    elif isinstance(node, list):
        for item in node:
            _formats(item, found)
    return found


def enabled() -> bool:
    return os.environ.get("PMARKLINT_FAST_SCHEMA", "1") != "0"


@cache
def _library() -> Any:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs


def build(schema: dict[str, Any], format_check: Callable[[str, str], bool]) -> Callable[[Any], bool] | None:
    """A function that says True only for an instance jsonschema-rs finds valid against ``schema`` (references
    inlined), with every format checked by ``format_check(value, format)``; None when the library is missing,
    the schema is not :func:`comparable`, or the library refuses it."""
    library = _library()
    if library is None or not comparable(schema):
        return None
    formats = {name: (lambda value, name=name: format_check(value, name)) for name in _formats(schema, set())}
    try:
        validator = library.Draft202012Validator(
            schema,
            formats=formats,
            validate_formats=True,
            ignore_unknown_formats=False,
            pattern_options=library.FancyRegexOptions(),
        )
    except Exception:  # a schema it cannot compile: jsonschema judges every entry
        return None
    is_valid = validator.is_valid
    walk = numbers_matter(schema)

    def valid(instance: Any) -> bool:
        try:
            return bool(is_valid(instance)) and (not walk or _representable(instance))
        except Exception:  # a value it cannot take (a key that is not text, bytes)
            return False

    return valid


_LIMITS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_NUMERIC_WORDS = ("'number'", "'integer'", "minimum", "maximum", "multipleOf")


def numbers_matter(node: Any) -> bool:
    """Whether a non-finite float or a very large integer could be judged differently by jsonschema-rs (which
    reads ``.inf`` as a value of no type that passes ``maximum``, and compares numbers as it reads them): a
    numeric limit without a ``type`` beside it (any ``type`` refuses such a value there, and jsonschema refuses
    it too or has a number in range), ``multipleOf``, ``uniqueItems``, a number in ``enum`` or ``const``, or a
    ``not``, ``if``, ``anyOf`` or ``oneOf`` that speaks of numbers. Only then are an entry's numbers looked at."""
    if isinstance(node, list):
        return any(numbers_matter(item) for item in node)
    if not isinstance(node, dict):
        return False
    if _LIMITS.intersection(node) and "type" not in node:
        return True
    if "multipleOf" in node or "uniqueItems" in node:
        return True
    for key in ("enum", "const"):
        values = node.get(key, []) if key == "enum" else [node.get(key)]
        if isinstance(values, list) and any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return True
    for key in ("not", "if", "anyOf", "oneOf"):
        if key in node and any(word in repr(node[key]) for word in _NUMERIC_WORDS):
            return True
    return any(numbers_matter(value) for key, value in node.items() if key not in ANNOTATIONS and key != "enum")


_LIMIT = 2**53  # integers jsonschema-rs reads exactly (past it, a float may stand in)


def _representable(instance: Any) -> bool:
    """No integer jsonschema-rs could read inexactly and no float that is not finite anywhere in ``instance``
    (only called on an instance it found valid; most entries hold neither, and the walk skips text)."""
    stack = [instance]
    pop, push = stack.pop, stack.append
    while stack:
        value = pop()
        kind = value.__class__
        if kind is dict:
            for item in value.values():
                if item.__class__ is not str:
                    push(item)
        elif kind is list:
            for item in value:
                if item.__class__ is not str:
                    push(item)
        elif kind is int:
            if not -_LIMIT < value < _LIMIT:
                return False
        elif kind is float and not math.isfinite(value):
            return False
    return True

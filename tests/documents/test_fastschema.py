"""The fast path of schema validation (documents/fastschema.py) gives exactly the findings of jsonschema alone.

Both paths run over every rule example, every file of examples/shop and a corpus of broken entries (wrong types,
bad patterns, bad dates, unknown keys, huge numbers, nested garbage), plus random edits of real ledgers, and
their findings are compared field by field: code, file, line, column, entry, path and the message in both
languages."""

from __future__ import annotations

import os
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from pmarklint.check.engine import classify
from pmarklint.documents import fastschema, schema
from pmarklint.documents.loader import decode, parse
from pmarklint.rules import REGISTRY

from helpers.repos import ROOT, inventory

pytest.importorskip("jsonschema_rs")

SHOP = ROOT / "examples" / "shop"
Row = tuple[Any, ...]


@contextmanager
def fast_path(on: bool) -> Iterator[None]:
    old = os.environ.get("PMARKLINT_FAST_SCHEMA")
    os.environ["PMARKLINT_FAST_SCHEMA"] = "1" if on else "0"
    schema._fast.cache_clear()
    try:
        yield
    finally:
        if old is None:
            del os.environ["PMARKLINT_FAST_SCHEMA"]
        else:
            os.environ["PMARKLINT_FAST_SCHEMA"] = old
        schema._fast.cache_clear()


def schema_findings(rel: str, text: str) -> list[Row]:
    """The schema findings of one file as ``check`` computes them (decode, parse, classify, validate)."""
    content, _ = decode(text.encode("utf-8"), rel)
    if content is None:
        return []
    document = parse(content, rel).document
    if document is None:
        return []
    if rel == "pmarklint.yaml":
        found = schema.validate_config(document, rel)
    else:
        kind, _ = classify(document, rel)
        if kind is None:
            return []
        found = schema.validate_document(kind, document, rel)
    return [
        (f.rule, f.file, f.line, f.column, f.entry, f.path, f.message_key, f.message("en"), f.message("ja"))
        for f in found
    ]


def both(rel: str, text: str) -> tuple[list[Row], list[Row]]:
    with fast_path(False):
        plain = schema_findings(rel, text)
    with fast_path(True):
        fast = schema_findings(rel, text)
    return plain, fast


def example_files() -> list[tuple[str, str, str]]:
    out = []
    for code, rule in REGISTRY.items():
        for side, example in (("bad", rule.bad), ("good", rule.good)):
            for rel, content in example.files.items():
                if isinstance(content, str) and rel.endswith((".yaml", ".yml")):
                    out.append((f"{code}-{side}", rel.lstrip("?"), content))
            for _, changed in example.history:
                for rel, content in changed.items():
                    if isinstance(content, str) and rel.endswith((".yaml", ".yml")):
                        out.append((f"{code}-{side}-history", rel.lstrip("?"), content))
    return out


def shop_files() -> list[tuple[str, str]]:
    return [(p.relative_to(SHOP).as_posix(), p.read_text("utf-8")) for p in sorted(SHOP.rglob("*.yaml"))]


def test_the_fast_validator_is_built_for_the_shipped_kinds() -> None:
    """Without this, every comparison below would compare jsonschema with itself."""
    with fast_path(True):
        for kind in ("inventory", "contractor", "control", "training", "review"):
            assert schema._fast(kind, "entry") is not None, kind
            assert schema._fast(kind, "file") is not None, kind
        assert schema._fast("pmarklint", "whole") is not None


def test_every_rule_example_gives_the_same_findings() -> None:
    files = example_files()
    assert len(files) > 100
    differ = [(name, rel) for name, rel, text in files if (lambda p: p[0] != p[1])(both(rel, text))]
    assert differ == []


@pytest.mark.parametrize(("rel", "text"), shop_files(), ids=lambda v: v if "/" in v or v.endswith("yaml") else "")
def test_the_example_repository_gives_the_same_findings(rel: str, text: str) -> None:
    plain, fast = both(rel, text)
    assert fast == plain


ENTRY = inventory("PI-CS-001")


def _with(field_line: str) -> str:
    """The inventory with one line added to its entry (or a field's line replaced, when the field exists)."""
    key = field_line.strip().split(":", 1)[0]
    pattern = re.compile(rf"^    {re.escape(key)}:.*\n", re.M)
    if pattern.search(ENTRY):
        return pattern.sub(lambda _: field_line.rstrip("\n") + "\n", ENTRY, count=1)
    return ENTRY + field_line.rstrip("\n") + "\n"


BROKEN = [
    # wrong types
    "    purpose: 12",
    "    purpose: true",
    "    purpose: [商品の発送]",
    "    purpose: {a: 1}",
    "    purpose: null",
    "    purpose: 1.5",
    "    purpose: .inf",
    "    purpose: .nan",
    "    purpose: ''",
    # bad patterns
    "    id: PI CS 001",
    "    id: ＰＩ-CS-001",
    "    id: '-PI'",
    '    id: "PI-1\\n"',
    "    retention: {period: 5年}",
    "    retention: {period: P}",
    "    retention: {period: P5Y\u200b}",
    "    retention: {period: ' P5Y'}",
    # bad dates
    "    last_reviewed: 2026-02-30",
    "    last_reviewed: '2026-2-3'",
    "    last_reviewed: '2026-02-03T00:00'",
    "    last_reviewed: '２０２６-０２-０３'",
    '    last_reviewed: "2026-02-03\\n"',
    "    last_reviewed: 20260203",
    # unknown keys
    "    retension: {period: P1Y}",
    "    x-system: 受注管理",
    "    X-system: 受注管理",
    "    1: one",
    "    true: yes",
    "    null: nothing",
    # huge numbers
    "    record_count: 123456789012345678901234567890",
    "    record_count: -123456789012345678901234567890",
    "    record_count: 9007199254740993",
    "    record_count: 18446744073709551617",
    "    record_count: 1e400",
    "    record_count: -.inf",
    "    record_count: 123456789012345678901234567890",
    # nested garbage
    "    retention: {period: P1Y, extra: {deep: [1, {2: 3}, [[[[]]]]]}}",
    "    retention: [[[[[[[[1]]]]]]]]",
    "    retention: {period: [P1Y]}",
    "    storage: {a: [1, 2, {b: .nan}]}",
    "    data_items: [1, true, null, [], {}]",
    "    data_items: []",
    "    data_items: [a, a]",
    "    sensitive: yes",
    "    sensitive: 1",
    "    status: Active",
    "    status: [active]",
    "    overseas: [{country: jp}]",
    '    overseas: [{country: "JP\\n"}]',
    "    overseas: [{country: JP, extra: 1}]",
    "    entrusted_to: [ok, 'not ok']",
    "    review_every: P1Y2M3W4D",
    "    review_every: P0D",
    "    record_count: 1.0",
    "    record_count: -1",
    "    record_count: 2.5",
    "    approvals: [{by: a, role: privacy_manager, date: 2026-01-01, digest: x}]",
]


@pytest.mark.parametrize("line", BROKEN)
def test_broken_entries_give_the_same_findings(line: str) -> None:
    plain, fast = both("inventory/cs.yaml", _with(line))
    assert fast == plain


def test_the_corpus_is_mostly_invalid() -> None:
    """The corpus tests something only when jsonschema finds errors in it."""
    with fast_path(False):
        invalid = sum(bool(schema_findings("inventory/cs.yaml", _with(line))) for line in BROKEN)
    assert invalid >= len(BROKEN) * 2 // 3


_VALUES = [
    "1",
    "-1",
    "0",
    "true",
    "null",
    "''",
    "x",
    "[]",
    "{}",
    "[a, 1]",
    "{a: 1}",
    "2026-02-30",
    "2026-11-26",
    "P5Y",
    "5年",
    ".inf",
    "123456789012345678901234567890",
    "'PI-CS-001'",
    "yes",
    "ＡＢＣ",
    '"a\\nb"',
    "[[{}]]",
]
_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_-]*:) (.+)$")


def _random_edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if _VALUE.match(line) and not line.startswith("kind")]
    for _ in range(rng.randint(1, 3)):
        i = rng.choice(candidates)
        lines[i] = _VALUE.sub(lambda m: f"{m[1]} {rng.choice(_VALUES)}", lines[i])
    return "\n".join(lines)


def test_random_edits_of_real_ledgers_give_the_same_findings() -> None:
    rng = random.Random(20261204)
    sources = [(rel, text) for rel, text in shop_files() if rel != "pmarklint.yaml"]
    differ = []
    checked = 0
    for _ in range(250):
        rel, text = rng.choice(sources)
        edited = _random_edit(text, rng)
        plain, fast = both(rel, edited)
        checked += bool(plain)
        if fast != plain:
            differ.append((rel, edited))
    assert differ == []
    assert checked > 100  # most edits break something


def test_a_fast_path_that_accepts_too_much_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above fails when the fast validator calls an invalid entry valid."""
    monkeypatch.setattr(fastschema, "build", lambda schema, check: lambda instance: True)
    plain, fast = both("inventory/cs.yaml", _with("    purpose: 12"))
    assert plain and fast == []


def test_without_the_library_every_entry_goes_through_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastschema, "_library", lambda: None)
    with fast_path(True):
        assert schema._fast("inventory", "entry") is None
        found = schema_findings("inventory/cs.yaml", _with("    purpose: 12"))
    with fast_path(False):
        assert found == schema_findings("inventory/cs.yaml", _with("    purpose: 12"))


def test_a_schema_the_library_refuses_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    library = fastschema._library()

    class Refusing:
        FancyRegexOptions = library.FancyRegexOptions

        @staticmethod
        def Draft202012Validator(*args: Any, **kwargs: Any) -> Any:
            raise ValueError("refused")

    monkeypatch.setattr(fastschema, "_library", lambda: Refusing)
    with fast_path(True):
        assert schema._fast("inventory", "entry") is None


@pytest.mark.parametrize(
    "pattern",
    [
        "^[A-Za-z0-9][A-Za-z0-9._-]*$",
        "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$",
        "^sha256:[0-9a-f]{64}$",
        "^[0-9]{8}(\\([0-9]{2}\\))?$",
        "^(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
    ],
)
def test_patterns_of_listed_characters_are_compared(pattern: str) -> None:
    assert fastschema.comparable_pattern(pattern)


@pytest.mark.parametrize("pattern", ["^\\d+$", "^a.b$", "^[^@\\s]+$", "^\\w$", "^a+?$", "^\\p{L}$", "^(?<n>a)$"])
def test_patterns_whose_meaning_differs_between_engines_fall_back(pattern: str) -> None:
    assert not fastschema.comparable_pattern(pattern)
    assert fastschema.build({"type": "string", "pattern": pattern}, lambda value, name: True) is None


def test_a_keyword_not_compared_falls_back() -> None:
    assert fastschema.build({"type": "string", "maxLength": 3}, lambda value, name: True) is None
    assert fastschema.build({"type": "string", "minLength": 3}, lambda value, name: True) is not None


def test_formats_are_pmarklints_own() -> None:
    seen: list[tuple[str, str]] = []
    valid = fastschema.build({"format": "date"}, lambda value, name: seen.append((value, name)) is None and False)
    assert valid is not None and valid("2026-11-26") is False and seen == [("2026-11-26", "date")]


def test_values_the_library_cannot_take_are_left_to_jsonschema() -> None:
    valid = fastschema.build({"type": "object"}, lambda value, name: True)
    assert valid is not None
    assert valid({"a": 1}) is True
    assert valid({1: "a"}) is False  # a key that is not text: the library raises
    assert valid({"a": float("inf")}) is True  # nothing in the schema makes numbers matter: jsonschema agrees


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"a": {"maximum": 0}}},
        {"properties": {"a": {"enum": [1, 2**53]}}},
        {"properties": {"a": {"const": 5}}},
        {"properties": {"a": {"not": {"type": "number"}}}},
        {"properties": {"a": {"uniqueItems": True}}},
    ],
)
def test_where_numbers_matter_odd_numbers_are_left_to_jsonschema(schema: dict[str, Any]) -> None:
    assert fastschema.numbers_matter(schema)
    valid = fastschema.build(schema, lambda value, name: True)
    assert valid is not None
    for odd in (float("inf"), float("-inf"), float("nan"), 2**53 + 1, -(2**70)):
        assert valid({"a": odd}) is False, odd
        assert valid({"b": [odd]}) is False, odd


def test_a_typed_limit_does_not_make_numbers_matter() -> None:
    """With a type beside the limit, jsonschema-rs refuses a non-finite value there itself."""
    schema = {"properties": {"a": {"type": "integer", "minimum": 0}, "b": {"type": "number", "maximum": 9}}}
    assert not fastschema.numbers_matter(schema)
    valid = fastschema.build(schema, lambda value, name: True)
    assert valid is not None
    assert valid({"a": float("inf")}) is False and valid({"b": float("inf")}) is False
    assert valid({"a": 10**30}) is True and valid({"b": 10**30}) is False


def test_the_big_ledgers_need_no_walk() -> None:
    """Inventory, contractors and controls (the large files) have no numeric limit without a type."""
    for kind in ("inventory", "contractor", "control"):
        defs = schema.load_schema(kind)["$defs"]
        assert not fastschema.numbers_matter(schema._inline(defs["entry"], defs)), kind

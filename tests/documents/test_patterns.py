"""Schema patterns and formats mean what JSON Schema says (ECMA-262, RFC 3339): a value with a hidden line
break, space or full-width character is a PML101 finding at the value, and the message says what is hidden.

The reference is an ECMAScript regular expression engine (``regress``, the Rust crate's Python bindings): on a
deterministic corpus of near misses of every pattern in schemas/*.json, pmarklint's check agrees with it on
every value."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import regress

from pmarklint.documents.patterns import UnsupportedPattern, ecma_regex, hidden, translate
from pmarklint.documents.schema import explain_error, format_checker, validator_class
from pmarklint.i18n import render

from helpers.cli import check_json
from helpers.repos import ROOT, make_repo

# ------------------------------------------------------------------------------------ the issue's values

INVENTORY = """kind: inventory
entries:
  - id: PI-1
    name: 顧客情報
    department: cs
    data_items: [氏名]
    purpose: 商品の発送
    review_every: "P1Y\\n"
    entrusted_to: ["C-1\\n"]
    last_reviewed: |
      2026-11-26
"""
CONTRACTORS = """kind: contractor
entries:
  - id: C-1
    name: ヤマネコ運輸
    service: 配送
    entrusted_data: [PI-1]
    country: "JP\\n"
"""

EXPECTED = {
    "en": [
        (
            "contractors/c.yaml",
            7,
            14,
            "C-1",
            "country",
            "'country' must be a two-letter ISO 3166 country code in capitals (e.g. JP, US), but it ends with a "
            'line break, which does not show: "JP\\n"; write the value on one line, without the line break '
            "(and not as a | or > block)",
        ),
        (
            "inventory/a.yaml",
            8,
            19,
            "PI-1",
            "review_every",
            "'review_every' must be an ISO 8601 duration such as P5Y (5 years), P6M (6 months) or P30D (30 days), "
            'but it ends with a line break, which does not show: "P1Y\\n"; write the value on one line, without '
            "the line break (and not as a | or > block)",
        ),
        (
            "inventory/a.yaml",
            9,
            20,
            "PI-1",
            "entrusted_to[0]",
            "'entrusted_to[0]' must be an id of letters, digits, '.', '-' and '_' (e.g. PI-CS-001), but it ends "
            'with a line break, which does not show: "C-1\\n"; write the value on one line, without the line '
            "break (and not as a | or > block)",
        ),
        (
            "inventory/a.yaml",
            10,
            20,
            "PI-1",
            "last_reviewed",
            "'last_reviewed' must be a date written YYYY-MM-DD (e.g. 2026-04-01), but it ends with a line break, "
            'which does not show: "2026-11-26\\n"; write the value on one line, without the line break (and not '
            "as a | or > block)",
        ),
    ],
    "ja": [
        "'country' はISO 3166 の大文字2文字の国コード(例: JP、US)で書きます。末尾に改行があります"
        '("JP\\n" と書かれています)。改行を削除し、1行で書いてください(| や > の複数行にしない)',
        "'review_every' はISO 8601 の期間(例: P5Y = 5年、P6M = 6か月、P30D = 30日)で書きます。末尾に改行があります"
        '("P1Y\\n" と書かれています)。改行を削除し、1行で書いてください(| や > の複数行にしない)',
        "'entrusted_to[0]' は英数字・'.'・'-'・'_' のID(例: PI-CS-001)で書きます。末尾に改行があります"
        '("C-1\\n" と書かれています)。改行を削除し、1行で書いてください(| や > の複数行にしない)',
        "'last_reviewed' はYYYY-MM-DD 形式の日付(例: 2026-04-01)で書きます。末尾に改行があります"
        '("2026-11-26\\n" と書かれています)。改行を削除し、1行で書いてください(| や > の複数行にしない)',
    ],
}


def pml101(repo: Path, *extra: str) -> list[dict[str, Any]]:
    return [f for f in check_json(repo, *extra).json()["findings"] if f["rule"] == "PML101"]


@pytest.fixture(scope="module")
def issue_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("issue19") / "r"
    return make_repo(root, {"inventory/a.yaml": INVENTORY, "contractors/c.yaml": CONTRACTORS})


def test_the_issues_four_values_are_findings_at_the_value_in_english(issue_repo: Path) -> None:
    got = [(f["file"], f["line"], f["column"], f["entry"], f["path"], f["message"]) for f in pml101(issue_repo)]
    assert got == EXPECTED["en"]


def test_the_issues_four_values_are_findings_at_the_value_in_japanese(issue_repo: Path) -> None:
    found = pml101(issue_repo, "--lang", "ja")
    assert [(f["file"], f["line"], f["column"], f["entry"]) for f in found] == [e[:4] for e in EXPECTED["en"]]
    assert [f["message"] for f in found] == EXPECTED["ja"]


def test_a_clean_value_next_to_them_is_no_finding(tmp_path: Path) -> None:
    text = INVENTORY.replace('"P1Y\\n"', "P1Y").replace('"C-1\\n"', "C-1").replace("|\n      2026", "2026")
    clean = CONTRACTORS.replace('"JP\\n"', "JP")
    assert pml101(make_repo(tmp_path / "r", {"inventory/a.yaml": text, "contractors/c.yaml": clean})) == []


@pytest.mark.parametrize(
    ("line", "key", "shown"),
    [
        ("    owner: ' nakamura'\n", "starts or ends with a space", '" nakamura"'),
        ("    owner: ＰＩ-１\n", "contains full-width characters (Ｐ Ｉ １)", '"ＰＩ-１"'),
        ('    owner: "naka\\u200bmura"\n', "contains an invisible character (U+200B)", '"naka\u200bmura"'),
        ('    owner: "naka\\nmura"\n', "contains a line break", '"naka\\nmura"'),
        ("    review_every: P１Y\n", "contains full-width characters (１)", '"P１Y"'),
        ("    last_reviewed: ２０２６-11-26\n", "contains full-width characters (２ ０ ６)", '"２０２６-11-26"'),
        ("    last_reviewed: '2026-11-26 '\n", "starts or ends with a space", '"2026-11-26 "'),
    ],
)
def test_what_is_hidden_is_named(tmp_path: Path, line: str, key: str, shown: str) -> None:
    text = "kind: inventory\nentries:\n  - id: PI-1\n    name: 顧客情報\n    department: cs\n"
    text += "    data_items: [氏名]\n    purpose: 商品の発送\n" + line
    (item,) = pml101(make_repo(tmp_path / "r", {"inventory/a.yaml": text}))
    assert (item["line"], item["column"], item["entry"]) == (8, line.index(":") + 3, "PI-1")
    assert f"but it {key}" in item["message"] and shown in item["message"]


# ---------------------------------------------------------------------------- every pattern, near misses


@cache
def schema_patterns() -> dict[str, str]:
    """Every ``pattern`` in schemas/*.json → its hint (what the value is meant to be)."""
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.setdefault(node["pattern"], node.get("x-pmarklint-hint", ""))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((ROOT / "schemas").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


# A valid value of each pattern (a test fails when a schema gains a pattern without one here).
GOOD = {
    "^[A-Za-z0-9][A-Za-z0-9._-]*$": ["PI-CS-001", "C-001", "nakamura", "J.9.4", "a_b"],
    "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$": ["P1Y", "P6M", "P30D", "P1Y6M", "P2W"],
    "^[A-Z]{2}$": ["JP", "US"],
    "^sha256:[0-9a-f]{64}$": ["sha256:" + "0123456789abcdef" * 4],
    "^[^@\\s]+@[^@\\s]+$": ["nakamura@example.test", "a.b+c@d"],
    "^(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ [A-Za-z0-9+/=]+( .*)?$": [
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB+/= nakamura@laptop",
        "ecdsa-sha2-nistp256 AAAAE2Vj",
    ],
    "^PML[0-9]{3}$": ["PML101", "PML505"],
    "^[0-9]{8}(\\([0-9]{2}\\))?$": ["10820123(03)", "10820123"],
    "^[0-9a-f]{40,64}$": ["0123456789abcdef0123456789abcdef01234567"],
    "^[GBUXYRNE]$": ["G", "E"],
    "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$": [
        "Asia/Tokyo",
        "UTC",
        "America/Argentina/Buenos_Aires",
        "Etc/GMT+9",
    ],
    "^(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$": ["04-01", "01-01", "10-21", "12-28"],
    "^[0-9]{4}-(0[1-9]|1[0-2])$": ["2026-06", "2027-12"],
}


def test_every_pattern_has_good_values() -> None:
    assert sorted(schema_patterns()) == sorted(GOOD)


def one_pattern(pattern: str) -> Any:
    return validator_class()({"type": "string", "pattern": pattern}, format_checker=format_checker())


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize("pattern", sorted(GOOD))
def test_near_misses_of_every_pattern_are_findings_that_name_what_is_hidden(pattern: str) -> None:
    validator = one_pattern(pattern)
    for good in GOOD[pattern]:
        assert validator.is_valid(good), good
        misses = {
            good + "\n": "PML101.hidden_newline",
            good + "\r\n": "PML101.hidden_newline",
            " " + good: "PML101.hidden_space",
            good + " " if " " not in pattern else "\t" + good: "PML101.hidden_space",
            "\u3000" + good: "PML101.hidden_space",
            fullwidth(good): "PML101.hidden_fullwidth",
        }
        if "[^" not in pattern:  # a negated class lets an invisible character through, in ECMA-262 too
            misses[good[:1] + "\u200b" + good[1:]] = "PML101.hidden_invisible"
        for value, key in misses.items():
            errors = list(validator.iter_errors(value))
            assert len(errors) == 1, (pattern, value)
            ((path, got, _, args),) = explain_error(errors[0])
            assert (path, got) == ((), key), (pattern, value)
            shown = json.dumps(value, ensure_ascii=False)
            for lang in ("ja", "en"):  # a long value is shown by both ends, where the hidden things are
                message = render(key, lang, args)
                assert shown in message if len(shown) <= 60 else shown[:29] + "…" + shown[-29:] in message


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2026-11-26", True),
        ("2024-02-29", True),
        ("2026-11-26\n", False),
        (" 2026-11-26", False),
        ("2026-11-26 ", False),
        ("２０２６-11-26", False),
        ("2026-1-26", False),
        ("2025-02-29", False),
        ("20261126", False),
        ("2026-11-26T00:00:00", False),
    ],
)
def test_a_date_is_exactly_yyyy_mm_dd(value: str, valid: bool) -> None:
    validator = validator_class()({"type": "string", "format": "date"}, format_checker=format_checker())
    assert validator.is_valid(value) is valid


def test_hidden_names_the_first_thing_the_eye_misses() -> None:
    assert hidden("C-001\n") == ("newline", {})
    assert hidden("C-\n001") == ("linebreak", {})
    assert hidden("C-001\u3000") == ("space", {})
    assert hidden("Ｃ-００１") == ("fullwidth", {"chars": "Ｃ ０ １"})
    assert hidden("\ufeffC-001") == ("invisible", {"chars": "U+FEFF"})
    assert hidden("顧客-001") is None and hidden("5年") is None


@pytest.mark.parametrize("pattern", ["\\p{L}", "(?<name>a)", "[\\S]", "[]", "\\1", "\\k<a>"])
def test_a_construct_the_translation_does_not_know_is_refused(pattern: str) -> None:
    with pytest.raises(UnsupportedPattern):
        translate(pattern)


# --------------------------------------------------------------------- agreement with an ECMAScript engine

MUTATIONS = (
    lambda v: v + "\n",
    lambda v: v + "\r",
    lambda v: v + "\r\n",
    lambda v: "\n" + v,
    lambda v: v + "\u2028",
    lambda v: v + "\u2029",
    lambda v: v + "\x85",
    lambda v: " " + v,
    lambda v: v + " ",
    lambda v: v + "\t",
    lambda v: "\u3000" + v,
    lambda v: v + "\u00a0",
    lambda v: v + "\ufeff",
    lambda v: v + "\u200b",
    lambda v: v[:1] + "\u3000" + v[1:],
    lambda v: v[:1] + " " + v[1:],
    lambda v: v[:1] + "\n" + v[1:],
    lambda v: fullwidth(v),
    lambda v: fullwidth(v[:1]) + v[1:],
    lambda v: v[:-1] + fullwidth(v[-1:]),
    lambda v: "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in v),
    lambda v: "".join(chr(ord(c) + 0x0630) if c.isdigit() else c for c in v),  # Arabic-Indic digits
    lambda v: "".join(chr(ord(c) + 0x0936) if c.isdigit() else c for c in v),  # Devanagari digits
    lambda v: v.lower(),
    lambda v: v.upper(),
    lambda v: v + v,
    lambda v: v[1:],
    lambda v: v[:-1],
    lambda v: "",
    lambda v: v + "x",
    lambda v: v.replace(" ", "\u00a0"),
    lambda v: v.replace(" ", "\u3000"),
    lambda v: v.replace(" ", "\r"),
    lambda v: v + " \r",
    lambda v: v.replace("@", "＠"),
    lambda v: v.replace("-", "－"),
    lambda v: v.replace("-", "\u2010"),
    lambda v: v + "\U0001f600",
    lambda v: v[:1] + "\x00" + v[1:],
)


def corpus() -> list[tuple[str, str]]:
    """(pattern, value) for every pattern: its good values and values taken from the other patterns, each with
    every mutation, and the mutations of the mutations' first half (deterministic, a few thousand)."""
    seeds = [value for values in GOOD.values() for value in values]
    out: list[tuple[str, str]] = []
    for pattern in sorted(GOOD):
        for seed in GOOD[pattern] + seeds:
            once = [mutate(seed) for mutate in MUTATIONS]
            twice = [mutate(value) for value in once[:8] for mutate in MUTATIONS[:20] if value]
            out += [(pattern, value) for value in dict.fromkeys([seed, *once, *twice])]
    return out


def test_the_corpus_is_large() -> None:
    assert len(corpus()) > 20000


def test_pmarklint_and_an_ecmascript_engine_agree_on_every_value() -> None:
    disagree = []
    validators = {pattern: one_pattern(pattern) for pattern in GOOD}
    engines = {pattern: regress.Regex(pattern) for pattern in GOOD}
    for pattern, value in corpus():
        reference = engines[pattern].find(value) is not None
        ours = validators[pattern].is_valid(value)
        if ours != reference or (ecma_regex(pattern).search(value) is not None) != reference:
            disagree.append((pattern, value, ours, reference))
    assert disagree == []

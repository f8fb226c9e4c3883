"""The loader: positions, unsafe YAML, encodings, sizes, and scalars that must not change meaning."""

from __future__ import annotations

import time

import pytest

from pmarklint.documents.loader import MAX_DEPTH, decode, load_file, parse, resolve_plain


def only(result, code: str):
    assert result.document is None or code in ("PML002",)
    assert [f.rule for f in result.findings] == [code], result.findings
    return result.findings[0]


def test_positions_of_values_and_keys() -> None:
    doc = parse("kind: inventory\nentries:\n  - id: PI-1\n    retention: {period: P5Y}\n", "a.yaml").document
    assert doc is not None
    assert doc.data == {"kind": "inventory", "entries": [{"id": "PI-1", "retention": {"period": "P5Y"}}]}
    assert doc.position(("entries", 0)) == (3, 5)
    assert doc.position(("entries", 0, "retention", "period")) == (4, 25)
    assert doc.position(("entries", 0, "retention"), key=True) == (4, 5)
    # a path that does not exist falls back to its nearest existing ancestor
    assert doc.position(("entries", 0, "missing")) == (3, 5)


def test_syntax_error_has_position_and_hint() -> None:
    result = parse("kind: inventory\nentries:\n  - id: PI-1\n    name: 顧客: 本店\n", "a.yaml")
    item = only(result, "PML001")
    assert (item.line, item.column) == (4, 13)  # the second colon
    assert "quotes" in item.message("en")
    assert "引用符" in item.message("ja")


def test_tab_indentation_is_explained() -> None:
    item = only(parse("kind: inventory\nentries:\n\t- id: x\n", "a.yaml"), "PML001")
    assert item.line == 3
    assert "spaces" in item.message("en")


def test_duplicate_key_is_reported_at_the_second_key_and_names_the_first() -> None:
    result = parse("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", "a.yaml")
    assert result.document is not None
    assert result.document.data == {"a": 1, "b": {"c": 1, "d": 2}}
    (item,) = result.findings
    assert item.rule == "PML002"
    assert (item.line, item.column) == (5, 3)
    assert "line 3" in item.message("en")
    assert item.path == "b.c"


def test_duplicate_key_with_a_collection_value_is_reported_once() -> None:
    result = parse("a:\n  x: [1]\n  x: [2, 3]\n", "a.yaml")
    assert [f.rule for f in result.findings] == ["PML002"]
    assert result.document is not None and result.document.data == {"a": {"x": [1]}}


@pytest.mark.parametrize(
    ("text", "key", "position"),
    [
        ("a: &x 1\nb: 2\n", "PML003.anchor", (1, 4)),
        ("a: [1]\nb: *x\n", "PML003.alias", (2, 4)),
        ("a: !custom 1\n", "PML003.tag", (1, 4)),
        ("a: !!python/object:os.system ls\n", "PML003.tag", (1, 4)),
        ("a: !!binary aGVsbG8=\n", "PML003.tag", (1, 4)),
        ("a: 1\n---\nb: 2\n", "PML003.documents", (2, 1)),
        ("? [a, b]\n: 1\n", "PML003.complex_key", (1, 3)),
    ],
)
def test_unsafe_yaml(text: str, key: str, position: tuple[int, int] | None) -> None:
    result = parse(text, "a.yaml")
    assert result.document is None
    (item,) = result.findings
    assert item.message_key == key
    if position:
        assert (item.line, item.column) == position


def test_explicit_str_tag_is_allowed() -> None:
    doc = parse("a: !!str 0123\n", "a.yaml").document
    assert doc is not None and doc.data == {"a": "0123"}


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 30):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    result = parse("\n".join(lines) + "\n", "bomb.yaml")
    elapsed = time.perf_counter() - started
    assert result.document is None
    assert [f.message_key for f in result.findings] == ["PML003.anchor"]
    # Not a timing assertion on the product: a sanity bound far above the milliseconds it takes, far
    # below the hours an expansion would.
    assert elapsed < 5


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200_000])
def test_deep_nesting_is_refused_without_crashing(depth: int) -> None:
    for text in ("a: " + "[" * depth + "]" * depth, "- " * depth + "x\n"):
        result = parse(text, "deep.yaml")
        assert result.document is None
        assert [f.message_key for f in result.findings] == ["PML003.depth"]


def test_nesting_within_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1
    doc = parse("[" * depth + "]" * depth, "a.yaml").document
    assert doc is not None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026-04-01", "2026-04-01"),  # dates stay strings so that format: date applies
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("NO", "NO"),  # Norway
        ("true", True),
        ("False", False),
        ("0312345678", "0312345678"),  # a phone number keeps its leading zero
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("1_000", "1_000"),
        ("12:30", "12:30"),  # not sexagesimal 750
        ("0x1F", "0x1F"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
        ("", None),
        ("P5Y", "P5Y"),
        ("5年", "5年"),
    ],
)
def test_plain_scalars(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_quoted_scalars_are_always_text() -> None:
    doc = parse("a: '42'\nb: \"true\"\nc: 'null'\n", "a.yaml").document
    assert doc is not None and doc.data == {"a": "42", "b": "true", "c": "null"}


def test_keys_stay_text() -> None:
    doc = parse("1: a\nno: b\ntrue: c\n", "a.yaml").document
    assert doc is not None and doc.data == {"1": "a", "no": "b", "true": "c"}


def test_shift_jis_is_recognised() -> None:
    raw = "kind: inventory\nname: 顧客情報\n".encode("cp932")
    text, problems = decode(raw, "a.yaml")
    assert text is None
    (item,) = problems
    assert item.rule == "PML004"
    assert item.message_key == "PML004.shift_jis"
    assert (item.line, item.column) == (2, 7)
    assert "Shift_JIS" in item.message("en") and "Shift_JIS" in item.message("ja")


def test_other_binary_is_not_called_shift_jis() -> None:
    _, problems = decode(b"a: \xff\xfe\xfd\n", "a.yaml")
    assert [f.message_key for f in problems] == ["PML004.not_utf8"]


def test_utf8_bom_is_accepted() -> None:
    text, problems = decode("\ufeffkind: person\n".encode(), "a.yaml")
    assert problems == [] and text == "kind: person\n"


def test_file_over_the_size_limit_is_not_read(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    result = load_file(str(path), "big.yaml", max_size=100)
    assert [f.message_key for f in result.findings] == ["PML004.too_large"]
    assert "5000" in result.findings[0].message("en")


def test_control_characters_are_a_syntax_finding() -> None:
    result = parse("a: b\x00c\n", "a.yaml")
    assert [f.rule for f in result.findings] == ["PML001"]


def test_empty_file_has_no_data() -> None:
    result = parse("# only a comment\n", "a.yaml")
    assert result.findings == [] and result.document is not None and result.document.data is None

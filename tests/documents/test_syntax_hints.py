"""The hints for the commonest beginner mistakes in a hand-edited ledger: each names the mistake, on the line
where it is (not the line after it, where the parser gave up), in English and in Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmarklint.documents.loader import parse

from helpers.cli import run

HEAD = "kind: contractor\nentries:\n"
ENTRY = "  - id: C-001\n    name: Example Delivery K.K.\n"

CASES = {
    "over-indented": (
        HEAD + ENTRY + "      service: Delivery of orders\n",
        (5, 7),
        "this is not valid YAML: mapping values are not allowed in this context. This line is indented further "
        "than the line above it, which already has its value: start its key at the same column as the keys above it.",
        "YAMLとして読めません: mapping values are not allowed in this context。この行は、値のある上の行より深く"
        "インデントされています。上の行のキーと同じ位置から書き始めてください。",
    ),
    "full-width space": (
        HEAD + "  - id: C-001\n   \u3000name: Example Delivery K.K.\n",
        (4, 4),
        "this is not valid YAML: while parsing a block collection, did not find expected '-' indicator. This line "
        "is indented with a full-width space (全角スペース, U+3000): YAML indents only with half-width spaces. "
        "Replace it with ordinary spaces.",
        "YAMLとして読めません: while parsing a block collection, did not find expected '-' indicator。この行は"
        "全角スペース(U+3000)でインデントされています。YAMLのインデントは半角スペースだけです。半角スペースに"
        "置き換えてください。",
    ),
    "entries: [] then entries": (
        "kind: contractor\nentries: []\n" + ENTRY,
        (2, 10),
        "this is not valid YAML: while parsing a block mapping, did not find expected key. '[]' means an empty "
        "list, yet items follow it: now that the list has entries, delete the '[]' (leave 'entries:' alone on "
        "its line).",
        "YAMLとして読めません: while parsing a block mapping, did not find expected key。'[]' は空のリストという"
        "意味ですが、その下に項目があります。項目を書いたら '[]' を削除してください('entries:' だけの行にします)。",
    ),
    "no space after -": (
        HEAD + "  -id: C-001\n    name: Example Delivery K.K.\n",
        (3, 3),
        "this is not valid YAML: mapping values are not allowed in this context. A list item needs a space after "
        "'-': write '- id: …', not '-id: …'.",
        "YAMLとして読めません: mapping values are not allowed in this context。リストの項目は '-' の後に半角"
        "スペースが必要です。'-id: …' ではなく '- id: …' と書いてください。",
    ),
    "no space after :": (
        HEAD + "  - id: C-001\n    name:Example\n    service: Delivery of orders\n",
        (4, 9),
        "this is not valid YAML: while scanning a simple key, could not find expected ':'. A key needs a space "
        "after its ':': write 'name: value', not 'name:value'.",
        "YAMLとして読めません: while scanning a simple key, could not find expected ':'。キーの ':' の後に半角"
        "スペースが必要です。'name:値' ではなく 'name: 値' と書いてください。",
    ),
    "no space after : on the item line": (
        HEAD + "  - id:C-001\n    name: Example Delivery K.K.\n",
        (3, 7),
        "this is not valid YAML: mapping values are not allowed in this context. A key needs a space after its "
        "':': write 'name: value', not 'name:value'.",
        "YAMLとして読めません: mapping values are not allowed in this context。キーの ':' の後に半角スペースが"
        "必要です。'name:値' ではなく 'name: 値' と書いてください。",
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_the_hint_names_the_mistake_where_it_is(case: str) -> None:
    source, position, english, japanese = CASES[case]
    result = parse(source, "contractors/contractors.yaml")
    assert result.document is None
    (item,) = result.findings
    assert (item.rule, (item.line, item.column)) == ("PML001", position)
    assert item.message("en") == english
    assert item.message("ja") == japanese


def test_a_key_indented_with_full_width_spaces_is_named() -> None:
    """Two full-width spaces at the start of a line parse, as part of a key: the key is named, in both languages."""
    result = parse(HEAD + "  - id: C-001\n\u3000\u3000name: Example\n", "contractors/contractors.yaml")
    assert result.document is not None
    (item,) = result.findings
    assert (item.rule, item.line, item.column) == ("PML001", 4, 1)
    assert item.message("en") == (
        "the key 'name' is indented with a full-width space (全角スペース, U+3000), which YAML reads as part of "
        "the key: indent with ordinary half-width spaces"
    )
    assert item.message("ja") == (
        "キー 'name' が全角スペース(U+3000)でインデントされていて、YAMLはそれをキーの一部として読みます。"
        "半角スペースでインデントしてください"
    )


def test_uncommenting_the_example_of_a_new_ledger_without_removing_the_brackets(tmp_path: Path) -> None:
    """What `pmarklint init` writes, with the "# " removed in front of the example as its comment says, but
    "entries: []" left as it is."""
    assert run("init", tmp_path / "r", "--lang", "en", "--no-git").exit_code == 0
    path = tmp_path / "r" / "contractors" / "contractors.yaml"
    text = "\n".join(
        line[1:] if line.startswith("#  ") else line for line in path.read_text(encoding="utf-8").split("\n")
    )
    (item,) = parse(text, "contractors/contractors.yaml").findings
    assert (item.rule, item.line) == ("PML001", text.split("\n").index("entries: []") + 1)
    assert "delete the '[]'" in item.message("en")


def test_the_general_hints_stay_where_no_beginner_mistake_fits() -> None:
    (item,) = parse(HEAD + "  - id: C-001\n    name: 配送: 本店\n", "c.yaml").findings
    assert (item.line, item.column) == (4, 13)
    assert item.message("en").endswith("A value that contains ': ' must be put in quotes.")
    (item,) = parse("kind: contractor\nentries:\n\t- id: x\n", "c.yaml").findings
    assert item.message("en").endswith("Tab characters cannot indent YAML: indent with spaces.")

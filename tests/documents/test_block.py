"""The loader's fast path (documents/block.py) builds exactly what libyaml's events build, or gives up.

Wherever the block reader answers, its document must equal the one ``loader.parse_events`` builds from the
same text: the same data (types, key order), the same position of every value and every key, in the same
order, and libyaml must have nothing to report. Compared on every YAML file of the project (examples, shipped
data, YAML in the docs), every rule example with its history, hand-made edge cases, random edits of the
example's ledgers, and generated block YAML. Each corpus also checks that the fast path answered for a fair
share of it, so that the comparison compares something."""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmarklint.documents import block
from pmarklint.documents.loader import Document, decode, parse, parse_events
from pmarklint.rules import REGISTRY

from helpers.data import same
from helpers.repos import ROOT

SHOP = ROOT / "examples" / "shop"


def agree(text: str) -> bool:
    """Whether the block reader answered for ``text``; when it did, libyaml's events built the same."""
    read = block.read(text)
    slow = parse_events(text, "t.yaml")
    if read is None:
        return False
    fast = Document(*read)
    assert slow.findings == [], (text, slow.findings)
    assert slow.document is not None
    assert same(fast.data, slow.document.data), (text, fast.data, slow.document.data)
    assert list(fast.values.items()) == list(slow.document.values.items()), text
    assert list(fast.keys.items()) == list(slow.document.keys.items()), text
    assert fast.longest is not None and all(len(t) <= fast.longest for t in texts_and_keys(fast.data)), text
    return True


def texts_and_keys(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from texts_and_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_and_keys(item)


def test_a_long_text_is_found_on_the_fast_path() -> None:
    """The block reader bounds the length of every text (Document.longest) and PML007 trusts the bound: a text
    longer than the limit is still found, at its value."""
    from pmarklint.rules.files import check_document

    text = "kind: inventory\nentries:\n  - id: PI-1\n    purpose: " + "長" * 30 + "\n    name: 台帳\n"
    document = parse(text, "inventory/a.yaml").document
    assert document is not None and document.longest == 4 + len("purpose: ") + 30
    found = check_document("inventory", document, "inventory/a.yaml", {"limits": {"max_string_length": 20}})
    assert [(f.rule, f.line, f.column, f.entry, f.path) for f in found] == [("PML007", 4, 14, "PI-1", "purpose")]
    assert check_document("inventory", document, "inventory/a.yaml", {"limits": {"max_string_length": 39}}) == []


def project_files() -> list[tuple[str, str]]:
    """Every YAML file of the project outside tests, and every YAML block of its Markdown pages."""
    out = []
    for folder in ("examples", "pmarklint", "docs", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.y*ml")):
            text, _ = decode(path.read_bytes(), path.name)
            if text is not None:
                out.append((path.relative_to(ROOT).as_posix(), text))
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for index, found in enumerate(re.findall(r"```ya?ml\n(.*?)```", path.read_text("utf-8"), re.S)):
            out.append((f"{path.relative_to(ROOT).as_posix()}#{index}", found))
    return out


def example_files() -> list[tuple[str, str]]:
    out = []
    for code, rule in REGISTRY.items():
        for side, example in (("bad", rule.bad), ("good", rule.good)):
            files = [example.files, *(changed for _, changed in example.history)]
            for changed in files:
                for rel, content in changed.items():
                    if isinstance(content, str) and rel.endswith((".yaml", ".yml")):
                        out.append((f"{code}-{side}:{rel}", content))
    return out


def test_every_project_file_reads_the_same() -> None:
    files = project_files()
    assert len(files) > 60
    accepted = [name for name, text in files if agree(text)]
    assert len(accepted) > len(files) // 4
    assert "pmarklint/workspace/templates/ja/inventory.yaml" in accepted  # what ``init`` writes


def test_every_rule_example_reads_the_same() -> None:
    files = example_files()
    assert len(files) > 100
    accepted = sum(agree(text) for _, text in files)
    assert accepted >= 40


def test_parse_uses_the_fast_path_and_can_be_told_not_to(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# c\nkind: inventory\nentries:\n  - id: PI-1\n    name: 顧客名簿\n"
    calls: list[str] = []
    read = block.read
    monkeypatch.setattr(block, "read", lambda t: calls.append(t) or read(t))
    assert parse(text, "t.yaml").document.data == {"kind": "inventory", "entries": [{"id": "PI-1", "name": "顧客名簿"}]}
    assert calls == [text]
    monkeypatch.setenv("PMARKLINT_FAST_LOAD", "0")
    assert parse(text, "t.yaml").document.data["kind"] == "inventory"
    assert calls == [text]


# (text, whether the block reader answers). Where it answers, the documents must be equal; where it gives up,
# libyaml judges (a finding, another value, or the same value in a layout left to it).
CASES = [
    ("a: 1\n", True),
    ("a: 1", True),
    ("a:\n", True),
    ("a:", True),
    ("a:   \nb: 2\n", True),
    ("a:\nb:\n", True),
    ("a:\n  b: 1\n", True),
    ("a:\n- x\n- y\nb: 1\n", True),
    ("a:\n  - x\n  - y\nb: 1\n", True),
    ("- a\n- b\n", True),
    ("- a: 1\n  b: 2\n- c\n", True),
    ("-   a: 1\n    b: 2\n", True),
    ("- a:\n  - x\n", True),
    ("- a:\n- b\n", True),
    ("- a:\n    b: 1\n  c: 2\n", True),
    ("  a: 1\n  b: 2\n", True),
    ("# c\n\na:   1   \n", True),
    ("a:\n# c\n  b: 1\n", True),
    ("a:\n    # c\n  b: 1\n", True),
    ("a: 1\n  # c\nb: 2\n", True),
    ("a:\n\n  b: 1\n\n\nc: 2\n", True),
    ("a:\n# c\n- x\n", True),
    ("a: []\nb: {}\n- x\n", False),
    ("a: []\nb: {}\nc:\n  - []\n  - {}\n", True),
    ("a: 012\nb: 0x1F\nc: 1_000\nd: 1e3\ne: .5\nf: .inf\ng: .NaN\nh: ~\ni: Null\nj: TRUE\nk: yes\n", True),
    ("a: 2026-04-01\nb: 12:30\nc: x:y\nd: http://example.com/a?b=c\ne: a,b\nf: a  b\ng: it's\nh: 5\"\n", True),
    ("a: 顧客情報\nb: 大阪 府\nc: é\n", True),
    ("true: 1\nnull: 2\nFalse: 3\n", True),
    ("a: " + "9" * 100 + "\n", True),
    ("a: " + "9" * 101 + "\n", False),  # PML003
    ("a: -" + "9" * 101 + "\n", False),
    ("a: -5\n", False),  # a scalar that starts with an indicator is left to libyaml
    ("a: -.inf\n", False),
    ("a: 1\na: 2\n", False),  # PML002
    ("a:\n  b: 1\n  b: 2\n", False),
    ("- a: 1\n  a: 2\n", False),
    ("\u3000a: 1\n", False),  # PML001
    ("a: \u3000x\n", False),
    ("a: &x 1\nb: *x\n", False),  # PML003
    ("a: !!str 1\n", False),
    ("a: !t 1\n", False),
    ("--- \na: 1\n", False),
    ("a: 1\n---\nb: 2\n", False),
    ("a: 1\n...\n", False),
    ("%YAML 1.2\n---\na: 1\n", False),
    ("a: 'x'\n", False),
    ('a: "x"\n', False),
    ("a: |\n  x\n", False),
    ("a: >\n  x\n", False),
    ("a: [x]\n", False),
    ("a: {b: 1}\n", False),
    ("a: 1 # c\n", False),
    ("a: x\n  y\n", False),  # a plain scalar on two lines
    ("- x\n  - y\n", False),
    ("a: x\n  b: 1\n", False),
    ("a: b: c\n", False),
    ("a: x:\n", False),
    ("a : 1\n", False),
    ("a:1\n", False),
    ("a:\n\tb: 1\n", False),
    ("a: 1\t\n", False),
    ("a: 1\r\nb: 2\r\n", False),
    ("a: 1\rb: 2\n", False),
    ("a: 1\x85b: 2\n", False),
    ("a: x\u2028y\n", False),
    ("a: x\ufeff\n", False),
    ("a: x\x7f\n", False),
    ("a: x\x00\n", False),
    ("# c\x00\na: 1\n", False),
    ("# c\ta\na: 1\n", False),
    ("a:\n    b: 1\n  c: 2\n", False),
    ("a:\n  - x\n  b: 1\n", False),
    ("- a\nb: 1\n", False),
    ("a: 1\n- x\n", False),
    ("- a: 1\n  - x\n", False),
    ("- a:\n b: 1\n", False),
    ("x\n", False),
    ("- \n", False),
    ("-\n", False),
    ("- - x\n", False),
    ("a: - x\n", False),
    ("? a\n: 1\n", False),
    ("1k: 1\n", False),
    ("x-extra: 1\n", False),
    ("キー: 1\n", False),
    ("k" * 1000 + ": 1\n", True),
    ("k" * 1001 + ": 1\n", False),
    ("k" * 1100 + ": 1\n", False),  # libyaml's limit on a simple key
    ("", False),
    ("# only a comment\n", False),
    ("\n\n", False),
    ("a: x\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)), False),  # nesting beyond MAX_NESTING
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 20)) + "  " * 20 + "z: 1\n", True),
]


@pytest.mark.parametrize(("text", "answers"), CASES)
def test_edge_cases(text: str, answers: bool) -> None:
    assert agree(text) is answers


def test_too_deep_is_left_to_the_loader() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "z: 1\n"
    assert block.read(text) is None
    assert [f.rule for f in parse(text, "t.yaml").findings] == ["PML003"]


EDIT_ATOMS = [
    "", " ", "  ", "- ", "-", ":", ": ", "#", " #", "# c", "\t", "'", '"', "[", "]", "{}", "[]", "&a ", "*a",
    "!", "|", ">", "?", "%", "@", "`", ",", "~", "0", "012", "1.5", ".inf", "true", "yes", "null", "\u3000",
    "\u2028", "\x85", "\ufeff", "\r", "x", "大", "2026-01-01", "9" * 101,
]  # fmt: skip


def edits(text: str, rng: random.Random) -> str:
    """A random edit of a few lines: characters put in, taken out or swapped, a line repeated, moved,
    re-indented, blanked or turned into a comment."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        line = lines[at]
        how = rng.randrange(8)
        if how == 0:
            spot = rng.randint(0, len(line))
            lines[at] = line[:spot] + rng.choice(EDIT_ATOMS) + line[spot:]
        elif how == 1 and line:
            spot = rng.randrange(len(line))
            lines[at] = line[:spot] + line[spot + rng.randint(1, 3) :]
        elif how == 2:
            lines.insert(at, line)
        elif how == 3:
            lines.insert(rng.randrange(len(lines)), lines.pop(at))
        elif how == 4:
            lines[at] = " " * rng.choice([0, 1, 2, 3, 4, 6, 8]) + line.lstrip(" ")
        elif how == 5:
            lines.insert(at, rng.choice(["", "  ", "#", "# メモ", "    # c", "  #"]))
        elif how == 6:
            lines[at] = line.replace(": ", rng.choice([":  ", ":", " : ", ":   "]), 1)
        else:
            lines[at] = line.rstrip() + rng.choice(["", " ", "  ", ":", " # c", " x", "\t"])
    return "\n".join(lines)


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def generated_ledgers() -> list[str]:
    """Small files of the benchmark's synthetic repository, as benchmarks/bench.py writes them."""
    bench = _bench()
    args = argparse.Namespace(seed=7, people=6, contractors=4, entries=12, files=2)
    return [bench.to_yaml(doc, header=bench.HEADER) for doc in bench.synthetic_docs(args).values()]


def test_the_benchmark_files_are_read_by_the_fast_path() -> None:
    ledgers = generated_ledgers()
    assert len(ledgers) == 5
    assert sum(agree(text) for text in ledgers) == 4  # not pmarklint.yaml, which has quotes


def test_random_edits_of_ledgers_read_the_same() -> None:
    rng = random.Random(20261204)
    ledgers = generated_ledgers()
    count = int(os.environ.get("PMARKLINT_BLOCK_EDITS", "400"))
    accepted = sum(agree(edits(rng.choice(ledgers), rng)) for _ in range(count))
    assert count // 8 < accepted < count  # both paths are exercised


NAMES = ["k", "id", "a_b", "K", "name", "x1", "true", "null"]
ATOMS = [
    "a", "12", "012", "-5", "+7", "1.5", "1e3", ".5", "-.inf", ".NaN", "true", "yes", "~", "null", "",
    "2026-04-01", "12:30", "x:y", "a,b", "a  b", "大阪", "[]", "{}", "a ", "é", "9" * 101, "1" * 99, "x #y",
]  # fmt: skip
FILLER = ["", "#", "# c", "  # c", "    #"]


@st.composite
def layout(draw: st.DrawFn, indent: int = 0, level: int = 0) -> list[str]:
    """Lines of a block mapping or list at ``indent``: nested, with items, lists at their key's indentation,
    comments and blank lines, a repeated key now and then."""
    lines: list[str] = []
    if draw(st.integers(0, 3)) == 0:
        lines.append(draw(st.sampled_from(FILLER)))
    if level > 0 and draw(st.integers(0, 2)) == 0:  # a list
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                lines.append(" " * indent + "- " + draw(st.sampled_from(ATOMS)))
            else:
                gap = draw(st.sampled_from([1, 1, 2]))
                inner = draw(layout(indent + 1 + gap, level + 1))
                first = (
                    inner[0].lstrip(" ")
                    if inner and inner[0].strip() and not inner[0].lstrip().startswith("#")
                    else None
                )
                if first is not None and not first.startswith("- "):
                    lines += [" " * indent + "-" + " " * gap + first, *inner[1:]]
                else:
                    lines.append(" " * indent + "- x")
        return lines
    for key in draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)):
        head = " " * indent + key + ":"
        if level < 3 and draw(st.integers(0, 2)) == 0:
            sub = indent + draw(st.sampled_from([0, 1, 2, 2, 4]))
            lines += [head, *draw(layout(sub, level + 1))]
        else:
            atom = draw(st.sampled_from(ATOMS))
            lines.append(head + (" " * draw(st.integers(1, 2)) + atom if atom else draw(st.sampled_from(["", " "]))))
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(FILLER)))
    return lines


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout())
def test_generated_layouts_read_the_same(lines: list[str]) -> None:
    agree("\n".join(lines) + "\n")


def test_the_generated_layouts_reach_the_fast_path() -> None:
    accepted = 0

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(layout())
    def count(lines: list[str]) -> None:
        nonlocal accepted
        accepted += agree("\n".join(lines) + "\n")

    count()
    assert accepted >= 60

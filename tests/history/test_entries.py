"""The ways pmarklint.history.entries reads revision after revision (for the audit trail) give exactly what reading each
revision on its own gives: splits derived from the previous revision's, entries put together key by key, files
put together entry by entry, and the plain-YAML reader that spares libyaml."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from pmarklint.documents import plain, slices
from pmarklint.documents.loader import decode, parse
from pmarklint.documents.plain import plain_mapping
from pmarklint.documents.slices import common_prefix, common_suffix, key_blocks, split_entries
from pmarklint.git.blobs import Blobs, blob_id
from pmarklint.history.entries import Entries

from helpers.data import same


class MemoryBlobs(Blobs):
    """Blob contents by id, without git."""

    def __init__(self) -> None:
        super().__init__(Path("."))
        self.contents: dict[str, bytes] = {}

    def add(self, data: bytes) -> str:
        sha = blob_id(data)
        self.contents[sha] = data
        return sha

    def read(self, sha: str) -> bytes:
        return self.contents[sha]


def loaded(text: str) -> Any:
    document = parse(text, "test").document
    return document.data if document is not None else None


# -- common_prefix, common_suffix ------------------------------------------------------------------------------
@pytest.mark.parametrize("chunk", [1, 3, 8192])
def test_common_prefix_and_suffix(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slices, "_CHUNK", chunk)
    rnd = random.Random(chunk)
    for _ in range(2000):
        x = bytes(rnd.choice(b"ab") for _ in range(rnd.randint(0, 30)))
        y = bytes(rnd.choice(b"ab") for _ in range(rnd.randint(0, 30)))
        head = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
        assert common_prefix(x, y) == head
        for most in (-2, 0, min(len(x), len(y)) - head, min(len(x), len(y))):
            tail = 0
            while tail < most and x[len(x) - 1 - tail] == y[len(y) - 1 - tail]:
                tail += 1
            assert common_suffix(x, y, most) == tail, (x, y, most)


# -- ledgers, revision after revision --------------------------------------------------------------------------
BODIES = [  # the lines of an entry after its ``- id: …`` line, at 4 spaces
    "    name: 顧客台帳\n    record_count: 1200\n    sensitive: false\n",
    "    name: 'quoted: yes'\n    owner: sato\n    access:\n      - sato\n      - suzuki\n",
    '    notes: "a quoted scalar\n      that runs on"\n    status: active\n',
    "    summary: |\n      a block scalar\n      on two lines\n    last_reviewed: 2025-04-01\n",
    "    tags: [a, b,\n      c]\n    code: 0312\n    flag: yes\n",
    "    # a comment\n    retention:\n      period: P5Y\n\n      basis: 契約終了後\n    ratio: .nan\n",
    "    risks:\n    - phase: 取得\n      threat: 漏えい\n    - phase: 廃棄\n      threat: 紛失\n    empty: []\n",
    "    deep:\n      a:\n        b:\n          c: [1, {d: e}]\n    when: 2024-01-01 09:00\n",
    "    anchor: &x 1\n    alias: *x\n",  # the loader refuses anchors: get() and get_reusing() agree on that
    "    twice: 1\n    twice: 2\n",  # a repeated key: the loader keeps the first
    "    url: https://example.test/a?b=c\n    digest: sha256:0123abcd\n    inf: -.inf\n",
]


def entry(entry_id: str, body: str, approvals: int = 0, first: int = 0) -> str:
    lines = "".join(
        f"      - by: person{i}\n        role: privacy_manager\n        date: 2025-0{i % 9 + 1}-01\n"
        f"        digest: sha256:{i + first:064x}\n"
        for i in range(approvals)
    )
    return f"  - id: {entry_id}\n{body}" + (f"    approvals:\n{lines}" if approvals else "")


def ledger(entries: list[str], header: str = "kind: inventory\nentries:\n", trailer: str = "") -> bytes:
    return (header + "".join(entries) + trailer).encode()


def revisions(rnd: random.Random, count: int) -> list[bytes]:
    """A ledger edited at random: values, approvals appended, entries added, removed and moved, the header and
    what follows the list changed."""
    plain = [i for i, body in enumerate(BODIES) if "&" not in body]  # an anchor stops the whole file: seldom
    items = [[f"PI-{i:03d}", rnd.choice(plain), 0, 0] for i in range(12)]
    header, trailer = "kind: inventory\nentries:\n", ""
    out = []
    for step in range(count):
        roll = rnd.random()
        target = rnd.randrange(len(items)) if items else 0
        if roll < 0.25 and items:
            items[target][2] += 1  # an approval appended
        elif roll < 0.3 and items:
            items[target][2] += 1  # an approval appended, and the others' digests changed
            items[target][3] += 1
        elif roll < 0.5 and items:
            items[target][1] = rnd.randrange(len(BODIES)) if roll < 0.32 else rnd.choice(plain)  # other values
        elif roll < 0.6:
            items.insert(rnd.randrange(len(items) + 1), [f"PI-N{step}", rnd.choice(plain), 0, 0])
        elif roll < 0.7 and len(items) > 1:
            items.pop(target)
        elif roll < 0.8 and len(items) > 1:
            items.insert(rnd.randrange(len(items)), items.pop(target))
        elif roll < 0.85:
            header = rnd.choice(["kind: inventory\nentries:\n", "# 台帳\nkind: inventory\nentries:\n"])
        elif roll < 0.9:
            trailer = rnd.choice(["", "# end\n", "other: 1\n", "  # indented comment\n"])
        elif roll < 0.95 and len(items) > 1:  # for one revision, an id twice: no split
            twice = [[*item] for item in items]
            twice[target][0] = twice[(target + 1) % len(items)][0]
            out.append(ledger([entry(i, BODIES[b], a, f) for i, b, a, f in twice], header, trailer))
            continue
        else:
            items[target][0] = f"PI-R{step}"
        out.append(ledger([entry(i, BODIES[b], a, f) for i, b, a, f in items], header, trailer))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_revision_after_revision_gives_what_each_revision_gives(seed: int) -> None:
    rnd = random.Random(seed)
    blobs = MemoryBlobs()
    walking, fresh = Entries(blobs), Entries(blobs)
    previous = None
    for data in revisions(rnd, 120):
        sha = blobs.add(data)
        derived = walking.split_near(sha, previous)
        assert derived == split_entries(data)
        assert list(derived or {}) == list(split_entries(data) or {})
        for entry_id in derived or {}:
            assert same(walking.get_reusing(sha, entry_id), fresh.get(sha, entry_id)), (seed, entry_id)
        assert same(walking.all_reusing(sha), fresh.all(sha))
        previous = sha


def test_split_near_when_the_first_item_or_the_end_of_the_list_changes() -> None:
    blobs = MemoryBlobs()
    entries = Entries(blobs)
    base = ledger([entry("A", BODIES[0]), entry("B", BODIES[1]), entry("C", BODIES[0])])
    changed = [
        base.replace(b"  - id: A", b"  -  id: A"),  # the first item's opening line
        base.replace(b"  - id: A", b"- id: A"),  # the list's indentation
        base + b"other: 1\n",  # a key after the list
        base.replace(b"  - id: B\n", b"top: 1\n  - id: B\n"),  # a line that ends the list early
        base.replace(b"id: C", b"id: A"),  # an id twice
        base.replace(b"  - id: B\n", b"  - id: B\n  -\n"),  # an item without an id
        base + entry("D", BODIES[3]).encode(),  # an item appended
        base.replace(b"  - id: C", b"  - name: x\n    id: C"),  # the id not on the first line
    ]
    for data in changed:
        old = blobs.add(base)
        entries.split_near(old, None)
        assert entries.split_near(blobs.add(data), old) == split_entries(data), data


def test_odd_revisions_of_an_entry() -> None:
    """Revisions that look like an approval appended, or a key changed, but are not what they look like."""
    base = entry("A", BODIES[0], approvals=1)
    odd = [
        base + "     - by: x\n",  # an item less indented than the others
        base + "      - by: x\n     odd: 1\n",  # an item, then a line less indented than the items
        base + "      - by: x\n    - by: y\n",
        base.replace("    name: 顧客台帳\n", '    "name": 顧客台帳\n'),  # a key that is not plain
        base + "      - by: x\n    note: |\n      text\n",
        base + "   stray: 1\n",  # a line less indented than the keys
        base + "    note: x\n    id: Z\n",  # an id line inside the item
        base.replace("    name: 顧客台帳\n", "    name: 顧客台帳\n  # a comment\n"),
        base.replace("    record_count: 1200\n", '    record_count: "1200\n  spread"\n'),
        base.replace("    sensitive: false\n", "    sensitive: false\n    sensitive: true\n"),
    ]
    for revision in odd:
        blobs = MemoryBlobs()
        walking, fresh = Entries(blobs), Entries(blobs)
        before = blobs.add(ledger([base, entry("B", BODIES[1])]))
        after = blobs.add(ledger([revision, entry("B", BODIES[1])]))
        walking.split_near(before, None)
        walking.get_reusing(before, "A")
        assert walking.split_near(after, before) == split_entries(blobs.contents[after])
        for entry_id in split_entries(blobs.contents[after]) or {}:
            assert same(walking.get_reusing(after, entry_id), fresh.get(after, entry_id)), revision


def test_nesting_as_deep_as_the_loader_allows() -> None:
    blobs = MemoryBlobs()
    walking, fresh = Entries(blobs), Entries(blobs)
    for depth in (60, 61, 62, 63, 64):
        nested = "[" * depth + "]" * depth
        for data in (
            ledger([entry("A", f"    deep: {nested}\n"), entry("B", BODIES[0])]),
            ledger([entry("A", f"    deep: {nested}\n    more: 1\n"), entry("B", BODIES[0])]),
        ):
            sha = blobs.add(data)
            for entry_id in ("A", "B"):
                assert same(walking.get_reusing(sha, entry_id), fresh.get(sha, entry_id)), depth
            assert same(walking.all_reusing(sha), fresh.all(sha)), depth


def test_entries_put_together_key_by_key() -> None:
    piece = b"  - id: A\n    name: x\n    risks:\n    - a: 1\n      b: 2\n    # c\n\n    z:\n      q: 1\n"
    assert key_blocks(piece) == [
        ("id", b"    id: A\n"),
        ("name", b"    name: x\n"),
        ("risks", b"    risks:\n    - a: 1\n      b: 2\n    # c\n\n"),
        ("z", b"    z:\n      q: 1\n"),
    ]
    assert key_blocks(b"  - id: A\n   odd: 1\n") is None  # less indented than the keys
    assert key_blocks(b'  - id: A\n    "quoted": 1\n') is None
    assert key_blocks(b"  - id: A\n\tname: x\n") is None


def test_a_file_that_does_not_parse_whole_has_no_entries() -> None:
    blobs = MemoryBlobs()
    walking, fresh = Entries(blobs), Entries(blobs)
    for data in (
        ledger([entry("A", BODIES[0]), entry("B", BODIES[8])]),  # an anchor in one entry
        ledger([entry("A", BODIES[0])], header='"entries": []\nentries:\n'),  # a repeated key before the list
        ledger([entry("A", BODIES[0])], header='"entries":\nentries:\n'),  # the same, empty
        ledger([entry("A", BODIES[0])], trailer="---\nkind: x\n"),  # two documents
        ledger([entry("A", BODIES[0])], trailer="entries: []\n"),
    ):
        sha = blobs.add(data)
        assert same(walking.all_reusing(sha), fresh.all(sha)), data


# -- the plain reader ------------------------------------------------------------------------------------------
PLAIN = [
    "a: hello world  \n",
    "a: 12\nb: 012\nc: true\nd: yes\ne: 2024-01-01\nf: .nan\ng: ~\nh: null\ni: .inf\nj: 1e3\n",
    "a: x:y\nb: sha256:abc\nc: http://x/y\nd: a,b\ne: (x)\nf: it's\ng: 大阪 書庫\n",
    "a:\n  - x\n  - y\nb: []\nc: {}\n",
    "a:\n- x\n- k: v\n  l: w\nb: 1\n",
    "a:\n  b:\n    c:\n      - d: 1\n        e:\n          - f\n",
    "a:\n  -   k: v\n      l: w\n",
    "a:",
    "a: \n",
]
NOT_PLAIN = [
    "a: 'q'\n",
    "a: x # c\n",
    "a: -5\n",
    "a: [a]\n",
    "a: |\n  x\n",
    "a: x\n  more\n",
    "a: 1\na: 2\n",
    "a:\n  - - x\n",
    "a: x: y\n",
    "a: &x 1\n",
    "a:\n\n  b: 1\n",
    "a: x\u2028y\n",
    "a:\n  b: 1\n c: 2\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_reader_reads_as_the_loader(text: str) -> None:
    read = plain_mapping(text.encode())
    assert read is not None
    assert same(read[0], loaded(text))
    assert read[1] == plain.depth(read[0])


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_plain_reader_leaves_the_rest_to_libyaml(text: str) -> None:
    assert plain_mapping(text.encode()) is None


def test_plain_reader_on_random_lines() -> None:
    rnd = random.Random(7)
    atoms = ["a", "12", "012", "-5", "1.5", ".nan", "true", "yes", "~", "", "2024-01-01", "x:y", "x: y", "x #y", "'q'",
             "[]", "{}", "[a]", "a,b", "a  b", "大阪", "|", "&a", "*a", "!t", "?x", ":x", "x:", "sha256:ab", "a ", "é"]  # fmt: skip
    keys = ["k", "id", "a_b", "1k", "K"]

    def node(indent: int, level: int) -> tuple[str, list[str]]:
        roll = rnd.random()
        if level > 2 or roll < 0.5:
            atom = rnd.choice(atoms)
            return (" " + atom) if atom else "", []
        sub = indent + rnd.choice([0, 1, 2, 2, 4])
        lines = []
        for _ in range(rnd.randint(1, 3)):
            if roll < 0.75:
                head, rest = node(sub + 1, level + 1)
                lines += [" " * sub + rnd.choice(keys) + ":" + head, *rest]
            else:
                head, rest = node(sub + 2, level + 1)
                lines += [" " * sub + "- " + rnd.choice(keys) + ":" + head, *rest]
        return "", lines

    checked = 0
    for _ in range(3000):
        head, rest = node(2, 0)
        text = "  k:" + head + "\n" + "".join(line + "\n" for line in rest)
        read = plain_mapping(text.encode())
        if read is not None:
            checked += 1
            decoded, _ = decode(text.encode(), "test")
            assert decoded is not None
            assert same(read[0], loaded(decoded)), text
    assert checked > 500


@pytest.mark.parametrize("seed", range(4))
def test_approvals_lines_and_digest_test_agree_with_the_whole_entry(seed: int) -> None:
    """``approvals`` (read without libyaml where the lines are plain) gives the entry's approvals as parsing the
    whole entry does, and ``may_hold`` never says no to a digest that the entry holds."""
    rnd = random.Random(seed)
    blobs = MemoryBlobs()
    entries, fresh = Entries(blobs), Entries(blobs)
    seen = 0
    for data in revisions(rnd, 60):
        sha = blobs.add(data)
        for entry_id, entry in fresh.all(sha).items():
            listed = entries.approvals(sha, entry_id)
            if listed is not None:
                seen += 1
                assert same(listed, entry.get("approvals")), (seed, entry_id)
            for item in entry.get("approvals") or []:
                assert entries.may_hold(sha, entry_id, item["digest"])
            assert not entries.may_hold(sha, entry_id, "sha256:" + "e" * 64)
    assert seen > 50


_DIGEST = "sha256:" + "0123456789abcdef" * 4
_VALUES = [
    "saito",
    "inoue.akiko",
    "privacy_manager",
    "top_management",
    "a-b",
    "null",
    "true",
    "false",
    "nullx",
    "truth",
    "Null",
    "yes",
    "no",
    "on",
    "~",
    "123",
    "1e3",
    "0x1f",
    ".inf",
    "x" * 64,
    "x" * 65,
    "'saito'",
    "saito #c",
    "saito ",
    "a: b",
    "-x",
    "2026-05-02",
    "2026-5-2",
    _DIGEST,
    _DIGEST[:-1],
    _DIGEST.upper(),
    "",
]


def _approvals_block(rng: random.Random) -> bytes:
    """Approvals lines, mostly in the usual layout, with the values and the layout changed here and there."""
    indent = " " * rng.choice([4, 4, 4, 2, 6])
    lines = [f"{indent}approvals:"]
    for _ in range(rng.randint(1, 4)):
        by, role = rng.choice(_VALUES[:5]), rng.choice(_VALUES[:5])
        date, value = "2026-05-02", _DIGEST
        if rng.random() < 0.5:
            which = rng.randrange(4)
            odd = rng.choice(_VALUES)
            by, role, date, value = [odd if i == which else v for i, v in enumerate((by, role, date, value))]
        item = [f"{indent}  - by: {by}", f"{indent}    role: {role}", f"{indent}    date: {date}"]
        item.append(f"{indent}    digest: {value}")
        if rng.random() < 0.1:
            item.insert(rng.randrange(1, 4), f"{indent}    note: x")
        if rng.random() < 0.05:
            item[0] = f"{indent}- by: {by}"
        lines.extend(item)
    return ("\n".join(lines) + "\n" + "\n" * rng.choice([0, 0, 1, 2])).encode("utf-8")


def test_the_usual_approvals_lines_read_as_the_loader_reads_them() -> None:
    """The approvals lines in the usual layout are read by a pattern instead of YAML: wherever it answers, the
    (by, role, date, digest) of the well-formed items are exactly the loader's; it answers for the usual
    layout and leaves every odd value or layout to the reader."""
    from pmarklint.approvals.digest import Approval
    from pmarklint.history.entries import _usual_approvals

    rng = random.Random(18)
    answered = 0
    for _ in range(3000):
        block = _approvals_block(rng)
        fast = _usual_approvals(block)
        if fast is None:
            continue
        answered += 1
        text = block.decode("utf-8")
        column = len(text) - len(text.lstrip(" "))
        data = loaded(" " * (column - 2) + "- id: X\n" + text)
        entry = data[0] if isinstance(data, list) else None
        assert isinstance(entry, dict), block
        assert fast == frozenset((a.by, a.role, a.date, a.digest) for a in Approval.read(entry)), block
    assert answered > 500
    usual = b"    approvals:\n      - by: saito\n        role: privacy_manager\n        date: 2026-05-02\n"
    assert _usual_approvals(usual + f"        digest: {_DIGEST}\n\n".encode()) is not None
    for odd in ("null", "true", "123", "'saito'", "saito #c", "x" * 65):
        assert _usual_approvals(usual.replace(b"saito", odd.encode()) + f"        digest: {_DIGEST}\n".encode()) is None

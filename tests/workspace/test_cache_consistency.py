"""The cache never changes a result (issue 12): a file record that reads back with the right outer shape but is
inconsistent (an entry listed twice, one missing) or holds, deep inside its entries, what the YAML loader never
builds (bytes, a tuple, a set, a complex number, a key that is not text, an integer too long to print, nesting
deeper than any file may have) is a miss, and so is a record cut short. Each one planted in the real cache
file of a real repository; every run gives the result and the exit code of ``--no-cache``. (A record forged
consistent on purpose, every count matching, is for the authenticated cache to refuse: threat-model.md.)"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from pmarklint.workspace.cache import Cache, file_record, plain_items, share_text

from helpers.cli import check_json
from helpers.repos import inventory, make_repo

BASE = {"id": "PI-1", "name": "顧客情報", "department": "cs", "data_items": ["氏名", "住所"], "purpose": "商品の発送"}
SECOND = dict(BASE, id="PI-2")


def nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


RECORDS: dict[str, Any] = {
    "listed-twice": ("inventory", [BASE, SECOND, BASE], (), (3, 8)),  # three entries, two start lines
    "one-missing": ("inventory", [BASE], (), (3, 8)),
    "bytes-inside": ("inventory", [dict(BASE, purpose=b"x"), SECOND], (), (3, 8)),
    "deep-bytes": ("inventory", [dict(BASE, overseas=[{"country": b"US"}]), SECOND], (), (3, 8)),
    "tuple-inside": ("inventory", [dict(BASE, data_items=("氏名",)), SECOND], (), (3, 8)),
    "set-inside": ("inventory", [dict(BASE, data_items={"氏名"}), SECOND], (), (3, 8)),
    "complex-inside": ("inventory", [dict(BASE, purpose=1j), SECOND], (), (3, 8)),
    "int-key": ("inventory", [{**BASE, 1: "x"}, SECOND], (), (3, 8)),  # type: ignore[dict-item]
    "long-int": ("inventory", [dict(BASE, record_count=10**400), SECOND], (), (3, 8)),
    "too-deep": ("inventory", [dict(BASE, purpose=nested(100)), SECOND], (), (3, 8)),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1", "PI-2")})


def record_path(repo: Path) -> Path:
    cache = Cache(Path(os.environ["PMARKLINT_CACHE_DIR"]))
    key = cache.key("file", (repo / "inventory/a.yaml").read_bytes(), [])
    path = cache.directory / key[:2] / key  # type: ignore[operator]
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def outcome(repo: Path, *extra: str) -> tuple[int, list[Any]]:
    result = check_json(repo, *extra)
    assert "internal error" not in result.stderr, result.stderr
    return result.exit_code, result.json()["findings"]


@pytest.mark.parametrize("name", list(RECORDS))
def test_an_inconsistent_or_unplain_record_is_a_miss(repo: Path, name: str) -> None:
    want = outcome(repo, "--no-cache")
    assert want == (0, [])
    path = record_path(repo)
    cache = Cache(Path(os.environ["PMARKLINT_CACHE_DIR"]))
    path.write_bytes(cache.seal(path.name, RECORDS[name]))  # sealed with the user's own key: only its shape is wrong
    assert not file_record(RECORDS[name])
    assert outcome(repo) == want
    assert outcome(repo) == want  # and the record written back in its place is the right one
    assert file_record(cache.read(record_path(repo)))


@pytest.mark.parametrize("cut", [1, 10, 0.5, -1])
def test_a_record_cut_short_is_a_miss(repo: Path, cut: float) -> None:
    want = outcome(repo, "--no-cache")
    outcome(repo)  # stores the real record
    data = record_path(repo).read_bytes()
    record_path(repo).write_bytes(data[: int(len(data) * cut) if isinstance(cut, float) else cut])
    assert outcome(repo) == want


def test_the_deep_check_accepts_what_the_loader_builds() -> None:
    assert plain_items(["text", {"a": [1, 2.5, None, True, "x", {"b": []}]}, nested(60)])
    assert not plain_items([nested(80)])


def test_a_record_holds_each_repeated_text_once(repo: Path) -> None:
    """The entries of a record read back equal to the file's, with each repeated text one object (the record
    is about half as large and reads back faster); a finding whose argument is a tuple is served from it too."""
    outcome(repo)
    kind, entries, _, _ = Cache(Path(os.environ["PMARKLINT_CACHE_DIR"])).read(record_path(repo))
    assert kind == "inventory"
    assert entries == [BASE, SECOND]
    assert entries[0]["department"] is entries[1]["department"]
    assert entries[0]["data_items"][1] is entries[1]["data_items"][1]


def test_share_text_keeps_the_data_equal() -> None:
    def text(s: str) -> str:  # a new object each time (literals in one function would be one constant)
        return "".join(list(s))

    data = [{"a": text("xxx"), "b": [text("yy"), {"c": text("xxx")}], "n": 1, "t": True}, text("xxx"), [[text("yy")]]]
    assert data[0]["a"] is not data[1]
    before = [{"a": "xxx", "b": ["yy", {"c": "xxx"}], "n": 1, "t": True}, "xxx", [["yy"]]]
    assert share_text(data) == before
    assert data[0]["a"] is data[0]["b"][1]["c"] is data[1]
    assert data[0]["b"][0] is data[2][0][0]

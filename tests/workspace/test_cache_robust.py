"""A damaged cache is a miss, never a crash or a changed result (issue 12): wrong-shaped values written with
marshal into the real cache files (a tuple of the wrong length, a dict where a tuple is expected, an int, a
number too long to print) make the run compute again, with the result and exit code of an empty cache.
Real repositories, real cache files under ``PMARKLINT_CACHE_DIR``, the real command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from pmarklint.workspace.cache import Cache, config_record, file_record, plain

from helpers.cli import check_json
from helpers.repos import inventory, make_repo

WRONG: list[Any] = [
    (1, 2, 3),
    {"kind": "inventory"},
    42,
    None,
    "text",
    ("inventory", ({"id": "PI-1"},), (), ()),  # a tuple where YAML gives a list
    ("inventory", [], ((1, 1, "PML101", "bogus", "PML101.required", (), None, None),), ()),
    ("inventory", [], ((1,),), ()),
    ("inventory", [], (), ("x",)),
    {"rules": 5},
    {"language": "xx", "rules": {"PML101": {"severity": "loud"}}},
    {"limits": {"max_file_size": "big"}},
    b"bytes",
]


def cache_dir() -> Path:
    return Path(os.environ["PMARKLINT_CACHE_DIR"])


def file_key(cache: Cache, content: bytes) -> str:
    """The key a run gives a data file's record: its bytes and the rule options (none in these repositories)."""
    return cache.key("file", content, [])


def plant(namespace: str, content: bytes, value: Any) -> Path:
    """Write ``value`` where the cache keeps what ``content`` yields, as a run would find it: with the user's
    own key, so that its shape alone must make it a miss."""
    cache = Cache(cache_dir())
    key = file_key(cache, content) if namespace == "file" else cache.key(namespace, content)
    cache.put(key, value)
    path = cache_dir() / key[:2] / key
    assert path.is_file()
    return path


def clean(run_json: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in run_json.items() if k != "version"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    bad = inventory("PI-1", "PI-1").replace("department: cs", "department: nowhere", 1)
    return make_repo(tmp_path / "r", {"inventory/a.yaml": bad})


def expected(repo: Path) -> tuple[int, dict[str, Any]]:
    result = check_json(repo, "--no-cache")
    assert result.exit_code == 1
    return result.exit_code, clean(result.json())


@pytest.mark.parametrize("value", WRONG, ids=[f"wrong-{i}" for i in range(len(WRONG))])
def test_a_wrong_config_record_is_a_miss(repo: Path, value: Any) -> None:
    want = expected(repo)
    plant("config", (repo / "pmarklint.yaml").read_bytes(), value)
    for _ in range(2):  # the second run reads what the first one wrote back
        result = check_json(repo)
        assert "internal error" not in result.stderr, result.stderr
        assert (result.exit_code, clean(result.json())) == want


@pytest.mark.parametrize("value", WRONG, ids=[f"wrong-{i}" for i in range(len(WRONG))])
def test_the_file_shape_check_refuses_every_wrong_record(value: Any) -> None:
    assert not file_record(value)


def test_plain_data_refuses_what_yaml_never_builds() -> None:
    """``plain`` walks small values (settings, finding arguments); a ledger's entries are not walked (a third of
    a warm run), so an int planted deep inside them is the authenticated cache's to refuse (threat model)."""
    assert not plain([{"id": 10**5000}]) and not plain({"a": (1,)}) and not plain({1: "x"})


def test_what_a_run_stores_passes_the_shape_checks(repo: Path) -> None:
    check_json(repo)
    cache = Cache(cache_dir())
    stored = [cache.read(p) for p in cache_dir().glob("*/*")]
    assert any(file_record(v) for v in stored)
    assert any(isinstance(v, tuple) and len(v) == 2 and config_record(v[1]) for v in stored)
    assert cache.get(file_key(cache, (repo / "inventory/a.yaml").read_bytes()), shape=file_record) is not None


def test_get_with_a_shape_is_a_miss_on_wrong_or_unreadable_values(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    for value in WRONG:
        cache.put("k" * 64, value)
        assert cache.get("k" * 64, shape=file_record) is None
    (tmp_path / "c" / "kk" / ("k" * 64)).write_bytes(b"\xff\x00garbage")
    assert cache.get("k" * 64) is None
    assert cache.get("k" * 64, shape=file_record) is None
    cache.put("k" * 64, 5)
    assert cache.get("k" * 64, shape=lambda v: v.missing_attribute) is None  # a check that trips is a miss
    assert not plain({"a": (1,)}) and not plain([{1: "x"}]) and plain({"a": [1, 2.5, None, True, "x"]})


@pytest.mark.parametrize("value", WRONG[5:9], ids=[f"wrong-{i}" for i in range(5, 9)])
def test_a_wrong_file_record_is_a_miss(repo: Path, value: Any) -> None:
    want = expected(repo)
    plant("file", (repo / "inventory/a.yaml").read_bytes(), value)
    for _ in range(2):
        result = check_json(repo)
        assert "internal error" not in result.stderr, result.stderr
        assert (result.exit_code, clean(result.json())) == want

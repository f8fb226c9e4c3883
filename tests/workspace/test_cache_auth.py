"""Caches that cannot lie (issue 11): every record is authenticated with the user's own key, kept outside the
repository, so a record planted or edited by someone else is a miss; the verdicts kept from history are keyed
by all they depend on, so a cached and an uncached run always agree. Real repositories with pinned authors and
dates, real cache files, real key files, the real command line."""

from __future__ import annotations

import marshal
import os
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pmarklint.rules import history_records
from pmarklint.workspace.cache import KEY_SIZE, RECORD_HEADER, Cache, key_path

from helpers.cli import check_json, run
from helpers.pms import CONFIG, pms
from helpers.repos import commit_as, git, inventory, make_repo

SAITO = "Misaki Saito <saito@sakura-market.example>"  # staff
NAKAMURA = "Hanako Nakamura <nakamura@sakura-market.example>"  # privacy manager
LEDGER = "contractors/contractors.yaml"
BROKEN = inventory("PI-1").replace("department: cs", "department: nowhere")  # PML2xx: an unknown department


def cache_dir() -> Path:
    return Path(os.environ["PMARKLINT_CACHE_DIR"])


def records(cache: Cache) -> list[Path]:
    return [p for p in cache_dir().glob("*/*") if p.is_file()]


def clean(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "version"}


def outcome(repo: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = check_json(repo, "--lang", "en", *extra)
    assert "internal error" not in result.stderr, result.stderr
    return result.exit_code, clean(result.json())


# -- the key -----------------------------------------------------------------------------------------------------


def test_the_key_is_made_once_outside_the_repository_readable_by_the_user_alone(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    assert check_json(repo).exit_code == 0
    key = Path(os.environ["HOME"]) / ".cache" / "pmarklint" / "key"
    assert key_path() == key and not key.is_relative_to(repo)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == KEY_SIZE
    first = key.read_bytes()
    assert check_json(repo).exit_code == 0
    assert key.read_bytes() == first  # kept, not made again
    assert [p.name for p in key.parent.iterdir()] == ["key"]  # no temporary file left behind


def test_the_key_can_be_placed_elsewhere_for_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert key_path() == tmp_path / "xdg" / "pmarklint" / "key"
    monkeypatch.setenv("PMARKLINT_CACHE_KEY", str(tmp_path / "ci" / "cache.key"))
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    assert check_json(repo).exit_code == 0
    assert (tmp_path / "ci" / "cache.key").stat().st_size == KEY_SIZE
    assert not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("problem", ["mode", "owner", "link", "size"])
def test_a_key_file_that_is_not_safe_is_not_used(tmp_path: Path, problem: str) -> None:
    """The cache is off for the run, with one line that says why and how to fix it; the result is the same."""
    if problem == "owner" and (not hasattr(os, "geteuid") or os.geteuid() != 0):
        pytest.skip("needs root to give the key file to another user")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BROKEN})
    want = outcome(repo, "--no-cache")
    key = key_path()
    key.parent.mkdir(parents=True)
    key.write_bytes(os.urandom(KEY_SIZE))
    key.chmod(0o600)
    if problem == "mode":
        key.chmod(0o644)
    elif problem == "owner":
        os.chown(key, 12345, 12345)
    elif problem == "link":
        (tmp_path / "elsewhere").write_bytes(os.urandom(KEY_SIZE))
        key.unlink()
        key.symlink_to(tmp_path / "elsewhere")
    else:
        key.write_bytes(b"short")
    result = check_json(repo, "--lang", "en")
    assert (result.exit_code, clean(result.json())) == want
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pmarklint: the cache is off for this run:") and str(key) in lines[0]
    assert {"mode": "chmod 600", "owner": "another user", "link": "symbolic link", "size": "wrong size"}[
        problem
    ] in lines[0]
    assert records(Cache(None)) == []  # nothing was written with a key others could know
    ja = run("check", repo, "--today", "2026-11-26", "--lang", "ja")
    assert "キャッシュを使いません" in ja.stderr


# -- records nobody but the user wrote are misses ------------------------------------------------------------------


def test_a_planted_file_record_does_not_make_a_broken_ledger_pass(tmp_path: Path) -> None:
    """Keys are computable from public inputs: a record saying the broken ledger is clean, written under its
    key without the user's key (as before, plain marshal; or sealed with another key), is a miss."""
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BROKEN})
    want = outcome(repo, "--no-cache")
    assert want[0] == 1
    raw = (repo / "inventory/a.yaml").read_bytes()
    lie = ("inventory", [{"id": "PI-1"}], (), (4,))
    forger = Cache(cache_dir(), secret=b"\x01" * KEY_SIZE)
    key = forger.key("file", raw, [])
    target = cache_dir() / key[:2] / key
    for record in (marshal.dumps(lie), forger.seal(key, lie)):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(record)
        assert outcome(repo) == want
        assert outcome(repo) == want  # and again, from what the run wrote back


def test_a_record_moved_under_another_key_or_edited_is_a_miss(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BROKEN, "inventory/b.yaml": inventory("PI-2")})
    want = outcome(repo)
    cache = Cache(cache_dir())
    key_a = cache.key("file", (repo / "inventory/a.yaml").read_bytes(), [])
    key_b = cache.key("file", (repo / "inventory/b.yaml").read_bytes(), [])
    path_a, path_b = (cache_dir() / k[:2] / k for k in (key_a, key_b))
    assert cache.get(key_a) is not None and cache.get(key_b) is not None
    path_a.write_bytes(path_b.read_bytes())  # b's clean, genuine record in a's place
    assert cache.get(key_a) is None
    assert outcome(repo) == want
    record = bytearray(path_a.read_bytes())
    record[-3] ^= 0x01  # one bit of the payload
    path_a.write_bytes(bytes(record))
    assert cache.get(key_a) is None
    assert outcome(repo) == want


# -- the verdicts kept from history ------------------------------------------------------------------------------


@pytest.fixture
def forged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Staff edits C-001, then adds the manager's approval in a commit of her own: PML405 on the entry."""
    root = pms(tmp_path / "pms", config=CONFIG + "require_approvals: {contractor: error}\n")
    path = root / LEDGER
    path.write_text(path.read_text(encoding="utf-8").replace("service: 商品の配送", "service: 返品の回収", 1), "utf-8")
    commit_as(root, SAITO, "C-001: returns", day="2026-05-01T10:00:00+09:00")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "saito@sakura-market.example")
    signed = run("sign", "C-001", "--as", "nakamura", "--repo", root, "--date", "2026-05-02", "--force")
    assert signed.exit_code == 0, signed.stderr
    commit_as(root, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    return root


def verdicts(cache: Cache) -> list[tuple[Path, dict[str, Any]]]:
    found = [(p, cache.read(p)) for p in records(cache)]
    return [(p, v) for p, v in found if isinstance(v, dict) and "records" in v]


def rules(result: tuple[int, dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(f["rule"], f["entry"]) for f in result[1]["findings"]]


def test_an_edited_verdict_record_does_not_turn_a_forgery_into_backed(forged: Path) -> None:
    want = outcome(forged, "--no-cache")
    assert rules(want) == [("PML405", "C-001")] and want[0] == 1
    assert outcome(forged) == want
    cache = Cache(cache_dir())
    [(path, value)] = verdicts(cache)
    backed = {**value, "records": tuple((k, (r[0], "", "", r[3], (), ())) for k, r in value["records"])}
    assert history_records.history_record(backed)
    path.write_bytes(path.read_bytes()[:RECORD_HEADER] + marshal.dumps(backed))  # the old seal, new verdicts
    assert outcome(forged) == want
    path.write_bytes(Cache(cache_dir(), secret=b"\x02" * KEY_SIZE).seal(path.name, backed))  # another key
    assert outcome(forged) == want


def test_a_verdict_record_that_lists_an_approval_twice_is_a_miss(forged: Path) -> None:
    want = outcome(forged)
    cache = Cache(cache_dir())
    [(path, value)] = verdicts(cache)
    [(key, record)] = value["records"]
    twice = {**value, "records": ((key, (record[0], "", "", record[3], (), ())), (key, record))}
    assert not history_records.history_record(twice)
    cache.put(path.name, twice)  # sealed with the user's own key: its shape alone makes it a miss
    assert outcome(forged) == want == outcome(forged, "--no-cache")


def test_a_replace_ref_swapped_in_and_deleted_never_changes_the_verdict(forged: Path) -> None:
    """A replace ref that swaps the forged approval commit for one the manager authored: git reads history
    with replace objects off, and what a run keeps is keyed by the replace refs, so with the ref, after it
    is deleted, cached or not, the forgery is PML405."""
    want = outcome(forged, "--no-cache")
    assert rules(want) == [("PML405", "C-001")]
    assert outcome(forged) == want
    forgery = git(forged, "rev-parse", "HEAD").strip()
    tree, parent = git(forged, "rev-parse", "HEAD^{tree}", "HEAD^").split()
    manager = {"NAME": "Hanako Nakamura", "EMAIL": "nakamura@sakura-market.example"}
    env = {**os.environ, **{f"GIT_{who}_{k}": v for who in ("AUTHOR", "COMMITTER") for k, v in manager.items()}}
    honest = subprocess.run(
        ["git", "commit-tree", tree, "-p", parent, "-m", "C-001 approved"],
        cwd=forged,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    git(forged, "replace", forgery, honest)
    assert git(forged, "log", "-1", "--format=%ae", "HEAD") == "nakamura@sakura-market.example\n"  # git is fooled
    slots = len(verdicts(Cache(cache_dir())))
    assert outcome(forged) == want
    assert len(verdicts(Cache(cache_dir()))) == slots + 1  # a slot of its own: keyed by the replace refs
    assert outcome(forged) == want == outcome(forged, "--no-cache")
    git(forged, "replace", "-d", forgery)
    assert outcome(forged) == want == outcome(forged, "--no-cache")

"""The content-hash cache never changes a result: warm equals cold, edits are seen, a broken cache entry
is a miss, and two runs at once both finish with the right answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import check_json
from helpers.repos import inventory, make_repo

BAD = inventory("PI-1", "PI-2", extra="    sensitive: no\n")


def cache_files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()]


def test_warm_run_equals_cold_run(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BAD, "inventory/b.yaml": inventory("PI-2")})
    cold = check_json(repo).stdout
    assert cache_files(Path(os.environ["PMARKLINT_CACHE_DIR"]))
    warm = check_json(repo).stdout
    assert warm == cold
    assert check_json(repo, "--no-cache").stdout == cold
    # the duplicate id is found from cached entries, with its position from a fresh parse
    assert [f["rule"] for f in json.loads(warm)["findings"]].count("PML102") == 1


def test_warm_run_does_not_parse_whole_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm run reads cached results; a repository-scope finding in a cached file is located by parsing
    only its entry's lines."""
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BAD, "inventory/b.yaml": inventory("PI-9", "PI-2")})
    cold = check_json(repo).stdout
    import pmarklint.check.engine

    real_parse = pmarklint.check.engine.parse
    parsed: list[str] = []

    def spy(text: str, rel: str):
        parsed.append(text)
        return real_parse(text, rel)

    monkeypatch.setattr(pmarklint.check.engine, "parse", spy)
    assert check_json(repo).stdout == cold
    whole_files = {(repo / "inventory" / name).read_text(encoding="utf-8") for name in ("a.yaml", "b.yaml")}
    assert parsed, "the duplicate id in b.yaml needs a position"
    assert not whole_files & set(parsed)
    config = (repo / "pmarklint.yaml").read_text(encoding="utf-8")  # small, and located when a finding is in it
    assert all(text.lstrip().startswith("- id:") for text in parsed if text != config), parsed


def test_an_edit_is_seen(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BAD})
    assert check_json(repo).exit_code == 1
    (repo / "inventory/a.yaml").write_text(inventory("PI-1", "PI-2"), encoding="utf-8")
    assert check_json(repo).exit_code == 0


def test_corrupt_cache_entries_are_misses(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BAD})
    cold = check_json(repo).stdout
    for path in cache_files(Path(os.environ["PMARKLINT_CACHE_DIR"])):
        path.write_bytes(b"\x00garbage")
    assert check_json(repo).stdout == cold
    for path in cache_files(Path(os.environ["PMARKLINT_CACHE_DIR"])):
        path.write_bytes(b"")
    assert check_json(repo).stdout == cold


def test_unwritable_cache_directory_is_harmless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("PMARKLINT_CACHE_DIR", str(blocker / "cache"))
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BAD})
    assert check_json(repo).exit_code == 1


def test_default_cache_lives_in_the_git_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMARKLINT_CACHE_DIR")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": BAD})
    check_json(repo)
    assert cache_files(repo / ".git" / "pmarklint-cache")


def test_two_runs_at_once(tmp_path: Path) -> None:
    files = {f"inventory/f{i}.yaml": inventory(*(f"PI-{i}-{j}" for j in range(40))) for i in range(8)}
    files["inventory/bad.yaml"] = inventory("PI-X", extra="    sensitive: no\n")
    repo = make_repo(tmp_path / "r", files)
    command = [sys.executable, "-m", "pmarklint", "check", str(repo), "--format", "json", "--today", "2026-11-26"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1, 1], outputs
    assert len({out for out, _ in outputs}) == 1
    assert json.loads(outputs[0][0])["summary"] == {"files": 9, "entries": 321, "errors": 1, "warnings": 0, "waived": 0}
    leftovers = [p for p in Path(os.environ["PMARKLINT_CACHE_DIR"]).rglob(".tmp-*")]
    assert leftovers == []

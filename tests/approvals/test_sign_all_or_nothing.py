"""pmarklint sign over several files writes all or nothing: a failure on the second file (a full disk, a
read-only folder, a failed rename) leaves the first file unchanged byte for byte and nothing behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from pmarklint.cli.main import cli
from pmarklint.cli.sign import sign

from helpers.cli import run
from helpers.pms import pms

cli.add_command(sign)

FILES = ("contractors/contractors.yaml", "inventory/cs.yaml")  # signed in this order


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "nakamura@sakura-market.example")
    monkeypatch.setenv("PMARKLINT_TODAY", "2026-11-26")
    return pms(tmp_path / "r")


def _state(repo: Path) -> dict[str, bytes]:
    """Every file of the two folders, hidden ones included: what a failed run must leave as it found."""
    return {
        p.relative_to(repo).as_posix(): p.read_bytes()
        for folder in ("contractors", "inventory")
        for p in sorted((repo / folder).iterdir())
    }


def _sign(repo: Path, lang: str = "en") -> Any:
    return run("sign", *FILES, "--as", "nakamura", "--lang", lang, "--repo", repo)


def _fail_on_second(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, error: OSError) -> list[str]:
    """Make the second call of ``module.name`` raise ``error``; returns the calls seen."""
    real = getattr(module, name)
    calls: list[str] = []

    def second_fails(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        if len(calls) == 2:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, second_fails)
    return calls


def test_both_files_are_signed_when_nothing_fails(repo: Path) -> None:
    before = _state(repo)
    result = _sign(repo)
    assert result.exit_code == 0, result.stderr
    after = _state(repo)
    assert sorted(after) == sorted(before)  # no temporary or backup file left
    assert all(after[rel] != before[rel] and b"approvals:" in after[rel] for rel in FILES)


@pytest.mark.parametrize(
    ("module", "name", "error", "shown"),
    [
        (os, "fsync", OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (tempfile, "mkstemp", OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
        (os, "replace", OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
    ids=["disk-full", "read-only-folder", "rename-fails"],
)
def test_a_failure_on_the_second_file_leaves_the_first_unchanged(
    repo: Path, monkeypatch: pytest.MonkeyPatch, module: Any, name: str, error: OSError, shown: str
) -> None:
    before = _state(repo)
    calls = _fail_on_second(monkeypatch, module, name, error)
    result = _sign(repo)
    assert len(calls) >= 2  # the second file's write is the one that failed (a rename is also how the first is undone)
    assert result.exit_code == 2
    assert f"{repo / FILES[1]} could not be written ({shown}); the file is as it was" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert _state(repo) == before  # the first file byte for byte, and no temporary file left


def test_a_full_disk_message_in_japanese(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _state(repo)
    _fail_on_second(monkeypatch, os, "fsync", OSError(errno.ENOSPC, "No space left on device"))
    result = _sign(repo, "ja")
    assert result.exit_code == 2
    assert "に書き込めませんでした(No space left on device)。ファイルは元のままです" in result.stderr
    assert _state(repo) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_real_read_only_folder(repo: Path) -> None:
    before = _state(repo)
    (repo / "inventory").chmod(0o555)
    try:
        result = _sign(repo)
    finally:
        (repo / "inventory").chmod(0o755)
    assert result.exit_code == 2
    assert "Permission denied" in result.stderr and "Traceback" not in result.stderr
    assert _state(repo) == before

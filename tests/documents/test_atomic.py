"""documents/atomic.py: sign and import write a ledger through one helper: a random temporary name in the
ledger's folder (never a fixed name a link can be planted under), fsync, one rename; a ledger that is a
symbolic link is refused; a failed write leaves the ledger as it was and no temporary file behind."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from pmarklint.cli.main import cli
from pmarklint.cli.sign import sign
from pmarklint.documents.atomic import write_atomic
from pmarklint.errors import PmarklintError

from helpers.cli import run
from helpers.pms import pms
from helpers.repos import inventory, make_repo

cli.add_command(sign)

NAKAMURA = "nakamura@sakura-market.example"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_writes_in_one_rename_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "新しい\n".encode(), "en")
    assert target.read_text(encoding="utf-8") == "新しい\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path) == []
    fresh = tmp_path / "new" / "b.yaml"
    write_atomic(fresh, b"x\n", "en", create_folder=True)
    assert fresh.read_bytes() == b"x\n"


@pytest.mark.parametrize("lang, words", [("en", "symbolic link"), ("ja", "シンボリックリンク")])
def test_a_target_that_is_a_link_is_refused(tmp_path: Path, lang: str, words: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    folder = tmp_path / "inventory"
    folder.mkdir()
    os.symlink(victim, folder / "a.yaml")
    with pytest.raises(PmarklintError, match=words):
        write_atomic(folder / "a.yaml", b"evil\n", lang)
    assert victim.read_text(encoding="utf-8") == "keep\n"
    assert (folder / "a.yaml").is_symlink()
    assert _leftovers(folder) == []


def test_a_failed_rename_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")

    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PmarklintError, match="Permission denied"):
        write_atomic(target, b"new\n", "en")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


@pytest.fixture
def as_nakamura(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", NAKAMURA)
    monkeypatch.setenv("PMARKLINT_TODAY", "2026-11-26")


@pytest.mark.usefixtures("as_nakamura")
def test_sign_does_not_follow_a_link_planted_under_the_old_temporary_name(tmp_path: Path) -> None:
    repo = pms(tmp_path / "r")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    ledger = next((repo / "inventory").glob("*.yaml"))
    os.symlink(victim, ledger.with_name(f".{ledger.name}.pmarklint-sign"))
    result = run("sign", ledger.relative_to(repo).as_posix(), "--as", "nakamura", "--repo", repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert victim.read_text(encoding="utf-8") == "keep\n"
    assert not ledger.is_symlink() and "approvals:" in ledger.read_text(encoding="utf-8")


@pytest.mark.usefixtures("as_nakamura")
def test_sign_write_error_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = pms(tmp_path / "r")
    ledger = next((repo / "inventory").glob("*.yaml"))
    before = ledger.read_bytes()

    def refuse(*_: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("sign", ledger.relative_to(repo).as_posix(), "--as", "nakamura", "--repo", repo)
    assert result.exit_code == 2
    assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
    assert ledger.read_bytes() == before
    assert _leftovers(ledger.parent) == []


def _linked_ledger(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A PMS repository whose first inventory ledger is a link to a copy of it outside the repository."""
    repo = pms(tmp_path / "r")
    ledger = next((repo / "inventory").glob("*.yaml"))
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(ledger.read_bytes())
    ledger.unlink()
    os.symlink(outside, ledger)
    return repo, ledger, outside


@pytest.mark.usefixtures("as_nakamura")
def test_sign_refuses_a_ledger_that_is_a_link(tmp_path: Path) -> None:
    repo, ledger, outside = _linked_ledger(tmp_path)
    before = outside.read_bytes()
    result = run("sign", ledger.relative_to(repo).as_posix(), "--as", "nakamura", "--repo", repo)
    assert result.exit_code != 0
    assert outside.read_bytes() == before and ledger.is_symlink()


def _exported(tmp_path: Path) -> tuple[Path, Path]:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-001")})
    out = tmp_path / "a.csv"
    assert run("export", "inventory", "-o", out, "-C", repo).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    rows[1][1] = "変更後の名称"
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    out.write_bytes(text.getvalue().encode("utf-8-sig"))
    return repo, out


def test_import_does_not_follow_a_link_planted_under_the_old_temporary_name(tmp_path: Path) -> None:
    repo, out = _exported(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    os.symlink(victim, repo / "inventory/.a.yaml.pmarklint-import")
    result = run("import", out, "--kind", "inventory", "-C", repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert victim.read_text(encoding="utf-8") == "keep\n"
    ledger = repo / "inventory/a.yaml"
    assert not ledger.is_symlink() and "変更後の名称" in ledger.read_text(encoding="utf-8")


def test_import_write_error_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, out = _exported(tmp_path)
    before = (repo / "inventory/a.yaml").read_bytes()

    def refuse(*_: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("import", out, "--kind", "inventory", "-C", repo)
    assert result.exit_code == 2
    assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
    assert (repo / "inventory/a.yaml").read_bytes() == before
    assert _leftovers(repo / "inventory") == []


@pytest.mark.usefixtures("as_nakamura")
def test_sign_names_why_a_linked_ledger_is_refused(tmp_path: Path) -> None:
    repo, ledger, outside = _linked_ledger(tmp_path)
    result = run("sign", ledger.relative_to(repo).as_posix(), "--as", "nakamura", "--repo", repo)
    assert result.exit_code == 1
    assert "symbolic link that points outside the repository" in result.stdout + result.stderr
    assert str(outside) not in result.stdout + result.stderr

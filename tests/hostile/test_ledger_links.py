"""Leaks and writes outside the repository through ``sign``, ``import`` and ``export`` (issue 12): a ledger
that is a committed symbolic link is refused by name, and one swapped for a link after that check (a race, made
here by letting the check pass) is still never followed, because these commands read the ledger as ``check``
does (``O_NOFOLLOW``, folder by folder, within ``limits.max_file_size``). The file outside the repository is
never read into an output nor written: each test compares its bytes before and after."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from pmarklint.cli.main import cli
from pmarklint.cli.sign import sign
from pmarklint.workspace import files

from helpers.cli import run
from helpers.pms import pms
from helpers.repos import git, inventory

cli.add_command(sign)

SECRET = "PMARKLINT_LEDGER_SECRET_7d31"
LEDGER = "inventory/cs.yaml"
LINK_MESSAGE = "a symbolic link is in its place now, and pmarklint follows no link"
OUTSIDE_MESSAGE = (
    "this file is a symbolic link that points outside the repository: pmarklint reads no link; commit the file itself"
)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    path = tmp_path / "outside.yaml"
    path.write_text(inventory("PI-9").replace("顧客情報", SECRET), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "nakamura@sakura-market.example")
    monkeypatch.setenv("PMARKLINT_TODAY", "2026-11-26")
    return pms(tmp_path / "r")


def link_ledger(repo: Path, outside: Path, *, commit: bool) -> None:
    (repo / LEDGER).unlink()
    os.symlink(outside, repo / LEDGER)
    if commit:
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "a link")


def swapped(repo: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The link check saw a plain file; by the time the ledger is read it is a link to ``outside``."""
    link_ledger(repo, outside, commit=False)
    monkeypatch.setattr(files, "link_finding", lambda root, rel: None)


def table(tmp_path: Path) -> Path:
    """A CSV that would change PI-9, the entry of the file outside."""
    text = io.StringIO()
    rows = [["id", "name", "department", "data_items", "purpose"], ["PI-9", "書き換え", "cs", "氏名", "発送"]]
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "t.csv"
    path.write_bytes(text.getvalue().encode("utf-8-sig"))
    return path


@pytest.mark.parametrize("race", [False, True], ids=["committed-link", "swapped-in"])
def test_sign_neither_reads_nor_writes_a_ledger_that_is_a_link(
    repo: Path, outside: Path, monkeypatch: pytest.MonkeyPatch, race: bool
) -> None:
    before = outside.read_bytes()
    if race:
        swapped(repo, outside, monkeypatch)
    else:
        link_ledger(repo, outside, commit=True)
    result = run("sign", LEDGER, "--as", "nakamura", "--lang", "en", "--repo", repo)
    assert result.exit_code == 1  # refused: nothing was written
    reason = f"the file cannot be read: [Errno 40] {LINK_MESSAGE}: '{LEDGER}'" if race else OUTSIDE_MESSAGE
    assert f"{LEDGER}: {LEDGER} cannot be read ({reason}" in result.stderr
    assert (repo / LEDGER).is_symlink()
    assert outside.read_bytes() == before
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("race", [False, True], ids=["committed-link", "swapped-in"])
def test_import_neither_reads_nor_writes_a_ledger_that_is_a_link(
    repo: Path, outside: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, race: bool
) -> None:
    before = outside.read_bytes()
    if race:
        swapped(repo, outside, monkeypatch)
    else:
        link_ledger(repo, outside, commit=True)
    result = run("import", table(tmp_path), "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 2
    reason = LINK_MESSAGE if race else OUTSIDE_MESSAGE
    assert result.stderr == (
        f"pmarklint: error: {LEDGER} cannot be read ({reason}); fix it first (pmarklint check) so that ids stay unique\n"
    )
    assert (repo / LEDGER).is_symlink()
    assert outside.read_bytes() == before


@pytest.mark.parametrize("race", [False, True], ids=["committed-link", "swapped-in"])
def test_export_leaves_out_a_ledger_that_is_a_link(
    repo: Path, outside: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, race: bool
) -> None:
    if race:
        swapped(repo, outside, monkeypatch)
    else:
        link_ledger(repo, outside, commit=True)
    out = tmp_path / "e.csv"
    result = run("export", "inventory", "-o", out, "-C", repo, "--lang", "en")
    assert result.exit_code == 1
    reason = LINK_MESSAGE if race else OUTSIDE_MESSAGE
    assert f"{LEDGER} cannot be read ({reason}): its entries are not in the table\n" in result.stdout + result.stderr
    exported = out.read_bytes().decode("utf-8-sig")
    assert SECRET not in exported and "PI-9" not in exported

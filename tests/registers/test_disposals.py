"""Disposal records (kind: disposal): PML716 (an outsourced disposal's certificate, a file git tracks inside the
repository) and PML717 (a retired inventory entry has a disposal record) on small repositories, in real git
repositories, with the finding's file, position, entry and message in both languages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from pmarklint.rules.disposals import _CERTIFICATE, _DISPOSAL, _OUTSOURCED, _example

from helpers.cli import run
from helpers.pms import where
from helpers.repos import git, make_repo

DISPOSALS = "disposals/disposals.yaml"
PDF = "docs/disposals/2026-11-10.pdf"


def findings(repo: Path, code: str, today: str = "2026-11-26", lang: str = "en") -> list[dict[str, Any]]:
    result = run("check", repo, "--format", "json", "--today", today, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["rule"] == code]


def test_an_outsourced_disposal_without_a_certificate(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", _example(_DISPOSAL + _OUTSOURCED))
    (found,) = findings(repo, "PML716")
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (
        DISPOSALS,
        "DS-2026-01",
        "contractor",
        "error",
    )
    assert (found["line"], found["column"]) == where(repo, DISPOSALS, "C-001")
    assert found["message"] == (
        "the disposal of 2026-11-10 was done by the contractor 機密文書処理株式会社 (C-001), but no certificate of "
        "disposal is recorded: add the certificate to the repository (git add) and name it in certificate"
    )
    (ja,) = findings(repo, "PML716", lang="ja")
    assert ja["message"] == (
        "2026-11-10 の廃棄は委託先 機密文書処理株式会社 (C-001) が行いましたが、廃棄証明書が記録されていません。"
        "証明書をリポジトリに追加(git add)し、certificate にそのパスを書いてください"
    )
    in_house = make_repo(tmp_path / "h", _example())
    assert findings(in_house, "PML716") == []


def test_a_certificate_git_tracks_is_the_evidence(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", _example(_DISPOSAL + _OUTSOURCED + _CERTIFICATE, **{PDF: "%PDF-1.4\n"}))
    assert findings(repo, "PML716") == []


def test_a_certificate_not_added_to_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", _example(_DISPOSAL + _OUTSOURCED + _CERTIFICATE, **{f"?{PDF}": "%PDF-1.4\n"}))
    assert (repo / PDF).is_file()  # on disk, but not in git
    (found,) = findings(repo, "PML716")
    assert (found["path"], found["line"]) == ("certificate", where(repo, DISPOSALS, PDF)[0])
    assert found["message"] == (
        f"the certificate of disposal '{PDF}' is not a file git tracks in this repository: add it (git add), or "
        "correct the path"
    )
    (ja,) = findings(repo, "PML716", lang="ja")
    assert ja["message"] == (
        f"廃棄証明書 '{PDF}' は、このリポジトリで git が管理しているファイルではありません。追加(git add)するか、"
        "パスを直してください"
    )


@pytest.mark.parametrize("path", ["../outside.pdf", "/tmp/certificate.pdf", "link/2026-11-10.pdf"])
def test_a_certificate_outside_the_repository(tmp_path: Path, path: str) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "2026-11-10.pdf").write_text("%PDF-1.4\n", encoding="utf-8")
    files = _example(_DISPOSAL + _OUTSOURCED + f"    certificate: {path}\n")
    repo = make_repo(tmp_path / "r", files)
    if path.startswith("link/"):  # a symbolic link git tracks, that leads out of the repository
        (repo / "link").mkdir()
        os.symlink(outside / "2026-11-10.pdf", repo / "link" / "2026-11-10.pdf")
        git(repo, "add", "-A")
    (found,) = findings(repo, "PML716")
    assert (found["path"], found["message"]) == (
        "certificate",
        f"the certificate of disposal '{path}' lies outside the repository (or is a symbolic link that leads out of "
        "it): keep the certificate itself in the repository",
    )


def test_a_retired_inventory_entry_needs_a_disposal_record(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", _example(None))
    inventory = "inventory/inventory.yaml"
    (found,) = findings(repo, "PML717")
    assert (found["file"], found["entry"], found["path"], found["severity"]) == (
        inventory,
        "PI-001",
        "retired_on",
        "error",
    )
    assert (found["line"], found["column"]) == where(repo, inventory, "2026-10-31")
    assert found["message"] == (
        "this inventory entry was retired on 2026-10-31, but no disposal record (kind: disposal) names it: record how "
        "its personal data was disposed of (紙は溶解処理、データはシステムから削除), when and by whom, in disposals/"
    )
    (ja,) = findings(repo, "PML717", lang="ja")
    assert ja["message"] == (
        "この個人情報は 2026-10-31 に廃止されましたが、これを対象とする廃棄記録(kind: disposal)がありません。"
        "廃棄方法(紙は溶解処理、データはシステムから削除)に従って廃棄した日、方法、実施者を disposals/ に記録してください"
    )


@pytest.mark.parametrize(("today", "reported"), [("2026-10-30", False), ("2026-11-09", True), ("2026-11-10", False)])
def test_the_disposal_record_counts_from_its_day(tmp_path: Path, today: str, reported: bool) -> None:
    """Retired on 2026-10-31, disposed of on 2026-11-10: not judged before the retirement, reported until the
    disposal is recorded as done."""
    repo = make_repo(tmp_path / "r", _example())
    assert len(findings(repo, "PML717", today)) == (1 if reported else 0)


def test_a_disposal_names_what_exists(tmp_path: Path) -> None:
    disposal = _DISPOSAL.replace("[PI-001]", "[PI-001, PI-002]").replace("witness: yamamoto", "witness: suzuki")
    repo = make_repo(
        tmp_path / "r", _example(disposal + "    contractor: C-002\n    certificate: x.pdf\n", **{"x.pdf": "%PDF"})
    )
    found = [(f["path"], f["message"]) for f in findings(repo, "PML201") if f["file"] == DISPOSALS]
    assert found == [
        (
            "inventory[1]",
            "no inventory entry with id 'PI-002': add it to the personal-information inventory, or correct the id",
        ),
        ("witness", "no person with id 'suzuki' in the roster (people/): add them, or correct the id"),
        ("contractor", "no contractor with id 'C-002' in the contractor ledger: add it, or correct the id"),
    ]

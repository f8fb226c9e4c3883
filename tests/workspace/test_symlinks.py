"""A symbolic link in a PMS folder is a finding and is never opened: not a link to /etc/passwd, not one to
/proc/self/environ, not one to a ledger outside the repository, and not a file behind a linked folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.cli import check_json, run
from helpers.repos import git, inventory, make_repo

SECRET = "PMARKLINT_SYMLINK_SECRET_7f3a"


def _linked(tmp_path: Path, rel: str, target: str | Path) -> Path:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-001")})
    link = repo / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "link")
    return repo


def _reports(repo: Path) -> tuple[str, str]:
    text = run("check", repo, "--today", "2026-11-26", "--lang", "en")
    return text.stdout + text.stderr, check_json(repo).stdout


def _only_link_finding(repo: Path, rel: str) -> dict[str, object]:
    found = [f for f in check_json(repo).json()["findings"] if f["file"] == rel]
    assert [(f["rule"], f["line"]) for f in found] == [("PML004", 1)]
    return found[0]


def test_link_to_etc_passwd_is_a_finding_and_never_read(tmp_path: Path) -> None:
    passwd = Path("/etc/passwd")
    if not passwd.is_file():
        pytest.skip("no /etc/passwd")
    first = passwd.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    repo = _linked(tmp_path, "contractors/passwd.yaml", passwd)
    item = _only_link_finding(repo, "contractors/passwd.yaml")
    assert "symbolic link" in str(item["message"]) and "outside" in str(item["message"])
    assert "/etc" not in str(item["message"])
    for report in _reports(repo):
        assert first not in report
        assert "/etc/passwd" not in report


def test_link_to_proc_environ_does_not_leak_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/proc/self/environ").exists():
        pytest.skip("no /proc")
    monkeypatch.setenv("PMARKLINT_TEST_SECRET", SECRET)
    repo = _linked(tmp_path, "inventory/env.yaml", "/proc/self/environ")
    _only_link_finding(repo, "inventory/env.yaml")
    for report in _reports(repo):
        assert SECRET not in report


def test_link_to_a_ledger_outside_is_not_checked_nor_exported(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(inventory("PI-SECRET").replace("顧客情報", SECRET), encoding="utf-8")
    repo = _linked(tmp_path, "inventory/b.yaml", outside)
    item = _only_link_finding(repo, "inventory/b.yaml")
    assert str(tmp_path) not in str(item["message"])
    for report in _reports(repo):
        assert SECRET not in report and "PI-SECRET" not in report
    out = tmp_path / "inventory.csv"
    result = run("export", "inventory", "--format", "csv", "-o", out, "-C", repo, "--lang", "en")
    assert not out.exists() or SECRET not in out.read_text(encoding="utf-8-sig")
    assert SECRET not in result.stdout + result.stderr


def test_link_inside_the_repository_names_its_target(tmp_path: Path) -> None:
    repo = _linked(tmp_path, "inventory/b.yaml", "a.yaml")
    item = _only_link_finding(repo, "inventory/b.yaml")
    assert "inventory/a.yaml" in str(item["message"])


def test_a_linked_pms_folder_is_not_walked(tmp_path: Path) -> None:
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text(inventory("PI-SECRET").replace("顧客情報", SECRET), encoding="utf-8")
    # in git: the index holds a real file, the work tree a link to a folder outside
    repo = make_repo(tmp_path / "r", {"inventory/x.yaml": inventory("PI-001")})
    (repo / "inventory/x.yaml").unlink()
    (repo / "inventory").rmdir()
    os.symlink(elsewhere, repo / "inventory")
    found = [f for f in check_json(repo).json()["findings"] if f["file"] == "inventory/x.yaml"]
    assert [(f["rule"], f["line"]) for f in found] == [("PML004", 1)]
    for report in _reports(repo):
        assert SECRET not in report and "PI-SECRET" not in report
    # outside git: the linked folder itself is the finding
    bare = make_repo(tmp_path / "bare", {"people/.keep": ""}, use_git=False)
    os.symlink(elsewhere, bare / "inventory")
    found = [f for f in check_json(bare).json()["findings"] if f["rule"] == "PML004"]
    assert [(f["file"], f["line"]) for f in found] == [("inventory", 1)]
    for report in _reports(bare):
        assert SECRET not in report


def test_a_link_is_not_answered_from_the_cache_of_its_target(tmp_path: Path) -> None:
    outside = tmp_path / "same.yaml"
    outside.write_text(inventory("PI-002"), encoding="utf-8")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-001"), "inventory/b.yaml": inventory("PI-002")})
    assert check_json(repo).json()["findings"] == []  # b.yaml's content is now in the cache
    (repo / "inventory/b.yaml").unlink()
    os.symlink(outside, repo / "inventory/b.yaml")
    _only_link_finding(repo, "inventory/b.yaml")


def test_a_cited_document_that_links_outside_does_not_count(tmp_path: Path) -> None:
    control = (
        "kind: control\nentries:\n  - id: SM-001\n    title: {ja: 記録}\n    status: fit\n"
        "    last_reviewed: 2026-04-01\n    records:\n      - {title: 監査報告書, evidence: ['records/audit.md']}\n"
    )
    outside = tmp_path / "audit.md"
    outside.write_text("# 監査\n", encoding="utf-8")
    repo = make_repo(tmp_path / "r", {"controls/own.yaml": control})
    (repo / "records").mkdir()
    os.symlink(outside, repo / "records/audit.md")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "link")
    found = check_json(repo).json()["findings"]
    assert [(f["rule"], f["file"]) for f in found] == [("PML204", "controls/own.yaml")]
    assert "outside the repository" in found[0]["message"]
    inside = make_repo(tmp_path / "in", {"controls/own.yaml": control, "records/audit.md": "# 監査\n"})
    assert check_json(inside).json()["findings"] == []

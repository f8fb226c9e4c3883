"""check --changed-since REF: findings in what changed, plus what the change broke elsewhere, on real git
histories with pinned authors and dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import run, validate_output
from helpers.pms import CONTRACTORS, INVENTORY, pms, where
from helpers.repos import git

BROKEN_PEOPLE_FIELD = "    department: cs\n    roles: [internal_auditor]"


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def changed(repo: Path, ref: str, *extra: str) -> dict:
    result = run("check", repo, "--format", "json", "--today", "2026-11-26", "--changed-since", ref, *extra)
    assert result.exit_code in (0, 1), result.stderr
    return result.json()


def codes(data: dict) -> list[tuple[str, str, str | None]]:
    return [(f["rule"], f["file"], f["entry"]) for f in data["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A clean repository whose history already holds one old mistake (C-001's contract lacks a clause)."""
    old_mistake = CONTRACTORS.replace("audit_rights: true", "audit_rights: false")
    return pms(tmp_path / "r", **{"contractors/contractors.yaml": old_mistake})


def test_only_the_changed_entry_is_reported(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    assert [f["rule"] for f in changed(repo, "HEAD~0")["findings"]] == []  # nothing changed since HEAD
    edited = INVENTORY.replace("retention: {period: P3Y", "retention: {period: 3年")
    (repo / "inventory" / "cs.yaml").write_text(edited, encoding="utf-8")
    data = changed(repo, base)
    assert codes(data) == [("PML101", "inventory/cs.yaml", "PI-CS-002")]  # not the old PML503 of C-001
    item = data["findings"][0]
    assert (item["line"], item["column"]) == where(repo, "inventory/cs.yaml", "3年")
    # the full check still sees both
    full = run("check", repo, "--format", "json", "--today", "2026-11-26").json()
    assert sorted(f["rule"] for f in full["findings"]) == ["PML101", "PML503"]


def test_staged_and_committed_changes_count(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "inventory" / "cs.yaml").write_text(
        INVENTORY.replace("access: [nakamura, saito]", "access: [nakamura, sato]"), encoding="utf-8"
    )
    commit(repo, "Give sato access")
    assert codes(changed(repo, base)) == [("PML201", "inventory/cs.yaml", "PI-CS-001")]
    assert codes(changed(repo, "HEAD")) == []


def test_what_the_change_broke_elsewhere(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    # the contractor ledger loses C-001; the inventory, unchanged, still entrusts data to it
    (repo / "contractors" / "contractors.yaml").write_text("kind: contractor\nentries: []\n", encoding="utf-8")
    data = changed(repo, base)
    assert codes(data) == [("PML201", "inventory/cs.yaml", "PI-CS-001")]
    validate_output(data)
    assert data["changed_since"] == {
        "ref": base,
        "commit": base,
        "files": ["contractors/contractors.yaml"],
        "entries": [],
    }


def test_moving_an_entry_between_files_is_no_change(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    first, second = INVENTORY.split("  - id: PI-CS-002")
    (repo / "inventory" / "cs.yaml").write_text(first, encoding="utf-8")
    (repo / "inventory" / "inquiries.yaml").write_text(
        "kind: inventory\nentries:\n  - id: PI-CS-002" + second, encoding="utf-8"
    )
    git(repo, "add", "-A")
    assert changed(repo, base)["findings"] == []


def test_settings_changes_are_changes(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    config = (repo / "pmarklint.yaml").read_text(encoding="utf-8")
    (repo / "pmarklint.yaml").write_text(config.replace("  - {id: hr, name: 人事総務部}\n", ""), encoding="utf-8")
    data = changed(repo, base)
    # removing a department breaks the people who belong to it: reported although people/ is unchanged
    assert sorted(codes(data)) == [
        ("PML201", "people/roster.yaml", "kobayashi"),
        ("PML201", "people/roster.yaml", "yamamoto"),
    ]


def test_ref_from_an_environment_variable(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "inventory" / "cs.yaml").write_text(INVENTORY.replace("period: P3Y", "period: 3年"), encoding="utf-8")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    assert codes(changed(repo, "env:PRE_COMMIT_FROM_REF")) == [("PML101", "inventory/cs.yaml", "PI-CS-002")]
    # nothing to compare with (a branch the remote does not have): everything is reported
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "0" * 40)
    assert sorted(f["rule"] for f in changed(repo, "env:PRE_COMMIT_FROM_REF")["findings"]) == ["PML101", "PML503"]
    monkeypatch.delenv("PRE_COMMIT_FROM_REF")
    assert len(changed(repo, "env:PRE_COMMIT_FROM_REF")["findings"]) == 2


def test_unknown_revision_exits_2_with_the_fix(repo: Path) -> None:
    result = run("check", repo, "--changed-since", "origin/main")
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.stderr and "git fetch --unshallow" in result.stderr


def test_outside_git_exits_2(tmp_path: Path) -> None:
    from helpers.repos import inventory, make_repo

    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, use_git=False)
    result = run("check", repo, "--changed-since", "HEAD")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_pms_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    repo = pms(outer / "pms")
    # pms() made pms/ its own repository; make the outer folder the repository instead
    import shutil

    shutil.rmtree(repo / ".git")
    git(outer, "init", "-q", "-b", "main")
    base = commit(outer, "PMS in a subfolder")
    (repo / "inventory" / "cs.yaml").write_text(INVENTORY.replace("period: P3Y", "period: 3年"), encoding="utf-8")
    assert codes(changed(repo, base)) == [("PML101", "inventory/cs.yaml", "PI-CS-002")]

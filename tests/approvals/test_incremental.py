"""After more commits, ``check`` reuses what it learnt about the approvals at the HEAD it last ran at: an approval
that every new revision of its file still holds keeps its verdict without reading history again. These tests
warm the cache, commit, and compare the run that reuses it with a run without any cache (which reads the whole
history): the findings must be the same, and each case checks what they are, so that a reuse that hides a
finding (or invents one) fails."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers.approving import LEDGER, NAKAMURA, SAITO, changed_by_staff, edit, findings, sign
from helpers.pms import CONTRACTORS
from helpers.repos import GIT_ENV, commit_as, git

C002 = (
    CONTRACTORS.split("entries:\n", 1)[1]
    .replace("C-001", "C-002")
    .replace("ヤマネコ運輸株式会社", "株式会社ミドリ印刷")
    .replace("商品の配送", "ダイレクトメールの印刷")
    .replace("    entrusted_data: [PI-CS-001]\n", "")
)


def same_as_cold(repo: Path) -> list[tuple[str, str | None, str | None, str]]:
    """The findings of a run that reuses the cache, after checking that a run without any cache agrees."""
    warm = findings(repo)
    cold = findings(repo, "--no-cache")
    assert warm == cold
    return [(f["rule"], f["entry"], f.get("path"), f["message"]) for f in warm]


@pytest.fixture
def approved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """C-001 changed by staff, C-002 added to the same ledger, both approved by the privacy manager in her own
    commit; the cache warmed at that HEAD."""
    repo = changed_by_staff(tmp_path / "pms")
    (repo / LEDGER).write_text((repo / LEDGER).read_text(encoding="utf-8") + C002, encoding="utf-8")
    commit_as(repo, SAITO, "C-002", day="2026-05-01T11:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    sign(repo, monkeypatch, "C-002", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 and C-002 approved", day="2026-05-02T10:00:00+09:00")
    assert same_as_cold(repo) == []
    return repo


def codes(found: list[tuple[str, str | None, str | None, str]]) -> list[tuple[str, str | None, str | None]]:
    return [(rule, entry, path) for rule, entry, path, _ in found]


def test_another_entry_of_the_same_file_edited(approved: Path) -> None:
    edit(approved, LEDGER, "ダイレクトメールの印刷", "ダイレクトメールとチラシの印刷")
    commit_as(approved, SAITO, "C-002: leaflets", day="2026-05-03T10:00:00+09:00")
    found = same_as_cold(approved)
    assert codes(found) == [("PML403", "C-002", "approvals[0].digest")]
    assert "service" in found[0][3]


def test_the_approved_entry_edited_makes_it_stale_with_the_field_named(approved: Path) -> None:
    edit(approved, LEDGER, "country: JP", "country: KR")
    commit_as(approved, SAITO, "C-001: country", day="2026-05-03T10:00:00+09:00")
    found = same_as_cold(approved)
    assert codes(found) == [("PML403", "C-001", "approvals[0].digest")]
    assert "country" in found[0][3]
    # one commit later, C-001's approval stale since the HEAD the cache was warmed at, and C-002's now too
    edit(approved, LEDGER, "ダイレクトメールの印刷", "ダイレクトメールとチラシの印刷")
    commit_as(approved, SAITO, "C-002: leaflets", day="2026-05-04T10:00:00+09:00")
    again = same_as_cold(approved)
    assert codes(again) == [("PML403", "C-001", "approvals[0].digest"), ("PML403", "C-002", "approvals[0].digest")]
    assert again[0] == found[0]


def test_an_approval_removed_and_put_back_by_staff_is_hers(approved: Path) -> None:
    """The approval goes away in one new commit and comes back in the next, both by staff: the manager's
    verdict from before must not be reused for what staff wrote."""
    text = (approved / LEDGER).read_text(encoding="utf-8")
    start = text.index("    approvals:")
    end = text.index("  - id: C-002")
    block = text[start:end]
    (approved / LEDGER).write_text(text[:start] + text[end:], encoding="utf-8")
    commit_as(approved, SAITO, "C-001: approval removed", day="2026-05-03T10:00:00+09:00")
    (approved / LEDGER).write_text(text[:start] + block + text[end:], encoding="utf-8")
    commit_as(approved, SAITO, "C-001: approval back", day="2026-05-03T11:00:00+09:00")
    assert codes(same_as_cold(approved)) == [("PML405", "C-001", "approvals[0]")]


def test_an_approval_moved_to_another_file_is_traced_there(approved: Path) -> None:
    text = (approved / LEDGER).read_text(encoding="utf-8")
    start = text.index("  - id: C-002")
    (approved / LEDGER).write_text(text[:start], encoding="utf-8")
    (approved / "contractors" / "printing.yaml").write_text("kind: contractor\nentries:\n" + text[start:], "utf-8")
    commit_as(approved, SAITO, "C-002 in a file of its own", day="2026-05-03T10:00:00+09:00")
    assert same_as_cold(approved) == []


def test_a_merge_among_the_new_commits(approved: Path) -> None:
    """Merges are never taken on trust: the approvals of the files they touch are judged again."""
    git(approved, "checkout", "-q", "-b", "side")
    edit(approved, LEDGER, "ダイレクトメールの印刷", "ダイレクトメールとチラシの印刷")
    commit_as(approved, SAITO, "C-002: leaflets", day="2026-05-03T10:00:00+09:00")
    git(approved, "checkout", "-q", "main")
    edit(approved, "inventory/cs.yaml", "name: 顧客情報", "name: 顧客情報(通販)")
    commit_as(approved, SAITO, "PI-CS-001: name", day="2026-05-03T11:00:00+09:00")
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_EMAIL": "nakamura@sakura-market.example"}
    env["GIT_COMMITTER_EMAIL"] = "nakamura@sakura-market.example"
    subprocess.run(["git", "merge", "-q", "--no-ff", "--no-commit", "side"], cwd=approved, env=env, check=True)
    edit(approved, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送と返品の回収(夜間)")
    subprocess.run(["git", "add", "-A"], cwd=approved, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Merge side"], cwd=approved, env=env, check=True)
    found = same_as_cold(approved)
    assert ("PML403", "C-001", "approvals[0].digest") in codes(found)


def test_a_stale_approval_whose_entry_changes_again_names_every_field(approved: Path) -> None:
    """C-001's approval is stale at the HEAD the cache was warmed at; the next commit changes C-001 again. The
    fields changed since the approval are then both edits' (read from the entry as approved, which the cached
    record names by its blob), the same as a run that reads the whole history."""
    edit(approved, LEDGER, "country: JP", "country: KR")
    commit_as(approved, SAITO, "C-001: country", day="2026-05-03T10:00:00+09:00")
    assert codes(same_as_cold(approved)) == [("PML403", "C-001", "approvals[0].digest")]
    edit(approved, LEDGER, "service: 商品の配送", "service: 商品の配送と返品の回収")
    commit_as(approved, SAITO, "C-001: returns", day="2026-05-04T10:00:00+09:00")
    found = same_as_cold(approved)
    assert codes(found) == [("PML403", "C-001", "approvals[0].digest")]
    assert "country" in found[0][3] and "service" in found[0][3]
    # and once more, from the record this run kept: the fields stay both, and a third edit adds the owner
    edit(approved, LEDGER, "    owner: nakamura\n    entrusted_data", "    owner: saito\n    entrusted_data")
    commit_as(approved, SAITO, "C-001: owner", day="2026-05-05T10:00:00+09:00")
    again = same_as_cold(approved)
    assert codes(again) == [("PML403", "C-001", "approvals[0].digest")]
    assert all(field in again[0][3] for field in ("country", "service", "owner"))

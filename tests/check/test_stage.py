"""``check --stage commit|merge``: an entry awaiting the approval pmarklint.yaml requires does not stop a
commit (it is shown as awaiting approval by its approver roles) and fails the merge; an approval that exists
but does not hold is an error at both stages. Real repositories and real git, pinned identities."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import check_json, run, validate_output
from helpers.repos import commit_as, make_repo
from helpers.workflow import CONFIG, CONTRACTOR, ITO, NAKAMURA, PEOPLE

AWAITING = "Awaiting approval (this commit may go ahead; CI refuses the merge while any is awaiting):"


def _repo(tmp_path: Path) -> Path:
    """Roster committed by nakamura; the contractor written and committed by ito, not approved yet."""
    repo = make_repo(tmp_path / "r", {"people/people.yaml": PEOPLE}, config=CONFIG)
    (repo / "contractors").mkdir()
    (repo / "contractors" / "c.yaml").write_text(CONTRACTOR, encoding="utf-8")
    commit_as(repo, ITO, "C-001 added")
    return repo


def _sign(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """nakamura approves C-001 (git identity: nakamura, as conftest pins it) and commits it."""
    assert run("sign", "C-001", "--as", "nakamura", "--date", "2026-04-03", "-C", repo).exit_code == 0
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-04-03T10:00:00+09:00")


def test_a_missing_approval_is_awaiting_at_commit_and_an_error_at_merge(tmp_path: Path) -> None:
    repo = _repo(tmp_path)

    commit = run("check", repo, "--stage", "commit", "--lang", "en", "--today", "2026-11-26")
    assert commit.exit_code == 0, commit.stdout
    lines = commit.stdout.splitlines()
    at = lines.index(AWAITING)
    assert (
        lines[at + 1] == "  contractors/c.yaml:3 PML401 C-001  awaiting approval by privacy manager (privacy_manager)"
    )
    assert ": 0 errors, " in lines[-1] and lines[-1].endswith(", 1 awaiting approval")

    data = check_json(repo, "--stage", "commit").json()
    validate_output(data)
    (item,) = data["findings"]
    assert (item["rule"], item["severity"], item["awaiting_approval"]) == (
        "PML401",
        "warning",
        {"roles": ["privacy_manager"]},
    )
    assert data["stage"] == "commit"

    merge = check_json(repo)  # the default: CI
    assert merge.exit_code == 1
    (item,) = merge.json()["findings"]
    assert (item["rule"], item["severity"], item.get("awaiting_approval")) == ("PML401", "error", None)
    assert merge.json()["stage"] == "merge"


def test_japanese_names_the_awaited_role(tmp_path: Path) -> None:
    result = run("check", _repo(tmp_path), "--stage", "commit", "--quiet", "--lang", "ja", "--today", "2026-11-26")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    at = lines.index("承認待ち(このコミットはできます。承認待ちが残っている間、CIはマージを通しません):")
    assert lines[at + 1] == "  contractors/c.yaml:3 PML401 C-001  個人情報保護管理者(privacy_manager)の承認待ち"


def test_an_edit_after_approval_awaits_a_new_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo(tmp_path)
    _sign(repo, monkeypatch)
    assert check_json(repo).exit_code == 0  # approved: CI is green
    path = repo / "contractors" / "c.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("service: 配送", "service: 配送と保管"), encoding="utf-8")
    commit_as(repo, ITO, "C-001 also stores goods", day="2026-04-04T10:00:00+09:00")

    commit = check_json(repo, "--stage", "commit")
    assert commit.exit_code == 0
    (item,) = commit.json()["findings"]
    assert (item["rule"], item["entry"], item["severity"]) == ("PML403", "C-001", "warning")
    assert item["awaiting_approval"] == {"roles": ["privacy_manager"]}
    assert check_json(repo).codes() == ["PML403"] and check_json(repo).exit_code == 1

    _sign(repo, monkeypatch)  # the manager reviews the change and approves it in a commit of her own
    assert (check_json(repo).exit_code, check_json(repo).codes()) == (0, [])


def test_an_approval_in_someone_elses_name_is_an_error_at_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ito writes nakamura's approval and is about to commit it (the hook runs before the commit exists)."""
    repo = _repo(tmp_path)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Jiro Ito")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ito@example.test")
    assert run("sign", "C-001", "--as", "nakamura", "--force", "--date", "2026-04-03", "-C", repo).exit_code == 0

    result = check_json(repo, "--stage", "commit")
    assert result.exit_code == 1
    (item,) = result.json()["findings"]
    assert (item["rule"], item["entry"], item["severity"], item.get("awaiting_approval")) == (
        "PML405",
        "C-001",
        "error",
        None,
    )


def test_an_approval_by_someone_outside_the_roster_is_an_error_at_commit(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    path = repo / "contractors" / "c.yaml"
    approval = (
        '    approvals:\n      - {by: suzuki, role: privacy_manager, date: 2026-04-03, digest: "sha256:' + "0" * 64
    )
    path.write_text(CONTRACTOR + approval + '"}\n', encoding="utf-8")

    result = check_json(repo, "--stage", "commit")
    assert result.exit_code == 1
    found = [(f["rule"], f["severity"], f.get("awaiting_approval")) for f in result.json()["findings"]]
    assert found == [("PML201", "error", None), ("PML402", "error", None)]  # suzuki: not in the roster


def test_stage_is_one_of_two(tmp_path: Path) -> None:
    result = run("check", _repo(tmp_path), "--stage", "push")
    assert result.exit_code == 2
    assert "'push' is not one of 'commit', 'merge'" in result.stderr

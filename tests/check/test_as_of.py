"""``check --as-of DATE|REV``: the repository as it stood at the last commit on or before DATE, judged on
that day, on real repositories with pinned commit dates; the report names the commit it used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.cli import run
from helpers.pms import CONFIG, pms, where
from helpers.repos import commit_as, git

STAFF = "Misaki Saito <saito@sakura-market.example>"
NAKAMURA = "Hanako Nakamura <nakamura@sakura-market.example>"
LEDGER = "contractors/contractors.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """The clean repository (committed 2026-04-01), then on 2026-05-01 the contractor's evaluation failed,
    then on 2026-06-01 it passed again. Returns the repository and the three commits."""
    root = pms(tmp_path / "pms")
    first = git(root, "rev-parse", "HEAD").strip()
    edit(root, "result: pass", "result: fail")
    second = commit_as(root, STAFF, "C-001 failed its evaluation", day="2026-05-01T10:00:00+09:00")
    edit(root, "result: fail", "result: pass")
    third = commit_as(root, STAFF, "C-001 passed again", day="2026-06-01T10:00:00+09:00")
    return root, [first, second, third]


def edit(root: Path, old: str, new: str, rel: str = LEDGER) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def as_of(root: Path, value: str, *extra: str) -> dict:
    result = run("check", root, "--as-of", value, "--format", "json", "--lang", "en", *extra)
    assert result.exit_code in (0, 1), result.stderr
    return result.json()


def test_a_date_checks_the_last_commit_on_or_before_it(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    before = as_of(root, "2026-04-30")
    assert before["as_of"]["commit"] == commits[0] and before["as_of"]["requested"] == "2026-04-30"
    assert before["today"] == "2026-04-30" and before["findings"] == []
    during = as_of(root, "2026-05-01")  # the day of the commit counts
    assert during["as_of"]["commit"] == commits[1]
    assert [(f["rule"], f["entry"]) for f in during["findings"]] == [("PML303", "C-001")]
    assert as_of(root, "2026-11-26")["as_of"]["commit"] == commits[2]


def test_the_day_judged_is_the_as_of_date(tmp_path: Path) -> None:
    """The same commit, judged on two days: the review falls due in between."""
    root = pms(tmp_path / "pms")
    assert as_of(root, "2027-03-01")["findings"] == []
    assert "PML301" in [f["rule"] for f in as_of(root, "2027-04-02")["findings"]]
    assert as_of(root, "2027-04-02", "--today", "2027-03-01")["findings"] == []  # --today still wins


def test_a_revision_is_judged_on_the_day_it_was_committed(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    found = as_of(root, commits[1])
    assert found["today"] == "2026-05-01" and found["as_of"]["commit"] == commits[1]
    assert found["as_of"]["committed"] == "2026-05-01T10:00:00+09:00"
    assert found["as_of"]["subject"] == "C-001 failed its evaluation"
    assert as_of(root, "HEAD~1")["as_of"]["commit"] == commits[1]


def test_the_work_tree_does_not_matter_and_the_text_report_shows_the_old_line(
    repo: tuple[Path, list[str]],
) -> None:
    root, commits = repo
    edit(root, "result: pass", "result: fail")  # uncommitted, and not what was true on 2026-06-15
    assert as_of(root, "2026-06-15")["findings"] == []
    shutil.rmtree(root / "inventory")  # even files gone from the work tree
    result = run("check", root, "--as-of", "2026-05-15", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"As of 2026-05-15: commit {commits[1][:10]} of 2026-05-01T10:00:00+09:00 (C-001 failed its evaluation)"
    )
    line, _ = where(root, LEDGER, "result: fail")
    assert f"{line:>6} |     evaluation: {{date: 2026-04-01, result: fail, evaluator: nakamura}}" in lines


def test_history_checks_read_history_up_to_that_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An approval forged on 2026-05-02 is reported as of any later day, and did not exist before."""
    root = pms(tmp_path / "pms", config=CONFIG + "require_approvals: {contractor: error}\n")
    edit(root, "service: 商品の配送", "service: 商品の配送と返品の回収")
    commit_as(root, STAFF, "Returns too", day="2026-05-01T10:00:00+09:00")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "saito@sakura-market.example")
    assert run("sign", "C-001", "--as", "nakamura", "--force", "--repo", root, "--date", "2026-05-02").exit_code == 0
    commit_as(root, STAFF, "C-001 approved (forged)", day="2026-05-02T10:00:00+09:00")
    assert [f["rule"] for f in as_of(root, "2026-05-01")["findings"]] == ["PML401"]
    assert [f["rule"] for f in as_of(root, "2026-05-03")["findings"]] == ["PML405"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-01-01", "no commit on the main line"),
        ("2026-02-30", "not a date (YYYY-MM-DD) nor a revision"),
        ("no-such-branch", "not a date (YYYY-MM-DD) nor a revision"),
    ],
)
def test_what_cannot_be_checked(repo: tuple[Path, list[str]], value: str, message: str) -> None:
    root, _ = repo
    result = run("check", root, "--as-of", value)
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_as_of_needs_git_and_excludes_changed_since(repo: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = repo
    result = run("check", root, "--as-of", "2026-05-01", "--changed-since", "HEAD~1")
    assert result.exit_code == 2 and "cannot be used together" in result.stderr
    plain = tmp_path / "plain"
    shutil.copytree(root, plain, ignore=shutil.ignore_patterns(".git"))
    result = run("check", plain, "--as-of", "2026-05-01")
    assert result.exit_code == 2 and "not in git" in result.stderr


def test_before_the_pms_existed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "notes.txt").write_text("before the PMS\n", encoding="utf-8")
    commit_as(root, STAFF, "Notes", day="2026-01-10T10:00:00+09:00")
    pms(root)  # the PMS arrives on 2026-04-01
    result = run("check", root, "--as-of", "2026-02-01")
    assert result.exit_code == 2 and "did not exist yet" in result.stderr, result.stderr


def test_the_extracted_tree_holds_no_link_out_of_it(repo: tuple[Path, list[str]]) -> None:
    """A committed symlink to a file outside the repository is not followed into the report."""
    root, _ = repo
    secret = root.parent / "secret.yaml"
    secret.write_text("kind: inventory\nentries:\n  - {id: PI-SECRET-LINE}\n", encoding="utf-8")
    (root / "inventory" / "outside.yaml").symlink_to(secret)
    commit_as(root, STAFF, "a link out of the repository", day="2026-06-02T10:00:00+09:00")
    result = run("check", root, "--as-of", "2026-06-02", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert "PI-SECRET-LINE" not in result.stdout
    assert result.json()["as_of"]["requested"] == "2026-06-02"

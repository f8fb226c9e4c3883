"""``--as-of`` cannot be steered (issue 11): the main line is walked from its root and stops before the first
commit dated after the day, so a later commit with a backdated committer date is never "the repository on
DATE", and commits whose dates go backwards are reported; ``--as-of`` and ``--changed-since`` see every
tracked file whatever ``.gitattributes`` says. Real repositories, commits with pinned dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import run
from helpers.pms import CONFIG, pms
from helpers.repos import commit_as, git

STAFF = "Misaki Saito <saito@sakura-market.example>"
LEDGER = "contractors/contractors.yaml"


def edit(root: Path, old: str, new: str, rel: str = LEDGER) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def as_of(root: Path, value: str) -> tuple[dict, str]:
    result = run("check", root, "--as-of", value, "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1), result.stderr
    return result.json(), result.stderr


def rules(data: dict) -> list[tuple[str, str, str | None]]:
    return [(f["rule"], f["file"], f["entry"]) for f in data["findings"]]


def test_a_later_commit_with_a_backdated_date_is_not_the_repository_on_that_day(tmp_path: Path) -> None:
    """2026-04-01 clean; 2026-05-01 C-001 fails its evaluation; then someone "fixes" it in a commit dated
    2026-04-15. On 2026-04-20 the repository was the clean first commit, and the backdated one is reported."""
    root = pms(tmp_path / "pms")
    first = git(root, "rev-parse", "HEAD").strip()
    edit(root, "result: pass", "result: fail")
    failed = commit_as(root, STAFF, "C-001 failed", day="2026-05-01T10:00:00+09:00")
    edit(root, "result: fail", "result: pass")
    edit(root, "service: 商品の配送", "service: 商品の配送と返品の回収")
    backdated = commit_as(root, STAFF, "C-001 passed (backdated)", day="2026-04-15T10:00:00+09:00")
    data, notices = as_of(root, "2026-04-20")
    assert data["as_of"]["commit"] == first and rules(data) == []
    lines = notices.splitlines()
    assert lines == [
        f"pmarklint: commit {backdated[:10]} on the main line is dated 2026-04-15T10:00:00+09:00, earlier than "
        "the commit before it (2026-05-01T10:00:00+09:00). Commit dates are claims: --as-of takes the main line "
        "from its first commit and stops before the first one dated after the day asked for, so a commit made "
        "later and backdated never counts as the repository on that day"
    ]
    data, _ = as_of(root, "2026-05-01")
    assert data["as_of"]["commit"] == backdated  # it came after the failure, and claims an earlier day
    assert as_of(root, "2026-04-30")[0]["as_of"]["commit"] == first
    assert data["as_of"]["commit"] != failed
    ja = run("check", root, "--as-of", "2026-04-20", "--lang", "ja")
    assert f"コミット {backdated[:10]}" in ja.stderr and "自己申告" in ja.stderr


def test_dates_that_go_forward_give_no_notice(tmp_path: Path) -> None:
    root = pms(tmp_path / "pms")
    edit(root, "result: pass", "result: fail")
    commit_as(root, STAFF, "C-001 failed", day="2026-05-01T10:00:00+09:00")
    data, notices = as_of(root, "2026-05-01")
    assert notices == "" and [r for r, _, _ in rules(data)] == ["PML303"]


@pytest.mark.parametrize(
    ("setting", "included"),
    [("", False), ("timezone: UTC\n", True), ("timezone: Asia/Tokyo\n", False)],
    ids=["ja-default-tokyo", "utc", "tokyo"],
)
def test_the_day_of_a_commit_is_the_day_in_the_repositorys_time_zone(
    tmp_path: Path, setting: str, included: bool
) -> None:
    """A commit made at 00:30 in Tokyo on 2026-05-01 is 15:30 UTC on 2026-04-30."""
    config = CONFIG.replace("language: en", "language: ja") + setting
    root = pms(tmp_path / "pms", config=config)
    first = git(root, "rev-parse", "HEAD").strip()
    edit(root, "result: pass", "result: fail")
    late = commit_as(root, STAFF, "C-001 failed", day="2026-05-01T00:30:00+09:00")
    data, _ = as_of(root, "2026-04-30")
    assert data["as_of"]["commit"] == (late if included else first)
    assert as_of(root, late)[0]["today"] == ("2026-04-30" if included else "2026-05-01")


def test_export_ignore_does_not_hide_a_ledger_from_as_of(tmp_path: Path) -> None:
    root = pms(tmp_path / "pms")
    edit(root, "result: pass", "result: fail")
    (root / ".gitattributes").write_text("contractors/** export-ignore\n/contractors export-ignore\n", "utf-8")
    commit_as(root, STAFF, "C-001 failed; tidy exports", day="2026-05-01T10:00:00+09:00")
    assert "contractors.yaml" not in git(root, "archive", "--format=tar", "HEAD")  # git archive hides it
    data, _ = as_of(root, "2026-05-02")
    assert rules(data) == [("PML303", LEDGER, "C-001")]
    assert data["summary"]["files"] == run("check", root, "--format", "json").json()["summary"]["files"]


def test_export_subst_does_not_rewrite_a_ledger_for_as_of(tmp_path: Path) -> None:
    """A ledger marked export-subst whose review date is a placeholder, not a date: git archive would write
    the commit's date in its place, and the broken entry would pass."""
    root = pms(tmp_path / "pms")
    edit(root, "    last_reviewed: 2026-04-01\n", "    last_reviewed: $Format:%cs$\n")
    (root / ".gitattributes").write_text("*.yaml export-subst\n", "utf-8")
    commit_as(root, STAFF, "C-001 reviewed", day="2026-05-01T10:00:00+09:00")
    assert "last_reviewed: 2026-05-01" in git(root, "archive", "--format=tar", "HEAD")  # rewritten
    data, _ = as_of(root, "2026-05-02")
    assert rules(data) == [("PML101", LEDGER, "C-001")]
    assert data["findings"][0]["path"] == "last_reviewed"


def test_export_ignore_does_not_hide_what_a_change_broke_from_changed_since(tmp_path: Path) -> None:
    """REF already marks the contractor ledger export-ignore; the change removes C-001 while the inventory
    still entrusts data to it. Read through git archive, REF would have had the same broken reference, and
    the change's own breakage would pass as old."""
    root = pms(tmp_path / "pms")
    (root / ".gitattributes").write_text("contractors/** export-ignore\n", "utf-8")
    base = commit_as(root, STAFF, "exports", day="2026-05-01T10:00:00+09:00")
    (root / LEDGER).write_text("kind: contractor\nentries: []\n", encoding="utf-8")
    full = run("check", root, "--format", "json", "--today", "2026-11-26").json()
    broken = [f for f in full["findings"] if f["file"] == "inventory/cs.yaml"]
    assert broken and all(f["entry"] == "PI-CS-001" for f in broken)
    result = run("check", root, "--format", "json", "--today", "2026-11-26", "--changed-since", base)
    assert result.exit_code == 1, result.stderr
    reported = [(f["rule"], f["file"], f["entry"]) for f in result.json()["findings"]]
    assert [(f["rule"], f["file"], f["entry"]) for f in broken] == [r for r in reported if r[1] == "inventory/cs.yaml"]

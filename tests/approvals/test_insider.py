"""An insider with commit rights trying to make a forged approval pass (the cases of the insider issue), in
real repositories with pinned identities and dates: each is refused with its code, entry and position, and
the honest workflow next to it passes. The roster and the ledgers are tests/helpers/pms.py's: yamamoto is
top management, nakamura the privacy manager (she approves contractors), saito staff."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from pmarklint.rules.history_checks import Session

from helpers.approving import (
    ENFORCED,
    LEDGER,
    NAKAMURA,
    SAITO,
    YAMAMOTO,
    changed_by_staff,
    edit,
    email,
    findings,
    sign,
    summary,
)
from helpers.cli import run
from helpers.pms import pms, where, with_rules
from helpers.repos import GIT_ENV, commit_as, git

ROSTER = "people/roster.yaml"
NAKAMURA_MAIL = "emails: [nakamura@sakura-market.example]"


def commit_with(root: Path, author: str, committer: str, message: str, day: str, *extra: str) -> str:
    """A commit whose author and committer are set apart, as anyone can with GIT_AUTHOR_* / GIT_COMMITTER_*."""
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_AUTHOR_NAME": author.split(" <")[0],
        "GIT_AUTHOR_EMAIL": email(author),
        "GIT_COMMITTER_NAME": committer.split(" <")[0],
        "GIT_COMMITTER_EMAIL": email(committer),
        "GIT_AUTHOR_DATE": day,
        "GIT_COMMITTER_DATE": day,
    }
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message, *extra], cwd=root, env=env, check=True)
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture(autouse=True, params=["one process", "two processes"])
def processes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case twice: the first run in a clone traces its approvals in two processes when they are many
    (Session.prepare); here always, so that the second process's verdicts face every forgery too."""
    if request.param == "two processes":
        monkeypatch.setattr(Session, "_SHARED", 1)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Staff changes C-001 in a commit of her own; nobody has approved it yet."""
    return changed_by_staff(tmp_path / "pms")


def approval_line(root: Path) -> int:
    return where(root, LEDGER, "by: nakamura")[0]


# -- 1. the roster swap ---------------------------------------------------------------------------------------


def test_roster_swap_approve_and_revert(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff gives the privacy manager her own e-mail address, approves "as" the manager, and reverts the roster:
    the swap never took effect (nobody approved it), so the approval was not added by the manager."""
    edit(repo, ROSTER, NAKAMURA_MAIL, "emails: [saito@sakura-market.example]")
    commit_as(repo, SAITO, "Roster: e-mail address", day="2026-05-02T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", SAITO)
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    edit(repo, ROSTER, "emails: [saito@sakura-market.example]", NAKAMURA_MAIL)
    commit_as(repo, SAITO, "Roster: e-mail address back", day="2026-05-02T11:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML405", "C-001", "approvals[0]")]
    assert found[0]["line"] == approval_line(repo)
    trail = run("trail", repo, "--format", "json", "--since", "2026-01-01", "--until", "2026-11-26").json()
    added = [a for a in trail["approvals"] if a["entry"] == "C-001"]
    assert [a["backed"] for a in added] == [False]


def test_a_roster_swap_left_in_place_is_pml408(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, ROSTER, NAKAMURA_MAIL, "emails: [saito@sakura-market.example]")
    commit_as(repo, SAITO, "Roster: e-mail address", day="2026-05-02T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", SAITO)
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    found = {(f["rule"], f["entry"]): f for f in findings(repo)}
    assert set(found) == {("PML405", "C-001"), ("PML408", "nakamura")}
    assert found[("PML408", "nakamura")]["line"] == where(repo, ROSTER, "id: nakamura")[0]


def test_a_new_address_approved_by_top_management_counts(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The honest roster change: staff edits, top management approves in his own commit, then the manager
    approves from her new address."""
    edit(repo, ROSTER, NAKAMURA_MAIL, "emails: [h.nakamura@sakura-market.example]")
    commit_as(repo, SAITO, "Roster: nakamura's new address", day="2026-05-02T08:00:00+09:00")
    sign(repo, monkeypatch, "nakamura", "yamamoto", YAMAMOTO)
    commit_as(repo, YAMAMOTO, "Roster approved", day="2026-05-02T09:00:00+09:00")
    new = "Hanako Nakamura <h.nakamura@sakura-market.example>"
    sign(repo, monkeypatch, "C-001", "nakamura", new)
    commit_as(repo, new, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == []


# -- 2. the founding exemption is not reopened ---------------------------------------------------------------


@pytest.mark.parametrize("how", ["role removed", "roster unreadable"])
def test_the_founding_exemption_is_not_reopened(repo: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Top management's role taken away (or the roster made unreadable) for one commit, then staff makes
    herself privacy manager and approves: nobody could approve the grant, and it is not the founding roster."""
    text = (repo / ROSTER).read_text(encoding="utf-8")
    if how == "role removed":
        edit(repo, ROSTER, "roles: [top_management]", "roles: []")
    else:
        (repo / ROSTER).write_text("kind: person\nentries: [\n", encoding="utf-8")
    commit_as(repo, SAITO, "Roster", day="2026-05-02T08:00:00+09:00")
    (repo / ROSTER).write_text(text.replace("roles: [internal_auditor]", "roles: [privacy_manager]"), "utf-8")
    commit_as(repo, SAITO, "Roster", day="2026-05-02T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "saito", SAITO, "--role", "privacy_manager")
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    found = summary(repo)
    assert ("PML407", "saito", "roles[0]") in found
    assert ("PML405", "C-001", "approvals[0]") in found


# -- 4. self-approval hidden --------------------------------------------------------------------------------


def test_an_evil_merge_is_written_by_the_merges_author(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The manager writes the change inside a merge commit (no parent has it), then approves it."""
    git(repo, "checkout", "-q", "-b", "side")
    edit(repo, "inventory/cs.yaml", "name: 顧客情報", "name: 顧客情報(通販)")
    commit_as(repo, SAITO, "Side work", day="2026-05-01T11:00:00+09:00")
    git(repo, "checkout", "-q", "main")
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_EMAIL": email(NAKAMURA), "GIT_COMMITTER_EMAIL": email(NAKAMURA)}
    subprocess.run(["git", "merge", "-q", "--no-ff", "--no-commit", "side"], cwd=repo, env=env, check=True)
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送と返品の回収(夜間)")
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Merge side"], cwd=repo, env=env, check=True)
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML404", "C-001", "approvals[0]")]
    merge = git(repo, "rev-parse", "HEAD~1").strip()
    assert merge[:10] in found[0]["message"]


def test_a_quoted_value_holding_an_approvals_line_hides_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A double-quoted value over several lines whose text has a line starting ``approvals:``: the manager edits
    the lines below it (her change), then approves; the change is still hers."""
    edit(
        repo,
        LEDGER,
        "service: 商品の配送と返品の回収",
        'service: "商品の配送と\n      approvals: 返品の回収\n      と保管"',
    )
    commit_as(repo, SAITO, "C-001: a long service", day="2026-05-01T11:00:00+09:00")
    edit(repo, LEDGER, "      と保管", "      と保管と廃棄")
    commit_as(repo, NAKAMURA, "C-001: disposal too", day="2026-05-01T12:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == [("PML404", "C-001", "approvals[0]")]


# -- 5. identity is author and committer --------------------------------------------------------------------


def test_an_approval_authored_as_the_manager_but_committed_by_staff(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    sha = commit_with(repo, NAKAMURA, SAITO, "C-001 approved", "2026-05-02T10:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML405", "C-001", "approvals[0]")]
    assert sha[:10] in found[0]["message"] and "saito@sakura-market.example" in found[0]["message"]
    assert "nakamura@sakura-market.example" in found[0]["message"]


def test_a_history_rewrite_that_keeps_the_manager_as_author(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff takes the manager's earlier approval commit and makes her own with ``commit -C`` (author kept)."""
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    original = commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    git(repo, "reset", "-q", "--soft", "HEAD~1")
    env_day = "2026-05-02T11:00:00+09:00"
    env = {**os.environ, **GIT_ENV, "GIT_COMMITTER_EMAIL": email(SAITO), "GIT_COMMITTER_DATE": env_day}
    subprocess.run(["git", "commit", "-q", "-C", original], cwd=repo, env=env, check=True)
    assert git(repo, "log", "-1", "--format=%ae %ce").split() == [email(NAKAMURA), email(SAITO)]
    assert summary(repo) == [("PML405", "C-001", "approvals[0]")]


# -- 7. dates -------------------------------------------------------------------------------------------------


def test_a_backdated_approval(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(NAKAMURA))
    assert run("sign", "C-001", "--as", "nakamura", "--repo", repo, "--date", "2020-01-01").exit_code == 0
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML409", "C-001", "approvals[0]")]
    assert "2020-01-01" in found[0]["message"] and "2026-05-01" in found[0]["message"]
    trail = run("trail", repo, "--format", "json", "--since", "2026-01-01", "--until", "2026-11-26").json()
    assert [a["backed"] for a in trail["approvals"] if a["entry"] == "C-001"] == [False]


def test_an_approval_dated_after_its_commit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(NAKAMURA))
    assert run("sign", "C-001", "--as", "nakamura", "--repo", repo, "--date", "2026-06-30").exit_code == 0
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == [("PML409", "C-001", "approvals[0]")]


def test_a_day_either_way_is_a_time_zone_not_a_backdate(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written 2026-05-01 in Tokyo, approved and dated 2026-04-30 by someone whose clock is west of it."""
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(NAKAMURA))
    assert run("sign", "C-001", "--as", "nakamura", "--repo", repo, "--date", "2026-04-30").exit_code == 0
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-04-30T20:00:00-07:00")
    assert summary(repo) == []


# -- 11. the trail and check agree ----------------------------------------------------------------------------


def test_the_trail_shows_a_self_approval_as_check_does(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送")
    commit_as(repo, NAKAMURA, "C-001 by the manager", day="2026-05-01T12:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == [("PML404", "C-001", "approvals[0]")]
    trail = run("trail", repo, "--format", "json", "--since", "2026-01-01", "--until", "2026-11-26").json()
    added = [a for a in trail["approvals"] if a["entry"] == "C-001"]
    assert [a["backed"] for a in added] == [False]
    assert trail["summary"]["approvals"]["backed"] == 0


# -- 3. pmarklint.yaml's approval settings are a policy -------------------------------------------------------


def forged(repo: Path, monkeypatch: pytest.MonkeyPatch, settings: str) -> None:
    """Staff forges the manager's approval and, in the same commit, changes pmarklint.yaml."""
    sign(repo, monkeypatch, "C-001", "nakamura", SAITO, "--force")
    (repo / "pmarklint.yaml").write_text(settings, encoding="utf-8")
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        (with_rules(ENFORCED, "PML405: off"), "rules"),
        (ENFORCED.replace("{contractor: error}", "{contractor: warning}"), "require_approvals"),
        (
            ENFORCED.replace("contractor: [privacy_manager]", "contractor: [privacy_manager, internal_auditor]"),
            "approvals",
        ),
        (
            ENFORCED + "waivers:\n  - {rule: PML405, entry: C-001, reason: 確認済み, approved_by: nakamura, "
            "expires: 2026-12-31}\n",
            "waivers",
        ),
    ],
)
def test_a_change_to_the_approval_settings_needs_top_managements_approval(
    repo: Path, monkeypatch: pytest.MonkeyPatch, settings: str, key: str
) -> None:
    forged(repo, monkeypatch, settings)
    found = findings(repo)
    # judged by the settings in force: the forged approval is still PML405, an error, and not waived
    assert [(f["rule"], f["severity"]) for f in found if f["entry"] == "C-001"] == [("PML405", "error")]
    policy = [f for f in found if f["rule"] == "PML408"]
    assert [(f["file"], f["severity"]) for f in policy] == [("pmarklint.yaml", "error")]
    assert key in policy[0]["message"] and "top_management" in policy[0]["message"]
    needle = "- {rule: PML405" if key == "waivers" else f"{key}:"  # a block list starts on the line below its key
    assert policy[0]["line"] == where(repo, "pmarklint.yaml", needle)[0]
    assert run("check", repo, "--today", "2026-11-26").exit_code == 1


def test_the_approval_settings_approved_by_top_management_take_effect(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The honest way: the privacy office changes the settings, top management approves them in his own commit."""
    (repo / "pmarklint.yaml").write_text(ENFORCED + "require_signed_approvals: false\n", encoding="utf-8")
    commit_as(repo, NAKAMURA, "Settings", day="2026-05-02T08:00:00+09:00")
    assert [(f["rule"], f["file"]) for f in findings(repo)] == [("PML401", LEDGER), ("PML408", "pmarklint.yaml")]
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == [("PML408", None, "require_signed_approvals")]
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(YAMAMOTO))
    result = run("sign", "pmarklint.yaml", "--as", "yamamoto", "--repo", repo, "--date", "2026-05-03")
    assert result.exit_code == 0, result.stderr
    assert "policy_approvals:\n  - {by: yamamoto, role: top_management, date: 2026-05-03, digest: " in (
        repo / "pmarklint.yaml"
    ).read_text(encoding="utf-8")
    commit_as(repo, YAMAMOTO, "Settings approved", day="2026-05-03T10:00:00+09:00")
    assert summary(repo) == []


def test_the_approval_settings_approved_by_whoever_changed_them_do_not_count(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "pmarklint.yaml").write_text(ENFORCED.replace("{contractor: error}", "{contractor: warning}"), "utf-8")
    commit_as(repo, YAMAMOTO, "Settings", day="2026-05-02T08:00:00+09:00")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(YAMAMOTO))
    assert run("sign", "pmarklint.yaml", "--as", "yamamoto", "--repo", repo, "--date", "2026-05-02").exit_code == 0
    commit_as(repo, YAMAMOTO, "Settings approved", day="2026-05-02T09:00:00+09:00")
    assert [(f["rule"], f["severity"]) for f in findings(repo) if f["file"] == "pmarklint.yaml"] == [
        ("PML408", "error")
    ]


# -- 10. the end of a trail's period cannot be steered by a backdated commit ----------------------------------


def test_the_trail_ends_on_the_main_line_whatever_a_later_commit_says_its_date_is(repo: Path) -> None:
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送(5月10日から)")
    commit_as(repo, SAITO, "C-001 in May", day="2026-05-10T10:00:00+09:00")
    edit(repo, LEDGER, "service: 商品の配送(5月10日から)", "service: 商品の配送(4月から、と主張)")
    commit_as(repo, SAITO, "C-001 backdated", day="2026-04-15T10:00:00+09:00")
    trail = run("trail", repo, "--format", "json", "--since", "2026-01-01", "--until", "2026-05-05").json()
    assert trail["period"]["end_commit"] == git(repo, "rev-parse", "HEAD~2").strip()


# -- squash merges ----------------------------------------------------------------------------------------------


def test_a_squash_merge_is_refused_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff edits on a branch, the manager approves there, and the branch is squash-merged by someone else:
    the approval is now in the merger's commit, and the message says to merge with a merge commit."""
    repo = pms(tmp_path / "pms", config=ENFORCED)
    git(repo, "checkout", "-q", "-b", "change")
    edit(repo, LEDGER, "service: 商品の配送", "service: 商品の配送と返品の回収")
    commit_as(repo, SAITO, "C-001: returns too", day="2026-05-01T10:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == []  # on the branch, as the pull request's CI sees it
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--squash", "change")
    commit_as(repo, YAMAMOTO, "C-001: returns too (#12)", day="2026-05-03T10:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML405", "C-001", "approvals[0]")]
    assert "merge with a merge commit" in found[0]["message"]


def test_a_cached_run_and_an_uncached_run_agree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, ROSTER, NAKAMURA_MAIL, "emails: [saito@sakura-market.example]")
    commit_as(repo, SAITO, "Roster: e-mail address", day="2026-05-02T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", SAITO)
    (repo / "pmarklint.yaml").write_text(with_rules(ENFORCED, "PML405: off"), encoding="utf-8")
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    first, again = findings(repo), findings(repo)
    uncached = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "en", "--no-cache").json()
    assert first == again == uncached["findings"]
    # PML405 switched off in the same commit: the switch is not approved, so the run judges by the settings in force
    assert {(f["rule"], f["entry"]) for f in first} == {("PML405", "C-001"), ("PML408", "nakamura"), ("PML408", None)}


def test_dropping_the_requirement_and_every_approval_at_once_is_pml408(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No approval left to judge, and nothing required at HEAD: the settings chain still runs, because a revision
    of pmarklint.yaml required approvals."""
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == []
    ledger = (repo / LEDGER).read_text(encoding="utf-8")
    (repo / LEDGER).write_text(re.sub(r"    approvals:\n(      .*\n)+", "", ledger), encoding="utf-8")
    assert "approvals:" not in (repo / LEDGER).read_text(encoding="utf-8")
    (repo / "pmarklint.yaml").write_text(ENFORCED.replace("require_approvals: {contractor: error}\n", ""), "utf-8")
    commit_as(repo, SAITO, "Approvals dropped", day="2026-05-03T10:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["file"], f["severity"]) for f in found if f["rule"] == "PML408"] == [
        ("PML408", "pmarklint.yaml", "error")
    ]


@pytest.mark.parametrize("held", [1, 9])
def test_an_approval_withdrawn_and_put_back_by_staff_long_after_is_hers(
    repo: Path, monkeypatch: pytest.MonkeyPatch, held: int
) -> None:
    """The manager approves C-001; its file changes ``held`` times while the approval stays (staff edit another
    entry); staff removes the approval (withdrawn), puts it back word for word, and edits twice more. The
    commit that added the approval as HEAD has it is staff's: the search must not settle on the manager's older
    one, however long the approval stood before it was withdrawn (PML405)."""
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    ledger = repo / LEDGER
    base = ledger.read_text(encoding="utf-8")
    other = "  - id: C-099\n    name: 株式会社テスト{n}\n    service: 封入作業\n    country: JP\n    owner: nakamura\n"
    for n in range(held):
        ledger.write_text(base + other.format(n=n), encoding="utf-8")
        commit_as(repo, SAITO, f"C-099, version {n}", day=f"2026-05-03T{10 + n:02d}:00:00+09:00")
    text = ledger.read_text(encoding="utf-8")
    start = text.index("    approvals:")
    end = text.index("\n  - id:", start) + 1 if "\n  - id:" in text[start:] else len(text)
    ledger.write_text(text[:start] + text[end:], encoding="utf-8")
    commit_as(repo, SAITO, "C-001: approval removed", day="2026-05-04T10:00:00+09:00")
    ledger.write_text(text, encoding="utf-8")
    commit_as(repo, SAITO, "C-001: approval back", day="2026-05-04T11:00:00+09:00")
    for n in range(2):
        ledger.write_text(text.replace("封入作業", f"封入作業{n}"), encoding="utf-8")
        commit_as(repo, SAITO, f"C-099 again, {n}", day=f"2026-05-05T{10 + n:02d}:00:00+09:00")
    found = [f for f in findings(repo, "--no-cache") if f["entry"] == "C-001"]
    assert [(f["rule"], f.get("path")) for f in found] == [("PML405", "approvals[0]")], found


def test_content_the_manager_put_back_is_hers_to_approve_not(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff wrote C-001's service; the manager changes it and puts it back word for word, and later approves
    it. The content she approves was last written by her (PML404), however long staff's version stood before:
    the search for who wrote it must not settle on staff's older commit."""
    ledger = repo / LEDGER
    base = ledger.read_text(encoding="utf-8")
    other = "  - id: C-099\n    name: 株式会社テスト{n}\n    service: 封入作業\n    country: JP\n    owner: nakamura\n"
    for n in range(2):
        ledger.write_text(base + other.format(n=n), encoding="utf-8")
        commit_as(repo, SAITO, f"C-099, version {n}", day=f"2026-05-02T{10 + n:02d}:00:00+09:00")
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送")
    commit_as(repo, NAKAMURA, "C-001: returns dropped", day="2026-05-03T10:00:00+09:00")
    edit(repo, LEDGER, "service: 商品の配送\n", "service: 商品の配送と返品の回収\n")
    commit_as(repo, NAKAMURA, "C-001: returns back", day="2026-05-03T11:00:00+09:00")
    edit(repo, LEDGER, "株式会社テスト1", "株式会社テスト2")
    commit_as(repo, SAITO, "C-099, version 2", day="2026-05-04T10:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-05-05T10:00:00+09:00")
    found = [f for f in findings(repo, "--no-cache") if f["entry"] == "C-001"]
    assert [(f["rule"], f.get("path")) for f in found] == [("PML404", "approvals[0]")], found

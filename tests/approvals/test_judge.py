"""What git proves about approvals (PML404 to PML407, PML901), on real repositories with real commits by
pinned authors, real SSH keys made by ssh-keygen and commits signed by git: the honest workflow passes, and
each attack is caught with its code, entry and position."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

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
from helpers.pms import PEOPLE, pms, where
from helpers.repos import ROOT, commit_as, git

SIGNED = ENFORCED + "require_signed_approvals: true\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The clean repository of tests/helpers/pms.py, then staff changes C-001's service in a commit of their own."""
    return changed_by_staff(tmp_path / "pms")


def approve(root: Path, monkeypatch: pytest.MonkeyPatch, committer: str = NAKAMURA, *sign_args: str) -> str:
    """nakamura's approval of C-001, committed by ``committer``."""
    sign(root, monkeypatch, "C-001", "nakamura", committer, *sign_args)
    return commit_as(root, committer, "C-001 approved", day="2026-05-02T10:00:00+09:00")


# -- the honest workflow ------------------------------------------------------------------------------------


def test_staff_edits_and_the_manager_approves_in_her_own_commit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(repo, monkeypatch)
    assert summary(repo) == []


def test_an_approval_stays_backed_when_the_entry_moves_to_another_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    approve(repo, monkeypatch)
    git(repo, "mv", LEDGER, "contractors/logistics.yaml")
    (repo / LEDGER).write_text("kind: contractor\nentries: []\n", encoding="utf-8")
    commit_as(repo, SAITO, "Logistics contractors in a file of their own", day="2026-06-01T10:00:00+09:00")
    assert summary(repo) == []
    # and when the file is renamed afterwards
    git(repo, "mv", "contractors/logistics.yaml", "contractors/transport.yaml")
    commit_as(repo, SAITO, "Rename", day="2026-06-02T10:00:00+09:00")
    assert summary(repo) == []


def test_an_approval_made_on_a_branch_and_merged_by_someone_else(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "checkout", "-q", "-b", "approval")
    approve(repo, monkeypatch)
    git(repo, "checkout", "-q", "main")
    edit(repo, "inventory/cs.yaml", "name: 顧客情報", "name: 顧客情報(通販)")
    commit_as(repo, SAITO, "Meanwhile on main", day="2026-05-03T10:00:00+09:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge the approval", "approval")
    assert git(repo, "log", "-1", "--format=%ae %P").split()[0] == "nakamura@example.test"  # merged by another
    assert summary(repo) == []


# -- the attacks --------------------------------------------------------------------------------------------


def test_staff_adds_an_approval_in_the_managers_name(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = approve(repo, monkeypatch, SAITO, "--force")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML405", "C-001", "approvals[0]")]
    assert found[0]["line"] == where(repo, LEDGER, "by: nakamura")[0]
    assert f"commit {sha[:10]}" in found[0]["message"] and "saito@sakura-market.example" in found[0]["message"]
    assert found[0]["severity"] == "error"


def test_staff_makes_themselves_approver_and_approves_in_the_same_commit(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo, "people/roster.yaml", "roles: [internal_auditor]", "roles: [internal_auditor, privacy_manager]")
    sign(repo, monkeypatch, "C-001", "saito", SAITO, "--role", "privacy_manager")
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    found = summary(repo)
    assert ("PML405", "C-001", "approvals[0]") in found  # the roster of the parent commit did not make saito approver
    assert ("PML407", "saito", "roles[1]") in found  # nobody approved the new role
    message = next(f["message"] for f in findings(repo) if f["rule"] == "PML405")
    assert "did not give them that role" in message


def test_staff_makes_themselves_approver_then_approves_later(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, "people/roster.yaml", "roles: [internal_auditor]", "roles: [privacy_manager]")
    commit_as(repo, SAITO, "Roster update", day="2026-05-02T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "saito", SAITO)
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    # the roster she wrote gave her the role, but nobody approved that: the roster in force did not
    assert summary(repo) == [("PML405", "C-001", "approvals[0]"), ("PML407", "saito", "roles[0]")]


def test_a_role_granted_with_top_managements_approval_counts(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, "people/roster.yaml", "roles: [internal_auditor]", "roles: [privacy_manager]")
    commit_as(repo, NAKAMURA, "Saito becomes a privacy manager too", day="2026-05-02T08:00:00+09:00")
    sign(repo, monkeypatch, "saito", "yamamoto", YAMAMOTO)
    commit_as(repo, YAMAMOTO, "Approved", day="2026-05-02T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "saito", SAITO)
    commit_as(repo, SAITO, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == [("PML404", "C-001", "approvals[0]")]  # but saito wrote C-001's change herself


def test_the_manager_approves_her_own_change(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送、返品の回収")
    commit_as(repo, NAKAMURA, "Wording", day="2026-05-01T12:00:00+09:00")
    approve(repo, monkeypatch)
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML404", "C-001", "approvals[0]")]
    assert "Wording" not in found[0]["message"] and "2026-05-01" in found[0]["message"]


def test_the_manager_edits_and_approves_in_one_commit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送、返品の回収")
    approve(repo, monkeypatch)
    assert summary(repo) == [("PML404", "C-001", "approvals[0]")]


def test_an_approval_copied_from_another_entry_approves_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(repo, monkeypatch)
    text = (repo / LEDGER).read_text(encoding="utf-8")
    start = text.index("    approvals:\n")
    lines = text[start:].split("\n")
    block = "\n".join(lines[:1] + [line for line in lines[1:5] if line.startswith("      ")]) + "\n"
    edit(repo, "inventory/cs.yaml", "  - id: PI-CS-001\n", "  - id: PI-CS-001\n" + block)
    commit_as(repo, SAITO, "PI-CS-001 approved (copied)", day="2026-05-03T10:00:00+09:00")
    assert summary(repo) == [("PML403", "PI-CS-001", "approvals[0].digest")]


# -- before the commit exists (the pre-commit hook) ------------------------------------------------------------


def test_a_staged_approval_must_be_committed_by_the_approver(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sign(repo, monkeypatch, "C-001", "nakamura", SAITO, "--force")
    git(repo, "add", "-A")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(SAITO))
    found = findings(repo)
    assert [(f["rule"], f["entry"]) for f in found] == [("PML405", "C-001")]
    assert "you are committing as saito@sakura-market.example" in found[0]["message"]
    assert "only 中村 花子 (nakamura) may commit it, as nakamura@sakura-market.example" in found[0]["message"]
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email(NAKAMURA))
    assert summary(repo) == []


def test_a_staged_approval_of_the_committers_own_change(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送、返品の回収")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    assert summary(repo) == [("PML404", "C-001", "approvals[0]")]


# -- signed commits -------------------------------------------------------------------------------------------


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    out = {}
    for name in ("nakamura", "saito"):
        key = tmp_path / "keys" / name
        key.parent.mkdir(exist_ok=True)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
        out[name] = key
    return out


def public_key(key: Path) -> str:
    return key.with_suffix(".pub").read_text(encoding="utf-8").strip()


def signed_repo(root: Path, keys: dict[str, Path], nakamura_key: str | None = None) -> Path:
    """Signed mode from the first commit, the founding roster with nakamura's and saito's keys; then saito
    changes C-001 in a commit she signs (in signed mode, content written in an unsigned commit has no known
    writer)."""
    people = PEOPLE.replace(
        "emails: [nakamura@sakura-market.example]\n",
        f'emails: [nakamura@sakura-market.example]\n    signing_keys: ["{nakamura_key or public_key(keys["nakamura"])}"]\n',
    ).replace(
        "emails: [saito@sakura-market.example]\n",
        f'emails: [saito@sakura-market.example]\n    signing_keys: ["{public_key(keys["saito"])}"]\n',
    )
    pms(root, config=SIGNED, **{"people/roster.yaml": people})
    edit(root, LEDGER, "service: 商品の配送", "service: 商品の配送と返品の回収")
    signed_commit(root, SAITO, keys["saito"], day="2026-05-01T10:00:00+09:00")
    return root


def signed_commit(root: Path, identity: str, key: Path, day: str = "2026-05-02T10:00:00+09:00") -> None:
    git(root, "add", "-A")
    name, mail = identity[: identity.index("<")].strip(), email(identity)
    env = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": mail,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": mail,
        "GIT_AUTHOR_DATE": day,
        "GIT_COMMITTER_DATE": day,
    }
    subprocess.run(
        ["git", "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m", "Signed"],
        cwd=root,
        env={**os.environ, **env},
        check=True,
    )


def test_a_commit_signed_with_the_approvers_key(
    tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = signed_repo(tmp_path / "pms", keys)
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    signed_commit(repo, NAKAMURA, keys["nakamura"])
    assert summary(repo) == []


def test_a_commit_signed_with_the_wrong_key(
    tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = signed_repo(tmp_path / "pms", keys)
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    signed_commit(repo, NAKAMURA, keys["saito"])
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML406", "C-001", "approvals[0]")]
    assert "no good SSH signature" in found[0]["message"]


def test_an_unsigned_commit_when_signatures_are_required(
    tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = signed_repo(tmp_path / "pms", keys)
    approve(repo, monkeypatch)
    assert summary(repo) == [("PML406", "C-001", "approvals[0]")]


def test_signed_mode_content_from_an_unsigned_commit_has_no_known_writer(
    tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The approver writes the change in an unsigned commit under staff's name, then approves it in a commit
    signed with her own key: in signed mode the key is the identity, so the change has no known writer."""
    repo = signed_repo(tmp_path / "pms", keys)
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送")
    commit_as(repo, SAITO, "C-001 (really written by nakamura)", day="2026-05-02T09:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    signed_commit(repo, NAKAMURA, keys["nakamura"])
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML404", "C-001", "approvals[0]")]
    assert "no signing key of the roster signed" in found[0]["message"]
    assert found[0]["line"] == where(repo, LEDGER, "by: nakamura")[0]


def test_signed_mode_roster_swap_approve_and_revert(
    tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staff puts her own address and key on the privacy manager's roster entry, approves "as" her in a commit
    signed with that key, and puts the entry back: the swap was never in force, and the trail agrees."""
    repo = signed_repo(tmp_path / "pms", keys)
    original = (repo / "people/roster.yaml").read_text(encoding="utf-8")
    swapped = original.replace(public_key(keys["nakamura"]), public_key(keys["saito"]), 1).replace(
        "emails: [nakamura@sakura-market.example]", "emails: [saito@sakura-market.example]", 1
    )
    (repo / "people/roster.yaml").write_text(swapped, encoding="utf-8")
    signed_commit(repo, SAITO, keys["saito"], day="2026-05-02T08:00:00+09:00")
    sign(repo, monkeypatch, "C-001", "nakamura", SAITO)
    signed_commit(repo, SAITO, keys["saito"], day="2026-05-02T09:00:00+09:00")
    (repo / "people/roster.yaml").write_text(original, encoding="utf-8")
    signed_commit(repo, SAITO, keys["saito"], day="2026-05-02T10:00:00+09:00")
    assert summary(repo) == [("PML405", "C-001", "approvals[0]")]
    trail = run("trail", repo, "--format", "json", "--since", "2026-01-01", "--until", "2026-11-26").json()
    assert [a["backed"] for a in trail["approvals"] if a["entry"] == "C-001"] == [False]


def test_signed_mode_content_signed_by_the_approver_is_self_approval(
    tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = signed_repo(tmp_path / "pms", keys)
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送")
    signed_commit(repo, SAITO, keys["nakamura"], day="2026-05-02T09:00:00+09:00")  # saito's name, nakamura's key
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    signed_commit(repo, NAKAMURA, keys["nakamura"])
    assert summary(repo) == [("PML404", "C-001", "approvals[0]")]


def test_a_key_added_to_the_roster_in_the_approval_commit_does_not_count(
    repo: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "pmarklint.yaml").write_text(SIGNED, encoding="utf-8")
    commit_as(repo, YAMAMOTO, "Signatures required", day="2026-04-15T10:00:00+09:00")
    public = public_key(keys["saito"])
    edit(
        repo,
        "people/roster.yaml",
        "emails: [nakamura@sakura-market.example]\n",
        f'emails: [nakamura@sakura-market.example]\n    signing_keys: ["{public}"]\n',
    )
    sign(repo, monkeypatch, "C-001", "nakamura", NAKAMURA)
    signed_commit(repo, NAKAMURA, keys["saito"])
    found = summary(repo)
    assert ("PML406", "C-001", "approvals[0]") in found
    assert ("PML408", "nakamura", None) in found  # a key nobody approved is not in force


# -- no history to read ----------------------------------------------------------------------------------------


def test_a_shallow_clone_fails_with_the_fix(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    approve(repo, monkeypatch)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    found = findings(clone)
    assert [(f["rule"], f["severity"], f["file"]) for f in found] == [("PML901", "error", "pmarklint.yaml")]
    assert "fetch-depth: 0" in found[0]["message"] and "git fetch --unshallow" in found[0]["message"]
    assert run("check", clone, "--today", "2026-11-26").exit_code == 1
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=clone, check=True)
    assert summary(clone) == []


def test_outside_git_an_approval_nobody_can_prove_is_an_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Fail closed: a forged approval in a copy without .git is not waved through with a warning."""
    sign(repo, monkeypatch, "C-001", "nakamura", SAITO, "--force")  # a forgery git would have caught
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    found = findings(plain)
    assert [(f["rule"], f["severity"]) for f in found] == [("PML901", "error")]
    assert "not in a git repository" in found[0]["message"] and "nothing proves" in found[0]["message"]
    assert run("check", plain, "--today", "2026-11-26").exit_code == 1


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to hand the clone to another user"
)
def test_a_repository_git_refuses_to_read_stops_the_run_with_gits_fix(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git's "dubious ownership" refusal (a clone owned by another user, as in CI containers) is not "outside
    git": the run stops with exit 2 and git's own fix, instead of approvals nobody checked."""
    approve(repo, monkeypatch, SAITO, "--force")
    for path in [repo, *repo.rglob("*")]:
        os.chown(path, 12345, 12345, follow_symlinks=False)
    result = run("check", repo, "--today", "2026-11-26")
    assert result.exit_code == 2
    assert "dubious ownership" in result.stderr and "safe.directory" in result.stderr


def test_no_history_skips_the_history_checks(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(repo, monkeypatch, SAITO, "--force")
    assert summary(repo, "--no-history") == []


def test_repositories_without_approvals_never_read_history(tmp_path: Path) -> None:
    root = pms(tmp_path / "pms")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    assert summary(clone) == []


def test_messages_in_japanese(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(repo, monkeypatch, SAITO, "--force")
    result = run("check", repo, "--format", "json", "--today", "2026-11-26", "--lang", "ja")
    assert "本人ではありません" in result.json()["findings"][0]["message"]


def test_the_founding_roster_needs_no_approval(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As after pmarklint init: the roster starts empty and is filled in later; nobody could have approved
    the first appointments, so they stand. Later appointments need top management's approval."""
    root = pms(tmp_path / "pms", config=ENFORCED, **{"people/roster.yaml": "kind: person\nentries: []\n"})
    (root / "people" / "roster.yaml").write_text(PEOPLE, encoding="utf-8")
    commit_as(root, SAITO, "The roster", day="2026-04-10T10:00:00+09:00")
    edit(root, LEDGER, "service: 商品の配送", "service: 商品の配送と返品の回収")
    commit_as(root, SAITO, "C-001: returns too", day="2026-05-01T10:00:00+09:00")
    approve(root, monkeypatch)
    assert summary(root) == []
    edit(root, "people/roster.yaml", "roles: [internal_auditor]", "roles: [internal_auditor, privacy_manager]")
    commit_as(root, SAITO, "Saito too", day="2026-05-03T10:00:00+09:00")
    assert summary(root) == [("PML407", "saito", "roles[1]")]


def test_the_five_signing_commands_of_the_docs_work(
    keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """docs/approvals.md's five commands, run as written (with an empty passphrase so that nothing prompts),
    in a fresh home folder; then an approval committed by git with that configuration passes."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    docs = (ROOT / "docs" / "approvals.md").read_text(encoding="utf-8")
    block = docs.split("## Signing commits with an SSH key", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert len(commands) == 5
    printed = ""
    for command in commands:
        if command.startswith("ssh-keygen"):
            command += " -N '' -q"
        printed = subprocess.run(command, shell=True, check=True, capture_output=True, text=True).stdout
    public = printed.strip()
    assert public.startswith("ssh-ed25519 ")
    repo = signed_repo(tmp_path / "pms", keys, nakamura_key=public)
    approve(repo, monkeypatch)  # a plain git commit: commit.gpgsign from the global configuration signs it
    assert "-----BEGIN SSH SIGNATURE-----" in git(repo, "cat-file", "commit", "HEAD")
    assert summary(repo) == []


def test_a_stale_approval_says_which_fields_changed_since(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(repo, monkeypatch)
    edit(repo, LEDGER, "service: 商品の配送と返品の回収", "service: 商品の配送")
    edit(repo, LEDGER, "result: pass", "result: conditional")
    commit_as(repo, SAITO, "C-001 re-evaluated", day="2026-06-01T10:00:00+09:00")
    found = findings(repo)
    assert [(f["rule"], f["entry"], f["path"]) for f in found] == [("PML403", "C-001", "approvals[0].digest")]
    assert (
        "approved this entry as privacy manager (privacy_manager) on 2026-05-02; changed since: service, evaluation.result."
        in found[0]["message"]
    )
    # the same, from what the previous run kept; and without history the message cannot say it
    assert findings(repo)[0]["message"] == found[0]["message"]
    assert "changed since:" not in findings(repo, "--no-history")[0]["message"]


def test_kept_verdicts_are_redone_for_files_touched_since(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second run reuses what the first learnt from history, except for files commits touched since:
    here staff take nakamura's approval out and put the same line back in a commit of their own."""
    approve(repo, monkeypatch)
    assert summary(repo) == []  # kept in the cache with this HEAD
    signed = (repo / LEDGER).read_text(encoding="utf-8")
    start = signed.index("    approvals:\n")
    lines = signed[start:].split("\n")
    end = start + len("\n".join(lines[:1] + [line for line in lines[1:5] if line.startswith("      ")])) + 1
    (repo / LEDGER).write_text(signed[:start] + signed[end:], encoding="utf-8")
    commit_as(repo, SAITO, "Approval out", day="2026-05-03T10:00:00+09:00")
    (repo / LEDGER).write_text(signed, encoding="utf-8")
    commit_as(repo, SAITO, "Approval back", day="2026-05-04T10:00:00+09:00")
    assert summary(repo) == [("PML405", "C-001", "approvals[0]")]
    assert summary(repo, "--no-cache") == summary(repo)


def test_the_verdict_cache_is_used_and_a_wrong_shaped_record_is_a_miss(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a run keeps has the shape the next run checks for (so it is used: no history read), and a
    record of another shape, left in its place, is a miss: the same verdicts, never an internal error."""
    import os

    from pmarklint.rules import history_checks, history_records
    from pmarklint.workspace.cache import Cache

    approve(repo, monkeypatch)
    assert summary(repo) == []
    cache = Cache(Path(os.environ["PMARKLINT_CACHE_DIR"]))
    stored = [(path, cache.read(path)) for path in cache.directory.glob("*/*") if path.is_file()]
    kept = [(path, value) for path, value in stored if isinstance(value, dict) and "records" in value]
    assert kept and all(history_records.history_record(value) for _, value in kept)
    read = []
    monkeypatch.setattr(history_checks, "read_log", lambda *a, **k: read.append(a) or history_checks.Log())
    assert summary(repo) == []  # from the cache: history was not read
    assert read == []
    monkeypatch.undo()
    for path, value in kept:
        wrong = {**value, "records": ((("C-001",), "backed"),)}
        cache.put(path.name, wrong)  # with the user's own key: its shape alone makes it a miss
        assert not history_records.history_record(wrong)
    assert summary(repo) == []
    assert summary(repo, "--no-cache") == summary(repo)

"""``check --staged`` (and ``--hook``, which implies it) judges what is staged, the commit being made, not the
files on disk: with a plain ``.git/hooks/pre-commit`` script, a forged approval that is staged is refused
although the work tree holds the approved version. Real repositories, real git, pinned identities."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import check_json, run
from helpers.repos import GIT_ENV, commit_as, git, inventory, make_repo
from helpers.workflow import CONFIG, CONTRACTOR, ITO, NAKAMURA, PEOPLE

ITO_ENV = {"GIT_AUTHOR_NAME": "Jiro Ito", "GIT_AUTHOR_EMAIL": "ito@example.test"}
ITO_ENV |= {"GIT_COMMITTER_NAME": "Jiro Ito", "GIT_COMMITTER_EMAIL": "ito@example.test"}
HOOK = "#!/bin/sh\nexec {python} -m pmarklint check --hook --quiet --stage commit --lang en --today 2026-11-26\n"


def _approved(tmp_path: Path) -> Path:
    """C-001 written by ito, approved by nakamura in a commit of her own."""
    repo = make_repo(tmp_path / "r", {"people/people.yaml": PEOPLE}, config=CONFIG)
    (repo / "contractors").mkdir()
    (repo / "contractors" / "c.yaml").write_text(CONTRACTOR, encoding="utf-8")
    commit_as(repo, ITO, "C-001 added")
    assert run("sign", "C-001", "--as", "nakamura", "--date", "2026-04-03", "-C", repo).exit_code == 0
    commit_as(repo, NAKAMURA, "C-001 approved", day="2026-04-03T10:00:00+09:00")
    assert check_json(repo).exit_code == 0
    return repo


def _stage_a_forgery(repo: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """ito changes C-001, signs it in nakamura's name and stages it; then puts the approved file back on
    disk, leaving the forgery in the index. Returns the approved file's bytes."""
    path = repo / "contractors" / "c.yaml"
    approved = path.read_bytes()
    path.write_text(path.read_text(encoding="utf-8").replace("service: 配送", "service: 配送と保管"), encoding="utf-8")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Jiro Ito")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ito@example.test")
    forged = run("sign", "C-001", "--as", "nakamura", "--force", "--date", "2026-04-05", "-C", repo)
    assert forged.exit_code == 0, forged.stderr
    git(repo, "add", "contractors/c.yaml")
    path.write_bytes(approved)
    assert git(repo, "diff", "--name-only") == "contractors/c.yaml\n"  # the work tree differs from the index
    return approved


def test_a_plain_git_hook_refuses_a_staged_forgery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _approved(tmp_path)
    _stage_a_forgery(repo, monkeypatch)
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(HOOK.format(python=sys.executable), encoding="utf-8")
    hook.chmod(0o755)
    head = git(repo, "rev-parse", "HEAD")

    # the files on disk are the approved version: checking them finds nothing
    assert check_json(repo, "--stage", "commit").codes() == []

    env = {**os.environ, **GIT_ENV, **ITO_ENV}
    proc = subprocess.run(
        ["git", "commit", "-m", "C-001 approved"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    output = proc.stdout + proc.stderr  # git shows a hook's output on its standard error
    assert proc.returncode != 0, output
    assert "PML405 C-001" in output
    assert "you are committing as ito@example.test" in output
    assert git(repo, "rev-parse", "HEAD") == head

    data = check_json(repo, "--staged", "--stage", "commit").json()  # the same verdict with --staged
    assert [(f["rule"], f["entry"], f["severity"]) for f in data["findings"]] == [("PML405", "C-001", "error")]
    assert data["findings"][0]["file"] == "contractors/c.yaml"


def test_staged_reports_the_staged_lines_and_leaves_the_work_tree_alone(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    good = (repo / "inventory" / "a.yaml").read_text(encoding="utf-8")
    broken = good.replace("  - id: PI-1\n", "  - id: PI-1\n      purpose: 発送\n")
    (repo / "inventory" / "a.yaml").write_text(broken, encoding="utf-8")
    git(repo, "add", "-A")
    (repo / "inventory" / "a.yaml").write_text(good, encoding="utf-8")  # fixed on disk, not staged

    assert run("check", repo, "--lang", "en").exit_code == 0  # the work tree
    staged = run("check", repo, "--staged", "--lang", "en")
    assert staged.exit_code == 1
    lines = staged.stdout.splitlines()
    assert lines[:2] == [
        "inventory/a.yaml",
        "  4:7      error   PML001  this is not valid YAML: mapping values are not allowed in this context. This "
        "line is indented further than the line above it, which already has its value: start its key at the same "
        "column as the keys above it.",
    ]
    assert lines[2] == "     4 |       purpose: 発送"  # the staged line, not the one on disk
    assert (repo / "inventory" / "a.yaml").read_text(encoding="utf-8") == good
    assert git(repo, "diff", "--cached", "--name-only") == "inventory/a.yaml\n"  # the index as it was


def test_a_file_staged_for_deletion_is_gone_from_the_staged_check(tmp_path: Path) -> None:
    """git rm --cached: the commit will not have the ledger, though it is still on disk."""
    contractor = "kind: contractor\nentries:\n  - id: C-001\n    name: 配送株式会社\n    service: 配送\n"
    repo = make_repo(
        tmp_path / "r",
        {"inventory/a.yaml": inventory("PI-1", extra="    entrusted_to: [C-001]\n"), "contractors/c.yaml": contractor},
    )
    git(repo, "rm", "-q", "--cached", "contractors/c.yaml")
    assert check_json(repo, "--staged").codes() == ["PML201"]  # the commit has no contractor ledger
    assert check_json(repo).codes() == ["PML006", "PML201"]  # on disk: the ledger, no longer tracked


def test_staged_outside_git_checks_the_files(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")}, use_git=False)
    assert check_json(repo, "--staged").exit_code == 0


@pytest.mark.parametrize("option", [("--as-of", "HEAD"), ("--changed-since", "HEAD")])
def test_staged_with_another_view_is_refused(tmp_path: Path, option: tuple[str, str]) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    result = run("check", repo, "--staged", *option, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmarklint: error: --staged checks what is staged for the next commit; it cannot be used with {option[0]}\n"
    )


@pytest.mark.parametrize("how", ["-a", "only"], ids=["commit -a", "commit PATH"])
def test_a_plain_git_hook_sees_the_index_git_is_committing(tmp_path: Path, how: str) -> None:
    """``git commit -a`` and ``git commit PATH`` commit from an index of their own (GIT_INDEX_FILE): a broken
    ledger that is only on disk is in that commit, and the hook refuses it."""
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(HOOK.format(python=sys.executable), encoding="utf-8")
    hook.chmod(0o755)
    path = repo / "inventory" / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    name:", "      name:", 1), encoding="utf-8")
    args = ["-a"] if how == "-a" else ["--", "inventory/a.yaml"]
    proc = subprocess.run(
        ["git", "commit", "-m", "edit", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True
    )
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "PML001" in proc.stderr
    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"

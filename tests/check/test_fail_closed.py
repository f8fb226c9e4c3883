"""Fail closed (issue 11): when approvals are present and git history cannot be read, the run ends with exit 1
and PML901 as an error, or with exit 2 and a message that says why; never exit 0. Case by case: git not on
PATH, a bad GIT_DIR, a ``.git`` file pointing nowhere, git's "dubious ownership" refusal, a shallow clone, a
PML901 switched off in pmarklint.yaml; and the CI templates, read as written, fetch the whole history and
fail on a shallow clone. Real repositories with pinned authors and dates, a forged approval in each."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmarklint.documents.loader import parse
from pmarklint.workspace import scaffold

from helpers.cli import run
from helpers.pms import CONFIG, pms, with_rules
from helpers.repos import ROOT, commit_as

SAITO = "Misaki Saito <saito@sakura-market.example>"  # staff
NAKAMURA = "Hanako Nakamura <nakamura@sakura-market.example>"  # privacy manager
LEDGER = "contractors/contractors.yaml"
ENFORCED = CONFIG + "require_approvals: {contractor: error}\n"


def approved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by: str, *, config: str = ENFORCED) -> Path:
    """Staff edits C-001; then ``by`` commits nakamura's approval of it (a forgery unless ``by`` is her)."""
    root = pms(tmp_path / "pms", config=config)
    path = root / LEDGER
    path.write_text(path.read_text(encoding="utf-8").replace("service: 商品の配送", "service: 返品の回収", 1), "utf-8")
    commit_as(root, SAITO, "C-001: returns", day="2026-05-01T10:00:00+09:00")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", by[by.index("<") + 1 : -1])
    signed = run("sign", "C-001", "--as", "nakamura", "--repo", root, "--date", "2026-05-02", "--force")
    assert signed.exit_code == 0, signed.stderr
    commit_as(root, by, "C-001 approved", day="2026-05-02T10:00:00+09:00")
    return root


@pytest.fixture
def forged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return approved(tmp_path, monkeypatch, SAITO)


def check(root: Path) -> tuple[int, str, str]:
    result = run("check", root, "--today", "2026-11-26", "--lang", "en")
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_the_forgery_is_caught_where_history_can_be_read(forged: Path) -> None:
    code, out, _ = check(forged)
    assert code == 1 and "PML405" in out


def test_git_not_on_path(forged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = check(forged)
    assert code == 2 and "git is not installed or not on PATH" in err and "install git" in err


def test_a_git_dir_variable_that_names_no_repository(
    forged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "nowhere"))
    code, _, err = check(forged)
    assert code == 2 and "not a git repository" in err and "GIT_DIR variable is set to" in err


def test_a_dot_git_file_that_points_nowhere(forged: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(forged, copy, ignore=shutil.ignore_patterns(".git"))
    (copy / ".git").write_text(f"gitdir: {tmp_path / 'gone' / '.git'}\n", encoding="utf-8")
    code, _, err = check(copy)
    assert code == 2 and "not a git repository" in err and f"{copy / '.git'} is a file" in err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the clone away")
def test_dubious_ownership_names_the_safe_directory_fix(forged: Path) -> None:
    for path in [forged, *forged.rglob("*")]:
        os.chown(path, 12345, 12345, follow_symlinks=False)
    code, _, err = check(forged)
    assert code == 2 and "dubious ownership" in err and "git config --global --add safe.directory" in err


def test_a_shallow_clone(forged: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{forged}", str(clone)], check=True)
    code, out, _ = check(clone)
    assert code == 1 and "PML901" in out and "shallow clone" in out and "PML405" not in out


@pytest.mark.parametrize("setting", ["{PML901: off}", "{PML901: {severity: warning}}"])
def test_pmarklint_yaml_cannot_switch_the_failure_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    """The setting is in the file whose history cannot be read: it cannot turn the error into a pass."""
    root = approved(tmp_path, monkeypatch, SAITO, config=with_rules(ENFORCED, setting[1:-1]))
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".git"))
    result = run("check", copy, "--format", "json", "--today", "2026-11-26")
    assert result.exit_code == 1
    assert [(f["rule"], f["severity"]) for f in result.json()["findings"]] == [("PML901", "error")]


def test_no_approvals_and_no_requirement_reads_no_history(tmp_path: Path) -> None:
    """The other side: a repository without approvals passes a shallow clone (nothing to prove)."""
    root = pms(tmp_path / "pms")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    assert check(clone)[0] == 0


# -- the CI templates, as written -----------------------------------------------------------------------------


def load(path: Path) -> object:
    loaded = parse(path.read_text(encoding="utf-8"), path.name)
    assert loaded.document is not None and loaded.findings == []
    return loaded.document.data


def clone(origin: Path, into: Path, depth: int) -> Path:
    """A CI checkout: the whole history for depth 0 (what the templates ask for), else that many commits."""
    shallow = ["--depth", str(depth)] if depth else []
    subprocess.run(["git", "clone", "-q", *shallow, f"file://{origin}", str(into)], check=True)
    return into


def as_run(line: str) -> str:
    """A template's command line with this checkout's pmarklint (the template installs it with pip)."""
    return line.replace("pmarklint check", f'"{sys.executable}" -m pmarklint check')


def job_exit(commands: list[str], cwd: Path, env: dict[str, str]) -> int:
    script = "set -eo pipefail\n" + "\n".join(as_run(line) for line in commands)
    environment = {**os.environ, "PMARKLINT_TODAY": "2026-11-26", **env}
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=environment, capture_output=True).returncode


def github_checkout_depth(workflow: object) -> tuple[int, list[str]]:
    assert isinstance(workflow, dict)
    steps = workflow["jobs"]["pmarklint"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    runs = [s["run"] for s in steps if "pmarklint check" in s.get("run", "") and "--format sarif" not in s["run"]]
    return int(checkout.get("with", {}).get("fetch-depth", 1)), runs  # actions/checkout's default depth is 1


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_ci_templates_fetch_the_whole_history_and_fail_on_a_shallow_clone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = approved(tmp_path / "honest", monkeypatch, NAKAMURA)
    forged = approved(tmp_path / "forged", monkeypatch, SAITO)
    scaffold.create(tmp_path / "init-github", "en", git=False, ci="github")
    scaffold.create(tmp_path / "init-gitlab", "en", git=False, ci="gitlab")
    workflow = load(tmp_path / "init-github" / ".github" / "workflows" / "pmarklint.yml")
    depth, commands = github_checkout_depth(workflow)
    assert depth == 0 and commands == ["pmarklint check"]
    assert "fetch-depth: 0" in (ROOT / "action.yml").read_text(encoding="utf-8")  # what the action tells callers
    for template in (tmp_path / "init-gitlab" / ".gitlab-ci.yml", ROOT / "ci" / "gitlab" / "pmarklint.gitlab-ci.yml"):
        job = load(template)
        assert isinstance(job, dict)
        variables, script = job["pmarklint"]["variables"], job["pmarklint"]["script"]
        gitlab_depth = int(variables["GIT_DEPTH"])
        assert gitlab_depth == 0
        env = {k: str(v) for k, v in variables.items() if k != "PMARKLINT_REQUIREMENT"}
        name = template.parent.name
        assert job_exit(script, clone(honest, tmp_path / f"{name}-honest", gitlab_depth), env) == 0
        assert job_exit(script, clone(forged, tmp_path / f"{name}-forged", gitlab_depth), env) == 1
        assert job_exit(script, clone(honest, tmp_path / f"{name}-shallow", 1), env) == 1  # GIT_DEPTH left out
    assert job_exit(commands, clone(honest, tmp_path / "gh-honest", depth), {}) == 0
    assert job_exit(commands, clone(forged, tmp_path / "gh-forged", depth), {}) == 1
    assert job_exit(commands, clone(honest, tmp_path / "gh-shallow", 1), {}) == 1  # fetch-depth left out

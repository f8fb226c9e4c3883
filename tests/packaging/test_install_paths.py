"""Every documented way to install pmarklint, run as written on a fresh virtual environment, from a local clone
standing in for the organisation's copy of the repository (there is no release on a package index yet):

* the README's quick start (a ``.venv`` in the clone, an editable install, ``check`` on the example shop) and
  its test command;
* the set-up that the README written by ``pmarklint init`` gives colleagues: pmarklint and pre-commit in a
  virtual environment from a ``git+file://`` URL, then a real ``git commit`` through the generated
  ``.pre-commit-config.yaml`` (the local form), refused when a ledger is broken;
* pre-commit's remote-repository form, filled in as that README says (the clone's URL and a tag as ``rev``):
  pre-commit installs pmarklint itself;
* the CI install step (ci/github/run-check.sh, which action.yml runs): a pip requirement naming the clone
  at a tag, as the init workflow and the GitLab job write it, and the action's own checkout (a local path).

Only the placeholder URL is replaced (and ``~`` is a temporary home). The clone is a snapshot of this
checkout's working tree committed to a temporary repository, so uncommitted changes are what is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.repos import GIT_ENV, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="the documented commands are for a POSIX shell"),
]

PLACEHOLDER = "https://git.example.com/your-org/pmarklint"
TAG = "v9.9.9-test"

# The environment at import time, before conftest's autouse fixture changes it; nothing of this test run's
# own virtual environment leaks into the fresh ones.
_BASE_ENV = {
    k: v
    for k, v in os.environ.items()
    if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SKIP", "PMARKLINT_TODAY", "NO_COLOR", "CI"}
    and not k.startswith(("GIT_", "PRE_COMMIT", "PMARKLINT_"))
}
if "PYENV_ROOT" not in _BASE_ENV and (Path.home() / ".pyenv").is_dir():  # pyenv's shims find it through HOME
    _BASE_ENV["PYENV_ROOT"] = str(Path.home() / ".pyenv")
_BIN = str(Path(sys.executable).parent)
_BASE_ENV["PATH"] = os.pathsep.join(p for p in _BASE_ENV.get("PATH", "").split(os.pathsep) if p != _BIN)


class Machine:
    """A fresh computer, as far as these commands can tell: its own home, git configuration and PATH."""

    def __init__(self, home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", "utf-8")
        self.home = home
        self.env = {
            **_BASE_ENV,
            **GIT_ENV,
            "HOME": str(home),
            "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
            "PRE_COMMIT_HOME": str(home / ".cache" / "pre-commit"),
            "PRE_COMMIT_COLOR": "never",
            "PMARKLINT_CACHE_DIR": str(home / ".cache" / "pmarklint"),
            "LANG": "C.UTF-8",
        }

    def sh(
        self, command: str, cwd: Path, *, path: Path | None = None, without: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """One documented command line, run by sh as a user would type it (``path``: prepended to PATH;
        ``without``: no folder on PATH that has a program of that name, such as a pyenv shim)."""
        env = dict(self.env)
        if path is not None:
            env["PATH"] = os.pathsep.join([str(path), env["PATH"]])
        if without is not None:
            folders = env["PATH"].split(os.pathsep)
            env["PATH"] = os.pathsep.join(f for f in folders if f and not (Path(f) / without).exists())
        return subprocess.run(
            ["sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
        )

    def ok(self, command: str, cwd: Path, *, path: Path | None = None) -> str:
        proc = self.sh(command, cwd, path=path)
        assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
        return proc.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organisation's copy of pmarklint: this checkout's working tree, committed and tagged."""
    machine = Machine(tmp_path_factory.mktemp("org-home"))
    source = tmp_path_factory.mktemp("org") / "pmarklint"
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for rel in filter(None, listing.split("\0")):
        if (ROOT / rel).is_file():
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, source / rel)
    machine.ok(f"git init -q && git add -A && git commit -q -m snapshot && git tag {TAG}", source)
    return source


def _blocks(markdown: str, heading: str) -> list[str]:
    """The fenced code blocks of the section under ``heading``, in order."""
    section = markdown[markdown.index(heading) + len(heading) :]
    section = section[: section.index("\n## ")] if "\n## " in section else section
    return re.findall(r"```(?:sh)?\n(.*?)```", section, flags=re.S)


def _commands(block: str) -> list[str]:
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def _new_pms(machine: Machine, where: Path, lang: str = "en") -> Path:
    """``pmarklint init`` (the checkout's own, as the office ran it), then a first commit without hooks."""
    machine.ok(f"{sys.executable} -m pmarklint init {where} --lang {lang} --no-git", ROOT)
    machine.ok("git init -q && git add -A && git commit -q -m 'PMS repository'", where)
    return where


def test_readme_quick_start_in_a_fresh_clone(clone: Path, tmp_path: Path) -> None:
    machine = Machine(tmp_path / "home")
    here = tmp_path / "pmarklint"
    machine.ok(f"git clone -q {clone} {here}", tmp_path)
    readme = (here / "README.md").read_text(encoding="utf-8")
    first, tests = _blocks(readme, "## Quick start")[:2]
    [install_and_check] = _commands(first)
    assert install_and_check.startswith("python3 -m venv .venv && ")
    ran = machine.sh(install_and_check, here)
    assert ran.returncode == 1, ran.stderr  # the shop has deliberate errors
    assert ran.stdout.rstrip().endswith("32ファイル、166エントリ: エラー25件、警告2件、是正中1件")
    assert (here / ".venv" / "bin" / "pmarklint").is_file()
    [run_tests] = _commands(tests)
    install, _, pytest_command = run_tests.partition(" && ")
    assert pytest_command == ".venv/bin/python -m pytest"
    machine.ok(install, here)
    # the whole suite is this run; a part of it shows the command works in the new environment
    machine.ok(f"{pytest_command} tests/rules/test_registry.py -q -p no:cacheprovider", here)


def _setup_blocks(pms: Path) -> list[list[str]]:
    readme = (pms / "README.md").read_text(encoding="utf-8")
    return [_commands(block) for block in _blocks(readme, "## Setting up a computer")]


def test_both_generated_readmes_give_the_same_commands(tmp_path: Path) -> None:
    machine = Machine(tmp_path / "home")
    en = _setup_blocks(_new_pms(machine, tmp_path / "en", "en"))
    ja = (_new_pms(machine, tmp_path / "ja", "ja") / "README.md").read_text(encoding="utf-8")
    assert [_commands(b) for b in _blocks(ja, "## パソコンの準備")] == en
    assert len(en) == 2


def test_colleague_set_up_from_the_generated_readme_with_the_local_hook(clone: Path, tmp_path: Path) -> None:
    machine = Machine(tmp_path / "home")
    pms = _new_pms(machine, tmp_path / "pms")
    local, _remote = _setup_blocks(pms)
    for command in local:  # the URL of the organisation's copy filled in, as the README asks
        machine.ok(command.replace(PLACEHOLDER, f"file://{clone}"), pms)
    venv_bin = machine.home / ".pmarklint" / "bin"
    assert "pmarklint" in machine.ok("pmarklint --version", pms, path=venv_bin)

    # the generated .pre-commit-config.yaml, as it is: the local form, pmarklint from PATH
    (pms / "NOTES.md").write_text("notes\n", encoding="utf-8")
    (pms / "inventory" / "inventory.yaml").write_text("kind: inventory\nentries: [\n", encoding="utf-8")
    refused = machine.sh("git add -A && git commit -q -m 'broken ledger'", pms, path=venv_bin)
    assert refused.returncode != 0
    shown = refused.stdout + refused.stderr  # git passes the hook's output on standard error
    assert "pmarklint" in shown and "Failed" in shown and "PML001" in shown
    machine.ok("git checkout -q HEAD -- inventory/inventory.yaml && git commit -q -m notes", pms, path=venv_bin)

    # without pmarklint on PATH the hook says so (the README tells how to put it there)
    missing = machine.sh("git commit -q --allow-empty -m again", pms, path=None, without="pmarklint")
    assert missing.returncode != 0
    assert "Executable `pmarklint` not found" in missing.stdout + missing.stderr


def test_pre_commit_remote_form_filled_in_as_the_readme_says(clone: Path, tmp_path: Path) -> None:
    machine = Machine(tmp_path / "home")
    pms = _new_pms(machine, tmp_path / "pms")
    config = pms / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    block2 = text[text.index("  # - repo: ") :]
    assert PLACEHOLDER in block2 and "TAG-OR-COMMIT" in block2
    filled = "repos:\n" + "\n".join(line.replace("  # ", "  ", 1) for line in block2.splitlines()) + "\n"
    config.write_text(filled.replace(PLACEHOLDER, str(clone)).replace("TAG-OR-COMMIT", TAG), encoding="utf-8")
    _local, remote = _setup_blocks(pms)
    assert not any("git+" in command for command in remote)  # nothing but pre-commit to install
    for command in remote:
        machine.ok(command, pms)
    machine.ok("git add -A && git commit -q -m 'hook from our copy of pmarklint'", pms)  # pmarklint installs itself
    (pms / "inventory" / "inventory.yaml").write_text("kind: inventory\nentries: [\n", encoding="utf-8")
    refused = machine.sh("git add -A && git commit -q -m 'broken ledger'", pms)
    assert refused.returncode != 0 and "PML001" in refused.stdout + refused.stderr


def test_ci_install_step_from_a_requirement_and_from_the_action_checkout(clone: Path, tmp_path: Path) -> None:
    machine = Machine(tmp_path / "home")
    # a CI image's Python comes with a current pip (the pip of an old venv refuses a named file:// URL, which
    # only this test uses: the organisation's URL is https)
    machine.ok("python3 -m venv venv && venv/bin/python -m pip install -q --upgrade pip", tmp_path)
    venv_bin = tmp_path / "venv" / "bin"
    script = clone / "ci" / "github" / "run-check.sh"
    workflow = (ROOT / "pmarklint" / "workspace" / "templates" / "common" / "github-workflow.yml").read_text("utf-8")
    gitlab = (clone / "ci" / "gitlab" / "pmarklint.gitlab-ci.yml").read_text(encoding="utf-8")
    requirement = f"pmarklint @ git+{PLACEHOLDER}"
    assert f'pip install "{requirement}"' in workflow and f'PMARKLINT_REQUIREMENT: "{requirement}"' in gitlab
    pinned = requirement.replace(f"git+{PLACEHOLDER}", f"git+file://{clone}@{TAG}")
    out = machine.ok(f"INPUT_VERSION='{pinned}' bash {script} install", tmp_path, path=venv_bin)
    assert "pmarklint, version" in out
    out = machine.ok(f"INPUT_VERSION= bash {script} install", tmp_path, path=venv_bin)  # action.yml's default
    assert f"pip install {clone}" in out and "pmarklint, version" in out
    pms = _new_pms(machine, tmp_path / "pms")
    assert machine.sh("pmarklint check --format gitlab", pms, path=venv_bin).returncode == 0

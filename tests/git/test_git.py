"""The git adapter (pmarklint/git/): the only code that starts git, one error policy, one environment policy,
one reader of git's log output, and the git version it needs."""

from __future__ import annotations

import ast
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from pmarklint.git import repo as git_repo
from pmarklint.git.log import read_log
from pmarklint.git.run import GitError
from pmarklint.git.signatures import allowed_signers, verify

from helpers.cli import run
from helpers.repos import GIT_ENV, ROOT, git, make_repo

PROCESS_CALLS = {"system", "popen", "execv", "execvp", "execve", "execl", "execlp", "spawnv", "spawnvp", "posix_spawn"}


def _starts_processes(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] in {"subprocess", "pty"}]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"subprocess", "pty"}:
            found.append(node.module or "")
        elif isinstance(node, ast.Attribute) and node.attr in PROCESS_CALLS and getattr(node.value, "id", "") == "os":
            found.append(f"os.{node.attr}")
    return found


def test_only_the_git_package_starts_processes() -> None:
    offenders = {}
    for path in sorted((ROOT / "pmarklint").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("pmarklint/git/"):
            continue
        found = _starts_processes(ast.parse(path.read_text(encoding="utf-8")))
        if found:
            offenders[rel] = found
    assert offenders == {}
    assert _starts_processes(ast.parse("import subprocess\nos.popen('x')")) == ["subprocess", "os.popen"]


def test_a_failure_carries_gits_own_message(tmp_path: Path) -> None:
    with pytest.raises(GitError) as raised:
        git_repo.prefix(tmp_path)
    assert "not a git repository" in str(raised.value)
    assert raised.value.command == "rev-parse"


def test_answers_are_answers_not_failures(tmp_path: Path) -> None:
    assert git_repo.git_dir(tmp_path) is None
    assert git_repo.toplevel(tmp_path) is None
    repo = make_repo(tmp_path / "r", {})
    head = git_repo.commit_of(repo, "HEAD")
    assert head is not None and len(head) == 40
    assert git_repo.commit_of(repo, "no-such-branch") is None
    assert git_repo.commit_of(repo, "--output=/tmp/x") is None  # a revision, never an option
    assert git_repo.is_ancestor(repo, head, head)
    assert not git_repo.is_ancestor(repo, "1" * 40, head)  # a commit this clone does not have
    assert git_repo.show(repo, head, "no-such-file.yaml") is None
    with pytest.raises(GitError) as raised:
        git_repo.tree(repo, "no-such-branch", ["people"])
    assert "hint:" not in str(raised.value) and "graft" not in str(raised.value)  # git's words, not its advice


def test_the_log_reader_takes_any_subject_author_and_file_name(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {})
    odd = "in\x01ventory/\x01a\nb.yaml"
    (repo / "in\x01ventory").mkdir()
    (repo / odd).write_text("kind: inventory\nentries: []\n", encoding="utf-8")
    git(repo, "add", "-A")
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_NAME": "Ito\x01 Saito"}
    subprocess.run(["git", "commit", "-q", "-m", "odd\x01subject"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "--allow-empty-message", "-m", ""], cwd=repo, env=env)
    log = read_log(repo, ["."])
    assert [log.commits[sha].subject for sha in log.order] == ["odd\x01subject", "initial"]
    newest = log.commits[log.order[0]]
    assert newest.author_name == "Ito\x01 Saito"
    assert [c.path for c in log.changes[newest.sha]] == [odd]
    assert sorted(log.by_path) == sorted([odd, "pmarklint.yaml"])


def _fake_git(folder: Path, version: str) -> Path:
    real = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout.strip()
    script = folder / "git"
    script.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do [ "$arg" = "--version" ] && { echo "git version ' + version + '"; exit 0; }; done\n'
        f'exec {real} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


def test_an_old_git_is_refused_with_the_version_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "r", {})
    git_repo.version.cache_clear()
    (tmp_path / "bin").mkdir()
    bin_dir = _fake_git(tmp_path / "bin", "2.30.9")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    try:
        result = run("trail", repo, "--since", "2026-01-01", "--until", "2026-12-31")
    finally:
        git_repo.version.cache_clear()
    assert result.exit_code == 2
    assert "needs git 2.34 or newer to read history (this git is 2.30.9)" in result.stderr


def test_this_git_is_new_enough(tmp_path: Path) -> None:
    git_repo.version.cache_clear()
    assert git_repo.version(tmp_path) >= git_repo.MINIMUM_VERSION


def test_init_inside_a_hook_leaves_the_hooks_index_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git gives a hook GIT_INDEX_FILE; ``pmarklint init`` run from there stages into its new repository."""
    outer = make_repo(tmp_path / "outer", {})
    index = outer / ".git" / "index"
    before = index.read_bytes()
    monkeypatch.setenv("GIT_INDEX_FILE", str(index))
    result = run("init", tmp_path / "new", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert index.read_bytes() == before
    monkeypatch.delenv("GIT_INDEX_FILE")
    assert "pmarklint.yaml" in git(tmp_path / "new", "ls-files").split()


def test_a_relative_index_file_is_the_one_git_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check run with git's relative GIT_INDEX_FILE (as in a hook, from the top of the work tree) reads
    that index, even for a PMS folder below the top."""
    top = tmp_path / "top"
    pms = make_repo(top / "pms", {}, use_git=False)
    git(top, "init", "-q")
    env = {**os.environ, **GIT_ENV, "GIT_INDEX_FILE": "next-index"}
    subprocess.run(["git", "add", "pms/pmarklint.yaml"], cwd=top, env=env, check=True)
    (pms / "inventory").mkdir()
    (pms / "inventory" / "i.yaml").write_text("kind: inventory\nentries: [\n", encoding="utf-8")
    monkeypatch.chdir(top)
    monkeypatch.setenv("GIT_INDEX_FILE", "next-index")
    staged_only = run("check", "pms", "--format", "json", "--today", "2026-11-26")
    monkeypatch.delenv("GIT_INDEX_FILE")
    assert "PML001" not in staged_only.stdout  # the broken file is not in the index being committed
    assert "PML006" in staged_only.stdout  # it is untracked there


def test_one_allowed_signers_writer_with_one_key_filter() -> None:
    text = allowed_signers(
        [
            ("nakamura", " ssh-ed25519 AAAAC3Nza nakamura@example.test "),
            ("nakamura", 'ssh-ed25519 AAAA" evil'),
            ("ito", "ssh-ed25519 AAAA\nito * ssh-ed25519 BBBB"),
            ("ito", 42),
            ('bad"id', "ssh-ed25519 CCCC"),
        ]
    )
    assert text == '"nakamura" namespaces="git" ssh-ed25519 AAAAC3Nza nakamura@example.test\n'


def test_replace_refs_and_grafts_do_not_change_history(tmp_path: Path) -> None:
    """A local ``git replace`` (or a graft) may not swap the commit that history checks and the trail read."""
    repo = make_repo(tmp_path / "r", {})
    real = git_repo.commit_of(repo, "HEAD")
    assert real is not None
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_NAME": "Someone Else", "GIT_AUTHOR_EMAIL": "else@example.test"}
    subprocess.run(["git", "commit", "-q", "--amend", "--no-edit", "--reset-author"], cwd=repo, env=env, check=True)
    fake = git_repo.commit_of(repo, "HEAD")
    git(repo, "reset", "-q", "--hard", real)
    git(repo, "replace", real, str(fake))
    assert "else@example.test" in git(repo, "log", "-1", "--format=%ae")  # what plain git shows now
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "grafts").write_text(f"{real}\n", encoding="utf-8")
    log = read_log(repo, ["."])
    assert log.order == [real]
    assert log.commits[real].author_email == GIT_ENV["GIT_AUTHOR_EMAIL"]


def test_the_signature_program_is_pinned(tmp_path: Path) -> None:
    """A repository's own configuration cannot name a program that calls every signature good."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    repo = make_repo(tmp_path / "r", {})
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ito", "-f", str(key)], check=True)
    env = {**os.environ, **GIT_ENV}
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"]
    subprocess.run(
        ["git", *signing, "commit", "-q", "--allow-empty", "-S", "-m", "signed"], cwd=repo, env=env, check=True
    )
    head = str(git_repo.commit_of(repo, "HEAD"))
    fake = tmp_path / "always-good"
    fake.write_text("#!/bin/sh\necho 'Good \"git\" signature for nakamura with ED25519 key SHA256:x'\nexit 0\n")
    fake.chmod(0o755)
    git(repo, "config", "gpg.ssh.program", str(fake))
    honest = verify(repo, [head], [("ito", (tmp_path / "key.pub").read_text(encoding="utf-8"))])
    assert honest[head].letter == "G" and honest[head].signer == "ito"
    assert verify(repo, [head], [])[head].letter != "G"  # no allowed key: the fake would have said good


def test_staged_names_every_change_of_the_commit_being_made(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": "kind: inventory\nentries: []\n", "docs/p.md": "# p\n"})
    assert git_repo.staged(repo) == {}
    (repo / "README.md").write_text("notes\n", encoding="utf-8")
    (repo / "unstaged.md").write_text("not added\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "mv", "docs/p.md", "docs/policy.md")
    git(repo, "rm", "-q", "inventory/a.yaml")

    assert git_repo.staged(repo) == {
        "README.md": "A",
        "docs/p.md": "D",
        "docs/policy.md": "A",  # a rename is a deletion and an addition
        "inventory/a.yaml": "D",
    }
    assert git_repo.staged(repo / "docs") == {"p.md": "D", "policy.md": "A"}  # relative to the folder asked about

"""pmarklint as a pre-commit hook, driven by the real pre-commit client and real git.

Two ways in:

* ``pre-commit try-repo <checkout> pmarklint``: the checkout's own ``.pre-commit-hooks.yaml`` as it is in
  the working tree (try-repo commits uncommitted changes of *tracked* files to a shadow copy). try-repo
  always uses a throw-away store, so each call builds the hook's virtualenv again (it pip-installs the
  checkout and its dependencies from the package index).
* a real ``.pre-commit-config.yaml`` plus ``pre-commit install``, so that ``git commit`` itself runs the
  hook. Its ``repo:`` is a snapshot of the checkout's working tree (tracked and untracked, not ignored
  files) committed to a temporary repository, because the checkout may have uncommitted changes and a
  config needs a commit to point ``rev:`` at. The hook environment lives in a module-wide
  PRE_COMMIT_HOME, so it is built once for these tests.

Every PMS repository is made with ``pmarklint init --no-git`` followed by ``git init`` and a first commit,
with a pinned identity and date and without the machine's git configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.repos import BAD_INVENTORY, GIT_ENV, GOOD_INVENTORY, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="the pre-commit client is not installed"),
]

# The environment at import time, before any fixture changes os.environ (conftest's autouse fixture points
# HOME at a temporary folder, which would hide the machine's pip configuration from the hook's install).
_BASE_ENV = {
    k: v
    for k, v in os.environ.items()
    if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SKIP", "PMARKLINT_TODAY", "NO_COLOR"}
    and not k.startswith(("GIT_", "PRE_COMMIT"))
}

GIT_IDENTITY = GIT_ENV  # pinned authors and dates, shared with the other tests

CONTRACTOR_WITHOUT_EVALUATION = """kind: contractor
entries:
  - id: C-001
    name: Example Delivery K.K.
    service: Delivery of orders
    contract:
      signed: 2026-04-01
      clauses: {responsibilities: true, security_measures: true, subcontracting: true, reporting: true,
                audit_rights: true, breach_measures: true, incident_reporting: true, end_of_contract: true}
    last_reviewed: 2026-04-01
"""


@dataclass(frozen=True)
class Result:
    returncode: int
    output: str  # stdout and stderr together, in order


@dataclass(frozen=True)
class Session:
    env: dict[str, str]
    hook_source: Path  # snapshot of the checkout, for the real .pre-commit-config.yaml
    hook_rev: str

    def run(self, *args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Result:
        proc = subprocess.run(
            [str(a) for a in args],
            cwd=cwd,
            env={**self.env, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
        )
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"))

    def ok(self, *args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
        result = self.run(*args, cwd=cwd, env=env)
        assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.output}"
        return result.output

    def git(self, repo: Path, *args: str) -> str:
        return self.ok("git", *args, cwd=repo).strip()

    def try_repo(self, repo: Path) -> Result:
        return self.run("pre-commit", "try-repo", ROOT, "pmarklint", "--verbose", cwd=repo)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    base = tmp_path_factory.mktemp("pre-commit-session")
    gitconfig = base / "gitconfig"  # instead of the machine's ~/.gitconfig: no signing, no hooksPath
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    env = {
        **_BASE_ENV,
        **GIT_IDENTITY,
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "PMARKLINT_CACHE_DIR": str(base / "pmarklint-cache"),
        "LANG": "C.UTF-8",
    }
    session = Session(env, base / "hook-source", "")

    # Snapshot of the checkout's working tree: what a commit of everything on disk would contain.
    listing = session.ok("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    source = session.hook_source
    for rel in filter(None, listing.split("\0")):
        path = ROOT / rel
        if path.is_file():  # a tracked file may have been deleted from the working tree
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / rel)
    assert (source / ".pre-commit-hooks.yaml").is_file()
    session.git(source, "init", "-q")
    session.git(source, "add", "-A")
    session.git(source, "commit", "-q", "-m", "snapshot of the pmarklint checkout")
    return Session(env, source, session.git(source, "rev-parse", "HEAD"))


def _write(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8")


@pytest.fixture
def make_repo(session: Session, tmp_path: Path) -> Callable[..., Path]:
    """A new PMS repository with one commit. With ``install=True`` its .pre-commit-config.yaml points at the
    snapshot of the checkout and the hook is installed into .git/hooks (and its environment built)."""

    def make(*, install: bool = False) -> Path:
        session.ok(sys.executable, "-m", "pmarklint", "init", "repo", "--lang", "en", "--no-git", cwd=tmp_path)
        repo = tmp_path / "repo"
        assert not (repo / ".git").exists()
        if install:
            _write(
                repo / ".pre-commit-config.yaml",
                f"repos:\n  - repo: {session.hook_source}\n    rev: {session.hook_rev}\n"
                "    hooks:\n      - id: pmarklint\n        verbose: true\n",
            )
        session.git(repo, "init", "-q")
        session.git(repo, "add", "-A")
        session.git(repo, "commit", "-q", "-m", "PMS repository from pmarklint init")
        if install:
            session.ok("pre-commit", "install", "--install-hooks", cwd=repo)
            assert (repo / ".git" / "hooks" / "pre-commit").is_file()
        return repo

    return make


def _staged(session: Session, repo: Path) -> list[str]:
    return session.git(repo, "diff", "--cached", "--name-only").splitlines()


# pre-commit try-repo on the checkout


def test_try_repo_refuses_a_broken_ledger(session: Session, make_repo: Callable[..., Path]) -> None:
    repo = make_repo()
    _write(repo / "inventory" / "inventory.yaml", BAD_INVENTORY)
    session.git(repo, "add", "inventory/inventory.yaml")

    result = session.try_repo(repo)

    assert result.returncode != 0, result.output
    assert "Failed" in result.output
    assert "PML101" in result.output
    assert "inventory/inventory.yaml" in result.output
    assert "5年" in result.output


def test_try_repo_accepts_a_valid_ledger(session: Session, make_repo: Callable[..., Path]) -> None:
    repo = make_repo()
    _write(repo / "inventory" / "inventory.yaml", GOOD_INVENTORY)
    session.git(repo, "add", "inventory/inventory.yaml")

    result = session.try_repo(repo)

    assert result.returncode == 0, result.output
    assert "Passed" in result.output
    assert " error " not in result.output  # a new repository's warnings (its to-do list) do not stop a commit
    assert ": 0 errors" in result.output  # --verbose shows pmarklint's own summary


def test_try_repo_passes_a_commit_without_pms_files_at_once(session: Session, make_repo: Callable[..., Path]) -> None:
    repo = make_repo()
    with open(repo / "README.md", "a", encoding="utf-8") as fh:
        fh.write("\nOur own notes.\n")
    session.git(repo, "add", "README.md")

    result = session.try_repo(repo)

    assert result.returncode == 0, result.output
    assert "Passed" in result.output
    assert NOTHING_TO_CHECK in result.output
    assert "Skipped" not in result.output


def test_try_repo_refuses_removing_a_ledger_another_one_references(
    session: Session, make_repo: Callable[..., Path]
) -> None:
    """pre-commit passes only files that exist: a deletion alone used to be "(no files to check)Skipped"."""
    repo = make_repo()
    _linked_ledgers(session, repo)
    session.git(repo, "rm", "-q", "contractors/contractors.yaml")

    result = session.try_repo(repo)

    assert result.returncode != 0, result.output
    assert "Failed" in result.output
    assert "PML201" in result.output
    assert "no contractor with id 'C-001'" in result.output


def test_pre_push_hook_reports_only_what_the_push_changed(session: Session, make_repo: Callable[..., Path]) -> None:
    """The pmarklint-changed hook at the pre-push stage, given the range pre-commit passes for a push."""
    repo = make_repo()
    _write(repo / "inventory" / "inventory.yaml", BAD_INVENTORY)  # an old mistake, already on the remote
    session.git(repo, "add", "-A")
    session.git(repo, "commit", "-q", "-m", "Old ledger")
    remote = session.git(repo, "rev-parse", "HEAD")
    _write(repo / "contractors" / "contractors.yaml", CONTRACTOR_WITHOUT_EVALUATION)
    session.git(repo, "add", "-A")
    session.git(repo, "commit", "-q", "-m", "New contractor")
    local = session.git(repo, "rev-parse", "HEAD")

    result = session.run(
        "pre-commit",
        "try-repo",
        ROOT,
        "pmarklint-changed",
        "--verbose",
        "--hook-stage",
        "pre-push",
        "--from-ref",
        remote,
        "--to-ref",
        local,
        cwd=repo,
    )

    assert result.returncode != 0, result.output
    assert "PML303" in result.output  # the new contractor was never evaluated
    assert "PML101" not in result.output  # the old mistake is not this push's


# git commit with the hook installed from a real .pre-commit-config.yaml


def test_git_commit_of_a_broken_ledger_is_refused(session: Session, make_repo: Callable[..., Path]) -> None:
    repo = make_repo(install=True)
    head = session.git(repo, "rev-parse", "HEAD")
    _write(repo / "inventory" / "inventory.yaml", BAD_INVENTORY)
    session.git(repo, "add", "inventory/inventory.yaml")

    result = session.run("git", "commit", "-m", "Add the customer data", cwd=repo)

    assert result.returncode != 0, result.output
    assert "Failed" in result.output
    assert "PML101" in result.output
    assert "inventory/inventory.yaml" in result.output
    assert session.git(repo, "rev-parse", "HEAD") == head  # nothing was committed
    assert _staged(session, repo) == ["inventory/inventory.yaml"]  # the change is still staged


def test_git_commit_of_a_valid_ledger_goes_through(session: Session, make_repo: Callable[..., Path]) -> None:
    repo = make_repo(install=True)
    head = session.git(repo, "rev-parse", "HEAD")
    _write(repo / "inventory" / "inventory.yaml", GOOD_INVENTORY)
    session.git(repo, "add", "inventory/inventory.yaml")

    result = session.run("git", "commit", "-m", "Add the customer data", cwd=repo)

    assert result.returncode == 0, result.output
    assert "Passed" in result.output
    assert " error " not in result.output
    assert session.git(repo, "rev-parse", "HEAD^") == head
    assert session.git(repo, "show", "--name-only", "--format=", "HEAD") == "inventory/inventory.yaml"
    assert _staged(session, repo) == []


def test_git_commit_without_pms_files_passes_at_once(session: Session, make_repo: Callable[..., Path]) -> None:
    repo = make_repo(install=True)
    head = session.git(repo, "rev-parse", "HEAD")
    with open(repo / "README.md", "a", encoding="utf-8") as fh:
        fh.write("\nOur own notes.\n")
    session.git(repo, "add", "README.md")

    result = session.run("git", "commit", "-m", "Notes", cwd=repo)

    assert result.returncode == 0, result.output
    assert "Passed" in result.output
    assert NOTHING_TO_CHECK in result.output  # --hook: no check was needed
    assert "files, " not in result.output  # no summary line: the repository was not read
    assert session.git(repo, "rev-parse", "HEAD^") == head


def test_git_rm_of_a_ledger_another_one_references_is_refused(session: Session, make_repo: Callable[..., Path]) -> None:
    repo = make_repo(install=True)
    _linked_ledgers(session, repo, hook=True)
    head = session.git(repo, "rev-parse", "HEAD")
    session.git(repo, "rm", "-q", "contractors/contractors.yaml")

    result = session.run("git", "commit", "-m", "Contractor ledger removed", cwd=repo)

    assert result.returncode != 0, result.output
    assert "Failed" in result.output
    assert "inventory/inventory.yaml" in result.output
    assert "PML201 PI-001  no contractor with id 'C-001' in the contractor ledger" in result.output
    assert "approval-missing: " in result.output and " warnings — run `pmarklint check` to list them" in result.output
    assert " warning PML" not in result.output  # --quiet: warnings counted per rule, not listed
    assert session.git(repo, "rev-parse", "HEAD") == head
    assert _staged(session, repo) == ["contractors/contractors.yaml"]


def test_git_rm_of_a_document_a_control_cites_is_refused(session: Session, make_repo: Callable[..., Path]) -> None:
    """The document lives outside the PMS folders (docs/policy.md), so no PMS file is in the commit."""
    repo = make_repo(install=True)
    _linked_ledgers(session, repo, hook=True)
    head = session.git(repo, "rev-parse", "HEAD")
    session.git(repo, "rm", "-q", "docs/policy.md")

    result = session.run("git", "commit", "-m", "Old policy removed", cwd=repo)

    assert result.returncode != 0, result.output
    assert "Failed" in result.output
    assert "controls/J.9.yaml" in result.output
    assert "PML204 J.9.4  'docs/policy.md' matches no file in the repository" in result.output
    assert session.git(repo, "rev-parse", "HEAD") == head

    session.git(repo, "reset", "-q", "HEAD", "--", "docs/policy.md")  # renamed instead: refused too
    session.git(repo, "checkout", "--", "docs/policy.md")
    session.git(repo, "mv", "docs/policy.md", "docs/contractor-rules.md")
    result = session.run("git", "commit", "-m", "Policy renamed", cwd=repo)
    assert result.returncode != 0, result.output
    assert "PML204" in result.output
    assert session.git(repo, "rev-parse", "HEAD") == head


NOTHING_TO_CHECK = (
    "pmarklint: this commit adds or edits no PMS file or pmarklint.yaml and deletes no file: nothing to check"
)


def _citing(controls: str) -> str:
    """J.9.4 of the catalog with its documents replaced by one that cites docs/policy.md."""
    lines = controls.splitlines(keepends=True)
    start = lines.index("  - id: J.9.4\n")
    at = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("    documents:"))
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith("      "))
    return "".join(lines[:at]) + CITES + "".join(lines[end:])


def _linked_ledgers(session: Session, repo: Path, *, hook: bool = False) -> None:
    """A roster, an inventory entry entrusted to contractor C-001 and J.9.4 citing docs/policy.md: a clean
    repository, committed (through the hook when ``hook``: it must pass)."""
    _write(repo / "people" / "people.yaml", ROSTER)
    _write(repo / "inventory" / "inventory.yaml", GOOD_INVENTORY.replace(LAST_REVIEWED, ENTRUSTED + LAST_REVIEWED))
    _write(repo / "contractors" / "contractors.yaml", CONTRACTOR.replace(SERVICE, SERVICE + ENTRUSTED_DATA))
    controls = (repo / "controls" / "J.9.yaml").read_text(encoding="utf-8")
    _write(repo / "controls" / "J.9.yaml", _citing(controls))
    (repo / "docs").mkdir()
    _write(repo / "docs" / "policy.md", "# Contractor rules\n")
    session.git(repo, "add", "-A")
    result = session.run(
        "git", "commit", "-m", "Roster, ledgers and the contractor rules", *(() if hook else ("--no-verify",)), cwd=repo
    )
    assert result.returncode == 0, result.output


LAST_REVIEWED = "    last_reviewed: 2026-04-01\n"
ENTRUSTED = "    entrusted_to: [C-001]\n"
SERVICE = "    service: Delivery of orders\n"
ENTRUSTED_DATA = "    entrusted_data: [PI-001]\n"
CITES = "    documents:\n      - {title: Contractor rules, path: docs/policy.md}\n"

ROSTER = """kind: person
entries:
  - id: nakamura
    name: Hanako Nakamura
    emails: [nakamura@example.test]
    department: privacy-office
    roles: [privacy_manager]
    last_reviewed: 2026-04-01
  - id: ito
    name: Jiro Ito
    emails: [ito@example.test]
    department: privacy-office
    roles: [complaints_desk]
    last_reviewed: 2026-04-01
"""
CONTRACTOR = CONTRACTOR_WITHOUT_EVALUATION + "    evaluation: {date: 2026-04-01, result: pass, evaluator: nakamura}\n"
ITO = {"GIT_AUTHOR_NAME": "Jiro Ito", "GIT_AUTHOR_EMAIL": "ito@example.test"}


def test_git_commit_of_an_approval_in_someone_elses_name_is_refused(
    session: Session, make_repo: Callable[..., Path]
) -> None:
    """The approval a commit adds must be by the person committing it (git var GIT_AUTHOR_IDENT); the
    message says who may commit it. The approver herself then commits it."""
    repo = make_repo(install=True)
    config = (repo / "pmarklint.yaml").read_text(encoding="utf-8")
    _write(
        repo / "pmarklint.yaml", config.replace("require_approvals: warning", "require_approvals: {contractor: error}")
    )
    _write(repo / "people" / "people.yaml", ROSTER)
    _write(repo / "contractors" / "contractors.yaml", CONTRACTOR)
    session.git(repo, "add", "-A")
    # Set-up, committed without the hook: the contractor is not approved yet, which the hook would refuse. It
    # amends the first commit, so that these settings and this roster are the founding ones (a later change of
    # require_approvals would itself await top management's approval, PML408).
    session.ok("git", "commit", "-q", "--amend", "--no-verify", "-m", "Roster and contractor", cwd=repo, env=ITO)
    forged = session.run(
        sys.executable, "-m", "pmarklint", "sign", "C-001", "--as", "nakamura", "--force", cwd=repo, env=ITO
    )
    assert forged.returncode == 0, forged.output
    session.git(repo, "add", "-A")
    head = session.git(repo, "rev-parse", "HEAD")

    result = session.run("git", "commit", "-m", "C-001 approved", cwd=repo, env=ITO)

    assert result.returncode != 0, result.output
    assert "PML405" in result.output
    assert "you are committing as ito@example.test" in result.output
    assert "only Hanako Nakamura (nakamura) may commit it, as nakamura@example.test" in result.output
    assert session.git(repo, "rev-parse", "HEAD") == head

    result = session.run("git", "commit", "-m", "C-001 approved", cwd=repo)  # as nakamura herself

    assert result.returncode == 0, result.output
    assert session.git(repo, "log", "-1", "--format=%ae") == "nakamura@example.test"


# What a refused commit shows first, and the approval workflow from edit to green CI


def test_a_fresh_repositorys_refused_commit_shows_the_error_in_its_first_ten_lines(
    session: Session, make_repo: Callable[..., Path]
) -> None:
    """The commonest first mistake: the roster's example uncommented, "entries: []" left as it is. The
    repository's to-do warnings and what the broken roster causes elsewhere come after the cause."""
    repo = make_repo(install=True)
    roster = repo / "people" / "people.yaml"
    lines = roster.read_text(encoding="utf-8").split("\n")
    roster.write_text("\n".join(line[1:] if line.startswith("#  ") else line for line in lines), encoding="utf-8")
    session.git(repo, "add", "people/people.yaml")

    result = session.run("git", "commit", "-m", "Our roster", cwd=repo)

    assert result.returncode != 0, result.output
    first = result.output.splitlines()[:10]
    assert any(line.startswith("pmarklint") and line.endswith("Failed") for line in first), result.output
    assert "people/people.yaml" in first, result.output
    (error,) = [line for line in first if " error   PML001 " in line]
    assert error.endswith("delete the '[]' (leave 'entries:' alone on its line)."), error
    assert "follow from it (not listed): fix this first" in result.output  # the roles nobody holds yet
    assert " warning PML" not in result.output


WORKFLOW_ROSTER = """kind: person
entries:
  - id: sato
    name: Ichiro Sato
    emails: [sato@example.test]
    department: privacy-office
    roles: [top_management]
    last_reviewed: 2026-11-16
  - id: nakamura
    name: Hanako Nakamura
    emails: [nakamura@example.test]
    department: privacy-office
    roles: [privacy_manager]
    last_reviewed: 2026-11-16
  - id: ito
    name: Jiro Ito
    emails: [ito@example.test]
    department: privacy-office
    roles: [complaints_desk]
    last_reviewed: 2026-11-16
"""
WORKFLOW_TODAY = "2026-11-26"


def _as(name: str, email: str, day: str) -> dict[str, str]:
    """A pinned identity (author and committer) and date for one step of the workflow."""
    moment = f"2026-11-{day}T10:00:00+09:00"
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": moment,
        "GIT_COMMITTER_DATE": moment,
        "PMARKLINT_TODAY": WORKFLOW_TODAY,
    }


ITO_ID, NAKAMURA_ID, SATO_ID = (
    ("Jiro Ito", "ito@example.test"),
    ("Hanako Nakamura", "nakamura@example.test"),
    ("Ichiro Sato", "sato@example.test"),
)


def _ci(session: Session, repo: Path) -> Result:
    """What CI runs: ``pmarklint check`` at its default, the merge stage."""
    return session.run(sys.executable, "-m", "pmarklint", "check", "--quiet", cwd=repo, env=_as(*ITO_ID, "26"))


def _sign(session: Session, repo: Path, who: tuple[str, str], person: str, day: str, *targets: str) -> None:
    """``person`` signs ``targets`` and commits the approval through the hook, as ``who`` on that day."""
    command = [sys.executable, "-m", "pmarklint", "sign", *targets, "--as", person, "--date", f"2026-11-{day}"]
    session.ok(*command, cwd=repo, env=_as(*who, day))
    session.git(repo, "add", "-A")
    result = session.run("git", "commit", "-m", f"Approved by {person}", cwd=repo, env=_as(*who, day))
    assert result.returncode == 0, result.output
    assert "Awaiting approval" not in result.output


def _approved_repository(session: Session, tmp_path: Path) -> Path:
    """A fresh repository with require_approvals: error and a roster (top management sato, privacy manager
    nakamura, staff ito), set up by ito; sato approves the controls and the roster; the hook is installed."""
    session.ok(sys.executable, "-m", "pmarklint", "init", "repo", "--lang", "en", "--no-git", cwd=tmp_path)
    repo = tmp_path / "repo"
    _write(
        repo / ".pre-commit-config.yaml",
        f"repos:\n  - repo: {session.hook_source}\n    rev: {session.hook_rev}\n"
        "    hooks:\n      - id: pmarklint\n        verbose: true\n",
    )
    config = (repo / "pmarklint.yaml").read_text(encoding="utf-8")
    _write(repo / "pmarklint.yaml", config.replace("require_approvals: warning", "require_approvals: error"))
    _write(repo / "people" / "people.yaml", WORKFLOW_ROSTER)
    session.git(repo, "init", "-q")
    session.git(repo, "add", "-A")
    session.ok("git", "commit", "-q", "--no-verify", "-m", "PMS repository", cwd=repo, env=_as(*ITO_ID, "16"))
    session.ok("pre-commit", "install", "--install-hooks", cwd=repo)
    controls = sorted(p.relative_to(repo).as_posix() for p in (repo / "controls").glob("*.yaml"))
    _sign(session, repo, SATO_ID, "sato", "17", "people/people.yaml", *controls)
    assert _ci(session, repo).returncode == 0, _ci(session, repo).output
    return repo


def _add_contractor(session: Session, repo: Path) -> Result:
    _write(repo / "contractors" / "contractors.yaml", CONTRACTOR.replace("2026-04-01", "2026-11-18"))
    session.git(repo, "add", "-A")
    return session.run("git", "commit", "-m", "New contractor C-001", cwd=repo, env=_as(*ITO_ID, "18"))


def test_the_approval_workflow_from_edit_to_green_ci(session: Session, tmp_path: Path) -> None:
    """require_approvals: error. Staff (ito) commits a new contractor through the hook: it passes and shows
    the entry awaiting the privacy manager's approval; CI (the merge stage) fails; the manager (nakamura)
    signs in a commit of her own; CI passes. Then the same for an edit of the approved entry. A team without
    pull requests does exactly this on main."""
    repo = _approved_repository(session, tmp_path)

    # staff adds a contractor: the commit goes through and says what it awaits
    result = _add_contractor(session, repo)
    assert result.returncode == 0, result.output
    assert "Passed" in result.output
    assert "Awaiting approval (this commit may go ahead; CI refuses the merge while any is awaiting):" in result.output
    assert (
        "  contractors/contractors.yaml:3 PML401 C-001  awaiting approval by privacy manager (privacy_manager)"
        in result.output
    )
    assert session.git(repo, "log", "-1", "--format=%ae %s") == "ito@example.test New contractor C-001"

    # CI, at the merge stage, fails while it awaits approval
    refused = _ci(session, repo)
    assert refused.returncode == 1, refused.output
    assert "PML401 C-001" in refused.output and " error " in refused.output

    # the privacy manager reviews it and approves it in a commit of her own: CI is green
    _sign(session, repo, NAKAMURA_ID, "nakamura", "19", "C-001")
    green = _ci(session, repo)
    assert green.returncode == 0, green.output

    # staff changes the approved entry: committed, awaiting a new approval; CI fails until she signs again
    path = repo / "contractors" / "contractors.yaml"
    _write(path, path.read_text(encoding="utf-8").replace(SERVICE, "    service: Delivery and storage\n"))
    session.git(repo, "add", "-A")
    result = session.run("git", "commit", "-m", "C-001 also stores goods", cwd=repo, env=_as(*ITO_ID, "20"))
    assert result.returncode == 0, result.output
    assert (
        " PML403 C-001  awaiting approval by privacy manager (privacy_manager)" in result.output
    )  # at the stale approval's line
    refused = _ci(session, repo)
    assert refused.returncode == 1 and "PML403 C-001" in refused.output, refused.output
    _sign(session, repo, NAKAMURA_ID, "nakamura", "21", "C-001")
    assert _ci(session, repo).returncode == 0, _ci(session, repo).output
    assert session.git(repo, "log", "--format=%ae", "-5").splitlines() == [
        "nakamura@example.test",
        "ito@example.test",
        "nakamura@example.test",
        "ito@example.test",
        "sato@example.test",
    ]


def test_pre_commit_refuses_a_staged_forgery_the_work_tree_hides(session: Session, tmp_path: Path) -> None:
    """ito stages C-001 with an approval in nakamura's name, then puts the unapproved file back on disk: the
    hook judges what is staged (pre-commit stashes what is not, and --hook reads the index), and refuses."""
    repo = _approved_repository(session, tmp_path)
    assert _add_contractor(session, repo).returncode == 0
    path = repo / "contractors" / "contractors.yaml"
    on_disk = path.read_bytes()
    forged = session.run(
        sys.executable,
        "-m",
        "pmarklint",
        "sign",
        "C-001",
        "--as",
        "nakamura",
        "--force",
        "--date",
        "2026-11-19",
        cwd=repo,
        env=_as(*ITO_ID, "19"),
    )
    assert forged.returncode == 0, forged.output
    session.git(repo, "add", "contractors/contractors.yaml")
    path.write_bytes(on_disk)
    head = session.git(repo, "rev-parse", "HEAD")

    result = session.run("git", "commit", "-m", "C-001 approved", cwd=repo, env=_as(*ITO_ID, "19"))

    assert result.returncode != 0, result.output
    assert "Failed" in result.output
    assert "PML405 C-001" in result.output
    assert "you are committing as ito@example.test" in result.output
    assert session.git(repo, "rev-parse", "HEAD") == head
    assert path.read_bytes() == on_disk  # pre-commit put the unstaged version back

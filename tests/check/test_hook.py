"""``check --hook``: the pre-commit hook passes at once a commit that cannot break the repository and checks
every other one, deletions and renames included. (The real pre-commit client and ``git commit``:
tests/packaging/test_precommit_hook.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmarklint.check.hook import commit_can_break

from helpers.cli import run
from helpers.repos import git, inventory, make_repo

CONTRACTOR = """kind: contractor
entries:
  - id: C-001
    name: 配送株式会社
    service: 商品の配送
    entrusted_data: [PI-1]
"""


def _repo(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "r",
        {"inventory/a.yaml": inventory("PI-1"), "contractors/c.yaml": CONTRACTOR, "docs/policy.md": "# 規程\n"},
    )


def _edit(repo: Path, rel: str, content: str = "edited\n") -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(content, encoding="utf-8")
    git(repo, "add", rel)


@pytest.mark.parametrize(
    ("change", "breaks"),
    [
        (lambda r: None, False),  # nothing staged (git commit --amend of the message)
        (lambda r: _edit(r, "README.md"), False),
        (lambda r: _edit(r, "docs/policy.md"), False),  # editing a document cannot make it go missing
        (lambda r: _edit(r, "docs/new.md"), False),
        (lambda r: _edit(r, "inventory/b.yaml", inventory("PI-2")), True),
        (lambda r: _edit(r, "inventory/notes.txt"), True),  # anything under a PMS folder
        (lambda r: _edit(r, "pmarklint.yaml", (r / "pmarklint.yaml").read_text(encoding="utf-8") + "\n"), True),
        (lambda r: git(r, "rm", "-q", "inventory/a.yaml"), True),
        (lambda r: git(r, "rm", "-q", "docs/policy.md"), True),  # may be a document a control cites
        (lambda r: git(r, "mv", "docs/policy.md", "docs/rules.md"), True),
    ],
    ids=["nothing", "readme", "edit-doc", "add-doc", "ledger", "pms-other", "config", "rm-ledger", "rm-doc", "mv-doc"],
)
def test_what_a_commit_can_break(tmp_path: Path, change: object, breaks: bool) -> None:
    repo = _repo(tmp_path)
    change(repo)  # type: ignore[operator]
    assert commit_can_break(repo, "en") is breaks


def test_hook_passes_a_commit_that_cannot_break_the_repository(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "contractors" / "c.yaml").write_text(CONTRACTOR.replace("PI-1", "PI-9"), encoding="utf-8")  # unstaged
    _edit(repo, "README.md")

    result = run("check", repo, "--hook", "--lang", "en")
    assert (result.exit_code, result.stdout) == (
        0,
        "pmarklint: this commit adds or edits no PMS file or pmarklint.yaml and deletes no file: nothing to check\n",
    )
    result = run("check", repo, "--hook", "--lang", "ja")
    assert result.stdout == (
        "pmarklint: このコミットは PMS のファイルも pmarklint.yaml も追加・変更せず、"
        "削除するファイルもないため、チェックは不要です\n"
    )
    assert run("check", repo, "--lang", "en").exit_code == 1  # without --hook, check always checks


def test_hook_checks_a_commit_that_deletes_a_ledger(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    git(repo, "rm", "-q", "inventory/a.yaml")

    result = run("check", repo, "--hook", "--lang", "en")
    assert result.exit_code == 1
    assert "PML201" in result.stdout


def test_hook_outside_git_always_checks(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"contractors/c.yaml": CONTRACTOR}, use_git=False)
    result = run("check", repo, "--hook", "--lang", "en")
    assert result.exit_code == 1
    assert "PML201" in result.stdout

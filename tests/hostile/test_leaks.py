"""Leaks (issue 12): nothing outside the repository reaches a report. A committed link to /etc/passwd, to
/proc/self/environ or to a ledger outside is PML004 and never opened (tests/workspace/test_symlinks.py has
the rest); and a link put in place of a file or of a folder *after* that check (a race, made here by letting
the check pass) is still never followed: files are opened with ``O_NOFOLLOW``, folder by folder. Real
repositories, real git, the real command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmarklint.workspace import files
from pmarklint.workspace.files import read_file

from helpers.cli import check_json, run
from helpers.repos import git, inventory, make_repo

SECRET = "PMARKLINT_LEAK_SECRET_51c2"
LINK_MESSAGE = "a symbolic link is in its place now, and pmarklint follows no link"


def committed_link(tmp_path: Path, rel: str, target: str | Path) -> Path:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, repo / rel)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a link")
    return repo


def every_report(repo: Path) -> str:
    out = ""
    for fmt in ("text", "json", "github", "sarif", "junit", "gitlab"):
        result = run("check", repo, "--format", fmt, "--today", "2026-11-26", "--lang", "en")
        assert result.exit_code == 1, (fmt, result.stderr)
        out += result.stdout + result.stderr
    return out


def test_a_committed_link_to_the_environment_is_pml004_and_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI_SECRET", SECRET)
    repo = committed_link(tmp_path, "inventory/env.yaml", "/proc/self/environ")
    (found,) = check_json(repo).json()["findings"]
    assert (found["rule"], found["file"], found["line"], found["column"]) == ("PML004", "inventory/env.yaml", 1, 1)
    assert found["message"].startswith("this file is a symbolic link that points outside the repository")
    assert SECRET not in every_report(repo)


@pytest.fixture
def raced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose ledger the link check saw as a plain file, and which is a link to a file outside
    by the time it is read."""
    outside = tmp_path / "outside.yaml"
    outside.write_text(inventory("PI-9").replace("顧客情報", SECRET), encoding="utf-8")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    (repo / "inventory/a.yaml").unlink()
    os.symlink(outside, repo / "inventory/a.yaml")
    monkeypatch.setattr(files, "link_finding", lambda root, rel: None)  # the check ran before the swap
    return repo


def test_a_link_swapped_in_after_the_check_is_not_followed(raced: Path) -> None:
    result = check_json(raced, "--no-cache")
    assert result.exit_code == 1
    (found,) = result.json()["findings"]
    assert (found["rule"], found["file"], found["line"], found["column"]) == ("PML004", "inventory/a.yaml", 1, 1)
    assert found["message"] == f"the file cannot be read: [Errno 40] {LINK_MESSAGE}: 'inventory/a.yaml'"
    assert SECRET not in every_report(raced)
    assert "PI-9" not in every_report(raced)


def test_a_folder_swapped_for_a_link_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a.yaml").write_text(inventory("PI-9").replace("顧客情報", SECRET), encoding="utf-8")
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": inventory("PI-1")})
    (repo / "inventory/a.yaml").unlink()
    (repo / "inventory").rmdir()
    os.symlink(outside, repo / "inventory")
    monkeypatch.setattr(files, "link_finding", lambda root, rel: None)
    (found,) = check_json(repo, "--no-cache").json()["findings"]
    assert (found["rule"], found["file"]) == ("PML004", "inventory/a.yaml")
    assert found["message"] == f"the file cannot be read: [Errno 20] {LINK_MESSAGE}: 'inventory/a.yaml'"
    assert SECRET not in every_report(repo)


def test_read_file_opens_only_regular_files_inside(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_bytes(b"kind: inventory\n")
    os.symlink("a.yaml", tmp_path / "in" / "link.yaml")
    os.mkfifo(tmp_path / "in" / "fifo.yaml")  # a FIFO is refused at once, never waited on
    assert read_file(tmp_path, "in/a.yaml") == b"kind: inventory\n"
    assert read_file(tmp_path, "./in/a.yaml", 100) == b"kind: inventory\n"
    for rel, words in (
        ("in/link.yaml", LINK_MESSAGE),
        ("in/fifo.yaml", "not a regular file"),
        ("../etc/passwd", "not a file inside the repository"),
        ("in/a.yaml/x", LINK_MESSAGE),  # a file where a folder is expected: refused as well
    ):
        with pytest.raises(OSError, match=words):
            read_file(tmp_path, rel)
    with pytest.raises(files.TooLarge) as too_large:
        read_file(tmp_path, "in/a.yaml", 5)
    assert too_large.value.size == 16


def test_an_unread_file_is_not_read_through_its_link_for_what_it_declares(tmp_path: Path) -> None:
    """The ids an unread file would have declared (to mark the findings that follow from it) are read as the
    file itself is: through a link nothing is read (a committed link to /dev/zero used to fill the memory
    here), and a ledger outside lends no id."""
    from pmarklint.check.causes import unread_files
    from pmarklint.findings import finding

    outside = tmp_path / "outside.yaml"
    outside.write_text(inventory("PI-9"), encoding="utf-8")
    repo = committed_link(tmp_path, "inventory/out.yaml", outside)
    (repo / "inventory/big.yaml").write_text(inventory("PI-7") + "#" * 5000, encoding="utf-8")
    causes = {
        rel: finding("PML004", rel, 1, 1, "PML004.symlink_outside")
        for rel in ("inventory/out.yaml", "inventory/big.yaml", "inventory/a.yaml")
    }
    unread = unread_files(repo, causes, {"inventory": "inventory"}, 4000)
    assert [(u.cause.file, u.kind, sorted(u.ids)) for u in unread] == [
        ("inventory/a.yaml", "inventory", ["PI-1"]),
        ("inventory/big.yaml", "inventory", []),  # over the limit: not read, its kind from its folder
        ("inventory/out.yaml", "inventory", []),  # a link: not followed, PI-9 is not lent
    ]

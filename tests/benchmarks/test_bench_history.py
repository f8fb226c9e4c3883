"""The history mode of the benchmark (benchmarks/history.py): one fast-import stream builds a deterministic
history with pinned authors and dates, approvals authored by the approvers, a moved entry and a renamed file,
and a final tree that pmarklint judges as the default mode's repository, approvals aside. Nothing is timed."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pmarklint.approvals.digest import digest
from pmarklint.documents.loader import parse

from helpers.cli import check_json, run
from helpers.repos import ROOT, git

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench
import history

pytestmark = pytest.mark.slow

COMMITS = 40
ARGS = argparse.Namespace(entries=60, files=4, contractors=10, people=20, seed=20261126)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> history.History:
    return history.build(tmp_path_factory.mktemp("history") / "repo", ARGS, COMMITS)


def no_history() -> list[str]:
    """--no-history where this pmarklint has it (without it there are no git-backed checks either)."""
    return ["--no-history"] if "--no-history" in run("check", "--help").stdout else []


def data_files(repo: Path) -> dict[str, list[dict[str, Any]]]:
    """Entries of every data file at HEAD, read as pmarklint reads them."""
    out = {}
    for path in sorted(repo.glob("*/*.yaml")):
        document = parse(path.read_text("utf-8"), path.name).document
        assert document is not None, path
        out[path.relative_to(repo).as_posix()] = document.data["entries"]
    return out


def test_one_commit_per_step_with_pinned_authors_and_dates(built: history.History) -> None:
    lines = git(built.repo, "log", "--reverse", "--format=%an%x00%ae%x00%cn%x00%ce%x00%aI%x00%cI").splitlines()
    assert len(lines) == COMMITS == built.commits
    roster = {e["id"]: e for e in data_files(built.repo)["people/people.yaml"]}
    dates = []
    for line, (_, author) in zip(lines, built.log, strict=True):
        name, email, committer, committer_email, date, committed = line.split("\0")
        assert (name, email) == (committer, committer_email) == built.authors[author]
        assert (name, [email]) == (roster[author]["name"], roster[author]["emails"])  # the roster knows them
        assert date == committed and date.endswith("+09:00")
        dates.append(date)
    assert dates[0] == "2024-04-01T09:00:00+09:00" and dates == sorted(dates) and len(set(dates)) == COMMITS
    assert git(built.repo, "status", "--porcelain") == ""


def test_the_same_seed_gives_the_same_history(built: history.History, tmp_path: Path) -> None:
    again = history.build(tmp_path / "again", ARGS, COMMITS)
    assert git(again.repo, "rev-parse", "HEAD") == git(built.repo, "rev-parse", "HEAD")


def test_staff_edit_and_approvers_sign_in_separate_commits(built: history.History) -> None:
    roster = {e["id"]: e for e in data_files(built.repo)["people/people.yaml"]}
    signers = {"top_management", "privacy_manager"}
    assert Counter(action for action, _ in built.log)["approve"] == round(0.15 * (COMMITS - 1))
    for action, author in built.log:
        assert (action == "approve") == bool(signers & set(roster[author]["roles"])), (action, author)
    changed = git(built.repo, "log", "--format=%x01", "--name-status", "--no-renames").split("\x01")[1:]
    for files in changed[:-1]:  # every commit but the import touches one file, or two for a move
        assert 1 <= len(files.split()) // 2 <= 2


def test_an_entry_moves_and_a_file_is_renamed(built: history.History) -> None:
    revs = git(built.repo, "rev-list", "--reverse", "HEAD").split()
    assert built.moves and built.renames
    number, entry, source, target = built.moves[0]
    line = f"  - id: {entry}\n"
    assert line in git(built.repo, "show", f"{revs[number]}^:{source}")
    assert line not in git(built.repo, "show", f"{revs[number]}:{source}")
    assert line in git(built.repo, "show", f"{revs[number]}:{target}")
    number, old, new = built.renames[0]
    assert git(built.repo, "show", "--format=", "--name-status", revs[number]).split() == ["R100", old, new]
    assert new in data_files(built.repo)


def test_final_tree_is_judged_as_the_default_modes_repository(built: history.History, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    bench.generate(plain, ARGS)
    bench.git_commit(plain)
    ours = check_json(built.repo, *no_history())
    theirs = check_json(plain)
    assert ours.exit_code in (0, 1) and theirs.exit_code in (0, 1), ours.stderr
    assert "PML101" not in ours.codes() and "PML402" not in ours.codes()
    assert history.comparable(ours.json()) == history.comparable(theirs.json())


def test_approval_digests_are_what_pmarklint_computes(built: history.History) -> None:
    """Recomputed from the files: the last approval holds exactly where the generator says it does, and
    PML401 and PML403 fall on exactly the entries without an approval and with only stale ones."""
    unapproved, stale = set(), set()
    for entries in data_files(built.repo).values():
        for entry in entries:
            approvals = entry.get("approvals") or []
            if not approvals:
                assert entry["id"] not in built.latest_holds
                if entry.get("status") != "retired":
                    unapproved.add(entry["id"])
                continue
            current = digest(entry)
            assert built.latest_holds[entry["id"]] == (approvals[-1]["digest"] == current), entry["id"]
            if current not in {a["digest"] for a in approvals}:
                stale.add(entry["id"])
    assert sum(built.latest_holds.values()) > len(built.latest_holds) / 2  # most approvals still hold
    assert stale  # and some entries changed after their approval, as in real life
    result = check_json(built.repo, *no_history()).json()
    found: dict[str, set[str]] = {"PML401": set(), "PML403": set()}
    for finding in result["findings"]:
        if finding["rule"] in found:
            assert finding["severity"] == "warning"  # require_approvals: warning
            found[finding["rule"]].add(finding["entry"])
    assert found == {"PML401": unapproved, "PML403": stale}


def test_approvals_are_dated_on_their_commit_day_by_the_approver(built: history.History) -> None:
    """An approval commit only adds approval items: by its author, in a role they hold, dated that day."""
    revs = git(built.repo, "rev-list", "--reverse", "HEAD").split()
    roster = {e["id"]: e for e in data_files(built.repo)["people/people.yaml"]}
    for rev, (action, author) in zip(revs, built.log, strict=True):
        if action != "approve":
            continue
        day = git(built.repo, "show", "-s", "--format=%ad", "--date=short", rev).strip()
        diff = git(built.repo, "show", "--format=", "-U0", rev).splitlines()
        changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        added = [re.fullmatch(r"\+ +(?:- )?(\w+):(?: (.*))?", line) for line in changed]
        assert added and all(added), changed  # nothing removed, nothing but approval lines added
        values: dict[str, set[str]] = {}
        for match in added:
            assert match is not None
            values.setdefault(match[1], set()).add(match[2])
        assert set(values) <= {"approvals", "by", "role", "date", "digest"}
        assert values["by"] == {author} and values["date"] == {day}
        assert values["role"] <= set(roster[author]["roles"])


def test_two_processes_give_the_verdicts_of_one(built: history.History, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run in a clone traces every approval, in two processes when they are many: the findings (every
    verdict, every stale approval's changed fields) are those of one process tracing them all."""
    from pmarklint import forked
    from pmarklint.rules import history_checks

    forks: list[int] = []
    real = forked.Forked.start

    def counted(work: Any) -> Any:
        forks.append(1)
        return real(work)

    monkeypatch.setattr(history_checks.Forked, "start", counted)
    monkeypatch.setattr(history_checks.Session, "_SHARED", 1)
    two = check_json(built.repo, "--no-cache")
    assert forks, "the approvals were not traced in two processes"
    monkeypatch.setattr(history_checks.Forked, "start", lambda work: None)
    one = check_json(built.repo, "--no-cache")
    assert two.json()["findings"] == one.json()["findings"]
    assert {f["rule"] for f in one.json()["findings"]} >= {"PML403"}

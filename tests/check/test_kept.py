"""The kept run (pmarklint.check.kept): a check whose inputs are all as they were prints the kept report without
running the checks; any change of an input (a file's bytes, a new or deleted file, a setting, the day, HEAD, the
language, an option) runs the checks again, and the output is byte for byte that of a ``--no-cache`` run. A kept
record that was tampered with is not used. Real repositories in real git with pinned authors and dates."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import pmarklint.check.engine as engine
import pmarklint.dates as dates
from pmarklint.check import kept
from pmarklint.workspace import config as workspace_config
from pmarklint.workspace.cache import RECORD_HEADER, Cache

from helpers.cli import Run, run
from helpers.repos import BAD_INVENTORY, commit_as, git, inventory, make_repo

AUTHOR = "Misaki Saito <saito@sakura-market.example>"
HOUR_AGO = 1_780_000_000  # 2026-05-28: files older than the run, as a real checkout's are


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the checks really ran (cli/check.py imports run_check when it needs it)."""
    counted: list[int] = []
    real = engine.run_check

    def counting(*args: Any, **kwargs: Any) -> Any:
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "run_check", counting)
    return counted


def settle(repo: Path) -> None:
    """Give every file of the work tree a modification time well before the run (a file written while a run
    reads it is never kept; test files are written a moment before)."""
    for folder, names, files in os.walk(repo):
        names[:] = [n for n in names if n != ".git"]
        for name in files:
            os.utime(Path(folder, name), (HOUR_AGO, HOUR_AGO))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    made = make_repo(
        tmp_path / "pms", {"inventory/cs.yaml": inventory("PI-1", "PI-2"), "inventory/ec.yaml": BAD_INVENTORY}
    )
    settle(made)
    return made


def check(repo: Path, *extra: str) -> Run:
    return run("check", repo, "--format", "json", "--today", "2026-11-26", *extra)


def same_as_fresh(repo: Path, got: Run, *extra: str) -> None:
    fresh = check(repo, "--no-cache", *extra)
    assert (got.exit_code, got.stdout, got.stderr) == (fresh.exit_code, fresh.stdout, fresh.stderr)


def kept_and_fresh(repo: Path, calls: list[int], *extra: str) -> None:
    """A first run (the checks run), then the kept one (they do not), both equal to a --no-cache run."""
    before = len(calls)
    first = check(repo, *extra)
    assert len(calls) == before + 1
    second = check(repo, *extra)
    assert len(calls) == before + 1, "the second run should have been answered by the kept result"
    same_as_fresh(repo, first, *extra)
    assert (second.exit_code, second.stdout, second.stderr) == (first.exit_code, first.stdout, first.stderr)


def test_nothing_changed_prints_the_kept_result(repo: Path, calls: list[int]) -> None:
    kept_and_fresh(repo, calls)
    assert check(repo).exit_code == 1  # BAD_INVENTORY: an error, and its exit code, kept too


def test_the_kept_path_loads_no_check_machinery(repo: Path) -> None:
    check(repo)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = (
        "import sys, runpy\n"
        "sys.argv = ['pmarklint', 'check', sys.argv[1], '--format', 'json', '--today', '2026-11-26']\n"
        "try:\n    runpy.run_module('pmarklint', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pmarklint.check.engine', 'pmarklint.rules', "
        "'jsonschema', 'pmarklint.documents.loader'))), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, env=env)
    assert proc.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "change",
    [
        "edit",
        "edit same size",
        "new tracked file",
        "new untracked file",
        "deleted file",
        "setting",
        "language",
        "commit",
    ],
)
def test_any_change_of_the_repository_runs_again(repo: Path, calls: list[int], change: str) -> None:
    kept_and_fresh(repo, calls)
    ledger = repo / "inventory" / "cs.yaml"
    if change == "edit":
        ledger.write_text(inventory("PI-1", "PI-2", "PI-3"), encoding="utf-8")
    elif change == "edit same size":  # the same size and modification time: only the bytes tell
        text = ledger.read_text("utf-8")
        ledger.write_text(text.replace("department: cs", "department: zz", 1), encoding="utf-8")
    elif change == "new tracked file":
        (repo / "inventory" / "new.yaml").write_text(inventory("PI-9"), encoding="utf-8")
        git(repo, "add", "inventory/new.yaml")
    elif change == "new untracked file":
        (repo / "inventory" / "new.yaml").write_text(inventory("PI-9"), encoding="utf-8")
    elif change == "deleted file":
        ledger.unlink()
    elif change == "setting":
        config = repo / "pmarklint.yaml"
        config.write_text(config.read_text("utf-8").replace("株式会社テスト", "株式会社テスト二"), "utf-8")
    elif change == "language":
        config = repo / "pmarklint.yaml"
        config.write_text(config.read_text("utf-8").replace("language: en", "language: ja"), "utf-8")
    elif change == "commit":
        commit_as(repo, AUTHOR, "nothing but a commit", day="2026-05-01T10:00:00+09:00")
    settle(repo)
    before = len(calls)
    got = check(repo)
    assert len(calls) == before + 1, f"{change}: the checks should have run again"
    same_as_fresh(repo, got)


@pytest.mark.parametrize(
    "extra", [("--lang", "ja"), ("--strict",), ("--format", "text"), ("--select", "PML1"), ("--today", "2027-01-05")]
)
def test_other_options_or_language_run_again(repo: Path, calls: list[int], extra: tuple[str, ...]) -> None:
    kept_and_fresh(repo, calls)
    before = len(calls)
    got = check(repo, *extra)
    assert len(calls) == before + 1
    same_as_fresh(repo, got, *extra)


def test_another_day_runs_again(repo: Path, calls: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --today the day is today in the repository's time zone: the kept result is for its own day."""
    monkeypatch.setattr(dates, "now", lambda where, lang="en": dt.datetime(2026, 11, 26, 12, tzinfo=where))
    first = run("check", repo, "--format", "json")
    run("check", repo, "--format", "json")
    assert len(calls) == 1
    monkeypatch.setattr(dates, "now", lambda where, lang="en": dt.datetime(2026, 11, 27, 12, tzinfo=where))
    later = run("check", repo, "--format", "json")
    assert len(calls) == 2
    fresh = run("check", repo, "--format", "json", "--no-cache")
    assert later.stdout == fresh.stdout and later.stdout != first.stdout


def test_a_variable_the_run_reads_runs_again(repo: Path, calls: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    kept_and_fresh(repo, calls)
    before = len(calls)
    monkeypatch.setenv("NO_COLOR", "1")
    check(repo)
    assert len(calls) == before + 1


def test_a_file_written_during_the_run_is_not_kept(tmp_path: Path, calls: list[int]) -> None:
    made = make_repo(tmp_path / "pms", {"inventory/cs.yaml": inventory("PI-1")})  # just written: not settled
    check(made)
    check(made)
    assert len(calls) == 2


def records() -> list[Path]:
    return [p for p in Path(os.environ["PMARKLINT_CACHE_DIR"]).glob("*/*") if p.is_file()]


def kept_records(cache: Cache) -> list[Path]:
    return [p for p in records() if kept.run_record(cache.read(p))]


def test_a_tampered_kept_result_is_not_used(repo: Path, calls: list[int]) -> None:
    first = check(repo)
    cache = Cache(Path(os.environ["PMARKLINT_CACHE_DIR"]))
    (path,) = kept_records(cache)
    files, day, zone, _, report, notices = cache.read(path)
    lie = (files, day, zone, 0, report.replace('"errors": 1', '"errors": 0'), notices)
    path.write_bytes(path.read_bytes()[:RECORD_HEADER] + marshal.dumps(lie))  # the old seal, a new report
    got = check(repo)
    assert len(calls) == 2
    assert (got.exit_code, got.stdout) == (first.exit_code, first.stdout)


def test_a_kept_result_sealed_with_another_key_is_not_used(repo: Path, calls: list[int]) -> None:
    first = check(repo)
    cache = Cache(Path(os.environ["PMARKLINT_CACHE_DIR"]))
    (path,) = kept_records(cache)
    files, day, zone, _, _, notices = cache.read(path)
    forger = Cache(cache.directory, secret=b"\x01" * 32)
    path.write_bytes(forger.seal(path.name, (files, day, zone, 0, "{}", notices)))
    got = check(repo)
    assert len(calls) == 2
    assert (got.exit_code, got.stdout) == (first.exit_code, first.stdout)


def test_runs_that_keep_nothing(repo: Path, calls: list[int]) -> None:
    for extra in (("--no-cache",), ("--staged",), ("--changed-since", "HEAD")):
        check(repo, *extra)
        check(repo, *extra)
    assert len(calls) == 6


def test_the_config_name_is_the_workspaces() -> None:
    assert kept.CONFIG_NAME == workspace_config.CONFIG_NAME


def test_a_second_edit_of_a_changed_file_runs_again(repo: Path, calls: list[int]) -> None:
    """git status says the same (" M") before and after: only the file's bytes tell the two edits apart."""
    ledger = repo / "inventory" / "cs.yaml"
    ledger.write_text(inventory("PI-1", "PI-2").replace("department: cs", "department: xx", 1), encoding="utf-8")
    settle(repo)
    kept_and_fresh(repo, calls)
    ledger.write_text(inventory("PI-1", "PI-2").replace("department: cs", "department: cs\n", 1), encoding="utf-8")
    settle(repo)
    before = len(calls)
    got = check(repo)
    assert len(calls) == before + 1
    same_as_fresh(repo, got)


def test_keep_run_0_computes_every_run(repo: Path, calls: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """PMARKLINT_KEEP_RUN=0 (for measurements) runs the checks every time, with the same output; without it the
    kept result answers again."""
    monkeypatch.setenv("PMARKLINT_KEEP_RUN", "0")
    first, second = check(repo), check(repo)
    assert len(calls) == 2
    assert (second.exit_code, second.stdout) == (first.exit_code, first.stdout)
    same_as_fresh(repo, first)
    monkeypatch.delenv("PMARKLINT_KEEP_RUN")
    kept_and_fresh(repo, calls)

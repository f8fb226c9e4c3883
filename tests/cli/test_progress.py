"""Progress on long work: on a terminal (a real pseudo-terminal from Python's pty module) ``check``, ``trail``,
``import`` and ``export`` show what they are reading on standard error, overwritten in place and cleared at
the end; nothing in a pipe, a CI job or a pre-commit hook unless asked with ``--progress``. The report on
standard output is the same either way.

The delay before progress appears (about a second) is set to 0 here with PMARKLINT_PROGRESS_DELAY, so that
a small repository shows it too."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pmarklint import progress
from pmarklint.git.blobs import Blobs
from pmarklint.git.log import read_log

from helpers.repos import CONFIG, ROOT, commit_as, git, inventory, make_repo

pty = pytest.importorskip("pty")

TODAY = "2026-11-26"
NAKAMURA = "Hanako Nakamura <nakamura@example.test>"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with a dozen commits, each editing the inventory."""
    root = make_repo(tmp_path_factory.mktemp("progress") / "pms", {"inventory/a.yaml": inventory("PI-001")})
    for number in range(2, 14):
        (root / "inventory" / "a.yaml").write_text(inventory(*(f"PI-{i:03d}" for i in range(1, number))), "utf-8")
        commit_as(root, NAKAMURA, f"entry {number}", day=f"2026-04-{number:02d}T10:00:00+09:00")
    return root


def _run(args: list[str | Path], *, terminal: bool, env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """(exit code, standard output, standard error) of ``python -m pmarklint ARGS``, with standard error on a
    pseudo-terminal or a pipe; standard output is always a pipe."""
    environment = {**os.environ, "PMARKLINT_PROGRESS_DELAY": "0", **(env or {})}
    for name in ("CI", "PRE_COMMIT"):
        if name not in (env or {}):
            environment.pop(name, None)
    command = [sys.executable, "-m", "pmarklint", *map(str, args)]
    if not terminal:
        proc = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, timeout=120)
        return proc.returncode, proc.stdout, proc.stderr
    master, slave = pty.openpty()
    with subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=slave) as child:
        os.close(slave)
        assert child.stdout is not None
        out = child.stdout.read()
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        os.close(master)
        code = child.wait(timeout=120)
    return code, out, err


COMMANDS = {
    "check": (["check", "{repo}", "--today", TODAY, "--no-cache"], "checking the repository…"),
    "trail": (["trail", "{repo}", "--today", TODAY, "--format", "json"], "reading git history…"),
    "export": (["export", "inventory", "-C", "{repo}", "-o", "-", "--format", "csv"], "reading the ledgers…"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_progress_on_a_terminal_is_overwritten_in_place_and_cleared(repo: Path, name: str) -> None:
    args, first = COMMANDS[name]
    argv: list[str | Path] = [str(repo) if a == "{repo}" else a for a in args]
    code, out, err = _run(argv, terminal=True)
    quiet_code, quiet_out, quiet_err = _run(argv, terminal=False)
    assert code == quiet_code
    assert out == quiet_out  # the report is the same; progress never goes to standard output
    shown = err.decode("utf-8")
    assert shown.startswith(f"\r{first}\x1b[K")
    cleared = shown.rindex("\r\x1b[K")  # the line is cleared at the end...
    assert "\n" not in shown[:cleared]  # ...after being overwritten in place, never scrolled
    # whatever the command says on standard error comes after, as it does without progress (\n: a terminal's \r\n)
    assert shown[cleared + 4 :].replace("\r\n", "\n") == quiet_err.decode("utf-8")
    assert "\x1b[K" not in quiet_err.decode("utf-8") and first not in quiet_err.decode("utf-8")


def test_import_shows_progress_on_a_terminal(repo: Path, tmp_path: Path) -> None:
    table = tmp_path / "inventory.csv"
    assert _run(["export", "inventory", "-C", repo, "-o", table], terminal=False)[0] == 0
    code, out, err = _run(["import", table, "--kind", "inventory", "-C", repo, "--dry-run"], terminal=True)
    assert code == 0
    assert b"--dry-run" in out
    assert err.decode("utf-8").startswith("\rreading the ledgers…\x1b[K")


@pytest.mark.parametrize(
    ("env", "extra"),
    [
        ({"CI": "true"}, []),  # GitHub Actions, GitLab CI and most others set CI
        ({"PRE_COMMIT": "1"}, []),  # pre-commit sets it for its hooks (and may give them a terminal)
        ({}, ["--hook"]),
        ({}, ["--no-progress"]),
    ],
    ids=["CI", "PRE_COMMIT", "--hook", "--no-progress"],
)
def test_no_progress_in_ci_hooks_or_when_refused(repo: Path, env: dict[str, str], extra: list[str]) -> None:
    code, _, err = _run(["check", repo, "--today", TODAY, "--no-cache", *extra], terminal=True, env=env)
    assert code == 0
    assert b"\x1b[K" not in err
    assert b"checking" not in err


def test_progress_in_a_pipe_only_when_asked(repo: Path) -> None:
    code, _, err = _run(["check", repo, "--today", TODAY, "--no-cache", "--progress"], terminal=False)
    assert code == 0
    lines = err.decode("utf-8").splitlines()
    assert lines and lines[0] == "checking the repository…"  # plain lines in a log: no escape codes
    assert b"\x1b" not in err and b"\r" not in err
    assert _run(["check", repo, "--today", TODAY, "--no-cache"], terminal=False)[2] == b""


def test_progress_speaks_the_repository_language(tmp_path: Path) -> None:
    ja = make_repo(
        tmp_path / "ja",
        {"inventory/a.yaml": inventory("PI-001")},
        config=CONFIG.replace("language: en", "language: ja"),
    )
    code, _, err = _run(["check", ja, "--today", TODAY, "--no-cache"], terminal=True)
    assert code == 0
    assert err.decode("utf-8").startswith("\rリポジトリをチェックしています…\x1b[K")


# -- what the history readers report, and how it is shown -------------------------------------------------


def test_reading_history_counts_commits_and_file_versions(repo: Path) -> None:
    stream = io.StringIO()
    touched = len(git(repo, "rev-list", "HEAD", "--", "inventory").split())
    assert touched > 10
    with progress.showing(stream, lambda what, count: f"{what} {count}", "log", terminal=True):
        assert progress._current is not None
        assert progress._current.state == ("log", 0)
        log = read_log(repo, ["inventory"])
        assert progress._current.state == ("commits", touched)
        with Blobs(repo) as blobs:
            for change in log.changes[log.order[0]][:1] + log.changes[log.order[1]][:1]:
                assert change.new is not None
                blobs.read(change.new)
        assert progress._current.state == ("versions", 2)
    assert progress._current is None


def test_the_line_shows_the_latest_state_and_is_cleared() -> None:
    stream = io.StringIO()
    shown = progress.Progress(stream, lambda what, count: f"{what}: {count}", delay=0, terminal=True)
    shown.interval = 0.01
    shown.update("versions", 1)
    shown.start()
    deadline = time.monotonic() + 5
    while "versions: 1" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    shown.update("versions", 2)
    while "versions: 2" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    shown.close()
    assert stream.getvalue() == "\rversions: 1\x1b[K\rversions: 2\x1b[K\r\x1b[K"


def test_nothing_is_shown_for_work_quicker_than_the_delay() -> None:
    stream = io.StringIO()
    shown = progress.Progress(stream, lambda what, count: what, delay=5, terminal=True)
    shown.update("log")
    shown.start()
    shown.close()
    assert stream.getvalue() == ""


def test_step_without_progress_does_nothing() -> None:
    assert progress._current is None
    progress.step("log")
    progress.advance("versions")
    assert progress._current is None

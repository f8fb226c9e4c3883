"""Ctrl-C at any time ends with exit code 130 and one line, never a traceback: while the command line is still
being imported, and in the middle of the work. A real process gets a real SIGINT; Python's import-time
report (PYTHONPROFILEIMPORTTIME, written to standard error as each import finishes) says how far it got. The
process sends the signal to itself, from an audit hook, at the first import after a given module has finished
loading: the signal comes at a known point, however busy the machine (a parent that reads the import report
and then signals can be late, and the command done, when the machine is loaded)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.repos import ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")

# Run pmarklint as `python -m pmarklint` does, with an audit hook that sends SIGINT to the process itself at the
# first import that starts once the module named first on the command line has finished loading.
_RUNNER = """
import os, runpy, signal, sys
target = sys.argv.pop(1)
sent = []
def hook(event, args):
    if event != "import" or sent:
        return
    module = sys.modules.get(target)
    if module is not None and not getattr(getattr(module, "__spec__", None), "_initializing", False):
        sent.append(True)
        os.kill(os.getpid(), signal.SIGINT)
sys.addaudithook(hook)
sys.argv[0] = "pmarklint"
runpy.run_module("pmarklint", run_name="__main__", alter_sys=True)
"""


def _as_in_a_terminal() -> None:
    """In the child, before Python starts: Ctrl-C does what it does in a terminal. A process started in the
    background by a shell without job control (a CI script's `cmd &`) ignores SIGINT, and its children inherit
    that; Python then installs no handler at all."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt_after(module: str, *args: str | Path, env: dict[str, str] | None = None) -> tuple[int, list[str], str]:
    """Start pmarklint with ARGS, which gets SIGINT as soon as ``module`` is imported; (exit code, the lines of
    standard error that are not the import report, the whole import report)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUNNER, module, *map(str, args)],
        cwd=ROOT,
        env={**os.environ, **(env or {}), "PYTHONPROFILEIMPORTTIME": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_in_a_terminal,
    )
    with proc:
        assert proc.stderr is not None
        report = proc.stderr.read()
        code = proc.wait(timeout=60)
    lines = [line for line in report.splitlines() if not line.startswith("import time:") and line.strip()]
    return code, lines, report


def test_ctrl_c_while_the_command_line_is_loading() -> None:
    # click is the first thing the command line imports; the signal comes while it imports the rest
    code, lines, imports = _interrupt_after("click", "check", "examples/shop", "--no-cache")
    assert code == 130
    assert lines == ["pmarklint: interrupted (Ctrl-C)"]
    assert "Traceback" not in imports
    loaded = [line.rpartition("|")[2].strip() for line in imports.splitlines()]
    assert "click" in loaded
    assert "pmarklint.check.engine" not in loaded  # the command never started its work


def test_ctrl_c_during_the_work(tmp_path: Path) -> None:
    code, lines, imports = _interrupt_after(
        "pmarklint.check.selection", "check", "examples/shop", "--no-cache", "--today", "2026-11-26"
    )
    assert code == 130
    assert lines == ["pmarklint: 中断しました(Ctrl-C)"]  # the shop's pmarklint.yaml says language: ja
    assert "Traceback" not in imports


def test_ctrl_c_in_the_locale_language_outside_a_repository(tmp_path: Path) -> None:
    code, lines, _ = _interrupt_after("click", "rules", env={"LANG": "ja_JP.UTF-8", "LC_ALL": ""})
    assert (code, lines) == (130, ["pmarklint: 中断しました(Ctrl-C)"])
